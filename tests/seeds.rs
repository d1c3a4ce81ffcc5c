//! The five reference agents in `agents/`: committed byte-identical to the reference seeds (their
//! SHA-256 sums are in tests/corpora/seeds.sha256), and
//! every field of the expected table read right, in `agents.json` and in the pages.

mod common;

use common::{build, corpora_dir, repo_root};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The files in `agents/`, in seed order.
const SEEDS: &[&str] = &[
    "backend-engineer.md",
    "backend-engineer-senior.md",
    "backend-engineer-hyper-focused.md",
    "backend-reliability-engineer.md",
    "backend-developer.md",
];

fn seed_slug(seed: usize) -> &'static str {
    SEEDS[seed].trim_end_matches(".md")
}

#[test]
fn agents_folder_holds_the_seeds_byte_identical() {
    let mut in_agents: Vec<String> = std::fs::read_dir(repo_root().join("agents"))
        .expect("agents/ exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    in_agents.sort();
    let mut expected: Vec<String> = SEEDS.iter().map(|file| file.to_string()).collect();
    expected.sort();
    assert_eq!(in_agents, expected, "agents/ holds exactly the five seeds");
    let sums = std::fs::read_to_string(corpora_dir().join("seeds.sha256")).expect("seeds.sha256");
    let mut checked = 0;
    for line in sums.lines() {
        let (sum, path) = line.split_once("  ").expect("`<sum>  <path>` lines");
        let bytes = std::fs::read(repo_root().join(path)).expect("seed file");
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(actual, sum, "{path} differs from the reference seed");
        checked += 1;
    }
    assert_eq!(checked, SEEDS.len(), "a sum for every seed");
}

fn seed_agents() -> (common::Built, Vec<Value>) {
    let built = build(&repo_root().join("agents"));
    let json = built.json();
    let agents = json["agents"].as_array().expect("agents list").clone();
    (built, agents)
}

fn agent(agents: &[Value], seed: usize) -> &Value {
    let slug = seed_slug(seed);
    agents
        .iter()
        .find(|a| a["id"] == slug)
        .unwrap_or_else(|| panic!("no agent {slug} in agents.json"))
}

/// One row of the expected table.
struct Expected {
    seed: usize,
    name: &'static str,
    model: &'static str,
    /// Whether the file itself names the model (absent means inherit).
    model_set: bool,
    tools: Value,
    color: Value,
    examples: usize,
    /// How the return format's Markdown starts, if the agent has one.
    return_format: Option<&'static str>,
}

#[test]
fn every_row_of_the_seed_table_is_read_right() {
    let (_built, agents) = seed_agents();
    assert_eq!(agents.len(), 5);
    let inherits_all = Value::Null;
    let table = [
        Expected {
            seed: 0,
            name: "backend-engineer",
            model: "inherit",
            model_set: true,
            tools: inherits_all.clone(),
            color: Value::Null,
            examples: 3,
            return_format: None,
        },
        Expected {
            seed: 1,
            name: "backend-engineer",
            model: "inherit",
            model_set: false,
            tools: json!([
                "Read",
                "Write",
                "Edit",
                "MultiEdit",
                "Bash",
                "Grep",
                "Glob",
                "WebSearch"
            ]),
            color: json!("orange"),
            examples: 0,
            return_format: Some("## Return Format"),
        },
        Expected {
            seed: 2,
            name: "backend-engineer",
            model: "sonnet",
            model_set: true,
            tools: inherits_all.clone(),
            color: json!("red"),
            examples: 2,
            return_format: None,
        },
        Expected {
            seed: 3,
            name: "backend-engineer",
            model: "inherit",
            model_set: false,
            tools: inherits_all.clone(),
            color: Value::Null,
            examples: 3,
            return_format: None,
        },
        Expected {
            seed: 4,
            name: "backend-developer",
            model: "inherit",
            model_set: false,
            tools: inherits_all,
            color: json!("red"),
            examples: 3,
            return_format: Some("Your output should include:"),
        },
    ];
    for row in table {
        let seed = row.seed;
        let a = agent(&agents, seed);
        assert_eq!(a["name"], row.name, "seed {seed} name");
        assert_eq!(a["model"], row.model, "seed {seed} model");
        assert_eq!(a["model_set"], row.model_set, "seed {seed} model_set");
        assert_eq!(a["tools"], row.tools, "seed {seed} tools");
        assert_eq!(a["color"], row.color, "seed {seed} color");
        assert_eq!(
            a["examples"].as_array().map(Vec::len),
            Some(row.examples),
            "seed {seed} examples"
        );
        match row.return_format {
            None => assert_eq!(a["return_format"], Value::Null, "seed {seed} return format"),
            Some(start) => {
                let text = a["return_format"].as_str().expect("return format text");
                assert!(text.starts_with(start), "seed {seed} return format: {text}");
            }
        }
        assert_eq!(a["family"], "backend-engineer", "seed {seed} family");
        assert_eq!(a["source"], SEEDS[seed]);
        assert_eq!(a["url"], format!("agents/{}.html", seed_slug(seed)));
    }
}

#[test]
fn return_formats_hold_their_whole_section() {
    let (_built, agents) = seed_agents();
    let senior = agent(&agents, 1)["return_format"].as_str().expect("text");
    assert!(senior.contains("DEPLOYMENT & OPERATIONS:"), "{senior}");
    assert!(
        senior.trim_end().ends_with("```"),
        "ends with its code block: {senior}"
    );
    assert!(
        !senior.contains("## Key Principles"),
        "stops at the next section"
    );

    let developer = agent(&agents, 4)["return_format"].as_str().expect("text");
    assert_eq!(
        developer,
        "Your output should include:\n\
         - Clean, well-commented code following language-specific conventions\n\
         - API documentation with request/response examples\n\
         - Database schemas with relationships clearly defined\n\
         - Configuration files for different environments\n\
         - Deployment instructions and infrastructure requirements\n\
         - Performance considerations and scaling strategies\n\
         - Security measures and compliance considerations"
    );
}

#[test]
fn summaries_stop_before_the_examples_and_drop_their_label() {
    let (_built, agents) = seed_agents();
    assert_eq!(
        agent(&agents, 2)["summary"],
        "Use this agent when you need backend development expertise, including writing \
         server-side code, designing APIs, implementing database schemas, optimizing \
         performance, or making architectural decisions."
    );
    assert_eq!(
        agent(&agents, 0)["summary"],
        "Use this agent when you need to work on server-side development tasks including API \
         design and implementation, database schema creation and optimization, \
         authentication/authorization systems, backend business logic, server infrastructure, \
         data processing pipelines, third-party service integrations, webhook implementations, \
         background job management, or debugging server-side issues. This agent excels at \
         building robust, secure, and scalable backend systems."
    );
    for seed in 0..5 {
        let summary = agent(&agents, seed)["summary"].as_str().expect("summary");
        assert!(!summary.contains("<example>"), "seed {seed}: {summary}");
        assert!(!summary.contains("\\n"), "seed {seed}: {summary}");
        assert!(
            !summary.trim_end().ends_with("Examples:"),
            "seed {seed}: {summary}"
        );
    }
}

#[test]
fn inline_examples_become_ordered_turns() {
    let (_built, agents) = seed_agents();
    let example = &agent(&agents, 2)["examples"][1];
    assert_eq!(
        example["context"],
        "User is working on database optimization."
    );
    assert_eq!(
        example["user"],
        "My PostgreSQL queries are running slowly on the user table"
    );
    assert_eq!(
        example["assistant"],
        "Let me use the backend-engineer agent to analyze your database performance and suggest optimizations."
    );
    assert_eq!(
        example["commentary"],
        "Database performance optimization requires backend engineering expertise to analyze queries, indexes, and suggest improvements."
    );
    let roles: Vec<&str> = example["turns"]
        .as_array()
        .expect("turns")
        .iter()
        .map(|t| t["role"].as_str().expect("role"))
        .collect();
    assert_eq!(roles, ["context", "user", "assistant", "commentary"]);
}

#[test]
fn oddly_indented_examples_are_read_whole() {
    let (_built, agents) = seed_agents();
    let examples = agent(&agents, 3)["examples"]
        .as_array()
        .expect("examples")
        .clone();
    let contexts: Vec<&str> = examples
        .iter()
        .map(|e| e["context"].as_str().expect("context"))
        .collect();
    assert_eq!(
        contexts,
        [
            "User is building a REST API for a payment processing system.",
            "User needs to review database schema for performance issues.",
            "User is implementing authentication and authorization.",
        ]
    );
    assert_eq!(
        examples[2]["user"],
        "I need to add JWT authentication to my Node.js API"
    );
    assert_eq!(
        examples[2]["commentary"],
        "Security implementation for backend services is a core competency of the backend-engineer agent."
    );
}

#[test]
fn each_recovery_is_reported_with_its_line_and_the_yaml_error() {
    let (built, agents) = seed_agents();
    let expected = [
        (
            0,
            3,
            511,
            "read it by quoting the value of `description` (line 3)",
        ),
        (
            2,
            3,
            224,
            "read it by quoting the value of `description` (line 3)",
        ),
        (
            3,
            5,
            140,
            "recovered 2 fields line by line (name, description)",
        ),
        (
            4,
            3,
            447,
            "read it by quoting the value of `description` (line 3)",
        ),
    ];
    for (seed, line, column, recovery) in expected {
        let warnings = agent(&agents, seed)["warnings"]
            .as_array()
            .expect("warnings")
            .clone();
        assert_eq!(warnings.len(), 1, "seed {seed}: {warnings:?}");
        assert_eq!(warnings[0]["line"], line, "seed {seed}");
        assert_eq!(warnings[0]["column"], column, "seed {seed}");
        let message = warnings[0]["message"].as_str().expect("message");
        assert!(
            message.starts_with("frontmatter is not valid YAML ("),
            "{message}"
        );
        assert!(message.ends_with(recovery), "seed {seed}: {message}");
    }
    assert_eq!(agent(&agents, 1)["warnings"], json!([]));
    assert_eq!(built.report.warnings.len(), 4);
    assert!(built.report.skipped.is_empty());
}

#[test]
fn the_seeds_form_one_family_with_a_comparison_page() {
    let (built, _) = seed_agents();
    assert_eq!(built.report.families, 1);
    // the index, five agents, the compare view, the family comparison and its one pair diff
    assert_eq!(built.report.pages, 1 + 5 + 1 + 1 + 1);
    let page = built.html("compare/backend-engineer.html");
    let headers = common::texts(&page, "table thead th");
    for seed in 0..5 {
        assert!(
            headers.iter().any(|h| h.contains(seed_slug(seed))),
            "column for {}: {headers:?}",
            seed_slug(seed)
        );
    }
}

/// The names in a folder of the built site, sorted.
fn names_in(built: &common::Built, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(built.out.join(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn pages_are_files_and_only_a_family_gets_a_folder_of_its_own() {
    let (built, _) = seed_agents();
    let folders: Vec<String> = walkdir::WalkDir::new(&built.out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            let relative = e.path().strip_prefix(&built.out).expect("inside");
            relative.to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(
        folders,
        [
            "agents",
            "compare",
            "compare/backend-engineer",
            "raw",
            "search",
            "search/terms",
            "search/vocab",
            "static"
        ]
    );
    let mut pages: Vec<String> = (0..5).map(|s| format!("{}.html", seed_slug(s))).collect();
    pages.sort();
    assert_eq!(names_in(&built, "agents"), pages);
    assert_eq!(
        names_in(&built, "compare"),
        ["backend-engineer", "backend-engineer.html", "index.html"]
    );
    // One pair diff is written as a page, the family's two most similar members', named by
    // the two slugs in the order of their files; the other pairs are diffed in the browser.
    let written = names_in(&built, "compare/backend-engineer");
    assert_eq!(written.len(), 1, "{written:?}");
    let pair = written[0].trim_end_matches(".html");
    let (a, b) = pair.split_once("-vs-").expect("a pair name");
    assert!(a < b, "{pair}");
    assert!(pages.contains(&format!("{a}.html")) && pages.contains(&format!("{b}.html")));
}

#[test]
fn every_link_on_every_page_reaches_a_file() {
    let (built, _) = seed_agents();
    assert_eq!(built.broken_links(), Vec::<String>::new());
}

#[test]
fn raw_downloads_are_the_files_byte_for_byte() {
    let (built, _) = seed_agents();
    for file in SEEDS {
        let raw = std::fs::read(built.out.join("raw").join(file)).expect("raw file");
        let source = std::fs::read(repo_root().join("agents").join(file)).expect("source");
        assert!(raw == source, "raw/{file}");
    }
}
