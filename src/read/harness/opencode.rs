//! OpenCode: agents are Markdown files with a YAML frontmatter in `.opencode/agents/` (v1:
//! `.opencode/agent/`); a nested path is part of the agent's id (`team/reviewer`). Every tool is
//! on by default; `tools` turns tools on or off (`bash: false`, wildcards such as `github_*`),
//! and `permission` sets `allow`, `ask` or `deny` per tool (a glob map for `bash`).

use serde_json::Value;

use super::{Harness, names};
use crate::read::capability::{Capabilities, Capability, Grant, Meaning};

/// The keys OpenCode reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    (
        "description",
        "what the agent does and when to use it (required)",
    ),
    (
        "mode",
        "primary (people talk to it), subagent (other agents start it) or all (both; the default)",
    ),
    (
        "model",
        "provider/model-id (the primary agent's model when absent)",
    ),
    ("temperature", "sampling temperature"),
    ("top_p", "nucleus sampling"),
    (
        "maxSteps",
        "the most steps the agent takes before it must answer",
    ),
    (
        "steps",
        "the most steps the agent takes before it must answer",
    ),
    (
        "prompt",
        "the system prompt, or {file:...} naming a file that holds it",
    ),
    (
        "tools",
        "tools turned on (true) or off (false); wildcards allowed",
    ),
    (
        "permission",
        "allow, ask or deny per tool; a glob map of commands for bash",
    ),
    (
        "permissions",
        "a list of rules: action, resource and effect (allow, ask, deny)",
    ),
    ("hidden", "true: left out of the @ menu"),
    ("disable", "true: the agent is turned off"),
    ("name", "the name shown (the id is the file's path)"),
    ("color", "the agent's color in the interface"),
];

/// OpenCode's modes.
pub const MODES: &[&str] = &["primary", "subagent", "all"];

/// The values a `permission` entry takes.
pub const PERMISSIONS: &[&str] = &["allow", "ask", "deny"];

/// OpenCode's built-in tools, by their OpenCode names (from `names::TOOLS`).
fn builtins() -> impl Iterator<Item = (&'static str, Meaning)> {
    names::TOOLS.iter().filter_map(|row| {
        row.name_in(Harness::OpenCode)
            .map(|name| (name, Meaning::Gives(row.capability)))
    })
}

/// Whether `pattern` (`*` matches any run of characters) matches `name`.
fn glob(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern.eq_ignore_ascii_case(name),
        Some((head, tail)) => {
            name.len() >= head.len()
                && name[..head.len()].eq_ignore_ascii_case(head)
                && (0..=name.len() - head.len()).any(|i| {
                    name.is_char_boundary(head.len() + i) && glob(tail, &name[head.len() + i..])
                })
        }
    }
}

/// What a tool name means to OpenCode: a built-in, or an MCP tool (`<server>_<tool>`).
pub fn meaning(tool: &str) -> Meaning {
    names::find(Harness::OpenCode, tool).map_or_else(
        || match tool.split_once('_') {
            Some((server, _)) if !server.is_empty() => Meaning::Mcp(server.to_string()),
            _ => Meaning::Unknown,
        },
        |row| Meaning::Gives(row.capability),
    )
}

/// The tools an OpenCode agent has on and off, and what it can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Tools the `tools` map turns on, as written.
    pub on: Vec<String>,
    /// Tools the `tools` map turns off, as written.
    pub off: Vec<String>,
    pub capabilities: Capabilities,
    /// How an unexpected shape was read.
    pub note: Option<String>,
}

/// Reads `tools`, `permission` and `permissions`. Every built-in tool and MCP server is on unless
/// the map turns it off or a permission denies it outright.
pub fn read(
    tools: Option<&Value>,
    permission: Option<&Value>,
    permissions: Option<&Value>,
) -> Reading {
    let mut on = Vec::new();
    let mut off = Vec::new();
    let mut note = None;
    match tools {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                match value {
                    Value::Bool(true) => on.push(name.clone()),
                    Value::Bool(false) => off.push(name.clone()),
                    other => {
                        note = Some(format!(
                            "has `{name}: {other}`, which is not true or false; read as on"
                        ));
                        on.push(name.clone());
                    }
                }
            }
        }
        Some(other) => {
            let (names, _) = crate::read::agent::tools::parse(other);
            note = Some("is a list, but OpenCode reads a map of tool names to true or false; read as the tools turned on".to_string());
            on.extend(names);
        }
    }
    let rules = permission_rules(permission, permissions);
    let all_off = off.iter().any(|name| name == "*");
    // A list names the tools on; so does a map that turns every tool off first.
    let default_on = !all_off && !tools.is_some_and(Value::is_array);
    let mut capabilities = Capabilities::none(if default_on {
        Grant::HarnessDefault
    } else {
        Grant::Listed
    });
    let enabled = |name: &str| {
        let switches = on
            .iter()
            .map(|p| (p.as_str(), true))
            .chain(off.iter().map(|p| (p.as_str(), false)));
        let is_on = most_specific(switches, name).unwrap_or(default_on);
        let denied = most_specific(rules.iter().map(|(p, d)| (p.as_str(), *d)), name);
        is_on && denied != Some(true)
    };
    for (name, meaning) in builtins() {
        if enabled(name) {
            capabilities.take(name, meaning);
        }
    }
    // MCP servers' tools (`<server>_<tool>`) are on by default too, unless a rule says no.
    if default_on && enabled("mcp_tool") {
        capabilities.set.insert(Capability::Mcp);
        capabilities.mcp_servers.push("*".to_string());
    }
    for name in &on {
        if builtins().all(|(builtin, _)| !glob(name, builtin)) {
            capabilities.take(name, meaning(name));
        }
    }
    Reading {
        on,
        off,
        capabilities,
        note,
    }
}

/// Permission rules as (tool pattern, denied outright): `edit: deny`, `bash: deny` (not a glob
/// map that allows some commands), or a `permissions` rule `{action, resource: "*", effect}`.
/// Edits are one permission for every tool that changes files.
fn permission_rules(
    permission: Option<&Value>,
    permissions: Option<&Value>,
) -> Vec<(String, bool)> {
    let mut rules = Vec::new();
    let mut add = |tool: &str, denied: bool| {
        rules.push((tool.to_string(), denied));
        if tool == "edit" {
            rules.extend(["write", "patch"].map(|t| (t.to_string(), denied)));
        }
    };
    let deny = |value: &Value| match value {
        Value::String(s) => s == "deny",
        Value::Object(map) => map.values().all(|v| v.as_str() == Some("deny")),
        _ => false,
    };
    if let Some(Value::Object(map)) = permission {
        for (tool, value) in map {
            add(tool, deny(value));
        }
    }
    if let Some(Value::Array(list)) = permissions {
        for rule in list {
            let field = |key: &str| rule.get(key).and_then(Value::as_str);
            if field("resource").is_none_or(|r| r == "*")
                && let Some(action) = field("action")
            {
                let tool = if action == "shell" { "bash" } else { action };
                add(tool, field("effect") == Some("deny"));
            }
        }
    }
    rules
}

/// The pattern among `patterns` that decides for `name`: an exact name before a wildcard, a
/// longer pattern before a shorter one.
fn most_specific<'a, T>(patterns: impl Iterator<Item = (&'a str, T)>, name: &str) -> Option<T> {
    patterns
        .filter(|(pattern, _)| glob(pattern, name))
        .max_by_key(|(pattern, _)| (!pattern.contains('*'), pattern.len()))
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_are_on_until_turned_off_or_denied() {
        let all = read(None, None, None);
        assert_eq!(all.capabilities.grant, Grant::HarnessDefault);
        assert_eq!(all.capabilities.set.len(), Capability::ALL.len());

        let reading = read(
            Some(&json!({"write": false, "edit": false, "patch": false, "github_*": true})),
            Some(&json!({"bash": {"*": "deny"}, "webfetch": "deny"})),
            None,
        );
        let caps = &reading.capabilities;
        assert!(!caps.has(Capability::Edit));
        assert!(!caps.has(Capability::Shell), "every bash command is denied");
        assert!(caps.has(Capability::Web), "websearch is still on");
        assert!(caps.has(Capability::Read));
        assert_eq!(caps.mcp_servers, ["*", "github"]);
        assert_eq!(reading.off, ["write", "edit", "patch"]);

        let allow_some = read(
            None,
            Some(&json!({"bash": {"*": "deny", "git *": "allow"}})),
            None,
        );
        assert!(allow_some.capabilities.has(Capability::Shell));
    }

    #[test]
    fn a_wildcard_off_lists_only_what_is_on_and_v2_rules_deny() {
        let reading = read(
            Some(&json!({"*": false, "read": true, "grep": true})),
            None,
            None,
        );
        assert_eq!(reading.capabilities.grant, Grant::Listed);
        assert_eq!(
            reading.capabilities.set.iter().copied().collect::<Vec<_>>(),
            [Capability::Read, Capability::Search]
        );
        let rules = json!([{"action": "edit", "resource": "*", "effect": "deny"}, {"action": "shell", "resource": "*", "effect": "deny"}]);
        let denied = read(None, None, Some(&rules));
        assert!(!denied.capabilities.has(Capability::Edit));
        assert!(!denied.capabilities.has(Capability::Shell));
        assert!(glob("github_*", "GitHub_create"));
        assert!(!glob("github_*", "git"));
    }
}
