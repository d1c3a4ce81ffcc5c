//! What an agent's tools become in another harness: a tool list in the target's names (from the
//! one table, [`names::TOOLS`]), or, for a harness without a tool list, what its setting is
//! decided from; with a note for every tool that has no equivalent or loses a restriction.

use crate::read::agent::Agent;
use crate::read::capability::{Capability, Grant};
use crate::read::harness::names::{self, ToolNames};
use crate::read::harness::{Harness, claude_code};

/// The tools an agent gets in the target harness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// No tool list: the harness's own default (every tool, for most).
    Inherit,
    /// These rows of the table, in table order, and MCP tools as `(server, tool)` (`None`: all
    /// of the server's tools).
    List {
        rows: Vec<&'static ToolNames>,
        mcp: Vec<(String, Option<String>)>,
    },
}

/// What the agent's tools are, in terms of the table; notes for tools the table has no row for.
pub fn plan(agent: &Agent, target: Harness, notes: &mut Vec<String>) -> Plan {
    let source = agent.harness;
    let Some(list) = agent.tools.as_list() else {
        return match (&agent.capabilities.grant, &agent.disallowed_tools) {
            (Grant::Listed | Grant::Sandbox { .. }, _) => from_capabilities(agent),
            (_, Some(disallowed)) if !disallowed.is_empty() => {
                notes.push(format!(
                    "`disallowedTools` becomes a list of every other tool: {} has no disallowed tools",
                    target.name()
                ));
                let rows = names::TOOLS
                    .iter()
                    .filter(|row| {
                        row.name_in(source)
                            .is_some_and(|name| !disallowed.iter().any(|d| d == name))
                    })
                    .collect();
                Plan::List {
                    rows,
                    mcp: Vec::new(),
                }
            }
            _ => Plan::Inherit,
        };
    };
    if list.iter().any(|tool| tool.trim() == "*") {
        return Plan::Inherit;
    }
    let mut rows: Vec<&'static ToolNames> = Vec::new();
    let mut mcp = Vec::new();
    for tool in list {
        let base = claude_code::base_name(tool);
        if let Some(server) = claude_code::mcp_server(tool) {
            let name = base
                .strip_prefix("mcp__")
                .and_then(|rest| rest.split_once("__"))
                .map(|(_, name)| name.to_string());
            mcp.push((server.to_string(), name));
            continue;
        }
        match names::find(source, base) {
            Some(row) => {
                if base != tool.trim() && target != source {
                    notes.push(format!(
                        "`{tool}` loses its restriction: {} cannot limit a tool to some uses",
                        target.name()
                    ));
                }
                if !rows.contains(&row) {
                    rows.push(row);
                }
            }
            None if is_known(source, base) => notes.push(format!(
                "`{tool}` has no {} equivalent; dropped",
                target.name()
            )),
            None => notes.push(format!(
                "`{tool}` is not a {} tool (it gives the agent nothing there); dropped",
                source.name()
            )),
        }
    }
    rows.sort_by_key(|row| position(row));
    Plan::List { rows, mcp }
}

/// Whether the source harness knows a tool the table has no row for.
fn is_known(source: Harness, tool: &str) -> bool {
    match source {
        Harness::ClaudeCode => claude_code::is_known_tool(tool),
        _ => false,
    }
}

/// The rows that give the agent's capabilities, for a source without a list of names (a Codex
/// sandbox, a Cursor `readonly` flag).
fn from_capabilities(agent: &Agent) -> Plan {
    let rows = names::TOOLS
        .iter()
        .filter(|row| row.capability.is_some_and(|c| agent.capabilities.has(c)))
        .collect();
    let mcp = agent
        .capabilities
        .mcp_servers
        .iter()
        .filter(|server| *server != "*")
        .map(|server| (server.clone(), None))
        .collect();
    Plan::List { rows, mcp }
}

fn position(row: &ToolNames) -> usize {
    names::TOOLS
        .iter()
        .position(|r| r == row)
        .unwrap_or(usize::MAX)
}

/// The tool names a plan writes in `target`, each once, in table order; notes for the tools
/// that have no name there.
pub fn names_in(plan: &Plan, target: Harness, notes: &mut Vec<String>) -> Option<Vec<String>> {
    let Plan::List { rows, mcp } = plan else {
        return None;
    };
    let mut written: Vec<String> = Vec::new();
    for row in rows {
        match row.name_in(target) {
            Some(name) => {
                if !written.iter().any(|w| w == name) {
                    written.push(name.to_string());
                }
            }
            None => notes.push(format!(
                "`{}` has no {} equivalent; dropped",
                row.claude_code.unwrap_or("?"),
                target.name()
            )),
        }
    }
    for (server, tool) in mcp {
        match target {
            Harness::ClaudeCode => written.push(match tool {
                Some(tool) => format!("mcp__{server}__{tool}"),
                None => format!("mcp__{server}"),
            }),
            Harness::Copilot => {
                let name = format!("{server}/{}", tool.as_deref().unwrap_or("*"));
                if !written.contains(&name) {
                    written.push(name);
                }
            }
            _ => notes.push(format!(
                "MCP tools of `{server}` dropped: {} names MCP tools in its own settings",
                target.name()
            )),
        }
    }
    Some(written)
}

/// Whether the agent only reads (every capability is reading, searching or the web), and why, in
/// words for a note: "the agent only reads (Read, Grep)", "the agent edits files (Edit)".
pub fn read_only_reason(agent: &Agent, plan: &Plan) -> (bool, String) {
    let Plan::List { rows, mcp } = plan else {
        return (false, "the agent inherits every tool".to_string());
    };
    let reads =
        |c: Capability| matches!(c, Capability::Read | Capability::Search | Capability::Web);
    let capabilities = &agent.capabilities;
    let read_only = mcp.is_empty()
        && capabilities.mcp_servers.is_empty()
        && capabilities.set.iter().all(|c| reads(*c));
    let tools: Vec<&str> = rows
        .iter()
        .filter(|row| row.capability.is_some_and(|c| reads(c) == read_only))
        .filter_map(|row| row.name_in(agent.harness).or(row.claude_code))
        .fold(Vec::new(), |mut names, name| {
            if !names.contains(&name) {
                names.push(name);
            }
            names
        });
    let what = if read_only {
        if capabilities.set.is_empty() {
            return (true, "the agent has no tools".to_string());
        }
        "only reads".to_string()
    } else {
        capabilities
            .set
            .iter()
            .filter(|c| !reads(**c))
            .map(|c| c.phrase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if tools.is_empty() {
        (read_only, format!("the agent {what}"))
    } else {
        (
            read_only,
            format!("the agent {what} ({})", tools.join(", ")),
        )
    }
}
