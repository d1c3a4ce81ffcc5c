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
//! search/vocab/<n>.json      the words of n characters, for correcting typos
//!                            (`vocabulary.rs`)
//! ```
//!
//! The results' cards are not written again for the search: agent n's card is card `n % 24` of
//! index page `n / 24 + 1` (`browse.rs`), which the browser fetches when a result needs it.
//!
//! A chunk is named by the hex of its prefix's UTF-8 bytes. A two-character chunk larger than
//! [`SPLIT_BYTES`] is split into three-character chunks; the two-character word itself stays in
//! the two-character chunk. `static/app.js` reads the same words (see [`words`]).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::catalog::facets;
use crate::catalog::{Catalog, Entry};
use crate::site::browse;
use crate::site::output::Sink;

mod vocabulary;

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

/// The score of every word of one agent, as the index holds them and [`Index::update`] needs
/// them.
pub fn word_scores(entry: &Entry) -> FxHashMap<String, u32> {
    let agent = &entry.agent;
    let mut counts: FxHashMap<String, [u32; 3]> = FxHashMap::default();
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
    let mut scores: FxHashMap<String, u32> = counts
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

/// One agent in `docs.json`: `[words, examples, quality, risk score, facet values...]`, each
/// facet's value a number
/// or, when it has several (tools), a list.
type DocRow = Vec<serde_json::Value>;

#[derive(Serialize)]
struct Docs<'a> {
    facets: Vec<FacetValues<'a>>,
    /// The chunk names (hex prefixes) that exist.
    chunks: Vec<String>,
    /// The two-character prefixes split into three-character chunks, as hex.
    split: Vec<String>,
    /// The word lengths that have a vocabulary file.
    vocabulary: BTreeSet<usize>,
    docs: Vec<DocRow>,
    /// Each agent's name, or `[name, slug]` where the slug differs: results are listed by name
    /// at once, before their cards arrive.
    names: Vec<serde_json::Value>,
    /// An agent page's site path, with `{slug}` for the slug.
    agent_url: String,
    /// Where the cards are: the index pages.
    card_pages: CardPages,
}

/// The index pages, as the browser finds a result's card on them.
#[derive(Serialize)]
struct CardPages {
    /// Cards on a page: agent n is on page `n / size + 1`.
    size: usize,
    first: String,
    /// The site path of a later page, with `{n}` for its number.
    later: String,
}

#[derive(Serialize)]
struct FacetValues<'a> {
    key: &'a str,
    values: Vec<String>,
}

/// Agents scored at once when the index is made: enough to keep both threads busy, few enough
/// that their word tables never add up to much memory.
const SCORE_BATCH: usize = 256;

/// One word's agents, `(id, score)` with ids ascending.
type Postings = Vec<(u32, u32)>;

/// Postings as the chunk files hold them, `[first id, score, id - previous id, score, ...]`:
/// the index keeps only this form, a third of the memory of the list.
fn encode(postings: &Postings) -> String {
    let mut numbers = Vec::with_capacity(postings.len() * 2);
    let mut previous = 0;
    for &(id, score) in postings {
        numbers.push((id - previous).to_string());
        numbers.push(score.to_string());
        previous = id;
    }
    format!("[{}]", numbers.join(","))
}

/// The number of agents in postings of [`encode`]'s form: half the numbers.
fn agent_count(json: &str) -> usize {
    json.bytes().filter(|&b| b == b',').count().div_ceil(2)
}

/// The postings back from [`encode`]'s form.
fn decode(json: &str) -> Postings {
    let numbers: Vec<u32> = json
        .trim_matches(['[', ']'])
        .split(',')
        .filter_map(|n| n.parse().ok())
        .collect();
    let mut id = 0;
    numbers
        .chunks_exact(2)
        .map(|pair| {
            id += pair[0];
            (id, pair[1])
        })
        .collect()
}

/// The search index in memory. A build writes it whole ([`Index::write_files`]); `serve`
/// keeps it and changes one agent's words ([`Index::update`]).
pub struct Index {
    /// Catalogue positions in id order: agents are numbered in name order.
    order: Vec<usize>,
    /// Each word's postings, encoded.
    words: BTreeMap<String, String>,
    /// The two-character prefixes split into three-character chunks.
    split: BTreeSet<String>,
}

/// What [`Index::update`] changed.
pub enum Updated {
    /// These files and `docs.json` need writing again.
    Files(Changed),
    /// The agents' order or the set of files changed: the index must be made again.
    Everything,
}

/// The files of the index that hold a changed word.
#[derive(Debug, PartialEq)]
pub struct Changed {
    /// The chunks, by prefix.
    pub chunks: BTreeSet<String>,
    /// The vocabulary files, by word length.
    pub lengths: BTreeSet<usize>,
}

impl Index {
    /// Scores every agent of the catalogue.
    pub fn new(catalog: &Catalog) -> Index {
        let order = browse::sorted_positions(catalog);
        // Hashed while agents are added, sorted once at the end: a tree would compare words on
        // every one of the millions of insertions.
        let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
        for (batch, positions) in order.chunks(SCORE_BATCH).enumerate() {
            let scored: Vec<FxHashMap<String, u32>> = positions
                .par_iter()
                .map(|&p| word_scores(&catalog.entries[p]))
                .collect();
            for (offset, scores) in scored.into_iter().enumerate() {
                let id = id_number(batch * SCORE_BATCH + offset);
                for (word, score) in scores {
                    postings.entry(word).or_default().push((id, score));
                }
            }
        }
        let mut postings: Vec<(String, Postings)> = postings.into_iter().collect();
        postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each list is freed as soon as it is encoded.
        let words = postings
            .into_iter()
            .map(|(word, list)| (word, encode(&list)))
            .collect();
        let mut index = Index {
            order,
            words,
            split: BTreeSet::new(),
        };
        index.split = index.split_prefixes();
        index
    }

    /// Puts the words of the agent at catalogue `position` in place of `old`, the word scores
    /// it had before it changed ([`word_scores`]). The catalogue is the new one.
    pub fn update(
        &mut self,
        catalog: &Catalog,
        position: usize,
        old: &FxHashMap<String, u32>,
    ) -> Updated {
        if browse::sorted_positions(catalog) != self.order {
            return Updated::Everything;
        }
        let Some(id) = self.order.iter().position(|&p| p == position) else {
            return Updated::Everything;
        };
        let id = id_number(id);
        let chunks_before = self.chunk_names();
        let lengths_before = vocabulary::lengths(self.words.keys());
        let new_scores = word_scores(&catalog.entries[position]);
        let gone = old.keys().filter(|word| !new_scores.contains_key(*word));
        let changed = new_scores
            .iter()
            .filter(|(word, score)| old.get(*word) != Some(score))
            .map(|(word, _)| word);
        let touched: BTreeSet<String> = gone.chain(changed).cloned().collect();
        for word in &touched {
            let mut postings = self
                .words
                .get(word)
                .map(|json| decode(json))
                .unwrap_or_default();
            let at = postings.partition_point(|&(other, _)| other < id);
            if postings.get(at).is_some_and(|&(other, _)| other == id) {
                postings.remove(at);
            }
            if let Some(&score) = new_scores.get(word) {
                postings.insert(at, (id, score));
            }
            if postings.is_empty() {
                self.words.remove(word);
            } else {
                self.words.insert(word.clone(), encode(&postings));
            }
        }
        let split = self.split_prefixes();
        if split != self.split {
            self.split = split;
            return Updated::Everything;
        }
        // A file that is no longer needed would stay behind: only a new index says so.
        if !chunks_before.is_subset(&self.chunk_names())
            || !lengths_before.is_subset(&vocabulary::lengths(self.words.keys()))
        {
            return Updated::Everything;
        }
        Updated::Files(Changed {
            chunks: touched
                .iter()
                .map(|word| chunk_of(word, &self.split))
                .collect(),
            lengths: touched
                .iter()
                .filter(|word| vocabulary::holds(word))
                .map(|word| vocabulary::length(word))
                .collect(),
        })
    }

    /// Writes `docs.json`, the chunk files and the vocabulary files (every one, or those of
    /// `only`), each as soon as it is made; returns how many.
    pub fn write_files(
        &self,
        catalog: &Catalog,
        only: Option<&Changed>,
        sink: &dyn Sink,
    ) -> Result<usize> {
        sink.write(
            &format!("{DIR}/docs.json"),
            self.docs_json(catalog)?.as_bytes(),
        )?;
        let mut written = 1;
        let mut words = self.words.iter().peekable();
        while let Some((word, json)) = words.next() {
            // Words of one chunk are neighbours in the map: a chunk is one run of them.
            let chunk = chunk_of(word, &self.split);
            let mut run = vec![(word, json)];
            while let Some(next) = words.next_if(|(w, _)| chunk_of(w, &self.split) == chunk) {
                run.push(next);
            }
            // `serve` writes a few chunks: the others are passed over, not formatted.
            if only.is_some_and(|only| !only.chunks.contains(&chunk)) {
                continue;
            }
            let body: Vec<String> = run
                .iter()
                .map(|(word, json)| format!("{}:{json}", serde_json::Value::from(word.as_str())))
                .collect();
            let path = format!("{DIR}/terms/{}.json", hex(&chunk));
            sink.write(&path, format!("{{{}}}", body.join(",")).as_bytes())?;
            written += 1;
        }
        let counts = self
            .words
            .iter()
            .map(|(word, json)| (word.as_str(), agent_count(json)));
        for (path, text) in vocabulary::files(counts, only.map(|only| &only.lengths)) {
            sink.write(&path, text.as_bytes())?;
            written += 1;
        }
        Ok(written)
    }

    fn docs_json(&self, catalog: &Catalog) -> Result<String> {
        let values: Vec<_> = self
            .order
            .iter()
            .map(|&p| facets::entry_values(catalog, &catalog.entries[p]))
            .collect();
        // Facet values numbered in sorted order.
        let mut numbering: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        for (key, list) in values.iter().flatten() {
            let numbers = numbering.entry(key).or_default();
            for value in list {
                numbers.insert(value, 0);
            }
        }
        for numbers in numbering.values_mut() {
            for (n, number) in numbers.values_mut().enumerate() {
                *number = n;
            }
        }
        let mut docs = Vec::with_capacity(self.order.len());
        let mut names = Vec::with_capacity(self.order.len());
        for (&position, values) in self.order.iter().zip(&values) {
            let entry = &catalog.entries[position];
            let mut row: DocRow = vec![
                entry.agent.word_count().into(),
                entry.agent.description.examples.len().into(),
                crate::read::trust::quality::of(&entry.agent).score.into(),
                crate::read::trust::Risk::of(&entry.agent.findings)
                    .score
                    .into(),
            ];
            for (key, list) in values {
                let numbers: Vec<usize> = list.iter().map(|v| numbering[key][v.as_str()]).collect();
                row.push(match numbers.as_slice() {
                    [one] => (*one).into(),
                    _ => numbers.into(),
                });
            }
            docs.push(row);
            names.push(if entry.slug == entry.agent.name {
                entry.slug.as_str().into()
            } else {
                serde_json::json!([entry.agent.name, entry.slug])
            });
        }
        let docs = Docs {
            facets: facets::active(catalog)
                .iter()
                .map(|facet| FacetValues {
                    key: facet.key,
                    values: numbering
                        .remove(facet.key)
                        .unwrap_or_default()
                        .into_keys()
                        .map(str::to_string)
                        .collect(),
                })
                .collect(),
            chunks: self.chunk_names().iter().map(|p| hex(p)).collect(),
            split: self.split.iter().map(|p| hex(p)).collect(),
            vocabulary: vocabulary::lengths(self.words.keys()),
            docs,
            names,
            agent_url: crate::site::layout::agent_path("{slug}"),
            card_pages: CardPages {
                size: browse::PAGE_SIZE,
                first: browse::page_path(1),
                later: browse::later_page_path("{n}"),
            },
        };
        Ok(serde_json::to_string(&docs)?)
    }

    /// The two-character prefixes whose words take more than [`SPLIT_BYTES`].
    fn split_prefixes(&self) -> BTreeSet<String> {
        let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
        for (word, json) in &self.words {
            let two: String = word.chars().take(2).collect();
            *sizes.entry(two).or_default() += word.len() + json.len();
        }
        sizes
            .into_iter()
            .filter(|(_, size)| *size > SPLIT_BYTES)
            .map(|(prefix, _)| prefix)
            .collect()
    }

    fn chunk_names(&self) -> BTreeSet<String> {
        self.words
            .keys()
            .map(|word| chunk_of(word, &self.split))
            .collect()
    }
}

/// Ids are small: a catalogue of over four billion agents is not read.
fn id_number(id: usize) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::agent::Agent;
    use crate::site::output::MemorySite;

    /// The files `write_files` writes, as text.
    fn files_of(
        index: &Index,
        catalog: &Catalog,
        only: Option<&Changed>,
    ) -> Result<BTreeMap<String, String>> {
        let site = MemorySite::default();
        let written = index.write_files(catalog, only, &site)?;
        let files: BTreeMap<String, String> = site
            .snapshot()
            .into_iter()
            .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
            .collect();
        assert_eq!(written, files.len(), "the count is of the files written");
        Ok(files)
    }

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
        let api = word_scores(&catalog.entries[0]);
        let deployer = word_scores(&catalog.entries[1]);
        // "api": in the name and once in the body ("APIs" in the summary is another word).
        assert_eq!(api["api"], NAME_SCORE + BODY.0);
        assert_eq!(api["designs"], 2 * SUMMARY.0);
        assert_eq!(deployer["api"], BODY.0);
        let most_without_name = SUMMARY.0 * SUMMARY.1 + EXAMPLES.0 * EXAMPLES.1 + BODY.0 * BODY.1;
        assert!(most_without_name < NAME_SCORE);
    }

    #[test]
    fn the_index_has_docs_and_chunks() -> Result<()> {
        let catalog = catalog();
        let index = Index::new(&catalog);
        let files = files_of(&index, &catalog, None)?;
        let docs: serde_json::Value = serde_json::from_str(&files["search/docs.json"])?;
        // Agents in name order: api-designer (0), deployer (1).
        assert_eq!(docs["docs"][0][1], 0, "no examples");
        // Then the quality score and the risk score: neither agent has a finding.
        assert_eq!(docs["docs"][0][3], 0, "api-designer: no risk");
        let model = &docs["facets"][0];
        assert_eq!(model["key"], "model");
        assert_eq!(model["values"], serde_json::json!(["Inherit", "Opus"]));
        assert_eq!(docs["docs"][0][4], 1, "api-designer: Opus");
        assert_eq!(docs["docs"][1][4], 0, "deployer: Inherit");
        // Tool values in order: Grep, Inherits all, Read.
        assert_eq!(
            docs["docs"][0][5],
            serde_json::json!([0, 2]),
            "tools: Grep, Read"
        );
        assert_eq!(docs["docs"][1][5], 1, "tools: Inherits all");
        // "api" is in the chunk "ap" (hex 6170): agent 0 scores 101, agent 1 (+1) scores 1.
        let ap: serde_json::Value = serde_json::from_str(&files["search/terms/6170.json"])?;
        assert_eq!(ap["api"], serde_json::json!([0, 101, 1, 1]));
        let un: serde_json::Value =
            serde_json::from_str(&files[&format!("search/terms/{}.json", hex("ün"))])?;
        assert!(un.get("ünïcode").is_some());
        assert_eq!(
            docs["names"],
            serde_json::json!([["api-designer", "api"], ["deployer", "deploy"]])
        );
        assert_eq!(docs["agent_url"], "agents/{slug}.html");
        assert_eq!(
            docs["card_pages"],
            serde_json::json!({"size": 24, "first": "index.html", "later": "page/{n}/index.html"})
        );
        assert!(
            docs["chunks"]
                .as_array()
                .is_some_and(|c| c.contains(&"6170".into()))
        );
        // The vocabulary by length: "api" and "the" are in both agents; two-letter words
        // ("an", "by") are in no file.
        assert_eq!(
            files["search/vocab/3.json"],
            r#"[[2,"api","the"],[1,"for","run"]]"#
        );
        assert_eq!(
            files["search/vocab/8.json"],
            r#"[[1,"deployer","designer","pipeline","releases"]]"#
        );
        assert_eq!(docs["vocabulary"], serde_json::json!([3, 4, 5, 7, 8]));
        assert!(!files.contains_key("search/vocab/2.json"));
        Ok(())
    }

    #[test]
    fn an_updated_agent_gives_the_files_of_a_new_index() -> Result<()> {
        let before = catalog();
        let mut index = Index::new(&before);
        let files_before = files_of(&index, &before, None)?;
        let old = word_scores(&before.entries[1]);
        let mut agents: Vec<Agent> = before.entries.into_iter().map(|e| e.agent).collect();
        agents[1] = Agent::read(
            "ops/deploy.md",
            b"---\nname: deployer\ndescription: Ships releases to Kubernetes\n---\nRun the pipeline; never touch the API by hand. \xc3\x9cn\xc3\xafcode w\xc3\xb6rds. Roll back.\n".to_vec(),
        )
        .expect("agent");
        let after = Catalog::new(agents);
        let Updated::Files(changed) = index.update(&after, 1, &old) else {
            panic!("the same agents in the same order need no new index");
        };
        // Only the new words' chunks and vocabulary files are written again ("to" is too short
        // to be a correction).
        assert_eq!(
            changed,
            Changed {
                chunks: BTreeSet::from(["ba", "ku", "ro", "to"].map(String::from)),
                lengths: BTreeSet::from([4, 10]),
            }
        );
        let updated = files_of(&index, &after, Some(&changed))?;
        assert!(updated.contains_key("search/vocab/10.json"));
        let fresh = files_of(&Index::new(&after), &after, None)?;
        for (path, text) in &updated {
            assert_eq!(Some(text), fresh.get(path), "{path}");
        }
        // Every other file of the fresh index is the same as before the change.
        for (path, text) in fresh.iter().filter(|(p, _)| !updated.contains_key(*p)) {
            assert_eq!(Some(text), files_before.get(path), "{path}");
        }
        Ok(())
    }

    #[test]
    fn postings_are_encoded_as_gaps_and_decoded_back() {
        let postings = vec![(0, 101), (1, 1), (7, 30)];
        assert_eq!(encode(&postings), "[0,101,1,1,6,30]");
        assert_eq!(decode(&encode(&postings)), postings);
        assert_eq!(agent_count(&encode(&postings)), 3);
        assert_eq!(agent_count(&encode(&vec![(4, 1)])), 1);
    }

    #[test]
    fn large_prefixes_are_split_by_their_third_character() {
        let split = BTreeSet::from(["co".to_string()]);
        assert_eq!(chunk_of("context", &split), "con");
        assert_eq!(chunk_of("co", &split), "co");
        assert_eq!(chunk_of("api", &split), "ap");
    }
}
