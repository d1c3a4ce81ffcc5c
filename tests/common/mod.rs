//! Helpers shared by the integration tests: build a site into a temporary folder and read it.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

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
        repository_url: None,
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
