//! Harnesses: the coding agents an agent file is written for. Each one has its own file format,
//! folders, keys, tool names and model names; a module per harness holds what agentdex knows of
//! it, `names.rs` holds the one table of tool names across harnesses, and this module names the
//! harnesses and where each one looks for agent files.

pub mod claude_code;
pub mod models;
pub mod names;

use serde::Serialize;

/// A coding agent that reads agent definition files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Harness {
    ClaudeCode,
    Copilot,
    #[serde(rename = "opencode")]
    OpenCode,
    GeminiCli,
    Codex,
    Cursor,
    Factory,
}

impl Harness {
    /// Every harness, in the order they are shown.
    pub const ALL: [Harness; 7] = [
        Harness::ClaudeCode,
        Harness::Copilot,
        Harness::OpenCode,
        Harness::GeminiCli,
        Harness::Codex,
        Harness::Cursor,
        Harness::Factory,
    ];

    /// The id used in agents.json, `catalog.toml` and the command line (`claude-code`).
    pub fn id(self) -> &'static str {
        match self {
            Harness::ClaudeCode => "claude-code",
            Harness::Copilot => "copilot",
            Harness::OpenCode => "opencode",
            Harness::GeminiCli => "gemini-cli",
            Harness::Codex => "codex",
            Harness::Cursor => "cursor",
            Harness::Factory => "factory",
        }
    }

    /// The harness of an id, as [`Harness::id`] writes it.
    pub fn from_id(id: &str) -> Option<Harness> {
        Harness::ALL.into_iter().find(|h| h.id() == id)
    }

    /// The harness's name as its makers write it.
    pub fn name(self) -> &'static str {
        match self {
            Harness::ClaudeCode => "Claude Code",
            Harness::Copilot => "GitHub Copilot",
            Harness::OpenCode => "OpenCode",
            Harness::GeminiCli => "Gemini CLI",
            Harness::Codex => "Codex",
            Harness::Cursor => "Cursor",
            Harness::Factory => "Factory",
        }
    }

    /// The folder of a project where the harness looks for agent files.
    pub fn project_folder(self) -> &'static str {
        match self {
            Harness::ClaudeCode => ".claude/agents",
            Harness::Copilot => ".github/agents",
            Harness::OpenCode => ".opencode/agents",
            Harness::GeminiCli => ".gemini/agents",
            Harness::Codex => ".codex/agents",
            Harness::Cursor => ".cursor/agents",
            Harness::Factory => ".factory/droids",
        }
    }

    /// The folder in the user's home where the harness looks for agent files of every project.
    pub fn user_folder(self) -> &'static str {
        match self {
            Harness::ClaudeCode => "~/.claude/agents",
            Harness::Copilot => "~/.copilot/agents",
            Harness::OpenCode => "~/.config/opencode/agents",
            Harness::GeminiCli => "~/.gemini/agents",
            Harness::Codex => "~/.codex/agents",
            Harness::Cursor => "~/.cursor/agents",
            Harness::Factory => "~/.factory/droids",
        }
    }

    /// How the name of an agent's file ends (`.agent.md` for Copilot, `.toml` for Codex).
    pub fn file_suffix(self) -> &'static str {
        match self {
            Harness::Copilot => ".agent.md",
            Harness::Codex => ".toml",
            _ => ".md",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_the_serialized_form() {
        for harness in Harness::ALL {
            assert_eq!(Harness::from_id(harness.id()), Some(harness));
            let json = serde_json::to_string(&harness).expect("serializes");
            assert_eq!(json, format!("\"{}\"", harness.id()));
        }
        assert_eq!(Harness::from_id("claude"), None);
    }
}
