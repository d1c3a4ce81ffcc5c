//! The search index's typo vocabulary (`search/vocab/<n>.json`) on the reference agents and on a
//! generated catalogue: the files hold exactly the index's words of letters only, three
//! characters or more, each in the file of its length with the number of agents it is in,
//! and `docs.json` names exactly the files there are. The expected files are made here from the
//! chunk files (`search/terms/`), and the words from the agents' own text.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::Built;
use serde_json::Value;

/// Every word of the chunk files with the number of agents its postings list.
fn index_words(built: &Built) -> BTreeMap<String, usize> {
    let mut words = BTreeMap::new();
    for entry in std::fs::read_dir(built.out.join("search/terms")).expect("terms") {
        let path = entry.expect("entry").path();
        let chunk: BTreeMap<String, Vec<u64>> =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("chunk")).expect("json");
        for (word, postings) in chunk {
            assert_eq!(postings.len() % 2, 0, "{word}: (id, score) pairs");
            assert!(
                words.insert(word, postings.len() / 2).is_none(),
                "one chunk per word"
            );
        }
    }
    words
}

/// The vocabulary files as the index's words give them: length → `[[agents, words...], ...]`.
fn expected_vocabulary(words: &BTreeMap<String, usize>) -> BTreeMap<usize, Value> {
    let mut by_length: BTreeMap<usize, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    for (word, &agents) in words {
        let length = word.chars().count();
        if length >= 3 && word.chars().all(char::is_alphabetic) {
            let group = by_length.entry(length).or_default().entry(agents);
            group.or_default().push(word);
        }
    }
    by_length
        .into_iter()
        .map(|(length, groups)| {
            let groups: Vec<Value> = groups
                .into_iter()
                .rev()
                .map(|(agents, words)| {
                    let mut group = vec![Value::from(agents)];
                    group.extend(words.into_iter().map(Value::from));
                    Value::Array(group)
                })
                .collect();
            (length, Value::Array(groups))
        })
        .collect()
}

/// The vocabulary files the site has, by the length in their names.
fn vocabulary_files(built: &Built) -> BTreeMap<usize, Value> {
    std::fs::read_dir(built.out.join("search/vocab"))
        .expect("vocab")
        .map(|entry| {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("name");
            let length = name
                .strip_suffix(".json")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{name} is named by a length"));
            let text = built.read(&format!("search/vocab/{name}"));
            (length, serde_json::from_str(&text).expect("json"))
        })
        .collect()
}

fn check_vocabulary(built: &Built) -> BTreeMap<usize, Value> {
    let words = index_words(built);
    let files = vocabulary_files(built);
    assert_eq!(files, expected_vocabulary(&words));
    let docs: Value = serde_json::from_str(&built.read("search/docs.json")).expect("docs.json");
    let listed: Vec<usize> = docs["vocabulary"]
        .as_array()
        .expect("lengths")
        .iter()
        .filter_map(Value::as_u64)
        .map(|n| usize::try_from(n).expect("small"))
        .collect();
    assert_eq!(listed, files.keys().copied().collect::<Vec<_>>());
    // Each word is in the file of its length, in characters, and in no other.
    for (length, groups) in &files {
        for group in groups.as_array().expect("groups") {
            for word in group.as_array().expect("group").iter().skip(1) {
                assert_eq!(word.as_str().map(|w| w.chars().count()), Some(*length));
            }
        }
    }
    files
}

/// Where `word` is in the vocabulary: its number of agents, if it is there.
fn agents_of(files: &BTreeMap<usize, Value>, word: &str) -> Option<u64> {
    let groups = files.get(&word.chars().count())?.as_array()?;
    groups.iter().find_map(|group| {
        let group = group.as_array()?;
        group[1..]
            .iter()
            .any(|w| w == word)
            .then(|| group[0].as_u64())?
    })
}

/// The lowercase words of letters only, three characters or more, in the instructions of each
/// agent file of `dir` (the body after the frontmatter): word → files it is in.
fn body_words(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut words: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("agents") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("agent");
        let body = text.splitn(3, "---").nth(2).expect("frontmatter and body");
        for word in body.split(|c: char| !c.is_alphanumeric()) {
            let word = word.to_lowercase();
            if word.chars().count() >= 3
                && word.chars().count() <= 40
                && word.chars().all(char::is_alphabetic)
            {
                let name = path.file_name().expect("name").to_string_lossy();
                words.entry(word).or_default().insert(name.into_owned());
            }
        }
    }
    words
}

#[test]
fn the_reference_agents_vocabulary_holds_every_word_of_their_instructions() {
    let agents = common::repo_root().join("agents");
    let built = common::build(&agents);
    let files = check_vocabulary(&built);
    let words = body_words(&agents);
    assert!(words.len() > 300, "{} words", words.len());
    for (word, in_files) in &words {
        let agents = agents_of(&files, word).unwrap_or_else(|| panic!("{word} is missing"));
        // Each file is one agent here (none is a duplicate): the word is in at least the files
        // whose instructions have it, and in no more than the five.
        assert!(
            agents >= in_files.len() as u64 && agents <= 5,
            "{word}: {agents}"
        );
    }
    // Words with a digit and words of two letters are in the index, not in the vocabulary.
    let index = index_words(&built);
    let with_digit = index.keys().find(|w| w.chars().any(char::is_numeric));
    let two_letters = index.keys().find(|w| w.chars().count() == 2);
    for word in [with_digit, two_letters] {
        let word = word.expect("the agents have such a word");
        assert_eq!(agents_of(&files, word), None, "{word}");
    }
    assert!(agents_of(&files, "reliability").is_some());
}

#[test]
fn a_generated_catalogue_has_one_vocabulary_file_per_word_length() {
    let agents = tempfile::tempdir().expect("temp dir");
    common::generate_corpus(agents.path(), 500);
    let built = common::build(agents.path());
    let files = check_vocabulary(&built);
    assert!(files.len() >= 20, "{} lengths", files.len());
    // No file is a large part of the whole: the longest words are few, the middle lengths many.
    let sizes: Vec<usize> = files
        .keys()
        .map(|n| built.read(&format!("search/vocab/{n}.json")).len())
        .collect();
    let total: usize = sizes.iter().sum();
    assert!(sizes.iter().all(|&size| size * 5 < total), "{sizes:?}");
}
