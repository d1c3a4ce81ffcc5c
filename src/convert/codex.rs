//! Codex's file: TOML with `name`, `description`, the model and settings, `sandbox_mode` in place
//! of a tool list, and the body as `developer_instructions`. The body is a multi-line literal
//! string (`'''`, written verbatim) whenever TOML lets one hold it, else a basic string with
//! escapes.

use super::tools::{self, Plan};
use super::{Scalar, Text, model_for, quote, settings_for};
use crate::read::agent::Agent;
use crate::read::harness::Harness;

/// The agent as a Codex TOML file.
pub fn write(agent: &Agent, notes: &mut Vec<String>) -> Text {
    let mut head = String::new();
    let mut line = |key: &str, value: &str| {
        head.push_str(key);
        head.push_str(" = ");
        head.push_str(value);
        head.push('\n');
    };
    line("name", &quote(&agent.name));
    line("description", &quote(&agent.description.text));
    let model = model_for(agent, Harness::Codex, notes);
    if let Some(model) = &model {
        line("model", &quote(model));
    }
    let mut tool_notes = Vec::new();
    let plan = tools::plan(agent, Harness::Codex, &mut tool_notes);
    let (read_only, because) = tools::read_only_reason(agent, &plan);
    let mode = if read_only {
        "read-only"
    } else {
        "workspace-write"
    };
    if let Plan::List { mcp, .. } = &plan {
        for (server, _) in mcp.iter().fold(Vec::new(), |mut seen, entry| {
            if !seen.iter().any(|(s, _)| s == &entry.0) {
                seen.push(entry.clone());
            }
            seen
        }) {
            notes.push(format!(
                "MCP tools of `{server}` dropped: Codex names MCP servers in `mcp_servers`"
            ));
        }
    }
    notes.push(format!(
        "Codex has no tool list: sandbox_mode {mode} because {because}"
    ));
    for setting in settings_for(agent, Harness::Codex, notes) {
        match setting.value {
            Scalar::Text(text) => line(setting.key, &quote(&text)),
            Scalar::Other(value) => line(setting.key, &value),
        }
    }
    line("sandbox_mode", &quote(mode));
    if agent.color.is_some() {
        notes.push("color dropped: Codex has no color".to_string());
    }
    if fits_literal(&agent.body) {
        head.push_str("developer_instructions = '''\n");
        return Text::Around {
            head,
            tail: "'''\n".to_string(),
        };
    }
    notes.push(
        "the instructions are written as an escaped string: they hold `'''` or characters a literal TOML string cannot"
            .to_string(),
    );
    head.push_str("developer_instructions = ");
    head.push_str(&quote(&agent.body));
    head.push('\n');
    Text::Whole(head)
}

/// Whether `body` can stand verbatim in a multi-line literal string opened by `'''` and a line
/// break (which TOML drops): no `'''` inside, no control character but tab and line feed, and
/// no `'` at the end (it would run into the closing quotes).
fn fits_literal(body: &str) -> bool {
    !body.contains("'''")
        && !body.ends_with('\'')
        && !body
            .chars()
            .any(|c| (c.is_control() && c != '\t' && c != '\n') || c == '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::fits_literal;

    #[test]
    fn literal_strings_take_only_what_toml_reads_verbatim() {
        assert!(fits_literal("Use `'` and ''.\n\tIndented\n"));
        assert!(!fits_literal("a ''' b"));
        assert!(!fits_literal("ends with '"));
        assert!(!fits_literal("carriage\r return"));
        assert!(!fits_literal("nul \u{0}"));
    }
}
