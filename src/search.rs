//! Full-text search: a compact index built with the site and loaded by the browser in chunks.
//!
//! ```text
//! search/docs.json           the facet values (`facets.rs`), and per agent: its length, its
//!                            number of examples and its facet values; agents are numbered in
//!                            name order, so that number is also the name sort key
//! search/terms/<hex>.json    the words that start with the same two (or three) characters,
//!                            each with the agents it occurs in and a score: 100 for a word of
//!                            the name, plus summary, example and body occurrences (capped),
//!                            so that a name match always ranks first
//! search/cards/<n>.html      agent n's card, as the index shows it
//! ```
//!
//! A chunk is named by the hex of its prefix's UTF-8 bytes. A two-character chunk larger than
//! [`SPLIT_BYTES`] is split into three-character chunks; the two-character word itself stays in
//! the two-character chunk. `static/app.js` reads the same words (see [`words`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::{Catalog, Entry};
use crate::render::{SiteInfo, Templates};
use crate::{browse, facets};

/// The site folder the index is written to.
pub const DIR: &str = "search";

/// A two-character chunk above this size is split by the third character.
const SPLIT_BYTES: usize = 48 * 1024;

/// Words longer than this (hashes, base64) are not indexed.
const MAX_WORD_CHARS: usize = 40;

/// Score of a word in the name; every other field together stays below it.
const NAME_SCORE: u32 = 100;
/// (weight per occurrence, occurrences counted at most) of the other fields.
const SUMMARY: (u32, u32) = (8, 3);
const EXAMPLES: (u32, u32) = (3, 5);
const BODY: (u32, u32) = (1, 30);

/// The words of a text as the index and the browser read them: lowercase runs of letters and
/// digits of two characters or more.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some() && w.chars().count() <= MAX_WORD_CHARS)
        .map(str::to_lowercase)
}

/// The score of every word of one agent.
fn scores(entry: &Entry) -> HashMap<String, u32> {
    let agent = &entry.agent;
    let mut counts: HashMap<String, [u32; 3]> = HashMap::new();
    let mut count = |text: &str, field: usize| {
        for word in words(text) {
            counts.entry(word).or_default()[field] += 1;
        }
    };
    count(&agent.description.summary, 0);
    for turn in agent.description.examples.iter().flat_map(|e| &e.turns) {
        count(&turn.text, 1);
    }
    count(&agent.body, 2);
    let mut scores: HashMap<String, u32> = counts
        .into_iter()
        .map(|(word, [summary, examples, body])| {
            let part = |n: u32, (weight, cap): (u32, u32)| n.min(cap) * weight;
            let score = part(summary, SUMMARY) + part(examples, EXAMPLES) + part(body, BODY);
            (word, score)
        })
        .collect();
    let name_words: BTreeSet<String> = words(&agent.name).chain(words(&entry.label)).collect();
    for word in name_words {
        *scores.entry(word).or_default() += NAME_SCORE;
    }
    scores
}

/// The chunk a word belongs to, given the two-character prefixes that are split.
fn chunk_of(word: &str, split: &BTreeSet<String>) -> String {
    let two: String = word.chars().take(2).collect();
    if split.contains(&two) && word.chars().count() > 2 {
        word.chars().take(3).collect()
    } else {
        two
    }
}

fn hex(prefix: &str) -> String {
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

/// One agent in `docs.json`: `[words, examples, facet values...]`, each facet's value a number
/// or, when it has several (tools), a list.
type DocRow = Vec<serde_json::Value>;

#[derive(Serialize)]
struct Docs<'a> {
    facets: Vec<FacetValues<'a>>,
    /// The chunk names (hex prefixes) that exist.
    chunks: Vec<String>,
    /// The two-character prefixes split into three-character chunks, as hex.
    split: Vec<String>,
    docs: Vec<DocRow>,
}

#[derive(Serialize)]
struct FacetValues<'a> {
    key: &'a str,
    values: Vec<String>,
}

/// The search index of the catalogue, as `(site path, contents)` files.
pub fn build(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
) -> Result<Vec<(String, String)>> {
    let entries = browse::sorted(catalog);
    let per_doc: Vec<_> = entries
        .par_iter()
        .map(|entry| {
            let card = browse::card_html(templates, site, catalog, entry)?;
            Ok((scores(entry), facets::entry_values(catalog, entry), card))
        })
        .collect::<Result<_>>()?;

    // Facet values numbered in sorted order.
    let mut numbering: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for (_, values, _) in &per_doc {
        for (key, list) in values {
            let numbers = numbering.entry(key).or_default();
            for value in list {
                numbers.insert(value.clone(), 0);
            }
        }
    }
    for numbers in numbering.values_mut() {
        for (n, number) in numbers.values_mut().enumerate() {
            *number = n;
        }
    }

    let mut files = Vec::with_capacity(per_doc.len() + 1000);
    let mut postings: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
    let mut docs = Vec::with_capacity(per_doc.len());
    for (id, ((scores, values, card), entry)) in per_doc.into_iter().zip(&entries).enumerate() {
        for (word, score) in scores {
            postings.entry(word).or_default().push((id, score));
        }
        let mut row: DocRow = vec![
            entry.agent.word_count().into(),
            entry.agent.description.examples.len().into(),
        ];
        for (key, list) in values {
            let numbers: Vec<usize> = list.iter().map(|v| numbering[key][v]).collect();
            row.push(match numbers.as_slice() {
                [one] => (*one).into(),
                _ => numbers.into(),
            });
        }
        docs.push(row);
        files.push((format!("{DIR}/cards/{id}.html"), card));
    }

    // Each word: [first id, score, id - previous id, score, ...], ids ascending.
    let encoded: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(word, mut list)| {
            list.sort_unstable();
            let mut numbers = Vec::with_capacity(list.len() * 2);
            let mut previous = 0;
            for (id, score) in list {
                numbers.push((id - previous).to_string());
                numbers.push(score.to_string());
                previous = id;
            }
            (word, format!("[{}]", numbers.join(",")))
        })
        .collect();
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    for (word, json) in &encoded {
        *sizes.entry(word.chars().take(2).collect()).or_default() += word.len() + json.len();
    }
    let split: BTreeSet<String> = sizes
        .into_iter()
        .filter(|(_, size)| *size > SPLIT_BYTES)
        .map(|(prefix, _)| prefix)
        .collect();
    let mut chunks: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (word, json) in encoded {
        chunks
            .entry(chunk_of(&word, &split))
            .or_default()
            .push((word, json));
    }
    for (prefix, words) in &chunks {
        let body: Vec<String> = words
            .iter()
            .map(|(word, json)| format!("{}:{json}", serde_json::Value::from(word.as_str())))
            .collect();
        files.push((
            format!("{DIR}/terms/{}.json", hex(prefix)),
            format!("{{{}}}", body.join(",")),
        ));
    }

    let docs = Docs {
        facets: facets::FACETS
            .iter()
            .map(|facet| FacetValues {
                key: facet.key,
                values: numbering
                    .remove(facet.key)
                    .unwrap_or_default()
                    .into_keys()
                    .collect(),
            })
            .collect(),
        chunks: chunks.keys().map(|p| hex(p)).collect(),
        split: split.iter().map(|p| hex(p)).collect(),
        docs,
    };
    files.push((format!("{DIR}/docs.json"), serde_json::to_string(&docs)?));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::Agent;

    fn catalog() -> Catalog {
        let agent =
            |path: &str, text: &str| Agent::read(path, text.as_bytes().to_vec()).expect("agent");
        Catalog::new(vec![
            agent(
                "dev/api.md",
                "---\nname: api-designer\ndescription: Designs REST APIs. Designs them well.\nmodel: opus\ntools: Read, Grep\n---\n## Steps\nWrite an OpenAPI spec for the API.\n",
            ),
            agent(
                "ops/deploy.md",
                "---\nname: deployer\ndescription: Ships releases\n---\nRun the pipeline; never touch the API by hand. Ünïcode wörds.\n",
            ),
        ])
    }

    #[test]
    fn words_are_lowercase_runs_of_letters_and_digits() {
        let found: Vec<String> = words("Read, a C++ API_v2 — Ünïcode x86").collect();
        assert_eq!(found, vec!["read", "api", "v2", "ünïcode", "x86"]);
    }

    #[test]
    fn a_name_word_outscores_any_number_of_other_occurrences() {
        let catalog = catalog();
        let api = scores(&catalog.entries[0]);
        let deployer = scores(&catalog.entries[1]);
        // "api": in the name and once in the body ("APIs" in the summary is another word).
        assert_eq!(api["api"], NAME_SCORE + BODY.0);
        assert_eq!(api["designs"], 2 * SUMMARY.0);
        assert_eq!(deployer["api"], BODY.0);
        let most_without_name = SUMMARY.0 * SUMMARY.1 + EXAMPLES.0 * EXAMPLES.1 + BODY.0 * BODY.1;
        assert!(most_without_name < NAME_SCORE);
    }

    #[test]
    fn the_index_has_docs_chunks_and_cards() -> Result<()> {
        let catalog = catalog();
        let templates = Templates::load(None)?;
        let site = SiteInfo::default();
        let files: BTreeMap<String, String> =
            build(&templates, &site, &catalog)?.into_iter().collect();
        let docs: serde_json::Value = serde_json::from_str(&files["search/docs.json"])?;
        // Agents in name order: api-designer (0), deployer (1).
        assert_eq!(docs["docs"][0][1], 0, "no examples");
        let model = &docs["facets"][0];
        assert_eq!(model["key"], "model");
        assert_eq!(model["values"], serde_json::json!(["Inherit", "Opus"]));
        assert_eq!(docs["docs"][0][2], 1, "api-designer: Opus");
        assert_eq!(docs["docs"][1][2], 0, "deployer: Inherit");
        // Tool values in order: Grep, Inherits all, Read.
        assert_eq!(
            docs["docs"][0][3],
            serde_json::json!([0, 2]),
            "tools: Grep, Read"
        );
        assert_eq!(docs["docs"][1][3], 1, "tools: Inherits all");
        // "api" is in the chunk "ap" (hex 6170): agent 0 scores 101, agent 1 (+1) scores 1.
        let ap: serde_json::Value = serde_json::from_str(&files["search/terms/6170.json"])?;
        assert_eq!(ap["api"], serde_json::json!([0, 101, 1, 1]));
        let un: serde_json::Value =
            serde_json::from_str(&files[&format!("search/terms/{}.json", hex("ün"))])?;
        assert!(un.get("ünïcode").is_some());
        assert!(files["search/cards/1.html"].contains("deployer"));
        assert!(
            docs["chunks"]
                .as_array()
                .is_some_and(|c| c.contains(&"6170".into()))
        );
        Ok(())
    }

    #[test]
    fn large_prefixes_are_split_by_their_third_character() {
        let split = BTreeSet::from(["co".to_string()]);
        assert_eq!(chunk_of("context", &split), "con");
        assert_eq!(chunk_of("co", &split), "co");
        assert_eq!(chunk_of("api", &split), "ap");
    }
}
