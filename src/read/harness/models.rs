//! Models: the tier a `model` value names, whatever harness wrote it (`sonnet`,
//! `claude-sonnet-4-5-20250929`, `anthropic/claude-sonnet-4-5`, `Claude Sonnet 4.5 (copilot)`),
//! and the model each harness is given for a tier when an agent is converted for it.

use super::Harness;

/// A model tier: the Claude model family a `model` value names, or the main conversation's
/// model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Opus,
    Sonnet,
    Haiku,
    /// No model of its own: the agent runs on the model of the conversation that starts it.
    Inherit,
}

impl Tier {
    /// Every tier, in the order they are shown.
    pub const ALL: [Tier; 4] = [Tier::Opus, Tier::Sonnet, Tier::Haiku, Tier::Inherit];

    pub fn id(self) -> &'static str {
        match self {
            Tier::Opus => "opus",
            Tier::Sonnet => "sonnet",
            Tier::Haiku => "haiku",
            Tier::Inherit => "inherit",
        }
    }
}

/// The tier a `model` value names; no `model` inherits. Values that name no tier (`gpt-5.4`,
/// `gemini-3-pro-preview`, `fast`) give `None`: they are shown as written.
pub fn tier(model: Option<&str>) -> Option<Tier> {
    let Some(model) = model else {
        return Some(Tier::Inherit);
    };
    let model = model.trim().to_ascii_lowercase();
    if model.is_empty() || model == "default" {
        return Some(Tier::Inherit);
    }
    Tier::ALL.into_iter().find(|t| model.contains(t.id()))
}

/// The `model` a conversion writes for a tier in a harness; `None` writes no `model` key (the
/// harness then uses the conversation's model). Claude Code takes the tier itself; Copilot,
/// OpenCode and Factory take Claude model ids in their own spelling; Codex takes OpenAI models
/// (wshobson/agents' mapping); Cursor and Gemini CLI run their own models, so the agent
/// inherits.
pub fn alias(harness: Harness, tier: Tier) -> Option<&'static str> {
    use Tier::{Haiku, Inherit, Opus, Sonnet};
    match (harness, tier) {
        (_, Inherit) => None,
        (Harness::ClaudeCode, tier) => Some(tier.id()),
        (Harness::Copilot, Opus) => Some("claude-opus-4.8"),
        (Harness::Copilot, Sonnet) => Some("claude-sonnet-5"),
        (Harness::Copilot, Haiku) => Some("claude-haiku-4.5"),
        (Harness::OpenCode, Opus) => Some("anthropic/claude-opus-4-8"),
        (Harness::OpenCode, Sonnet) => Some("anthropic/claude-sonnet-5"),
        (Harness::OpenCode, Haiku) => Some("anthropic/claude-haiku-4-5"),
        (Harness::Codex, Opus) => Some("gpt-5.5"),
        (Harness::Codex, Sonnet | Haiku) => Some("gpt-5.4-mini"),
        (Harness::Factory, tier) => Some(tier.id()),
        (Harness::GeminiCli | Harness::Cursor, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_are_recognised_in_every_spelling_and_other_models_are_none() {
        for (model, expected) in [
            (None, Some(Tier::Inherit)),
            (Some("inherit"), Some(Tier::Inherit)),
            (Some("sonnet"), Some(Tier::Sonnet)),
            (Some("anthropic/claude-sonnet-4-5"), Some(Tier::Sonnet)),
            (Some("claude-opus-4.8"), Some(Tier::Opus)),
            (Some("Claude Haiku 4.5 (copilot)"), Some(Tier::Haiku)),
            (Some("claude-opus-4-5-20251101"), Some(Tier::Opus)),
            (Some("gpt-5.4"), None),
            (Some("gemini-3-pro-preview"), None),
            (Some("fast"), None),
        ] {
            assert_eq!(tier(model), expected, "{model:?}");
        }
    }

    #[test]
    fn every_alias_reads_back_as_its_tier() {
        for harness in Harness::ALL {
            for t in Tier::ALL {
                let Some(model) = alias(harness, t) else {
                    continue;
                };
                if harness != Harness::Codex {
                    assert_eq!(tier(Some(model)), Some(t), "{harness:?} {model}");
                }
            }
        }
        assert_eq!(alias(Harness::Codex, Tier::Opus), Some("gpt-5.5"));
        assert_eq!(alias(Harness::Cursor, Tier::Opus), None);
    }
}
