//! The Trust section of an agent page: what the agent can do in plain words, the findings with
//! their places and hidden text made visible, the risk band, and the quality checklist beside
//! it; and the band a card shows (only `caution` and `danger`, so clean cards stay as they are).

use serde::Serialize;
use serde_json::Value;

use crate::read::agent::Agent;
use crate::read::capability::{Capabilities, Grant};
use crate::read::trust::quality::{self, Check};
use crate::read::trust::{Band, Risk};

/// Everything the Trust section shows.
#[derive(Debug, Serialize)]
pub(crate) struct TrustView<'a> {
    /// "Inherits every tool: reads files, …", "Reads files and searches files", ...
    can: String,
    /// The MCP servers it may use; `any` for every server.
    mcp_servers: Vec<&'a str>,
    permission_mode: Option<&'a str>,
    /// The events its hooks run on (`PreToolUse`, ...).
    hooks: Vec<&'a str>,
    band: &'static str,
    score: u32,
    findings: Vec<FindingView<'a>>,
    quality: u32,
    checks: Vec<Check>,
}

#[derive(Debug, Serialize)]
struct FindingView<'a> {
    rule: &'static str,
    severity: &'static str,
    location: String,
    matched: &'a str,
    why: &'static str,
    fix: &'static str,
}

/// The band a card shows: only those that call for care.
pub(crate) fn card_band(agent: &Agent) -> Option<&'static str> {
    let band = Risk::of(&agent.findings).band;
    (band >= Band::Caution).then(|| band.id())
}

/// What the agent can do, as one sentence.
fn can(capabilities: &Capabilities) -> String {
    let phrases = capabilities.phrases();
    let list = match phrases.as_slice() {
        [] => "no tools: it can only answer".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    match &capabilities.grant {
        Grant::Inherited => format!("Inherits every tool (the file lists none): {list}"),
        Grant::HarnessDefault => format!("The harness's default tools: {list}"),
        Grant::Sandbox { mode } => format!("Sandbox mode {mode}: {list}"),
        Grant::Listed => {
            let mut chars = list.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        }
    }
}

pub(crate) fn view(agent: &Agent) -> TrustView<'_> {
    let risk = Risk::of(&agent.findings);
    let quality = quality::of(agent);
    let hooks = match agent.extra.get("hooks") {
        Some(Value::Object(events)) => events.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    TrustView {
        can: can(&agent.capabilities),
        mcp_servers: agent
            .capabilities
            .mcp_servers
            .iter()
            .map(|s| if s == "*" { "any" } else { s.as_str() })
            .collect(),
        permission_mode: agent.extra.get("permissionMode").and_then(Value::as_str),
        hooks,
        band: risk.band.id(),
        score: risk.score,
        findings: agent
            .findings
            .iter()
            .map(|f| FindingView {
                rule: f.rule,
                severity: f.severity.id(),
                location: format!("{}:{}:{}", agent.path, f.line, f.column),
                matched: &f.matched,
                why: f.why,
                fix: f.fix,
            })
            .collect(),
        quality: quality.score,
        checks: quality.checks,
    }
}
