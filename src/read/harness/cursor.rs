//! Cursor: subagents are Markdown files with a YAML frontmatter in `.cursor/agents/`. There is
//! no tool list: `readonly: true` keeps the agent from changing anything; otherwise it has every
//! tool of the session.

use serde_json::Value;

use crate::read::capability::{Capabilities, Capability, Grant};

/// The keys Cursor reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("name", "the agent's id (the file name when absent)"),
    (
        "description",
        "what the agent does, for the main agent to decide when to use it",
    ),
    (
        "model",
        "inherit (the session's model), fast, or a model id",
    ),
    (
        "readonly",
        "true: the agent may not edit files or run commands that change anything",
    ),
    (
        "is_background",
        "true: the agent runs in the background while work goes on",
    ),
];

/// What a read-only Cursor agent can do.
pub const READ_ONLY: &[Capability] = &[Capability::Read, Capability::Search, Capability::Web];

/// What an agent with this `readonly` value can do.
pub fn capabilities(readonly: Option<&Value>) -> Capabilities {
    if readonly == Some(&Value::Bool(true)) {
        Capabilities::only(
            Grant::Sandbox {
                mode: "readonly".to_string(),
            },
            READ_ONLY,
        )
    } else {
        Capabilities::everything(Grant::Inherited)
    }
}
