//! The Markdown harnesses' files: a YAML frontmatter of the target's keys, then the agent's body
//! as written. One function per harness says which keys it writes, in its documentation's order.

use super::tools;
use super::{Scalar, Setting, Text, model_for, quote, settings_for};
use crate::read::agent::Agent;
use crate::read::harness::{Harness, names};

/// The frontmatter being written, line by line.
struct Frontmatter {
    lines: Vec<String>,
}

impl Frontmatter {
    fn new() -> Frontmatter {
        Frontmatter {
            lines: vec!["---".to_string()],
        }
    }

    fn text(&mut self, key: &str, value: &str) {
        self.lines.push(format!("{key}: {}", scalar(value)));
    }

    fn raw(&mut self, key: &str, value: &str) {
        self.lines.push(format!("{key}: {value}"));
    }

    fn list(&mut self, key: &str, items: &[String]) {
        let items: Vec<String> = items.iter().map(|item| scalar(item)).collect();
        self.lines.push(format!("{key}: [{}]", items.join(", ")));
    }

    fn settings(&mut self, settings: Vec<Setting>) {
        for setting in settings {
            match setting.value {
                Scalar::Text(text) => self.text(setting.key, &text),
                Scalar::Other(value) => self.raw(setting.key, &value),
            }
        }
    }

    fn finish(mut self) -> Text {
        self.lines.push("---".to_string());
        self.lines.push(String::new());
        Text::Around {
            head: self.lines.join("\n"),
            tail: String::new(),
        }
    }
}

/// Text as a YAML scalar: plain when it is a word-like value YAML reads as that text, else
/// double-quoted.
fn scalar(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain { text.to_string() } else { quote(text) }
}

/// The agent as a Markdown file for `harness` (any but Codex).
pub fn write(agent: &Agent, harness: Harness, notes: &mut Vec<String>) -> Text {
    let target = harness.name();
    let mut fm = Frontmatter::new();
    if harness == Harness::OpenCode {
        let stem = super::file_stem(agent);
        if stem != agent.name {
            notes.push(format!(
                "name `{}` not written: OpenCode names an agent by its file, `{stem}`",
                agent.name
            ));
        }
    } else {
        fm.text("name", &agent.name);
    }
    fm.text("description", &agent.description.text);
    if harness == Harness::Factory && agent.description.text.chars().count() > 500 {
        notes.push(format!(
            "the description has {} characters: Factory reads at most 500",
            agent.description.text.chars().count()
        ));
    }
    match harness {
        Harness::OpenCode => fm.raw("mode", "subagent"),
        Harness::GeminiCli => fm.raw("kind", "local"),
        _ => {}
    }
    let plan = tools::plan(agent, harness, notes);
    if plan == tools::Plan::Inherit && names::has_tool_list(harness) {
        tools::inherit_losses(agent, harness, notes);
    }
    let tool_names = if names::has_tool_list(harness) {
        tools::names_in(&plan, agent.harness, harness, notes)
    } else {
        None
    };
    let model = model_for(agent, harness, notes);
    match harness {
        Harness::ClaudeCode => {
            if let Some(names) = &tool_names {
                fm.raw("tools", &names.join(", "));
            }
            if let Some(model) = &model {
                fm.text("model", model);
            }
        }
        Harness::OpenCode => {
            if let Some(model) = &model {
                fm.text("model", model);
            }
            if let Some(names) = &tool_names {
                opencode_tools(&mut fm, names);
            }
        }
        Harness::Cursor => {
            if let Some(model) = &model {
                fm.text("model", model);
            }
            let (read_only, because) = tools::read_only_reason(agent, &plan);
            if read_only {
                fm.raw("readonly", "true");
            }
            notes.push(format!(
                "Cursor has no tool list: {} because {because}",
                if read_only {
                    "readonly: true"
                } else {
                    "not read-only"
                }
            ));
        }
        _ => {
            if let Some(names) = &tool_names {
                fm.list("tools", names);
            }
            if let Some(model) = &model {
                fm.text("model", model);
            }
        }
    }
    match (&agent.color, harness) {
        (Some(color), Harness::ClaudeCode) => fm.text("color", color),
        (Some(_), _) => notes.push(format!("color dropped: {target} has no color")),
        (None, _) => {}
    }
    fm.settings(settings_for(agent, harness, notes));
    fm.finish()
}

/// OpenCode's `tools` map: `"*": false`, then `true` for each tool the agent gets (OpenCode
/// turns on every tool, MCP servers' included, that the map does not turn off).
fn opencode_tools(fm: &mut Frontmatter, granted: &[String]) {
    fm.lines.push("tools:".to_string());
    fm.lines.push("  \"*\": false".to_string());
    for name in granted {
        fm.lines.push(format!("  {}: true", scalar(name)));
    }
}
