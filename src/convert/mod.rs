//! Conversion: an agent, as read from its harness's file, written as the file another harness
//! reads, with notes on what the conversion changed or lost. A stage after `read` (it uses only
//! the [`Agent`] model) and before `site` (every agent page offers each harness's file, and
//! `agentdex convert` writes them).
//!
//! A converted file is a head, the agent's body as written, and a tail, wherever the target's
//! syntax lets the body stand verbatim (every Markdown harness; Codex's TOML when a literal
//! string can hold it), so that a page can rebuild the file from the raw file it already shows.
//!
//! | module | owns |
//! |---|---|
//! | `keys` | the one table of frontmatter keys across harnesses (`maxTurns`, `max_turns`, ...) |
//! | `tools` | what an agent's tools become in another harness, with the notes |
//! | `frontmatter` | the writers of the Markdown harnesses (YAML frontmatter + body) |
//! | `codex` | the Codex writer (TOML) |

pub mod codex;
pub mod frontmatter;
pub mod keys;
pub mod tools;

use serde_json::Value;

use crate::read::agent::Agent;
use crate::read::harness::{Harness, models};
use crate::read::slug;

/// An agent written for one harness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub harness: Harness,
    /// The file's name in the harness's folder (`backend-engineer.agent.md`).
    pub file_name: String,
    pub text: Text,
    /// What the conversion changed or lost, one sentence each, in the order the file is written.
    pub notes: Vec<String>,
}

/// The text of a converted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The file as written: the agent is already written for the harness.
    AsWritten,
    /// `head`, the agent's body as read, `tail`.
    Around { head: String, tail: String },
    /// A text that does not hold the body verbatim (Codex's escaped TOML string).
    Whole(String),
}

impl Converted {
    /// The folder of a project the file goes into (`.github/agents`).
    pub fn folder(&self) -> &'static str {
        self.harness.project_folder()
    }

    /// The file's bytes; `raw` is the agent's file as read (for [`Text::AsWritten`]).
    pub fn bytes(&self, agent: &Agent, raw: &[u8]) -> Vec<u8> {
        match &self.text {
            Text::AsWritten => raw.to_vec(),
            Text::Around { head, tail } => [head.as_str(), &agent.body, tail].concat().into(),
            Text::Whole(text) => text.clone().into_bytes(),
        }
    }
}

/// The agent written for `harness`.
pub fn convert(agent: &Agent, harness: Harness) -> Converted {
    let file_name = format!("{}{}", file_stem(agent), harness.file_suffix());
    if harness == agent.harness {
        return Converted {
            harness,
            file_name,
            text: Text::AsWritten,
            notes: Vec::new(),
        };
    }
    let mut notes = Vec::new();
    let text = match harness {
        Harness::Codex => codex::write(agent, &mut notes),
        _ => frontmatter::write(agent, harness, &mut notes),
    };
    Converted {
        harness,
        file_name,
        text,
        notes,
    }
}

/// The agent in every harness, in [`Harness::ALL`] order.
pub fn convert_all(agent: &Agent) -> Vec<Converted> {
    Harness::ALL
        .into_iter()
        .map(|harness| convert(agent, harness))
        .collect()
}

/// The name a converted file takes: the source file's name without its harness's ending, as a
/// slug (names in files are untrusted; a slug cannot leave the folder it is written to).
pub fn file_stem(agent: &Agent) -> String {
    let file = agent.path.rsplit('/').next().unwrap_or(&agent.path);
    let stem = crate::read::harness::without_agent_suffix(file);
    let slug = [stem, agent.name.as_str()]
        .into_iter()
        .map(slug::slugify)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "agent".to_string());
    slug::file_safe(slug)
}

/// The model line a harness gets: the model of the same tier as the target names it, or nothing
/// (the harness's default, the main conversation's model), with a note when it changed.
fn model_for(agent: &Agent, harness: Harness, notes: &mut Vec<String>) -> Option<String> {
    let model = agent.model.as_deref()?;
    let target = harness.name();
    match models::tier(Some(model)) {
        Some(models::Tier::Inherit) => None,
        Some(tier) => match models::alias(harness, tier) {
            Some(alias) => {
                if alias != model {
                    notes.push(format!("model `{model}` → `{alias}`"));
                }
                Some(alias.to_string())
            }
            None => {
                notes.push(format!(
                    "model `{model}` dropped: {target} has no {} model, so the agent runs on the main conversation's model",
                    tier.id()
                ));
                None
            }
        },
        None => {
            notes.push(format!(
                "model `{model}` dropped: it names no model {target} is known to run, so the agent runs on the main conversation's model"
            ));
            None
        }
    }
}

/// One setting of the source file carried over, as the target names it.
struct Setting {
    key: &'static str,
    value: Scalar,
}

/// A value written into a YAML or TOML file: text, a number or true/false.
enum Scalar {
    Text(String),
    Other(String),
}

impl Scalar {
    fn of(value: &Value) -> Option<Scalar> {
        match value {
            Value::String(text) => Some(Scalar::Text(text.clone())),
            Value::Number(n) => Some(Scalar::Other(n.to_string())),
            Value::Bool(b) => Some(Scalar::Other(b.to_string())),
            _ => None,
        }
    }
}

/// The source file's other keys that `harness` reads, under its names; notes for the others.
fn settings_for(agent: &Agent, harness: Harness, notes: &mut Vec<String>) -> Vec<Setting> {
    let mut settings = Vec::new();
    let target = harness.name();
    for (key, value) in &agent.extra {
        let Some(row) = keys::find(agent.harness, key) else {
            notes.push(format!("`{key}` dropped: {target} does not read it"));
            continue;
        };
        let Some(name) = row.name_in(harness) else {
            notes.push(format!(
                "`{key}` dropped: {target} has no setting for {}",
                row.meaning
            ));
            continue;
        };
        let Some(value) = Scalar::of(value) else {
            notes.push(format!(
                "`{key}` dropped: its value is not text, a number or true/false"
            ));
            continue;
        };
        if name != key {
            notes.push(format!("`{key}` → `{name}`"));
        }
        settings.push(Setting { key: name, value });
    }
    settings
}

/// A string as a double-quoted scalar that YAML and TOML read alike: `"`, `\` and every control
/// or line-separating character escaped, everything else as written.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_reads_back_the_same_as_toml_and_as_yaml() {
        let text = "a \"b\" \\n\nc\td\r\u{0}\u{7f}\u{85}\u{2028}é 🚀 # : '";
        let quoted = quote(text);
        let toml: toml::Table = toml::from_str(&format!("k = {quoted}")).expect("TOML");
        assert_eq!(toml["k"].as_str(), Some(text));
        let yaml: std::collections::BTreeMap<String, String> =
            serde_saphyr::from_str(&format!("k: {quoted}")).expect("YAML");
        assert_eq!(yaml["k"], text);
    }
}
