//! agentdex: publishes a folder of AI agent definitions as a browsable, comparable static
//! catalogue.
//!
//! One pipeline, one folder per stage; each stage uses only the stages before it:
//!
//! ```text
//! read ─────────────> catalog ───────────────> site
//! (discover, front-    (slugs, families,         (render with Tera, pages, search index,
//!  matter, the agent    comparisons, facets,      agents.json, Pages files; written to a
//!  model, Markdown)     fidelity report)          staging folder and swapped into place)
//! ```
//!
//! [`build`] runs all of it. `commands/` holds the other commands, each around the pipeline:
//! `check` stops after reading, `serve` keeps the built site in memory, `init` writes a project.

pub mod catalog;
pub mod commands;
pub mod config;
pub mod convert;
pub mod read;
pub mod site;

use std::time::{Duration, Instant};

use anyhow::Result;

use catalog::Catalog;
use config::BuildOptions;
use read::agent::Skip;
use read::diagnostics::Diagnostic;
use site::Project;

/// What a build did, for the summary line and for callers.
#[derive(Debug)]
pub struct Report {
    pub agents: usize,
    pub families: usize,
    pub pages: usize,
    pub files: usize,
    /// The size of every file written.
    pub bytes: u64,
    /// Why the site is too large for GitHub or GitLab Pages, when it is.
    pub too_large: Option<String>,
    /// Every warning, with the agent file it is about.
    pub warnings: Vec<(String, Diagnostic)>,
    /// Warnings about files that are not agents (plugin manifests, harness configurations),
    /// with the file as messages name it.
    pub file_warnings: Vec<(String, Diagnostic)>,
    /// Candidate files that did not become agents, and why.
    pub skipped: Vec<(String, Skip)>,
    /// Files whose text another file already has: shown once, under the first path.
    pub duplicates: usize,
    /// Every candidate file: `agents + duplicates + skipped.len()`.
    pub candidates: usize,
    /// How each collection's files were read.
    pub fidelity: catalog::report::FidelityReport,
    pub elapsed: Duration,
}

/// Builds the whole site: reads the agents, renders every page and swaps the result into place.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    site::output::check_output_dir(&options.out, &options.agents)?;
    let project = load_project(options)?;
    let staging = site::output::Staging::new(&options.out)?;
    let pages = project.write_all(&staging)?;
    let (files, bytes) = (staging.files(), staging.bytes());
    staging.publish()?;

    let catalog = &project.catalog;
    let root_name = options.agents.file_name().map_or_else(
        || "agents".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let fidelity =
        catalog::report::fidelity(catalog, &project.skipped, &options.config, &root_name);
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
        bytes,
        too_large: site::publish::too_large_for_pages(files, bytes),
        warnings,
        file_warnings: project.file_warnings.clone(),
        duplicates: catalog.duplicate_count(),
        candidates: catalog.entries.len() + catalog.duplicate_count() + project.skipped.len(),
        fidelity,
        skipped: project.skipped,
        elapsed: started.elapsed(),
    })
}

/// Reads the agents and the templates, and groups the agents into a catalogue: everything a
/// site is made from. Fails like `build` does.
pub fn load_project(options: &BuildOptions) -> Result<Project> {
    let config = &options.config;
    let loaded = read::load_with(&options.agents, &|path| config.harness_of(path))?;
    read::require_agents(&loaded, &options.agents)?;
    let manifests = read_marketplaces(options);
    let catalog = Catalog::build(
        loaded.agents,
        &options.config.families,
        manifests.marketplaces,
    );
    let mut project = Project::new(catalog, loaded.skipped, options)?;
    project.file_warnings = manifests.warnings;
    project.file_warnings.extend(
        loaded
            .config_warnings
            .into_iter()
            .map(|(relative, warning)| {
                (options.agents.join(relative).display().to_string(), warning)
            }),
    );
    Ok(project)
}

/// Reads the plugin marketplaces of a build: in the repository, the agents folder and each
/// `[[sources]]` folder.
pub fn read_marketplaces(options: &BuildOptions) -> read::marketplace::Loaded {
    let sources: Vec<&str> = options
        .config
        .sources
        .iter()
        .map(|s| s.folder.as_str())
        .collect();
    let roots = read::marketplace::roots(options.project.as_deref(), &options.agents, &sources);
    read::marketplace::load(&options.agents, &roots)
}
