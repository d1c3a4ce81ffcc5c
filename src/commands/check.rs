//! `agentdex check`: lints agent files without building. Owns the lint rules (the reader's own
//! recovery warnings, plus missing fields, duplicate names, unknown models and tools, malformed
//! examples, leftover literal `\n`), the text and JSON reports, and `--fix`, which rewrites a
//! frontmatter as valid YAML only when the rewrite reads back to exactly the recovered values.
//! A folder that is a plugin marketplace also gets its manifests checked (`manifests.rs`).

mod manifests;
mod sarif;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::read::agent::{self, Agent, Role};
use crate::read::capability::Meaning;
use crate::read::diagnostics::{Diagnostic, Severity};
use crate::read::discover;
use crate::read::frontmatter::{self, Field, Reading};
use crate::read::harness::{Harness, codex, names};
use crate::read::trust;

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// What was found in one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// `--fix` rewrote the frontmatter (the diagnostics are those of the rewritten file).
    pub fixed: bool,
}

/// What was found in every file.
#[derive(Debug, Serialize)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixed: usize,
}

impl Report {
    /// Adds the reports of other files (manifests) and counts what they found.
    fn add(&mut self, files: Vec<FileReport>) {
        for file in &files {
            for d in &file.diagnostics {
                match d.severity {
                    Severity::Error => self.summary.errors += 1,
                    Severity::Warning => self.summary.warnings += 1,
                }
            }
        }
        self.summary.files += files.len();
        self.files.extend(files);
    }

    /// Whether the check fails: on errors, with `strict` on warnings too, and with `deny` on
    /// any trust finding at or above that severity.
    pub fn fails(&self, strict: bool, deny: Option<trust::Severity>) -> bool {
        let denied = deny.is_some_and(|deny| {
            self.files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .any(|d| d.rule_severity.is_some_and(|s| s >= deny))
        });
        self.summary.errors > 0 || (strict && self.summary.warnings > 0) || denied
    }

    /// The report as compiler-style lines and a summary, or as JSON.
    pub fn render(&self, format: Format) -> Result<String> {
        match format {
            Format::Json => Ok(serde_json::to_string_pretty(self)? + "\n"),
            Format::Sarif => Ok(serde_json::to_string_pretty(&sarif::log(self))? + "\n"),
            Format::Text => Ok(self.text()),
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            if file.fixed {
                out.push_str(&format!(
                    "{}: fixed: frontmatter rewritten as valid YAML\n",
                    file.path
                ));
            }
            for diagnostic in &file.diagnostics {
                out.push_str(&format!("{}\n", diagnostic.display_for(&file.path)));
            }
        }
        let s = &self.summary;
        out.push_str(&format!(
            "checked {} file{}: {} error{}, {} warning{}",
            s.files,
            plural(s.files),
            s.errors,
            plural(s.errors),
            s.warnings,
            plural(s.warnings)
        ));
        if s.fixed > 0 {
            out.push_str(&format!(", {} fixed", s.fixed));
        }
        out.push('\n');
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The paths to check: those given, or the agents folder of the configuration.
pub fn default_paths(paths: Vec<PathBuf>, config: &Path) -> Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    Ok(vec![Config::load(config)?.agents])
}

/// Checks every agent file in `paths` (files, or folders read recursively) and the plugin
/// manifests of each folder; with `fix`, rewrites frontmatters that are not valid YAML first.
/// `project` is the repository and `sources` the `[[sources]]` folders, where marketplaces are
/// looked for besides each folder itself.
pub fn run(
    paths: &[PathBuf],
    fix: bool,
    project: Option<&Path>,
    sources: &[&str],
) -> Result<Report> {
    let mut files = Vec::new();
    let (agent_files, configs) = files_in(paths)?;
    for path in agent_files {
        let shown = path.display().to_string();
        let mut raw =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut fixed = false;
        if fix && let Some(rewritten) = fixed_frontmatter(&raw) {
            std::fs::write(&path, &rewritten)
                .with_context(|| format!("cannot write {}", path.display()))?;
            raw = rewritten;
            fixed = true;
        }
        files.push((shown, raw, fixed));
    }
    let mut report = lint_all(files);
    report.add(configs);
    for dir in paths.iter().filter(|p| p.is_dir()) {
        let roots = crate::read::marketplace::roots(project, dir, sources);
        report.add(manifests::reports(dir, &roots));
    }
    Ok(report)
}

/// The agent files named by `paths`, in order, and the reports of the harness configuration
/// files in their folders that define agents; folders are searched like `build` does.
fn files_in(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<FileReport>)> {
    let mut files = Vec::new();
    let mut configs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = discover::candidates(path);
            configs.extend(
                crate::read::config_warnings(&found.configs)
                    .into_iter()
                    .map(|(relative, warning)| FileReport {
                        path: path.join(relative).display().to_string(),
                        diagnostics: vec![warning],
                        fixed: false,
                    }),
            );
            files.extend(found.candidates.into_iter().map(|c| path.join(c.relative)));
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            anyhow::bail!("{} does not exist", path.display());
        }
    }
    Ok((files, configs))
}

/// One file read for linting: its diagnostics so far and the name it declares.
struct Linted {
    report: FileReport,
    name: Option<(Harness, String, usize)>,
}

fn lint_all(files: Vec<(String, Vec<u8>, bool)>) -> Report {
    let mut linted: Vec<Linted> = files
        .into_iter()
        .map(|(path, raw, fixed)| lint_file(path, raw, fixed))
        .collect();
    flag_duplicate_names(&mut linted);
    let mut summary = Summary::default();
    let files: Vec<FileReport> = linted
        .into_iter()
        .map(|mut l| {
            l.report.diagnostics.sort_by_key(|d| (d.line, d.column));
            for d in &l.report.diagnostics {
                match d.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                }
            }
            summary.fixed += usize::from(l.report.fixed);
            l.report
        })
        .collect();
    summary.files = files.len();
    Report { files, summary }
}

fn error(kind: &'static str, line: usize, message: impl Into<String>) -> Diagnostic {
    let mut diagnostic = Diagnostic::warning(kind, line, message);
    diagnostic.severity = Severity::Error;
    diagnostic
}

fn lint_file(path: String, raw: Vec<u8>, fixed: bool) -> Linted {
    let mut report = FileReport {
        path,
        diagnostics: Vec::new(),
        fixed,
    };
    let text = agent::decode(&raw, &mut Vec::new());
    let agent = match Agent::read(&report.path, raw) {
        Ok(agent) => agent,
        Err(skip) => {
            report
                .diagnostics
                .push(error("not-an-agent", skip.line.unwrap_or(1), skip.reason));
            return Linted { report, name: None };
        }
    };
    let (fields, body_line) = if agent.harness == Harness::Codex {
        (codex::parse(&text).fields, None)
    } else {
        let Ok(document) = frontmatter::parse(&text) else {
            return Linted { report, name: None };
        };
        (document.fields, Some(document.body_line))
    };
    let fields = &fields;
    let mut diagnostics = agent.diagnostics.clone();
    for diagnostic in &mut diagnostics {
        // A TOML file that does not parse is not loaded by Codex.
        if diagnostic.kind == "toml-syntax" {
            diagnostic.severity = Severity::Error;
        }
    }
    for key in agent.harness.required_keys() {
        promote_missing(agent.harness, fields, key, &mut diagnostics);
    }
    diagnostics.extend(lint_values(agent.harness, fields));
    diagnostics.extend(lint_model(&agent, fields));
    diagnostics.extend(lint_tools(&agent, fields, &text));
    diagnostics.extend(lint_examples(&agent, fields));
    if let Some(body_line) = body_line {
        diagnostics.extend(lint_literal_newlines(&text, body_line));
    }
    diagnostics.extend(agent.findings.iter().map(Diagnostic::of_finding));
    report.diagnostics = diagnostics;
    let name = fields
        .get("name")
        .filter(|f| f.value.as_str().is_some_and(|s| !s.trim().is_empty()))
        .map(|f| (agent.harness, agent.name.clone(), f.line));
    Linted { report, name }
}

/// A harness does not load an agent without its required keys (Claude Code: `name` and
/// `description`; Codex: also `developer_instructions`): the reader's warning about the missing
/// key becomes an error, or an error is added where the reader has none.
fn promote_missing(
    harness: Harness,
    fields: &IndexMap<String, Field>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let present = fields
        .get(key)
        .is_some_and(|f| f.value.as_str().is_some_and(|s| !s.trim().is_empty()));
    if present {
        return;
    }
    let kind = format!("missing-{key}");
    let mut found = false;
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.kind == kind {
            diagnostic.severity = Severity::Error;
            found = true;
        }
    }
    if !found {
        diagnostics.push(error(
            "missing-key",
            1,
            format!("no `{key}`: {} requires it", harness.name()),
        ));
    }
}

/// Keys whose value must be one of a few (OpenCode's `mode`, Codex's `sandbox_mode`, ...), and
/// OpenCode's permissions (`allow`, `ask` or `deny`, also inside glob maps).
fn lint_values(harness: Harness, fields: &IndexMap<String, Field>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (key, allowed) in harness.value_sets() {
        let Some(field) = fields.get(*key) else {
            continue;
        };
        let value = field
            .value
            .as_str()
            .map_or_else(|| field.value.to_string(), str::to_string);
        if !allowed.contains(&value.as_str()) {
            diagnostics.push(error(
                "invalid-value",
                field.line,
                format!(
                    "`{key}: {value}` is not read by {}: it takes {}",
                    harness.name(),
                    allowed.join(", ")
                ),
            ));
        }
    }
    if harness == Harness::OpenCode
        && let Some(field) = fields.get("permission")
    {
        let mut wrong = Vec::new();
        permission_values(&field.value, &mut wrong);
        for value in wrong {
            diagnostics.push(error(
                "invalid-value",
                field.line,
                format!(
                    "`permission` has `{value}`: OpenCode takes {}",
                    crate::read::harness::opencode::PERMISSIONS.join(", ")
                ),
            ));
        }
    }
    if matches!(harness, Harness::Codex | Harness::Cursor)
        && let Some(field) = fields.get("tools")
    {
        diagnostics.push(Diagnostic::warning(
            "no-tool-list",
            field.line,
            format!(
                "{} has no tool list: `tools` is ignored ({} decides what the agent can do)",
                harness.name(),
                if harness == Harness::Codex {
                    "`sandbox_mode`"
                } else {
                    "`readonly`"
                }
            ),
        ));
    }
    diagnostics
}

/// The permission values (strings, also inside maps) that are not `allow`, `ask` or `deny`.
fn permission_values(value: &Value, wrong: &mut Vec<String>) {
    match value {
        Value::String(s) if !crate::read::harness::opencode::PERMISSIONS.contains(&s.as_str()) => {
            wrong.push(s.clone());
        }
        Value::Object(map) => map.values().for_each(|v| permission_values(v, wrong)),
        _ => {}
    }
}

fn flag_duplicate_names(linted: &mut [Linted]) {
    let mut first: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for file in linted.iter_mut() {
        let Some((harness, name, line)) = file.name.clone() else {
            continue;
        };
        let key = format!("{}/{name}", harness.id());
        match first.get(&key) {
            Some((path, first_line)) => file.report.diagnostics.push(error(
                "duplicate-name",
                line,
                format!(
                    "duplicate name `{name}`: {path}:{first_line} has it too; {} loads only one of them",
                    harness.name()
                ),
            )),
            None => {
                first.insert(key, (file.report.path.clone(), line));
            }
        }
    }
}

/// The model aliases Claude Code accepts, besides full model ids (`claude-…`).
const MODEL_ALIASES: &[&str] = &["inherit", "sonnet", "opus", "haiku", "opusplan"];

fn lint_model(agent: &Agent, fields: &IndexMap<String, Field>) -> Option<Diagnostic> {
    if agent.harness != Harness::ClaudeCode {
        return None;
    }
    let model = agent.model.as_deref()?;
    if MODEL_ALIASES.contains(&model) || model.starts_with("claude-") {
        return None;
    }
    let line = fields.get("model").map_or(1, |f| f.line);
    Some(Diagnostic::warning(
        "unknown-model",
        line,
        format!(
            "unknown model `{model}`: Claude Code takes {}, or a full model id such as `claude-sonnet-4-5`",
            MODEL_ALIASES.join(", ")
        ),
    ))
}

/// Tool names the file's harness does not know, with the names meant where another harness
/// knows them (`execute` is Copilot's `Bash`); when not one listed tool is known, the agent gets
/// no tools at all, which is an error.
fn lint_tools(agent: &Agent, fields: &IndexMap<String, Field>, text: &str) -> Vec<Diagnostic> {
    let harness = agent.harness;
    if !names::has_tool_list(harness) || harness == Harness::OpenCode {
        return Vec::new();
    }
    let lists = [
        ("tools", agent.tools.as_list()),
        ("disallowedTools", agent.disallowed_tools.as_deref()),
    ];
    let mut diagnostics = Vec::new();
    for (key, list) in lists {
        let Some(field) = fields.get(key) else {
            continue;
        };
        let list = list.unwrap_or_default();
        let mut meant = Vec::new();
        let mut unknown = 0;
        for tool in list {
            if harness.tool_meaning(tool) != Meaning::Unknown {
                continue;
            }
            unknown += 1;
            let (line, column) = locate(text, tool, field.line);
            let suggestion = meant_tool(harness, tool);
            if let Some((name, _)) = suggestion
                && !meant.contains(&name)
            {
                meant.push(name);
            }
            let hint = match suggestion {
                Some((name, other)) => {
                    format!("; `{tool}` is {}'s name for `{name}`", other.name())
                }
                None if harness == Harness::ClaudeCode => {
                    " (MCP tools are named `mcp__server__tool`)".to_string()
                }
                None => String::new(),
            };
            diagnostics.push(
                Diagnostic::warning(
                    "unknown-tool",
                    line,
                    format!("`{tool}` in `{key}` is not a {} tool{hint}", harness.name()),
                )
                .at_column(column),
            );
        }
        if key == "tools" && unknown > 0 && unknown == list.len() {
            let meant = if meant.is_empty() {
                String::new()
            } else {
                format!(
                    "; the {} tools meant are probably {}",
                    harness.name(),
                    meant
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            diagnostics.push(error(
                "no-known-tools",
                field.line,
                format!(
                    "not one tool in `tools` is a {} tool: the agent gets no tools at all{meant}",
                    harness.name()
                ),
            ));
        }
    }
    diagnostics
}

/// The tool of `harness` that another harness's name `tool` stands for, and that harness.
fn meant_tool(harness: Harness, tool: &str) -> Option<(&'static str, Harness)> {
    Harness::ALL
        .into_iter()
        .filter(|other| *other != harness)
        .find_map(|other| {
            let row = names::find(other, tool)?;
            Some((row.name_in(harness)?, other))
        })
}

/// The line and column of the first `needle` at or after file line `from`; `(from, 1)` when it
/// is not found.
fn locate(text: &str, needle: &str, from: usize) -> (usize, usize) {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(index, line)| {
            line.find(needle)
                .map(|byte| (index + 1, line[..byte].chars().count() + 1))
        })
        .unwrap_or((from, 1))
}

fn lint_examples(agent: &Agent, fields: &IndexMap<String, Field>) -> Vec<Diagnostic> {
    let Some(field) = fields.get("description") else {
        return Vec::new();
    };
    let text = field
        .value
        .as_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let opened = text.matches("<example>").count();
    let closed = text.matches("</example>").count();
    let mut diagnostics = Vec::new();
    if opened != closed {
        diagnostics.push(Diagnostic::warning(
            "malformed-example",
            field.line,
            format!("malformed examples: {opened} `<example>` but {closed} `</example>`"),
        ));
    }
    for (index, example) in agent.description.examples.iter().enumerate() {
        let has = |role: Role| example.turns.iter().any(|t| t.role == role);
        let missing: Vec<&str> = [(Role::User, "user"), (Role::Assistant, "assistant")]
            .into_iter()
            .filter(|(role, _)| !has(*role))
            .map(|(_, label)| label)
            .collect();
        if !missing.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "malformed-example",
                field.line,
                format!(
                    "malformed example {}: no `{}:` turn",
                    index + 1,
                    missing.join(":` or `")
                ),
            ));
        }
    }
    diagnostics
}

/// A literal backslash-n in the frontmatter is almost always a line break that an export
/// flattened; Claude Code shows it as the two characters.
fn lint_literal_newlines(text: &str, body_line: usize) -> Option<Diagnostic> {
    let frontmatter_lines = text.lines().take(body_line.saturating_sub(1));
    let count: usize = frontmatter_lines.map(|l| l.matches("\\n").count()).sum();
    if count == 0 {
        return None;
    }
    let (line, column) = locate(text, "\\n", 1);
    Some(
        Diagnostic::warning(
            "literal-newline",
            line,
            format!(
                "{count} literal `\\n` in the frontmatter: Claude Code reads them as a backslash and an `n`, not line breaks; use a block scalar (`|`)"
            ),
        )
        .at_column(column),
    )
}

/// The file with its frontmatter rewritten as valid YAML, when it is not valid YAML now, the file
/// is plain UTF-8 with `\n` line endings, and the rewrite reads back to exactly the values the
/// lenient reader recovered. `None` leaves the file as it is.
pub fn fixed_frontmatter(raw: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(raw).ok()?;
    if text.contains('\r') || text.starts_with('\u{FEFF}') {
        return None;
    }
    let document = frontmatter::parse(text).ok()?;
    if document.reading == Reading::Strict {
        return None;
    }
    let values: IndexMap<&str, &Value> = document
        .fields
        .iter()
        .map(|(k, f)| (k.as_str(), &f.value))
        .collect();
    let yaml = serde_saphyr::to_string(&values).ok()?;
    let rewritten = format!("---\n{yaml}---\n{}", document.body);
    let reread = frontmatter::parse(&rewritten).ok()?;
    let same = reread.reading == Reading::Strict
        && reread.body == document.body
        && reread.fields.len() == document.fields.len()
        && reread
            .fields
            .iter()
            .zip(&document.fields)
            .all(|((k1, f1), (k2, f2))| k1 == k2 && f1.value == f2.value);
    same.then(|| rewritten.into_bytes())
}
