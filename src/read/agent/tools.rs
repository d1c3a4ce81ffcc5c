//! The `tools` and `disallowedTools` fields: a comma string or a YAML list becomes a list of tool
//! names; an absent field means the agent inherits every tool of the main conversation.

use serde_json::Value;

/// The tools an agent may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tools {
    /// No `tools` field: the agent inherits all tools (not "no tools").
    Inherit,
    /// An explicit list, in the order written.
    List(Vec<String>),
}

impl Tools {
    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            Tools::Inherit => None,
            Tools::List(list) => Some(list),
        }
    }

    /// A list of these names, as tests write one.
    #[cfg(test)]
    pub fn of(names: &[&str]) -> Tools {
        Tools::List(names.iter().map(|t| t.to_string()).collect())
    }
}

/// Tools of one origin: Claude Code's own (`server` is `None`) or one MCP server's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ToolGroup {
    pub server: Option<String>,
    pub tools: Vec<String>,
}

/// Groups a tool list: Claude Code's tools first, then `mcp__<server>__<tool>` names by server,
/// each in the order written.
pub fn grouped(tools: &[String]) -> Vec<ToolGroup> {
    let mut groups: Vec<ToolGroup> = vec![ToolGroup {
        server: None,
        tools: Vec::new(),
    }];
    for tool in tools {
        let (server, name) = match tool.strip_prefix("mcp__").and_then(|t| t.split_once("__")) {
            Some((server, name)) => (Some(server.to_string()), name.to_string()),
            None => (None, tool.clone()),
        };
        match groups.iter_mut().find(|g| g.server == server) {
            Some(group) => group.tools.push(name),
            None => groups.push(ToolGroup {
                server,
                tools: vec![name],
            }),
        }
    }
    groups.retain(|g| !g.tools.is_empty());
    groups
}

/// Reads a tools value. Returns the list and, when the value had an unexpected shape, a note
/// saying how it was read.
pub fn parse(value: &Value) -> (Vec<String>, Option<String>) {
    match value {
        Value::String(text) => (split_list(text), None),
        Value::Array(items) => {
            let mut note = None;
            let names = items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Null => None,
                    other => {
                        note = Some(format!(
                            "has an item that is not text ({other}); read as text"
                        ));
                        Some(other.to_string())
                    }
                })
                .filter(|s| !s.is_empty())
                .collect();
            (names, note)
        }
        Value::Null => (
            Vec::new(),
            Some("is empty; read as an empty list".to_string()),
        ),
        other => (
            split_list(&other.to_string()),
            Some(format!("is not text or a list ({other}); read as text")),
        ),
    }
}

/// Splits a comma-separated list, except at commas inside parentheses (`Agent(a, b)`).
pub fn split_list(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                push_name(&mut names, &current);
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    push_name(&mut names, &current);
    names
}

fn push_name(names: &mut Vec<String>, name: &str) {
    let name = name.trim();
    if !name.is_empty() {
        names.push(name.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splits_comma_strings_but_not_inside_parentheses() {
        assert_eq!(
            split_list("Read, Write,Bash , Agent(a, b), mcp__x__y"),
            vec!["Read", "Write", "Bash", "Agent(a, b)", "mcp__x__y"]
        );
        assert!(split_list(" , ").is_empty());
    }

    #[test]
    fn groups_mcp_tools_by_server() {
        let tools: Vec<String> = [
            "Read",
            "mcp__github__create_issue",
            "Bash",
            "mcp__github__list",
            "mcp__db__query",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let groups = grouped(&tools);
        let shape: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.server.as_deref(),
                    g.tools.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (None, vec!["Read", "Bash"]),
                (Some("github"), vec!["create_issue", "list"]),
                (Some("db"), vec!["query"]),
            ]
        );
    }

    #[test]
    fn reads_lists_and_odd_shapes() {
        assert_eq!(
            parse(&json!(["Read", " Grep "])),
            (vec!["Read".into(), "Grep".into()], None)
        );
        let (names, note) = parse(&json!(42));
        assert_eq!(names, vec!["42"]);
        assert!(note.is_some_and(|n| n.contains("not text or a list")));
        let (names, note) = parse(&Value::Null);
        assert!(names.is_empty());
        assert!(note.is_some());
    }
}
