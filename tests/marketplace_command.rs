//! `agentdex marketplace` and the marketplace rules of `agentdex check`, through the binary:
//! the file written for `agents/` and for the vendored collections validates against
//! SchemaStore's published schema (vendored in `tests/schemas/`) and against Claude Code's
//! naming rules; a second run changes nothing; a hand edit survives; the catalogue built from
//! it shows the plugins with their `/plugin` commands; `check` finds what the file misses.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{agentdex, repo_root, stderr, stdout};
use serde_json::Value;

/// Marketplace names Claude Code reserves (its marketplace documentation), written out here
/// rather than taken from agentdex.
const RESERVED: &[&str] = &[
    "claude-code-marketplace",
    "claude-code-plugins",
    "claude-plugins-official",
    "anthropic-marketplace",
    "anthropic-plugins",
    "agent-skills",
    "knowledge-work-plugins",
    "life-sciences",
];

fn schema() -> jsonschema::Validator {
    let path = repo_root().join("tests/schemas/claude-code-marketplace.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("json");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn kebab(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Checks `file` against the schema and Claude Code's rules; returns it.
fn assert_valid(file: &Path) -> Value {
    let text = std::fs::read_to_string(file).expect("written");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    let name = value["name"].as_str().expect("name");
    assert!(kebab(name) && !RESERVED.contains(&name), "{name}");
    let mut names = BTreeSet::new();
    for plugin in value["plugins"].as_array().expect("plugins") {
        let plugin_name = plugin["name"].as_str().expect("plugin name");
        assert!(kebab(plugin_name), "{plugin_name}");
        assert!(names.insert(plugin_name.to_string()), "{plugin_name} twice");
    }
    value
}

/// A project folder with `agents/` copied from `from`.
fn project_with(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(from, &dir.path().join("agents"));
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .map(|e| e.expect("entry"))
    {
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The agent files of `agents` as the written file should list them: relative to the
/// repository, `.md`, read by agentdex as agents (checked through `agents.json` of a build).
fn agent_files(project: &Path) -> BTreeSet<String> {
    let out = project.join("probe-site");
    let built = agentdex(project, &["build", "--out", out.to_str().expect("utf-8")]);
    assert!(built.status.success(), "{}", stderr(&built));
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("agents.json")).expect("json"))
            .expect("json");
    let mut files: BTreeSet<String> = BTreeSet::new();
    for agent in json["agents"].as_array().expect("agents") {
        files.insert(format!(
            "agents/{}",
            agent["source"].as_str().expect("source")
        ));
        for other in agent["also_in"].as_array().into_iter().flatten() {
            files.insert(format!("agents/{}", other.as_str().expect("path")));
        }
    }
    std::fs::remove_dir_all(out).expect("clean");
    files
}

/// The files a marketplace file lists: each plugin's source joined with its agent paths.
fn listed_files(marketplace: &Value) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for plugin in marketplace["plugins"].as_array().expect("plugins") {
        // Plugins from elsewhere list no files here.
        let Some(source) = plugin["source"].as_str() else {
            continue;
        };
        let source = source.trim_start_matches("./").trim_end_matches('/');
        for agent in plugin["agents"].as_array().expect("agents") {
            let agent = agent.as_str().expect("path").trim_start_matches("./");
            files.insert(
                [source, agent]
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    files
}

fn run_marketplace(project: &Path, args: &[&str]) -> Value {
    let mut all = vec!["marketplace"];
    all.extend_from_slice(args);
    let output = agentdex(project, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_valid(&project.join(".claude-plugin/marketplace.json"))
}

#[test]
fn the_reference_agents_become_a_valid_marketplace_that_a_second_run_leaves_alone() {
    let project = project_with(&repo_root().join("agents"));
    let dir = project.path();
    let written = run_marketplace(
        dir,
        &["--name", "reference-agents", "--owner", "Reference Team"],
    );
    assert_eq!(written["name"], "reference-agents");
    assert_eq!(written["owner"]["name"], "Reference Team");
    assert_eq!(listed_files(&written), agent_files(dir));
    let file = dir.join(".claude-plugin/marketplace.json");
    let first = std::fs::read(&file).expect("read");
    let again = agentdex(dir, &["marketplace"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).starts_with("unchanged:"),
        "{}",
        stdout(&again)
    );
    assert_eq!(std::fs::read(&file).expect("read"), first, "byte for byte");
}

#[test]
fn every_vendored_collection_becomes_a_valid_marketplace_listing_each_agent_file() {
    let corpora = repo_root().join("tests/corpora/claude-code");
    for collection in [
        "0xfurai__claude-code-subagents",
        "lst97__claude-code-sub-agents",
        "VoltAgent__awesome-claude-code-subagents",
        "davila7__claude-code-templates",
    ] {
        let project = project_with(&corpora.join(collection));
        let dir = project.path();
        // A vendored collection's own marketplace files are in `agents/`; the repository's is
        // the one written.
        let written = run_marketplace(dir, &["--name", "vendored", "--owner", "Tests"]);
        assert_eq!(listed_files(&written), agent_files(dir), "{collection}");
        // One plugin per folder of agent files.
        let folders: BTreeSet<String> = agent_files(dir)
            .iter()
            .map(|f| {
                f.rsplit_once('/')
                    .map_or(String::new(), |(d, _)| d.to_string())
            })
            .collect();
        assert_eq!(
            written["plugins"].as_array().map(Vec::len),
            Some(folders.len()),
            "{collection}"
        );
        let fresh = project_with(&corpora.join(collection));
        let single = run_marketplace(fresh.path(), &["--single", "--name", "one", "--owner", "T"]);
        assert_eq!(single["plugins"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            listed_files(&single),
            agent_files(fresh.path()),
            "{collection}"
        );
    }
}

#[test]
fn a_hand_edit_survives_and_new_agent_files_are_added() {
    let project = project_with(&repo_root().join("agents"));
    let dir = project.path();
    std::fs::write(
        dir.join("catalog.toml"),
        "repository = \"https://github.com/acme/agent-kit\"\n",
    )
    .expect("write");
    let written = run_marketplace(dir, &[]);
    // Without flags, the name and the owner come from the repository.
    assert_eq!(written["name"], "agent-kit");
    assert_eq!(written["owner"]["name"], "acme");
    let file = dir.join(".claude-plugin/marketplace.json");
    let mut edited = written.clone();
    edited["metadata"] = serde_json::json!({"description": "Acme's agents", "version": "3.0.0"});
    edited["x-team"] = Value::from("platform");
    let plugin = &mut edited["plugins"][0];
    plugin["description"] = Value::from("Written by a person");
    plugin["version"] = Value::from("1.4.0");
    plugin["keywords"] = serde_json::json!(["review", "quality"]);
    edited["plugins"]
        .as_array_mut()
        .expect("plugins")
        .push(serde_json::json!({
            "name": "hosted-elsewhere",
            "source": {"source": "github", "repo": "acme/more-agents"}
        }));
    std::fs::write(
        &file,
        serde_json::to_string_pretty(&edited).expect("json") + "\n",
    )
    .expect("write");
    let first_folder = edited["plugins"][0]["source"]
        .as_str()
        .expect("source")
        .trim_start_matches("./")
        .to_string();
    std::fs::write(
        dir.join(&first_folder).join("newcomer.md"),
        "---\nname: newcomer\ndescription: Arrived later.\n---\nBody.\n",
    )
    .expect("write");
    let updated = run_marketplace(dir, &[]);
    for pointer in [
        "/metadata",
        "/x-team",
        "/plugins/0/description",
        "/plugins/0/version",
        "/plugins/0/keywords",
    ] {
        assert_eq!(
            updated.pointer(pointer),
            edited.pointer(pointer),
            "{pointer}"
        );
    }
    let last = updated["plugins"]
        .as_array()
        .and_then(|p| p.last())
        .expect("a plugin");
    assert_eq!(
        last["name"], "hosted-elsewhere",
        "a plugin agentdex did not make stays, in place"
    );
    assert!(
        updated["plugins"][0]["agents"]
            .as_array()
            .expect("agents")
            .contains(&Value::from("./newcomer.md"))
    );
    assert_eq!(listed_files(&updated), agent_files(dir));
    // The catalogue built from it shows the plugins and both `/plugin` commands.
    let out = dir.join("site");
    let built = agentdex(dir, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let name = updated["plugins"][0]["name"].as_str().expect("name");
    let page =
        std::fs::read_to_string(out.join(format!("plugins/{name}.html"))).expect("plugin page");
    assert!(
        page.contains("/plugin marketplace add acme/agent-kit"),
        "{page}"
    );
    assert!(page.contains(&format!("/plugin install {name}@agent-kit")));
    assert!(page.contains("Written by a person"));
}

#[test]
fn check_reports_unlisted_agent_files_and_missing_ones_at_the_json_s_line_and_column() {
    let project = project_with(&repo_root().join("agents"));
    let dir = project.path();
    run_marketplace(dir, &["--name", "acme", "--owner", "Acme"]);
    let clean = agentdex(dir, &["check"]);
    assert!(
        !stdout(&clean).contains("agent-unlisted") && !stdout(&clean).contains("lists:"),
        "{}",
        stdout(&clean)
    );
    // One file more, one listed file gone.
    let file = dir.join(".claude-plugin/marketplace.json");
    let text = std::fs::read_to_string(&file).expect("read");
    let value: Value = serde_json::from_str(&text).expect("json");
    let plugin = &value["plugins"][0];
    let folder = plugin["source"]
        .as_str()
        .expect("source")
        .trim_start_matches("./")
        .to_string();
    let gone = plugin["agents"][0].as_str().expect("path").to_string();
    std::fs::remove_file(dir.join(&folder).join(gone.trim_start_matches("./"))).expect("remove");
    std::fs::write(
        dir.join("agents/extra.md"),
        "---\nname: extra\ndescription: Not listed.\n---\nBody.\n",
    )
    .expect("write");
    let output = agentdex(dir, &["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("json report");
    let manifest = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(".claude-plugin/marketplace.json"))
        })
        .expect("a report on the marketplace file");
    let position = |needle: &str| -> (u64, u64) {
        let at = text.find(needle).expect(needle);
        let line = 1 + text[..at].matches('\n').count();
        let column = 1 + text[..at]
            .rsplit('\n')
            .next()
            .expect("line")
            .chars()
            .count();
        (line as u64, column as u64)
    };
    let found = |kind: &str| -> Vec<(u64, u64, String)> {
        manifest["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["kind"] == kind)
            .map(|d| {
                (
                    d["line"].as_u64().expect("line"),
                    d["column"].as_u64().expect("column"),
                    d["message"].as_str().expect("message").to_string(),
                )
            })
            .collect()
    };
    let missing = found("agent-file-missing");
    assert_eq!(missing.len(), 1, "{manifest:#}");
    assert_eq!(
        (missing[0].0, missing[0].1),
        position(&format!("\"{gone}\""))
    );
    let unlisted = found("agent-unlisted");
    assert_eq!(unlisted.len(), 1, "{manifest:#}");
    assert_eq!((unlisted[0].0, unlisted[0].1), position("["));
    assert!(
        unlisted[0].2.contains("agents/extra.md"),
        "{}",
        unlisted[0].2
    );
    let strict = agentdex(dir, &["check", "--strict"]);
    assert!(!strict.status.success());
}

#[test]
fn a_file_that_is_not_json_is_never_overwritten() {
    let project = project_with(&repo_root().join("agents"));
    let dir = project.path();
    let file = dir.join(".claude-plugin/marketplace.json");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    let broken = "{\n  \"name\": \"acme\",\n  oops\n}\n";
    std::fs::write(&file, broken).expect("write");
    let output = agentdex(dir, &["marketplace", "--owner", "A"]);
    assert!(!output.status.success());
    let error = serde_json::from_str::<Value>(broken).expect_err("broken");
    let expected = format!(
        ".claude-plugin/marketplace.json:{}:{}: error: not valid JSON",
        error.line(),
        error.column()
    );
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), broken);
    // And a reserved name is refused before anything is written.
    std::fs::remove_file(&file).expect("remove");
    let reserved = agentdex(
        dir,
        &[
            "marketplace",
            "--name",
            "claude-plugins-official",
            "--owner",
            "A",
        ],
    );
    assert!(!reserved.status.success());
    assert!(
        stderr(&reserved).contains("reserved for official Anthropic use"),
        "{}",
        stderr(&reserved)
    );
    assert!(!file.exists());
}
