//! The structure of an agent's Markdown, as a reader sees it: its sections (headings, or the
//! label lines that stand in for them), the return format, plain-text excerpts and lengths.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use super::{collect_text, options};

/// A section of an agent's body that says what the agent hands back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnFormat {
    /// The heading or lead-in sentence it was found under, as written.
    pub title: String,
    /// The section's Markdown, exactly as in the file.
    pub markdown: String,
}

const RETURN_HEADINGS: &[&str] = &[
    "return format",
    "output format",
    "output",
    "outputs",
    "deliverables",
    "deliverable",
    "response format",
    "expected output",
    "output structure",
    "output requirements",
    "report format",
    "return value",
    "final output",
    "output template",
];

const RETURN_LEAD_INS: &[&str] = &[
    "your output should include",
    "your output should contain",
    "your output must include",
    "your response should include",
    "your deliverables should include",
    "return the following",
    "your output will include",
    "you will return",
    "deliverables include",
];

/// Normalises a heading for matching: lower case, without numbering, emphasis or a final colon.
fn heading_key(text: &str) -> String {
    text.trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ')
        .trim_end_matches([':', ' '])
        .to_lowercase()
}

/// Finds the return format: a heading such as "Return Format" with its section, or a lead-in
/// sentence such as "Your output should include:" with the list that follows it.
pub fn find_return_format(markdown: &str) -> Option<ReturnFormat> {
    let blocks = top_blocks(markdown);
    for (index, block) in blocks.iter().enumerate() {
        match &block.kind {
            Block::Heading(level)
                if RETURN_HEADINGS.contains(&heading_key(&block.text).as_str()) =>
            {
                let end = blocks[index + 1..]
                    .iter()
                    .find(|b| matches!(b.kind, Block::Heading(l) if l <= *level))
                    .map_or(markdown.len(), |b| b.range.start);
                return Some(ReturnFormat {
                    title: block.text.trim().to_string(),
                    markdown: markdown[block.range.start..end].trim_end().to_string(),
                });
            }
            Block::Paragraph if is_lead_in(&block.text) => {
                if let Some(list) = blocks.get(index + 1).filter(|b| b.kind == Block::List) {
                    return Some(ReturnFormat {
                        title: block.text.trim().trim_end_matches(':').to_string(),
                        markdown: markdown[block.range.start..list.range.end]
                            .trim_end()
                            .to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    None
}

fn is_lead_in(text: &str) -> bool {
    let text = text.trim().to_lowercase();
    text.ends_with(':') && RETURN_LEAD_INS.iter().any(|lead| text.starts_with(lead))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Heading(HeadingLevel),
    Paragraph,
    List,
    Other,
}

/// A top-level block of a Markdown document, with its plain text and byte range.
struct TopBlock {
    kind: Block,
    text: String,
    range: Range<usize>,
}

fn top_blocks(markdown: &str) -> Vec<TopBlock> {
    scan(markdown, None)
}

/// The top-level blocks of a document, with the text of its headings and paragraphs (the only
/// blocks whose text is read); and, into `items` when given, every list item's start offset and
/// own text (nested lists belong to their own items), sorted by offset. One parse for both.
fn scan(markdown: &str, mut items: Option<&mut Vec<(usize, String)>>) -> Vec<TopBlock> {
    let mut blocks: Vec<TopBlock> = Vec::new();
    let mut depth = 0usize;
    let mut open_items: Vec<(usize, String)> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::Item) && items.is_some() {
                    open_items.push((range.start, String::new()));
                }
                if depth == 0 {
                    let kind = match tag {
                        Tag::Heading { level, .. } => Block::Heading(level),
                        Tag::Paragraph => Block::Paragraph,
                        Tag::List(_) => Block::List,
                        _ => Block::Other,
                    };
                    blocks.push(TopBlock {
                        kind,
                        text: String::new(),
                        range,
                    });
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if tag == TagEnd::Item
                    && let (Some(items), Some((start, text))) = (items.as_mut(), open_items.pop())
                {
                    items.push((start, text.split_whitespace().collect::<Vec<_>>().join(" ")));
                }
            }
            ref other => {
                if let Some(block) = blocks
                    .last_mut()
                    .filter(|b| depth > 0 && matches!(b.kind, Block::Heading(_) | Block::Paragraph))
                {
                    collect_text(other, &mut block.text);
                }
                if let Some((_, text)) = open_items.last_mut() {
                    collect_text(other, text);
                }
            }
        }
    }
    if let Some(items) = items {
        items.sort_by_key(|(start, _)| *start);
    }
    blocks
}

/// A part of a document as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading or label line it starts with; `None` for text before the first one.
    pub title: Option<String>,
    /// The section's Markdown, as written, including its title line.
    pub markdown: String,
    /// The text of each list item in it, in order, without the text of nested lists.
    pub items: Vec<String>,
}

/// The titles of a document's sections (see [`sections`]).
pub fn outline(sections: &[Section]) -> Vec<String> {
    sections.iter().filter_map(|s| s.title.clone()).collect()
}

/// Splits a document into sections: at its top two heading levels, or, in files written without
/// headings, at the label lines that introduce each part (`**Core Principles:**`, `Workflow:`
/// followed by a list). Text before the first title is a section without a title.
pub fn sections(markdown: &str) -> Vec<Section> {
    let mut items = Vec::new();
    let blocks = scan(markdown, Some(&mut items));
    let starts = section_starts(markdown, &blocks);
    let mut bounds: Vec<(Option<String>, usize)> = Vec::with_capacity(starts.len() + 1);
    let first_start = starts.first().map_or(markdown.len(), |(_, offset)| *offset);
    if !markdown[..first_start].trim().is_empty() {
        bounds.push((None, 0));
    }
    bounds.extend(
        starts
            .into_iter()
            .map(|(title, offset)| (Some(title), offset)),
    );
    bounds
        .iter()
        .enumerate()
        .map(|(index, (title, start))| {
            let end = bounds
                .get(index + 1)
                .map_or(markdown.len(), |(_, next)| *next);
            Section {
                title: title.clone(),
                markdown: markdown[*start..end].trim_end().to_string(),
                items: items
                    .iter()
                    .filter(|(offset, _)| (*start..end).contains(offset))
                    .map(|(_, text)| text.clone())
                    .collect(),
            }
        })
        .collect()
}

/// Where each section starts: its title and byte offset.
fn section_starts(markdown: &str, blocks: &[TopBlock]) -> Vec<(String, usize)> {
    let top = blocks
        .iter()
        .filter_map(|b| match b.kind {
            Block::Heading(level) => Some(level as u8),
            _ => None,
        })
        .min();
    if let Some(top) = top {
        return blocks
            .iter()
            .filter(|b| matches!(b.kind, Block::Heading(level) if level as u8 <= top + 1))
            .map(|b| (b.text.trim().to_string(), b.range.start))
            .collect();
    }
    blocks
        .iter()
        .enumerate()
        .filter(|(index, block)| {
            block.kind == Block::Paragraph && is_label(markdown, block, blocks.get(index + 1))
        })
        .map(|(_, block)| {
            let title = block.text.trim().trim_end_matches(':').trim().to_string();
            (title, block.range.start)
        })
        .collect()
}

/// A short paragraph that only names the part after it: all bold, or ending in a colon before a
/// list.
fn is_label(markdown: &str, block: &TopBlock, next: Option<&TopBlock>) -> bool {
    const MAX_LABEL_WORDS: usize = 8;
    let source = markdown[block.range.clone()].trim();
    let text = block.text.trim();
    if text.is_empty() || word_count(text) > MAX_LABEL_WORDS {
        return false;
    }
    let all_bold = source.starts_with("**") && (source.ends_with("**") || source.ends_with("**:"));
    let before_list = text.ends_with(':') && next.is_some_and(|n| n.kind == Block::List);
    all_bold || before_list
}

/// The document with its code (fenced and indented blocks, inline code) blanked out: what the
/// author wrote as prose, for finding `<example>` blocks that are meant, not quoted.
pub fn prose_only(markdown: &str) -> String {
    let mut bytes = markdown.as_bytes().to_vec();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let is_code = matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_)));
        if is_code {
            for byte in &mut bytes[range] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
        }
    }
    // Only whole code spans were blanked, and they start and end on character boundaries.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The Markdown after a leading ATX heading line (`## Return Format`); the text unchanged when
/// it does not start with one.
pub fn without_title(markdown: &str) -> &str {
    if markdown.starts_with('#') {
        markdown.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        markdown
    }
}

/// The text of a Markdown document without markup, whitespace collapsed, cut at a word boundary
/// to at most `max_chars` characters (with an ellipsis when cut).
pub fn plain_excerpt(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            other => collect_text(&other, &mut text),
        }
    }
    let mut excerpt = String::new();
    let mut length = 0;
    for word in text.split_whitespace() {
        let extra = word.chars().count() + usize::from(length > 0);
        if length + extra > max_chars {
            // "pipelines,…" reads badly: the cut ends on a word, not on its punctuation.
            let kept = excerpt
                .trim_end_matches([',', ';', ':', '.', '-', '–'])
                .len();
            excerpt.truncate(kept);
            excerpt.push('…');
            break;
        }
        if length > 0 {
            excerpt.push(' ');
        }
        excerpt.push_str(word);
        length += extra;
    }
    excerpt
}

/// The plain words of a Markdown text, for lengths and comparisons.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_use_headings_or_label_lines() {
        assert_eq!(
            outline(&sections(
                "# T\n\n## A\n\n### B\n\n#### C\n\n**Not used:**\n"
            )),
            vec!["T", "A"]
        );
        assert_eq!(
            outline(&sections(
                "Intro text that is long enough to not be a label at all, really.\n\n**Core Principles:**\n- a\n\nWorkflow:\n1. b\n\nEnds with colon but no list:\n\nplain\n"
            )),
            vec!["Core Principles", "Workflow"]
        );
    }

    #[test]
    fn sections_carry_their_markdown_and_list_items() {
        let md = "Intro line.\n\n**Budgets:**\n- Uptime: 99.9%\n- Error rate: <0.1%\n  - nested detail\n\nWorkflow:\n1. Plan\n";
        let found = sections(md);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].title, None);
        assert_eq!(found[0].markdown, "Intro line.");
        assert_eq!(found[1].title.as_deref(), Some("Budgets"));
        assert_eq!(
            found[1].items,
            vec!["Uptime: 99.9%", "Error rate: <0.1%", "nested detail"]
        );
        assert!(found[1].markdown.starts_with("**Budgets:**\n- Uptime"));
        assert_eq!(found[2].title.as_deref(), Some("Workflow"));
        assert_eq!(found[2].items, vec!["Plan"]);
    }

    #[test]
    fn prose_only_blanks_code() {
        let md =
            "See `<example>` here.\n\n```\n<example>x</example>\n```\n<example>real</example>\n";
        let prose = prose_only(md);
        assert_eq!(prose.len(), md.len());
        assert_eq!(prose.matches("<example>").count(), 1);
        assert!(prose.contains("<example>real</example>"));
    }

    #[test]
    fn plain_excerpts_drop_markup_and_cut_at_words() {
        assert_eq!(
            plain_excerpt("**Bold** and `code`.\n\n- item", 100),
            "Bold and code. item"
        );
        assert_eq!(plain_excerpt("one two three", 8), "one two…");
        assert_eq!(plain_excerpt("one, two, three", 10), "one, two…");
    }

    #[test]
    fn finds_a_return_format_heading_and_its_section() {
        let md = "# Agent\n\n## Return Format\n\nReturn this:\n\n```\nX\n```\n\n### Detail\n\nmore\n\n## Key Principles\n\n- a\n";
        let found = find_return_format(md).expect("found");
        assert_eq!(found.title, "Return Format");
        assert_eq!(
            found.markdown,
            "## Return Format\n\nReturn this:\n\n```\nX\n```\n\n### Detail\n\nmore"
        );
    }

    #[test]
    fn finds_a_lead_in_sentence_with_its_list() {
        let md = "Intro.\n\nYour output should include:\n- Code\n- Docs\n\nAlways be kind.\n";
        let found = find_return_format(md).expect("found");
        assert_eq!(found.title, "Your output should include");
        assert_eq!(
            found.markdown,
            "Your output should include:\n- Code\n- Docs"
        );
        assert_eq!(
            find_return_format("## Principles\n\nNo output here.\n"),
            None
        );
    }
}
