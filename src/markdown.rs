//! Markdown: renders agent text to safe HTML and finds its structure (headings, return format).
//!
//! Agent files are untrusted. Raw HTML in them is shown as text, never interpreted; images become
//! plain links (a catalogue page loads nothing from elsewhere); and the HTML that pulldown-cmark
//! writes goes through ammonia, which drops `javascript:` and other dangerous URLs, so that nothing
//! in an agent file can run in a visitor's browser.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// A heading in an agent's instructions, for the table of contents and the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// Hands out heading ids that are unique within one HTML page.
#[derive(Debug, Default)]
pub struct Slugger {
    used: HashSet<String>,
}

impl Slugger {
    /// A slugger that never hands out the page's own fixed ids.
    pub fn reserving(ids: &[&str]) -> Self {
        Slugger {
            used: ids.iter().map(|id| id.to_string()).collect(),
        }
    }

    pub fn unique(&mut self, text: &str) -> String {
        let base = match crate::slug::slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// Rendered HTML and the headings it contains.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// Renders Markdown to sanitised HTML, giving each heading an id from `slugger`. Headings are
/// shifted so that the document's highest one becomes `<h{top_level}>`, keeping the page's
/// outline in order whatever levels the file used.
pub fn render(markdown: &str, slugger: &mut Slugger, top_level: u8) -> Rendered {
    let mut headings = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut open_heading: Option<(usize, HeadingLevel, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open_heading = Some((events.len(), level, String::new()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((index, _, text)) = open_heading.take() {
                    let id = slugger.unique(&text);
                    events[index] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id.clone())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    });
                    headings.push(Heading {
                        level: level as u8,
                        text: text.trim().to_string(),
                        id,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            event => {
                if let Some((_, _, text)) = open_heading.as_mut() {
                    collect_text(&event, text);
                }
                events.push(inert(event));
            }
        }
    }
    let shift = headings
        .iter()
        .map(|h| h.level)
        .min()
        .map_or(0, |highest| top_level.saturating_sub(highest));
    for heading in &mut headings {
        heading.level = (heading.level + shift).min(6);
    }
    // A link the sanitiser would strip of its target (relative, or not http, https or mailto)
    // is left out, its text kept: an `<a>` without `href` is not valid HTML. Links do not nest.
    let mut in_dropped_link = false;
    let events = events.into_iter().filter_map(move |event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shifted(level, shift))))
        }
        Event::Start(Tag::Link { ref dest_url, .. }) if !keeps_target(dest_url) => {
            in_dropped_link = true;
            None
        }
        Event::End(TagEnd::Link) if in_dropped_link => {
            in_dropped_link = false;
            None
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    Rendered {
        html: SANITIZER.clean(&html).to_string(),
        headings,
    }
}

fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    HeadingLevel::try_from(((level as u8) + shift).min(6) as usize).unwrap_or(HeadingLevel::H6)
}

fn collect_text(event: &Event, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        _ => {}
    }
}

/// Whether the sanitiser keeps a link's target: http, https and mailto URLs only.
fn keeps_target(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// Makes an event safe to show: raw HTML becomes visible text (a block of it, a code block),
/// an image becomes a link to it, and a task-list box becomes a character (a form control
/// without a label is an accessibility fault).
fn inert(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::CodeBlock),
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
        other => other,
    }
}

/// The allow-list for HTML that leaves this module: what pulldown-cmark writes, nothing more.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
    .into_iter()
    .collect();
    let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        tag_attributes.insert(heading, ["id"].into_iter().collect());
    }
    tag_attributes.insert("a", ["href", "title"].into_iter().collect());
    tag_attributes.insert("ol", ["start"].into_iter().collect());
    tag_attributes.insert("code", ["class"].into_iter().collect());
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        // A relative link in an agent file points into its own repository, not into this site.
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

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
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
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
            Event::End(_) => depth = depth.saturating_sub(1),
            ref other => {
                if depth > 0
                    && let Some(block) = blocks.last_mut()
                {
                    collect_text(other, &mut block.text);
                }
            }
        }
    }
    blocks
}

/// The sections of a document as a reader sees them: its top two heading levels, or, in files
/// written without headings, the label lines that introduce each part (`**Core Principles:**`,
/// `Workflow:` followed by a list).
pub fn outline(markdown: &str) -> Vec<String> {
    let blocks = top_blocks(markdown);
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
            .map(|b| b.text.trim().to_string())
            .collect();
    }
    blocks
        .iter()
        .enumerate()
        .filter(|(index, block)| {
            block.kind == Block::Paragraph && is_label(markdown, block, blocks.get(index + 1))
        })
        .map(|(_, block)| block.text.trim().trim_end_matches(':').trim().to_string())
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

    fn html(markdown: &str) -> String {
        render(markdown, &mut Slugger::default(), 1).html
    }

    #[test]
    fn gives_headings_unique_ids() {
        let mut slugger = Slugger::reserving(&["examples"]);
        let rendered = render(
            "## Examples\n\n## Core *Skills*\n\n### Core Skills\n",
            &mut slugger,
            3,
        );
        let ids: Vec<_> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["examples-2", "core-skills", "core-skills-2"]);
        assert_eq!(rendered.headings[1].text, "Core Skills");
        assert!(
            rendered
                .html
                .contains(r#"<h3 id="core-skills">Core <em>Skills</em></h3>"#)
        );
        assert!(
            rendered
                .html
                .contains(r#"<h4 id="core-skills-2">Core Skills</h4>"#)
        );
        assert_eq!(rendered.headings[2].level, 4);
    }

    #[test]
    fn renders_tables_strikethrough_and_task_lists() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] next\n");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>old</del>"), "{out}");
        assert!(out.contains("<li>☑ done</li>"), "{out}");
        assert!(out.contains("<li>☐ next</li>"), "{out}");
        assert!(!out.contains("<input"), "{out}");
    }

    #[test]
    fn raw_html_is_shown_not_run() {
        let out = html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    }

    #[test]
    fn dangerous_and_relative_links_lose_their_target() {
        let out = html(
            "[a](javascript:alert(1)) [b](data:text/html,x) [c](./other.md) [d](https://example.com)",
        );
        assert!(!out.contains("javascript:"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert!(!out.contains("other.md"), "{out}");
        assert!(out.contains(r#"href="https://example.com""#), "{out}");
        // The links without a target are text, not `<a>` elements without `href`.
        assert_eq!(out.matches("<a ").count(), 1, "{out}");
        assert!(out.contains("a b c"), "{out}");
    }

    #[test]
    fn images_become_links() {
        let out = html("![diagram](https://example.com/d.png)");
        assert!(
            out.contains(r#"<a href="https://example.com/d.png""#),
            "{out}"
        );
        assert!(out.contains(">diagram</a>"), "{out}");
    }

    #[test]
    fn outlines_use_headings_or_label_lines() {
        assert_eq!(
            outline("# T\n\n## A\n\n### B\n\n#### C\n\n**Not used:**\n"),
            vec!["T", "A"]
        );
        assert_eq!(
            outline(
                "Intro text that is long enough to not be a label at all, really.\n\n**Core Principles:**\n- a\n\nWorkflow:\n1. b\n\nEnds with colon but no list:\n\nplain\n"
            ),
            vec!["Core Principles", "Workflow"]
        );
    }

    #[test]
    fn plain_excerpts_drop_markup_and_cut_at_words() {
        assert_eq!(
            plain_excerpt("**Bold** and `code`.\n\n- item", 100),
            "Bold and code. item"
        );
        assert_eq!(plain_excerpt("one two three", 8), "one two…");
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
