//! What an agent's tools become in another harness: a tool list in the target's names (from the
//! one table, [`names::TOOLS`]), or, for a harness without a tool list, what its setting is
//! decided from; with a note for every tool that has no equivalent or loses a restriction.

use crate::read::agent::Agent;
use crate::read::capability::{Capability, Grant, Meaning};
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

/// What a tool list entry means in its harness.
fn meaning(harness: Harness, tool: &str) -> Meaning {
    use crate::read::harness::{copilot, factory, gemini_cli, opencode};
    match harness {
        Harness::ClaudeCode => claude_code::meaning(tool),
        Harness::Copilot => copilot::meaning(tool),
        Harness::OpenCode => opencode::meaning(tool),
        Harness::GeminiCli => gemini_cli::meaning(tool),
        Harness::Factory => factory::meaning(tool),
        Harness::Codex | Harness::Cursor => Meaning::Unknown,
    }
}

/// What the agent's tools are, in terms of the table; notes for tools the table has no row for.
pub fn plan(agent: &Agent, target: Harness, notes: &mut Vec<String>) -> Plan {
    let source = agent.harness;
    let capabilities = &agent.capabilities;
    let everything = capabilities.set.len() == Capability::ALL.len();
    let list = agent.tools.as_list();
    match (&capabilities.grant, list) {
        (Grant::Inherited | Grant::HarnessDefault, _) if everything => return Plan::Inherit,
        (Grant::Listed, Some(list)) => return listed(list, source, target, notes),
        (Grant::Inherited, _) if agent.disallowed_tools.is_some() => {
            notes.push(format!(
                "`disallowedTools` becomes a list of every other tool: {} has no disallowed tools",
                target.name()
            ));
        }
        _ => {}
    }
    from_capabilities(agent)
}

/// A tool list's rows of the table, in table order.
fn listed(list: &[String], source: Harness, target: Harness, notes: &mut Vec<String>) -> Plan {
    let mut rows: Vec<&'static ToolNames> = Vec::new();
    let mut mcp = Vec::new();
    for tool in list {
        let base = claude_code::base_name(tool);
        match meaning(source, tool) {
            Meaning::All => return Plan::Inherit,
            Meaning::Mcp(server) => {
                let name = match source {
                    Harness::ClaudeCode => base
                        .strip_prefix("mcp__")
                        .and_then(|rest| rest.split_once("__"))
                        .map(|(_, name)| name.to_string()),
                    _ => base
                        .split_once(['/', '_'])
                        .map(|(_, name)| name.to_string())
                        .filter(|name| name != "*"),
                };
                mcp.push((server, name));
                continue;
            }
            Meaning::Unknown => {
                notes.push(format!(
                    "`{tool}` is not a {} tool (it gives the agent nothing there); dropped",
                    source.name()
                ));
                continue;
            }
            Meaning::Gives(_) | Meaning::Group(_) => {}
        }
        let set = base.split('/').next().unwrap_or(base);
        // Copilot, Factory and others also take Claude Code's names.
        let row = names::find(source, base)
            .or_else(|| names::find(source, set))
            .or_else(|| names::find(Harness::ClaudeCode, base));
        match row {
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
            None => notes.push(format!(
                "`{tool}` has no {} equivalent; dropped",
                target.name()
            )),
        }
    }
    rows.sort_by_key(|row| position(row));
    Plan::List { rows, mcp }
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
pub fn names_in(
    plan: &Plan,
    source: Harness,
    target: Harness,
    notes: &mut Vec<String>,
) -> Option<Vec<String>> {
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
                row.name_in(source).or(row.claude_code).unwrap_or_default(),
                target.name()
            )),
        }
    }
    for (server, tool) in mcp {
        match target {
            _ if server == "*" => notes.push(format!(
                "MCP tools of every server dropped: {} lists MCP tools by server",
                target.name()
            )),
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
            Harness::OpenCode => {
                written.push(format!("{server}_{}", tool.as_deref().unwrap_or("*")))
            }
            _ => notes.push(format!(
                "MCP tools of `{server}` dropped: {} names MCP tools in its own settings",
                target.name()
            )),
        }
    }
    Some(written)
}

/// Notes for what an agent that keeps every tool cannot do in `target` all the same: the
/// capabilities no tool of the target gives (Gemini CLI's agents cannot start other agents).
pub fn inherit_losses(agent: &Agent, target: Harness, notes: &mut Vec<String>) {
    for capability in &agent.capabilities.set {
        let given = names::TOOLS
            .iter()
            .any(|row| row.capability == Some(*capability) && row.name_in(target).is_some());
        if *capability != Capability::Mcp && !given {
            notes.push(format!(
                "{} has no tool that {}; lost",
                target.name(),
                capability.phrase()
            ));
        }
    }
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
