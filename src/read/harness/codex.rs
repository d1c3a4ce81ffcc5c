//! Codex: subagents are TOML files in `.codex/agents/`. `developer_instructions` is the agent's
//! prompt (the body); there is no tool list: `sandbox_mode` decides what the agent can do. The
//! `toml` crate bounds nesting itself (a deep file is an error, not a stack overflow); a file that
//! does not parse is read key by key, with the error at its line and column.

use indexmap::IndexMap;
use serde_json::Value;

use crate::read::capability::{Capabilities, Capability, Grant};
use crate::read::diagnostics::Diagnostic;
use crate::read::frontmatter::{Field, Reading};

/// The keys Codex reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("name", "the agent's id (required)"),
    (
        "description",
        "what the agent does, for Codex to decide when to use it (required)",
    ),
    (
        "developer_instructions",
        "the agent's instructions, its system prompt (required)",
    ),
    ("nickname_candidates", "names Codex may call the agent by"),
    (
        "model",
        "the model the agent runs on (the session's when absent)",
    ),
    (
        "model_reasoning_effort",
        "how much the model reasons: minimal, low, medium, high or xhigh",
    ),
    (
        "sandbox_mode",
        "what the agent may touch: read-only, workspace-write or danger-full-access",
    ),
    ("web_search", "web search: disabled, cached or live"),
    ("mcp_servers", "MCP servers the agent can use"),
    ("skills", "skills the agent loads"),
];

/// The keys a Codex agent must have.
pub const REQUIRED: &[&str] = &["name", "description", "developer_instructions"];

/// Sandbox modes and what each lets an agent do. `read-only` reads and searches; the others also
/// edit and run commands, and `danger-full-access` reaches the network.
pub const SANDBOX_MODES: &[(&str, &[Capability])] = &[
    ("read-only", &[Capability::Read, Capability::Search]),
    (
        "workspace-write",
        &[
            Capability::Read,
            Capability::Edit,
            Capability::Shell,
            Capability::Search,
            Capability::Todo,
        ],
    ),
    (
        "danger-full-access",
        &[
            Capability::Read,
            Capability::Edit,
            Capability::Shell,
            Capability::Search,
            Capability::Web,
            Capability::Todo,
        ],
    ),
];

/// The values of the keys that take one of a few.
pub const VALUE_SETS: &[(&str, &[&str])] = &[
    (
        "sandbox_mode",
        &["read-only", "workspace-write", "danger-full-access"],
    ),
    (
        "model_reasoning_effort",
        &["minimal", "low", "medium", "high", "xhigh"],
    ),
    ("web_search", &["disabled", "cached", "live"]),
];

/// `web_search` values that turn it on.
pub const WEB_SEARCH: &[&str] = &["cached", "live"];

/// A Codex file read: its top-level keys (with their lines), how, and what went wrong.
pub struct Document {
    pub fields: IndexMap<String, Field>,
    pub reading: Reading,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a Codex TOML file.
pub fn parse(text: &str) -> Document {
    let lines = key_lines(text);
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => Document {
            fields: table
                .into_iter()
                .map(|(key, value)| {
                    let line = lines.get(&key).copied().unwrap_or(1);
                    (
                        key,
                        Field {
                            value: to_json(value),
                            line,
                        },
                    )
                })
                .collect(),
            reading: Reading::Strict,
            diagnostics: Vec::new(),
        },
        Err(error) => {
            let (line, column) = error
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            let message = error.message().trim().to_string();
            Document {
                fields: lenient(text),
                reading: Reading::Lenient,
                diagnostics: vec![
                    Diagnostic::warning(
                        "toml-syntax",
                        line,
                        format!("the TOML does not parse ({message}); read key by key"),
                    )
                    .at_column(column),
                ],
            }
        }
    }
}

/// The 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().unwrap_or(before).chars().count();
    (line, column)
}

/// A TOML value as JSON, as every other format's fields are held. Dates become their text.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map_or_else(|| Value::String(f.to_string()), Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

/// The line of each top-level key: `key = ...` before the first table, or the first table
/// header under it (`[mcp_servers.docs]` for `mcp_servers`).
fn key_lines(text: &str) -> IndexMap<String, usize> {
    let mut lines = IndexMap::new();
    let mut in_table = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if let Some(header) = line.strip_prefix('[') {
            in_table = true;
            let name = header
                .trim_start_matches('[')
                .split(['.', ']'])
                .next()
                .unwrap_or("")
                .trim();
            lines
                .entry(name.trim_matches('"').to_string())
                .or_insert(index + 1);
        } else if !in_table && let Some((key, _)) = line.split_once('=') {
            let key = key.trim();
            if !key.is_empty() && !key.starts_with('#') {
                lines
                    .entry(key.trim_matches('"').to_string())
                    .or_insert(index + 1);
            }
        }
    }
    lines
}

/// The top-level `key = value` lines of a file that does not parse: strings (one-line or
/// `"""`/`'''` multi-line) as their text, anything else as written.
fn lenient(text: &str) -> IndexMap<String, Field> {
    let mut fields = IndexMap::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if line.trim_start().starts_with('[') {
            break;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if key.is_empty() || key.starts_with('#') || key.contains(' ') {
            continue;
        }
        let line_number = index;
        let value = value.trim();
        let text = match ["\"\"\"", "'''"].into_iter().find(|q| value.starts_with(q)) {
            Some(quote) => {
                let mut collected = value[3..].to_string();
                let mut closed = collected
                    .find(quote)
                    .map(|end| collected.truncate(end))
                    .is_some();
                while !closed && index < lines.len() {
                    let next = lines[index];
                    index += 1;
                    collected.push('\n');
                    match next.find(quote) {
                        Some(end) => {
                            collected.push_str(&next[..end]);
                            closed = true;
                        }
                        None => collected.push_str(next),
                    }
                }
                collected
                    .strip_prefix('\n')
                    .unwrap_or(&collected)
                    .to_string()
            }
            None => value
                .strip_prefix('"')
                .and_then(|v| v.rsplit_once('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.rsplit_once('\'')))
                .map_or(value, |(inner, _)| inner)
                .to_string(),
        };
        fields.insert(
            key.to_string(),
            Field {
                value: Value::String(text),
                line: line_number,
            },
        );
    }
    fields
}

/// What an agent with this `sandbox_mode`, `web_search` and `mcp_servers` can do. No
/// `sandbox_mode` runs in the session's sandbox: the agent inherits what the session may do.
pub fn capabilities(
    sandbox_mode: Option<&Value>,
    web_search: Option<&Value>,
    mcp_servers: Option<&Value>,
) -> Capabilities {
    let mode = sandbox_mode.and_then(Value::as_str);
    let Some((mode, set)) = mode.and_then(|m| SANDBOX_MODES.iter().find(|(name, _)| *name == m))
    else {
        return Capabilities::everything(Grant::Inherited);
    };
    let mut capabilities = Capabilities::only(
        Grant::Sandbox {
            mode: mode.to_string(),
        },
        set,
    );
    let web = match web_search {
        Some(Value::String(s)) => WEB_SEARCH.contains(&s.as_str()),
        Some(Value::Bool(b)) => *b,
        _ => false,
    };
    if web {
        capabilities.give(Capability::Web, "web_search");
    }
    if let Some(Value::Object(servers)) = mcp_servers {
        for server in servers.keys() {
            capabilities.give(Capability::Mcp, "mcp_servers");
            capabilities.mcp_servers.push(server.clone());
        }
    }
    capabilities
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_lines_and_sandbox_modes_decide() {
        let text = "name = \"reviewer\"\ndescription = 'Reviews'\nsandbox_mode = \"read-only\"\ndeveloper_instructions = \"\"\"\nRead.\n\"\"\"\n\n[mcp_servers.docs]\nurl = \"https://example.com\"\n";
        let document = parse(text);
        assert_eq!(document.reading, Reading::Strict);
        let line = |key: &str| document.fields[key].line;
        assert_eq!(
            (
                line("name"),
                line("description"),
                line("developer_instructions"),
                line("mcp_servers")
            ),
            (1, 2, 4, 8)
        );
        assert_eq!(document.fields["developer_instructions"].value, "Read.\n");
        let caps = capabilities(
            document.fields.get("sandbox_mode").map(|f| &f.value),
            Some(&Value::String("live".into())),
            document.fields.get("mcp_servers").map(|f| &f.value),
        );
        assert_eq!(
            caps.grant,
            Grant::Sandbox {
                mode: "read-only".into()
            }
        );
        assert_eq!(
            caps.set.iter().copied().collect::<Vec<_>>(),
            [
                Capability::Read,
                Capability::Search,
                Capability::Web,
                Capability::Mcp
            ]
        );
        assert_eq!(caps.mcp_servers, ["docs"]);
        assert_eq!(capabilities(None, None, None).grant, Grant::Inherited);
    }

    #[test]
    fn broken_toml_is_read_key_by_key_with_the_error_at_line_and_column() {
        let text = "name = \"x\"\ndescription = \ndeveloper_instructions = '''\nDo it.\n'''\n";
        let document = parse(text);
        assert_eq!(document.reading, Reading::Lenient);
        let error = &document.diagnostics[0];
        assert_eq!((error.line, error.column), (2, Some(15)));
        assert_eq!(document.fields["name"].value, "x");
        assert_eq!(document.fields["developer_instructions"].value, "Do it.\n");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for text in [
            format!("a = {}1{}\n", "[".repeat(200_000), "]".repeat(200_000)),
            format!("a = {}1{}\n", "{b=".repeat(50_000), "}".repeat(50_000)),
            format!("{} = 1\n", vec!["a"; 50_000].join(".")),
        ] {
            let document = parse(&text);
            assert_eq!(document.reading, Reading::Lenient);
            assert_eq!(document.diagnostics[0].kind, "toml-syntax");
        }
    }
}
