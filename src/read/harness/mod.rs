//! Harnesses: the coding agents an agent file is written for. Each one has its own file format,
//! folders, keys, tool names and model names; a module per harness holds what agentdex knows of
//! it, and this module names them and tells which one a file is for.

pub mod claude_code;

use serde::Serialize;

/// A coding agent that reads agent definition files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Harness {
    ClaudeCode,
}

impl Harness {
    /// Every harness, in the order they are shown.
    pub const ALL: [Harness; 1] = [Harness::ClaudeCode];

    /// The id used in agents.json, `catalog.toml` and the command line (`claude-code`).
    pub fn id(self) -> &'static str {
        match self {
            Harness::ClaudeCode => "claude-code",
        }
    }

    /// The harness's name as its makers write it.
    pub fn name(self) -> &'static str {
        match self {
            Harness::ClaudeCode => "Claude Code",
        }
    }
}
