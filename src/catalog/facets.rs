//! Facets: the values an agent can be filtered by on the index (harness, model tier, what it can
//! do, each tool, color,
//! category, the categories of the plugins that ship it, whether it has examples, a return
//! format or warnings, the size of its family), and how many agents have each value. The
//! plugin-category facet exists only in catalogues with plugins ([`active`]).
//!
//! The same values go into the search index as filters (`search.rs`) and onto the index page as
//! the facet panel with its counts, so the two always agree. A facet's `key` is also its name in
//! the page URL (`?model=Opus&tool=Read`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Catalog, Entry};
use crate::read::agent::Agent;
use crate::read::capability::Capability;

/// The facets in the order the panel shows them.
pub const FACETS: &[Facet] = &[
    Facet {
        key: "model",
        label: "Model",
        combine: Combine::Any,
    },
    Facet {
        key: "tool",
        label: "Tools",
        combine: Combine::All,
    },
    Facet {
        key: "harness",
        label: "Harness",
        combine: Combine::Any,
    },
    Facet {
        key: "can",
        label: "Can",
        combine: Combine::All,
    },
    Facet {
        key: "color",
        label: "Color",
        combine: Combine::Any,
    },
    Facet {
        key: "category",
        label: "Category",
        combine: Combine::Any,
    },
    Facet {
        key: PLUGIN_CATEGORY,
        label: "Plugin category",
        combine: Combine::Any,
    },
    Facet {
        key: "examples",
        label: "Has examples",
        combine: Combine::Any,
    },
    Facet {
        key: "return",
        label: "Has a return format",
        combine: Combine::Any,
    },
    Facet {
        key: "warnings",
        label: "Has warnings",
        combine: Combine::Any,
    },
    Facet {
        key: "family",
        label: "Family size",
        combine: Combine::Any,
    },
];

/// One facet of the panel.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Facet {
    pub key: &'static str,
    pub label: &'static str,
    /// How several ticked values of this facet combine.
    pub combine: Combine,
}

/// `Any`: an agent matches when it has one of the ticked values (each agent has one model).
/// `All`: it must have every ticked value (an agent has several tools).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Combine {
    Any,
    All,
}

/// The key of the facet of the marketplace's categories.
pub const PLUGIN_CATEGORY: &str = "plugin-category";
/// The plugin category of an agent that no plugin ships.
pub const NOT_IN_A_PLUGIN: &str = "Not in a plugin";
/// The plugin category of a plugin that names none.
pub const NO_CATEGORY: &str = "No category";

/// The facets of `catalog`, in panel order: the plugin-category facet only when it has plugins.
pub fn active(catalog: &Catalog) -> Vec<Facet> {
    FACETS
        .iter()
        .filter(|facet| facet.key != PLUGIN_CATEGORY || !catalog.plugins.is_empty())
        .copied()
        .collect()
}

/// The value an agent that inherits every tool has in the tools facet.
pub const INHERITS_ALL_TOOLS: &str = "Inherits all";
/// The category of agents at the top of the agents folder.
pub const TOP_LEVEL: &str = "(top level)";

/// The model tier: the family of Claude model a `model` field names, whatever its spelling
/// (`opus`, `claude-opus-4-6`, `Claude Opus 4`).
pub fn model_tier(agent: &Agent) -> &'static str {
    match agent.model_tier() {
        "opus" => "Opus",
        "sonnet" => "Sonnet",
        "haiku" => "Haiku",
        "inherit" => "Inherit",
        _ => "Other",
    }
}

/// The values of the capability facet: what an agent can do, in words a visitor filters by.
pub const CAN: &[(Capability, &str)] = &[
    (Capability::Edit, "edit files"),
    (Capability::Shell, "run shell commands"),
    (Capability::Web, "reach the web"),
    (Capability::Spawn, "start other agents"),
    (Capability::Mcp, "use MCP servers"),
];
/// The capability facet's value for an agent that can only look.
pub const READ_ONLY: &str = "read-only";

/// The capability facet values of an agent.
pub fn can(agent: &Agent) -> Vec<String> {
    let capabilities = &agent.capabilities;
    let mut values: Vec<String> = CAN
        .iter()
        .filter(|(capability, _)| capabilities.has(*capability))
        .map(|(_, label)| label.to_string())
        .collect();
    if capabilities.is_read_only() {
        values.push(READ_ONLY.to_string());
    }
    values
}

/// The family-size bucket of an agent whose family has `size` members.
pub fn family_bucket(size: usize) -> &'static str {
    match size {
        0 | 1 => "No variants",
        2 => "2 variants",
        3..=5 => "3–5 variants",
        _ => "6 or more variants",
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "Yes" } else { "No" }
}

/// Every facet value of one agent, keyed like [`FACETS`]; a facet may have several values.
pub fn values(agent: &Agent, family_size: usize) -> Vec<(&'static str, Vec<String>)> {
    let tools = match agent.tools.as_list() {
        None => vec![INHERITS_ALL_TOOLS.to_string()],
        Some([]) => vec!["No tools".to_string()],
        Some(list) => {
            let mut tools = list.to_vec();
            tools.sort();
            tools.dedup();
            tools
        }
    };
    let color = agent
        .color
        .as_deref()
        .map_or("none".to_string(), str::to_ascii_lowercase);
    let category = match agent.category() {
        c if c.is_empty() => TOP_LEVEL.to_string(),
        c => c,
    };
    vec![
        ("model", vec![model_tier(agent).to_string()]),
        ("tool", tools),
        ("harness", vec![agent.harness.name().to_string()]),
        ("can", can(agent)),
        ("color", vec![color]),
        ("category", vec![category]),
        (
            "examples",
            vec![yes_no(!agent.description.examples.is_empty()).to_string()],
        ),
        (
            "return",
            vec![yes_no(agent.return_format.is_some()).to_string()],
        ),
        (
            "warnings",
            vec![yes_no(!agent.diagnostics.is_empty()).to_string()],
        ),
        ("family", vec![family_bucket(family_size).to_string()]),
    ]
}

/// The facet values of a catalogue entry, for the facets [`active`] gives.
pub fn entry_values(catalog: &Catalog, entry: &Entry) -> Vec<(&'static str, Vec<String>)> {
    let mut values = values(&entry.agent, catalog.family_of(entry).members.len());
    if !catalog.plugins.is_empty() {
        let at = values
            .iter()
            .position(|(key, _)| *key == "category")
            .map_or(values.len(), |i| i + 1);
        values.insert(at, (PLUGIN_CATEGORY, plugin_categories(catalog, entry)));
    }
    values
}

/// The categories of the plugins that ship the entry, each once.
fn plugin_categories(catalog: &Catalog, entry: &Entry) -> Vec<String> {
    if entry.plugins.is_empty() {
        return vec![NOT_IN_A_PLUGIN.to_string()];
    }
    let mut categories: Vec<String> = entry
        .plugins
        .iter()
        .map(|m| {
            catalog
                .plugin(m.plugin)
                .category
                .clone()
                .unwrap_or_else(|| NO_CATEGORY.to_string())
        })
        .collect();
    categories.sort();
    categories.dedup();
    categories
}

/// A facet with the count of each of its values, for the panel.
#[derive(Debug, Serialize)]
pub struct FacetCounts {
    pub facet: Facet,
    /// Most common first; ties by value.
    pub values: Vec<ValueCount>,
}

#[derive(Debug, Serialize)]
pub struct ValueCount {
    pub value: String,
    pub count: usize,
}

/// How many agents of the catalogue have each value of each facet.
pub fn counts(catalog: &Catalog) -> Vec<FacetCounts> {
    let mut tally: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for entry in &catalog.entries {
        for (key, values) in entry_values(catalog, entry) {
            let facet = tally.entry(key).or_default();
            for value in values {
                *facet.entry(value).or_default() += 1;
            }
        }
    }
    active(catalog)
        .into_iter()
        .map(|facet| {
            let mut values: Vec<ValueCount> = tally
                .remove(facet.key)
                .unwrap_or_default()
                .into_iter()
                .map(|(value, count)| ValueCount { value, count })
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            FacetCounts { facet, values }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(path: &str, frontmatter: &str) -> Agent {
        let text = format!("---\nname: a\ndescription: d\n{frontmatter}---\nBody\n");
        Agent::read(path, text.into_bytes()).expect("agent")
    }

    #[test]
    fn model_tiers_read_any_spelling() {
        let tier = |model: &str| model_tier(&agent("x.md", model));
        assert_eq!(tier("model: opus\n"), "Opus");
        assert_eq!(tier("model: claude-sonnet-4-20250514\n"), "Sonnet");
        assert_eq!(tier("model: Claude Haiku 4.5\n"), "Haiku");
        assert_eq!(tier("model: inherit\n"), "Inherit");
        assert_eq!(tier(""), "Inherit");
        assert_eq!(tier("model: gpt-4o\n"), "Other");
    }

    #[test]
    fn values_cover_every_facet() {
        let listed = agent("dev/api/x.md", "tools: Write, Read, Read\ncolor: Blue\n");
        let of = |agent, size| values(agent, size).into_iter().collect::<BTreeMap<_, _>>();
        let values = of(&listed, 3);
        assert_eq!(values.len(), FACETS.len() - 1, "all but the plugin facet");
        assert_eq!(values["tool"], vec!["Read", "Write"]);
        assert_eq!(values["color"], vec!["blue"]);
        assert_eq!(values["category"], vec!["Dev / Api"]);
        assert_eq!(values["examples"], vec!["No"]);
        assert_eq!(values["family"], vec!["3–5 variants"]);

        let inheriting = agent("x.md", "");
        let values = of(&inheriting, 1);
        assert_eq!(values["tool"], vec![INHERITS_ALL_TOOLS]);
        assert_eq!(values["category"], vec![TOP_LEVEL]);
        assert_eq!(values["color"], vec!["none"]);
        assert_eq!(values["family"], vec!["No variants"]);
    }

    #[test]
    fn counts_tally_each_value_most_common_first() {
        let catalog = Catalog::new(vec![
            agent("a/x.md", "model: opus\ntools: Read\n"),
            agent("a/y.md", "model: sonnet\ntools: Read, Bash\n"),
            agent("b/z.md", "model: claude-opus-4\n"),
        ]);
        let counts = counts(&catalog);
        let get = |key: &str| -> Vec<(String, usize)> {
            counts
                .iter()
                .find(|c| c.facet.key == key)
                .map(|c| {
                    c.values
                        .iter()
                        .map(|v| (v.value.clone(), v.count))
                        .collect()
                })
                .unwrap_or_default()
        };
        let pair = |v: &str, n| (v.to_string(), n);
        assert_eq!(get("model"), vec![pair("Opus", 2), pair("Sonnet", 1)]);
        assert_eq!(
            get("tool"),
            vec![
                pair("Read", 2),
                pair("Bash", 1),
                pair(INHERITS_ALL_TOOLS, 1)
            ]
        );
        assert_eq!(get("category"), vec![pair("A", 2), pair("B", 1)]);
        // The three agents are named `a`: one family of three.
        assert_eq!(get("family"), vec![pair("3–5 variants", 3)]);
    }
}
