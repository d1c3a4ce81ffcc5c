//! Which harness a file is written for: from its path and name first (`*.agent.md`,
//! `.gemini/agents/`, `droids/`), then, where the path says nothing, from what its keys and
//! values are (a `kind: local` is Gemini CLI's, a `tools` map of true/false is OpenCode's).
//! `[[sources]] harness = "..."` in `catalog.toml` overrides both (see `read::load_with`).

use indexmap::IndexMap;
use serde_json::Value;

use super::{Harness, names};
use crate::read::frontmatter::Field;

/// Folders a harness reads agents from, as path parts: `(folder, harness)`. A path containing
/// `/<folder>/` (or starting with `<folder>/`) is that harness's file.
pub const FOLDERS: &[(&str, Harness)] = &[
    (".claude/agents", Harness::ClaudeCode),
    (".github/agents", Harness::Copilot),
    (".github/chatmodes", Harness::Copilot),
    (".opencode/agents", Harness::OpenCode),
    (".opencode/agent", Harness::OpenCode),
    (".gemini/agents", Harness::GeminiCli),
    (".codex/agents", Harness::Codex),
    (".cursor/agents", Harness::Cursor),
    (".factory/droids", Harness::Factory),
    ("droids", Harness::Factory),
];

/// Whether a file is read as TOML (Codex's format).
pub fn is_toml(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".toml")
}

/// The harness a path names, if it names one.
pub fn from_path(path: &str) -> Option<Harness> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".toml") {
        return Some(Harness::Codex);
    }
    if lower.ends_with(".agent.md") || lower.ends_with(".chatmode.md") {
        return Some(Harness::Copilot);
    }
    let folder = format!(
        "/{}",
        lower.rsplit_once('/').map_or("", |(folder, _)| folder)
    );
    FOLDERS
        .iter()
        .find(|(name, _)| {
            folder.contains(&format!("/{name}/")) || folder.ends_with(&format!("/{name}"))
        })
        .map(|(_, harness)| *harness)
}

/// The harness a Markdown agent file is written for: its path, else its keys, else Claude Code.
pub fn harness(path: &str, fields: &IndexMap<String, Field>) -> Harness {
    from_path(path)
        .or_else(|| from_content(fields))
        .unwrap_or(Harness::ClaudeCode)
}

/// Keys that only one harness reads.
const OWN_KEYS: &[(&str, Harness)] = &[
    ("kind", Harness::GeminiCli),
    ("max_turns", Harness::GeminiCli),
    ("timeout_mins", Harness::GeminiCli),
    ("readonly", Harness::Cursor),
    ("is_background", Harness::Cursor),
    ("reasoningEffort", Harness::Factory),
    ("argument-hint", Harness::Copilot),
    ("handoffs", Harness::Copilot),
    ("mcp-servers", Harness::Copilot),
    ("user-invocable", Harness::Copilot),
    ("target", Harness::Copilot),
    ("permission", Harness::OpenCode),
    ("maxSteps", Harness::OpenCode),
];

/// The harness a file's keys and values belong to, when they say.
pub fn from_content(fields: &IndexMap<String, Field>) -> Option<Harness> {
    let value = |key: &str| fields.get(key).map(|f| &f.value);
    if fields.contains_key("developer_instructions") {
        return Some(Harness::Codex);
    }
    if value("tools").is_some_and(Value::is_object) {
        return Some(Harness::OpenCode);
    }
    if value("mode")
        .and_then(Value::as_str)
        .is_some_and(|mode| super::opencode::MODES.contains(&mode))
        && !fields.contains_key("name")
    {
        return Some(Harness::OpenCode);
    }
    // Cursor has no tool list: a file with `tools` and `readonly` is not Cursor's.
    if let Some((_, harness)) = OWN_KEYS.iter().find(|(key, harness)| {
        fields.contains_key(*key) && (*harness != Harness::Cursor || !fields.contains_key("tools"))
    }) {
        return Some(*harness);
    }
    let model = value("model").and_then(Value::as_str).unwrap_or_default();
    if model.to_ascii_lowercase().starts_with("gemini") {
        return Some(Harness::GeminiCli);
    }
    let tools = value("tools").map(|v| crate::read::agent::tools::parse(v).0);
    tools.and_then(|tools| from_tool_names(&tools))
}

/// The harness whose own tool names a list uses: names only Gemini CLI or Factory have
/// (`run_shell_command`, `Execute`). Copilot's aliases are not taken as a sign: a Markdown file
/// outside Copilot's folders that lists `read, edit` is a Claude Code agent with the wrong names,
/// which `check` reports.
fn from_tool_names(tools: &[String]) -> Option<Harness> {
    let own = |harness: Harness, tool: &str| {
        names::find(harness, tool).is_some() && names::find(Harness::ClaudeCode, tool).is_none()
    };
    [Harness::GeminiCli, Harness::Factory]
        .into_iter()
        .find(|harness| tools.iter().any(|tool| own(*harness, tool)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(yaml: &[(&str, Value)]) -> IndexMap<String, Field> {
        yaml.iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    Field {
                        value: v.clone(),
                        line: 1,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn paths_name_harnesses() {
        for (path, harness) in [
            ("agents/terraform.agent.md", Some(Harness::Copilot)),
            ("chatmodes/plan.chatmode.md", Some(Harness::Copilot)),
            ("repo/.github/agents/x.md", Some(Harness::Copilot)),
            (
                ".opencode/agent/subagents/code/reviewer.md",
                Some(Harness::OpenCode),
            ),
            ("repo/.gemini/agents/x.md", Some(Harness::GeminiCli)),
            ("categories/01-core/api.toml", Some(Harness::Codex)),
            ("repo/.cursor/agents/x.md", Some(Harness::Cursor)),
            ("repo/droids/x.md", Some(Harness::Factory)),
            ("repo/.claude/agents/x.md", Some(Harness::ClaudeCode)),
            ("agents/x.md", None),
            ("hydroids/x.md", None),
        ] {
            assert_eq!(from_path(path), harness, "{path}");
        }
    }

    #[test]
    fn content_names_harnesses_where_the_path_does_not() {
        let json = |s: &str| serde_json::from_str::<Value>(s).expect("json");
        let of = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(&str, Value)> = pairs.iter().map(|(k, v)| (*k, json(v))).collect();
            harness("agents/x.md", &fields(&pairs))
        };
        assert_eq!(of(&[("kind", "\"local\"")]), Harness::GeminiCli);
        assert_eq!(
            of(&[("tools", "[\"read_file\", \"glob\"]")]),
            Harness::GeminiCli
        );
        assert_eq!(of(&[("model", "\"gemini-3-flash\"")]), Harness::GeminiCli);
        assert_eq!(of(&[("tools", "{\"bash\": false}")]), Harness::OpenCode);
        assert_eq!(of(&[("mode", "\"subagent\"")]), Harness::OpenCode);
        assert_eq!(of(&[("readonly", "true")]), Harness::Cursor);
        assert_eq!(
            of(&[("readonly", "true"), ("tools", "\"Read, Grep\"")]),
            Harness::ClaudeCode
        );
        assert_eq!(
            of(&[("tools", "[\"Read\", \"Execute\"]")]),
            Harness::Factory
        );
        assert_eq!(
            of(&[("tools", "[\"read\", \"execute\"]")]),
            Harness::ClaudeCode
        );
        assert_eq!(of(&[("tools", "\"Read, Bash\"")]), Harness::ClaudeCode);
        assert_eq!(of(&[]), Harness::ClaudeCode);
    }
}
