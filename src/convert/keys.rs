//! The one table of frontmatter keys across harnesses: the same setting under each harness's
//! name (Claude Code's `maxTurns` is Gemini CLI's `max_turns` and OpenCode's `maxSteps`). Tool
//! names are in [`crate::read::harness::names`]; this table holds the other keys a conversion
//! carries over. A key of the source that has no row, or no name in the target, is dropped with
//! a note.

use crate::read::harness::Harness;

/// One setting, as each harness names it (`None`: the harness has no such setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// What the setting does, for the documentation's table.
    pub meaning: &'static str,
    names: [Option<&'static str>; 7],
}

impl Key {
    /// The key's name in a harness.
    pub fn name_in(&self, harness: Harness) -> Option<&'static str> {
        let index = Harness::ALL.iter().position(|h| *h == harness)?;
        self.names[index]
    }
}

/// The settings a conversion carries over, names in [`Harness::ALL`] order: Claude Code,
/// Copilot, OpenCode, Gemini CLI, Codex, Cursor, Factory.
pub const KEYS: &[Key] = &[
    Key {
        meaning: "the most turns the agent takes",
        names: [
            Some("maxTurns"),
            None,
            Some("maxSteps"),
            Some("max_turns"),
            None,
            None,
            None,
        ],
    },
    Key {
        meaning: "how much reasoning effort the model spends",
        names: [
            Some("effort"),
            None,
            None,
            None,
            Some("model_reasoning_effort"),
            None,
            Some("reasoningEffort"),
        ],
    },
    Key {
        meaning: "the model's sampling temperature",
        names: [
            None,
            None,
            Some("temperature"),
            Some("temperature"),
            None,
            None,
            None,
        ],
    },
    Key {
        meaning: "whether the agent runs in the background",
        names: [
            Some("background"),
            None,
            None,
            None,
            None,
            Some("is_background"),
            None,
        ],
    },
];

/// The row of a key as `harness` names it.
pub fn find(harness: Harness, key: &str) -> Option<&'static Key> {
    KEYS.iter().find(|row| row.name_in(harness) == Some(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_under_its_own_harness_name_only() {
        let turns = find(Harness::ClaudeCode, "maxTurns").expect("Claude Code's maxTurns");
        assert_eq!(turns.name_in(Harness::GeminiCli), Some("max_turns"));
        assert_eq!(turns.name_in(Harness::OpenCode), Some("maxSteps"));
        assert_eq!(turns.name_in(Harness::Copilot), None);
        assert!(find(Harness::GeminiCli, "maxTurns").is_none());
    }
}
