//! The agent model: one agent file read into typed fields (description, examples, tools, model,
//! return format, body), with every warning about it. Later stages never look at raw text again.

pub mod description;
pub mod tools;

use std::hash::Hasher;
use std::path::PathBuf;

use anyhow::Context;
use indexmap::IndexMap;
use serde_json::Value;

use crate::read::capability::Capabilities;
use crate::read::diagnostics::Diagnostic;
use crate::read::frontmatter::{self, Field, Reading, SplitError};
use crate::read::harness::{
    Harness, claude_code, codex, copilot, cursor, detect, factory, gemini_cli, models, opencode,
};
use crate::read::markdown::{self, Heading, ReturnFormat, Slugger};
use crate::read::similarity::Signature;
use crate::read::trust::{self, Finding};
pub use description::{Description, Example, Role, Turn};
pub use tools::Tools;

/// Ids that an agent page uses for its own sections; headings from the file never take them.
pub const PAGE_IDS: &[&str] = &[
    "main",
    "trust",
    "summary",
    "details",
    "examples",
    "return-format",
    "instructions",
    "contents",
    "warnings",
    "source",
    "raw-file",
    "install-label",
    "install-command",
    "install",
    "install-file",
    "install-data",
];

/// One agent definition, read.
#[derive(Debug, Clone)]
pub struct Agent {
    /// The file's path relative to the agents folder, with `/` separators.
    pub path: String,
    /// Where the file is and what it held; its bytes are read again when they are shown.
    pub source: Source,
    /// The coding agent the file is written for.
    pub harness: Harness,
    pub name: String,
    pub description: Description,
    /// `None` when the file has no `model` (the agent inherits the main conversation's model).
    pub model: Option<String>,
    pub tools: Tools,
    pub disallowed_tools: Option<Vec<String>>,
    /// What the agent can do, from its tools as its harness reads them.
    pub capabilities: Capabilities,
    pub color: Option<String>,
    /// Frontmatter keys agentdex has no field for, in file order.
    pub extra: IndexMap<String, Value>,
    /// The Markdown after the frontmatter, line endings normalised.
    pub body: String,
    pub return_format: Option<ReturnFormat>,
    /// The MinHash signature of the agent's words, for finding near-duplicates and relatives.
    pub signature: Signature,
    /// Words in the description and the body, counted once: cards, pages, comparisons, the
    /// search index and agents.json all show it.
    words: usize,
    pub reading: Reading,
    pub diagnostics: Vec<Diagnostic>,
    /// What the trust rules found in the file, in file order.
    pub findings: Vec<Finding>,
}

/// An agent file on disk, as it was read. The bytes are not held: they are read again when the
/// agent's page and raw copy are written, as holding every file would be a quarter of a large
/// build's memory. The hashes notice a file that changed in between, and find exact duplicates.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file (the loader sets it; otherwise the path an agent was read as).
    pub file: PathBuf,
    /// Its size in bytes.
    pub len: usize,
    /// Hash of the exact bytes.
    fingerprint: u64,
    /// Hash of the text without trailing spaces and blank first and last lines: files with the
    /// same key are the same agent copied.
    pub duplicate_key: u128,
    /// The same hash with the `name` line's value left out, when the file has a one-line
    /// `name`: files that share it differ in their name only (a plugin prefixing its own name).
    pub unnamed_key: Option<u128>,
}

impl Source {
    fn of(path: &str, raw: &[u8]) -> Source {
        let text = normalised_text(&String::from_utf8_lossy(raw));
        Source {
            file: PathBuf::from(path),
            len: raw.len(),
            fingerprint: hash_with(0, raw),
            duplicate_key: key_of(&text),
            unnamed_key: None,
        }
    }

    /// The file's bytes, exactly as they were when the agent was read.
    pub fn read(&self) -> anyhow::Result<Vec<u8>> {
        let raw = std::fs::read(&self.file)
            .with_context(|| format!("cannot read {} again", self.file.display()))?;
        if raw.len() != self.len || hash_with(0, &raw) != self.fingerprint {
            anyhow::bail!(
                "{} changed while the site was being built; build again",
                self.file.display()
            );
        }
        Ok(raw)
    }
}

/// A deterministic hash of `bytes`; `seed` makes independent hashes of the same bytes.
fn hash_with(seed: u8, bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write_u8(seed);
    hasher.write(bytes);
    hasher.finish()
}

/// A 128-bit hash of a normalised text.
fn key_of(text: &str) -> u128 {
    u128::from(hash_with(1, text.as_bytes())) << 64 | u128::from(hash_with(2, text.as_bytes()))
}

/// The key of `text` with line `name_line` (1-based) reduced to `name:`, when that line is a
/// one-line `name` field.
fn unnamed_key(text: &str, name_line: usize) -> Option<u128> {
    let mut lines: Vec<&str> = text.lines().collect();
    let line = lines.get_mut(name_line.checked_sub(1)?)?;
    let value = line.strip_prefix("name:")?.trim();
    if value.is_empty() || value.starts_with(['|', '>']) {
        return None;
    }
    *line = "name:";
    Some(key_of(&normalised_text(&lines.join("\n"))))
}

/// The text with trailing spaces and blank first and last lines removed.
fn normalised_text(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The agent's Markdown, rendered to safe HTML with ids unique across its page.
#[derive(Debug, Clone, Default)]
pub struct AgentHtml {
    pub summary: String,
    pub return_format: Option<String>,
    pub body: String,
    pub headings: Vec<Heading>,
}

/// Why a candidate file did not become an agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The line the problem is on, when it is on one.
    pub line: Option<usize>,
    pub reason: String,
}

impl Skip {
    pub fn new(reason: impl Into<String>) -> Skip {
        Skip {
            line: None,
            reason: reason.into(),
        }
    }

    /// `path:line: skipped: reason`, the way warnings are shown.
    pub fn display_for(&self, path: &str) -> String {
        match self.line {
            Some(line) => format!("{path}:{line}: skipped: {}", self.reason),
            None => format!("{path}: skipped: {}", self.reason),
        }
    }
}

impl Agent {
    /// Reads one agent file, for the harness its path and content say. `path` is only used
    /// for messages, fallbacks and telling the harness.
    pub fn read(path: &str, raw: Vec<u8>) -> Result<Agent, Skip> {
        Agent::read_as(path, raw, None)
    }

    /// Reads one agent file as written for `harness`, or for the harness its path and content
    /// say when `None`.
    pub fn read_as(path: &str, raw: Vec<u8>, harness: Option<Harness>) -> Result<Agent, Skip> {
        let mut diagnostics = Vec::new();
        let text = decode(&raw, &mut diagnostics);
        if text.trim().is_empty() {
            return Err(Skip::new("the file is empty"));
        }
        let toml = harness.map_or_else(|| detect::is_toml(path), |h| h == Harness::Codex);
        // `body_line`: the first line of the instructions in the file, for the trust scanner.
        let (mut fields, body, body_line, reading) = if toml {
            let document = codex::parse(&text);
            diagnostics.extend(document.diagnostics);
            let mut fields = document.fields;
            let instructions = fields.shift_remove("developer_instructions");
            let body_line = instructions.as_ref().map_or(1, |field| field.line);
            let body = instructions
                .and_then(|field| as_text(&field, "developer_instructions", &mut diagnostics))
                .unwrap_or_default();
            (fields, body, body_line, document.reading)
        } else {
            let document = frontmatter::parse(&text).map_err(|error| Skip {
                line: Some(1),
                reason: match error {
                    SplitError::NoFrontmatter => {
                        "no frontmatter: the file does not start with a `---` line".to_string()
                    }
                    SplitError::Unterminated => {
                        "the frontmatter opened on line 1 is never closed by a `---` line"
                            .to_string()
                    }
                },
            })?;
            diagnostics.extend(document.diagnostics);
            let body = document.body.to_string();
            (document.fields, body, document.body_line, document.reading)
        };
        let harness = harness.unwrap_or_else(|| detect::harness(path, &fields));
        let description_lines = trust::field_lines(&fields, "description", body_line);
        let mut take = |key: &str| fields.shift_remove(key);

        let name_field = take("name");
        let name_line = name_field.as_ref().map(|field| field.line);
        let name = read_name(name_field, harness, path, &mut diagnostics);
        let mut description = read_description(take("description"), harness, &mut diagnostics);
        let model = read_text(take("model"), "model", &mut diagnostics);
        let color = read_text(take("color"), "color", &mut diagnostics);
        let (tools, disallowed_tools, capabilities) =
            read_capabilities(harness, &mut fields, &mut diagnostics);
        let findings = trust::scan(&trust::Input {
            text: &text,
            body_line,
            fields: &fields,
            name: &name,
            description: &description.summary,
            description_lines,
            capabilities: &capabilities,
        });
        warn_about_key_case(harness, &fields, &mut diagnostics);
        let extra = fields.into_iter().map(|(k, f)| (k, f.value)).collect();

        // Some authors put their examples in the body; those quoted in code are not examples.
        // Most bodies have none, and are not parsed for their code.
        if description::has_example_tag(&body) {
            description
                .examples
                .extend(description::examples_in(&markdown::prose_only(&body)));
        }
        let return_format = markdown::find_return_format(&body);
        let words = words_of(&description, &body);
        let signature = Signature::of_text(&similarity_text(&description, &body));
        let mut source = Source::of(path, &raw);
        source.unnamed_key = name_line.and_then(|line| unnamed_key(&text, line));
        // The same text written for two harnesses is two agents, not one copied.
        let salt = u128::from(hash_with(3, harness.id().as_bytes()));
        if harness != Harness::ClaudeCode {
            source.duplicate_key ^= salt;
            source.unnamed_key = source.unnamed_key.map(|key| key ^ salt);
        }
        Ok(Agent {
            path: path.to_string(),
            source,
            harness,
            name,
            description,
            model,
            tools,
            disallowed_tools,
            capabilities,
            color,
            extra,
            body,
            return_format,
            signature,
            words,
            reading,
            diagnostics,
            findings,
        })
    }

    /// The agent's Markdown (summary, return format, body) as safe HTML for its page. Rendered
    /// when the page is, not held in the model: at 10,000 agents the HTML of every agent would
    /// be the largest part of the build's memory.
    pub fn html(&self) -> AgentHtml {
        let mut slugger = Slugger::reserving(PAGE_IDS);
        // The page puts each of these under an <h2>, so their own headings start at <h3>.
        let summary = markdown::render(&self.description.summary, &mut slugger, 3).html;
        let return_format = self.return_format_html(&mut slugger);
        let rendered = markdown::render(&self.body, &mut slugger, 3);
        AgentHtml {
            summary,
            return_format,
            body: rendered.html,
            headings: rendered.headings,
        }
    }

    /// The return format as safe HTML, its heading ids taken from `slugger` (a page may show
    /// several agents' return formats).
    pub fn return_format_html(&self, slugger: &mut Slugger) -> Option<String> {
        // The page titles the return format itself; the section's own heading would repeat it.
        self.return_format
            .as_ref()
            .map(|rf| markdown::render(markdown::without_title(&rf.markdown), slugger, 3).html)
    }

    /// Words in the description and the body: what a reader (and the model) has to read.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// The model family the `model` field names, for grouping: `opus`, `sonnet`, `haiku`,
    /// `inherit` (also when the field is absent), or `other` for text naming none of them.
    pub fn model_tier(&self) -> &'static str {
        models::tier(self.model.as_deref()).map_or("other", models::Tier::id)
    }

    /// The category the file's folder names, readable: `categories/01-core-development/x.md`
    /// is "Core development", `plugins/agents-blockchain-web3/agents/x.md` is "Blockchain web3",
    /// `dev/api/x.md` is "Dev / Api". Folders that only hold agents (`agents`, `categories`,
    /// `plugins`, ...) are left out; empty for a file at the top.
    pub fn category(&self) -> String {
        const HOLDERS: &[&str] = &[
            "agents",
            "categories",
            "plugins",
            "cli-tool",
            "components",
            "src",
        ];
        let Some((folder, _)) = self.path.rsplit_once('/') else {
            return String::new();
        };
        folder
            .split('/')
            .filter(|part| !HOLDERS.contains(&part.to_ascii_lowercase().as_str()))
            .map(readable_folder)
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// A rough token estimate of the whole file (about four bytes per token for English text):
    /// what loading the agent costs in context.
    pub fn estimated_tokens(&self) -> usize {
        self.source.len.div_ceil(4)
    }
}

/// A folder name as words: no ordering number, no `agents-` prefix, dashes and underscores as
/// spaces, a capital first letter (`01-core-development` is "Core development").
fn readable_folder(name: &str) -> String {
    let name = name.trim_start_matches(|c: char| c.is_ascii_digit());
    let name = name.trim_start_matches(['-', '_', '.', ' ']);
    let name = name.strip_prefix("agents-").unwrap_or(name);
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Keys are read case-sensitively: `Name:` is not `name:`. Says so where a key differs from one
/// the harness reads only by case.
fn warn_about_key_case(
    harness: Harness,
    fields: &IndexMap<String, Field>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, field) in fields {
        if let Some((known, _)) = harness
            .keys()
            .iter()
            .find(|(k, _)| k != key && k.eq_ignore_ascii_case(key))
        {
            diagnostics.push(Diagnostic::warning(
                "key-case",
                field.line,
                format!(
                    "`{key}` is not read by {}, which expects `{known}` (keys are case-sensitive); kept as an extra field",
                    harness.name()
                ),
            ));
        }
    }
}

/// Words in the summary, the examples and the body.
fn words_of(description: &Description, body: &str) -> usize {
    let examples: usize = description
        .examples
        .iter()
        .flat_map(|e| &e.turns)
        .map(|t| markdown::word_count(&t.text))
        .sum();
    markdown::word_count(&description.summary) + examples + markdown::word_count(body)
}

/// The words that make an agent what it is: its summary, its examples and its instructions.
fn similarity_text(description: &Description, body: &str) -> String {
    let mut text = description.summary.clone();
    for turn in description.examples.iter().flat_map(|e| &e.turns) {
        text.push('\n');
        text.push_str(&turn.text);
    }
    text.push('\n');
    text.push_str(body);
    text
}

/// Decodes the file as UTF-8 (lossily, with a warning), drops a byte-order mark and normalises
/// CRLF line endings so that line numbers match what an editor shows.
pub fn decode(raw: &[u8], diagnostics: &mut Vec<Diagnostic>) -> String {
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text.to_string(),
        Err(error) => {
            let valid = &raw[..error.valid_up_to()];
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            diagnostics.push(Diagnostic::warning(
                "encoding",
                line,
                "the file is not valid UTF-8; invalid bytes are shown as \u{FFFD}",
            ));
            String::from_utf8_lossy(raw).into_owned()
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// Text as written for scalar values; anything else is shown as JSON with a warning.
fn as_text(field: &Field, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match &field.value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        other => {
            diagnostics.push(Diagnostic::warning(
                "value-type",
                field.line,
                format!(
                    "`{key}` should be text, found {}; shown as written",
                    kind_of(other)
                ),
            ));
            Some(other.to_string())
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
        _ => "a scalar",
    }
}

fn read_text(field: Option<Field>, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let field = field?;
    as_text(&field, key, diagnostics)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn read_name(
    field: Option<Field>,
    harness: Harness,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let line = field.as_ref().map_or(1, |f| f.line);
    if let Some(name) = read_text(field, "name", diagnostics) {
        return name;
    }
    let stem = harness.file_id(path);
    if !harness.required_keys().contains(&"name") {
        // The harness names agents by their file: no `name` is no problem.
        return stem;
    }
    diagnostics.push(Diagnostic::warning(
        "missing-name",
        line,
        format!("no `name`: the agent is listed under its file name `{stem}`"),
    ));
    stem
}

fn read_description(
    field: Option<Field>,
    harness: Harness,
    diagnostics: &mut Vec<Diagnostic>,
) -> Description {
    let line = field.as_ref().map_or(1, |f| f.line);
    match read_text(field, "description", diagnostics) {
        Some(text) => description::parse(&text),
        None => {
            diagnostics.push(Diagnostic::warning(
                "missing-description",
                line,
                format!(
                    "no `description`: {} uses it to decide when to call the agent",
                    harness.name()
                ),
            ));
            Description::default()
        }
    }
}

/// The tools of an agent as its harness reads them, and what they let it do. Keys that decide
/// capabilities without being a tool list (`sandbox_mode`, `readonly`, `permission`) stay in
/// the fields, as written.
fn read_capabilities(
    harness: Harness,
    fields: &mut IndexMap<String, Field>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Tools, Option<Vec<String>>, Capabilities) {
    fn value<'a>(fields: &'a IndexMap<String, Field>, key: &str) -> Option<&'a Value> {
        fields.get(key).map(|f| &f.value)
    }
    let list =
        |fields: &mut IndexMap<String, Field>, diagnostics: &mut Vec<Diagnostic>| match fields
            .shift_remove("tools")
        {
            None => Tools::Inherit,
            Some(field) => Tools::List(read_tools(&field, "tools", diagnostics)),
        };
    match harness {
        Harness::ClaudeCode => {
            let tools = list(fields, diagnostics);
            let disallowed = fields
                .shift_remove("disallowedTools")
                .map(|field| read_tools(&field, "disallowedTools", diagnostics));
            let capabilities = claude_code::capabilities(&tools, disallowed.as_deref());
            (tools, disallowed, capabilities)
        }
        Harness::Copilot | Harness::GeminiCli | Harness::Factory => {
            let tools = list(fields, diagnostics);
            let capabilities = match harness {
                Harness::Copilot => copilot::capabilities(&tools),
                Harness::GeminiCli => gemini_cli::capabilities(&tools),
                _ => factory::capabilities(&tools),
            };
            (tools, None, capabilities)
        }
        Harness::OpenCode => {
            let field = fields.shift_remove("tools");
            let reading = opencode::read(
                field.as_ref().map(|f| &f.value),
                value(fields, "permission"),
                value(fields, "permissions"),
            );
            if let (Some(note), Some(field)) = (&reading.note, &field) {
                diagnostics.push(Diagnostic::warning(
                    "tools-shape",
                    field.line,
                    format!("`tools` {note}"),
                ));
            }
            let tools = field.map_or(Tools::Inherit, |_| Tools::List(reading.on));
            let off = (!reading.off.is_empty()).then_some(reading.off);
            (tools, off, reading.capabilities)
        }
        Harness::Codex => (
            Tools::Inherit,
            None,
            codex::capabilities(
                value(fields, "sandbox_mode"),
                value(fields, "web_search"),
                value(fields, "mcp_servers"),
            ),
        ),
        Harness::Cursor => (
            Tools::Inherit,
            None,
            cursor::capabilities(value(fields, "readonly")),
        ),
    }
}

fn read_tools(field: &Field, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let (names, note) = tools::parse(&field.value);
    if let Some(note) = note {
        diagnostics.push(Diagnostic::warning(
            "tools-shape",
            field.line,
            format!("`{key}` {note}"),
        ));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_reads_the_same_bytes_again_and_notices_a_change() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let bytes = b"---\r\nname: crlf\r\ndescription: Keeps CR LF\r\n---\r\nBody \xff\r\n";
        std::fs::write(dir.path().join("a.md"), bytes)?;
        let agent =
            crate::read::read_agent(dir.path(), "a.md").map_err(|s| anyhow::anyhow!(s.reason))?;
        assert_eq!(agent.source.read()?, bytes);
        assert_eq!(agent.estimated_tokens(), bytes.len().div_ceil(4));

        std::fs::write(dir.path().join("a.md"), b"---\nname: other\n---\n")?;
        let error = agent.source.read().expect_err("the file changed");
        assert!(
            error
                .to_string()
                .ends_with("a.md changed while the site was being built; build again"),
            "{error}"
        );
        Ok(())
    }

    #[test]
    fn copies_differing_only_in_trailing_space_share_a_duplicate_key() {
        let key = |text: &str| Source::of("x.md", text.as_bytes()).duplicate_key;
        assert_eq!(
            key("---\nname: a\n---\nBody\n"),
            key("\n---  \nname: a\n---\nBody  \n\n")
        );
        assert_ne!(
            key("---\nname: a\n---\nBody\n"),
            key("---\nname: a\n---\nBody!\n")
        );
    }

    #[test]
    fn files_differing_only_in_their_name_share_the_unnamed_key() {
        let read = |text: &str| Agent::read("x.md", text.as_bytes().to_vec()).expect("agent");
        let a = read("---\nname: api-scaffolding-backend-architect\ndescription: d\n---\nBody\n");
        let b = read("---\nname: data-engineering-backend-architect\ndescription: d\n---\nBody\n");
        let c = read("---\nname: data-engineering-backend-architect\ndescription: d\n---\nBody!\n");
        assert_ne!(a.source.duplicate_key, b.source.duplicate_key);
        assert!(a.source.unnamed_key.is_some());
        assert_eq!(a.source.unnamed_key, b.source.unnamed_key);
        assert_ne!(b.source.unnamed_key, c.source.unnamed_key);
        let folded = read("---\nname: >\n  long\ndescription: d\n---\nBody\n");
        assert_eq!(folded.source.unnamed_key, None);
        let unnamed = read("---\ndescription: d\n---\nBody\n");
        assert_eq!(unnamed.source.unnamed_key, None);
    }

    fn with_model(model: Option<&str>) -> Agent {
        let line = model.map_or(String::new(), |m| format!("model: {m}\n"));
        let text = format!("---\nname: a\ndescription: d\n{line}---\n");
        Agent::read("a.md", text.into_bytes()).expect("agent")
    }

    #[test]
    fn model_tiers_are_recognised_in_aliases_ids_and_free_text() {
        let tier = |m: Option<&str>| with_model(m).model_tier();
        assert_eq!(tier(None), "inherit");
        assert_eq!(tier(Some("inherit")), "inherit");
        assert_eq!(tier(Some("sonnet")), "sonnet");
        assert_eq!(tier(Some("claude-sonnet-4-20250514")), "sonnet");
        assert_eq!(tier(Some("Claude Sonnet 4.5 (copilot)")), "sonnet");
        assert_eq!(tier(Some("claude-opus-4-6")), "opus");
        assert_eq!(tier(Some("claude-haiku-4-5")), "haiku");
        assert_eq!(tier(Some("gpt-4o")), "other");
        assert_eq!(
            with_model(Some("Claude Sonnet 4.5 (copilot)"))
                .model
                .as_deref(),
            Some("Claude Sonnet 4.5 (copilot)")
        );
    }

    #[test]
    fn categories_are_readable_folder_names() {
        let category = |path: &str| {
            Agent::read(path, b"---\nname: a\ndescription: d\n---\n".to_vec())
                .expect("agent")
                .category()
        };
        assert_eq!(
            category("categories/01-core-development/api.md"),
            "Core development"
        );
        assert_eq!(
            category("plugins/agents-blockchain-web3/agents/x.md"),
            "Blockchain web3"
        );
        assert_eq!(
            category("cli-tool/components/agents/api-graphql/x.md"),
            "Api graphql"
        );
        assert_eq!(category("dev/api/x.md"), "Dev / Api");
        assert_eq!(category("agents/x.md"), "");
        assert_eq!(category("x.md"), "");
    }

    #[test]
    fn examples_in_the_body_count_unless_quoted_as_code() {
        let text = "---\nname: a\ndescription: Summary. <example>user: one</example>\n---\nBody.\n\n<example>\nuser: two\n</example>\n\n`<example>user: quoted</example>`\n";
        let agent = Agent::read("a.md", text.as_bytes().to_vec()).expect("agent");
        let users: Vec<Option<String>> = agent
            .description
            .examples
            .iter()
            .map(|e| e.joined(Role::User))
            .collect();
        assert_eq!(
            users,
            vec![Some("one".to_string()), Some("two".to_string())]
        );
    }
}
