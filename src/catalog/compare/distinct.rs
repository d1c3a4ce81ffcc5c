//! Distinctive content: the sections, bullet points and terms that appear in one variant of a
//! family and in no sibling, so a reader sees at a glance what each variant adds.

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;

use crate::read::agent::Agent;
use crate::read::markdown::{self, Section};

/// Sections listed per variant; the richest few also show their first items.
const MAX_SECTIONS: usize = 10;
const SECTIONS_WITH_ITEMS: usize = 3;
const MAX_SECTION_ITEMS: usize = 5;
const MAX_BULLETS: usize = 4;
const MAX_TERMS: usize = 10;
/// Items are cut to this many characters; the agent's own page has them whole.
const MAX_ITEM_CHARS: usize = 160;
const MIN_TERM_LETTERS: usize = 4;

/// A section only this variant has; the richest ones come with their first list items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistinctSection {
    pub title: String,
    pub items: Vec<String>,
    /// How many of the section's items were left out of `items`.
    pub more: usize,
}

/// What one variant has that none of its siblings has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Distinctive {
    /// Sections only this variant has, those richest in distinctive words first.
    pub sections: Vec<DistinctSection>,
    /// How many more such sections there are beyond `sections`.
    pub more_sections: usize,
    /// Bullet points (outside those sections) found in no sibling, those richest in distinctive
    /// terms first.
    pub bullets: Vec<String>,
    /// Words used in this variant and in no sibling, most used first.
    pub terms: Vec<String>,
}

/// Words too common in agent files to tell anything apart; sorted, for a binary search.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "agent",
    "agents",
    "also",
    "always",
    "another",
    "assistant",
    "been",
    "before",
    "being",
    "best",
    "both",
    "commentary",
    "context",
    "each",
    "ensure",
    "even",
    "every",
    "example",
    "examples",
    "from",
    "have",
    "here",
    "into",
    "just",
    "like",
    "make",
    "more",
    "most",
    "must",
    "need",
    "only",
    "other",
    "over",
    "same",
    "should",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "user",
    "using",
    "very",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "within",
    "without",
    "would",
    "your",
    "yours",
];

/// Lower-case words with letters only, as compared across variants.
pub(super) fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn terms_of(agent: &Agent) -> FxHashMap<String, usize> {
    let mut counts = FxHashMap::default();
    let examples = agent.description.examples.iter().flat_map(|e| &e.turns);
    let texts = [agent.description.summary.as_str(), agent.body.as_str()]
        .into_iter()
        .chain(examples.map(|t| t.text.as_str()));
    for text in texts {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            let word = word.to_lowercase();
            if word.chars().count() >= MIN_TERM_LETTERS
                && STOP_WORDS.binary_search(&word.as_str()).is_err()
            {
                *counts.entry(word).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// How many of the variants contain each key.
fn document_frequency<'a>(
    sets: impl Iterator<Item = FxHashSet<&'a str>>,
) -> FxHashMap<&'a str, usize> {
    let mut frequency = FxHashMap::default();
    for set in sets {
        for key in set {
            *frequency.entry(key).or_insert(0) += 1;
        }
    }
    frequency
}

/// What is distinctive about each agent among the others, in the same order.
/// `sections` are the agents' ([`super::sections_of`]).
pub fn distinctive(agents: &[&Agent], sections: &[Vec<Section>]) -> Vec<Distinctive> {
    let titles: Vec<FxHashSet<String>> = sections
        .iter()
        .map(|list| {
            list.iter()
                .filter_map(|s| s.title.as_deref())
                .map(normalise)
                .collect()
        })
        .collect();
    let items: Vec<FxHashSet<String>> = sections
        .iter()
        .map(|list| {
            list.iter()
                .flat_map(|s| &s.items)
                .map(|i| normalise(i))
                .collect()
        })
        .collect();
    let terms: Vec<FxHashMap<String, usize>> = agents.iter().map(|a| terms_of(a)).collect();
    let title_df = document_frequency(
        titles
            .iter()
            .map(|t| t.iter().map(String::as_str).collect()),
    );
    let item_df = document_frequency(items.iter().map(|t| t.iter().map(String::as_str).collect()));
    let term_df = document_frequency(terms.iter().map(|t| t.keys().map(String::as_str).collect()));

    sections
        .iter()
        .zip(&terms)
        .map(|(own_sections, own_terms)| {
            let unique_terms: FxHashSet<&str> = own_terms
                .keys()
                .map(String::as_str)
                .filter(|t| term_df.get(t) == Some(&1))
                .collect();
            let richness = |text: &str| {
                normalise(text)
                    .split(' ')
                    .filter(|w| unique_terms.contains(w))
                    .count()
            };
            let mut distinct_sections: Vec<(usize, usize, &Section)> = Vec::new();
            let mut bullets: Vec<(usize, usize, &str)> = Vec::new();
            for section in own_sections {
                let unique_title = section
                    .title
                    .as_deref()
                    .is_some_and(|t| title_df.get(normalise(t).as_str()) == Some(&1));
                if unique_title {
                    // Dense in words no sibling uses: a short list of specific commitments
                    // says more about a variant than a long generic one.
                    let words = markdown::word_count(&section.markdown).max(1);
                    let score = richness(&section.markdown) * 1000 / words;
                    distinct_sections.push((score, distinct_sections.len(), section));
                    continue;
                }
                for item in &section.items {
                    if item_df.get(normalise(item).as_str()) == Some(&1) {
                        bullets.push((richness(item), bullets.len(), item));
                    }
                }
            }
            distinct_sections.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let more_sections = distinct_sections.len().saturating_sub(MAX_SECTIONS);
            let sections = distinct_sections
                .into_iter()
                .take(MAX_SECTIONS)
                .enumerate()
                .map(|(rank, (_, _, section))| {
                    let shown = if rank < SECTIONS_WITH_ITEMS {
                        MAX_SECTION_ITEMS
                    } else {
                        0
                    };
                    DistinctSection {
                        title: section.title.clone().unwrap_or_default(),
                        items: section
                            .items
                            .iter()
                            .take(shown)
                            .map(|item| markdown::plain_excerpt(item, MAX_ITEM_CHARS))
                            .collect(),
                        more: section.items.len().saturating_sub(shown),
                    }
                })
                .collect();
            bullets.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut ranked_terms: Vec<(&str, usize)> =
                unique_terms.iter().map(|t| (*t, own_terms[*t])).collect();
            ranked_terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            Distinctive {
                sections,
                more_sections,
                bullets: bullets
                    .into_iter()
                    .filter(|(richness, _, _)| *richness > 0)
                    .take(MAX_BULLETS)
                    .map(|(_, _, item)| markdown::plain_excerpt(item, MAX_ITEM_CHARS))
                    .collect(),
                terms: ranked_terms
                    .into_iter()
                    .take(MAX_TERMS)
                    .map(|(t, _)| t.to_string())
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_their_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    fn agent(body: &str) -> Agent {
        let text = format!("---\nname: a\ndescription: An agent.\n---\n{body}");
        Agent::read("a.md", text.into_bytes()).expect("agent")
    }

    #[test]
    fn finds_sections_bullets_and_terms_no_sibling_has() {
        let a = agent(
            "Principles:\n- Be careful\n- Test everything\n\nReliability budgets:\n- Uptime: 99.9%\n- Error rate below 0.1%\n",
        );
        let b = agent("Principles:\n- Be careful\n- Document kubernetes clusters\n");
        let agents = [&a, &b];
        let found = distinctive(&agents, &super::super::sections_of(&agents));
        assert_eq!(
            found[0].sections,
            vec![DistinctSection {
                title: "Reliability budgets".to_string(),
                items: vec![
                    "Uptime: 99.9%".to_string(),
                    "Error rate below 0.1%".to_string()
                ],
                more: 0,
            }]
        );
        assert_eq!(found[0].bullets, vec!["Test everything".to_string()]);
        assert!(found[0].terms.contains(&"uptime".to_string()));
        assert!(!found[0].terms.contains(&"careful".to_string()));
        assert!(found[1].sections.is_empty());
        assert_eq!(
            found[1].bullets,
            vec!["Document kubernetes clusters".to_string()]
        );
        assert_eq!(found[1].terms, vec!["clusters", "document", "kubernetes"]);
    }
}
