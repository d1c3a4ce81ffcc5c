//! Rendering: turns the catalogue into page contexts and fills the Tera templates.
//!
//! Default templates are embedded in the binary, so a project without a `templates/` folder
//! builds; a file in the user's templates folder replaces the default of the same name. Every
//! context carries `root`, the relative path back to the site root, and templates build every
//! link from it: the same output works from disk, at a domain root and under a sub-path.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use crate::agent::Role;
use crate::catalog::{Catalog, Entry, Family};
use crate::compare::{self, Row};
use crate::{anchors, markdown};

/// The default templates, embedded at compile time.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("agent.html", include_str!("../templates/agent.html")),
    ("family.html", include_str!("../templates/family.html")),
    (
        "macros/card.html",
        include_str!("../templates/macros/card.html"),
    ),
    (
        "macros/facet-value.html",
        include_str!("../templates/macros/facet-value.html"),
    ),
];

/// The compiled templates.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Compiles the default templates, with any same-named file in `user_dir` taking precedence.
    pub fn load(user_dir: Option<&Path>) -> Result<Templates> {
        let mut sources: BTreeMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(entry.path())
                    .with_context(|| format!("cannot read template {}", entry.path().display()))?;
                sources.insert(name, text);
            }
        }
        let mut tera = Tera::default();
        tera.add_raw_templates(sources.iter())
            .map_err(|e| anyhow::anyhow!("a template does not compile:\n{e}"))?;
        Ok(Templates { tera })
    }

    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| anyhow::anyhow!("template {name} failed to render:\n{e}"))
    }
}

/// Site-wide values every page receives.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    /// The absolute URL the site is published at, for canonical links and the install snippet;
    /// empty when unknown.
    pub base_url: String,
    /// The web address of the agents folder in its repository; an agent's path appended to it
    /// is the agent page's "Edit source" link. `None`: no such link.
    pub repository_url: Option<String>,
}

/// An agent as a card on the index.
#[derive(Debug, Serialize)]
pub(crate) struct Card<'a> {
    slug: &'a str,
    url: String,
    name: &'a str,
    /// Tells the agent apart from others of the same name.
    label: &'a str,
    summary: String,
    model: String,
    model_set: bool,
    tools: String,
    color: Option<Swatch>,
    examples: usize,
    has_return_format: bool,
    warnings: usize,
    path: &'a str,
    /// Members of the agent's family, itself included.
    family_size: usize,
}

/// A color field: as written, and the CSS value to paint a swatch with when it is a safe one.
#[derive(Debug, Serialize)]
struct Swatch {
    name: String,
    css: Option<String>,
}

fn swatch(color: Option<&String>) -> Option<Swatch> {
    color.map(|name| Swatch {
        name: name.clone(),
        css: css_color(name),
    })
}

/// A color that is safe to put in an attribute: a CSS color keyword or a hex value.
fn css_color(name: &str) -> Option<String> {
    let value = name.trim().to_ascii_lowercase();
    let keyword = (3..=20).contains(&value.len()) && value.chars().all(|c| c.is_ascii_lowercase());
    let hex = value.strip_prefix('#').is_some_and(|digits| {
        matches!(digits.len(), 3 | 4 | 6 | 8) && digits.chars().all(|c| c.is_ascii_hexdigit())
    });
    (keyword || hex).then_some(value)
}

const SUMMARY_CHARS: usize = 240;

pub(crate) fn card<'a>(catalog: &Catalog, entry: &'a Entry, root: &str) -> Card<'a> {
    let agent = &entry.agent;
    Card {
        slug: &entry.slug,
        url: format!("{root}agents/{}/index.html", entry.slug),
        name: &agent.name,
        label: &entry.label,
        summary: markdown::plain_excerpt(&agent.description.summary, SUMMARY_CHARS),
        model: compare::model_label(agent),
        model_set: agent.model.is_some(),
        tools: compare::tools_label(agent),
        color: swatch(agent.color.as_ref()),
        examples: agent.description.examples.len(),
        has_return_format: agent.return_format.is_some(),
        warnings: agent.diagnostics.len(),
        path: &agent.path,
        family_size: catalog.family_of(entry).members.len(),
    }
}

fn compare_url(family: &Family, root: &str) -> Option<String> {
    family
        .has_variants()
        .then(|| format!("{root}compare/{}/index.html", family.slug))
}

pub(crate) fn page_context(site: &SiteInfo, root: &str, path: &str) -> Context {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("root", root);
    let canonical = if site.base_url.is_empty() {
        String::new()
    } else {
        format!("{}/{path}", site.base_url.trim_end_matches('/'))
    };
    context.insert("canonical", &canonical);
    context
}

/// Everything an agent page shows.
#[derive(Debug, Serialize)]
struct AgentView<'a> {
    card: Card<'a>,
    raw_url: String,
    /// A shell line that puts the file into `.claude/agents/`; against the published URL when
    /// the base URL is known, else against `raw_url` (the page's script makes that absolute).
    install: String,
    /// The file in its repository, when the repository is configured.
    edit_url: Option<String>,
    family: FamilyRef<'a>,
    tools: Option<&'a [String]>,
    disallowed_tools: Option<&'a [String]>,
    extra: Vec<(&'a str, String)>,
    summary_html: &'a str,
    examples: Vec<Vec<TurnView<'a>>>,
    return_format: Option<ReturnFormatView<'a>>,
    body_html: &'a str,
    toc: &'a [markdown::Heading],
    warnings: Vec<WarningView>,
    words: usize,
    tokens: usize,
    raw_text: String,
    raw_json: String,
}

#[derive(Debug, Serialize)]
struct FamilyRef<'a> {
    title: &'a str,
    size: usize,
    compare_url: Option<String>,
    siblings: Vec<(&'a str, String)>,
}

#[derive(Debug, Serialize)]
struct TurnView<'a> {
    role: Role,
    label: &'static str,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct ReturnFormatView<'a> {
    title: &'a str,
    html: &'a str,
}

#[derive(Debug, Serialize)]
struct WarningView {
    location: String,
    message: String,
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Context => "Context",
        Role::User => "User",
        Role::Assistant => "Assistant",
        Role::Commentary => "Commentary",
    }
}

/// A frontmatter value the model has no field for, shown as text.
fn display_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// JSON for a `<script type="application/json">` block: `<`, `>` and `&` are escaped so that the
/// text can never close the element or open a comment.
pub fn json_for_html(value: &impl Serialize) -> Result<String> {
    let json = serde_json::to_string(value)?;
    Ok(json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029"))
}

/// One agent's page.
pub fn agent_page(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    entry: &Entry,
) -> Result<String> {
    let root = "../../";
    let agent = &entry.agent;
    let family = catalog.family_of(entry);
    let raw_text = String::from_utf8_lossy(&agent.raw).into_owned();
    let view = AgentView {
        card: card(catalog, entry, root),
        raw_url: format!("{root}raw/{}.md", entry.slug),
        install: install_command(site, &entry.slug, root),
        edit_url: site
            .repository_url
            .as_ref()
            .map(|repository| format!("{}/{}", repository.trim_end_matches('/'), agent.path)),
        family: FamilyRef {
            title: &family.title,
            size: family.members.len(),
            compare_url: compare_url(family, root),
            siblings: family
                .members
                .iter()
                .map(|&i| &catalog.entries[i])
                .filter(|e| e.slug != entry.slug)
                .map(|e| {
                    (
                        e.label.as_str(),
                        format!("{root}agents/{}/index.html", e.slug),
                    )
                })
                .collect(),
        },
        tools: agent.tools.as_list(),
        disallowed_tools: agent.disallowed_tools.as_deref(),
        extra: agent
            .extra
            .iter()
            .map(|(k, v)| (k.as_str(), display_value(v)))
            .collect(),
        summary_html: &agent.html.summary,
        examples: agent
            .description
            .examples
            .iter()
            .map(|example| {
                example
                    .turns
                    .iter()
                    .map(|t| TurnView {
                        role: t.role,
                        label: role_label(t.role),
                        text: &t.text,
                    })
                    .collect()
            })
            .collect(),
        return_format: agent
            .return_format
            .as_ref()
            .zip(agent.html.return_format.as_deref())
            .map(|(rf, html)| ReturnFormatView {
                title: &rf.title,
                html,
            }),
        body_html: &agent.html.body,
        toc: &agent.html.headings,
        warnings: agent
            .diagnostics
            .iter()
            .map(|d| WarningView {
                location: match d.column {
                    Some(c) => format!("{}:{}:{c}", agent.path, d.line),
                    None => format!("{}:{}", agent.path, d.line),
                },
                message: d.message.clone(),
            })
            .collect(),
        words: agent.word_count(),
        tokens: agent.estimated_tokens(),
        raw_json: json_for_html(&raw_text)?,
        raw_text,
    };
    let mut context = page_context(site, root, &format!("agents/{}/", entry.slug));
    context.insert("agent", &view);
    Ok(anchors::link_headings(
        &templates.render("agent.html", &context)?,
    ))
}

/// `mkdir -p .claude/agents && curl -fsSL -o .claude/agents/<slug>.md <raw file URL>`.
fn install_command(site: &SiteInfo, slug: &str, root: &str) -> String {
    let url = if site.base_url.is_empty() {
        format!("{root}raw/{slug}.md")
    } else {
        format!("{}/raw/{slug}.md", site.base_url.trim_end_matches('/'))
    };
    format!("mkdir -p .claude/agents && curl -fsSL -o .claude/agents/{slug}.md {url}")
}

#[derive(Debug, Serialize)]
struct FamilyView<'a> {
    title: &'a str,
    slug: &'a str,
    members: Vec<Card<'a>>,
    rows: Vec<Row>,
    differing_rows: usize,
}

/// The comparison page of a family with several variants.
pub fn family_page(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    family: &Family,
) -> Result<String> {
    let root = "../../";
    let rows = compare::matrix(catalog, family);
    let view = FamilyView {
        title: &family.title,
        slug: &family.slug,
        members: family
            .members
            .iter()
            .map(|&i| card(catalog, &catalog.entries[i], root))
            .collect(),
        differing_rows: rows.iter().filter(|r| r.differs).count(),
        rows,
    };
    let mut context = page_context(site, root, &format!("compare/{}/", family.slug));
    context.insert("family", &view);
    templates.render("family.html", &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_colors_become_css() {
        assert_eq!(css_color("Orange"), Some("orange".to_string()));
        assert_eq!(css_color("#F59E0B"), Some("#f59e0b".to_string()));
        assert_eq!(css_color("red\" onload=\"x"), None);
        assert_eq!(css_color("url(x)"), None);
    }

    #[test]
    fn the_install_command_uses_the_published_url_when_known() {
        let mut site = SiteInfo {
            title: String::new(),
            base_url: "https://x.github.io/catalog/".to_string(),
            repository_url: None,
        };
        assert_eq!(
            install_command(&site, "api", "../../"),
            "mkdir -p .claude/agents && curl -fsSL -o .claude/agents/api.md https://x.github.io/catalog/raw/api.md"
        );
        site.base_url.clear();
        assert!(install_command(&site, "api", "../../").ends_with(" ../../raw/api.md"));
    }

    #[test]
    fn json_for_html_cannot_close_a_script_element() -> Result<()> {
        let json = json_for_html(&"</script><!-- & \u{2028}")?;
        assert_eq!(json, r#""\u003c/script\u003e\u003c!-- \u0026 \u2028""#);
        let back: String = serde_json::from_str(&json)?;
        assert_eq!(back, "</script><!-- & \u{2028}");
        Ok(())
    }
}
