//! The `agentdex` binary: exit codes, messages, output folder handling, template overrides.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{agentdex, project, stderr, stdout};

fn all_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(root)
                .expect("inside")
                .display()
                .to_string();
            (relative, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

#[test]
fn build_prints_warnings_like_a_compiler_and_a_summary() {
    let dir = project();
    let output = agentdex(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("agents/backend-engineer.md:3:511: warning: frontmatter is not valid YAML"),
        "{err}"
    );
    assert!(
        err.contains("agents/backend-reliability-engineer.md:5:140: warning:"),
        "{err}"
    );
    let out = stdout(&output);
    assert!(
        out.starts_with(
            "agentdex: 5 files: 5 agents (1 variant families), 0 duplicates shown once, 0 skipped, 4 warnings; 9 pages,"
        ),
        "{out}"
    );
    assert!(dir.path().join("site/index.html").is_file());
    assert!(dir.path().join("site/agents.json").is_file());
    assert!(dir.path().join("site/static/style.css").is_file());
}

#[test]
fn missing_or_empty_input_is_an_error_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = agentdex(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: the agents folder agents does not exist"),
        "{}",
        stderr(&output)
    );

    std::fs::create_dir_all(dir.path().join("agents")).expect("mkdir");
    std::fs::write(dir.path().join("agents/README.md"), "# About\n").expect("write");
    let output = agentdex(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: no agent files in agents"),
        "{}",
        stderr(&output)
    );

    std::fs::write(dir.path().join("agents/notes.md"), "# Just notes\n").expect("write");
    let output = agentdex(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "agents/notes.md:1: skipped: no frontmatter: the file does not start with a `---` line"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: none of the 1 candidate files in agents is an agent:\n"),
        "{err}"
    );
    assert!(!dir.path().join("site").exists(), "nothing written");
}

#[test]
fn refuses_to_replace_the_input_or_project_folder() {
    let dir = project();
    for out in ["agents", ".", "/"] {
        let output = agentdex(dir.path(), &["build", "--out", out]);
        assert_eq!(output.status.code(), Some(1), "--out {out}");
        assert!(
            stderr(&output).contains("refusing to write the site to"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("agents"))
            .expect("agents")
            .count(),
        5
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_in_place() {
    let dir = project();
    assert!(agentdex(dir.path(), &["build"]).status.success());
    let before = all_files(&dir.path().join("site"));

    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("agent.html"),
        "{{ agent.card.name | no_such_filter }}",
    )
    .expect("write");
    let output = agentdex(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: a template does not compile"),
        "{}",
        stderr(&output)
    );
    assert_eq!(all_files(&dir.path().join("site")), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("project")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder left: {leftovers:?}"
    );
}

#[test]
fn user_templates_and_static_files_override_the_defaults() {
    let dir = project();
    std::fs::create_dir_all(dir.path().join("templates")).expect("mkdir");
    std::fs::write(
        dir.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block main %}<p id=\"mine\">{{ agent_count }} agents</p>{% endblock main %}",
    )
    .expect("write");
    std::fs::create_dir_all(dir.path().join("static")).expect("mkdir");
    std::fs::write(dir.path().join("static/style.css"), "/* mine */").expect("write");
    std::fs::write(dir.path().join("static/logo.svg"), "<svg/>").expect("write");
    let output = agentdex(dir.path(), &["build", "--title", "My agents"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let index = std::fs::read_to_string(dir.path().join("site/index.html")).expect("index");
    assert!(index.contains("<p id=\"mine\">5 agents</p>"), "{index}");
    assert!(
        index.contains("<title>My agents</title>"),
        "base.html still the default: {index}"
    );
    let css = std::fs::read_to_string(dir.path().join("site/static/style.css")).expect("css");
    assert_eq!(css, "/* mine */");
    assert!(dir.path().join("site/static/logo.svg").is_file());
    assert!(
        dir.path().join("site/static/app.js").is_file(),
        "defaults still there"
    );
}

#[test]
fn same_input_gives_the_same_bytes() {
    let dir = project();
    assert!(
        agentdex(dir.path(), &["build", "--out", "one"])
            .status
            .success()
    );
    assert!(
        agentdex(dir.path(), &["build", "--out", "two"])
            .status
            .success()
    );
    let one = all_files(&dir.path().join("one"));
    let two = all_files(&dir.path().join("two"));
    let (search, pages): (Vec<&String>, Vec<&String>) =
        one.keys().partition(|path| path.starts_with("search/"));
    // index, 5 agent pages, 5 raw files, 1 comparison, 1 pair diff, the compare view,
    // agents.json, feed.xml, 404.html, robots.txt, .nojekyll, 6 static files (no sitemap.xml
    // without a base URL)
    assert_eq!(pages.len(), 25, "{pages:?}");
    assert!(search.contains(&&"search/docs.json".to_string()));
    assert!(one == two, "two builds differ");
}
