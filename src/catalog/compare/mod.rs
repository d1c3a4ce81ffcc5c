//! Comparison: what tells a family's variants apart, computed from their models.
//!
//! A family page shows a matrix (one column per variant, aligned rows, one row per tool), what is
//! distinctive about each variant, their examples and return formats side by side, and a
//! similarity map. [`diff`] compares two variants word by word.

pub mod diff;
mod distinct;
pub mod verdict;

use std::borrow::Cow;

use serde::Serialize;

use crate::catalog::{Catalog, Family};
use crate::read::agent::{Agent, Role, Tools};
use crate::read::capability::{Capability, Grant};
use crate::read::markdown::{self, Section, Slugger};
pub use distinct::{Distinctive, distinctive};
use verdict::Facts;

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// What the cell says.
    pub text: String,
    /// A list under the text (sections).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// A CSS color for a swatch, when the cell is a safe color.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swatch: Option<String>,
    /// What the cell means, for deciding whether a row differs: "inherit (not set)" and
    /// "inherit" mean the same model.
    #[serde(skip)]
    value: String,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            value: text.clone(),
            text,
            items: Vec::new(),
            swatch: None,
        }
    }

    fn valued(text: impl Into<String>, value: impl Into<String>) -> Cell {
        Cell {
            value: value.into(),
            ..Cell::text(text)
        }
    }
}

/// One aspect of the agents, compared across the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// A stable name for templates: `name`, `model`, `tools`, `tool`, `color`, ...
    pub key: &'static str,
    /// The row's id on the family page: `row_<key>`, `row_cap_<capability>`, `row_tool_<n>`.
    pub id: String,
    pub label: String,
    pub cells: Vec<Cell>,
    /// True when not every variant has the same value.
    pub differs: bool,
    /// Shown unfolded: it differs, or it is in the group of a capability whose rows differ
    /// (a capability row and its tools' rows stay together).
    pub open: bool,
}

fn row(key: &'static str, label: impl Into<String>, cells: Vec<Cell>) -> Row {
    let differs = cells.windows(2).any(|pair| pair[0].value != pair[1].value);
    Row {
        key,
        id: format!("row_{key}"),
        label: label.into(),
        cells,
        differs,
        open: differs,
    }
}

/// How the model reads for one agent.
pub fn model_label(agent: &Agent) -> String {
    match &agent.model {
        Some(model) => model.clone(),
        None => "inherit (not set)".to_string(),
    }
}

/// How the tools read for one agent, in short.
pub fn tools_label(agent: &Agent) -> String {
    match agent.tools.as_list() {
        None => "inherits all tools".to_string(),
        Some([]) => "no tools".to_string(),
        Some([one]) => format!("1 tool: {one}"),
        Some(list) => format!("{} tools", list.len()),
    }
}

/// A color that is safe to put in an attribute: a CSS color keyword or a hex value.
pub fn css_color(name: &str) -> Option<String> {
    let value = name.trim().to_ascii_lowercase();
    let keyword = (3..=20).contains(&value.len()) && value.chars().all(|c| c.is_ascii_lowercase());
    let hex = value.strip_prefix('#').is_some_and(|digits| {
        matches!(digits.len(), 3 | 4 | 6 | 8) && digits.chars().all(|c| c.is_ascii_hexdigit())
    });
    (keyword || hex).then_some(value)
}

/// The agents of a family, in catalogue order.
pub fn members<'a>(catalog: &'a Catalog, family: &Family) -> Vec<&'a Agent> {
    family
        .members
        .iter()
        .map(|&i| &catalog.entries[i].agent)
        .collect()
}

/// Each agent's body split into sections ([`markdown::sections`]): a family's are parsed once,
/// for its matrix, its distinctive content and its pair diffs.
pub fn sections_of(agents: &[&Agent]) -> Vec<Vec<Section>> {
    agents.iter().map(|a| markdown::sections(&a.body)).collect()
}

/// The comparison matrix: one column per agent, one row per aspect, and one row per tool that
/// any of them lists. `sections` are the agents' ([`sections_of`]).
pub fn matrix(agents: &[&Agent], sections: &[Vec<Section>]) -> Vec<Row> {
    let cells = |cell: &dyn Fn(&Agent) -> Cell| agents.iter().map(|a| cell(a)).collect();
    let mut rows = vec![
        row("name", "Name", cells(&|a| Cell::text(&a.name))),
        row(
            "harness",
            "Harness",
            cells(&|a| Cell::text(a.harness.name())),
        ),
        row(
            "model",
            "Model",
            cells(&|a| Cell::valued(model_label(a), a.model.as_deref().unwrap_or("inherit"))),
        ),
        row("tools", "Tools", cells(&|a| Cell::text(tools_label(a)))),
    ];
    rows.extend(capability_rows(agents));
    rows.extend([
        row(
            "color",
            "Color",
            cells(&|a| match &a.color {
                Some(color) => Cell {
                    swatch: css_color(color),
                    ..Cell::text(color)
                },
                None => Cell::text("none"),
            }),
        ),
        row(
            "examples",
            "Examples",
            cells(&|a| Cell::text(a.description.examples.len().to_string())),
        ),
        row(
            "return_format",
            "Return format",
            cells(&|a| match &a.return_format {
                Some(rf) => Cell::text(format!("yes: “{}”", rf.title)),
                None => Cell::text("none"),
            }),
        ),
        row(
            "length",
            "Length",
            cells(&|a| {
                Cell::text(format!(
                    "{} words, ~{} tokens",
                    a.word_count(),
                    a.estimated_tokens()
                ))
            }),
        ),
        row(
            "sections",
            "Sections",
            sections
                .iter()
                .map(|list| {
                    let titles = markdown::outline(list);
                    let text = match titles.len() {
                        1 => "1 section".to_string(),
                        n => format!("{n} sections"),
                    };
                    Cell {
                        items: titles,
                        ..Cell::text(text)
                    }
                })
                .collect(),
        ),
        row(
            "warnings",
            "Warnings",
            cells(&|a| Cell::text(a.diagnostics.len().to_string())),
        ),
    ]);
    rows
}

/// The capability a tool gives, as the variants' own harnesses read it (a tool name gives the
/// same capability wherever it is written).
fn capability_of(agents: &[&Agent], tool: &str) -> Option<Capability> {
    agents.iter().find_map(|agent| {
        agent
            .capabilities
            .named
            .iter()
            .find(|(_, names)| names.iter().any(|name| name == tool))
            .map(|(capability, _)| *capability)
    })
}

/// One row per capability any agent has ("yes", "yes (inherited)" or "no"), each followed by a
/// row per listed tool that gives it; then the listed tools that give none.
fn capability_rows(agents: &[&Agent]) -> Vec<Row> {
    let mut tools: Vec<&str> = Vec::new();
    for agent in agents {
        for tool in agent.tools.as_list().unwrap_or_default() {
            if !tools.contains(&tool.as_str()) {
                tools.push(tool);
            }
        }
    }
    let tool_rows_of = |capability: Option<Capability>| {
        tools
            .iter()
            .enumerate()
            .filter(move |(_, tool)| capability_of(agents, tool) == capability)
            .map(|(n, tool)| Row {
                id: format!("row_tool_{}", n + 1),
                ..tool_row(agents, tool)
            })
    };
    let mut rows = Vec::new();
    for capability in Capability::ALL {
        if !agents.iter().any(|a| a.capabilities.has(capability)) {
            continue;
        }
        let cells = agents
            .iter()
            .map(
                |a| match (a.capabilities.has(capability), &a.capabilities.grant) {
                    (true, Grant::Listed) => Cell::valued("yes", "yes"),
                    (true, Grant::Inherited) => Cell::valued("yes (inherited)", "yes"),
                    (true, Grant::HarnessDefault) => Cell::valued("yes (harness default)", "yes"),
                    (true, Grant::Sandbox { mode }) => {
                        Cell::valued(format!("yes (sandbox {mode})"), "yes")
                    }
                    (false, _) => Cell::text("no"),
                },
            )
            .collect();
        let phrase = capability.phrase();
        let label = phrase[..1].to_uppercase() + &phrase[1..];
        let mut group = vec![Row {
            id: format!("row_cap_{}", capability.id()),
            ..row("capability", label, cells)
        }];
        group.extend(tool_rows_of(Some(capability)));
        let open = group.iter().any(|r| r.differs);
        rows.extend(group.into_iter().map(|r| Row { open, ..r }));
    }
    rows.extend(tool_rows_of(None));
    rows
}

/// The row of one tool: ✓ where listed, – where not, and "all (inherited)" for an agent without
/// a tools field, which may use every tool.
fn tool_row(agents: &[&Agent], tool: &str) -> Row {
    let cells = agents
        .iter()
        .map(|agent| match &agent.tools {
            // Only a harness that gives every tool to an agent without a list lets it use this
            // one (Codex and Cursor have no tool list at all).
            Tools::Inherit if agent.capabilities.grant == Grant::Inherited => {
                Cell::text("all (inherited)")
            }
            Tools::Inherit => Cell::text("–"),
            Tools::List(list) if list.iter().any(|t| t == tool) => Cell::text("✓"),
            Tools::List(_) => Cell::text("–"),
        })
        .collect();
    row("tool", tool, cells)
}

/// What a variant's examples claim: the user requests it is meant for.
pub fn claimed_requests(agent: &Agent) -> Vec<String> {
    agent
        .description
        .examples
        .iter()
        .filter_map(|example| {
            example
                .joined(Role::User)
                .or_else(|| example.joined(Role::Context))
        })
        .collect()
}

/// A family's comparison, everything its page shows except the cards.
#[derive(Debug, Clone, Serialize)]
pub struct FamilyComparison {
    /// The member each column shows: members that are the same file except for their name
    /// share one column (the first of them). Everything below is per column.
    pub columns: Vec<usize>,
    /// Per column: what its verdict is made of.
    pub facts: Vec<Facts>,
    /// Per column: the members it stands for and its "Pick this one if" phrases.
    pub verdict: Vec<verdict::Line>,
    pub rows: Vec<Row>,
    pub differing_rows: usize,
    /// Rows folded by default: those that are not [`Row::open`].
    pub folded_rows: usize,
    /// Per member: the values in which it stands alone ("model: sonnet").
    pub standouts: Vec<Vec<String>>,
    /// Per member, in order.
    pub distinctive: Vec<Distinctive>,
    /// Per member: the user requests its examples claim.
    pub requests: Vec<Vec<String>>,
    /// Per member: the return format's title and HTML.
    pub return_formats: Vec<Option<(String, String)>>,
    /// Pairwise similarity in percent, or empty when the family is too large for a map.
    pub similarity: Vec<Vec<u8>>,
}

impl FamilyComparison {
    /// The columns in `range` only, for one page of a large family: rows keep whether they
    /// differ across the whole family, the verdict keeps every column, and the similarity map
    /// is left out (it needs every column).
    pub fn page(&self, range: std::ops::Range<usize>) -> FamilyComparison {
        let whole = range.len() == self.columns.len();
        FamilyComparison {
            columns: self.columns[range.clone()].to_vec(),
            facts: self.facts[range.clone()].to_vec(),
            verdict: self.verdict.clone(),
            rows: self
                .rows
                .iter()
                .map(|row| Row {
                    cells: row.cells[range.clone()].to_vec(),
                    ..row.clone()
                })
                .collect(),
            differing_rows: self.differing_rows,
            folded_rows: self.folded_rows,
            standouts: self.standouts[range.clone()].to_vec(),
            distinctive: self.distinctive[range.clone()].to_vec(),
            requests: self.requests[range.clone()].to_vec(),
            return_formats: self.return_formats[range].to_vec(),
            similarity: if whole {
                self.similarity.clone()
            } else {
                Vec::new()
            },
        }
    }
}

/// Families larger than this get no similarity map: it would be wider than any screen.
const MAX_MAP_MEMBERS: usize = 16;

/// Ids the family page uses for its own sections and headings.
const FAMILY_PAGE_IDS: &[&str] = &[
    "main",
    "distinctive",
    "matrix",
    "matrix-caption",
    "requests",
    "return-formats",
    "similarity",
    "similarity-caption",
    "diffs",
    "variants",
    "verdict",
    "same-rows",
];

/// Compares the members of a family; `sections` are theirs ([`sections_of`]).
pub fn compare_family(agents: &[&Agent], sections: &[Vec<Section>]) -> FamilyComparison {
    let facts: Vec<Facts> = agents
        .iter()
        .zip(sections)
        .map(|(a, s)| Facts::of(a, s))
        .collect();
    let groups = verdict::groups(&facts);
    let columns: Vec<usize> = groups.iter().map(|g| g[0]).collect();
    let facts: Vec<Facts> = columns.iter().map(|&i| facts[i].clone()).collect();
    let (agents, sections): (Vec<&Agent>, Cow<[Vec<Section>]>) = if columns.len() == agents.len() {
        (agents.to_vec(), Cow::Borrowed(sections))
    } else {
        (
            columns.iter().map(|&i| agents[i]).collect(),
            Cow::Owned(columns.iter().map(|&i| sections[i].clone()).collect()),
        )
    };
    let rows = matrix(&agents, &sections);
    // Every return format is on one page: their heading ids must not collide.
    let mut slugger = Slugger::reserving(FAMILY_PAGE_IDS);
    FamilyComparison {
        verdict: groups
            .into_iter()
            .zip(verdict::phrases(&facts))
            .map(|(members, phrases)| verdict::Line { members, phrases })
            .collect(),
        columns,
        facts,
        differing_rows: rows.iter().filter(|r| r.differs).count(),
        folded_rows: rows.iter().filter(|r| !r.open).count(),
        standouts: standouts(&rows, agents.len()),
        rows,
        distinctive: distinctive(&agents, &sections),
        requests: agents.iter().map(|a| claimed_requests(a)).collect(),
        return_formats: agents
            .iter()
            .map(|a| {
                let html = a.return_format_html(&mut slugger)?;
                a.return_format.as_ref().map(|rf| (rf.title.clone(), html))
            })
            .collect(),
        similarity: if agents.len() <= MAX_MAP_MEMBERS {
            similarity_map(&agents)
        } else {
            Vec::new()
        },
    }
}

/// The rows whose values say what a variant is; length, sections and single tools are left to
/// the matrix.
const STANDOUT_ROWS: &[&str] = &[
    "name",
    "model",
    "tools",
    "color",
    "examples",
    "return_format",
];

/// For each member, the rows in which its value is its alone ("model: sonnet"), skipping rows
/// where every member differs from every other (nothing stands out there).
pub fn standouts(rows: &[Row], members: usize) -> Vec<Vec<String>> {
    let mut found = vec![Vec::new(); members];
    for row in rows.iter().filter(|r| STANDOUT_ROWS.contains(&r.key)) {
        let count = |value: &str| row.cells.iter().filter(|c| c.value == value).count();
        let all_distinct = row.cells.iter().all(|c| count(&c.value) == 1);
        if all_distinct && members > 2 {
            continue;
        }
        for (index, cell) in row.cells.iter().enumerate() {
            if count(&cell.value) == 1 {
                found[index].push(format!("{}: {}", row.label.to_lowercase(), cell.text));
            }
        }
    }
    found
}

/// Pairwise similarity of the family's members, in whole percent; the diagonal is 100.
pub fn similarity_map(agents: &[&Agent]) -> Vec<Vec<u8>> {
    agents
        .iter()
        .map(|a| {
            agents
                .iter()
                .map(|b| {
                    let score = (a.signature.similarity(&b.signature) * 100.0).round();
                    score.clamp(0.0, 100.0) as u8
                })
                .collect()
        })
        .collect()
}

/// The pairs of members the family page offers to diff: every pair in a small family; in a large
/// one, each member with its closest sibling (a family of 30 would otherwise list 435).
pub fn diff_pairs(catalog: &Catalog, family: &Family) -> Vec<(usize, usize)> {
    const ALL_PAIRS_UP_TO: usize = 8;
    let members = &family.members;
    let mut pairs = Vec::new();
    if members.len() <= ALL_PAIRS_UP_TO {
        for (k, &a) in members.iter().enumerate() {
            pairs.extend(members[k + 1..].iter().map(|&b| (a, b)));
        }
        return pairs;
    }
    for &a in members {
        let closest = catalog.entries[a]
            .relatives
            .iter()
            .find(|(b, _)| members.contains(b));
        if let Some(&(b, _)) = closest {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The one pair of a family whose diff is written as a page, so that it can be read without
/// JavaScript: the two most similar members among [`diff_pairs`] (the first such pair on a tie).
/// Every other pair is diffed in the browser by the picker from the two raw files: one page per
/// pair would make pair diffs most of a large catalogue's size.
pub fn written_diff(catalog: &Catalog, family: &Family) -> Option<(usize, usize)> {
    closest_pair(catalog, &diff_pairs(catalog, family))
}

/// The most similar of `pairs` (the first such pair on a tie): [`written_diff`] of the family
/// whose [`diff_pairs`] they are.
pub fn closest_pair(catalog: &Catalog, pairs: &[(usize, usize)]) -> Option<(usize, usize)> {
    let similarity = |&(a, b): &(usize, usize)| {
        let entries = &catalog.entries;
        entries[a]
            .agent
            .signature
            .similarity(&entries[b].agent.signature)
    };
    pairs
        .iter()
        .rev()
        .max_by(|x, y| similarity(x).total_cmp(&similarity(y)))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(text: &str) -> Agent {
        Agent::read("a.md", text.as_bytes().to_vec()).expect("agent")
    }

    #[test]
    fn capability_rows_compare_variants_of_different_harnesses() {
        let claude = agent("---\nname: a\ndescription: d\ntools: Read, Bash\n---\n");
        let codex = Agent::read(
            "x.toml",
            b"name = \"a\"\ndescription = \"d\"\nsandbox_mode = \"read-only\"\ndeveloper_instructions = \"x\"\n".to_vec(),
        )
        .expect("agent");
        let agents = [&claude, &codex];
        let rows = matrix(&agents, &sections_of(&agents));
        let text = |key: &str, label: &str| -> Vec<String> {
            rows.iter()
                .find(|r| r.key == key && r.label == label)
                .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(text("harness", "Harness"), ["Claude Code", "Codex"]);
        assert_eq!(
            text("capability", "Reads files"),
            ["yes", "yes (sandbox read-only)"]
        );
        assert_eq!(text("capability", "Runs shell commands"), ["yes", "no"]);
        assert_eq!(text("tool", "Bash"), ["✓", "–"]);
    }

    #[test]
    fn tool_rows_mark_listed_missing_and_inherited() {
        let a = agent("---\nname: a\ndescription: d\ntools: Read, Bash\n---\n");
        let b = agent("---\nname: b\ndescription: d\ntools: Read\n---\n");
        let c = agent("---\nname: c\ndescription: d\n---\n");
        let agents = [&a, &b, &c];
        let rows = matrix(&agents, &sections_of(&agents));
        let tool_rows: Vec<(&str, Vec<&str>, bool)> = rows
            .iter()
            .filter(|r| r.key == "tool")
            .map(|r| {
                let cells = r.cells.iter().map(|c| c.text.as_str()).collect();
                (r.label.as_str(), cells, r.differs)
            })
            .collect();
        assert_eq!(
            tool_rows,
            vec![
                ("Read", vec!["✓", "✓", "all (inherited)"], true),
                ("Bash", vec!["✓", "–", "all (inherited)"], true),
            ]
        );
    }

    #[test]
    fn an_unset_model_and_inherit_do_not_differ() {
        let a = agent("---\nname: a\ndescription: d\nmodel: inherit\n---\n");
        let b = agent("---\nname: b\ndescription: d\n---\n");
        let agents = [&a, &b];
        let rows = matrix(&agents, &sections_of(&agents));
        let model = rows.iter().find(|r| r.key == "model").expect("model row");
        assert_eq!(model.cells[0].text, "inherit");
        assert_eq!(model.cells[1].text, "inherit (not set)");
        assert!(!model.differs);
        let name = rows.iter().find(|r| r.key == "name").expect("name row");
        assert!(name.differs);
    }

    #[test]
    fn only_plain_colors_become_css() {
        assert_eq!(css_color("Orange"), Some("orange".to_string()));
        assert_eq!(css_color("#F59E0B"), Some("#f59e0b".to_string()));
        assert_eq!(css_color("red\" onload=\"x"), None);
        assert_eq!(css_color("url(x)"), None);
    }
}
