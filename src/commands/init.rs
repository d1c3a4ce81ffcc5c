//! `agentdex init` and `agentdex new`: the files a new catalogue project starts with (an example
//! agent, `catalog.toml`, `.gitignore`, a GitHub Pages workflow) and new agent files. Nothing is
//! overwritten unless the caller says so.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The GitHub Actions workflow `init` writes: builds with agentdex and deploys with GitHub's
/// official Pages actions.
const PAGES_WORKFLOW: &str = include_str!("init/pages.yml");

const CATALOG_TOML: &str = include_str!("init/catalog.toml");

const GITIGNORE: &str = "/site\n";

/// The name of the example agent `init` writes.
pub const EXAMPLE_AGENT: &str = "code-reviewer";

/// An agent file with a valid frontmatter, a description with one example, and a body to edit.
pub fn agent_file(name: &str) -> String {
    format!(
        r#"---
name: {name}
description: |
  Use this agent when the user asks for a review of code they just wrote. Describe here, in
  a sentence or two, when Claude should hand work to this agent.

  <example>
  Context: The user has finished a change and wants a second look.
  user: "Can you review the function I just wrote?"
  assistant: "I'll use the {name} agent to review it."
  <commentary>
  A finished change and a request for review is what this agent is for.
  </commentary>
  </example>
tools: Read, Grep, Glob
model: sonnet
---

You are {name}. Say here what the agent does, step by step.

## Process

1. Read the code in question and what it touches.
2. Note each problem with its file and line.

## Output Format

- A short verdict.
- Each finding: where, what, and a suggested fix.
"#
    )
}

/// Refuses, naming them, when any of `paths` exists and `force` is off.
fn refuse_existing(paths: &[PathBuf], force: bool) -> Result<()> {
    let existing: Vec<String> = paths
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !force && !existing.is_empty() {
        bail!(
            "refusing to overwrite {}; pass --force to replace {}",
            existing.join(", "),
            if existing.len() == 1 { "it" } else { "them" }
        );
    }
    Ok(())
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// The GitHub Pages workflow, pinned to this version of agentdex and to the repository whose
/// releases it installs from (both from Cargo.toml).
fn pages_workflow() -> String {
    PAGES_WORKFLOW
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{repository}", env!("CARGO_PKG_REPOSITORY"))
}

/// Scaffolds a catalogue project in `dir`; returns the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let example = agent_file(EXAMPLE_AGENT);
    let workflow = pages_workflow();
    let files: Vec<(PathBuf, &str)> = vec![
        (dir.join(format!("agents/{EXAMPLE_AGENT}.md")), &example),
        (dir.join(crate::config::FILE_NAME), CATALOG_TOML),
        (dir.join(".gitignore"), GITIGNORE),
        (dir.join(".github/workflows/pages.yml"), &workflow),
    ];
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    refuse_existing(&paths, force)?;
    for (path, contents) in &files {
        write_file(path, contents)?;
    }
    Ok(paths)
}

/// Writes `agents_dir/NAME.md`; returns its path.
pub fn new_agent(agents_dir: &Path, name: &str, force: bool) -> Result<PathBuf> {
    let valid = !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        bail!(
            "`{name}` is not a valid agent name: use lowercase letters, digits and hyphens, such as `api-reviewer`"
        );
    }
    let path = agents_dir.join(format!("{name}.md"));
    refuse_existing(std::slice::from_ref(&path), force)?;
    write_file(&path, &agent_file(name))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::agent::{Agent, Role};
    use crate::read::frontmatter::Reading;

    #[test]
    fn a_new_agent_reads_cleanly_with_one_example() -> Result<()> {
        let agent = Agent::read("a.md", agent_file("api-reviewer").into_bytes())
            .map_err(|skip| anyhow::anyhow!(skip.reason))?;
        assert_eq!(agent.reading, Reading::Strict);
        assert!(agent.diagnostics.is_empty(), "{:?}", agent.diagnostics);
        assert_eq!(agent.name, "api-reviewer");
        assert_eq!(agent.model.as_deref(), Some("sonnet"));
        assert_eq!(agent.description.examples.len(), 1);
        let roles: Vec<Role> = agent.description.examples[0]
            .turns
            .iter()
            .map(|t| t.role)
            .collect();
        assert_eq!(
            roles,
            vec![Role::Context, Role::User, Role::Assistant, Role::Commentary]
        );
        assert_eq!(
            agent.return_format.map(|rf| rf.title),
            Some("Output Format".to_string())
        );
        Ok(())
    }

    #[test]
    fn new_rejects_bad_names_and_existing_files() -> Result<()> {
        let dir = tempfile::tempdir()?;
        for bad in ["", "Has Caps", "-x", "a/b", "../up"] {
            let error = new_agent(dir.path(), bad, false).expect_err("bad name");
            assert!(
                error.to_string().contains("not a valid agent name"),
                "{error}"
            );
        }
        let path = new_agent(dir.path(), "api-reviewer", false)?;
        assert_eq!(path, dir.path().join("api-reviewer.md"));
        std::fs::write(&path, "mine")?;
        let error = new_agent(dir.path(), "api-reviewer", false).expect_err("exists");
        assert_eq!(
            error.to_string(),
            format!(
                "refusing to overwrite {}; pass --force to replace it",
                path.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&path)?, "mine");
        new_agent(dir.path(), "api-reviewer", true)?;
        assert_eq!(std::fs::read_to_string(&path)?, agent_file("api-reviewer"));
        Ok(())
    }

    #[test]
    fn init_writes_nothing_when_any_file_exists() -> Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join(".gitignore"), "keep\n")?;
        let error = init(dir.path(), false).expect_err("exists");
        assert!(
            error.to_string().contains(".gitignore; pass --force"),
            "{error}"
        );
        assert!(!dir.path().join("agents").exists());
        assert!(!dir.path().join("catalog.toml").exists());
        let written = init(dir.path(), true)?;
        assert_eq!(written.len(), 4);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore"))?,
            GITIGNORE
        );
        Ok(())
    }

    #[test]
    fn the_scaffolded_config_is_the_defaults() -> Result<()> {
        let config = crate::config::Config::parse(CATALOG_TOML, "catalog.toml")?;
        assert_eq!(config, crate::config::Config::default());
        Ok(())
    }
}
