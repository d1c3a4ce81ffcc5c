//! Helpers shared by the integration tests: build a site into a temporary folder and read it.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use agentdex::{BuildOptions, Report};
use serde_json::Value;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared reference material beside the repository (`../shared`), as on CI.
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("AGENTDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    assert!(
        dir.is_dir(),
        "{} is missing: these tests compare against the shared reference files (set AGENTDEX_SHARED)",
        dir.display()
    );
    dir
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
