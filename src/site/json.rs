//! `agents.json`: the machine-readable catalogue at the site root, for scripts and for the
//! in-browser compare view.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::catalog::{Catalog, Entry};
use crate::read::agent::{Example, Role, Turn};
use crate::site::layout::{agent_path, raw_path};

/// `{"agents": [...]}`, each agent made as it is written: at 10,000 agents a list of them all
/// would take as much memory as the text.
struct AgentsJson<'a>(&'a Catalog);

impl Serialize for AgentsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("AgentsJson", 1)?;
        object.serialize_field("agents", &EachAgent(self.0))?;
        object.end()
    }
}

struct EachAgent<'a>(&'a Catalog);

impl Serialize for EachAgent<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let catalog = self.0;
        serializer.collect_seq(catalog.entries.iter().map(|e| agent_json(catalog, e)))
    }
}

#[derive(Serialize)]
struct AgentJson<'a> {
    id: &'a str,
    name: &'a str,
    source: &'a str,
    url: String,
    raw_url: String,
    summary: &'a str,
    /// The model as written; `inherit` when the file has none (`model_set` says which).
    model: &'a str,
    model_set: bool,
    /// `opus`, `sonnet`, `haiku`, `inherit` or `other`.
    model_tier: &'static str,
    /// `null` when the agent inherits every tool.
    tools: Option<&'a [String]>,
    disallowed_tools: Option<&'a [String]>,
    color: Option<&'a str>,
    examples: Vec<ExampleJson<'a>>,
    return_format: Option<&'a str>,
    family: &'a str,
    /// Other files with the same text, shown as this one.
    also_in: &'a [String],
    words: usize,
    tokens: usize,
    warnings: Vec<WarningJson<'a>>,
}

#[derive(Serialize)]
struct ExampleJson<'a> {
    context: Option<String>,
    user: Option<String>,
    assistant: Option<String>,
    commentary: Option<String>,
    /// Every part in the order written, for examples with several exchanges.
    turns: &'a [Turn],
}

impl<'a> ExampleJson<'a> {
    fn new(example: &'a Example) -> Self {
        ExampleJson {
            context: example.joined(Role::Context),
            user: example.joined(Role::User),
            assistant: example.joined(Role::Assistant),
            commentary: example.joined(Role::Commentary),
            turns: &example.turns,
        }
    }
}

#[derive(Serialize)]
struct WarningJson<'a> {
    kind: &'static str,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: &'a str,
}

/// The catalogue as compact JSON: it is read by programs, and at 10,000 agents indentation
/// would add megabytes to write and to download.
pub fn agents_json(catalog: &Catalog) -> serde_json::Result<String> {
    let mut json = serde_json::to_string(&AgentsJson(catalog))?;
    json.push('\n');
    Ok(json)
}

fn agent_json<'a>(catalog: &'a Catalog, entry: &'a Entry) -> AgentJson<'a> {
    let agent = &entry.agent;
    AgentJson {
        id: &entry.slug,
        name: &agent.name,
        source: &agent.path,
        url: agent_path(&entry.slug),
        raw_url: raw_path(&entry.slug),
        summary: &agent.description.summary,
        model: agent.model.as_deref().unwrap_or("inherit"),
        model_set: agent.model.is_some(),
        model_tier: agent.model_tier(),
        tools: agent.tools.as_list(),
        disallowed_tools: agent.disallowed_tools.as_deref(),
        color: agent.color.as_deref(),
        examples: agent
            .description
            .examples
            .iter()
            .map(ExampleJson::new)
            .collect(),
        return_format: agent.return_format.as_ref().map(|rf| rf.markdown.as_str()),
        family: &catalog.family_of(entry).slug,
        also_in: &entry.also_in,
        words: agent.word_count(),
        tokens: agent.estimated_tokens(),
        warnings: agent
            .diagnostics
            .iter()
            .map(|d| WarningJson {
                kind: d.kind,
                line: d.line,
                column: d.column,
                message: &d.message,
            })
            .collect(),
    }
}
