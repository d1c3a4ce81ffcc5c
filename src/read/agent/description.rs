//! The `description` field: a summary, then `<example>` blocks that show when Claude should pick
//! the agent. This module turns the raw field into [`Description`]: literal `\n` escapes become
//! line breaks, each example becomes ordered turns, and the text outside the examples (minus
//! the "Examples:" label and list markers around the blocks) becomes the summary.

use serde::Serialize;

/// Who speaks in one part of an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Context,
    User,
    Assistant,
    Commentary,
}

impl Role {
    /// The role as a reader sees it named.
    pub fn label(self) -> &'static str {
        match self {
            Role::Context => "Context",
            Role::User => "User",
            Role::Assistant => "Assistant",
            Role::Commentary => "Commentary",
        }
    }
}

/// One part of an example, in the order it appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    pub role: Role,
    pub text: String,
}

/// One `<example>` block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    pub turns: Vec<Turn>,
}

impl Example {
    /// The text of every turn with `role`, joined by blank lines; `None` when there is none.
    pub fn joined(&self, role: Role) -> Option<String> {
        let parts: Vec<&str> = self
            .turns
            .iter()
            .filter(|t| t.role == role)
            .map(|t| t.text.as_str())
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }
}

/// A description split into what it says and the examples it gives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Description {
    /// Markdown text of the description outside its examples.
    pub summary: String,
    pub examples: Vec<Example>,
    /// The whole description as read (literal `\n` escapes made line breaks): what a
    /// conversion to another harness writes.
    pub text: String,
}

/// Turns literal `\n` (backslash, n) sequences into line breaks, as the author meant them. An
/// escaped backslash (`\\n`) is left alone.
pub fn unescape_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some('\\') => {
                chars.next();
                out.push_str("\\\\");
            }
            _ => out.push('\\'),
        }
    }
    out
}

const OPEN: &str = "<example>";
const CLOSE: &str = "</example>";

/// Splits a description into its summary and examples.
pub fn parse(raw: &str) -> Description {
    let text = unescape_newlines(raw);
    let (outside, examples) = split_examples(&text);
    Description {
        summary: summary_of(&outside),
        examples,
        text: text.clone(),
    }
}

/// Whether `text` has an `<example>` block at all: a cheap test before any parsing.
pub fn has_example_tag(text: &str) -> bool {
    find_ignore_case(text, OPEN).is_some()
}

/// The `<example>` blocks written in a text (an agent's body, with its code blanked out).
pub fn examples_in(text: &str) -> Vec<Example> {
    split_examples(text).1
}

/// The text outside the `<example>` blocks, and the blocks parsed.
fn split_examples(text: &str) -> (Vec<&str>, Vec<Example>) {
    let mut outside = Vec::new();
    let mut examples = Vec::new();
    let mut rest = text;
    while let Some(start) = find_ignore_case(rest, OPEN) {
        outside.push(&rest[..start]);
        let inner_start = start + OPEN.len();
        let (inner, next) = match find_ignore_case(&rest[inner_start..], CLOSE) {
            Some(end) => (
                &rest[inner_start..inner_start + end],
                inner_start + end + CLOSE.len(),
            ),
            // An unclosed block runs to the end: its text is kept, not dropped.
            None => (&rest[inner_start..], rest.len()),
        };
        examples.push(parse_example(inner));
        rest = &rest[next..];
    }
    outside.push(rest);
    (outside, examples)
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    // Only where the first byte matches is the rest compared.
    (0..haystack.len())
        .filter(|&i| haystack[i].eq_ignore_ascii_case(first))
        .find(|&i| {
            haystack
                .get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
}

/// Joins the text around the examples, without the "Examples:" label and the list markers that
/// only framed the blocks.
fn summary_of(parts: &[&str]) -> String {
    let mut kept: Vec<String> = Vec::new();
    for part in parts {
        let cleaned = strip_example_framing(part);
        if !cleaned.is_empty() {
            kept.push(cleaned);
        }
    }
    kept.join("\n\n")
}

fn strip_example_framing(part: &str) -> String {
    let mut text = part.trim();
    loop {
        let before = text;
        text = text
            .trim_end_matches(['-', '*', '•'])
            .trim_end()
            .trim_start_matches(['-', '*', '•'])
            .trim_start();
        for label in ["examples:", "example:", "for example:", "e.g.:"] {
            if text.len() >= label.len()
                && text.is_char_boundary(text.len() - label.len())
                && text[text.len() - label.len()..].eq_ignore_ascii_case(label)
            {
                text = text[..text.len() - label.len()].trim_end();
            }
        }
        if text == before {
            break;
        }
    }
    dedent(text)
}

/// Removes the indentation that every line after the first shares (the first line was trimmed),
/// so that indented descriptions do not turn into Markdown code blocks.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(indent_of)
        .min()
        .unwrap_or(0);
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let cut = if i == 0 { 0 } else { indent_of(l).min(indent) };
            l[cut..].trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Parses the inside of one `<example>` block into turns, in order.
fn parse_example(inner: &str) -> Example {
    let mut turns = Vec::new();
    let mut rest = inner;
    while !rest.trim().is_empty() {
        if let Some((role, inside, after)) = take_tagged(rest) {
            push_turn(&mut turns, role, inside);
            rest = after;
            continue;
        }
        let (role, text_start) = match leading_marker(rest) {
            Some((role, len)) => (Some(role), len),
            None => (None, 0),
        };
        let body = &rest[text_start..];
        let end = next_boundary(body);
        let text = &body[..end];
        match role {
            Some(role) => push_turn(&mut turns, role, text),
            // Unlabelled text before any turn sets the scene; later it continues the last turn.
            None => match turns.last_mut() {
                Some(last) => append_text(last, text),
                None => push_turn(&mut turns, Role::Context, text),
            },
        }
        rest = &body[end..];
    }
    Example { turns }
}

fn push_turn(turns: &mut Vec<Turn>, role: Role, text: &str) {
    let text = clean_turn_text(text, role);
    if !text.is_empty() {
        turns.push(Turn { role, text });
    }
}

fn append_text(turn: &mut Turn, text: &str) {
    let extra = clean_turn_text(text, turn.role);
    if !extra.is_empty() {
        turn.text.push('\n');
        turn.text.push_str(&extra);
    }
}

/// Trims every line (examples are often indented oddly) and drops one pair of quotes around a
/// spoken line, which only marked it as speech.
fn clean_turn_text(text: &str, role: Role) -> String {
    let joined = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if matches!(role, Role::User | Role::Assistant) {
        strip_speech_quotes(&joined).to_string()
    } else {
        joined
    }
}

fn strip_speech_quotes(text: &str) -> &str {
    [('"', '"'), ('\'', '\''), ('“', '”')]
        .iter()
        .find_map(|(open, close)| text.strip_prefix(*open)?.strip_suffix(*close))
        .unwrap_or(text)
}

const MARKERS: [(&str, Role); 5] = [
    ("context:", Role::Context),
    ("user:", Role::User),
    ("assistant:", Role::Assistant),
    ("agent:", Role::Assistant),
    ("claude:", Role::Assistant),
];

/// Turns written as XML-style tags (`<commentary>…</commentary>`, `<user_request>…`).
const TAGS: [(&str, Role); 8] = [
    ("commentary", Role::Commentary),
    ("context", Role::Context),
    ("user", Role::User),
    ("user_request", Role::User),
    ("query", Role::User),
    ("assistant", Role::Assistant),
    ("assistant_response", Role::Assistant),
    ("response", Role::Assistant),
];

/// A role marker at the very start of `text` (after whitespace): its role and byte length.
fn leading_marker(text: &str) -> Option<(Role, usize)> {
    let trimmed = text.trim_start();
    let skipped = text.len() - trimmed.len();
    MARKERS.iter().find_map(|(marker, role)| {
        let head = trimmed.get(..marker.len())?;
        head.eq_ignore_ascii_case(marker)
            .then_some((*role, skipped + marker.len()))
    })
}

/// Where the current turn ends: at a `<commentary>` tag or at the next role marker that starts a
/// line, or, in one-line examples, follows the end of a sentence or a quote.
fn next_boundary(text: &str) -> usize {
    let mut end = text.len();
    for (index, _) in text.match_indices('<') {
        if TAGS.iter().any(|(tag, _)| opens_with(&text[index..], tag)) {
            end = index;
            break;
        }
    }
    for (index, _) in text.char_indices() {
        if index >= end {
            break;
        }
        if index > 0 && starts_turn(text, index) {
            return index;
        }
    }
    end
}

fn starts_turn(text: &str, index: usize) -> bool {
    let before = text[..index].trim_end_matches([' ', '\t']);
    let at_line_start = before.is_empty() || before.ends_with('\n');
    let after_sentence =
        before.len() < index && before.ends_with(['.', '!', '?', '"', '\'', '”', '>', ')']);
    (at_line_start || after_sentence)
        && leading_marker(&text[index..]).is_some_and(|_| {
            // The marker must start exactly here, not after further whitespace.
            !text[index..].starts_with(char::is_whitespace)
        })
}

/// A tagged turn (`<commentary>…</commentary>`) at the start of `text`: its role, its inside
/// and what follows. An unclosed tag runs to the end.
fn take_tagged(text: &str) -> Option<(Role, &str, &str)> {
    let trimmed = text.trim_start();
    let (tag, role) = TAGS.iter().find(|(tag, _)| opens_with(trimmed, tag))?;
    let inner = &trimmed[tag.len() + 2..];
    let close = format!("</{tag}>");
    Some(match find_ignore_case(inner, &close) {
        Some(end) => (*role, &inner[..end], &inner[end + close.len()..]),
        None => (*role, inner, ""),
    })
}

/// Whether `text` starts with the opening tag `<tag>`, in any case.
fn opens_with(text: &str, tag: &str) -> bool {
    text.starts_with('<')
        && text
            .get(1..=tag.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(tag))
        && text[tag.len() + 1..].starts_with('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(role: Role, text: &str) -> Turn {
        Turn {
            role,
            text: text.to_string(),
        }
    }

    #[test]
    fn unescapes_literal_newlines_only() {
        assert_eq!(unescape_newlines(r"a\nb\\nc\t"), "a\nb\\\\nc\\t");
    }

    #[test]
    fn splits_multiline_examples() {
        let raw = r#"Use this agent for APIs.\n\nExamples:\n- <example>\n  Context: The user needs an endpoint.\n  user: "Add a login endpoint"\n  assistant: "I'll use the agent."\n  <commentary>\n  Since this is API work.\n  </commentary>\n</example>\n- <example>\n  user: "Second"\n</example>"#;
        let description = parse(raw);
        assert_eq!(description.summary, "Use this agent for APIs.");
        assert_eq!(description.examples.len(), 2);
        assert_eq!(
            description.examples[0].turns,
            vec![
                turn(Role::Context, "The user needs an endpoint."),
                turn(Role::User, "Add a login endpoint"),
                turn(Role::Assistant, "I'll use the agent."),
                turn(Role::Commentary, "Since this is API work."),
            ]
        );
        assert_eq!(
            description.examples[1].turns,
            vec![turn(Role::User, "Second")]
        );
    }

    #[test]
    fn splits_inline_examples() {
        let raw = "Use it for backends. Examples: <example>Context: User needs auth. user: 'I need a login' assistant: 'I'll use the backend agent.' <commentary>Since it is backend work.</commentary></example> <example>Context: Slow queries. user: 'My queries are slow' assistant: 'Let me look.' </example>";
        let description = parse(raw);
        assert_eq!(description.summary, "Use it for backends.");
        assert_eq!(
            description.examples[0].turns,
            vec![
                turn(Role::Context, "User needs auth."),
                turn(Role::User, "I need a login"),
                turn(Role::Assistant, "I'll use the backend agent."),
                turn(Role::Commentary, "Since it is backend work."),
            ]
        );
        assert_eq!(description.examples[1].turns.len(), 3);
    }

    #[test]
    fn tagged_and_agent_labelled_turns() {
        let raw = "<example><context>A new repo.</context><user_request>Explain it</user_request>\nAgent: Maps the code\n<commentary>Fits.</commentary></example>";
        assert_eq!(
            parse(raw).examples[0].turns,
            vec![
                turn(Role::Context, "A new repo."),
                turn(Role::User, "Explain it"),
                turn(Role::Assistant, "Maps the code"),
                turn(Role::Commentary, "Fits."),
            ]
        );
    }

    #[test]
    fn role_words_inside_a_sentence_do_not_start_a_turn() {
        let raw = "<example>\nuser: \"Tell the user: hello\"\nassistant: \"Done\"\n</example>";
        let description = parse(raw);
        assert_eq!(
            description.examples[0].turns,
            vec![
                turn(Role::User, "Tell the user: hello"),
                turn(Role::Assistant, "Done")
            ]
        );
    }

    #[test]
    fn keeps_text_after_examples_and_unclosed_blocks() {
        let description = parse(
            "Summary.\n<example>user: hi</example>\nUse proactively.\n<example>user: cut off",
        );
        assert_eq!(description.summary, "Summary.\n\nUse proactively.");
        assert_eq!(description.examples.len(), 2);
        assert_eq!(
            description.examples[1].turns,
            vec![turn(Role::User, "cut off")]
        );
    }

    #[test]
    fn description_without_examples_is_all_summary() {
        let description = parse("Backend expert for APIs.");
        assert_eq!(description.summary, "Backend expert for APIs.");
        assert!(description.examples.is_empty());
    }
}
