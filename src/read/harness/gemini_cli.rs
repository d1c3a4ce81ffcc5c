//! Gemini CLI: subagents are Markdown files with a YAML frontmatter in `.gemini/agents/`. Tools
//! are Gemini CLI's own names (`read_file`, `run_shell_command`, ...), `*` for all, and
//! `mcp_*` or `mcp_<server>_*` for MCP tools. No `tools` gives every tool but starting other
//! agents (subagents cannot call subagents).

use super::{Harness, names};
use crate::read::agent::Tools;
use crate::read::capability::{Capabilities, Capability, Grant, Meaning};

/// The keys Gemini CLI reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("name", "the agent's id: lowercase letters, digits, - and _"),
    (
        "description",
        "what the agent does, for the main agent to decide when to call it",
    ),
    (
        "kind",
        "local (runs inside Gemini CLI) or remote (an A2A agent)",
    ),
    (
        "tools",
        "the tools the agent may use (every tool when absent)",
    ),
    ("mcpServers", "MCP servers only this agent uses"),
    (
        "model",
        "the model the agent runs on (the session's when absent)",
    ),
    (
        "temperature",
        "sampling temperature, 0 to 2 (1 when absent)",
    ),
    (
        "max_turns",
        "the most turns the agent takes (30 when absent)",
    ),
    (
        "timeout_mins",
        "the longest the agent runs, in minutes (10 when absent)",
    ),
    ("agent_card_url", "where a remote agent's A2A card is"),
    ("agent_card_json", "a remote agent's A2A card, inline"),
    ("auth", "how a remote agent is authenticated"),
];

/// What a `tools` entry means to Gemini CLI.
pub fn meaning(tool: &str) -> Meaning {
    let tool = tool.trim();
    if tool == "*" {
        return Meaning::All;
    }
    if let Some(rest) = tool.strip_prefix("mcp_") {
        let server = rest.split('_').next().unwrap_or(rest);
        return Meaning::Mcp(if server.is_empty() { "*" } else { server }.to_string());
    }
    names::find(Harness::GeminiCli, tool)
        .map_or(Meaning::Unknown, |row| Meaning::Gives(row.capability))
}

/// What an agent with these tools can do.
pub fn capabilities(tools: &Tools) -> Capabilities {
    match tools.as_list() {
        None => {
            let mut all = Capabilities::everything(Grant::Inherited);
            all.remove(Capability::Spawn);
            all.mcp_servers = vec!["*".to_string()];
            all
        }
        Some(list) => {
            let mut listed = Capabilities::listed(list, meaning);
            listed.remove(Capability::Spawn);
            listed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemini_names_and_mcp_wildcards_are_read_and_claude_names_are_not() {
        let found = capabilities(&Tools::of(&[
            "read_file",
            "run_shell_command",
            "mcp_github_*",
            "Read",
        ]));
        assert_eq!(
            found.set.iter().copied().collect::<Vec<_>>(),
            [Capability::Read, Capability::Shell, Capability::Mcp]
        );
        assert_eq!(found.mcp_servers, ["github"]);
        assert_eq!(found.unknown_tools, ["Read"]);
        assert!(!capabilities(&Tools::Inherit).has(Capability::Spawn));
    }
}
