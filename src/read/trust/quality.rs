//! The quality checklist: how well an agent file is written for delegation, not whether it is
//! safe. Six checks, each worth points, summed to a 0–100 score:
//!
//! | check | points |
//! |---|---|
//! | the description says when to use the agent ("use when", "use proactively", "invoke when", …) | 25 |
//! | the description has examples | 15 |
//! | `tools` is a list (not inherited, not `*`) | 20 |
//! | `model` is set | 10 |
//! | the body has a return format | 15 |
//! | a reasonable length: 150–3,000 words (half the points for 50–149 or 3,001–6,000) | 15 |

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::read::agent::Agent;

/// One check of the list.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub label: &'static str,
    pub points: u32,
    pub earned: u32,
}

/// The checklist and its score.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    pub score: u32,
    pub checks: Vec<Check>,
}

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    super::compile(
        r"(?i)\b(?:use\s+(?:this\s+agent\s+|it\s+)?(?:when|whenever|for|if|proactively|immediately|after|before|to)|invoke\s+(?:when|for|after)|call\s+(?:when|for)|triggers?\s+(?:when|on)|should\s+be\s+used|must\s+be\s+used|use\s+PROACTIVELY|when\s+the\s+user|use\s+cases?)\b",
    )
});

/// Words from which a body is long enough to be a full set of instructions.
const SHORTEST: usize = 150;
/// Words up to which a body is still a reasonable load for the model's context.
const LONGEST: usize = 3_000;

pub fn of(agent: &Agent) -> Quality {
    let words = agent.word_count();
    let restricted = agent
        .tools
        .as_list()
        .is_some_and(|list| !list.is_empty() && !list.iter().any(|t| t.trim() == "*"));
    let length = if (SHORTEST..=LONGEST).contains(&words) {
        15
    } else if (50..SHORTEST).contains(&words) || (LONGEST + 1..=2 * LONGEST).contains(&words) {
        7
    } else {
        0
    };
    let check = |id, label, points, ok: bool| Check {
        id,
        label,
        points,
        earned: if ok { points } else { 0 },
    };
    let checks = vec![
        check(
            "trigger",
            "Says when to use it",
            25,
            TRIGGER.is_match(&agent.description.summary),
        ),
        check(
            "examples",
            "Has examples",
            15,
            !agent.description.examples.is_empty(),
        ),
        check("tools", "Restricts its tools", 20, restricted),
        check("model", "Sets a model", 10, agent.model.is_some()),
        check(
            "return-format",
            "Has a return format",
            15,
            agent.return_format.is_some(),
        ),
        Check {
            id: "length",
            label: "A reasonable length",
            points: 15,
            earned: length,
        },
    ];
    Quality {
        score: checks.iter().map(|c| c.earned).sum(),
        checks,
    }
}
