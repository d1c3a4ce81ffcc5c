//! The typo vocabulary: the index's words a misspelt query word can be corrected to, one file
//! per word length, fetched only for a query word that matches nothing.
//!
//! ```text
//! search/vocab/<n>.json   the words of n characters: [[agents, word, word, ...], ...], groups
//!                         of words found in the same number of agents, most agents first,
//!                         the words of a group in alphabetical order
//! ```
//!
//! Words within k edits of a query word are at most k characters longer or shorter, so a query
//! word of n characters needs the files n - k to n + k and no other: the browser fetches two
//! edits' worth (five files) for a long word, one edit's (three) for a short one. The number of
//! agents is what picks between equally near words ("reactt" is as near "react" as "reacts").
//! Words with a digit (versions, hashes, `x86`) are left out: a near number is another thing,
//! not a typo.

use std::collections::{BTreeMap, BTreeSet};

use super::DIR;

/// The shortest word a query word is corrected to: a query word needs four characters to be
/// corrected, and one edit may have added a character to a three-character word.
const MIN_CHARS: usize = 3;

/// Whether `word` is in the typo vocabulary.
pub fn holds(word: &str) -> bool {
    word.chars().all(char::is_alphabetic) && length(word) >= MIN_CHARS
}

/// A word's length as the browser counts it: characters (code points), not bytes.
pub fn length(word: &str) -> usize {
    word.chars().count()
}

/// The site path of the file of the words of `length` characters.
pub fn path(length: usize) -> String {
    format!("{DIR}/vocab/{length}.json")
}

/// The lengths that have a file, given every word of the index.
pub fn lengths<'a>(words: impl Iterator<Item = &'a String>) -> BTreeSet<usize> {
    words.filter(|w| holds(w)).map(|w| length(w)).collect()
}

/// The files of the vocabulary (each length's, or those of `only`), from every word of the
/// index with the number of agents it is in, in word order: `(path, text)`.
pub fn files<'a>(
    words: impl Iterator<Item = (&'a str, usize)>,
    only: Option<&BTreeSet<usize>>,
) -> Vec<(String, String)> {
    // Length → number of agents → words; the words arrive in order, so each list is sorted.
    let mut by_length: BTreeMap<usize, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    for (word, agents) in words.filter(|(w, _)| holds(w)) {
        let length = length(word);
        if only.is_none_or(|only| only.contains(&length)) {
            by_length
                .entry(length)
                .or_default()
                .entry(agents)
                .or_default()
                .push(word);
        }
    }
    by_length
        .into_iter()
        .map(|(length, groups)| (path(length), file_text(groups)))
        .collect()
}

/// `[[agents, word, ...], ...]`, the groups found in most agents first.
fn file_text(groups: BTreeMap<usize, Vec<&str>>) -> String {
    let groups: Vec<serde_json::Value> = groups
        .into_iter()
        .rev()
        .map(|(agents, words)| {
            std::iter::once(serde_json::Value::from(agents))
                .chain(words.into_iter().map(serde_json::Value::from))
                .collect()
        })
        .collect();
    serde_json::Value::from(groups).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_holds_words_of_three_letters_or_more_without_digits() {
        assert!(holds("api"));
        assert!(holds("ünïcode"));
        assert!(!holds("go"), "too short to be a correction");
        assert!(!holds("x86"));
        assert!(!holds("es2021"));
        // Length is in characters: "ünï" is three, in five bytes.
        assert_eq!(length("ünï"), 3);
        assert!(holds("ünï"));
    }

    #[test]
    fn a_file_groups_its_words_by_agents_most_first() {
        let words = [
            ("react", 40),
            ("reacts", 2),
            ("redux", 40),
            ("rest", 7),
            ("v2", 9),
            ("vue3", 5),
        ];
        let files = files(words.into_iter(), None);
        assert_eq!(
            files,
            vec![
                (path(4), r#"[[7,"rest"]]"#.to_string()),
                (path(5), r#"[[40,"react","redux"]]"#.to_string()),
                (path(6), r#"[[2,"reacts"]]"#.to_string()),
            ]
        );
        let only = BTreeSet::from([5]);
        assert_eq!(files_of_only(&words, &only), vec![path(5)]);
        assert_eq!(
            lengths(
                words
                    .iter()
                    .map(|(w, _)| w.to_string())
                    .collect::<Vec<_>>()
                    .iter()
            ),
            BTreeSet::from([4, 5, 6])
        );
    }

    fn files_of_only(words: &[(&str, usize)], only: &BTreeSet<usize>) -> Vec<String> {
        files(words.iter().copied(), Some(only))
            .into_iter()
            .map(|(path, _)| path)
            .collect()
    }
}
