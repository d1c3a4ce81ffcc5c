//! Pair diffs: two variants compared field by field, then their summaries, examples and
//! instructions section by section, with word-level changes marked (the `similar` crate).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::catalog::compare::{model_label, tools_label};
use crate::read::agent::{Agent, Example};
use crate::read::markdown::{self, Section};

/// Texts longer than this many words are not diffed word by word: shown whole, as changed.
const MAX_DIFF_WORDS: usize = 40_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of text with one fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub op: Op,
    pub text: String,
}

/// One frontmatter field of both agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: String,
    pub left: String,
    pub right: String,
    pub same: bool,
}

/// One part of both agents, side by side: the left text with deletions marked, the right text
/// with insertions marked; `None` where a side does not have the part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartDiff {
    pub title: String,
    pub left: Option<Vec<Span>>,
    pub right: Option<Vec<Span>>,
    pub same: bool,
}

/// Two agents compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairDiff {
    pub fields: Vec<FieldDiff>,
    pub summary: PartDiff,
    pub examples: PartDiff,
    /// The instructions, aligned by section title.
    pub sections: Vec<PartDiff>,
}

impl PairDiff {
    /// How many of the compared parts (fields, summary, examples, sections) differ.
    pub fn differences(&self) -> usize {
        let parts = [&self.summary, &self.examples]
            .into_iter()
            .chain(&self.sections)
            .filter(|p| !p.same)
            .count();
        parts + self.fields.iter().filter(|f| !f.same).count()
    }
}

/// Compares two agents, given their bodies' sections ([`markdown::sections`]): a family's diff
/// pages share them rather than parsing each body once per pair.
pub fn pair_diff(left: &Agent, right: &Agent, sections: [&[Section]; 2]) -> PairDiff {
    PairDiff {
        fields: field_diffs(left, right),
        summary: part(
            "Summary",
            Some(&left.description.summary),
            Some(&right.description.summary),
        ),
        examples: part(
            "Examples",
            Some(&examples_text(&left.description.examples)),
            Some(&examples_text(&right.description.examples)),
        ),
        sections: section_diffs(sections[0], sections[1]),
    }
}

fn field_diffs(left: &Agent, right: &Agent) -> Vec<FieldDiff> {
    let field = |name: &str, get: &dyn Fn(&Agent) -> String| {
        let (l, r) = (get(left), get(right));
        FieldDiff {
            field: name.to_string(),
            same: l == r,
            left: l,
            right: r,
        }
    };
    let tools = |a: &Agent| match a.tools.as_list() {
        Some(list) if !list.is_empty() => list.join(", "),
        _ => tools_label(a),
    };
    let mut fields = vec![
        field("name", &|a| a.name.clone()),
        field("model", &model_label),
        field("tools", &tools),
        field("disallowedTools", &|a| {
            a.disallowed_tools
                .as_ref()
                .map_or_else(|| "none".to_string(), |t| t.join(", "))
        }),
        field("color", &|a| {
            a.color.clone().unwrap_or_else(|| "none".to_string())
        }),
        field("examples", &|a| a.description.examples.len().to_string()),
        field("return format", &|a| {
            a.return_format
                .as_ref()
                .map_or_else(|| "none".to_string(), |rf| rf.title.clone())
        }),
        field("words", &|a| a.word_count().to_string()),
    ];
    let mut extra_keys: Vec<&String> = left.extra.keys().collect();
    extra_keys.extend(right.extra.keys().filter(|k| !left.extra.contains_key(*k)));
    for key in extra_keys {
        fields.push(field(key, &|a| {
            a.extra.get(key).map_or_else(
                || "not set".to_string(),
                |v| match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            )
        }));
    }
    fields
}

/// The examples as text: one block per example, one line per turn.
fn examples_text(examples: &[Example]) -> String {
    examples
        .iter()
        .enumerate()
        .map(|(index, example)| {
            let turns: Vec<String> = example
                .turns
                .iter()
                .map(|t| format!("{}: {}", t.role.label(), t.text))
                .collect();
            format!("Example {}\n{}", index + 1, turns.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Lower-case words: how section titles are matched across the two agents.
fn title_key(title: Option<&str>) -> String {
    title
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn section_title(section: &Section) -> String {
    section
        .title
        .clone()
        .unwrap_or_else(|| "Before the first section".to_string())
}

/// Aligns sections by title: each left section with the right one of the same title, in the
/// left's order; right-only sections follow.
fn section_diffs(left: &[Section], right: &[Section]) -> Vec<PartDiff> {
    let mut used = vec![false; right.len()];
    let mut parts = Vec::new();
    for section in left {
        let key = title_key(section.title.as_deref());
        let matched = right
            .iter()
            .enumerate()
            .find(|(i, r)| !used[*i] && title_key(r.title.as_deref()) == key);
        let other = matched.map(|(i, r)| {
            used[i] = true;
            r.markdown.as_str()
        });
        parts.push(part(
            &section_title(section),
            Some(&section.markdown),
            other,
        ));
    }
    for (section, _) in right.iter().zip(&used).filter(|(_, used)| !**used) {
        parts.push(part(&section_title(section), None, Some(&section.markdown)));
    }
    parts
}

fn part(title: &str, left: Option<&str>, right: Option<&str>) -> PartDiff {
    let (left, right, same) = match (left, right) {
        (Some(l), Some(r)) => {
            let (l_spans, r_spans) = word_diff(l, r);
            (Some(l_spans), Some(r_spans), l == r)
        }
        (Some(l), None) => (Some(vec![span(Op::Delete, l)]), None, false),
        (None, Some(r)) => (None, Some(vec![span(Op::Insert, r)]), false),
        (None, None) => (None, None, true),
    };
    PartDiff {
        title: title.to_string(),
        left,
        right,
        same,
    }
}

fn span(op: Op, text: &str) -> Span {
    Span {
        op,
        text: text.to_string(),
    }
}

/// The two sides of a word diff: the old text with deletions marked, the new with insertions.
pub fn word_diff(old: &str, new: &str) -> (Vec<Span>, Vec<Span>) {
    if old == new {
        return (vec![span(Op::Equal, old)], vec![span(Op::Equal, new)]);
    }
    if markdown::word_count(old) + markdown::word_count(new) > MAX_DIFF_WORDS {
        return (vec![span(Op::Delete, old)], vec![span(Op::Insert, new)]);
    }
    let diff = TextDiff::from_words(old, new);
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        let (op, sides): (Op, &mut [&mut Vec<Span>]) = match change.tag() {
            ChangeTag::Equal => (Op::Equal, &mut [&mut left, &mut right]),
            ChangeTag::Delete => (Op::Delete, &mut [&mut left]),
            ChangeTag::Insert => (Op::Insert, &mut [&mut right]),
        };
        for side in sides.iter_mut() {
            push_merged(side, op, change.value());
        }
    }
    (left, right)
}

/// Appends text, joining it to the last span when that has the same fate.
fn push_merged(spans: &mut Vec<Span>, op: Op, text: &str) {
    match spans.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => spans.push(span(op, text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(text: &str) -> Agent {
        Agent::read("a.md", text.as_bytes().to_vec()).expect("agent")
    }

    fn marked(spans: &[Span], op: Op) -> Vec<&str> {
        spans
            .iter()
            .filter(|s| s.op == op)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn word_diffs_mark_only_what_changed() {
        let (left, right) = word_diff("use the fast path now", "use the slow path now");
        assert_eq!(marked(&left, Op::Delete), vec!["fast"]);
        assert_eq!(marked(&right, Op::Insert), vec!["slow"]);
        let rebuilt: String = left.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(rebuilt, "use the fast path now");
    }

    #[test]
    fn pairs_align_sections_by_title() {
        let left = agent(
            "---\nname: a\ndescription: d\ntools: Read\n---\n## Intro\n\nHello there.\n\n## Only left\n\nx\n",
        );
        let right = agent(
            "---\nname: b\ndescription: d\n---\n## Only right\n\ny\n\n## Intro\n\nHello here.\n",
        );
        let sections = [left.body.as_str(), right.body.as_str()].map(markdown::sections);
        let diff = pair_diff(&left, &right, [&sections[0], &sections[1]]);
        let titles: Vec<(&str, bool, bool)> = diff
            .sections
            .iter()
            .map(|p| (p.title.as_str(), p.left.is_some(), p.right.is_some()))
            .collect();
        assert_eq!(
            titles,
            vec![
                ("Intro", true, true),
                ("Only left", true, false),
                ("Only right", false, true)
            ]
        );
        let intro = &diff.sections[0];
        assert_eq!(
            marked(intro.left.as_deref().unwrap_or_default(), Op::Delete),
            vec!["there."]
        );
        let tools = diff
            .fields
            .iter()
            .find(|f| f.field == "tools")
            .expect("tools");
        assert_eq!(
            (tools.left.as_str(), tools.right.as_str(), tools.same),
            ("Read", "inherits all tools", false)
        );
        assert!(diff.summary.same);
        assert_eq!(diff.differences(), 5);
    }
}
