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

use crate::catalog::compare;
use crate::catalog::{Catalog, Entry, Family};
use crate::read::agent::Role;
use crate::read::agent::tools::{self, ToolGroup};
use crate::read::markdown;
use crate::site::layout::{
    PICKER_PATH, agent_path, diff_path, family_page_path, family_path, raw_path, root_of,
};
use crate::site::plugins;
use crate::site::trust;

/// The default templates, embedded at compile time.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("agent.html", include_str!("../../templates/agent.html")),
    ("family.html", include_str!("../../templates/family.html")),
    ("diff.html", include_str!("../../templates/diff.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("picker.html", include_str!("../../templates/picker.html")),
    ("plugin.html", include_str!("../../templates/plugin.html")),
    ("plugins.html", include_str!("../../templates/plugins.html")),
    (
        "macros/card.html",
        include_str!("../../templates/macros/card.html"),
    ),
    (
        "macros/diff-part.html",
        include_str!("../../templates/macros/diff-part.html"),
    ),
    (
        "macros/facet-value.html",
        include_str!("../../templates/macros/facet-value.html"),
    ),
    (
        "macros/matrix-head.html",
        include_str!("../../templates/macros/matrix-head.html"),
    ),
    (
        "macros/matrix-row.html",
        include_str!("../../templates/macros/matrix-row.html"),
    ),
    (
        "macros/install-line.html",
        include_str!("../../templates/macros/install-line.html"),
    ),
    (
        "macros/plugin-item.html",
        include_str!("../../templates/macros/plugin-item.html"),
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
#[derive(Debug, Clone, Serialize, Default)]
pub struct SiteInfo {
    pub title: String,
    /// The absolute URL the site is published at, for canonical links and the install snippet;
    /// empty when unknown.
    pub base_url: String,
    pub description: String,
    /// How many plugins the catalogue's marketplaces have: the site links to their list when
    /// there are any.
    pub plugins: usize,
    /// Repository links and categories from `catalog.toml`.
    #[serde(skip)]
    pub config: crate::config::Config,
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
    /// The collection the file comes from, when `catalog.toml` lists it.
    source: Option<&'a crate::config::Source>,
    /// Members of the agent's family, itself included.
    family_size: usize,
    /// The risk band when it is `caution` or `danger`, for the card's badge.
    band: Option<&'static str>,
    /// The first plugins that ship it, and how many others do.
    plugins: Vec<plugins::PluginLink<'a>>,
    more_plugins: usize,
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
        css: compare::css_color(name),
    })
}

const SUMMARY_CHARS: usize = 240;

pub(crate) fn card<'a>(
    catalog: &'a Catalog,
    entry: &'a Entry,
    root: &str,
    site: &'a SiteInfo,
) -> Card<'a> {
    let agent = &entry.agent;
    let (plugins, more_plugins) = plugins::card_links(catalog, entry, root);
    Card {
        slug: &entry.slug,
        url: agent_url(root, &entry.slug),
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
        source: site.config.source_of(&agent.path),
        family_size: catalog.family_of(entry).members.len(),
        band: trust::card_band(agent),
        plugins,
        more_plugins,
    }
}

/// The link to an agent's page from a page `root` away from the site root.
fn agent_url(root: &str, slug: &str) -> String {
    format!("{root}{}", agent_path(slug))
}

fn compare_url(family: &Family, root: &str) -> Option<String> {
    family
        .has_variants()
        .then(|| format!("{root}{}", family_path(&family.slug)))
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

/// How an agent's capabilities were decided, as the page says it.
fn grant_text(agent: &crate::read::agent::Agent) -> String {
    use crate::read::capability::Grant;
    let harness = agent.harness.name();
    match &agent.capabilities.grant {
        Grant::Listed => "from its tool list".to_string(),
        Grant::Inherited => format!("no tool list: every tool {harness} gives"),
        Grant::HarnessDefault => format!("{harness}'s default tools"),
        Grant::Sandbox { mode } => format!("{harness}'s {mode} mode"),
    }
}

/// Everything an agent page shows.
#[derive(Debug, Serialize)]
struct AgentView<'a> {
    card: Card<'a>,
    raw_url: String,
    /// The file name the file as written downloads under ([`raw_name`]).
    raw_name: String,
    category: Option<&'a str>,
    source: Option<crate::config::SourceLinks>,
    /// A shell line that puts the file into its harness's project folder (`.claude/agents/`);
    /// against the published URL when the base URL is known, else against `raw_url` (the page's
    /// script makes that absolute).
    install: String,
    /// The project folder `install` puts the file into.
    install_folder: &'static str,
    /// The agent converted for every harness: the Install section.
    harnesses: crate::site::install::InstallView,
    family: FamilyRef<'a>,
    /// Capabilities, findings, band and quality checklist.
    trust: trust::TrustView<'a>,
    tools: Option<&'a [String]>,
    /// The tools grouped: Claude Code's own, then each MCP server's.
    tool_groups: Vec<ToolGroup>,
    disallowed_tools: Option<&'a [String]>,
    model_tier: &'static str,
    extra: Vec<FieldView<'a>>,
    /// The harness the file is written for, by name.
    harness: &'static str,
    /// What the agent can do, each with the tool names as written that give it.
    capabilities: Vec<(&'static str, &'a [String])>,
    /// How the capabilities were decided, in words.
    grant: String,
    /// Other files shown as this one.
    also_in: &'a [String],
    /// The plugins that ship it, with their `/plugin` commands.
    plugins: plugins::AgentPlugins<'a>,
    /// The closest agents, with how much wording they share, in percent.
    relatives: Vec<Relative<'a>>,
    summary_html: &'a str,
    examples: Vec<Vec<TurnView<'a>>>,
    return_format: Option<ReturnFormatView<'a>>,
    body_html: &'a str,
    toc: &'a [markdown::Heading],
    warnings: Vec<WarningView>,
    words: usize,
    tokens: usize,
}

/// A frontmatter field without a place of its own: its value as text, and what it means when
/// it is a Claude Code field.
#[derive(Debug, Serialize)]
struct FieldView<'a> {
    key: &'a str,
    value: String,
    meaning: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct FamilyRef<'a> {
    title: &'a str,
    size: usize,
    compare_url: Option<String>,
    /// The first [`MAX_SIBLINGS`] other members, in the family's order.
    siblings: Vec<(&'a str, String)>,
    /// The other members not listed: the comparison page has them all.
    more_siblings: usize,
}

/// Other variants listed on an agent page: a family of hundreds would otherwise put hundreds of
/// links on each of its pages (a quarter of each page at 50,000 generated agents).
const MAX_SIBLINGS: usize = 12;

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
    /// The message as HTML: escaped, with `code` spans marked up.
    message_html: String,
}

/// Escapes a diagnostic message for HTML and turns its backtick spans into `<code>`.
fn message_html(message: &str) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    let mut html = String::with_capacity(message.len() + 16);
    for (index, part) in parts.iter().enumerate() {
        let inside = index % 2 == 1;
        // A lone last backtick has no partner: it stays as written.
        let closed = index + 1 < parts.len();
        match (inside, closed) {
            (true, true) => html.push_str("<code>"),
            (true, false) => html.push('`'),
            _ => {}
        }
        html.push_str(&escape(part));
        if inside && closed {
            html.push_str("</code>");
        }
    }
    html
}

fn escape(text: &str) -> String {
    let mut buffer = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}

#[derive(Debug, Serialize)]
struct Relative<'a> {
    label: &'a str,
    url: String,
    percent: u8,
    same_family: bool,
}

/// A frontmatter value the model has no field for, shown as text.
fn display_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One agent's page. The file itself is not on it: the page links its copy in `raw/`, which the
/// source view and the copy button fetch, so that a site holds each file once. `raw` is the
/// file's bytes, for where the Install section's files splice its body from.
pub fn agent_page(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    entry: &Entry,
    raw: &[u8],
) -> Result<String> {
    let path = agent_path(&entry.slug);
    let root = &root_of(&path);
    let agent = &entry.agent;
    let family = catalog.family_of(entry);
    let html = agent.html();
    let view = AgentView {
        card: card(catalog, entry, root, site),
        raw_url: format!("{root}{}", raw_path(&entry.slug, agent.harness)),
        raw_name: raw_name(entry),
        category: site.config.category_of(&agent.name),
        source: site.config.source_links(&agent.path),
        install: install_command(site, entry, root),
        install_folder: agent.harness.project_folder(),
        harnesses: crate::site::install::view(agent, raw),
        family: FamilyRef {
            title: &family.title,
            size: family.members.len(),
            compare_url: compare_url(family, root),
            siblings: family
                .members
                .iter()
                .map(|&i| &catalog.entries[i])
                .filter(|e| e.slug != entry.slug)
                .take(MAX_SIBLINGS)
                .map(|e| (e.label.as_str(), agent_url(root, &e.slug)))
                .collect(),
            more_siblings: family.members.len().saturating_sub(1 + MAX_SIBLINGS),
        },
        trust: trust::view(agent),
        tools: agent.tools.as_list(),
        disallowed_tools: agent.disallowed_tools.as_deref(),
        tool_groups: agent
            .tools
            .as_list()
            .map(tools::grouped)
            .unwrap_or_default(),
        model_tier: agent.model_tier(),
        harness: agent.harness.name(),
        capabilities: agent
            .capabilities
            .set
            .iter()
            .map(|c| {
                let names = agent.capabilities.named.get(c);
                (c.phrase(), names.map_or(&[][..], Vec::as_slice))
            })
            .collect(),
        grant: grant_text(agent),
        also_in: &entry.also_in,
        plugins: plugins::agent_plugins(catalog, entry, site, root),
        relatives: entry
            .relatives
            .iter()
            .map(|&(index, score)| {
                let other = &catalog.entries[index];
                Relative {
                    label: &other.label,
                    url: agent_url(root, &other.slug),
                    percent: (score * 100.0).round().clamp(0.0, 100.0) as u8,
                    same_family: other.family == entry.family,
                }
            })
            .collect(),
        extra: agent
            .extra
            .iter()
            .map(|(key, value)| FieldView {
                key,
                value: display_value(value),
                meaning: agent.harness.meaning_of(key),
            })
            .collect(),
        summary_html: &html.summary,
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
                        label: t.role.label(),
                        text: &t.text,
                    })
                    .collect()
            })
            .collect(),
        return_format: agent
            .return_format
            .as_ref()
            .zip(html.return_format.as_deref())
            .map(|(rf, html)| ReturnFormatView {
                title: &rf.title,
                html,
            }),
        body_html: &html.body,
        toc: &html.headings,
        warnings: agent
            .diagnostics
            .iter()
            .map(|d| WarningView {
                location: match d.column {
                    Some(c) => format!("{}:{}:{c}", agent.path, d.line),
                    None => format!("{}:{}", agent.path, d.line),
                },
                message_html: message_html(&d.message),
            })
            .collect(),
        words: agent.word_count(),
        tokens: agent.estimated_tokens(),
    };
    let mut context = page_context(site, root, &path);
    context.insert("agent", &view);
    templates.render("agent.html", &context)
}

/// The name the agent's file is downloaded and installed under: its slug, which no other agent
/// of the catalogue has, with the ending its harness reads (`.agent.md`, `.toml`, `.md`).
fn raw_name(entry: &Entry) -> String {
    format!("{}{}", entry.slug, entry.agent.harness.file_suffix())
}

/// The one line that installs the file as written into a project, in its own harness's folder:
/// `mkdir -p .claude/agents && curl -fsSL -o .claude/agents/<slug>.md <raw file URL>`.
fn install_command(site: &SiteInfo, entry: &Entry, root: &str) -> String {
    let raw = raw_path(&entry.slug, entry.agent.harness);
    let url = if site.base_url.is_empty() {
        format!("{root}{raw}")
    } else {
        format!("{}/{raw}", site.base_url.trim_end_matches('/'))
    };
    let folder = entry.agent.harness.project_folder();
    let name = raw_name(entry);
    format!("mkdir -p {folder} && curl -fsSL -o {folder}/{name} {url}")
}

#[derive(Debug, Serialize)]
struct FamilyView<'a> {
    title: &'a str,
    slug: &'a str,
    /// How many members the family has.
    size: usize,
    /// The cards of this page's columns' first members.
    members: Vec<Card<'a>>,
    /// This page's columns.
    columns: Vec<ColumnView<'a>>,
    comparison: compare::FamilyComparison,
    /// Every column's verdict, whatever the page.
    verdict: Vec<VerdictLine<'a>>,
    /// The pages of a family with more columns than one page holds; empty otherwise.
    pages: Vec<PageLink>,
    diffs: Vec<DiffLink<'a>>,
}

/// One column of the comparison: the member it shows, its number in the whole family (from
/// 1, as in its ids `rf_<n>` and `distinct_<n>`), and the other members it stands for.
#[derive(Debug, Serialize)]
struct ColumnView<'a> {
    card: Card<'a>,
    number: usize,
    also: Vec<&'a str>,
}

/// One line of the verdict.
#[derive(Debug, Serialize)]
struct VerdictLine<'a> {
    /// The members it is for, as label and page link.
    variants: Vec<(&'a str, String)>,
    /// "a and b are the same agent except for their name."
    same: Option<String>,
    phrases: Vec<PhraseLink>,
}

#[derive(Debug, Serialize)]
struct PhraseLink {
    text: String,
    href: String,
}

#[derive(Debug, Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    /// The labels of its first and last columns.
    first: String,
    last: String,
}

/// Columns per family page: a larger family's comparison is split into pages, so that no page
/// grows with the family (at 50,000 generated agents one page of hundreds of columns was 1.2 MB).
pub const COLUMNS_PER_PAGE: usize = 12;

/// A link to the diff page of two members.
#[derive(Debug, Serialize)]
struct DiffLink<'a> {
    left: &'a str,
    right: &'a str,
    url: String,
    /// Whether the link opens the picker, which needs JavaScript, rather than a written page.
    in_browser: bool,
}

/// The compare view, which the browser fills in from `agents.json`.
pub fn picker_page(templates: &Templates, site: &SiteInfo) -> Result<String> {
    let root = root_of(PICKER_PATH);
    let context = page_context(site, &root, "compare/");
    templates.render("picker.html", &context)
}

/// The comparison pages of a family with several variants, as paths and HTML: one, or one
/// per [`COLUMNS_PER_PAGE`] columns.
pub fn family_pages(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    family: &Family,
    sections: &[Vec<markdown::Section>],
) -> Result<Vec<(String, String)>> {
    let agents = compare::members(catalog, family);
    let comparison = compare::compare_family(&agents, sections);
    let columns = comparison.columns.len();
    let page_count = columns.div_ceil(COLUMNS_PER_PAGE).max(1);
    let page_of = |column: usize| column / COLUMNS_PER_PAGE + 1;
    let entry = |member: usize| &catalog.entries[family.members[member]];
    let label_range = |page: usize| {
        let first = (page - 1) * COLUMNS_PER_PAGE;
        let last = (first + COLUMNS_PER_PAGE).min(columns) - 1;
        let label = |column: usize| entry(comparison.columns[column]).label.clone();
        (label(first), label(last))
    };
    let mut pages = Vec::with_capacity(page_count);
    for page in 1..=page_count {
        let path = family_page_path(&family.slug, page);
        let root = &root_of(&path);
        let file_of = |page: usize| {
            let path = family_page_path(&family.slug, page);
            path.rsplit('/').next().unwrap_or(&path).to_string()
        };
        let range = (page - 1) * COLUMNS_PER_PAGE..(page * COLUMNS_PER_PAGE).min(columns);
        let lines = &comparison.verdict;
        let verdict = lines
            .iter()
            .enumerate()
            .map(|(column, line)| {
                let on = if page_of(column) == page {
                    String::new()
                } else {
                    file_of(page_of(column))
                };
                let members: Vec<&Entry> = line.members.iter().map(|&m| entry(m)).collect();
                let labels: Vec<&str> = members.iter().map(|e| e.label.as_str()).collect();
                let same_name = members
                    .iter()
                    .all(|e| e.agent.name == members[0].agent.name);
                VerdictLine {
                    variants: members
                        .iter()
                        .map(|e| (e.label.as_str(), agent_url(root, &e.slug)))
                        .collect(),
                    same: compare::verdict::same_except(&labels, same_name),
                    phrases: line
                        .phrases
                        .iter()
                        .map(|p| PhraseLink {
                            text: p.text.clone(),
                            href: format!("{on}#{}", p.target),
                        })
                        .collect(),
                }
            })
            .collect();
        let view = FamilyView {
            title: &family.title,
            slug: &family.slug,
            size: family.members.len(),
            // One card per column: the others of its members are named in the verdict.
            members: lines[range.clone()]
                .iter()
                .map(|line| card(catalog, entry(line.members[0]), root, site))
                .collect(),
            columns: range
                .clone()
                .map(|column| {
                    let line = &lines[column];
                    ColumnView {
                        card: card(catalog, entry(line.members[0]), root, site),
                        number: column + 1,
                        also: line.members[1..]
                            .iter()
                            .map(|&m| entry(m).label.as_str())
                            .collect(),
                    }
                })
                .collect(),
            comparison: comparison.page(range),
            verdict,
            pages: if page_count == 1 {
                Vec::new()
            } else {
                (1..=page_count)
                    .map(|number| {
                        let (first, last) = label_range(number);
                        PageLink {
                            number,
                            url: file_of(number),
                            current: number == page,
                            first,
                            last,
                        }
                    })
                    .collect()
            },
            diffs: if page == 1 {
                family_diff_links(catalog, family, root)
            } else {
                Vec::new()
            },
        };
        let mut context = page_context(site, root, &path);
        context.insert("family", &view);
        pages.push((path, templates.render("family.html", &context)?));
    }
    Ok(pages)
}

/// The family page's pair diffs: the written one first, then every other pair as the picker's
/// address for the two (it diffs them in the browser).
fn family_diff_links<'a>(catalog: &'a Catalog, family: &Family, root: &str) -> Vec<DiffLink<'a>> {
    let mut pairs = compare::diff_pairs(catalog, family);
    let written = compare::closest_pair(catalog, &pairs);
    pairs.sort_by_key(|pair| Some(*pair) != written);
    pairs
        .into_iter()
        .map(|(a, b)| {
            let (left, right) = (&catalog.entries[a], &catalog.entries[b]);
            let url = if Some((a, b)) == written {
                format!("{root}{}", diff_path(family, left, right))
            } else {
                format!("{root}{PICKER_PATH}?agents={},{}", left.slug, right.slug)
            };
            DiffLink {
                left: &left.label,
                right: &right.label,
                url,
                in_browser: Some((a, b)) != written,
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct PairView<'a> {
    family_title: &'a str,
    family_url: String,
    left: Card<'a>,
    right: Card<'a>,
    diff: compare::diff::PairDiff,
    differences: usize,
}

/// The diff page of two members of a family; `sections` are their bodies' sections.
pub fn diff_page(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    family: &Family,
    left: &Entry,
    right: &Entry,
    sections: [&[markdown::Section]; 2],
) -> Result<String> {
    let path = diff_path(family, left, right);
    let root = &root_of(&path);
    let diff = compare::diff::pair_diff(&left.agent, &right.agent, sections);
    let view = PairView {
        family_title: &family.title,
        family_url: format!("{root}{}", family_path(&family.slug)),
        left: card(catalog, left, root, site),
        right: card(catalog, right, root, site),
        differences: diff.differences(),
        diff,
    };
    let mut context = page_context(site, root, &path);
    context.insert("pair", &view);
    templates.render("diff.html", &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_messages_mark_up_code_and_escape_the_rest() {
        assert_eq!(
            message_html("no `name`: <b> & `x"),
            "no <code>name</code>: &lt;b&gt; &amp; `x"
        );
    }

    #[test]
    fn the_install_command_uses_the_published_url_and_the_agent_s_own_harness() {
        let read = |path: &str, text: &str| {
            crate::read::agent::Agent::read(path, text.as_bytes().to_vec()).expect("agent")
        };
        let catalog = crate::catalog::Catalog::new(vec![
            read(
                "api.md",
                "---\nname: api\ndescription: Designs APIs.\n---\nBody.\n",
            ),
            read(
                ".codex/agents/reviewer.toml",
                "name = \"reviewer\"\ndescription = \"Reviews.\"\ndeveloper_instructions = \"Review.\"\n",
            ),
        ]);
        let [claude, codex] = [&catalog.entries[0], &catalog.entries[1]];
        let mut site = SiteInfo {
            base_url: "https://x.github.io/catalog/".to_string(),
            ..SiteInfo::default()
        };
        assert_eq!(
            install_command(&site, claude, "../../"),
            "mkdir -p .claude/agents && curl -fsSL -o .claude/agents/api.md https://x.github.io/catalog/raw/api.md"
        );
        assert_eq!(
            install_command(&site, codex, "../../"),
            "mkdir -p .codex/agents && curl -fsSL -o .codex/agents/reviewer.toml https://x.github.io/catalog/raw/reviewer.toml"
        );
        site.base_url.clear();
        assert!(install_command(&site, claude, "../../").ends_with(" ../../raw/api.md"));
    }
}
