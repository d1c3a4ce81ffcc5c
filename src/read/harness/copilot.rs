//! GitHub Copilot: custom agents are `*.agent.md` files (YAML frontmatter + Markdown) in
//! `.github/agents/` or an organisation's `agents/`; legacy chat modes are `*.chatmode.md`.
//! Tool names are aliases (`read`, `edit`, `execute`, `search`, `agent`, `web`, `todo`), tool
//! sets with a tool (`edit/editFiles`), older VS Code names (`codebase`, `runCommands`), Claude
//! Code names (accepted as aliases) or `server/*` for an MCP server's tools; unknown names are
//! ignored. No `tools` gives the agent every tool.

use super::{Harness, names};
use crate::read::agent::Tools;
use crate::read::capability::{Capabilities, Meaning};

/// The keys Copilot reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("name", "the name shown (the file name when absent)"),
    (
        "description",
        "what the agent does and when to pick it (required)",
    ),
    (
        "tools",
        "the tools the agent may use (every tool when absent)",
    ),
    (
        "model",
        "the model the agent runs on; a list is tried in order",
    ),
    ("target", "where the agent runs: vscode or github-copilot"),
    ("mcp-servers", "MCP servers started for this agent"),
    (
        "handoffs",
        "buttons that hand the conversation to another agent",
    ),
    ("argument-hint", "the hint shown in the chat input"),
    ("agents", "the agents this one may start"),
    ("user-invocable", "whether people can pick the agent"),
    (
        "disable-model-invocation",
        "whether other agents are kept from starting it",
    ),
    (
        "infer",
        "whether Copilot may pick the agent itself (retired)",
    ),
    ("metadata", "free key-value data about the agent"),
    ("title", "the chat mode's title (legacy chat modes)"),
];

/// The tool aliases Copilot documents, which also name tool sets (`edit/editFiles`).
pub const ALIASES: &[&str] = &["read", "edit", "execute", "search", "agent", "web", "todo"];

/// What a `tools` entry means to Copilot.
pub fn meaning(tool: &str) -> Meaning {
    let tool = tool.trim();
    if tool == "*" {
        return Meaning::All;
    }
    if let Some((set, _)) = tool.split_once('/') {
        if ALIASES.iter().any(|alias| alias.eq_ignore_ascii_case(set)) {
            return names::find(Harness::Copilot, set)
                .map_or(Meaning::Unknown, |row| Meaning::Gives(row.capability));
        }
        if set.eq_ignore_ascii_case("vscode") {
            return Meaning::Gives(None);
        }
        return Meaning::Mcp(set.to_string());
    }
    names::find(Harness::Copilot, tool)
        .or_else(|| names::find(Harness::ClaudeCode, super::claude_code::base_name(tool)))
        .map_or(Meaning::Unknown, |row| Meaning::Gives(row.capability))
}

/// What an agent with these tools can do: every tool when there is no list.
pub fn capabilities(tools: &Tools) -> Capabilities {
    Capabilities::listed_or_inherited(tools, meaning)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::capability::Capability;

    #[test]
    fn aliases_tool_sets_old_names_claude_names_and_servers_are_read() {
        let found = capabilities(&Tools::of(&[
            "read",
            "edit/editFiles",
            "runCommands",
            "Bash",
            "context7/*",
            "vscode/extensions",
            "nonsense",
        ]));
        assert_eq!(
            found.set.iter().copied().collect::<Vec<_>>(),
            [
                Capability::Read,
                Capability::Edit,
                Capability::Shell,
                Capability::Mcp
            ]
        );
        assert_eq!(found.named[&Capability::Shell], ["runCommands", "Bash"]);
        assert_eq!(found.mcp_servers, ["context7"]);
        assert_eq!(found.unknown_tools, ["nonsense"]);
    }
}
