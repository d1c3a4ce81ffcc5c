//! Claude Code: subagents are Markdown files with a YAML frontmatter in `.claude/agents/` (or a
//! plugin's `agents/` folder). Owns its tool names and what each one lets an agent do.

use super::{Harness, names};
use crate::read::agent::Tools;
use crate::read::capability::{Capabilities, Grant, Meaning};

/// The subagent keys Claude Code reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("name", "the agent's id"),
    (
        "description",
        "what the agent does, for Claude Code to decide when to call it",
    ),
    (
        "tools",
        "the tools the agent may use (every tool when absent)",
    ),
    (
        "disallowedTools",
        "tools taken away from the ones the agent has",
    ),
    (
        "model",
        "the model the agent runs on: opus, sonnet, haiku, inherit or an id",
    ),
    ("color", "the agent's color in the interface"),
    (
        "permissionMode",
        "how the agent asks before acting (default, acceptEdits, plan, ...)",
    ),
    ("maxTurns", "the most turns the agent takes before it stops"),
    ("skills", "skills loaded into the agent"),
    ("mcpServers", "MCP servers the agent can use"),
    ("hooks", "commands that run on the agent's events"),
    ("memory", "memory the agent keeps between runs"),
    ("background", "whether the agent runs in the background"),
    ("effort", "how much reasoning effort the agent spends"),
    (
        "isolation",
        "how the agent's work is kept apart (for example a git worktree)",
    ),
    ("initialPrompt", "the prompt the agent starts with"),
];

/// The values of the keys that take one of a few.
pub const VALUE_SETS: &[(&str, &[&str])] = &[
    (
        "permissionMode",
        &[
            "default",
            "acceptEdits",
            "auto",
            "dontAsk",
            "bypassPermissions",
            "plan",
        ],
    ),
    ("effort", &["low", "medium", "high", "xhigh", "max"]),
];

/// A tool as Claude Code reads a `tools` entry: `Bash(git:*)` and `Agent(a, b)` restrict a tool,
/// whose name is what comes before `(`.
pub fn base_name(tool: &str) -> &str {
    tool.split('(').next().unwrap_or(tool).trim()
}

/// The MCP server of an `mcp__<server>__<tool>` name (`mcp__<server>` alone means all its tools).
pub fn mcp_server(tool: &str) -> Option<&str> {
    let rest = base_name(tool).strip_prefix("mcp__")?;
    let server = rest.split("__").next().unwrap_or(rest);
    (!server.is_empty()).then_some(server)
}

/// What a `tools` entry means to Claude Code: a built-in (names in `names::TOOLS`), an MCP
/// tool, `*`, or a name it does not know.
pub fn meaning(tool: &str) -> Meaning {
    let base = base_name(tool);
    if base == "*" {
        return Meaning::All;
    }
    if let Some(server) = mcp_server(tool) {
        return Meaning::Mcp(server.to_string());
    }
    names::find(Harness::ClaudeCode, base)
        .map_or(Meaning::Unknown, |row| Meaning::Gives(row.capability))
}

/// Whether Claude Code knows the tool: a built-in, an MCP tool, or `*`.
pub fn is_known_tool(tool: &str) -> bool {
    meaning(tool) != Meaning::Unknown
}

/// What an agent with these `tools` and `disallowedTools` can do. No `tools` field inherits
/// every tool; a disallowed tool takes away the capability only when no other allowed tool gives
/// it.
pub fn capabilities(tools: &Tools, disallowed: Option<&[String]>) -> Capabilities {
    let disallowed: Vec<&str> = disallowed
        .unwrap_or_default()
        .iter()
        .map(|t| base_name(t))
        .collect();
    let Some(list) = tools.as_list() else {
        let mut inherited = Capabilities::everything(Grant::Inherited);
        inherited.set.retain(|capability| {
            names::TOOLS.iter().any(|row| {
                row.capability == Some(*capability)
                    && row
                        .claude_code
                        .is_some_and(|name| !disallowed.contains(&name))
            })
        });
        return inherited;
    };
    Capabilities::listed(
        list.iter()
            .filter(|tool| !disallowed.contains(&base_name(tool))),
        meaning,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::capability::Capability;

    #[test]
    fn listed_tools_give_their_capabilities_and_name_their_mcp_servers() {
        let found = capabilities(
            &Tools::of(&[
                "Read",
                "Bash(git:*)",
                "mcp__github__create_issue",
                "mcp__github__list",
                "mcp__db",
                "read",
            ]),
            None,
        );
        assert_eq!(found.grant, Grant::Listed);
        assert_eq!(
            found.set.iter().map(|c| c.id()).collect::<Vec<_>>(),
            ["read", "shell", "mcp"]
        );
        assert_eq!(found.mcp_servers, ["github", "db"]);
        assert_eq!(found.unknown_tools, ["read"]);
    }

    #[test]
    fn no_tools_field_inherits_everything_but_what_is_disallowed_entirely() {
        let all = capabilities(&Tools::Inherit, None);
        assert_eq!(all.grant, Grant::Inherited);
        assert_eq!(all.set.len(), Capability::ALL.len());
        let disallowed = [
            "WebFetch".to_string(),
            "WebSearch".to_string(),
            "Write".to_string(),
        ];
        let fewer = capabilities(&Tools::Inherit, Some(&disallowed));
        assert!(!fewer.has(Capability::Web), "both web tools are disallowed");
        assert!(
            fewer.has(Capability::Edit),
            "Edit still edits without Write"
        );
    }

    #[test]
    fn copilot_names_in_a_claude_file_give_nothing() {
        let found = capabilities(&Tools::of(&["read", "edit", "execute"]), None);
        assert!(found.set.is_empty());
        assert!(found.is_read_only());
        assert_eq!(found.unknown_tools, ["read", "edit", "execute"]);
    }
}
