//! The catalogue stage: every agent read becomes an [`Entry`] with a unique slug, grouped into
//! families of variants; and what is computed across agents: comparisons of a family's members
//! (`compare`), facet values and counts (`facets`), the fidelity report (`report`).
//!
//! A family is the agents a user would see as "the same agent" in different versions: the same
//! `name`, or names that differ only by a role word (`backend-engineer`, `backend-developer`), a
//! version suffix (`-v2`) or a plugin prefix (`acme:`), or texts that are near-duplicates (at
//! least [`NEAR_DUPLICATE`] estimated shingle similarity). Grouping is one hashing pass plus the
//! candidate pairs that locality-sensitive hashing finds, never a comparison of all pairs.

pub mod compare;
pub mod facets;
pub mod plugins;
pub mod report;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::read::agent::Agent;
use crate::read::marketplace::{Marketplace, Plugin};
use crate::read::similarity::candidate_pairs;
use crate::read::slug::{file_safe, slugify};
use plugins::{CatalogPlugin, Membership};

/// Texts sharing at least this share of their word 5-grams are variants of one agent, whatever
/// their names. On the 1,091 files of the public collections, the pairs of differently named
/// agents above 0.5 are a re-hosted agent under a new name (0.69) and a .NET/Python pair of one
/// agent (0.73); the next ones down are variants of one mode (0.47) and three meeting personas
/// written from one template (0.34–0.45), which are better kept apart.
pub const NEAR_DUPLICATE: f64 = 0.5;
/// Relatives listed on an agent's page, closest first.
const MAX_RELATIVES: usize = 5;

/// An agent in the catalogue.
#[derive(Debug)]
pub struct Entry {
    pub agent: Agent,
    /// Unique across the catalogue; the agent's page is `agents/<slug>.html`.
    pub slug: String,
    /// What to call the agent where several share its name: the name when it is unique,
    /// otherwise the slug (which comes from the file name).
    pub label: String,
    /// Index into [`Catalog::families`].
    pub family: usize,
    /// The closest other agents (entry index, estimated similarity), closest first: family
    /// members and near-duplicates found by hashing.
    pub relatives: Vec<(usize, f64)>,
    /// Other files shown as this one, under the first path: files with the same text (a
    /// collection mirroring its own folders, or re-hosting another's agents), and copies that
    /// another plugin ships under its prefixed name (`plugins`).
    pub also_in: Vec<String>,
    /// The plugins that ship the agent, in catalogue order, with its name in each.
    pub plugins: Vec<Membership>,
}

/// Agents that are variants of one another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// Unique, and never `index`; the comparison page is `compare/<slug>.html` when the family
    /// has several members.
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
    /// The plugin marketplaces read with the agents.
    pub marketplaces: Vec<Marketplace>,
    /// Every plugin of those marketplaces, with the entries it ships.
    pub plugins: Vec<CatalogPlugin>,
}

/// Keeps the first of each group of files with the same normalised text (in path order) and
/// returns, for each kept agent, the paths of the others.
fn merge_exact_duplicates(agents: Vec<Agent>) -> (Vec<Agent>, Vec<Vec<String>>) {
    // Texts are keyed by a 128-bit hash (see `Source`), not held: a copy of every file would
    // add a third to the memory the agents take.
    let mut first_with_text: HashMap<u128, usize> = HashMap::new();
    let mut kept: Vec<Agent> = Vec::with_capacity(agents.len());
    let mut also_in: Vec<Vec<String>> = Vec::with_capacity(agents.len());
    for agent in agents {
        match first_with_text.entry(agent.source.duplicate_key) {
            std::collections::hash_map::Entry::Occupied(first) => {
                also_in[*first.get()].push(agent.path);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(kept.len());
                kept.push(agent);
                also_in.push(Vec::new());
            }
        }
    }
    (kept, also_in)
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
    /// that family instead of the one their name gives; such pinned agents join no other family
    /// through similarity.
    pub fn with_families(agents: Vec<Agent>, overrides: &BTreeMap<String, String>) -> Catalog {
        Catalog::build(agents, overrides, Vec::new())
    }

    /// Builds the catalogue with the plugins of `marketplaces`: each agent knows the plugins
    /// that ship it, and an agent that several plugins ship under their prefixed names is one
    /// entry (see [`plugins`]).
    pub fn build(
        agents: Vec<Agent>,
        overrides: &BTreeMap<String, String>,
        marketplaces: Vec<Marketplace>,
    ) -> Catalog {
        let (agents, also_in) = merge_exact_duplicates(agents);
        Catalog::of_distinct(agents, also_in, overrides, marketplaces)
    }

    /// [`Catalog::build`] of agents whose exact duplicates are already set aside: `also_in[i]`
    /// holds the other paths of `agents[i]`'s text.
    pub fn of_distinct(
        agents: Vec<Agent>,
        also_in: Vec<Vec<String>>,
        overrides: &BTreeMap<String, String>,
        marketplaces: Vec<Marketplace>,
    ) -> Catalog {
        let mut plugin_list = plugins::listing(&marketplaces);
        let shipped: Vec<&Plugin> = plugin_list
            .iter()
            .map(|p| &marketplaces[p.marketplace].plugins[p.index])
            .collect();
        let (agents, also_in, memberships) =
            plugins::merge_prefixed_copies(agents, also_in, &shipped);
        let slugs = assign_slugs(&agents);
        let signatures: Vec<_> = agents.iter().map(|a| a.signature.clone()).collect();
        let scored: Vec<(usize, usize, f64)> = candidate_pairs(&signatures)
            .into_iter()
            .map(|(a, b)| (a, b, signatures[a].similarity(&signatures[b])))
            .collect();
        let mut groups = UnionFind::new(agents.len());
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (index, agent) in agents.iter().enumerate() {
            let name = overrides.get(&agent.name).unwrap_or(&agent.name);
            let key = match family_key(name) {
                k if k.is_empty() => slugs[index].clone(),
                k => k,
            };
            let first = *by_key.entry(key).or_insert(index);
            groups.union(first, index);
        }
        let pinned = |i: usize| overrides.contains_key(&agents[i].name);
        for &(a, b, score) in &scored {
            if score >= NEAR_DUPLICATE && !pinned(a) && !pinned(b) {
                groups.union(a, b);
            }
        }
        let (families, family_of) = families_from(&agents, &mut groups, overrides);
        let relatives = relatives_from(&signatures, &families, &family_of, &scored);
        let labels = labels_for(&agents, &slugs);
        let entries: Vec<Entry> = agents
            .into_iter()
            .zip(slugs)
            .zip(labels)
            .zip(family_of)
            .zip(relatives)
            .zip(also_in)
            .zip(memberships)
            .map(
                |((((((agent, slug), label), family), relatives), also_in), plugins)| Entry {
                    agent,
                    slug,
                    label,
                    family,
                    relatives,
                    also_in,
                    plugins,
                },
            )
            .collect();
        for (index, entry) in entries.iter().enumerate() {
            for membership in &entry.plugins {
                plugin_list[membership.plugin].members.push(index);
            }
        }
        Catalog {
            entries,
            families,
            marketplaces,
            plugins: plugin_list,
        }
    }

    /// The plugin `plugins[index]` is, as its marketplace describes it.
    pub fn plugin(&self, index: usize) -> &Plugin {
        let listed = &self.plugins[index];
        &self.marketplaces[listed.marketplace].plugins[listed.index]
    }

    /// The marketplace of `plugins[index]`.
    pub fn marketplace_of(&self, index: usize) -> &Marketplace {
        &self.marketplaces[self.plugins[index].marketplace]
    }

    pub fn family_of(&self, entry: &Entry) -> &Family {
        &self.families[entry.family]
    }

    /// Files shown under another path because their text is the same.
    pub fn duplicate_count(&self) -> usize {
        self.entries.iter().map(|e| e.also_in.len()).sum()
    }
}

/// Families from the groups, ordered by their first member; titled by the family a member is
/// pinned to, or else by the members' most common name; slugs from the titles, unique.
fn families_from(
    agents: &[Agent],
    groups: &mut UnionFind,
    overrides: &BTreeMap<String, String>,
) -> (Vec<Family>, Vec<usize>) {
    let mut members_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..agents.len() {
        members_of
            .entry(groups.find(index))
            .or_default()
            .push(index);
    }
    let mut ordered: Vec<Vec<usize>> = members_of.into_values().collect();
    ordered.sort_by_key(|members| members[0]);
    // `compare/index.html` is the compare view: no family's page may take that name.
    let mut used = HashSet::from(["index".to_string()]);
    let mut family_of = vec![0; agents.len()];
    let families = ordered
        .into_iter()
        .enumerate()
        .map(|(index, members)| {
            for &member in &members {
                family_of[member] = index;
            }
            let title = members
                .iter()
                .find_map(|&m| overrides.get(&agents[m].name).cloned())
                .unwrap_or_else(|| most_common_name(agents, &members));
            let base = match file_safe(slugify(&title)) {
                s if s.is_empty() => "family".to_string(),
                s => s,
            };
            let mut slug = base.clone();
            let mut n = 1;
            while !used.insert(slug.clone()) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            Family {
                slug,
                title,
                members,
            }
        })
        .collect();
    (families, family_of)
}

/// Each agent's closest relatives among its family and its scored candidate pairs.
fn relatives_from(
    signatures: &[crate::read::similarity::Signature],
    families: &[Family],
    family_of: &[usize],
    scored: &[(usize, usize, f64)],
) -> Vec<Vec<(usize, f64)>> {
    let mut relatives: Vec<Vec<(usize, f64)>> = vec![Vec::new(); signatures.len()];
    for family in families.iter().filter(|f| f.has_variants()) {
        for &a in &family.members {
            for &b in family.members.iter().filter(|&&b| b != a) {
                relatives[a].push((b, signatures[a].similarity(&signatures[b])));
            }
        }
    }
    for &(a, b, score) in scored {
        if family_of[a] != family_of[b] {
            relatives[a].push((b, score));
            relatives[b].push((a, score));
        }
    }
    for list in &mut relatives {
        list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        list.truncate(MAX_RELATIVES);
    }
    relatives
}

/// What to call each agent: its name, or its slug where several agents share the name.
fn labels_for(agents: &[Agent], slugs: &[String]) -> Vec<String> {
    let mut name_counts: HashMap<&str, usize> = HashMap::new();
    for agent in agents {
        *name_counts.entry(agent.name.as_str()).or_default() += 1;
    }
    agents
        .iter()
        .zip(slugs)
        .map(|(agent, slug)| match name_counts[agent.name.as_str()] {
            1 => agent.name.clone(),
            _ => slug.clone(),
        })
        .collect()
}

/// Disjoint sets over agent indexes, for merging families.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(size: usize) -> Self {
        UnionFind {
            parent: (0..size).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller index becomes the root, so results do not
    /// depend on the order of unions.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
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

/// One slug per agent from its file name without its harness's suffix (`reviewer.agent.md` and
/// `reviewer.toml` are `reviewer`); a clash takes the parent folders, then a number.
fn assign_slugs(agents: &[Agent]) -> Vec<String> {
    let mut used = HashSet::new();
    agents
        .iter()
        .map(|agent| {
            let mut parts: Vec<String> = crate::read::harness::without_agent_suffix(&agent.path)
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

    fn agent(path: &str, name: &str, description: &str) -> Agent {
        let text = format!("---\nname: {name}\ndescription: {description}\n---\n");
        Agent::read(path, text.into_bytes()).expect("agent")
    }

    const LONG: &str = "Designs reliable HTTP APIs with careful versioning, pagination, \
        idempotent retries, structured errors and thorough contract tests for every endpoint. \
        Reviews schemas before they ship, documents each field with examples, keeps backwards \
        compatibility for at least two releases, measures latency at the edge and in the \
        database, and writes runbooks that on-call engineers can follow at three in the morning \
        without paging anyone else.";

    #[test]
    fn slugs_are_unique_and_stable() {
        let catalog = Catalog::new(vec![
            agent("a/api.md", "api", "First text about one thing."),
            agent("b/api.md", "api", "Second text, unrelated words."),
            agent("c/b/api.md", "api", "Third text with other words."),
            agent("API.md", "api", "Fourth text, yet another."),
            agent("🚀.md", "rocket", "Launches rockets into orbit."),
        ]);
        let slugs: Vec<_> = catalog.entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, vec!["api", "b-api", "c-b-api", "api-2", "agent"]);
        assert_eq!(catalog.families.len(), 2);
        assert_eq!(catalog.families[0].members, vec![0, 1, 2, 3]);
        assert_eq!(catalog.families[0].title, "api");
        assert_eq!(catalog.families[0].slug, "api");
        assert_eq!(catalog.families[1].slug, "rocket");
        let labels: Vec<_> = catalog.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, vec!["api", "b-api", "c-b-api", "api-2", "rocket"]);
    }

    #[test]
    fn slugs_leave_out_the_harness_suffix_of_the_file_name() {
        let catalog = Catalog::new(vec![
            agent(
                ".github/agents/reviewer.agent.md",
                "reviewer",
                "Reviews pull requests.",
            ),
            agent(
                "chatmodes/plan.chatmode.md",
                "plan",
                "Plans the work in steps.",
            ),
            agent(
                ".claude/agents/reviewer.md",
                "reviewer",
                "Reviews pull requests.",
            ),
        ]);
        let slugs: Vec<_> = catalog.entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, vec!["reviewer", "plan", "agents-reviewer"]);
    }

    #[test]
    fn no_family_takes_the_compare_view_s_name() {
        let catalog = Catalog::new(vec![
            agent("a/index.md", "index", "Indexes documents for search."),
            agent("b/index.md", "index", "Builds an index of the code."),
        ]);
        assert_eq!(catalog.families.len(), 1);
        assert_eq!(catalog.families[0].title, "index");
        assert_eq!(catalog.families[0].slug, "index-2");
    }

    #[test]
    fn files_with_the_same_text_appear_once() {
        let catalog = Catalog::new(vec![
            agent("agents-core/api.md", "api", "Designs APIs."),
            agent("all-agents/api.md", "api", "Designs APIs."),
            agent("other/api.md", "api", "Designs other APIs."),
        ]);
        assert_eq!(catalog.entries.len(), 2);
        assert_eq!(catalog.entries[0].agent.path, "agents-core/api.md");
        assert_eq!(catalog.entries[0].also_in, vec!["all-agents/api.md"]);
        assert_eq!(catalog.duplicate_count(), 1);
        assert_eq!(catalog.families[0].members, vec![0, 1]);
    }

    #[test]
    fn near_duplicate_texts_join_one_family_whatever_their_names() {
        let edited = LONG.replace("thorough", "complete");
        let catalog = Catalog::new(vec![
            agent("api-designer.md", "api-designer", LONG),
            agent("rest-architect.md", "rest-architect", &edited),
            agent(
                "poet.md",
                "poet",
                "Writes sonnets about the sea, the wind and the long night.",
            ),
        ]);
        assert_eq!(catalog.families.len(), 2);
        assert_eq!(catalog.families[0].members, vec![0, 1]);
        let relatives = &catalog.entries[0].relatives;
        assert_eq!(relatives.len(), 1);
        assert_eq!(relatives[0].0, 1);
        assert!(relatives[0].1 >= NEAR_DUPLICATE, "{relatives:?}");
        assert!(catalog.entries[2].relatives.is_empty());
    }
}
