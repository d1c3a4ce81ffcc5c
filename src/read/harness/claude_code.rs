//! Claude Code: subagents are Markdown files with a YAML frontmatter in `.claude/agents/` (or a
//! plugin's `agents/` folder). Owns its tool names and what each one lets an agent do.

use crate::read::agent::Tools;
use crate::read::capability::{Capabilities, Capability, Grant};

/// Claude Code's built-in tools and the capability each gives (`None`: a tool that only talks
/// to the user or plans, and gives no capability of its own). MCP tools are named
/// `mcp__<server>__<tool>` and are not listed here.
pub const TOOLS: &[(&str, Option<Capability>)] = &[
    ("Agent", Some(Capability::Spawn)),
    ("AskUserQuestion", None),
    ("Bash", Some(Capability::Shell)),
    ("BashOutput", Some(Capability::Shell)),
    ("Edit", Some(Capability::Edit)),
    ("EnterPlanMode", None),
    ("ExitPlanMode", None),
    ("Glob", Some(Capability::Search)),
    ("Grep", Some(Capability::Search)),
    ("KillBash", Some(Capability::Shell)),
    ("KillShell", Some(Capability::Shell)),
    ("LS", Some(Capability::Read)),
    ("ListMcpResourcesTool", Some(Capability::Mcp)),
    ("LSP", Some(Capability::Read)),
    ("MultiEdit", Some(Capability::Edit)),
    ("NotebookEdit", Some(Capability::Edit)),
    ("NotebookRead", Some(Capability::Read)),
    ("Read", Some(Capability::Read)),
    ("ReadMcpResourceTool", Some(Capability::Mcp)),
    ("SlashCommand", None),
    ("Skill", None),
    ("Task", Some(Capability::Spawn)),
    ("TodoRead", Some(Capability::Todo)),
    ("TodoWrite", Some(Capability::Todo)),
    ("WebFetch", Some(Capability::Web)),
    ("WebSearch", Some(Capability::Web)),
    ("Write", Some(Capability::Edit)),
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

/// Whether Claude Code knows the tool: a built-in, an MCP tool, or `*`.
pub fn is_known_tool(tool: &str) -> bool {
    let base = base_name(tool);
    base == "*" || mcp_server(tool).is_some() || TOOLS.iter().any(|(name, _)| *name == base)
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
            TOOLS
                .iter()
                .any(|(name, gives)| *gives == Some(*capability) && !disallowed.contains(name))
        });
        return inherited;
    };
    let mut capabilities = Capabilities {
        grant: Grant::Listed,
        set: Default::default(),
        mcp_servers: Vec::new(),
        unknown_tools: Vec::new(),
    };
    for tool in list {
        let base = base_name(tool);
        if disallowed.contains(&base) {
            continue;
        }
        if base == "*" {
            capabilities = Capabilities::everything(Grant::Listed);
            break;
        }
        if let Some(server) = mcp_server(tool) {
            capabilities.set.insert(Capability::Mcp);
            if !capabilities.mcp_servers.iter().any(|s| s == server) {
                capabilities.mcp_servers.push(server.to_string());
            }
            continue;
        }
        match TOOLS.iter().find(|(name, _)| *name == base) {
            Some((_, Some(capability))) => {
                capabilities.set.insert(*capability);
            }
            Some((_, None)) => {}
            None => capabilities.unknown_tools.push(tool.clone()),
        }
    }
    capabilities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(tools: &[&str]) -> Tools {
        Tools::List(tools.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn listed_tools_give_their_capabilities_and_name_their_mcp_servers() {
        let found = capabilities(
            &list(&[
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
        let found = capabilities(&list(&["read", "edit", "execute"]), None);
        assert!(found.set.is_empty());
        assert!(found.is_read_only());
        assert_eq!(found.unknown_tools, ["read", "edit", "execute"]);
    }
}
