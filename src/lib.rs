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
pub mod compare;
pub mod diagnostics;
pub mod discover;
pub mod facets;
pub mod frontmatter;
pub mod json;
pub mod markdown;
pub mod render;
pub mod search;
pub mod site;
pub mod slug;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use rayon::prelude::*;

use agent::{Agent, Skip};
use catalog::Catalog;
use diagnostics::Diagnostic;
use render::{SiteInfo, Templates};

/// What `agentdex build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub agents: PathBuf,
    pub out: PathBuf,
    /// Templates that replace the embedded defaults of the same name (a missing folder is fine).
    pub templates: Option<PathBuf>,
    /// Static files copied over the embedded defaults (a missing folder is fine).
    pub static_dir: Option<PathBuf>,
    pub base_url: String,
    pub title: String,
    /// The agents folder's web address in its repository, for "Edit source" links.
    pub repository_url: Option<String>,
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
    /// Every candidate file: `agents + skipped.len()`.
    pub candidates: usize,
    pub elapsed: Duration,
}

/// The outcome of reading every candidate file: each one is an agent or a skip, never lost.
pub struct Loaded {
    pub agents: Vec<Agent>,
    pub skipped: Vec<(String, Skip)>,
}

impl Loaded {
    pub fn candidates(&self) -> usize {
        self.agents.len() + self.skipped.len()
    }
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
            let outcome = read_candidate(&candidate.path)
                .and_then(|raw| Agent::read(&candidate.relative, raw));
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

/// Builds the whole site: reads the agents, renders every page and swaps the result into place.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    site::check_output_dir(&options.out, &options.agents)?;
    let loaded = load(&options.agents)?;
    if loaded.agents.is_empty() {
        let reasons: Vec<String> = loaded
            .skipped
            .iter()
            .map(|(path, skip)| {
                format!(
                    "  {}",
                    skip.display_for(&options.agents.join(path).display().to_string())
                )
            })
            .collect();
        bail!(
            "none of the {} candidate files in {} is an agent:\n{}",
            loaded.skipped.len(),
            options.agents.display(),
            reasons.join("\n")
        );
    }
    let candidates = loaded.candidates();
    let catalog = Catalog::new(loaded.agents);
    let templates = Templates::load(options.templates.as_deref())?;
    let info = SiteInfo {
        title: options.title.clone(),
        base_url: options.base_url.clone(),
        repository_url: options.repository_url.clone(),
    };

    let staging = site::Staging::new(&options.out)?;
    let (search_files, pages) = rayon::join(
        || search::build(&templates, &catalog),
        || write_pages(&staging, &templates, &info, &catalog),
    );
    search_files?
        .par_iter()
        .try_for_each(|(path, bytes)| staging.write(path, bytes))?;
    let pages = pages?;
    staging.write("agents.json", json::agents_json(&catalog)?)?;
    staging.write(".nojekyll", "")?;
    staging.write_static(options.static_dir.as_deref())?;
    let files = staging.files();
    staging.publish()?;

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
        families: catalog.families.iter().filter(|f| f.has_variants()).count(),
        pages,
        files,
        warnings,
        skipped: loaded.skipped,
        candidates,
        elapsed: started.elapsed(),
    })
}

/// Renders and writes every page; returns how many.
fn write_pages(
    staging: &site::Staging,
    templates: &Templates,
    info: &SiteInfo,
    catalog: &Catalog,
) -> Result<usize> {
    let index_pages = browse::pages(templates, info, catalog)?;
    for (path, html) in &index_pages {
        staging.write(path, html)?;
    }
    // Pages are rendered and written in parallel, each dropped once written, so memory does
    // not grow with the number of pages.
    catalog.entries.par_iter().try_for_each(|entry| {
        let html = render::agent_page(templates, info, catalog, entry)?;
        staging.write(&format!("agents/{}/index.html", entry.slug), html)?;
        staging.write(&format!("raw/{}.md", entry.slug), &entry.agent.raw)
    })?;
    let variant_families: Vec<&catalog::Family> = catalog
        .families
        .iter()
        .filter(|f| f.has_variants())
        .collect();
    variant_families.par_iter().try_for_each(|family| {
        let html = render::family_page(templates, info, catalog, family)?;
        staging.write(&format!("compare/{}/index.html", family.slug), html)
    })?;
    Ok(index_pages.len() + catalog.entries.len() + variant_families.len())
}
