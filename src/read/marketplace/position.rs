//! Where the values of a JSON text are: the line and column of each value, by its JSON Pointer
//! (`/plugins/3/source`), for messages about manifests that parsed. serde_json gives a position
//! only with an error; a valid entry that points at a missing file needs one too.

use std::collections::HashMap;

/// The start of every value of one JSON text.
#[derive(Debug, Default)]
pub struct Positions {
    /// JSON Pointer → byte offset of the value's first character (the first of a repeated key).
    starts: HashMap<String, usize>,
    /// Byte offset of each line's start.
    line_starts: Vec<usize>,
    /// The text, for columns in characters.
    text: String,
}

/// serde_json refuses texts nested deeper than this, so a text that parsed is never deeper.
const MAX_DEPTH: usize = 128;

impl Positions {
    /// Finds the values of `text`, which serde_json has parsed (on a text that is not valid
    /// JSON it stops at the first surprise, keeping what it found).
    pub fn of(text: &str) -> Positions {
        let mut walker = Walker {
            bytes: text.as_bytes(),
            text,
            at: 0,
            starts: HashMap::new(),
        };
        let mut pointer = String::new();
        walker.value(&mut pointer, 0);
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Positions {
            starts: walker.starts,
            line_starts,
            text: text.to_string(),
        }
    }

    /// The 1-based line and column (in characters) where the value at `pointer` starts; the
    /// nearest enclosing value that exists when it does not (a missing key is reported where
    /// its object is); the start of the text at worst.
    pub fn line_col(&self, pointer: &str) -> (usize, usize) {
        let mut pointer = pointer;
        loop {
            if let Some(&offset) = self.starts.get(pointer) {
                return self.offset_line_col(offset);
            }
            match pointer.rfind('/') {
                Some(slash) => pointer = &pointer[..slash],
                None => return (1, 1),
            }
        }
    }

    fn offset_line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// `parent` with one more reference token, escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`).
pub fn child(parent: &str, token: &str) -> String {
    format!("{parent}/{}", token.replace('~', "~0").replace('/', "~1"))
}

struct Walker<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    starts: HashMap<String, usize>,
}

impl Walker<'_> {
    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Reads the value at the cursor; false when the text is not as JSON has it.
    fn value(&mut self, pointer: &mut String, depth: usize) -> bool {
        self.skip_space();
        if depth > MAX_DEPTH {
            return false;
        }
        self.starts.entry(pointer.clone()).or_insert(self.at);
        match self.peek() {
            Some(b'{') => self.object(pointer, depth),
            Some(b'[') => self.array(pointer, depth),
            Some(b'"') => self.string().is_some(),
            Some(_) => {
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|b| !b",]}".contains(&b) && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                self.at > start
            }
            None => false,
        }
    }

    fn object(&mut self, pointer: &mut String, depth: usize) -> bool {
        self.at += 1;
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'}') => {
                    self.at += 1;
                    return true;
                }
                Some(b',') => self.at += 1,
                Some(b'"') => {
                    let Some(key) = self.string() else {
                        return false;
                    };
                    self.skip_space();
                    if self.peek() != Some(b':') {
                        return false;
                    }
                    self.at += 1;
                    let parent = pointer.len();
                    *pointer = child(pointer, &key);
                    let ok = self.value(pointer, depth + 1);
                    pointer.truncate(parent);
                    if !ok {
                        return false;
                    }
                }
                _ => return false,
            }
        }
    }

    fn array(&mut self, pointer: &mut String, depth: usize) -> bool {
        self.at += 1;
        let mut index = 0usize;
        loop {
            self.skip_space();
            match self.peek() {
                Some(b']') => {
                    self.at += 1;
                    return true;
                }
                Some(b',') => self.at += 1,
                Some(_) => {
                    let parent = pointer.len();
                    *pointer = child(pointer, &index.to_string());
                    let ok = self.value(pointer, depth + 1);
                    pointer.truncate(parent);
                    if !ok {
                        return false;
                    }
                    index += 1;
                }
                None => return false,
            }
        }
    }

    /// Reads a string at the cursor and returns its value.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'"' => return serde_json::from_str(self.text.get(start..self.at)?).ok(),
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_by_pointer_in_lines_and_characters() {
        let text = "{\n  \"name\": \"é-market\",\n  \"plugins\": [\n    {\"name\": \"a\", \"source\": \"./p/a\"},\n    {\"name\": \"b\",\n     \"agents\": [\"./x.md\", \"./y.md\"]}\n  ],\n  \"a/b~c\": 1\n}\n";
        let positions = Positions::of(text);
        assert_eq!(positions.line_col(""), (1, 1));
        assert_eq!(positions.line_col("/name"), (2, 11));
        assert_eq!(positions.line_col("/plugins"), (3, 14));
        assert_eq!(positions.line_col("/plugins/0"), (4, 5));
        assert_eq!(positions.line_col("/plugins/0/source"), (4, 29));
        assert_eq!(positions.line_col("/plugins/1/agents/1"), (6, 27));
        assert_eq!(positions.line_col(&child("", "a/b~c")), (8, 12));
        // A key that is not there is reported where its object starts.
        assert_eq!(positions.line_col("/plugins/1/source"), (5, 5));
        assert_eq!(positions.line_col("/nothing/here"), (1, 1));
    }

    #[test]
    fn columns_count_characters_and_escapes_do_not_end_strings() {
        let text = "{\"k\\\"é\": [\"\\u00e9\\\\\", {\"deep\": true}]}";
        let positions = Positions::of(text);
        let key = child("", "k\"é");
        assert_eq!(positions.line_col(&key), (1, 10));
        assert_eq!(positions.line_col(&format!("{key}/1/deep")), (1, 32));
    }

    #[test]
    fn a_broken_text_stops_the_walk_without_looping() {
        let positions = Positions::of("{\"a\": [1, 2");
        assert_eq!(positions.line_col("/a/1"), (1, 11));
        for text in ["{\"a\" 1}", "[\"unterminated", "}", "", "[[[["] {
            assert_eq!(Positions::of(text).line_col("/a/0"), (1, 1), "{text}");
        }
    }
}
