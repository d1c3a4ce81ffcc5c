//! `agents.json`: the machine-readable catalogue at the site root, for scripts and for the
//! in-browser compare view: `{"agents": [...], "marketplaces": [...]}`, each agent with the
//! plugins that ship it, each marketplace with its plugins.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::catalog::compare::verdict::Facts;
use crate::catalog::{Catalog, Entry};
use crate::config::Config;
use crate::read::agent::{Example, Role, Turn};
use crate::read::capability::Capabilities;
use crate::read::markdown;
use crate::read::marketplace::{Location, Person, Plugin};
use crate::read::trust::{Finding, Risk, quality};
use crate::site::layout::{agent_path, plugin_path, raw_path};
use crate::site::plugins::{add_command, install_command};

/// `{"agents": [...], "marketplaces": [...]}`, each agent made as it is written: at 10,000
/// agents a list of them all would take as much memory as the text.
struct AgentsJson<'a>(&'a Catalog, &'a Config);

impl Serialize for AgentsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("AgentsJson", 2)?;
        object.serialize_field("agents", &EachAgent(self.0))?;
        object.serialize_field("marketplaces", &marketplaces_json(self.0, self.1))?;
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
    /// The harness the file is written for (`claude-code`, `copilot`, ...).
    harness: crate::read::harness::Harness,
    /// What the agent can do, how that was decided, and the tool names that give it.
    capabilities: &'a Capabilities,
    /// `null` when the agent inherits every tool.
    tools: Option<&'a [String]>,
    disallowed_tools: Option<&'a [String]>,
    color: Option<&'a str>,
    examples: Vec<ExampleJson<'a>>,
    return_format: Option<&'a str>,
    family: &'a str,
    /// Other files shown as this one: the same text, or a plugin's prefixed copy.
    also_in: &'a [String],
    /// The plugins that ship the agent.
    plugins: Vec<AgentPluginJson<'a>>,
    words: usize,
    tokens: usize,
    warnings: Vec<WarningJson<'a>>,
    /// The trust findings, each with its rule, severity, line, column and matched text.
    findings: &'a [Finding],
    /// The findings' score and band.
    risk: Risk,
    /// The quality checklist's score, 0–100.
    quality: u32,
    /// What its verdict in the compare view is made of.
    verdict: Facts,
}

/// A plugin that ships an agent.
#[derive(Serialize)]
struct AgentPluginJson<'a> {
    plugin: &'a str,
    marketplace: Option<&'a str>,
    /// The agent's `name` in that plugin's copy.
    name: &'a str,
    /// The plugin's page.
    url: String,
    /// `/plugin install <plugin>@<marketplace>`, when the marketplace lists the plugin.
    install: Option<String>,
}

#[derive(Serialize)]
struct MarketplaceJson<'a> {
    name: Option<&'a str>,
    owner: Option<&'a Person>,
    description: Option<&'a str>,
    version: Option<&'a str>,
    /// Where the marketplace file is: `repository`, `agents` or `source` (with its folder).
    location: &'a Location,
    manifest: Option<&'a str>,
    /// `/plugin marketplace add <repository>`, when the repository is known.
    add: Option<String>,
    plugins: Vec<PluginJson<'a>>,
}

/// A plugin: its fields as read, its page, its install command and its agents.
#[derive(Serialize)]
struct PluginJson<'a> {
    #[serde(flatten)]
    plugin: &'a Plugin,
    url: String,
    install: Option<String>,
    /// The ids of its agents.
    agents: Vec<&'a str>,
}

fn marketplaces_json<'a>(catalog: &'a Catalog, config: &Config) -> Vec<MarketplaceJson<'a>> {
    let mut marketplaces: Vec<MarketplaceJson> = catalog
        .marketplaces
        .iter()
        .map(|m| MarketplaceJson {
            name: m.name.as_deref(),
            owner: m.owner.as_ref(),
            description: m.description.as_deref(),
            version: m.version.as_deref(),
            location: &m.location,
            manifest: m.manifest.as_deref(),
            add: add_command(config, m),
            plugins: Vec::new(),
        })
        .collect();
    for (index, listed) in catalog.plugins.iter().enumerate() {
        let plugin = catalog.plugin(index);
        marketplaces[listed.marketplace].plugins.push(PluginJson {
            plugin,
            url: plugin_path(&listed.slug),
            install: install_command(catalog.marketplace_of(index), plugin),
            agents: listed
                .members
                .iter()
                .map(|&e| catalog.entries[e].slug.as_str())
                .collect(),
        });
    }
    marketplaces
}

#[derive(Serialize)]
struct ExampleJson<'a> {
    context: Option<String>,
    user: Option<String>,
    assistant: Option<String>,
    commentary: Option<String>,
    /// Every part in the order written, only for an example whose parts the four fields above do
    /// not give back (a role that speaks more than once, or the roles in another order): the
    /// same text twice was most of `agents.json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    turns: Option<&'a [Turn]>,
}

impl<'a> ExampleJson<'a> {
    fn new(example: &'a Example) -> Self {
        ExampleJson {
            context: example.joined(Role::Context),
            user: example.joined(Role::User),
            assistant: example.joined(Role::Assistant),
            commentary: example.joined(Role::Commentary),
            turns: (!in_usual_order(&example.turns)).then_some(example.turns.as_slice()),
        }
    }
}

/// Whether each role speaks at most once, in the order context, user, assistant, commentary:
/// then the four fields of an example are all of it.
fn in_usual_order(turns: &[Turn]) -> bool {
    const ORDER: [Role; 4] = [Role::Context, Role::User, Role::Assistant, Role::Commentary];
    let positions: Vec<Option<usize>> = turns
        .iter()
        .map(|t| ORDER.iter().position(|r| *r == t.role))
        .collect();
    positions.iter().all(Option::is_some) && positions.windows(2).all(|w| w[0] < w[1])
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
pub fn agents_json(catalog: &Catalog, config: &Config) -> serde_json::Result<String> {
    let mut json = serde_json::to_string(&AgentsJson(catalog, config))?;
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
        raw_url: raw_path(&entry.slug, agent.harness),
        summary: &agent.description.summary,
        model: agent.model.as_deref().unwrap_or("inherit"),
        model_set: agent.model.is_some(),
        model_tier: agent.model_tier(),
        harness: agent.harness,
        capabilities: &agent.capabilities,
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
        plugins: entry
            .plugins
            .iter()
            .map(|m| {
                let marketplace = catalog.marketplace_of(m.plugin);
                let plugin = catalog.plugin(m.plugin);
                AgentPluginJson {
                    plugin: &plugin.name,
                    marketplace: marketplace.name.as_deref(),
                    name: &m.name,
                    url: plugin_path(&catalog.plugins[m.plugin].slug),
                    install: install_command(marketplace, plugin),
                }
            })
            .collect(),
        verdict: Facts::of(agent, &markdown::sections(&agent.body)),
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
        findings: &agent.findings,
        risk: Risk::of(&agent.findings),
        quality: quality::of(agent).score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(roles: &[Role]) -> Vec<Turn> {
        roles
            .iter()
            .map(|&role| Turn {
                role,
                text: "x".to_string(),
            })
            .collect()
    }

    #[test]
    fn turns_are_listed_only_when_the_four_fields_lose_their_order() {
        use Role::*;
        assert!(in_usual_order(&turns(&[
            Context, User, Assistant, Commentary
        ])));
        assert!(in_usual_order(&turns(&[User, Assistant])));
        assert!(!in_usual_order(&turns(&[User, Assistant, User, Assistant])));
        assert!(!in_usual_order(&turns(&[Assistant, User])));
    }
}
