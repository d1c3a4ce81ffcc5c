//! agentdex: publishes a folder of Claude Code agent definitions as a browsable, comparable
//! static catalogue.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! discover ──> frontmatter ──> agent ──> catalog ──> render ──> site
//! (files)      (YAML, with     (model)   (slugs,     (Tera)     (staging folder,
//!               recovery)                 families)              swap into place)
//! ```

pub mod agent;
pub mod anchors;
pub mod browse;
pub mod catalog;
pub mod check;
pub mod compare;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod facets;
pub mod frontmatter;
pub mod json;
pub mod markdown;
pub mod pages;
pub mod publish;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod similarity;
pub mod site;
pub mod slug;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use rayon::prelude::*;

use agent::{Agent, Skip};
use config::Config;
use diagnostics::Diagnostic;
use pages::Project;

/// What `agentdex build` needs to know.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub agents: PathBuf,
    pub out: PathBuf,
    /// Templates that replace the embedded defaults of the same name (a missing folder is fine).
    pub templates: Option<PathBuf>,
    /// Static files copied over the embedded defaults (a missing folder is fine).
    pub static_dir: Option<PathBuf>,
    pub base_url: String,
    pub title: String,
    /// The rest of `catalog.toml`: description, repository links, family overrides, categories.
    pub config: Config,
}

/// What a build did, for the summary line and for callers.
#[derive(Debug)]
pub struct Report {
    pub agents: usize,
    pub families: usize,
    pub pages: usize,
    pub files: usize,
    /// Every warning, with the agent file it is about.
    pub warnings: Vec<(String, Diagnostic)>,
    /// Candidate files that did not become agents, and why.
    pub skipped: Vec<(String, Skip)>,
    /// Files whose text another file already has: shown once, under the first path.
    pub duplicates: usize,
    /// Every candidate file: `agents + duplicates + skipped.len()`.
    pub candidates: usize,
    /// How each collection's files were read.
    pub fidelity: report::FidelityReport,
    pub elapsed: Duration,
}

/// The outcome of reading every candidate file: each one is an agent or a skip, never lost.
pub struct Loaded {
    pub agents: Vec<Agent>,
    pub skipped: Vec<(String, Skip)>,
}

/// Files larger than this are skipped rather than read: agent files are a few kilobytes, and a
/// stray dump must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every candidate agent file under `dir`.
pub fn load(dir: &Path) -> Result<Loaded> {
    if !dir.is_dir() {
        bail!(
            "the agents folder {} does not exist; create it or point --agents at your agent files",
            dir.display()
        );
    }
    let found = discover::candidates(dir);
    if found.candidates.is_empty() && found.unreadable.is_empty() {
        bail!(
            "no agent files in {}: agentdex reads Markdown files (*.md) with a `---` frontmatter",
            dir.display()
        );
    }
    // Each file is read and modelled on its own: the per-agent work runs in parallel, and
    // `collect` keeps the candidates' order.
    let outcomes: Vec<(String, Result<Agent, Skip>)> = found
        .candidates
        .into_par_iter()
        .map(|candidate| {
            let outcome = read_file(&candidate.path, &candidate.relative);
            (candidate.relative, outcome)
        })
        .collect();
    let mut agents = Vec::with_capacity(outcomes.len());
    let mut skipped: Vec<(String, Skip)> = found
        .unreadable
        .into_iter()
        .map(|(path, reason)| (path, Skip::new(reason)))
        .collect();
    for (path, outcome) in outcomes {
        match outcome {
            Ok(agent) => agents.push(agent),
            Err(skip) => skipped.push((path, skip)),
        }
    }
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Loaded { agents, skipped })
}

/// Reads one agent file again, `relative` to the agents folder `dir`.
pub fn read_agent(dir: &Path, relative: &str) -> Result<Agent, Skip> {
    read_file(&dir.join(relative), relative)
}

/// Reads the agent in `file`, known as `relative` in messages and pages.
fn read_file(file: &Path, relative: &str) -> Result<Agent, Skip> {
    let mut agent = read_candidate(file).and_then(|raw| Agent::read(relative, raw))?;
    agent.source.file = file.to_path_buf();
    Ok(agent)
}

fn read_candidate(path: &Path) -> Result<Vec<u8>, Skip> {
    let cannot_read = |error: std::io::Error| Skip::new(format!("cannot read the file: {error}"));
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Skip::new(format!(
            "the file is {} MiB; agent files over {} MiB are not read",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(cannot_read)
}

/// Fails, listing why, when not one candidate file became an agent.
pub fn require_agents(loaded: &Loaded, dir: &Path) -> Result<()> {
    if !loaded.agents.is_empty() {
        return Ok(());
    }
    let reasons: Vec<String> = loaded
        .skipped
        .iter()
        .map(|(path, skip)| {
            format!(
                "  {}",
                skip.display_for(&dir.join(path).display().to_string())
            )
        })
        .collect();
    bail!(
        "none of the {} candidate files in {} is an agent:\n{}",
        loaded.skipped.len(),
        dir.display(),
        reasons.join("\n")
    );
}

/// Builds the whole site: reads the agents, renders every page and swaps the result into place.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    site::check_output_dir(&options.out, &options.agents)?;
    let project = Project::load(options)?;
    let staging = site::Staging::new(&options.out)?;
    let pages = project.write_all(&staging)?;
    let files = staging.files();
    staging.publish()?;

    let catalog = &project.catalog;
    let root_name = options.agents.file_name().map_or_else(
        || "agents".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let fidelity = report::fidelity(catalog, &project.skipped, &options.config, &root_name);
    let warnings = catalog
        .entries
        .iter()
        .flat_map(|e| {
            e.agent
                .diagnostics
                .iter()
                .map(|d| (e.agent.path.clone(), d.clone()))
        })
        .collect();
    Ok(Report {
        agents: catalog.entries.len(),
        families: project.variant_families().len(),
        pages,
        files,
        warnings,
        duplicates: catalog.duplicate_count(),
        candidates: catalog.entries.len() + catalog.duplicate_count() + project.skipped.len(),
        fidelity,
        skipped: project.skipped,
        elapsed: started.elapsed(),
    })
}
