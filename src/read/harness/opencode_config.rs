//! OpenCode's configuration file, `opencode.json` (or `opencode.jsonc`), which can define agents
//! itself in its `agent` map, each with its prompt inline or in a file (`{file:...}`). agentdex
//! lists agents from files of their own, so such agents are not read: this says so, at the
//! line of the map with the agents' names, rather than leave them out unsaid.

use serde_json::Value;

use crate::read::diagnostics::Diagnostic;

/// The file names OpenCode reads its configuration from.
pub const FILE_NAMES: &[&str] = &["opencode.json", "opencode.jsonc"];

/// Configuration files larger than this are not looked into.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// How many of the agents' names a warning lists.
const NAMES_SHOWN: usize = 8;

/// What a configuration file's text says to a reader of the catalogue: the agents its `agent`
/// map defines, which the catalogue does not show, or that it could not be read as JSON. `None`
/// when it defines no agents.
pub fn unread_agents(text: &str) -> Option<Diagnostic> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        // A file that names no agent map is of no concern to the catalogue, readable or not
        // (a `.jsonc` with comments is not JSON).
        Err(_) if key_position(text, "agent").is_none() => return None,
        Err(error) => {
            return Some(
                Diagnostic::warning(
                    "config-unread",
                    error.line(),
                    format!(
                        "not read as JSON ({error}): the agents of its `agent` map are not listed"
                    ),
                )
                .at_column(error.column()),
            );
        }
    };
    let agents = value.get("agent")?.as_object()?;
    if agents.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = agents.keys().map(String::as_str).collect();
    let more = names.len().saturating_sub(NAMES_SHOWN);
    names.truncate(NAMES_SHOWN);
    let listed = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let listed = if more > 0 {
        format!("{listed} and {more} more")
    } else {
        listed
    };
    let (line, column) = key_position(text, "agent").unwrap_or((1, 1));
    Some(
        Diagnostic::warning(
            "config-agents",
            line,
            format!(
                "its `agent` map defines {} agent{} ({listed}) that the catalogue does not list: agentdex reads OpenCode agents from their own files; write each as `.opencode/agents/<name>.md` (the map's keys as frontmatter, the prompt as the body)",
                agents.len(),
                if agents.len() == 1 { "" } else { "s" }
            ),
        )
        .at_column(column),
    )
}

/// The 1-based line and column of the first `"key":` in `text` (none for a key written with
/// escapes).
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{key}\"");
    let found = text
        .match_indices(&quoted)
        .find(|(at, _)| text[at + quoted.len()..].trim_start().starts_with(':'));
    let (at, _) = found?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
    let column = before[line_start..].chars().count() + 1;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agent_map_is_named_at_its_line_with_its_agents() {
        let text = "{\n  \"$schema\": \"https://opencode.ai/config.json\",\n  \"agent\": {\n    \"build\": {\"mode\": \"primary\"},\n    \"planner\": {\"prompt\": \"{file:prompts/planner.txt}\"}\n  }\n}\n";
        let warning = unread_agents(text).expect("a warning");
        assert_eq!(
            (warning.kind, warning.line, warning.column),
            ("config-agents", 3, Some(3))
        );
        assert!(
            warning
                .message
                .starts_with("its `agent` map defines 2 agents (`build`, `planner`) that"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn many_agents_are_counted_and_a_few_named() {
        let entries: Vec<String> = (0..11).map(|n| format!("\"a{n}\": {{}}")).collect();
        let text = format!("{{\"agent\": {{{}}}}}", entries.join(", "));
        let warning = unread_agents(&text).expect("a warning");
        assert!(
            warning.message.contains(
                "defines 11 agents (`a0`, `a1`, `a2`, `a3`, `a4`, `a5`, `a6`, `a7` and 3 more)"
            ),
            "{}",
            warning.message
        );
    }

    #[test]
    fn a_file_without_agents_says_nothing_and_a_broken_one_says_where() {
        assert!(unread_agents("{\"model\": \"anthropic/claude-sonnet-4-5\"}").is_none());
        assert!(unread_agents("{\"agent\": {}}").is_none());
        assert!(unread_agents("{ // comments: JSONC\n \"model\": \"x\" }").is_none());
        let broken = unread_agents("{\n  \"agent\": {,}\n}").expect("a warning");
        assert_eq!(
            (broken.kind, broken.line, broken.column),
            ("config-unread", 2, Some(13))
        );
    }
}
