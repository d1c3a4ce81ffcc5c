//! `agentdex convert FILE|DIR --to HARNESS`: every agent read from the input, written as the
//! target harness's file into the folder that harness reads under `--out`. An existing file is
//! kept (and the command exits with a failure) unless `--force`; file names are slugs, so no
//! name from a file can lead out of `--out`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::convert;
use crate::read::{self, agent::Agent, harness::Harness};

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to `path`, with the conversion's notes.
    Written { path: PathBuf, notes: Vec<String> },
    /// Not written: a file is already at `path` (kept as it is).
    Kept { path: PathBuf, reason: String },
}

/// What a conversion run did, in input order.
#[derive(Debug, Default)]
pub struct Report {
    /// Per agent file read: its path as given and what happened.
    pub files: Vec<(String, Outcome)>,
    /// Input files that could not be read, as `path:line: skipped: reason`, and warnings about
    /// the files that were, as `path:line: warning: ...`.
    pub problems: Vec<String>,
    /// Whether any file was skipped or kept: the command then exits with a failure.
    pub failed: bool,
}

impl Report {
    /// The report as printed: one line per file, its notes indented under it.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (source, outcome) in &self.files {
            match outcome {
                Outcome::Written { path, notes } => {
                    out.push_str(&format!("wrote {} (from {source})\n", path.display()));
                    for note in notes {
                        out.push_str(&format!("  note: {note}\n"));
                    }
                }
                Outcome::Kept { path, reason } => {
                    out.push_str(&format!(
                        "kept {} (from {source}): {reason}\n",
                        path.display()
                    ));
                }
            }
        }
        out
    }
}

/// Converts the agent file `input`, or every agent file under the folder `input`, for `to`,
/// writing into `out`'s folder for that harness.
pub fn run(input: &Path, to: Harness, out: &Path, force: bool) -> Result<Report> {
    let mut report = Report::default();
    let agents: Vec<(String, Agent)> = if input.is_dir() {
        let loaded = read::load(input)?;
        for (path, skip) in &loaded.skipped {
            report
                .problems
                .push(skip.display_for(&shown(input, path)).to_string());
            report.failed = true;
        }
        loaded
            .agents
            .into_iter()
            .map(|agent| (shown(input, &agent.path), agent))
            .collect()
    } else {
        let shown = input.display().to_string();
        let folder = input.parent().unwrap_or(Path::new(""));
        let name = input
            .file_name()
            .with_context(|| format!("{shown} is not a file"))?
            .to_string_lossy();
        let agent = read::read_agent(folder, &name)
            .map_err(|skip| anyhow::anyhow!("{}", skip.display_for(&shown)))?;
        vec![(shown, agent)]
    };
    let mut written = BTreeSet::new();
    for (source, agent) in agents {
        for diagnostic in &agent.diagnostics {
            report
                .problems
                .push(diagnostic.display_for(&source).to_string());
        }
        let converted = convert::convert(&agent, to);
        let path = out.join(converted.folder()).join(&converted.file_name);
        let outcome = if written.contains(&path) {
            Outcome::Kept {
                path,
                reason: "an agent converted earlier in this run was written there".to_string(),
            }
        } else {
            let bytes = converted.bytes(&agent, &agent.source.read()?);
            match write_file(&path, &bytes, force)? {
                true => {
                    written.insert(path.clone());
                    Outcome::Written {
                        path,
                        notes: converted.notes,
                    }
                }
                false => Outcome::Kept {
                    path,
                    reason: "the file exists; --force overwrites it".to_string(),
                },
            }
        };
        report.failed |= matches!(outcome, Outcome::Kept { .. });
        report.files.push((source, outcome));
    }
    Ok(report)
}

/// A path under the input folder as messages show it.
fn shown(input: &Path, relative: &str) -> String {
    input.join(relative).display().to_string()
}

/// Writes `bytes` to `path`, creating its folder; `false` when the file exists and `force` is
/// off (the check and the creation are one step, so a file made meanwhile is not overwritten).
fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<bool> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot write {}", path.display()));
        }
    };
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}
