//! `init`, `new`, `check` and `catalog.toml` through the binary: exit codes, messages, JSON, and
//! `check --fix` on every file of `agents/`.

mod common;

use std::path::Path;

use agentdex::read::frontmatter::{self, Reading};
use common::{agentdex, repo_root, stderr, stdout};
use serde_json::Value;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn init_then_build_gives_a_pages_ready_site() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = agentdex(dir.path(), &["init", "project"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "created project/agents/code-reviewer.md\ncreated project/catalog.toml\ncreated project/.gitignore\ncreated project/.github/workflows/pages.yml\n"
    );
    let project = dir.path().join("project");
    let workflow =
        std::fs::read_to_string(project.join(".github/workflows/pages.yml")).expect("workflow");
    for step in [
        "uses: actions/upload-pages-artifact@",
        "uses: actions/deploy-pages@",
        "run: agentdex build --base-url",
        "pages: write",
        "id-token: write",
        "name: Install agentdex",
    ] {
        assert!(workflow.contains(step), "workflow lacks {step}");
    }
    // The version and repository it installs (tests/workflows.rs checks how).
    for pinned in [
        format!("AGENTDEX_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
        format!("AGENTDEX_REPOSITORY: \"{}\"", env!("CARGO_PKG_REPOSITORY")),
    ] {
        assert!(workflow.contains(&pinned), "workflow lacks {pinned}");
    }
    let output = agentdex(&project, &["check", "--strict"]);
    assert_eq!(
        stdout(&output),
        "checked 1 file: 0 errors, 0 warnings\n",
        "{}",
        stderr(&output)
    );
    assert!(output.status.success());
    let output = agentdex(
        &project,
        &["build", "--base-url", "https://you.github.io/catalog/"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let site = project.join("site");
    for file in [
        "index.html",
        "agents/code-reviewer.html",
        "404.html",
        ".nojekyll",
        "static/favicon.svg",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    let read = |f: &str| std::fs::read_to_string(site.join(f)).expect("read");
    assert_eq!(
        read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://you.github.io/catalog/sitemap.xml\n"
    );
    assert!(
        read("sitemap.xml").contains(
            "<url><loc>https://you.github.io/catalog/agents/code-reviewer.html</loc></url>"
        )
    );
    let feed = read("feed.xml");
    // The entry's id is the address the page had before pages were files: ids never change.
    assert!(feed.contains(
        "<id>https://you.github.io/catalog/agents/code-reviewer/</id>\n    <link rel=\"alternate\" href=\"https://you.github.io/catalog/agents/code-reviewer.html\"/>"
    ));
    assert_eq!(feed.matches("<entry>").count(), 1);
    let page = read("agents/code-reviewer.html");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://you.github.io/catalog/agents/code-reviewer.html\">"
    ));
    assert!(page.contains(
        "<meta property=\"og:url\" content=\"https://you.github.io/catalog/agents/code-reviewer.html\">"
    ));
    assert!(page.contains("<link rel=\"icon\" href=\"../static/favicon.svg\""));
    assert!(
        !page.contains("live-reload"),
        "built pages never load serve's script"
    );
    let not_found = read("404.html");
    assert!(not_found.contains("href=\"/catalog/static/style.css\""));
    assert!(not_found.contains("href=\"/catalog/index.html\""));
}

#[test]
fn init_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("catalog.toml"), "title = \"Mine\"\n");
    let output = agentdex(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: refusing to overwrite ./catalog.toml; pass --force to replace it\n"
    );
    assert!(!dir.path().join("agents").exists(), "nothing written");
    let output = agentdex(dir.path(), &["init", "--force"]);
    assert!(output.status.success());
    assert!(dir.path().join("agents/code-reviewer.md").is_file());
}

#[test]
fn new_writes_an_agent_that_checks_clean_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = agentdex(dir.path(), &["new", "api-reviewer"]);
    assert_eq!(stdout(&output), "created agents/api-reviewer.md\n");
    let output = agentdex(dir.path(), &["check", "--strict", "--format", "json"]);
    assert!(output.status.success(), "{}", stdout(&output));
    let output = agentdex(dir.path(), &["new", "api-reviewer"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: refusing to overwrite agents/api-reviewer.md; pass --force to replace it\n"
    );
    let output = agentdex(dir.path(), &["new", "Bad Name"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("`Bad Name` is not a valid agent name"));
}

#[test]
fn config_errors_name_the_file_and_line_and_flags_override_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    agentdex(dir.path(), &["new", "api-reviewer"]);
    write(
        &dir.path().join("catalog.toml"),
        "title = \"Acme\"\noutput = \"public\"\nrepo = \"x\"\n",
    );
    let output = agentdex(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: catalog.toml:3:1: error: unknown field `repo`"),
        "{}",
        stderr(&output)
    );
    write(
        &dir.path().join("catalog.toml"),
        "title = \"Acme\"\noutput = \"public\"\nrepository = \"https://github.com/acme/agents\"\n\n[[categories]]\nname = \"Review\"\nmatch = [\"*-reviewer\"]\n",
    );
    let output = agentdex(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = std::fs::read_to_string(dir.path().join("public/agents/api-reviewer.html"))
        .expect("page in the configured output folder");
    assert!(page.contains("<title>api-reviewer · Acme</title>"));
    // Shared links name the page; the site is named by og:site_name.
    assert!(page.contains("<meta property=\"og:title\" content=\"api-reviewer\">"));
    assert!(page.contains("<meta property=\"og:site_name\" content=\"Acme\">"));
    assert!(page.contains(
        "<a href=\"https://github.com/acme/agents/edit/main/agents/api-reviewer.md\">edit source</a>"
    ));
    assert!(page.contains("<th scope=\"row\">Category</th><td>Review</td>"));
    assert!(
        !dir.path().join("public/compare/api-reviewer.html").exists(),
        "no family yet"
    );
    agentdex(dir.path(), &["new", "code-checker"]);
    let mut config = std::fs::read_to_string(dir.path().join("catalog.toml")).expect("config");
    config.push_str("\n[families]\n\"api-reviewer\" = \"code-checker\"\n");
    write(&dir.path().join("catalog.toml"), &config);
    assert!(agentdex(dir.path(), &["build"]).status.success());
    assert!(
        dir.path()
            .join("public/compare/code-checker.html")
            .is_file(),
        "the override puts both agents in one family"
    );
    let output = agentdex(dir.path(), &["build", "--title", "Flag", "--out", "other"]);
    assert!(output.status.success());
    let page = std::fs::read_to_string(dir.path().join("other/agents/api-reviewer.html"))
        .expect("page in the flag's output folder");
    assert!(page.contains("<title>api-reviewer · Flag</title>"));
}

/// A folder with files that trip every lint rule.
fn lint_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    write(
        &agents.join("a.md"),
        "---\nname: twin\ndescription: Reviews code.\nmodel: gpt-4\ntools: Read, Frobnicate, mcp__github__search, Bash(git:*)\n---\nBody\n",
    );
    write(
        &agents.join("b.md"),
        "---\nname: twin\ndescription: Does it: all\\nagain <example>user: hi</example> <example>\n---\n",
    );
    write(&agents.join("c.md"), "---\nmodel: opus\n---\n");
    write(&agents.join("d.md"), "no frontmatter\n");
    dir
}

#[test]
fn check_reports_like_a_compiler_and_exits_1_on_errors() {
    let dir = lint_fixture();
    let output = agentdex(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "\
agents/a.md:4: warning: unknown model `gpt-4`: Claude Code takes inherit, sonnet, opus, haiku, opusplan, or a full model id such as `claude-sonnet-4-5`
agents/a.md:5:14: warning: `Frobnicate` in `tools` is not a Claude Code tool (MCP tools are named `mcp__server__tool`)
agents/b.md:2: error: duplicate name `twin`: agents/a.md:2 has it too; Claude Code loads only one of them
agents/b.md:3: warning: malformed examples: 2 `<example>` but 1 `</example>`
agents/b.md:3: warning: malformed example 1: no `assistant:` turn
agents/b.md:3: warning: malformed example 2: no `user:` or `assistant:` turn
agents/b.md:3:21: warning: frontmatter is not valid YAML (mapping values are not allowed in this context); read it by quoting the value of `description` (line 3)
agents/b.md:3:26: warning: 1 literal `\\n` in the frontmatter: Claude Code reads them as a backslash and an `n`, not line breaks; use a block scalar (`|`)
agents/c.md:1: error: no `name`: the agent is listed under its file name `c`
agents/c.md:1: error: no `description`: Claude Code uses it to decide when to call the agent
agents/d.md:1: error: no frontmatter: the file does not start with a `---` line
checked 4 files: 4 errors, 7 warnings
"
    );
}

#[test]
fn check_exit_codes_follow_strict_and_json_carries_everything() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("agents/a.md"),
        "---\nname: a\ndescription: d\ntools: Read, Frobnicate\n---\n",
    );
    assert_eq!(agentdex(dir.path(), &["check"]).status.code(), Some(0));
    let output = agentdex(dir.path(), &["check", "--strict", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({
            "files": [{
                "path": "agents/a.md",
                "diagnostics": [{
                    "severity": "warning",
                    "kind": "unknown-tool",
                    "line": 4,
                    "column": 14,
                    "message": "`Frobnicate` in `tools` is not a Claude Code tool (MCP tools are named `mcp__server__tool`)"
                }],
                "fixed": false
            }],
            "summary": {"files": 1, "errors": 0, "warnings": 1, "fixed": 0}
        })
    );
    let output = agentdex(dir.path(), &["check", "missing.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "error: missing.md does not exist\n");
}

#[test]
fn fix_rewrites_every_seed_to_valid_yaml_of_exactly_the_recovered_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut fixed = 0;
    for entry in std::fs::read_dir(repo_root().join("agents")).expect("agents") {
        let path = entry.expect("entry").path();
        let before = std::fs::read_to_string(&path).expect("seed");
        let copy = dir.path().join(path.file_name().expect("name"));
        std::fs::write(&copy, &before).expect("copy");
        let output = agentdex(
            dir.path(),
            &["check", "--fix", copy.to_str().expect("utf-8")],
        );
        let after = std::fs::read_to_string(&copy).expect("fixed file");
        let old = frontmatter::parse(&before).expect("splits");
        let new = frontmatter::parse(&after).expect("splits");
        assert_eq!(new.reading, Reading::Strict, "{}", stdout(&output));
        assert_eq!(new.body, old.body, "the body is untouched");
        let values = |doc: &frontmatter::Document| -> Vec<(String, Value)> {
            doc.fields
                .iter()
                .map(|(k, f)| (k.clone(), f.value.clone()))
                .collect()
        };
        assert_eq!(values(&new), values(&old));
        if old.reading == Reading::Strict {
            assert_eq!(after, before, "valid files are left alone");
        } else {
            fixed += 1;
            assert!(stdout(&output).contains("fixed: frontmatter rewritten as valid YAML"));
        }
    }
    assert_eq!(fixed, 4, "four seeds are not valid YAML");
}
