//! Discovery: which files under the agents folder are candidate agent definitions.
//!
//! Candidates are Markdown files (`.md`, `.markdown`) and Codex's TOML agents (`.toml` files in
//! `.codex/agents/`, or holding `developer_instructions`), found recursively, in a stable order.
//! Project files that are not agents (README, LICENSE, CHANGELOG, ...) and hidden folders are
//! passed over quietly, except the folders harnesses read agents from (`.github/agents/`,
//! `.opencode/agents/`, `.gemini/agents/`, `.codex/agents/`, `.cursor/agents/`,
//! `.factory/droids/`, `.claude/agents/`); so are the folders of plugin manifests
//! (`.claude-plugin/`), which `read::marketplace` reads. OpenCode's `opencode.json` files are
//! listed apart: they are not agent files, but can define agents.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A candidate agent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the agents folder, with `/` separators: how it is named to users.
    pub relative: String,
}

const NOT_AGENTS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "changelog",
    "contributing",
    "code_of_conduct",
    "claude",
];

/// Whether a file is a candidate agent file by its name: Markdown, and not a project file.
pub fn is_candidate(path: &Path) -> bool {
    let is_markdown = has_extension(path, &["md", "markdown"]);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    is_markdown && !NOT_AGENTS.contains(&stem.as_str())
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// TOML files larger than this are not looked into for `developer_instructions`.
const TOML_PEEK_BYTES: u64 = 1024 * 1024;

/// Whether a TOML file is a Codex agent: in a `.codex/agents/` folder, or anywhere else when it
/// sets `developer_instructions` (Codex collections keep their agents in their own folders).
pub fn is_codex_agent(path: &Path, relative: &str) -> bool {
    if !has_extension(path, &["toml"]) {
        return false;
    }
    if relative.contains(".codex/agents/") {
        return true;
    }
    std::fs::metadata(path).is_ok_and(|m| m.len() <= TOML_PEEK_BYTES)
        && std::fs::read_to_string(path).is_ok_and(|text| {
            text.lines()
                .any(|line| line.trim_start().starts_with("developer_instructions"))
        })
}

/// Whether a file is a harness configuration that can define agents inline.
pub fn is_agent_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::read::harness::opencode_config::FILE_NAMES.contains(&n))
}

/// Whether discovery goes into a folder (or looks at a file): not hidden, unless it is (or
/// leads to) a folder a harness reads agents from, and not a manifest folder.
fn is_walked(entry: &walkdir::DirEntry, root: &Path) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    if is_manifest_folder(entry) {
        return false;
    }
    // `.opencode/opencode.json`: the hidden folder is walked for its agents folder, and the
    // configuration beside it can define agents too.
    if entry.file_type().is_file() && is_agent_config(entry.path()) {
        return true;
    }
    walks_into(&relative_to(root, entry.path()))
}

/// Whether a path relative to the agents folder is outside hidden folders, or inside (or on the
/// way to) a hidden folder a harness reads agents from.
fn walks_into(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    let Some(hidden) = parts.iter().rposition(|part| part.starts_with('.')) else {
        return true;
    };
    let from_hidden = parts[hidden..].join("/");
    crate::read::harness::detect::FOLDERS
        .iter()
        .filter(|(folder, _)| folder.starts_with('.'))
        .any(|(folder, _)| {
            from_hidden == *folder
                || from_hidden.starts_with(&format!("{folder}/"))
                || (parts.len() - hidden == 1 && folder.split('/').next() == Some(parts[hidden]))
        })
}

/// Whether a file at `relative` (to the agents folder, `/` separators) is one discovery reads,
/// or may have been one: for `serve`, which hears of files one at a time, some of them deleted.
/// A `.toml` counts wherever discovery walks (it may be a Codex agent, or just stopped being one).
pub fn may_be_agent(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    let walked = (1..=parts.len()).all(|n| walks_into(&parts[..n].join("/")))
        && !parts.contains(&crate::read::marketplace::MANIFEST_DIR);
    let path = Path::new(relative);
    walked && (is_candidate(path) || has_extension(path, &["toml"]))
}

/// Whether a folder holds manifests rather than agents, whatever else discovery reads.
fn is_manifest_folder(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && entry.file_name() == crate::read::marketplace::MANIFEST_DIR
}

/// The candidate files under a folder, and the entries that could not be looked at.
#[derive(Debug, Default)]
pub struct Found {
    pub candidates: Vec<Candidate>,
    /// Paths (relative, or as the walker gave them) that could not be read, and why: an
    /// unreadable folder, a broken symlink, a symlink loop.
    pub unreadable: Vec<(String, String)>,
    /// Harness configuration files that can define agents inline (`opencode.json`), which the
    /// read stage looks into to say what is not listed.
    pub configs: Vec<Candidate>,
}

/// Lists the candidate agent files under `root`, sorted by relative path. Symlinks are followed;
/// a loop is reported, not followed again.
pub fn candidates(root: &Path) -> Found {
    let mut found = Found::default();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| is_walked(entry, root));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let reason = match error.loop_ancestor() {
                    Some(ancestor) => format!(
                        "a symlink loop back to {}; not followed again",
                        relative_to(root, ancestor)
                    ),
                    None => error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string),
                };
                found.unreadable.push((relative_to(root, &path), reason));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = relative_to(root, entry.path());
        if is_agent_config(entry.path()) {
            found.configs.push(Candidate {
                path: entry.path().to_path_buf(),
                relative,
            });
            continue;
        }
        if !is_candidate(entry.path()) && !is_codex_agent(entry.path(), &relative) {
            continue;
        }
        found.candidates.push(Candidate {
            path: entry.path().to_path_buf(),
            relative,
        });
    }
    found.candidates.sort_by(|a, b| a.relative.cmp(&b.relative));
    found.configs.sort_by(|a, b| a.relative.cmp(&b.relative));
    found.unreadable.sort();
    found
}

/// `path` relative to `root` with `/` separators; the whole path when it is outside `root`.
fn relative_to(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_agents_and_skips_project_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("core/.hidden"))?;
        for file in [
            "b.md",
            "README.md",
            "LICENSE",
            "core/a.markdown",
            "core/notes.txt",
            "core/.hidden/x.md",
            ".github/agents/c.agent.md",
            ".github/ISSUE_TEMPLATE/bug.md",
            ".opencode/agent/team/r.md",
            ".git/x.md",
            ".codex/agents/a.toml",
            ".codex/config.toml",
            ".opencode/opencode.json",
            "tools/opencode.json",
            "categories/api.toml",
            "Cargo.toml",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("a folder"))?;
            let text = if file == "categories/api.toml" {
                "name = \"api\"\ndeveloper_instructions = \"x\"\n"
            } else {
                "---\nname: x\n---\n"
            };
            std::fs::write(path, text)?;
        }
        let all = candidates(root);
        let configs: Vec<&str> = all.configs.iter().map(|c| c.relative.as_str()).collect();
        assert_eq!(configs, [".opencode/opencode.json", "tools/opencode.json"]);
        let found: Vec<String> = all.candidates.into_iter().map(|c| c.relative).collect();
        for file in &found {
            assert!(may_be_agent(file), "{file}");
        }
        for file in [
            ".git/x.md",
            "core/.hidden/x.md",
            ".github/ISSUE_TEMPLATE/bug.md",
        ] {
            assert!(!may_be_agent(file), "{file}");
        }
        assert!(may_be_agent(".codex/agents/gone.toml"));
        assert_eq!(
            found,
            vec![
                ".codex/agents/a.toml",
                ".github/agents/c.agent.md",
                ".opencode/agent/team/r.md",
                "b.md",
                "categories/api.toml",
                "core/a.markdown"
            ]
        );
        Ok(())
    }
}
