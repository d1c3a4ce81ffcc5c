//! `catalog.toml`: the project's configuration. Owns the file's keys, their defaults, the errors
//! about them (with the file line), and how command-line flags override them.
//!
//! Every key is optional and a missing file means every default; an unknown key is an error, so
//! that a typo never goes unnoticed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The configuration file's name, at the project root.
pub const FILE_NAME: &str = "catalog.toml";

/// What `agentdex build` needs to know.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The repository the project is in (the folder of `catalog.toml`), where a plugin
    /// marketplace file that `/plugin marketplace add` reads sits; `None` to look only in the
    /// agents folder and its sources.
    pub project: Option<PathBuf>,
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

/// Every key of `catalog.toml`, with its default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The catalogue's title.
    pub title: String,
    /// One sentence about the catalogue, for search engines, link previews and the feed.
    pub description: String,
    /// The absolute URL the site is published at, with its sub-path; empty when unknown.
    pub base_url: String,
    /// The repository holding the agent files (`https://github.com/owner/repo`), for the
    /// "edit source" and "view source" links; empty for none.
    pub repository: String,
    /// The repository branch those links point at.
    pub branch: String,
    /// The folder of agent files, read recursively.
    pub agents: PathBuf,
    /// Where the site is written.
    pub output: PathBuf,
    /// Agent name → family: puts an agent in a family the name rules would not give it.
    pub families: BTreeMap<String, String>,
    /// Category rules, first match wins.
    pub categories: Vec<CategoryRule>,
    /// The collections the agents folder holds, for provenance and the fidelity report.
    pub sources: Vec<Source>,
}

/// `[[sources]]`: a collection of agents in a sub-folder of the agents folder, with where it
/// comes from and its license.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The sub-folder of the agents folder that holds the collection (`vendor/acme`).
    pub folder: String,
    /// The name shown for the collection.
    pub name: String,
    /// The collection's license (an SPDX name such as `MIT`); empty when unknown.
    #[serde(default)]
    pub license: String,
    /// Where the collection is published (http or https); empty for none.
    #[serde(default)]
    pub homepage: String,
    /// The harness the collection's files are written for (`copilot`, `gemini-cli`, ...), when
    /// neither their paths nor their contents tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harness: Option<crate::read::harness::Harness>,
}

/// `[[categories]]`: agents whose name matches one of the patterns belong to the category.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    pub name: String,
    /// Patterns on the agent's name, where `*` matches any run of characters.
    #[serde(rename = "match")]
    pub patterns: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Agent catalogue".to_string(),
            description: "A browsable catalogue of Claude Code agents.".to_string(),
            base_url: String::new(),
            repository: String::new(),
            branch: "main".to_string(),
            agents: PathBuf::from("agents"),
            output: PathBuf::from("site"),
            families: BTreeMap::new(),
            categories: Vec::new(),
            sources: Vec::new(),
        }
    }
}

impl Config {
    /// Reads `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Parses the text of a configuration file; errors name `shown_path` and the line.
    pub fn parse(text: &str, shown_path: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|error| {
            let (line, column) = error
                .span()
                .map_or((1, 1), |span| line_and_column(text, span.start));
            anyhow::anyhow!(
                "{shown_path}:{line}:{column}: error: {}",
                error.message().trim_end()
            )
        })?;
        config.validate(shown_path, text)?;
        Ok(config)
    }

    fn validate(&self, shown_path: &str, text: &str) -> Result<()> {
        let url_ok =
            |url: &str| url.is_empty() || url.starts_with("https://") || url.starts_with("http://");
        let homepages = self.sources.iter().map(|s| ("homepage", &s.homepage));
        for (key, value) in [
            ("base_url", &self.base_url),
            ("repository", &self.repository),
        ]
        .into_iter()
        .chain(homepages)
        {
            if !url_ok(value) {
                let line = key_line(text, key);
                bail!(
                    "{shown_path}:{line}: error: `{key}` must be an http:// or https:// URL, found {value:?}"
                );
            }
        }
        Ok(())
    }

    /// The source an agent file belongs to: the one whose folder holds it (the deepest, when
    /// folders nest).
    pub fn source_of(&self, path: &str) -> Option<&Source> {
        self.sources
            .iter()
            .filter(|source| {
                let folder = source.folder.trim_matches('/');
                path.strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|source| source.folder.len())
    }

    /// The harness `[[sources]]` sets for the agent file at `path`, if it sets one.
    pub fn harness_of(&self, path: &str) -> Option<crate::read::harness::Harness> {
        self.source_of(path).and_then(|source| source.harness)
    }

    /// The repository links of the agent file at `path` (relative to the agents folder), when
    /// `catalog.toml` names a repository.
    pub fn source_links(&self, path: &str) -> Option<SourceLinks> {
        if self.repository.is_empty() {
            return None;
        }
        let folder = self.agents.to_string_lossy().replace('\\', "/");
        let file = format!("{}/{path}", folder.trim_matches('/'));
        let file = file.trim_start_matches("./");
        let link = |kind: &str| {
            format!(
                "{}/{kind}/{}/{}",
                self.repository.trim_end_matches('/'),
                encode_path(&self.branch),
                encode_path(file)
            )
        };
        Some(SourceLinks {
            view: link("blob"),
            edit: link("edit"),
        })
    }

    /// The category of an agent by its name: the first rule with a matching pattern.
    pub fn category_of(&self, name: &str) -> Option<&str> {
        self.categories
            .iter()
            .find(|rule| rule.patterns.iter().any(|p| glob_match(p, name)))
            .map(|rule| rule.name.as_str())
    }
}

/// Links to an agent file in its repository.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceLinks {
    pub view: String,
    pub edit: String,
}

/// Percent-encodes everything in a path except unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The build flags shared by `build` and `serve`; each one given overrides `catalog.toml`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Flags {
    /// The configuration file (a missing file means every default).
    #[arg(long, default_value = FILE_NAME)]
    pub config: PathBuf,
    /// The folder of agent definition files [catalog.toml: agents; default: agents].
    #[arg(long)]
    pub agents: Option<PathBuf>,
    /// Where to write the site [catalog.toml: output; default: site].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Templates that replace the built-in ones of the same name.
    #[arg(long, default_value = "templates")]
    pub templates: PathBuf,
    /// Files copied as-is into the site's `static/` folder, over the built-in ones.
    #[arg(long = "static", default_value = "static")]
    pub static_dir: PathBuf,
    /// The URL the site is published at [catalog.toml: base_url].
    #[arg(long)]
    pub base_url: Option<String>,
    /// The catalogue's title [catalog.toml: title; default: Agent catalogue].
    #[arg(long)]
    pub title: Option<String>,
}

impl Flags {
    /// Reads the configuration file and lays the flags over it.
    pub fn build_options(&self) -> Result<BuildOptions> {
        Ok(self.overlay(Config::load(&self.config)?))
    }

    /// The flags laid over `config`.
    pub fn overlay(&self, mut config: Config) -> BuildOptions {
        if let Some(title) = &self.title {
            config.title.clone_from(title);
        }
        if let Some(base_url) = &self.base_url {
            config.base_url.clone_from(base_url);
        }
        if let Some(agents) = &self.agents {
            config.agents.clone_from(agents);
        }
        if let Some(out) = &self.out {
            config.output.clone_from(out);
        }
        let project = match self.config.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        BuildOptions {
            project: Some(project),
            agents: config.agents.clone(),
            out: config.output.clone(),
            templates: Some(self.templates.clone()),
            static_dir: Some(self.static_dir.clone()),
            base_url: config.base_url.clone(),
            title: config.title.clone(),
            config,
        }
    }
}

/// The line of the first `key =` assignment, for errors found after parsing; 1 when not found.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |index| index + 1)
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Case-insensitive match where `*` stands for any run of characters.
fn glob_match(pattern: &str, text: &str) -> bool {
    let pattern = pattern.to_lowercase();
    let text = text.to_lowercase();
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(index) => rest = &rest[index + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_found_by_folder_and_checked() {
        let config = Config::parse(
            "[[sources]]\nfolder = \"acme\"\nname = \"Acme agents\"\nlicense = \"MIT\"\nhomepage = \"https://example.com/acme\"\n\n[[sources]]\nfolder = \"acme/extra/\"\nname = \"Acme extras\"\n",
            "catalog.toml",
        )
        .expect("valid");
        let name = |path: &str| config.source_of(path).map(|s| s.name.as_str());
        assert_eq!(name("acme/core/a.md"), Some("Acme agents"));
        assert_eq!(name("acme/extra/b.md"), Some("Acme extras"));
        assert_eq!(name("acmeish/c.md"), None);
        assert_eq!(name("top.md"), None);
        let error = Config::parse(
            "[[sources]]\nfolder = \"a\"\nname = \"A\"\nhomepage = \"ftp://x\"\n",
            "catalog.toml",
        )
        .expect_err("bad homepage");
        assert!(
            error
                .to_string()
                .contains("`homepage` must be an http:// or https:// URL"),
            "{error}"
        );
    }

    #[test]
    fn an_empty_file_gives_the_documented_defaults() -> Result<()> {
        let config = Config::parse("", "catalog.toml")?;
        assert_eq!(config, Config::default());
        assert_eq!(config.title, "Agent catalogue");
        assert_eq!(config.agents, PathBuf::from("agents"));
        assert_eq!(config.output, PathBuf::from("site"));
        assert_eq!(config.branch, "main");
        Ok(())
    }

    #[test]
    fn a_missing_file_gives_the_defaults() -> Result<()> {
        let dir = tempfile::tempdir()?;
        assert_eq!(
            Config::load(&dir.path().join(FILE_NAME))?,
            Config::default()
        );
        Ok(())
    }

    #[test]
    fn reads_every_key() -> Result<()> {
        let text = r#"
title = "Acme agents"
description = "Ours."
base_url = "https://acme.github.io/catalog/"
repository = "https://github.com/acme/agents"
branch = "trunk"
agents = "defs"
output = "public"

[families]
"api-builder" = "backend"

[[categories]]
name = "Backend"
match = ["backend*", "*-api"]
"#;
        let config = Config::parse(text, "catalog.toml")?;
        assert_eq!(config.title, "Acme agents");
        assert_eq!(config.branch, "trunk");
        assert_eq!(config.agents, PathBuf::from("defs"));
        assert_eq!(config.output, PathBuf::from("public"));
        assert_eq!(config.families["api-builder"], "backend");
        assert_eq!(config.category_of("Backend-Engineer"), Some("Backend"));
        assert_eq!(config.category_of("billing-api"), Some("Backend"));
        assert_eq!(config.category_of("frontend"), None);
        Ok(())
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let error = Config::parse("title = \"x\"\n\ntitel = \"y\"\n", "catalog.toml")
            .expect_err("unknown key");
        let message = error.to_string();
        assert!(
            message.starts_with("catalog.toml:3:1: error: unknown field `titel`, expected one of"),
            "{message}"
        );
        let error = Config::parse(
            "[[categories]]\nname = \"a\"\nmatch = []\ncolour = 1\n",
            "c",
        )
        .expect_err("unknown nested key");
        assert!(
            error
                .to_string()
                .starts_with("c:4:1: error: unknown field `colour`"),
            "{error}"
        );
    }

    #[test]
    fn wrong_types_and_bad_urls_are_errors_with_their_line() {
        let error = Config::parse("title = 3\n", "catalog.toml").expect_err("type");
        assert!(
            error
                .to_string()
                .starts_with("catalog.toml:1:9: error: invalid type"),
            "{error}"
        );
        let error = Config::parse("title = \"t\"\nbase_url = \"acme.io\"\n", "catalog.toml")
            .expect_err("url");
        assert_eq!(
            error.to_string(),
            "catalog.toml:2: error: `base_url` must be an http:// or https:// URL, found \"acme.io\""
        );
        let error = Config::parse("title = \"unclosed\n", "catalog.toml").expect_err("syntax");
        assert!(error.to_string().starts_with("catalog.toml:1:"), "{error}");
    }

    #[test]
    fn flags_override_the_file_and_the_file_overrides_defaults() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "title = \"From file\"\noutput = \"public\"\n")?;
        let flags = Flags {
            config: path,
            out: Some(PathBuf::from("elsewhere")),
            ..Flags::default()
        };
        let options = flags.build_options()?;
        assert_eq!(options.title, "From file");
        assert_eq!(options.out, PathBuf::from("elsewhere"));
        assert_eq!(options.config.output, PathBuf::from("elsewhere"));
        assert_eq!(options.agents, PathBuf::from("agents"));
        Ok(())
    }

    #[test]
    fn globs_match_whole_names() {
        assert!(glob_match("a*c", "abc"));
        assert!(glob_match("*", ""));
        assert!(glob_match("abc", "ABC"));
        assert!(!glob_match("abc", "abcd"));
        assert!(!glob_match("a*b*c", "acb"));
        assert!(!glob_match("ab*ba", "aba"));
    }

    #[test]
    fn source_links_point_into_the_repository_encoded() {
        let mut config = Config::default();
        assert_eq!(config.source_links("a.md"), None);
        config.repository = "https://github.com/acme/agents/".to_string();
        assert_eq!(
            config.source_links("core/my agent.md"),
            Some(SourceLinks {
                view: "https://github.com/acme/agents/blob/main/agents/core/my%20agent.md"
                    .to_string(),
                edit: "https://github.com/acme/agents/edit/main/agents/core/my%20agent.md"
                    .to_string(),
            })
        );
    }
}
