//! `agentdex marketplace`: writes or updates `.claude-plugin/marketplace.json` at the root of
//! the repository (the folder of `catalog.toml`), so that `/plugin marketplace add owner/repo`
//! works on a plain agents folder: one plugin per category folder (or one for all), each with
//! `"strict": false` and the explicit paths of its agent files.
//!
//! An existing file is updated, not replaced: its keys stay as written, in their order, and so
//! do plugins agentdex did not make; a plugin whose folder it makes again gets its `agents`
//! list anew and keeps every other key. The same folder gives the same file, byte for byte.
//! What is written follows Claude Code's rules (kebab-case names, no reserved marketplace name,
//! unique plugin names); a file that would break them is not written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};

use crate::config::BuildOptions;
use crate::read;
use crate::read::marketplace::{MANIFEST_DIR, MARKETPLACE_FILE, rules};
use crate::read::slug::slugify;

/// How to group the agents into plugins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// One plugin per folder of agent files.
    #[default]
    PerCategory,
    /// One plugin with every agent.
    Single,
}

/// What `agentdex marketplace` was asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub name: Option<String>,
    pub owner: Option<String>,
    pub grouping: Grouping,
}

/// What it did.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub file: PathBuf,
    pub plugins: usize,
    pub agents: usize,
    /// False when the file already said exactly this.
    pub changed: bool,
}

/// A plugin made from a folder: its source folder (relative to the repository) and its agent
/// files (relative to that folder).
#[derive(Debug)]
struct Made {
    name: String,
    source: String,
    description: String,
    agents: Vec<String>,
}

/// Writes or updates the marketplace file of `options`' repository and agents folder.
pub fn run(options: &BuildOptions, request: &Request) -> Result<Outcome> {
    let root = options
        .project
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let folder = agents_folder_in(&root, &options.agents)?;
    let loaded = read::load(&options.agents)?;
    read::require_agents(&loaded, &options.agents)?;
    let file = root.join(MANIFEST_DIR).join(MARKETPLACE_FILE);
    let existing = read_existing(&file)?;
    let mut document = existing.clone().unwrap_or_default();
    let name = marketplace_name(request, &document, options, &root)?;
    document.insert("name".to_string(), Value::from(name.clone()));
    set_owner(&mut document, request, options)?;
    // Claude Code takes `.md` agent files only (the schema's pattern for agent paths).
    let paths: Vec<&str> = loaded
        .agents
        .iter()
        .map(|a| a.path.as_str())
        .filter(|p| p.ends_with(".md"))
        .collect();
    let made = plugins_of(&paths, &folder, &name, request.grouping);
    let agents = made.iter().map(|m| m.agents.len()).sum();
    let plugins = merge_plugins(document.remove("plugins"), made);
    let count = plugins.len();
    document.insert("plugins".to_string(), Value::Array(plugins));
    let document = Value::Object(document);
    validate(&document)?;
    let text = serde_json::to_string_pretty(&document)? + "\n";
    let changed = std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str());
    if changed {
        write_atomically(&file, &text)?;
    }
    Ok(Outcome {
        file,
        plugins: count,
        agents,
        changed,
    })
}

/// The agents folder relative to the repository root, with `/` separators (`""` when it is
/// the root); an error when it is not inside it.
fn agents_folder_in(root: &Path, agents: &Path) -> Result<String> {
    let absolute = |p: &Path| {
        p.canonicalize()
            .with_context(|| format!("cannot find {}", p.display()))
    };
    let (root_abs, agents_abs) = (absolute(root)?, absolute(agents)?);
    let Ok(inside) = agents_abs.strip_prefix(&root_abs) else {
        bail!(
            "the agents folder {} is not inside the repository {}: `/plugin marketplace add` reads `.claude-plugin/marketplace.json` at the repository's root, and plugins must be inside it",
            agents.display(),
            root.display()
        );
    };
    Ok(inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

/// The file as it is, as a JSON object; `None` when there is none. A file that is not a JSON
/// object is an error with its line and column: it is the user's, and is never overwritten.
fn read_existing(file: &Path) -> Result<Option<Map<String, Value>>> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", file.display())),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(Some(map)),
        Ok(_) => bail!(
            "{}:1:1: error: the marketplace file is not a JSON object; fix or remove it",
            file.display()
        ),
        Err(error) => bail!(
            "{}:{}:{}: error: not valid JSON ({error}); fix it, agentdex does not overwrite it",
            file.display(),
            error.line(),
            error.column()
        ),
    }
}

/// The marketplace's name: `--name`, or the one the file has, or the repository's name.
fn marketplace_name(
    request: &Request,
    document: &Map<String, Value>,
    options: &BuildOptions,
    root: &Path,
) -> Result<String> {
    if let Some(name) = &request.name {
        return Ok(name.clone());
    }
    if let Some(name) = document.get("name").and_then(Value::as_str) {
        return Ok(name.to_string());
    }
    let from_repository = options
        .config
        .repository
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .rsplit('/')
        .next()
        .filter(|_| !options.config.repository.is_empty())
        .map(str::to_string);
    let folder = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let name = from_repository
        .or(folder)
        .map(|n| slugify(&n))
        .unwrap_or_default();
    if name.is_empty() {
        bail!("the marketplace needs a name: pass --name NAME (kebab-case)");
    }
    Ok(name)
}

/// Sets `owner.name` from `--owner`, keeping the owner's other keys; without `--owner`, keeps
/// the file's owner or takes the repository's GitHub owner.
fn set_owner(
    document: &mut Map<String, Value>,
    request: &Request,
    options: &BuildOptions,
) -> Result<()> {
    let owner = match (
        &request.owner,
        document.get("owner").and_then(Value::as_object),
    ) {
        (Some(name), Some(existing)) => {
            let mut owner = existing.clone();
            owner.insert("name".to_string(), Value::from(name.as_str()));
            owner
        }
        (Some(name), None) => Map::from_iter([("name".to_string(), Value::from(name.as_str()))]),
        (None, Some(existing)) if existing.get("name").is_some_and(Value::is_string) => {
            return Ok(());
        }
        (None, _) => {
            let github_owner = options
                .config
                .repository
                .strip_prefix("https://github.com/")
                .and_then(|rest| rest.split('/').next())
                .filter(|owner| !owner.is_empty());
            let Some(owner) = github_owner else {
                bail!("the marketplace needs an owner: pass --owner NAME");
            };
            Map::from_iter([
                ("name".to_string(), Value::from(owner)),
                (
                    "url".to_string(),
                    Value::from(format!("https://github.com/{owner}")),
                ),
            ])
        }
    };
    document.insert("owner".to_string(), Value::Object(owner));
    Ok(())
}

/// The plugins of the agent files at `paths` (relative to the agents folder, which is at
/// `folder` in the repository).
fn plugins_of(paths: &[&str], folder: &str, marketplace: &str, grouping: Grouping) -> Vec<Made> {
    let in_repository = |relative: &str| {
        let joined = [folder, relative]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("/");
        format!("./{joined}")
    };
    let mut by_folder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in paths {
        let (dir, _) = match grouping {
            Grouping::Single => ("", *path),
            Grouping::PerCategory => path.rsplit_once('/').unwrap_or(("", path)),
        };
        by_folder.entry(dir).or_default().push(path);
    }
    let mut used = BTreeSet::new();
    by_folder
        .into_iter()
        .map(|(dir, files)| {
            let base = match slugify(&category_name(dir)) {
                s if s.is_empty() => marketplace.to_string(),
                s => s,
            };
            let mut name = base.clone();
            let mut n = 1;
            while !used.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}");
            }
            let agents: Vec<String> = files
                .iter()
                .map(|f| {
                    format!(
                        "./{}",
                        f.strip_prefix(dir).unwrap_or(f).trim_start_matches('/')
                    )
                })
                .collect();
            let shown = if dir.is_empty() {
                "the agents folder"
            } else {
                dir
            };
            Made {
                name,
                source: in_repository(dir),
                description: format!(
                    "{} agent{} from {shown}",
                    agents.len(),
                    if agents.len() == 1 { "" } else { "s" }
                ),
                agents,
            }
        })
        .collect()
}

/// A folder's name as a plugin's: its last folder that is not only a holder of agents
/// (`agents`, `categories`, ...), without a leading number (`01-core-development`).
fn category_name(dir: &str) -> String {
    const HOLDERS: &[&str] = &["agents", "categories", "plugins", "components", "src"];
    dir.split('/')
        .filter(|part| !HOLDERS.contains(&part.to_ascii_lowercase().as_str()))
        .map(|part| part.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_'))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The file's plugins with the ones made: an entry whose `source` (or else `name`) is a made
/// plugin's keeps its keys and gets the made `source` and `agents`; made plugins not in the file are added,
/// in name order, after the file's own; entries agentdex did not make stay as they are.
fn merge_plugins(existing: Option<Value>, made: Vec<Made>) -> Vec<Value> {
    let mut entries: Vec<Value> = match existing {
        Some(Value::Array(entries)) => entries,
        _ => Vec::new(),
    };
    let text =
        |entry: &Value, key: &str| entry.get(key).and_then(Value::as_str).map(str::to_string);
    let mut added = Vec::new();
    for plugin in made {
        let same_source =
            |e: &Value| text(e, "source").is_some_and(|s| same_folder(&s, &plugin.source));
        let at = entries.iter().position(same_source).or_else(|| {
            entries
                .iter()
                .position(|e| text(e, "name").as_deref() == Some(&plugin.name))
        });
        let agents = Value::from(plugin.agents.clone());
        match at.and_then(|i| entries[i].as_object_mut()) {
            Some(entry) => {
                // Agent paths are relative to the source: a plugin found by its name gets
                // the folder its agents are listed from.
                entry.insert("source".to_string(), Value::from(plugin.source.as_str()));
                entry.insert("agents".to_string(), agents);
                entry.entry("strict").or_insert(Value::Bool(false));
            }
            None => added.push(json!({
                "name": plugin.name,
                "source": plugin.source,
                "description": plugin.description,
                "category": plugin.name,
                "strict": false,
                "agents": agents,
            })),
        }
    }
    added.sort_by_key(|entry| text(entry, "name"));
    entries.extend(added);
    entries
}

/// Whether two relative folder paths name the same folder (`./a/` and `./a`, `./` and `.`).
fn same_folder(a: &str, b: &str) -> bool {
    let plain = |p: &str| {
        let p = p.trim_end_matches('/');
        let p = p.strip_prefix("./").unwrap_or(p);
        if p == "." {
            String::new()
        } else {
            p.to_string()
        }
    };
    plain(a) == plain(b)
}

/// Claude Code's rules on what is about to be written.
pub fn validate(document: &Value) -> Result<()> {
    let mut problems = Vec::new();
    match document.get("name").and_then(Value::as_str) {
        Some(name) => problems.extend(rules::marketplace_name_problem(name)),
        None => problems.push("no marketplace `name`".to_string()),
    }
    if !document
        .pointer("/owner/name")
        .is_some_and(Value::is_string)
    {
        problems.push("no `owner.name`".to_string());
    }
    let mut names = BTreeSet::new();
    for entry in document
        .get("plugins")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match entry.get("name").and_then(Value::as_str) {
            Some(name) => {
                problems.extend(rules::plugin_name_problem(name));
                if !names.insert(name) {
                    problems.push(format!(
                        "two plugins are named `{name}`: plugin names must be unique"
                    ));
                }
            }
            None => problems.push("a plugin without a `name`".to_string()),
        }
        if entry.get("source").is_none() {
            problems.push("a plugin without a `source`".to_string());
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "the marketplace file would break Claude Code's rules, so it is not written:\n  {}",
        problems.join("\n  ")
    )
}

/// Writes `text` to `file` through a temporary file beside it, so that a failed write never
/// leaves half a file.
fn write_atomically(file: &Path, text: &str) -> Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let temporary = dir.join(format!(".{MARKETPLACE_FILE}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, text)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, file).with_context(|| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}", file.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_folders_become_kebab_case_plugins() {
        let paths = [
            "categories/01-core-development/api.md",
            "categories/01-core-development/web.md",
            "top.md",
            "Data Science/ml.md",
        ];
        let made = plugins_of(&paths, "agents", "acme", Grouping::PerCategory);
        let summary: Vec<(&str, &str, Vec<&str>)> = made
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.source.as_str(),
                    m.agents.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("acme", "./agents", vec!["./top.md"]),
                ("data-science", "./agents/Data Science", vec!["./ml.md"]),
                (
                    "core-development",
                    "./agents/categories/01-core-development",
                    vec!["./api.md", "./web.md"]
                ),
            ]
        );
        let single = plugins_of(&paths, "", "acme", Grouping::Single);
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].source, "./");
        assert!(same_folder("./", "."));
        assert!(same_folder("./agents/core/", "./agents/core"));
        assert!(!same_folder("./agents/core", "./agents"));
        assert_eq!(
            single[0].agents[0],
            "./categories/01-core-development/api.md"
        );
    }

    #[test]
    fn a_file_breaking_claude_code_s_rules_is_refused() {
        let ok = json!({"name": "acme", "owner": {"name": "A"}, "plugins": [{"name": "a", "source": "./a"}]});
        assert!(validate(&ok).is_ok());
        let reserved =
            json!({"name": "claude-plugins-official", "owner": {"name": "A"}, "plugins": []});
        assert!(
            validate(&reserved)
                .unwrap_err()
                .to_string()
                .contains("reserved")
        );
        let twice = json!({"name": "acme", "owner": {"name": "A"}, "plugins": [{"name": "a", "source": "./a"}, {"name": "a", "source": "./b"}]});
        assert!(validate(&twice).unwrap_err().to_string().contains("unique"));
    }
}
