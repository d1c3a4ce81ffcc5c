//! Harnesses: the coding agents an agent file is written for. Each one has its own file format,
//! folders, keys, tool names and model names; a module per harness holds what agentdex knows of
//! it, `names.rs` holds the one table of tool names across harnesses, and this module names the
//! harnesses and where each one looks for agent files.

pub mod claude_code;
pub mod codex;
pub mod copilot;
pub mod cursor;
pub mod detect;
pub mod factory;
pub mod gemini_cli;
pub mod models;
pub mod names;
pub mod opencode;
pub mod opencode_config;

use serde::{Deserialize, Serialize};

/// A coding agent that reads agent definition files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

    /// The keys the harness reads in an agent file, with what each means there.
    pub fn keys(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Harness::ClaudeCode => claude_code::KEYS,
            Harness::Copilot => copilot::KEYS,
            Harness::OpenCode => opencode::KEYS,
            Harness::GeminiCli => gemini_cli::KEYS,
            Harness::Codex => codex::KEYS,
            Harness::Cursor => cursor::KEYS,
            Harness::Factory => factory::KEYS,
        }
    }

    /// What `key` means in this harness's files; `None` for a key it does not read.
    pub fn meaning_of(self, key: &str) -> Option<&'static str> {
        self.keys()
            .iter()
            .find(|(known, _)| *known == key)
            .map(|(_, meaning)| *meaning)
    }

    /// What a tool name in an agent's tool list means to this harness (`Unknown` for the
    /// harnesses without a tool list).
    pub fn tool_meaning(self, tool: &str) -> crate::read::capability::Meaning {
        match self {
            Harness::ClaudeCode => claude_code::meaning(tool),
            Harness::Copilot => copilot::meaning(tool),
            Harness::OpenCode => opencode::meaning(tool),
            Harness::GeminiCli => gemini_cli::meaning(tool),
            Harness::Factory => factory::meaning(tool),
            Harness::Codex | Harness::Cursor => crate::read::capability::Meaning::Unknown,
        }
    }

    /// The keys an agent file must have for the harness to load it.
    pub fn required_keys(self) -> &'static [&'static str] {
        match self {
            Harness::ClaudeCode | Harness::GeminiCli => &["name", "description"],
            Harness::Copilot | Harness::OpenCode | Harness::Cursor => &["description"],
            Harness::Codex => codex::REQUIRED,
            Harness::Factory => &["name"],
        }
    }

    /// The values a key takes in this harness, for the keys that take one of a few.
    pub fn value_sets(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Harness::ClaudeCode => claude_code::VALUE_SETS,
            Harness::Copilot => &[("target", &["vscode", "github-copilot"])],
            Harness::OpenCode => &[("mode", opencode::MODES)],
            Harness::GeminiCli => &[("kind", &["local", "remote"])],
            Harness::Codex => codex::VALUE_SETS,
            Harness::Cursor => &[],
            Harness::Factory => &[("reasoningEffort", &["low", "medium", "high"])],
        }
    }

    /// The agent's id from its file's path, as the harness names it: the file name without
    /// its suffix (`reviewer.agent.md` is `reviewer`), and for OpenCode the path under its
    /// agents folder (`.opencode/agents/team/reviewer.md` is `team/reviewer`).
    pub fn file_id(self, path: &str) -> String {
        if self == Harness::OpenCode
            && let Some(rest) = ["/agents/", "/agent/"].iter().find_map(|folder| {
                path.split_once(&format!(".opencode{folder}"))
                    .map(|(_, rest)| rest)
            })
        {
            return without_agent_suffix(rest).to_string();
        }
        without_agent_suffix(path.rsplit('/').next().unwrap_or(path)).to_string()
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

/// A file name (or path) without the suffix of an agent file of any harness: `reviewer.agent.md`
/// and `reviewer.toml` are `reviewer`.
pub fn without_agent_suffix(name: &str) -> &str {
    [".agent.md", ".chatmode.md", ".md", ".markdown", ".toml"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
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

    #[test]
    fn ids_come_from_file_names_and_opencode_paths() {
        assert_eq!(
            Harness::Copilot.file_id("agents/terraform.agent.md"),
            "terraform"
        );
        assert_eq!(
            Harness::Copilot.file_id("chatmodes/plan.chatmode.md"),
            "plan"
        );
        assert_eq!(Harness::Codex.file_id("categories/01-core/api.toml"), "api");
        assert_eq!(
            Harness::OpenCode.file_id("x/.opencode/agent/subagents/code/reviewer.md"),
            "subagents/code/reviewer"
        );
        assert_eq!(
            Harness::OpenCode.file_id("elsewhere/reviewer.md"),
            "reviewer"
        );
    }
}
