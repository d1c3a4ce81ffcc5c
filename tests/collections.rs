//! The public collections in `tests/corpora/claude-code`: every file accounted for, and the fidelity
//! report's numbers checked against expectations computed here, independently of agentdex, and
//! against the PyYAML measurements in STATS.md.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use common::{build, corpora_dir};
use serde_json::Value;

const COLLECTIONS: &[&str] = &[
    "0xfurai__claude-code-subagents",
    "VoltAgent__awesome-claude-code-subagents",
    "davepoon__buildwithclaude",
    "davila7__claude-code-templates",
    "lst97__claude-code-sub-agents",
];

/// What the test itself finds in one collection's files.
#[derive(Debug, Default)]
struct Expected {
    files: usize,
    duplicates: usize,
    examples: usize,
}

/// Markdown files in path order, with their text: what a reader of the folder would list.
fn markdown_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            let text =
                String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")).into_owned();
            (relative, text)
        })
        .collect();
    files.sort();
    files
}

/// The text between the opening `---` line and the next line starting with `---`.
fn frontmatter(text: &str) -> &str {
    let after_opening = text.strip_prefix("---").unwrap_or("");
    after_opening.split("\n---").next().unwrap_or("")
}

fn expectations(corpora: &Path) -> BTreeMap<String, Expected> {
    let mut seen_texts: HashSet<String> = HashSet::new();
    let mut expected: BTreeMap<String, Expected> = BTreeMap::new();
    for (path, text) in markdown_files(corpora) {
        let Some((collection, _)) = path.split_once('/') else {
            continue;
        };
        let entry = expected.entry(collection.to_string()).or_default();
        entry.files += 1;
        let normalised: String = text
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n");
        if !seen_texts.insert(normalised.trim().to_string()) {
            entry.duplicates += 1;
        }
        entry.examples += frontmatter(&text)
            .to_ascii_lowercase()
            .matches("<example>")
            .count();
    }
    expected
}

/// The numbers STATS.md gives for a collection: agent files and strict-YAML failures.
fn stats_md(corpora: &Path, collection: &str) -> (usize, usize) {
    let stats = std::fs::read_to_string(corpora.join("STATS.md")).expect("STATS.md");
    let section = stats
        .split("\n## ")
        .find(|s| s.starts_with(&format!("`{collection}`")))
        .unwrap_or_else(|| panic!("{collection} in STATS.md"));
    let bold_number = |label: &str| -> usize {
        let line = section.lines().find(|l| l.contains(label)).expect(label);
        let start = line.find("**").expect("bold") + 2;
        let end = start + line[start..].find("**").expect("bold end");
        line[start..end].parse().expect("number")
    };
    (
        bold_number("agent files (start with"),
        bold_number("frontmatter failing strict YAML"),
    )
}

/// One build of all the collections, shared by the tests.
static BUILT: LazyLock<common::Built> = LazyLock::new(|| build(&corpora_dir().join("claude-code")));

#[test]
fn every_collection_is_read_file_by_file() {
    let corpora = corpora_dir().join("claude-code");
    let built = &*BUILT;
    let report = &built.report.fidelity;
    let expected = expectations(&corpora);
    let by_name: BTreeMap<&str, _> = report
        .collections
        .iter()
        .map(|c| (c.name.as_str(), c))
        .collect();

    for collection in COLLECTIONS {
        let got = by_name[collection];
        let want = &expected[*collection];
        let (agent_files, yaml_failures) = stats_md(&corpora, collection);
        assert_eq!(got.files, want.files, "{collection}: files");
        assert_eq!(got.files, agent_files, "{collection}: files per STATS.md");
        assert_eq!(
            got.files,
            got.agents + got.duplicates + got.skipped.len(),
            "{collection}"
        );
        assert!(got.skipped.is_empty(), "{collection}: {:?}", got.skipped);
        assert_eq!(got.duplicates, want.duplicates, "{collection}: duplicates");
        assert_eq!(
            got.yaml_quoted + got.yaml_lenient,
            yaml_failures,
            "{collection}: strict-YAML failures recovered, per STATS.md"
        );
        assert_eq!(got.examples, want.examples, "{collection}: examples");
    }
    // SOURCES.md and STATS.md sit beside the collections: not agents, and said so.
    let root = by_name["claude-code"];
    assert_eq!(root.skipped.len(), 2);
    assert!(
        root.skipped
            .iter()
            .all(|s| s.reason.starts_with("no frontmatter"))
    );
    assert_eq!(built.report.candidates, report.total.files);
}

#[test]
fn every_agent_of_every_collection_has_its_page_and_raw_file() {
    let corpora = corpora_dir().join("claude-code");
    let built = &*BUILT;
    let json = built.json();
    let agents = json["agents"].as_array().expect("agents");
    assert_eq!(agents.len(), built.report.agents);
    for agent in agents {
        let id = agent["id"].as_str().expect("id");
        assert!(
            built.out.join(format!("agents/{id}.html")).is_file(),
            "{id}"
        );
        let raw = std::fs::read(built.out.join(format!("raw/{id}.md"))).expect("raw");
        let source = agent["source"].as_str().expect("source");
        assert!(
            raw == std::fs::read(corpora.join(source)).expect("source"),
            "{source}"
        );
        // No markup of the description is left in the summary.
        let summary = agent["summary"].as_str().expect("summary");
        assert!(!summary.contains("<example>"), "{source}");
        assert!(!summary.contains("\\n"), "{source}");
    }
    // The buildwithclaude mirror folder repeats the per-category plugins: shown once.
    let mirrored: Vec<&Value> = agents
        .iter()
        .filter(|a| {
            a["also_in"].as_array().is_some_and(|paths| {
                paths.iter().any(|p| {
                    p.as_str()
                        .is_some_and(|p| p.contains("/plugins/all-agents/"))
                })
            })
        })
        .collect();
    assert!(mirrored.len() > 100, "{}", mirrored.len());
}

/// The five collections and the seeds in one catalogue, each a `[[sources]]` entry with its
/// license: every file accounted for, and every card and page saying where it comes from.
#[test]
fn several_collections_build_into_one_catalogue_with_their_provenance() {
    let corpora = corpora_dir().join("claude-code");
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    std::fs::create_dir_all(&agents).expect("mkdir");
    let mut config = String::new();
    for collection in COLLECTIONS {
        std::os::unix::fs::symlink(corpora.join(collection), agents.join(collection))
            .expect("link");
        let (owner, repo) = collection.split_once("__").expect("owner__repo");
        config.push_str(&format!(
            "[[sources]]\nfolder = \"{collection}\"\nname = \"{owner}/{repo}\"\nlicense = \"MIT\"\nhomepage = \"https://github.com/{owner}/{repo}\"\n\n"
        ));
    }
    // The seeds as this repository keeps them: agents/ holds them as Markdown.
    std::os::unix::fs::symlink(common::repo_root().join("agents"), agents.join("seeds"))
        .expect("link");
    config.push_str("[[sources]]\nfolder = \"seeds\"\nname = \"Reference seeds\"\n");
    let mut options = common::options(&agents, &dir.path().join("site"));
    options.config = agentdex::config::Config::parse(&config, "catalog.toml").expect("config");
    let report = agentdex::build(&options).expect("builds");

    let names: Vec<&str> = report
        .fidelity
        .collections
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            "0xfurai/claude-code-subagents",
            "Reference seeds",
            "VoltAgent/awesome-claude-code-subagents",
            "davepoon/buildwithclaude",
            "davila7/claude-code-templates",
            "lst97/claude-code-sub-agents",
        ]
    );
    assert_eq!(report.fidelity.total.files, 1091 + 5);
    assert_eq!(
        report.agents + report.duplicates + report.skipped.len(),
        report.candidates
    );
    let page = std::fs::read_to_string(dir.path().join("site/agents/api-designer.html"))
        .expect("VoltAgent's api-designer page");
    assert!(
        page.contains(
            "<a href=\"https://github.com/VoltAgent/awesome-claude-code-subagents\">VoltAgent/awesome-claude-code-subagents</a> · MIT license"
        ),
        "provenance on the page"
    );
}
