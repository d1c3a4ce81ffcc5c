//! The verdict: "Pick this one if you want …", one line per variant of a family, made only of
//! facts the comparison shows, each phrase linking to the row or section it comes from.
//!
//! A fact goes into a variant's line when the variant is in the minority for it (at most half
//! of the variants share its value): the only one on Sonnet, one of two with a return format,
//! the shortest. The same [`Facts`] are in `agents.json`, and `static/compare.js` builds the
//! compare view's verdict from them with the same rules. A new kind of fact is one more field
//! in [`Facts`] and one more function in [`PHRASES`].

use serde::Serialize;

use crate::read::agent::Agent;
use crate::read::capability::Capability;
use crate::read::markdown::{self, Section};

use super::distinct::normalise;

/// What the verdict of one variant is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// The model tier (`opus`, `sonnet`, `haiku`, `inherit`), or the model as written (its first
    /// 24 characters) when it names none of them.
    pub model: String,
    /// How many tools the file lists; `None` when it inherits every tool.
    pub tools: Option<usize>,
    /// What it can do, as [`Capability::id`]s in [`Capability::ALL`] order.
    pub capabilities: Vec<&'static str>,
    /// The shape of its return format ("a 7-point list"), when it has one.
    pub return_shape: Option<String>,
    pub examples: usize,
    pub tokens: usize,
    /// Its section titles, normalised as sections are compared across variants.
    pub sections: Vec<String>,
    /// Equal for variants that are the same file except for their name.
    pub key: String,
}

impl Facts {
    /// The facts of `agent`, whose body's sections are `sections`.
    pub fn of(agent: &Agent, sections: &[Section]) -> Facts {
        let tier = agent.model_tier();
        let mut titles: Vec<String> = Vec::new();
        for title in sections.iter().filter_map(|s| s.title.as_deref()) {
            let title = normalise(title);
            if !titles.contains(&title) {
                titles.push(title);
            }
        }
        Facts {
            model: match (tier, &agent.model) {
                ("other", Some(model)) => markdown::plain_excerpt(model, 24),
                _ => tier.to_string(),
            },
            tools: agent.tools.as_list().map(<[String]>::len),
            capabilities: agent.capabilities.set.iter().map(|c| c.id()).collect(),
            return_shape: agent
                .return_format
                .as_ref()
                .map(|rf| shape(markdown::without_title(&rf.markdown))),
            examples: agent.description.examples.len(),
            tokens: agent.estimated_tokens(),
            sections: titles,
            key: key_of(agent),
        }
    }
}

/// [`Facts::key`]: a hash of the file without its name.
pub fn key_of(agent: &Agent) -> String {
    let key = agent
        .source
        .unnamed_key
        .unwrap_or(agent.source.duplicate_key);
    format!("{:016x}", (key >> 64) as u64 ^ key as u64)
}

/// What a return format looks like: "a JSON template", "a plain-text template", "a 7-point
/// list", "3 headed parts" or "prose".
pub fn shape(markdown: &str) -> String {
    let mut points = 0;
    let mut headings = 0;
    for line in markdown.lines() {
        if let Some(info) = line
            .strip_prefix("```")
            .or_else(|| line.strip_prefix("~~~"))
        {
            let language = info.trim().to_ascii_lowercase();
            return match language.as_str() {
                "json" | "jsonc" => "a JSON template".to_string(),
                "yaml" | "yml" => "a YAML template".to_string(),
                "xml" => "an XML template".to_string(),
                "markdown" | "md" => "a Markdown template".to_string(),
                _ => "a plain-text template".to_string(),
            };
        }
        let point = line.starts_with("- ")
            || line.starts_with("* ")
            || line.starts_with("+ ")
            || line.split_once(['.', ')']).is_some_and(|(n, rest)| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' ')
            });
        points += usize::from(point);
        headings += usize::from(line.starts_with('#'));
    }
    match (points, headings) {
        (0, 0) => "prose".to_string(),
        (0, 1) => "1 headed part".to_string(),
        (0, n) => format!("{n} headed parts"),
        (n, _) => format!("a {n}-point list"),
    }
}

/// One phrase of a verdict and the id of the element on the family page it comes from: a row
/// of the matrix (`row_model`) or a variant's section (`rf_2`, `distinct_2`, numbered from 1 by
/// column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phrase {
    pub text: String,
    pub target: String,
}

/// The verdict of one column: the variants it stands for (several when they are the same file
/// but for their name) and its phrases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Indices into the family's members.
    pub members: Vec<usize>,
    pub phrases: Vec<Phrase>,
}

/// The ids a verdict's phrases link to, besides the per-column ones.
pub const ROW_IDS: &[&str] = &["row_model", "row_tools", "row_examples", "row_length"];

/// At most this many phrases, and this many characters of them, per line: two short lines.
const MAX_PHRASES: usize = 4;
const MAX_CHARS: usize = 120;

/// A fact about the variant at `index` among `all`, as a phrase, when it sets it apart.
type PhraseOf = fn(all: &[Facts], index: usize) -> Option<Phrase>;

/// The facts a verdict says, in the order it says them.
const PHRASES: &[PhraseOf] = &[
    model,
    tools,
    capability,
    return_format,
    examples,
    length,
    sections,
];

/// Whether `count` of `n` variants is a minority worth naming: at most half, not all.
fn minority(count: usize, n: usize) -> bool {
    count * 2 <= n && count < n
}

fn sharing<T: PartialEq>(all: &[Facts], index: usize, value: impl Fn(&Facts) -> T) -> usize {
    let own = value(&all[index]);
    all.iter().filter(|f| value(f) == own).count()
}

fn phrase(text: impl Into<String>, target: impl Into<String>) -> Option<Phrase> {
    Some(Phrase {
        text: text.into(),
        target: target.into(),
    })
}

fn model(all: &[Facts], index: usize) -> Option<Phrase> {
    if !minority(sharing(all, index, |f| f.model.clone()), all.len()) {
        return None;
    }
    let text = match all[index].model.as_str() {
        "opus" => "the Opus model".to_string(),
        "sonnet" => "the Sonnet model".to_string(),
        "haiku" => "the Haiku model".to_string(),
        "inherit" => "the session’s model".to_string(),
        other => format!("the model “{other}”"),
    };
    phrase(text, "row_model")
}

fn tools(all: &[Facts], index: usize) -> Option<Phrase> {
    if !minority(sharing(all, index, |f| f.tools.is_some()), all.len()) {
        return None;
    }
    let text = match all[index].tools {
        None => "every tool (inherited)".to_string(),
        Some(0) => "no tools".to_string(),
        Some(1) => "1 listed tool only".to_string(),
        Some(n) => format!("{n} listed tools only"),
    };
    phrase(text, "row_tools")
}

/// The first capability in which the variant is in the minority: one it alone has, or one it
/// alone lacks.
fn capability(all: &[Facts], index: usize) -> Option<Phrase> {
    Capability::ALL.into_iter().find_map(|capability| {
        let id = capability.id();
        let has = |f: &Facts| f.capabilities.contains(&id);
        if !minority(sharing(all, index, has), all.len()) {
            return None;
        }
        let (with, without) = nouns(capability);
        let text = if has(&all[index]) { with } else { without };
        phrase(text, format!("row_cap_{id}"))
    })
}

/// A capability as what one wants: with it, and without it.
fn nouns(capability: Capability) -> (&'static str, &'static str) {
    match capability {
        Capability::Read => ("file reading", "no file reading"),
        Capability::Edit => ("file editing", "no file editing"),
        Capability::Shell => ("shell commands", "no shell commands"),
        Capability::Search => ("file search", "no file search"),
        Capability::Web => ("web access", "no web access"),
        Capability::Spawn => ("sub-agents", "no sub-agents"),
        Capability::Mcp => ("MCP tools", "no MCP tools"),
        Capability::Todo => ("a to-do list", "no to-do list"),
    }
}

fn return_format(all: &[Facts], index: usize) -> Option<Phrase> {
    let shape = all[index].return_shape.as_ref()?;
    if !minority(sharing(all, index, |f| f.return_shape.is_some()), all.len()) {
        return None;
    }
    phrase(
        format!("its return format ({shape})"),
        format!("rf_{}", index + 1),
    )
}

fn examples(all: &[Facts], index: usize) -> Option<Phrase> {
    let most = all.iter().map(|f| f.examples).max()?;
    let own = all[index].examples;
    if own == 0 || own < most || !minority(sharing(all, index, |f| f.examples), all.len()) {
        return None;
    }
    let text = match own {
        1 => "the only example".to_string(),
        n => format!("the most examples ({n})"),
    };
    phrase(text, "row_examples")
}

fn length(all: &[Facts], index: usize) -> Option<Phrase> {
    let own = all[index].tokens;
    if sharing(all, index, |f| f.tokens) > 1 {
        return None;
    }
    let which = if all.iter().all(|f| f.tokens >= own) {
        "shortest"
    } else if all.iter().all(|f| f.tokens <= own) {
        "longest"
    } else {
        return None;
    };
    phrase(format!("the {which} prompt (~{own} tokens)"), "row_length")
}

/// How many section titles no other variant has: the family page lists those sections.
fn sections(all: &[Facts], index: usize) -> Option<Phrase> {
    let only = all[index]
        .sections
        .iter()
        .filter(|title| {
            all.iter()
                .enumerate()
                .all(|(other, f)| other == index || !f.sections.contains(title))
        })
        .count();
    let text = match only {
        0 => return None,
        1 => "1 section no other has".to_string(),
        n => format!("{n} sections no other has"),
    };
    phrase(text, format!("distinct_{}", index + 1))
}

/// The phrases of each of `all`, in order.
pub fn phrases(all: &[Facts]) -> Vec<Vec<Phrase>> {
    (0..all.len())
        .map(|index| {
            let mut chosen: Vec<Phrase> = Vec::new();
            let mut chars = 0;
            for found in PHRASES.iter().filter_map(|fact| fact(all, index)) {
                let length = found.text.chars().count();
                if chosen.len() == MAX_PHRASES || chars + length > MAX_CHARS {
                    break;
                }
                chars += length;
                chosen.push(found);
            }
            chosen
        })
        .collect()
}

/// The members of a family grouped by [`Facts::key`]: each group is one column of the
/// comparison, in the order of its first member.
pub fn groups(facts: &[Facts]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (index, own) in facts.iter().enumerate() {
        match groups.iter_mut().find(|g| facts[g[0]].key == own.key) {
            Some(group) => group.push(index),
            None => groups.push(vec![index]),
        }
    }
    groups
}

/// A line as plain text, as the page reads without its links.
pub fn sentence(phrases: &[Phrase]) -> String {
    let texts: Vec<&str> = phrases.iter().map(|p| p.text.as_str()).collect();
    match texts.split_last() {
        None => "Nothing compared below sets it apart.".to_string(),
        Some((last, [])) => format!("Pick this one if you want {last}."),
        Some((last, rest)) => format!("Pick this one if you want {} and {last}.", rest.join(", ")),
    }
}

/// Members named in a "same agent" sentence; the others are counted.
const SAME_NAMED: usize = 3;

/// "a and b are the same agent except for their name." for a group of several members, whose
/// labels are `labels`; `same_name` when they share their `name` too.
pub fn same_except(labels: &[&str], same_name: bool) -> Option<String> {
    let (last, rest) = labels.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let what = if same_name { "location" } else { "name" };
    // A generated family can have hundreds of renamed copies: name three, count the rest.
    let named = if labels.len() > SAME_NAMED + 1 {
        format!(
            "{} and {} others",
            labels[..SAME_NAMED].join(", "),
            labels.len() - SAME_NAMED
        )
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    Some(format!(
        "{named} are the same agent except for their {what}."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::catalog::compare::{members, sections_of};

    fn seeds() -> (Catalog, Vec<Facts>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agents");
        let loaded = crate::read::load(&root).expect("the seeds load");
        let catalog = Catalog::new(loaded.agents);
        let agents = members(&catalog, &catalog.families[0]);
        let sections = sections_of(&agents);
        let facts = agents
            .iter()
            .zip(&sections)
            .map(|(a, s)| Facts::of(a, s))
            .collect();
        (catalog, facts)
    }

    #[test]
    fn the_seeds_verdict_names_what_sets_each_apart() {
        let (catalog, facts) = seeds();
        let family = &catalog.families[0];
        let lines: Vec<(String, String, Vec<String>)> = phrases(&facts)
            .iter()
            .enumerate()
            .map(|(index, phrases)| {
                let entry = &catalog.entries[family.members[index]];
                let targets = phrases.iter().map(|p| p.target.clone()).collect();
                (entry.label.clone(), sentence(phrases), targets)
            })
            .collect();
        let expect = |label: &str, text: &str, targets: &[&str]| {
            (
                label.to_string(),
                text.to_string(),
                targets.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            lines,
            vec![
                expect(
                    "backend-developer",
                    "Pick this one if you want its return format (a 7-point list) and 3 sections no other has.",
                    &["rf_1", "distinct_1"],
                ),
                expect(
                    "backend-engineer-hyper-focused",
                    "Pick this one if you want the Sonnet model, the shortest prompt (~956 tokens) and 5 sections no other has.",
                    &["row_model", "row_length", "distinct_2"],
                ),
                expect(
                    "backend-engineer-senior",
                    "Pick this one if you want 8 listed tools only, no sub-agents, its return format (a plain-text template) and the longest prompt (~2140 tokens).",
                    &["row_tools", "row_cap_spawn", "rf_3", "row_length"],
                ),
                expect(
                    "backend-engineer",
                    "Pick this one if you want 4 sections no other has.",
                    &["distinct_4"],
                ),
                expect(
                    "backend-reliability-engineer",
                    "Pick this one if you want 5 sections no other has.",
                    &["distinct_5"],
                ),
            ]
        );
    }

    #[test]
    fn shapes_of_return_formats() {
        assert_eq!(
            shape("Give:\n- a\n- b\n  - nested\n3. c\n"),
            "a 3-point list"
        );
        assert_eq!(shape("```json\n{}\n```\n- a\n"), "a JSON template");
        assert_eq!(shape("```\nX:\n```\n"), "a plain-text template");
        assert_eq!(shape("### One\ntext\n### Two\n"), "2 headed parts");
        assert_eq!(shape("Just say it.\n"), "prose");
    }

    #[test]
    fn variants_that_differ_in_their_name_only_are_one_group() {
        let (_, mut facts) = seeds();
        let mut copy = facts[1].clone();
        copy.tokens += 1;
        facts.push(copy);
        assert_eq!(
            groups(&facts),
            vec![vec![0], vec![1, 5], vec![2], vec![3], vec![4]]
        );
        assert_eq!(
            same_except(&["a", "b", "c"], false).as_deref(),
            Some("a, b and c are the same agent except for their name.")
        );
        assert_eq!(same_except(&["a"], false), None);
        assert_eq!(
            same_except(&["a", "b", "c", "d", "e"], true).as_deref(),
            Some("a, b, c and 2 others are the same agent except for their location.")
        );
    }

    #[test]
    fn nothing_said_when_nothing_sets_a_variant_apart() {
        let (_, facts) = seeds();
        let twins = vec![facts[3].clone(), facts[3].clone()];
        assert_eq!(phrases(&twins), vec![Vec::new(), Vec::new()]);
        assert_eq!(sentence(&[]), "Nothing compared below sets it apart.");
    }
}
