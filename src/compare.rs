//! Comparison: the side-by-side matrix of a family's variants, with the rows that differ marked.

use serde::Serialize;

use crate::agent::Agent;
use crate::catalog::{Catalog, Family};
use crate::markdown;

/// One cell of the matrix: a line of text, or a list (tools, sections).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            items: Vec::new(),
        }
    }

    fn list(summary: impl Into<String>, items: Vec<String>) -> Cell {
        Cell {
            text: summary.into(),
            items,
        }
    }
}

/// One aspect of the agents, compared across the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub label: &'static str,
    pub cells: Vec<Cell>,
    /// True when not every variant has the same value.
    pub differs: bool,
}

/// How the model row reads for one agent.
pub fn model_label(agent: &Agent) -> String {
    match &agent.model {
        Some(model) => model.clone(),
        None => "inherit (not set)".to_string(),
    }
}

/// How the tools row reads for one agent, in short.
pub fn tools_label(agent: &Agent) -> String {
    match agent.tools.as_list() {
        None => "inherits all tools".to_string(),
        Some([]) => "no tools".to_string(),
        Some([one]) => format!("1 tool: {one}"),
        Some(list) => format!("{} tools", list.len()),
    }
}

/// The comparison matrix of a family, one column per member, in catalogue order.
pub fn matrix(catalog: &Catalog, family: &Family) -> Vec<Row> {
    let agents: Vec<&Agent> = family
        .members
        .iter()
        .map(|&i| &catalog.entries[i].agent)
        .collect();
    let row = |label: &'static str, cell: &dyn Fn(&Agent) -> Cell| {
        let cells: Vec<Cell> = agents.iter().map(|a| cell(a)).collect();
        let differs = cells.windows(2).any(|pair| pair[0] != pair[1]);
        Row {
            label,
            cells,
            differs,
        }
    };
    vec![
        row("Name", &|a| Cell::text(&a.name)),
        row("Model", &|a| Cell::text(model_label(a))),
        row("Tools", &|a| {
            Cell::list(
                tools_label(a),
                a.tools
                    .as_list()
                    .map(<[String]>::to_vec)
                    .unwrap_or_default(),
            )
        }),
        row("Color", &|a| {
            Cell::text(a.color.clone().unwrap_or_else(|| "none".to_string()))
        }),
        row("Examples", &|a| {
            Cell::text(a.description.examples.len().to_string())
        }),
        row("Return format", &|a| {
            Cell::text(match &a.return_format {
                Some(rf) => format!("yes: “{}”", rf.title),
                None => "none".to_string(),
            })
        }),
        row("Length", &|a| {
            Cell::text(format!(
                "{} words, ~{} tokens",
                a.word_count(),
                a.estimated_tokens()
            ))
        }),
        row("Sections", &|a| {
            let sections = markdown::outline(&a.body);
            Cell::list(format!("{}", sections.len()), sections)
        }),
        row("Warnings", &|a| Cell::text(a.diagnostics.len().to_string())),
    ]
}
