//! The read stage: agent files on disk become [`Agent`]s. Owns discovery (which files are
//! candidates), the frontmatter reader with its recovery, the agent model, Markdown, and the
//! per-agent work done while reading (the MinHash signature used later to find variants).
//! Nothing here knows about other agents or about pages.

pub mod agent;
pub mod capability;
pub mod diagnostics;
pub mod discover;
pub mod frontmatter;
pub mod harness;
pub mod markdown;
pub mod marketplace;
pub mod similarity;
pub mod slug;
pub mod trust;

use std::path::Path;

use anyhow::{Result, bail};
use rayon::prelude::*;

use agent::{Agent, Skip};
use diagnostics::Diagnostic;

/// The outcome of reading every candidate file: each one is an agent or a skip, never lost.
pub struct Loaded {
    pub agents: Vec<Agent>,
    pub skipped: Vec<(String, Skip)>,
    /// What the harness configuration files among them define and the catalogue does not list
    /// (`opencode.json`'s agent map), by relative path.
    pub config_warnings: Vec<(String, Diagnostic)>,
}

/// Files larger than this are skipped rather than read: agent files are a few kilobytes, and a
/// stray dump must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every candidate agent file under `dir`, each for the harness its path and content say.
pub fn load(dir: &Path) -> Result<Loaded> {
    load_with(dir, &|_| None)
}

/// The harness set for a file by its path relative to the agents folder (`[[sources]]`), if set.
pub type HarnessOf<'a> = &'a (dyn Fn(&str) -> Option<harness::Harness> + Sync);

/// Reads every candidate agent file under `dir`; `harness_of` sets the harness of files whose
/// path and content cannot tell it.
pub fn load_with(dir: &Path, harness_of: HarnessOf) -> Result<Loaded> {
    if !dir.is_dir() {
        bail!(
            "the agents folder {} does not exist; create it or point --agents at your agent files",
            dir.display()
        );
    }
    let found = discover::candidates(dir);
    let config_warnings = config_warnings(&found.configs);
    if found.candidates.is_empty() && found.unreadable.is_empty() {
        bail!(
            "no agent files in {}: agentdex reads Markdown files (*.md) with a `---` frontmatter and Codex TOML agents",
            dir.display()
        );
    }
    // Each file is read and modelled on its own: the per-agent work runs in parallel, and
    // `collect` keeps the candidates' order.
    let outcomes: Vec<(String, Result<Agent, Skip>)> = found
        .candidates
        .into_par_iter()
        .map(|candidate| {
            let harness = harness_of(&candidate.relative);
            let outcome = read_file(&candidate.path, &candidate.relative, harness);
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
    Ok(Loaded {
        agents,
        skipped,
        config_warnings,
    })
}

/// The warnings of harness configuration files (`discover::Found::configs`): the agents they
/// define that the catalogue does not list. A file that cannot be read is one warning too.
pub fn config_warnings(configs: &[discover::Candidate]) -> Vec<(String, Diagnostic)> {
    use harness::opencode_config::{MAX_BYTES, unread_agents};
    configs
        .iter()
        .filter_map(|config| {
            let text = match std::fs::metadata(&config.path) {
                Ok(meta) if meta.len() > MAX_BYTES => return None,
                Ok(_) => std::fs::read(&config.path),
                Err(error) => Err(error),
            };
            let warning = match text {
                Ok(bytes) => unread_agents(&String::from_utf8_lossy(&bytes))?,
                Err(error) => Diagnostic::warning(
                    "config-unread",
                    1,
                    format!("cannot read the file ({error}): agents it may define are not listed"),
                ),
            };
            Some((config.relative.clone(), warning))
        })
        .collect()
}

/// Reads one agent file again, `relative` to the agents folder `dir`.
pub fn read_agent(dir: &Path, relative: &str) -> Result<Agent, Skip> {
    read_file(&dir.join(relative), relative, None)
}

/// Reads one agent file again as written for `harness` (`None`: as its path and content say).
pub fn read_agent_as(
    dir: &Path,
    relative: &str,
    harness: Option<harness::Harness>,
) -> Result<Agent, Skip> {
    read_file(&dir.join(relative), relative, harness)
}

/// Reads the agent in `file`, known as `relative` in messages and pages.
fn read_file(
    file: &Path,
    relative: &str,
    harness: Option<harness::Harness>,
) -> Result<Agent, Skip> {
    let mut agent = read_candidate(file).and_then(|raw| Agent::read_as(relative, raw, harness))?;
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
