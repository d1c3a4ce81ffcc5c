//! Markdown: renders agent text to safe HTML and finds its structure (headings, return format).
//!
//! Agent files are untrusted. The Markdown parser's events are made inert before any HTML is
//! written ([`Inert`]): raw HTML becomes text, which pulldown-cmark escapes; a link keeps its
//! target only if it is a web or mail address; images become plain links (a catalogue page loads
//! nothing from elsewhere). What remains is the fixed set of tags pulldown-cmark writes, with
//! escaped attribute values, so nothing in an agent file can run in a visitor's browser.
//! `tests/properties.rs` checks the result against an allow-list of tags, attributes and URL
//! schemes for arbitrary and hostile input.

use std::collections::HashSet;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

mod structure;
pub use structure::{
    ReturnFormat, Section, find_return_format, outline, plain_excerpt, prose_only, sections,
    without_title, word_count,
};

pub(crate) fn options() -> Options {
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
        let base = match crate::read::slug::slugify(text) {
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

/// Renders Markdown to safe HTML, giving each heading an id from `slugger`. Headings are
/// shifted so that the document's highest one becomes `<h{top_level}>`, keeping the page's
/// outline in order whatever levels the file used.
pub fn render(markdown: &str, slugger: &mut Slugger, top_level: u8) -> Rendered {
    let mut headings = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut inert = Inert::default();
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
                events.extend(inert.apply(event));
            }
        }
    }
    // Levels as the page needs them: the highest heading becomes <h{top_level}>, and no heading
    // is more than one level below the one before (a file's h1 then h3 would skip a level).
    let mut previous = top_level.saturating_sub(1);
    let highest = headings.iter().map(|h| h.level).min().unwrap_or(1);
    for heading in &mut headings {
        let wanted = heading.level - highest + top_level;
        heading.level = wanted.min(previous + 1).min(6);
        previous = heading.level;
    }
    let levels: Vec<HeadingLevel> = headings.iter().map(|h| heading_level(h.level)).collect();
    let mut next = 0;
    let events = events.into_iter().map(move |event| match event {
        Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) => Event::Start(Tag::Heading {
            level: levels.get(next).copied().unwrap_or(HeadingLevel::H6),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(_)) => {
            let level = levels.get(next).copied().unwrap_or(HeadingLevel::H6);
            next += 1;
            Event::End(TagEnd::Heading(level))
        }
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    Rendered {
        html: finish_tags(&html),
        headings,
    }
}

fn heading_level(level: u8) -> HeadingLevel {
    HeadingLevel::try_from(usize::from(level.clamp(1, 6))).unwrap_or(HeadingLevel::H6)
}

pub(crate) fn collect_text(event: &Event, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        _ => {}
    }
}

/// Makes events safe to show: raw HTML becomes visible text (a block of it, a code block), an
/// image becomes a link to it, a link whose target is not a web or mail address keeps its text
/// but loses the link, a task-list box becomes a character, and table columns lose their
/// alignment (an inline `style`, which the pages' content security policy refuses).
#[derive(Default)]
struct Inert {
    /// Inside a link that was dropped: its end is dropped too (links do not nest).
    dropping_link: bool,
}

impl Inert {
    fn apply<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        Some(match event {
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)),
            Event::Start(Tag::Table(columns)) => {
                Event::Start(Tag::Table(vec![Alignment::None; columns.len()]))
            }
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::CodeBlock),
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => {
                if !is_web_address(&dest_url) {
                    self.dropping_link = true;
                    return None;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if std::mem::take(&mut self.dropping_link) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            // A form control without a label is an accessibility fault: the box is a character.
            Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
            other => other,
        })
    }
}

/// Only absolute web and mail addresses stay links: a relative link points into the author's
/// repository, not into this site, and other schemes can run code.
fn is_web_address(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// Finishes the tags pulldown-cmark wrote: tables and code blocks are wrapped in a focusable
/// scroll container, so that a wide one scrolls on its own (by keyboard too) instead of widening
/// the page, and links get `rel` so that a linked page can neither reach back nor gain rank. The
/// HTML is the writer's own: raw HTML from the file was made text ([`Inert`]) and escaped, so
/// every `<` that starts one of these tags is one the writer put there.
fn finish_tags(html: &str) -> String {
    const TAGS: [(&str, &str); 5] = [
        (
            "<table>",
            r#"<div class="scroll-x" tabindex="0" role="region" aria-label="Table"><table>"#,
        ),
        ("</table>", "</table></div>"),
        (
            "<pre>",
            r#"<div class="scroll-x" tabindex="0" role="region" aria-label="Code"><pre>"#,
        ),
        ("</pre>", "</pre></div>"),
        ("<a href=", r#"<a rel="noopener noreferrer nofollow" href="#),
    ];
    let mut finished = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        finished.push_str(&rest[..at]);
        rest = &rest[at..];
        let (tag, replacement) = TAGS
            .iter()
            .find(|(tag, _)| rest.starts_with(tag))
            .copied()
            .unwrap_or(("<", "<"));
        finished.push_str(replacement);
        rest = &rest[tag.len()..];
    }
    finished.push_str(rest);
    finished
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
    fn heading_levels_never_skip() {
        let rendered = render(
            "# A\n\n### B\n\n##### C\n\n## D\n",
            &mut Slugger::default(),
            3,
        );
        let levels: Vec<u8> = rendered.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, vec![3, 4, 5, 4]);
        assert!(
            rendered.html.contains(r#"<h5 id="c">C</h5>"#),
            "{}",
            rendered.html
        );
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
    fn dangerous_and_relative_links_keep_only_their_text() {
        let out = html(
            "[a](javascript:alert(1)) [b](data:text/html,x) [c](./other.md) [d](https://example.com) ![e](file:///etc/passwd)",
        );
        assert_eq!(
            out,
            "<p>a b c <a rel=\"noopener noreferrer nofollow\" href=\"https://example.com\">d</a> e</p>\n"
        );
    }

    #[test]
    fn wide_blocks_scroll_in_their_own_container() {
        let out = html("| a |\n|---|\n| 1 |\n\n```\ncode\n```\n");
        assert!(
            out.starts_with(
                r#"<div class="scroll-x" tabindex="0" role="region" aria-label="Table"><table>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"aria-label="Code"><pre><code>code"#),
            "{out}"
        );
        assert!(out.trim_end().ends_with("</pre></div>"), "{out}");
        // Aligned columns would need an inline style, which the pages' policy refuses.
        let aligned = html("| a | b |\n|:-:|--:|\n| 1 | 2 |\n");
        assert!(aligned.contains("<th>a</th><th>b</th>"), "{aligned}");
        assert!(!aligned.contains("style"), "{aligned}");
    }

    #[test]
    fn images_become_links() {
        let out = html("![diagram](https://example.com/d.png)");
        assert!(
            out.contains(r#" href="https://example.com/d.png""#),
            "{out}"
        );
        assert!(out.contains(">diagram</a>"), "{out}");
    }
}
