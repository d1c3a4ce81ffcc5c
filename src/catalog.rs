//! The catalogue: every agent with a unique, stable slug, grouped into families of variants.
//!
//! A family is the agents a user would see as "the same agent" in different versions: the same
//! `name`, or names that differ only by a role word (`backend-engineer`, `backend-developer`), a
//! version suffix (`-v2`) or a plugin prefix (`acme:`). Grouping is one hashing pass, never a
//! comparison of all pairs.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::agent::Agent;
use crate::slug::{file_safe, slugify};

/// An agent in the catalogue.
#[derive(Debug)]
pub struct Entry {
    pub agent: Agent,
    /// Unique across the catalogue; the agent's page is `agents/<slug>/`.
    pub slug: String,
    /// What to call the agent where several share its name: the name when it is unique,
    /// otherwise the slug (which comes from the file name).
    pub label: String,
    /// Index into [`Catalog::families`].
    pub family: usize,
}

/// Agents that are variants of one another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// Unique; the comparison page is `compare/<slug>/` when the family has several members.
    pub slug: String,
    /// The most common name among the members.
    pub title: String,
    /// Indexes into [`Catalog::entries`], in catalogue order.
    pub members: Vec<usize>,
}

impl Family {
    pub fn has_variants(&self) -> bool {
        self.members.len() > 1
    }
}

#[derive(Debug)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    pub families: Vec<Family>,
}

const ROLE_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "expert",
    "specialist",
    "pro",
    "dev",
    "agent",
];

/// The key that variants of one agent share.
pub fn family_key(name: &str) -> String {
    let unprefixed = name.rsplit(':').next().unwrap_or(name);
    let mut words: Vec<&str> = Vec::new();
    let slug = slugify(unprefixed);
    words.extend(slug.split('-').filter(|w| !w.is_empty()));
    if let Some(last) = words.last()
        && words.len() > 1
        && is_version(last)
    {
        words.pop();
    }
    if let Some(last) = words.last()
        && words.len() > 1
        && ROLE_WORDS.contains(last)
    {
        words.pop();
    }
    words.join("-")
}

fn is_version(word: &str) -> bool {
    word.strip_prefix('v')
        .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
}

impl Catalog {
    /// Builds the catalogue from agents sorted by path (the order makes slugs stable).
    pub fn new(agents: Vec<Agent>) -> Catalog {
        Catalog::with_families(agents, &BTreeMap::new())
    }

    /// Builds the catalogue, putting agents named in `overrides` (agent name → family name) in
    /// that family instead of the one their name gives.
    pub fn with_families(agents: Vec<Agent>, overrides: &BTreeMap<String, String>) -> Catalog {
        let slugs = assign_slugs(&agents);
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, agent) in agents.iter().enumerate() {
            let name = overrides.get(&agent.name).unwrap_or(&agent.name);
            let key = match family_key(name) {
                k if k.is_empty() => slugs[index].clone(),
                k => k,
            };
            by_key.entry(key).or_default().push(index);
        }
        let mut families = Vec::with_capacity(by_key.len());
        let mut family_of = vec![0; agents.len()];
        for (key, members) in by_key {
            for &member in &members {
                family_of[member] = families.len();
            }
            families.push(Family {
                slug: key,
                title: most_common_name(&agents, &members),
                members,
            });
        }
        let mut name_counts: HashMap<&str, usize> = HashMap::new();
        for agent in &agents {
            *name_counts.entry(agent.name.as_str()).or_default() += 1;
        }
        let labels: Vec<String> = agents
            .iter()
            .zip(&slugs)
            .map(|(agent, slug)| match name_counts[agent.name.as_str()] {
                1 => agent.name.clone(),
                _ => slug.clone(),
            })
            .collect();
        let entries = agents
            .into_iter()
            .zip(slugs)
            .zip(labels)
            .zip(family_of)
            .map(|(((agent, slug), label), family)| Entry {
                agent,
                slug,
                label,
                family,
            })
            .collect();
        Catalog { entries, families }
    }

    pub fn family_of(&self, entry: &Entry) -> &Family {
        &self.families[entry.family]
    }

    pub fn warning_count(&self) -> usize {
        self.entries.iter().map(|e| e.agent.diagnostics.len()).sum()
    }
}

fn most_common_name(agents: &[Agent], members: &[usize]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &member in members {
        *counts.entry(agents[member].name.as_str()).or_default() += 1;
    }
    // Highest count wins; among equals the alphabetically first, so the title is stable.
    counts
        .into_iter()
        .fold(
            ("", 0),
            |best, (name, count)| {
                if count > best.1 { (name, count) } else { best }
            },
        )
        .0
        .to_string()
}

/// One slug per agent from its file name; a clash takes the parent folders, then a number.
fn assign_slugs(agents: &[Agent]) -> Vec<String> {
    let mut used = HashSet::new();
    agents
        .iter()
        .map(|agent| {
            let mut parts: Vec<String> = agent
                .path
                .trim_end_matches(".md")
                .split('/')
                .map(slugify)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() {
                parts.push("agent".to_string());
            }
            if let Some(last) = parts.last_mut() {
                *last = file_safe(std::mem::take(last));
            }
            let mut candidate = String::new();
            for part in parts.iter().rev() {
                candidate = if candidate.is_empty() {
                    part.clone()
                } else {
                    format!("{part}-{candidate}")
                };
                if !used.contains(&candidate) {
                    break;
                }
            }
            let base = candidate.clone();
            let mut n = 1;
            while used.contains(&candidate) {
                n += 1;
                candidate = format!("{base}-{n}");
            }
            used.insert(candidate.clone());
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_keys_ignore_role_words_versions_and_prefixes() {
        assert_eq!(family_key("backend-engineer"), "backend");
        assert_eq!(family_key("backend-developer"), "backend");
        assert_eq!(family_key("acme:backend-engineer-v2"), "backend");
        assert_eq!(family_key("Backend Expert"), "backend");
        assert_eq!(family_key("backend-architect"), "backend-architect");
        assert_eq!(family_key("developer"), "developer");
    }

    fn agent(path: &str, name: &str) -> Agent {
        let text = format!("---\nname: {name}\ndescription: d\n---\n");
        Agent::read(path, text.into_bytes()).expect("agent")
    }

    #[test]
    fn slugs_are_unique_and_stable() {
        let catalog = Catalog::new(vec![
            agent("a/api.md", "api"),
            agent("b/api.md", "api"),
            agent("c/b/api.md", "api"),
            agent("API.md", "api"),
            agent("🚀.md", "rocket"),
        ]);
        let slugs: Vec<_> = catalog.entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, vec!["api", "b-api", "c-b-api", "api-2", "agent"]);
        assert_eq!(catalog.families.len(), 2);
        assert_eq!(catalog.families[0].members, vec![0, 1, 2, 3]);
        assert_eq!(catalog.families[0].title, "api");
        let labels: Vec<_> = catalog.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, vec!["api", "b-api", "c-b-api", "api-2", "rocket"]);
    }
}
