//! The other harnesses' real files (`tests/corpora/harness`) built together with the Claude Code
//! collections: every file accounted for, each harness's fields checked against counts this test
//! computes from the files itself, exact fields of one real file per harness, and bad input in
//! harness folders shown with its line.

mod common;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use agentdex::read::agent::Agent;
use agentdex::read::capability::{Capability, Grant};
use agentdex::read::harness::Harness;
use common::{build, corpora_dir};
use serde_json::Value;

/// Both corpora side by side in one agents folder (symlinks, which discovery follows).
struct Both {
    dir: tempfile::TempDir,
}

impl Both {
    fn new() -> Both {
        let dir = tempfile::tempdir().expect("temp dir");
        for corpus in ["claude-code", "harness"] {
            std::os::unix::fs::symlink(corpora_dir().join(corpus), dir.path().join(corpus))
                .expect("symlink");
        }
        Both { dir }
    }
}

static BOTH: LazyLock<Both> = LazyLock::new(Both::new);
static BUILT: LazyLock<common::Built> = LazyLock::new(|| build(BOTH.dir.path()));

const NOT_AGENTS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "changelog",
    "contributing",
    "code_of_conduct",
    "claude",
];
const HARNESS_FOLDERS: &[&str] = &[
    ".claude/agents",
    ".github/agents",
    ".github/chatmodes",
    ".opencode/agents",
    ".opencode/agent",
    ".gemini/agents",
    ".codex/agents",
    ".cursor/agents",
    ".factory/droids",
];

/// The files a reader of the folder should consider, by this test's own walk: Markdown files
/// (not project files) and TOML files holding `developer_instructions` or in `.codex/agents/`,
/// outside hidden folders other than the harness folders.
fn candidates(root: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(true) {
        let entry = entry.expect("entry");
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .expect("inside")
            .to_string_lossy()
            .to_string();
        let hidden_ok = relative
            .split('/')
            .collect::<Vec<_>>()
            .iter()
            .enumerate()
            .all(|(i, part)| {
                !part.starts_with('.') || {
                    let rest = relative.split('/').skip(i).collect::<Vec<_>>().join("/");
                    HARNESS_FOLDERS
                        .iter()
                        .any(|f| rest.starts_with(&format!("{f}/")))
                }
            });
        if !hidden_ok || relative.contains(".claude-plugin/") {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_lowercase();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let text =
            String::from_utf8_lossy(&std::fs::read(entry.path()).expect("read")).into_owned();
        let markdown =
            (name.ends_with(".md") || name.ends_with(".markdown")) && !NOT_AGENTS.contains(&stem);
        let toml = name.ends_with(".toml")
            && (relative.contains(".codex/agents/") || text.contains("developer_instructions"));
        if markdown || toml {
            found.push((relative, entry.path().to_path_buf()));
        }
    }
    found
}

fn agents() -> Vec<Value> {
    BUILT.json()["agents"].as_array().expect("agents").clone()
}

/// Files (an agent and the copies shown as it) per agent matching `keep`.
fn files_of(keep: impl Fn(&Value) -> bool) -> usize {
    agents()
        .iter()
        .filter(|a| keep(a))
        .map(|a| 1 + a["also_in"].as_array().map_or(0, Vec::len))
        .sum()
}

#[test]
fn every_file_of_both_corpora_is_an_agent_a_duplicate_or_skipped() {
    let expected = candidates(BOTH.dir.path()).len();
    let total = &BUILT.report.fidelity.total;
    assert_eq!(total.files, expected);
    assert_eq!(
        total.agents + total.duplicates + total.skipped.len(),
        expected
    );
    let by_harness: usize = total.harnesses.values().sum();
    assert_eq!(by_harness, total.agents + total.duplicates);
}

/// Agents defined inside an `opencode.json` are not listed, and the build says so for each
/// such file with the number of agents its map holds.
#[test]
fn agents_defined_in_opencode_json_are_named_as_not_listed() {
    let mut expected: Vec<(String, usize)> = walkdir::WalkDir::new(BOTH.dir.path())
        .follow_links(true)
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_name() == "opencode.json")
        .filter_map(|e| {
            let json: Value =
                serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json");
            let count = json["agent"].as_object().map_or(0, |map| map.len());
            (count > 0).then(|| (e.path().display().to_string(), count))
        })
        .collect();
    expected.sort();
    assert!(!expected.is_empty(), "the corpus has an agent map");
    let mut said: Vec<(String, usize)> = BUILT
        .report
        .file_warnings
        .iter()
        .filter(|(_, d)| d.kind == "config-agents")
        .map(|(file, d)| {
            let count = d
                .message
                .split_once("defines ")
                .and_then(|(_, rest)| rest.split_once(' '))
                .and_then(|(n, _)| n.parse().ok())
                .expect("a count");
            (file.clone(), count)
        })
        .collect();
    said.sort();
    assert_eq!(said, expected);
}

#[test]
fn each_harness_reads_as_many_files_as_its_folders_and_names_hold() {
    let files = candidates(BOTH.dir.path());
    let count = |keep: &dyn Fn(&str, &str) -> bool| {
        files
            .iter()
            .filter(|(relative, path)| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                keep(relative, &text)
            })
            .count()
    };
    let harness = |id: &'static str| move |a: &Value| a["harness"] == id;
    let copilot = count(&|r, _| {
        r.ends_with(".agent.md") || r.ends_with(".chatmode.md") || r.contains(".github/agents/")
    });
    assert_eq!(files_of(harness("copilot")), copilot);
    let codex = count(&|r, _| r.ends_with(".toml"));
    assert_eq!(files_of(harness("codex")), codex);
    let read_only =
        count(&|r, text| r.ends_with(".toml") && text.contains("sandbox_mode = \"read-only\""));
    let sandboxed = |mode: &'static str| {
        move |a: &Value| a["harness"] == "codex" && a["capabilities"]["grant"]["mode"] == mode
    };
    assert_eq!(files_of(sandboxed("read-only")), read_only);
    assert!(read_only > 90, "VoltAgent's 98 read-only agents");
    let cursor_readonly =
        count(&|r, text| r.contains(".cursor/agents/") && text.contains("\nreadonly: true"));
    assert_eq!(
        files_of(|a| a["harness"] == "cursor" && a["capabilities"]["grant"]["mode"] == "readonly"),
        cursor_readonly
    );
    let opencode = count(&|r, _| r.contains(".opencode/agent"));
    assert_eq!(files_of(harness("opencode")), opencode);
    let gemini = count(&|r, text| {
        r.contains(".gemini/agents/") || (text.starts_with("---") && text.contains("\nkind: local"))
    });
    assert!(files_of(harness("gemini-cli")) >= gemini && gemini >= 59);
    let factory = count(&|r, text| r.contains("droids/") && text.starts_with("---"));
    assert_eq!(files_of(harness("factory")), factory);
}

fn read(relative: &str) -> Agent {
    let path = corpora_dir().join("harness").join(relative);
    Agent::read(relative, std::fs::read(&path).expect("read")).expect("an agent")
}

fn ids(agent: &Agent) -> Vec<&'static str> {
    agent.capabilities.set.iter().map(|c| c.id()).collect()
}

/// Each agent's raw file is its source, byte for byte, under the ending its harness reads, and
/// its page's one-line install puts it into its own harness's project folder.
#[test]
fn raw_files_and_install_lines_follow_each_agent_s_own_harness() {
    for agent in agents() {
        let harness: Harness = serde_json::from_value(agent["harness"].clone()).expect("a harness");
        let slug = agent["id"].as_str().expect("id");
        let raw_url = agent["raw_url"].as_str().expect("raw_url");
        let ending = if harness == Harness::Codex {
            "toml"
        } else {
            "md"
        };
        assert_eq!(raw_url, format!("raw/{slug}.{ending}"));
        let source = BOTH
            .dir
            .path()
            .join(agent["source"].as_str().expect("source"));
        let raw = std::fs::read(BUILT.out.join(raw_url)).expect("raw file");
        assert!(raw == std::fs::read(&source).expect("source"), "{raw_url}");

        let page = BUILT.html(agent["url"].as_str().expect("url"));
        let selector = scraper::Selector::parse("#install-command").expect("selector");
        let command: String = page
            .select(&selector)
            .next()
            .expect("an install line")
            .text()
            .collect();
        let folder = harness.project_folder();
        let name = format!("{slug}{}", harness.file_suffix());
        assert!(
            command.starts_with(&format!(
                "mkdir -p {folder} && curl -fsSL -o {folder}/{name} "
            )),
            "{command}"
        );
    }
}

#[test]
fn one_real_file_of_each_harness_reads_exactly() {
    let codex =
        read("VoltAgent__awesome-codex-subagents/categories/01-core-development/api-designer.toml");
    assert_eq!(codex.harness, Harness::Codex);
    assert_eq!(codex.name, "api-designer");
    assert_eq!(codex.model.as_deref(), Some("gpt-5.4"));
    assert_eq!(codex.extra["model_reasoning_effort"], "high");
    assert!(
        codex
            .body
            .starts_with("Design APIs as long-lived contracts")
    );
    assert_eq!(
        codex.capabilities.grant,
        Grant::Sandbox {
            mode: "read-only".into()
        }
    );
    assert_eq!(ids(&codex), ["read", "search"]);

    let gemini =
        read("JosephHampton__awesome-gemini-cli-subagents/agents/core-development/api-designer.md");
    assert_eq!(gemini.harness, Harness::GeminiCli);
    assert_eq!(gemini.extra["kind"], "local");
    assert_eq!(gemini.extra["max_turns"], 20);
    assert_eq!(gemini.model.as_deref(), Some("gemini-3-pro-preview"));
    assert_eq!(gemini.model_tier(), "other");
    assert_eq!(ids(&gemini), ["read", "edit", "search"]);
    assert_eq!(
        gemini.capabilities.named[&Capability::Read],
        ["read_file", "read_many_files"]
    );

    let cursor = read("ArangoGutierrez__promptsLibrary/.cursor/agents/api-reviewer.md");
    assert_eq!(cursor.harness, Harness::Cursor);
    assert_eq!(cursor.model_tier(), "inherit");
    assert!(cursor.capabilities.is_read_only());

    let droid = read("dpratesi__everything-droid/droids/architect.md");
    assert_eq!(droid.harness, Harness::Factory);
    assert_eq!(ids(&droid), ["read", "search"]);

    let opencode = read("shahboura__agents-opencode/.opencode/agents/brutal-critic.md");
    assert_eq!(opencode.harness, Harness::OpenCode);
    assert_eq!(opencode.name, "brutal-critic");
    assert_eq!(opencode.extra["mode"], "subagent");
    assert_eq!(opencode.capabilities.grant, Grant::HarnessDefault);
    assert_eq!(
        ids(&opencode),
        ["read", "search", "web"],
        "everything else is denied"
    );

    let copilot = read("github__awesome-copilot/agents/CSharpExpert.agent.md");
    assert_eq!(copilot.harness, Harness::Copilot);
    assert_eq!(copilot.name, "C# Expert");
    assert_eq!(copilot.capabilities.grant, Grant::Inherited);
}

#[test]
fn bad_input_in_harness_folders_is_shown_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |relative: &str, text: &str| {
        let path = dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        ".codex/agents/broken.toml",
        "name = \"broken\"\ndescription = \"d\"\nsandbox_mode = \ndeveloper_instructions = '''\nStill read.\n'''\n",
    );
    write(
        ".gemini/agents/broken.md",
        "---\nname: broken-yaml\ndescription: a: b: c\ntools: [read_file\n---\nBody\n",
    );
    write(
        ".codex/agents/bomb.toml",
        &format!(
            "name = \"bomb\"\nx = {}1{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    let built = build(dir.path());
    let agents = built.json()["agents"].as_array().expect("agents").clone();
    let find = |source: &str| {
        agents
            .iter()
            .find(|a| a["source"] == source)
            .unwrap_or_else(|| panic!("{source}"))
    };
    let toml = find(".codex/agents/broken.toml");
    assert_eq!(toml["harness"], "codex");
    assert_eq!(toml["name"], "broken");
    let warning = &toml["warnings"][0];
    assert_eq!(
        (
            warning["kind"].as_str(),
            warning["line"].as_u64(),
            warning["column"].as_u64()
        ),
        (Some("toml-syntax"), Some(3), Some(16))
    );
    let page = built.read(toml["url"].as_str().expect("url"));
    assert!(
        page.contains("Still read."),
        "the instructions are the body"
    );
    let yaml = find(".gemini/agents/broken.md");
    assert_eq!(yaml["harness"], "gemini-cli");
    assert!(
        yaml["warnings"]
            .as_array()
            .is_some_and(|w| w.iter().any(|w| w["line"].as_u64() >= Some(2)))
    );
    let bomb = find(".codex/agents/bomb.toml");
    assert_eq!(bomb["warnings"][0]["kind"], "toml-syntax");
}

#[test]
fn the_docs_table_of_tool_names_is_the_table_readers_use() {
    use agentdex::read::harness::names::TOOLS;
    let docs =
        std::fs::read_to_string(common::repo_root().join("docs/harnesses.md")).expect("docs");
    let table = docs
        .split("<!-- names-table")
        .nth(1)
        .and_then(|rest| rest.split("<!-- /names-table -->").next())
        .expect("the names table");
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| "))
        .skip(1)
        .collect();
    let harnesses = [
        Harness::ClaudeCode,
        Harness::Copilot,
        Harness::OpenCode,
        Harness::GeminiCli,
        Harness::Factory,
    ];
    let expected: Vec<String> = TOOLS
        .iter()
        .map(|row| {
            let cells: Vec<String> = harnesses
                .iter()
                .map(|h| row.name_in(*h).map_or(String::new(), |n| format!("`{n}`")))
                .collect();
            format!(
                "| {} | {} |",
                row.capability.map_or("", Capability::id),
                cells.join(" | ")
            )
        })
        .collect();
    assert_eq!(rows, expected);
}
