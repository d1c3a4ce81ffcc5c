//! Factory: droids are Markdown files with a YAML frontmatter in `.factory/droids/` (top level
//! only). `tools` lists Factory tool ids (`Read`, `Execute`, `Create`, `FetchUrl`, ...) or names
//! a category (`read-only`, `edit`, `execute`, `web`, `mcp`); no `tools` gives every tool.

use super::{Harness, names};
use crate::read::agent::Tools;
use crate::read::capability::{Capabilities, Capability, Meaning};

/// The keys Factory reads, with what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("name", "the droid's id (required)"),
    ("description", "what the droid does, up to 500 characters"),
    (
        "model",
        "the model the droid runs on; inherit: the session's",
    ),
    (
        "reasoningEffort",
        "how much the model reasons: low, medium or high",
    ),
    ("tools", "tool ids or a category (every tool when absent)"),
];

/// Factory's tool categories and what each gives.
pub const CATEGORIES: &[(&str, &[Capability])] = &[
    ("read-only", &[Capability::Read, Capability::Search]),
    ("edit", &[Capability::Edit]),
    ("execute", &[Capability::Shell]),
    ("web", &[Capability::Web]),
    ("mcp", &[Capability::Mcp]),
];

/// What a `tools` entry means to Factory.
pub fn meaning(tool: &str) -> Meaning {
    let tool = tool.trim();
    if tool == "*" {
        return Meaning::All;
    }
    if let Some((_, set)) = CATEGORIES.iter().find(|(name, _)| *name == tool) {
        return Meaning::Group(set);
    }
    names::find(Harness::Factory, tool)
        .map_or(Meaning::Unknown, |row| Meaning::Gives(row.capability))
}

/// What a droid with these tools can do.
pub fn capabilities(tools: &Tools) -> Capabilities {
    Capabilities::listed_or_inherited(tools, meaning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_categories_are_read() {
        let found = capabilities(&Tools::of(&["read-only", "Execute", "Bash"]));
        assert_eq!(
            found.set.iter().copied().collect::<Vec<_>>(),
            [Capability::Read, Capability::Shell, Capability::Search]
        );
        assert_eq!(found.unknown_tools, ["Bash"]);
    }
}
