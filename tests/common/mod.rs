//! Helpers shared by the integration tests: build a site into a temporary folder and read it.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../../examples/gen-corpus/generate.rs"]
mod generate;

use agentdex::Report;
use agentdex::config::BuildOptions;
use serde_json::Value;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The vendored public collections: `claude-code/` and `harness/` (see tests/corpora/README.md).
pub fn corpora_dir() -> PathBuf {
    repo_root().join("tests/corpora")
}

pub struct Built {
    /// Keeps the temporary folder alive as long as the test needs it.
    pub _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub report: Report,
}

impl Built {
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.out.join(relative))
            .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.read("agents.json")).expect("agents.json parses")
    }

    pub fn html(&self, relative: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(relative))
    }
}

pub fn options(agents: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        agents: agents.to_path_buf(),
        out: out.to_path_buf(),
        templates: None,
        static_dir: None,
        base_url: String::new(),
        title: "Test catalogue".to_string(),
        ..BuildOptions::default()
    }
}

pub fn build(agents: &Path) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    let report = agentdex::build(&options(agents, &out)).expect("build succeeds");
    Built {
        _dir: dir,
        out,
        report,
    }
}

impl Built {
    /// Every link and reference in the site's HTML that does not reach a file of the site, as
    /// `page: reference`. Relative references resolve from the page's folder; `/x` resolves
    /// from the site root (the base path when no base URL is given). Other origins and
    /// fragments of the same page are not followed.
    pub fn broken_links(&self) -> Vec<String> {
        let selector = scraper::Selector::parse("[href], [src]").expect("selector");
        let mut broken = Vec::new();
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(&self.out).sort_by_file_name() {
            let entry = entry.expect("walk");
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            pages += 1;
            let page = path
                .strip_prefix(&self.out)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            let folder = page
                .rsplit_once('/')
                .map_or(String::new(), |(f, _)| format!("{f}/"));
            let html = scraper::Html::parse_document(&self.read(&page));
            for element in html.select(&selector) {
                for name in ["href", "src"] {
                    let Some(reference) = element.value().attr(name) else {
                        continue;
                    };
                    let target = reference.split(['#', '?']).next().unwrap_or_default();
                    if target.is_empty() || target.contains(':') {
                        continue;
                    }
                    let joined = match target.strip_prefix('/') {
                        Some(rooted) => rooted.to_string(),
                        None => format!("{folder}{target}"),
                    };
                    let mut parts: Vec<&str> = Vec::new();
                    let mut escapes = false;
                    for part in joined.split('/') {
                        match part {
                            ".." => escapes |= parts.pop().is_none(),
                            "." => {}
                            other => parts.push(other),
                        }
                    }
                    if escapes || !self.out.join(parts.join("/")).is_file() {
                        broken.push(format!("{page}: {reference}"));
                    }
                }
            }
        }
        assert!(pages > 0, "no HTML pages in {}", self.out.display());
        broken
    }
}

/// The text of every element matching `selector`, whitespace collapsed.
pub fn texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("valid selector");
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Runs the `agentdex` binary in `dir`.
pub fn agentdex(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentdex"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("agentdex runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A project folder with the reference agents copied into `agents/`.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    std::fs::create_dir_all(&agents).expect("agents dir");
    for entry in std::fs::read_dir(repo_root().join("agents")).expect("agents") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), agents.join(entry.file_name())).expect("copy");
    }
    dir
}

/// The flags for the project in `dir`: its `catalog.toml`, `agents/`, `templates/`, `static/`.
pub fn project_flags(dir: &Path) -> agentdex::config::Flags {
    agentdex::config::Flags {
        config: dir.join("catalog.toml"),
        agents: Some(dir.join("agents")),
        templates: dir.join("templates"),
        static_dir: dir.join("static"),
        ..agentdex::config::Flags::default()
    }
}

/// Writes `count` agent files made by the project's corpus generator from the vendored Claude
/// Code collections and the reference agents into `agents` (deterministic: same count, same
/// files).
pub fn generate_corpus(agents: &Path, count: usize) {
    let sources = [
        corpora_dir().join("claude-code"),
        repo_root().join("agents"),
    ];
    let written = generate::generate(agents, count, false, &sources).expect("gen-corpus writes");
    assert_eq!(written, count, "every generated file has a frontmatter");
}
