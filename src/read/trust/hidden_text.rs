//! `hidden-text`: what a person reading the file does not see but the model reads. Unicode tag
//! characters (an invisible copy of ASCII, decoded here), bidirectional controls (text shown in
//! another order than it is read), zero-width characters inside words or in long runs, and
//! HTML comments with instructions, which a rendered Markdown view hides.

use super::{Found, Pattern, Rule, Scope, Severity, Text};

pub(super) const TAGS: Rule = Rule {
    id: "hidden-text/tag-characters",
    severity: Severity::Critical,
    why: "Unicode tag characters are invisible in editors and on web pages, but the model reads them as text: they can carry instructions nobody reviewing the file sees",
    fix: "delete the tag characters (U+E0000–U+E007F); write any instruction as visible text",
};

pub(super) const BIDI: Rule = Rule {
    id: "hidden-text/bidi-control",
    severity: Severity::High,
    why: "a bidirectional control makes text display in a different order than it is read, so what a reviewer sees is not what the model gets",
    fix: "delete the control characters (U+202A–U+202E, U+2066–U+2069)",
};

pub(super) const ZERO_WIDTH: Rule = Rule {
    id: "hidden-text/zero-width-in-word",
    severity: Severity::Medium,
    why: "a zero-width character inside a word hides it from searches and reviews (`ig\u{200B}nore` does not look like `ignore` to a filter) while reading the same",
    fix: "delete the zero-width characters",
};

pub(super) const RUN: Rule = Rule {
    id: "hidden-text/invisible-run",
    severity: Severity::High,
    why: "a long run of invisible characters can encode a hidden message (each character a bit) that a reader never sees",
    fix: "delete the invisible characters",
};

pub(super) const RULES: &[&Rule] = &[&TAGS, &BIDI, &ZERO_WIDTH, &RUN];

/// Invisible characters in a row from which a run is reported wherever it is.
const RUN_LENGTH: usize = 8;

pub(super) const PATTERNS: &[Pattern] = &[Pattern {
    rule: Rule {
        id: "hidden-text/html-comment-instructions",
        severity: Severity::High,
        why: "an HTML comment does not show when the Markdown is rendered (on GitHub, in most catalogues), but the model reads it: instructions in it are hidden from reviewers",
        fix: "move the instruction into visible text, or delete the comment",
    },
    // A comment whose text addresses the model or gives orders; `(?s)` lets it span lines.
    regex: r"(?is)<!--(?:[^-]|-[^-])*?\b(?:ignore|disregard|you (?:must|should|are|will)|assistant|AI model|the model|previous instructions|system prompt|do not (?:tell|mention|reveal|show)|secretly|silently|curl|wget|exfiltrate|send (?:the|all|it|them|this)|upload)\b(?:[^-]|-[^-])*?-->",
    scope: Scope::Prose,
    contextual: false,
    accept: super::keep,
}];

/// What kind of hidden character `c` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    Tag,
    Bidi,
    ZeroWidth,
}

fn hidden(c: char) -> Option<Hidden> {
    match c {
        '\u{E0000}'..='\u{E007F}' => Some(Hidden::Tag),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Hidden::Bidi),
        '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{180E}'
        | '\u{E0100}'..='\u{E01EF}' => Some(Hidden::ZeroWidth),
        _ => None,
    }
}

/// One pass over the characters: each run of hidden characters of one kind is one finding.
pub(super) fn scan(text: &Text, found: &mut Found) {
    let s = text.text;
    if s.is_ascii() {
        return;
    }
    let mut chars = s.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        let Some(kind) = hidden(c) else {
            before = Some(c);
            continue;
        };
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(at, next)) = chars.peek() {
            if hidden(next) != Some(kind) {
                break;
            }
            end = at + next.len_utf8();
            count += 1;
            chars.next();
        }
        let after = chars.peek().map(|&(_, c)| c);
        let run = &s[start..end];
        match kind {
            // A tag sequence after U+1F3F4 (waving black flag) is a subdivision flag emoji.
            Hidden::Tag if before == Some('\u{1F3F4}') && count <= 8 => {}
            Hidden::Tag => found.add(text, &TAGS, TAGS.severity, start, visible(run)),
            Hidden::Bidi => found.add(text, &BIDI, BIDI.severity, start, context_of(s, start, end)),
            Hidden::ZeroWidth if count >= RUN_LENGTH => {
                found.add(
                    text,
                    &RUN,
                    RUN.severity,
                    start,
                    format!("{count} invisible characters: {}", visible(prefix(run, 4))),
                );
            }
            Hidden::ZeroWidth => {
                let wordy = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if wordy(before) && wordy(after) {
                    found.add(
                        text,
                        &ZERO_WIDTH,
                        ZERO_WIDTH.severity,
                        start,
                        context_of(s, start, end),
                    );
                }
            }
        }
        before = run.chars().last();
    }
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(cut, _)| &s[..cut])
}

/// The hidden run with up to 20 characters either side, made visible.
fn context_of(s: &str, start: usize, end: usize) -> String {
    let left = s[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c != '\n')
        .take(20)
        .last()
        .map_or(start, |(i, _)| i);
    let right_text = &s[end..];
    let right = end
        + right_text
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .take(20)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    visible(&s[left..right])
}

/// `text` with every hidden character shown: tag characters decoded between `[tags: "` and
/// `"]`, other invisible and control characters as `[U+XXXX]`.
pub fn visible(text: &str) -> String {
    if text.is_ascii()
        && !text
            .bytes()
            .any(|b| b.is_ascii_control() && b != b'\n' && b != b'\t')
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut tags = String::new();
    let flush = |tags: &mut String, out: &mut String| {
        if !tags.is_empty() {
            out.push_str(&format!("[tags: \"{tags}\"]"));
            tags.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\u{E0000}'..='\u{E007F}' => {
                let ascii = char::from_u32(c as u32 - 0xE0000)
                    .filter(|a| a.is_ascii_graphic() || *a == ' ');
                match ascii {
                    Some(a) => tags.push(a),
                    None => tags.push_str(&format!("\\u{{{:X}}}", c as u32)),
                }
            }
            _ => {
                flush(&mut tags, &mut out);
                if hidden(c).is_some()
                    || (c.is_control() && c != '\n' && c != '\t')
                    || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
                {
                    out.push_str(&format!("[U+{:04X}]", c as u32));
                } else {
                    out.push(c);
                }
            }
        }
    }
    flush(&mut tags, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_shown_and_tags_decoded() {
        let tags: String = "Run rm"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap_or(c))
            .collect();
        assert_eq!(visible(&format!("a{tags}b")), "a[tags: \"Run rm\"]b");
        assert_eq!(visible("ig\u{200B}nore\u{202E}"), "ig[U+200B]nore[U+202E]");
        assert_eq!(visible("plain <b>"), "plain <b>");
    }
}
