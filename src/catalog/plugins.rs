//! Plugins in the catalogue: which agents each plugin ships (by the agents' paths, those of
//! their duplicates included), one agent shipped in several plugins under names prefixed with
//! each plugin's name shown once, and the slugs of the plugin pages.
//!
//! A marketplace that ships one agent in several plugins often gives each copy the plugin's
//! name as a prefix (`api-scaffolding-backend-architect`, `data-engineering-backend-architect`)
//! and nothing else: such files are one agent, named by the base (`backend-architect`), "in
//! 6 plugins". Copies are merged only when the rest of the file is the same after
//! normalisation ([`crate::read::agent::Source::unnamed_key`]) and each copy's name is the base
//! or `<plugin>-<base>` for a plugin it is in; anything else is a real variant.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::read::agent::Agent;
use crate::read::marketplace::{Marketplace, Plugin, ShippedBy};
use crate::read::slug::{file_safe, slugify};

/// A plugin of one of the catalogue's marketplaces.
#[derive(Debug, Clone)]
pub struct CatalogPlugin {
    /// Index into [`super::Catalog::marketplaces`].
    pub marketplace: usize,
    /// Index into that marketplace's `plugins`.
    pub index: usize,
    /// Unique, never `index`; the plugin's page is `plugins/<slug>.html`.
    pub slug: String,
    /// The entries it ships, in catalogue order.
    pub members: Vec<usize>,
}

/// That an agent is in a plugin, and under which name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// Index into [`super::Catalog::plugins`].
    pub plugin: usize,
    /// The agent's `name` in that plugin's copy.
    pub name: String,
}

/// Every plugin of `marketplaces`, in order, with a unique slug each.
pub fn listing(marketplaces: &[Marketplace]) -> Vec<CatalogPlugin> {
    // `plugins/index.html` lists the plugins: no plugin's page may take that name.
    let mut used = HashSet::from(["index".to_string()]);
    let mut plugins = Vec::new();
    for (m, marketplace) in marketplaces.iter().enumerate() {
        for (index, plugin) in marketplace.plugins.iter().enumerate() {
            let base = match file_safe(slugify(&plugin.name)) {
                s if s.is_empty() => "plugin".to_string(),
                s => s,
            };
            let mut slug = base.clone();
            if used.contains(&slug)
                && let Some(name) = &marketplace.name
            {
                slug = format!("{base}-{}", file_safe(slugify(name)));
            }
            let mut n = 1;
            while used.contains(&slug) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            used.insert(slug.clone());
            plugins.push(CatalogPlugin {
                marketplace: m,
                index,
                slug,
                members: Vec::new(),
            });
        }
    }
    plugins
}

/// Agents with the plugins they are in, after the prefixed copies of one agent are merged into
/// the first (in path order): `(agents, other paths shown as each, plugins of each)`.
pub fn merge_prefixed_copies(
    agents: Vec<Agent>,
    also_in: Vec<Vec<String>>,
    plugins: &[&Plugin],
) -> (Vec<Agent>, Vec<Vec<String>>, Vec<Vec<Membership>>) {
    let shipped = ShippedBy::new(plugins.iter().copied());
    let memberships: Vec<Vec<Membership>> = agents
        .iter()
        .zip(&also_in)
        .map(|(agent, others)| memberships_of(agent, others, &shipped))
        .collect();
    // Copies of one agent: the same unnamed text and the same base name.
    let mut groups: BTreeMap<(u128, String), Vec<usize>> = BTreeMap::new();
    for (index, agent) in agents.iter().enumerate() {
        let Some(key) = agent.source.unnamed_key else {
            continue;
        };
        if memberships[index].is_empty() {
            continue;
        }
        let base = base_name(&agent.name, &memberships[index], plugins);
        groups.entry((key, base)).or_default().push(index);
    }
    let mut merged_into: Vec<Option<usize>> = vec![None; agents.len()];
    let mut bases: BTreeMap<usize, String> = BTreeMap::new();
    for ((_, base), members) in groups {
        let prefixed = members.iter().any(|&m| agents[m].name != base);
        if members.len() < 2 || !prefixed {
            continue;
        }
        for &member in &members[1..] {
            merged_into[member] = Some(members[0]);
        }
        bases.insert(members[0], base);
    }
    let mut kept: Vec<(Agent, Vec<String>, Vec<Membership>)> = Vec::new();
    let mut position: Vec<usize> = vec![0; agents.len()];
    for (index, ((mut agent, others), member_of)) in
        agents.into_iter().zip(also_in).zip(memberships).enumerate()
    {
        match merged_into[index] {
            Some(first) => {
                let (_, paths, plugins_of) = &mut kept[position[first]];
                paths.push(agent.path);
                paths.extend(others);
                plugins_of.extend(member_of);
            }
            None => {
                if let Some(base) = bases.remove(&index) {
                    agent.name = base;
                }
                position[index] = kept.len();
                kept.push((agent, others, member_of));
            }
        }
    }
    let mut agents = Vec::with_capacity(kept.len());
    let mut also_in = Vec::with_capacity(kept.len());
    let mut memberships = Vec::with_capacity(kept.len());
    for (agent, mut paths, mut member_of) in kept {
        paths.sort();
        member_of.sort_by_key(|m| m.plugin);
        member_of.dedup_by_key(|m| m.plugin);
        agents.push(agent);
        also_in.push(paths);
        memberships.push(member_of);
    }
    (agents, also_in, memberships)
}

/// The plugins that ship the agent's file or one of its duplicates, in the plugins' order.
fn memberships_of(agent: &Agent, others: &[String], shipped: &ShippedBy) -> Vec<Membership> {
    let mut plugins: Vec<usize> = std::iter::once(&agent.path)
        .chain(others)
        .flat_map(|path| shipped.plugins_of(path))
        .collect();
    plugins.sort_unstable();
    plugins.dedup();
    plugins
        .into_iter()
        .map(|plugin| Membership {
            plugin,
            name: agent.name.clone(),
        })
        .collect()
}

/// The name without the prefix of a plugin it is in (`<plugin>-`), the longest such prefix;
/// the name itself when it has none.
fn base_name(name: &str, memberships: &[Membership], plugins: &[&Plugin]) -> String {
    memberships
        .iter()
        .filter_map(|m| {
            name.strip_prefix(plugins[m.plugin].name.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
        })
        .filter(|base| !base.is_empty())
        .min_by_key(|base| base.len())
        .unwrap_or(name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::marketplace::AgentRef;

    fn plugin(name: &str) -> Plugin {
        Plugin {
            name: name.to_string(),
            agents: vec![AgentRef {
                path: format!("plugins/{name}/agents"),
                folder: true,
            }],
            ..Plugin::default()
        }
    }

    fn agent(plugin: &str, name: &str, body: &str) -> Agent {
        let text = format!("---\nname: {name}\ndescription: Designs backends.\n---\n{body}\n");
        Agent::read(
            &format!("plugins/{plugin}/agents/backend-architect.md"),
            text.into_bytes(),
        )
        .expect("agent")
    }

    #[test]
    fn prefixed_copies_merge_and_real_variants_do_not() {
        let plugins = [plugin("api"), plugin("data"), plugin("ops"), plugin("web")];
        let refs: Vec<&Plugin> = plugins.iter().collect();
        let agents = vec![
            agent("api", "api-backend-architect", "Same body."),
            agent("data", "data-backend-architect", "Same body."),
            // The base name itself, unprefixed, is the same agent.
            agent("ops", "backend-architect", "Same body."),
            // Prefixed, but its text differs: a variant.
            agent("web", "web-backend-architect", "Another body."),
        ];
        let also_in = vec![Vec::new(); agents.len()];
        let (agents, also_in, memberships) = merge_prefixed_copies(agents, also_in, &refs);
        assert_eq!(agents.len(), 2);
        assert_eq!(agents[0].name, "backend-architect");
        assert_eq!(
            also_in[0],
            vec![
                "plugins/data/agents/backend-architect.md",
                "plugins/ops/agents/backend-architect.md"
            ]
        );
        let names: Vec<(usize, &str)> = memberships[0]
            .iter()
            .map(|m| (m.plugin, m.name.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                (0, "api-backend-architect"),
                (1, "data-backend-architect"),
                (2, "backend-architect")
            ]
        );
        assert_eq!(agents[1].name, "web-backend-architect");
        assert_eq!(
            memberships[1],
            vec![Membership {
                plugin: 3,
                name: "web-backend-architect".to_string()
            }]
        );
    }

    #[test]
    fn a_name_prefixed_with_another_plugin_s_name_is_not_a_copy() {
        let plugins = [plugin("api"), plugin("data")];
        let refs: Vec<&Plugin> = plugins.iter().collect();
        // In `data`, but named as `api`'s copy would be: not `<plugin>-<base>` for its plugin.
        let agents = vec![
            agent("api", "api-backend-architect", "Same body."),
            agent("data", "api-backend-architect-x", "Same body."),
        ];
        let also_in = vec![Vec::new(); 2];
        let (agents, _, _) = merge_prefixed_copies(agents, also_in, &refs);
        assert_eq!(agents.len(), 2);
        assert_eq!(agents[0].name, "api-backend-architect");
    }

    #[test]
    fn plugin_slugs_are_unique_and_never_index() {
        let market = |name: &str, plugins: &[&str]| Marketplace {
            location: crate::read::marketplace::Location::Agents,
            manifest: None,
            name: Some(name.to_string()),
            owner: None,
            description: None,
            version: None,
            plugins: plugins.iter().map(|p| plugin(p)).collect(),
            plugins_at: None,
        };
        let listing = listing(&[
            market("one", &["index", "api"]),
            market("two", &["api", "API"]),
        ]);
        let slugs: Vec<&str> = listing.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, vec!["index-one", "api", "api-two", "api-2"]);
    }
}
