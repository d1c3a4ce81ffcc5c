//! Frontmatter settings that widen what an agent does unasked: `permissionMode:
//! bypassPermissions` (and a sandbox with full access), `hooks` that run commands (high when
//! they reach the network), and `mcpServers` run from unpinned packages or at remote URLs.

use serde_json::Value;

use super::{Found, Input, Rule, Severity, Text};
use crate::read::capability::Grant;

const BYPASS: Rule = Rule {
    id: "permissions/bypass-mode",
    severity: Severity::High,
    why: "`permissionMode: bypassPermissions` runs every tool without asking: the user never sees a command or an edit before it happens",
    fix: "drop `permissionMode`, or use `acceptEdits` or `plan`, and restrict `tools` to what the task needs",
};

const FULL_ACCESS: Rule = Rule {
    id: "permissions/full-access-sandbox",
    severity: Severity::High,
    why: "the `danger-full-access` sandbox lets the agent write anywhere and reach the network without asking",
    fix: "use `workspace-write` or `read-only`",
};

const HOOK: Rule = Rule {
    id: "hooks/runs-command",
    severity: Severity::Low,
    why: "a hook runs its command on the agent's events, with the user's rights and without asking each time",
    fix: "make sure the command is one you have read; prefer a script in the repository over an inline command",
};

const HOOK_NETWORK: Rule = Rule {
    id: "hooks/network-command",
    severity: Severity::High,
    why: "a hook that reaches the network runs on every matching event and can send what the agent sees (files, prompts, output) to another machine",
    fix: "delete the hook, or keep it offline; a hook needs no network to check or format",
};

const UNPINNED: Rule = Rule {
    id: "mcp/unpinned-package",
    severity: Severity::Medium,
    why: "an MCP server started from a package without a fixed version (`@latest`, `npx -y pkg`) runs whatever the package's owner publishes next, with the agent's access",
    fix: "pin the version (`pkg@1.2.3`, `pkg==1.2.3`, an image digest)",
};

const REMOTE: Rule = Rule {
    id: "mcp/remote-server",
    severity: Severity::Medium,
    why: "a remote MCP server receives whatever the agent sends its tools: code, files, secrets in them",
    fix: "use a server you run or trust, and say in the description what is sent there",
};

pub(super) const RULES: &[&Rule] = &[
    &BYPASS,
    &FULL_ACCESS,
    &HOOK,
    &HOOK_NETWORK,
    &UNPINNED,
    &REMOTE,
];

const NETWORK_WORDS: &[&str] = &[
    "curl ",
    "wget ",
    "http://",
    "https://",
    " nc ",
    "ncat ",
    "netcat ",
    "Invoke-WebRequest",
    "iwr ",
    "fetch(",
    "requests.",
    "scp ",
    "rsync ",
];

pub(super) fn scan(input: &Input, text: &Text, found: &mut Found) {
    let fields = input.fields;
    if let Some(field) = fields.get("permissionMode")
        && field
            .value
            .as_str()
            .is_some_and(|v| v.trim() == "bypassPermissions")
    {
        add_at(text, found, &BYPASS, field.line, "bypassPermissions");
    }
    if let Grant::Sandbox { mode } = &input.capabilities.grant
        && mode == "danger-full-access"
    {
        let line = fields.values().map(|f| f.line).min().unwrap_or(1);
        add_at(text, found, &FULL_ACCESS, line, "danger-full-access");
    }
    if let Some(field) = fields.get("hooks") {
        let mut commands = Vec::new();
        strings_under(&field.value, "command", &mut commands);
        for command in commands {
            let network = NETWORK_WORDS
                .iter()
                .any(|w| format!(" {command}").contains(w));
            let rule = if network { &HOOK_NETWORK } else { &HOOK };
            add_at(text, found, rule, field.line, command);
        }
    }
    if let Some(field) = fields.get("mcpServers") {
        let mut servers = Vec::new();
        server_definitions(&field.value, &mut servers);
        for server in servers {
            if let Some(url) = server.get("url").and_then(Value::as_str)
                && is_remote(url)
            {
                add_at(text, found, &REMOTE, field.line, url);
            }
            if let Some((package, shown)) = unpinned_package(server) {
                add_found(text, found, &UNPINNED, field.line, package, &shown);
            }
        }
    }
}

/// Adds a finding at the first place `needle` appears from file line `from` (1-based) on, or at
/// the start of that line.
fn add_at(text: &Text, found: &mut Found, rule: &'static Rule, from: usize, needle: &str) {
    add_found(text, found, rule, from, needle, needle);
}

/// Adds a finding showing `shown` at the first place `needle` appears from line `from` on.
fn add_found(
    text: &Text,
    found: &mut Found,
    rule: &'static Rule,
    from: usize,
    needle: &str,
    shown: &str,
) {
    let start = text.start_of(
        from.saturating_sub(1)
            .min(text.lines.len().saturating_sub(1)),
    );
    let first = needle.lines().next().unwrap_or(needle).trim();
    let offset = text
        .text
        .get(start..)
        .and_then(|rest| (!first.is_empty()).then(|| rest.find(first)).flatten())
        .map_or(start, |at| start + at);
    found.add(text, rule, rule.severity, offset, super::visible(shown));
}

/// Every string value under a key named `key`, anywhere in `value`.
fn strings_under<'a>(value: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == key => out.push(s),
                    _ => strings_under(v, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_under(v, key, out)),
        _ => {}
    }
}

/// The server definitions (objects with a `command` or a `url`) in an `mcpServers` value: a
/// map of names to definitions, or a list of names and such maps.
fn server_definitions<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    match value {
        Value::Object(map) if map.contains_key("command") || map.contains_key("url") => {
            out.push(map)
        }
        Value::Object(map) => map.values().for_each(|v| server_definitions(v, out)),
        Value::Array(items) => items.iter().for_each(|v| server_definitions(v, out)),
        _ => {}
    }
}

fn is_remote(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', ':', '?']).next().unwrap_or_default();
    !matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "0.0.0.0")
}

/// Package runners and the argument that names what they run.
const RUNNERS: &[&str] = &["npx", "bunx", "uvx", "pnpx", "dlx", "pipx", "docker"];

/// The package an MCP server definition runs without a pinned version, if it does, and the
/// command line that runs it.
fn unpinned_package(server: &serde_json::Map<String, Value>) -> Option<(&str, String)> {
    let command = server.get("command")?.as_str()?;
    let mut words: Vec<&str> = command.split_whitespace().collect();
    if let Some(Value::Array(args)) = server.get("args") {
        words.extend(args.iter().filter_map(Value::as_str));
    }
    let runner = words.iter().position(|w| {
        let base = w.rsplit('/').next().unwrap_or(w);
        RUNNERS.contains(&base)
    })?;
    let docker = words[runner].ends_with("docker");
    let package = words[runner + 1..]
        .iter()
        .copied()
        .filter(|w| !w.starts_with('-') && !matches!(*w, "run" | "dlx" | "exec"))
        .find(|w| !w.contains('=') && (!docker || w.contains(['/', ':'])))?;
    let pinned = if docker {
        package.contains('@') || (package.contains(':') && !package.ends_with(":latest"))
    } else {
        let version = package
            .strip_prefix('@')
            .unwrap_or(package)
            .split_once('@')
            .map(|(_, v)| v);
        let pip_pin = package.contains("==");
        pip_pin || version.is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
    };
    (!pinned).then(|| (package, words[runner..].join(" ")))
}
