//! The plugin pages: one page per plugin (`plugins/<plugin>.html`: its fields, the two
//! `/plugin` commands that install it, its agents as cards), the list of every plugin by
//! marketplace and category (`plugins/index.html`), and the plugins shown on agent cards and
//! pages.
//!
//! `/plugin marketplace add` takes the repository whose root holds the marketplace file: the
//! project's `repository` (catalog.toml) for a marketplace in the repository or in an agents
//! folder that is the repository's root, a `[[sources]]` folder's `homepage` for the
//! marketplace of that collection. Where it is not known, the page says so rather than
//! guessing.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use crate::catalog::facets::NO_CATEGORY;
use crate::catalog::{Catalog, Entry};
use crate::config::Config;
use crate::read::marketplace::{Location, Marketplace, Person, Plugin, PluginSource};
use crate::site::layout::{PLUGINS_PATH, plugin_path, root_of};
use crate::site::render::{self, Card, SiteInfo, Templates};

/// Plugins named on a card; the rest are counted.
const CARD_PLUGINS: usize = 3;

/// `/plugin marketplace add <address>`, when the marketplace's repository is known.
pub fn add_command(config: &Config, marketplace: &Marketplace) -> Option<String> {
    let repository = match &marketplace.location {
        Location::Repository => config.repository.as_str(),
        Location::Agents => {
            let folder = config.agents.to_string_lossy();
            let at_root = matches!(folder.trim_end_matches('/'), "" | ".");
            if !at_root {
                return None;
            }
            config.repository.as_str()
        }
        Location::Source(folder) => config
            .sources
            .iter()
            .find(|s| s.folder.trim_matches('/') == folder)
            .map_or("", |s| s.homepage.as_str()),
    };
    repository_address(repository).map(|address| format!("/plugin marketplace add {address}"))
}

/// What `/plugin marketplace add` takes for a repository URL: `owner/repo` on GitHub, the URL
/// itself elsewhere.
fn repository_address(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return None;
    }
    let on_github = url
        .strip_prefix("https://github.com/")
        .map(|rest| rest.trim_end_matches(".git"))
        .filter(|rest| rest.split('/').count() == 2 && !rest.contains(char::is_whitespace));
    Some(on_github.map_or_else(|| url.to_string(), str::to_string))
}

/// `/plugin install <plugin>@<marketplace>`, when the marketplace lists the plugin and has a
/// name.
pub fn install_command(marketplace: &Marketplace, plugin: &Plugin) -> Option<String> {
    let market = marketplace.name.as_ref().filter(|_| plugin.listed)?;
    Some(format!("/plugin install {}@{market}", plugin.name))
}

/// A web link, or nothing: manifests are written by others, and only http and https links are
/// followed from the pages.
fn web_link(url: Option<&String>) -> Option<&str> {
    url.map(String::as_str)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// A plugin as a link.
#[derive(Debug, Serialize)]
pub(crate) struct PluginLink<'a> {
    name: &'a str,
    url: String,
}

/// The plugins on an agent's card: the first few, and how many more.
pub(crate) fn card_links<'a>(
    catalog: &'a Catalog,
    entry: &Entry,
    root: &str,
) -> (Vec<PluginLink<'a>>, usize) {
    let links = entry
        .plugins
        .iter()
        .take(CARD_PLUGINS)
        .map(|m| link(catalog, m.plugin, root))
        .collect();
    (links, entry.plugins.len().saturating_sub(CARD_PLUGINS))
}

fn link<'a>(catalog: &'a Catalog, plugin: usize, root: &str) -> PluginLink<'a> {
    PluginLink {
        name: &catalog.plugin(plugin).name,
        url: format!("{root}{}", plugin_path(&catalog.plugins[plugin].slug)),
    }
}

/// A plugin an agent page lists: where it is, the agent's name in it, how to install it.
#[derive(Debug, Serialize)]
pub(crate) struct AgentPlugin<'a> {
    plugin: PluginLink<'a>,
    marketplace: Option<&'a str>,
    /// The agent's name in this plugin's copy, when it is not the name shown.
    name_in_plugin: Option<&'a str>,
    install: Option<String>,
}

/// What an agent page shows about the plugins that ship it.
#[derive(Debug, Default, Serialize)]
pub(crate) struct AgentPlugins<'a> {
    list: Vec<AgentPlugin<'a>>,
    /// The `/plugin marketplace add` commands of their marketplaces, each once.
    adds: Vec<String>,
}

pub(crate) fn agent_plugins<'a>(
    catalog: &'a Catalog,
    entry: &'a Entry,
    site: &SiteInfo,
    root: &str,
) -> AgentPlugins<'a> {
    let mut shown = AgentPlugins::default();
    for membership in &entry.plugins {
        let marketplace = catalog.marketplace_of(membership.plugin);
        let plugin = catalog.plugin(membership.plugin);
        if let Some(add) = add_command(&site.config, marketplace)
            && !shown.adds.contains(&add)
        {
            shown.adds.push(add);
        }
        shown.list.push(AgentPlugin {
            plugin: link(catalog, membership.plugin, root),
            marketplace: marketplace.name.as_deref(),
            name_in_plugin: (membership.name != entry.agent.name).then_some(&membership.name),
            install: install_command(marketplace, plugin),
        });
    }
    shown
}

/// Everything a plugin page shows.
#[derive(Debug, Serialize)]
struct PluginView<'a> {
    name: &'a str,
    description: Option<&'a str>,
    version: Option<&'a str>,
    author: Option<PersonView<'a>>,
    license: Option<&'a str>,
    homepage: Option<&'a str>,
    /// The homepage as a link, when it is a web address.
    homepage_link: Option<&'a str>,
    repository: Option<&'a str>,
    repository_link: Option<&'a str>,
    category: Option<&'a str>,
    keywords: &'a [String],
    source: &'a PluginSource,
    listed: bool,
    manifest: Option<&'a str>,
    marketplace: MarketplaceView<'a>,
    install: Option<String>,
    agents: Vec<Card<'a>>,
}

#[derive(Debug, Serialize)]
struct PersonView<'a> {
    name: &'a str,
    link: Option<&'a str>,
    email: Option<&'a str>,
}

fn person(person: Option<&Person>) -> Option<PersonView<'_>> {
    person.map(|p| PersonView {
        name: &p.name,
        link: web_link(p.url.as_ref()),
        email: p.email.as_deref(),
    })
}

#[derive(Debug, Serialize)]
struct MarketplaceView<'a> {
    name: Option<&'a str>,
    manifest: Option<&'a str>,
    description: Option<&'a str>,
    version: Option<&'a str>,
    owner: Option<PersonView<'a>>,
    add: Option<String>,
}

fn marketplace_view<'a>(config: &Config, marketplace: &'a Marketplace) -> MarketplaceView<'a> {
    MarketplaceView {
        name: marketplace.name.as_deref(),
        manifest: marketplace.manifest.as_deref(),
        description: marketplace.description.as_deref(),
        version: marketplace.version.as_deref(),
        owner: person(marketplace.owner.as_ref()),
        add: add_command(config, marketplace),
    }
}

/// The page of `catalog.plugins[index]`.
pub fn plugin_page(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    index: usize,
) -> Result<String> {
    let listed = &catalog.plugins[index];
    let path = plugin_path(&listed.slug);
    let root = &root_of(&path);
    let plugin = catalog.plugin(index);
    let marketplace = catalog.marketplace_of(index);
    let view = PluginView {
        name: &plugin.name,
        description: plugin.description.as_deref(),
        version: plugin.version.as_deref(),
        author: person(plugin.author.as_ref()),
        license: plugin.license.as_deref(),
        homepage: plugin.homepage.as_deref(),
        homepage_link: web_link(plugin.homepage.as_ref()),
        repository: plugin.repository.as_deref(),
        repository_link: web_link(plugin.repository.as_ref()),
        category: plugin.category.as_deref(),
        keywords: &plugin.keywords,
        source: &plugin.source,
        listed: plugin.listed,
        manifest: plugin.manifest.as_deref(),
        marketplace: marketplace_view(&site.config, marketplace),
        install: install_command(marketplace, plugin),
        agents: listed
            .members
            .iter()
            .map(|&e| render::card(catalog, &catalog.entries[e], root, site))
            .collect(),
    };
    let mut context = render::page_context(site, root, &path);
    context.insert("plugin", &view);
    templates.render("plugin.html", &context)
}

/// A plugin in the list of plugins.
#[derive(Debug, Serialize)]
struct PluginItem<'a> {
    link: PluginLink<'a>,
    description: Option<&'a str>,
    version: Option<&'a str>,
    agents: usize,
    external: bool,
}

/// A marketplace in the list of plugins, its plugins by category.
#[derive(Debug, Serialize)]
struct MarketplaceGroup<'a> {
    marketplace: MarketplaceView<'a>,
    /// `(category, plugins)`, by category with plugins of none last.
    categories: Vec<(&'a str, Vec<PluginItem<'a>>)>,
    /// Plugins found beside the marketplace file that it does not list.
    unlisted: Vec<PluginItem<'a>>,
    plugins: usize,
}

/// `plugins/index.html`: every plugin, by marketplace and category.
pub fn plugins_page(templates: &Templates, site: &SiteInfo, catalog: &Catalog) -> Result<String> {
    let root = &root_of(PLUGINS_PATH);
    let mut groups: Vec<MarketplaceGroup> = catalog
        .marketplaces
        .iter()
        .map(|m| MarketplaceGroup {
            marketplace: marketplace_view(&site.config, m),
            categories: Vec::new(),
            unlisted: Vec::new(),
            plugins: m.plugins.len(),
        })
        .collect();
    let mut by_category: Vec<BTreeMap<(bool, &str), Vec<PluginItem>>> =
        (0..catalog.marketplaces.len())
            .map(|_| BTreeMap::new())
            .collect();
    for (index, listed) in catalog.plugins.iter().enumerate() {
        let plugin = catalog.plugin(index);
        let item = PluginItem {
            link: link(catalog, index, root),
            description: plugin.description.as_deref(),
            version: plugin.version.as_deref(),
            agents: listed.members.len(),
            external: matches!(plugin.source, PluginSource::External { .. }),
        };
        if !plugin.listed {
            groups[listed.marketplace].unlisted.push(item);
            continue;
        }
        let category = plugin.category.as_deref();
        by_category[listed.marketplace]
            .entry((category.is_none(), category.unwrap_or(NO_CATEGORY)))
            .or_default()
            .push(item);
    }
    for (group, categories) in groups.iter_mut().zip(by_category) {
        group.categories = categories
            .into_iter()
            .map(|((_, category), items)| (category, items))
            .collect();
    }
    let mut context = render::page_context(site, root, PLUGINS_PATH);
    context.insert("marketplaces", &groups);
    context.insert("plugin_count", &catalog.plugins.len());
    templates.render("plugins.html", &context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Source;

    fn marketplace(location: Location, name: Option<&str>) -> Marketplace {
        Marketplace {
            location,
            manifest: None,
            name: name.map(str::to_string),
            owner: None,
            description: None,
            version: None,
            plugins: Vec::new(),
            plugins_at: None,
        }
    }

    #[test]
    fn the_add_command_names_the_repository_whose_root_has_the_marketplace() {
        let mut config = Config {
            repository: "https://github.com/acme/agents/".to_string(),
            ..Config::default()
        };
        let repository = marketplace(Location::Repository, Some("acme"));
        assert_eq!(
            add_command(&config, &repository).as_deref(),
            Some("/plugin marketplace add acme/agents")
        );
        // `agents/.claude-plugin/marketplace.json` is not at the repository's root.
        let in_agents = marketplace(Location::Agents, Some("acme"));
        assert_eq!(add_command(&config, &in_agents), None);
        config.agents = ".".into();
        assert!(add_command(&config, &in_agents).is_some());
        config.sources.push(Source {
            folder: "vendor/volt/".to_string(),
            name: "Volt".to_string(),
            license: String::new(),
            homepage: "https://gitlab.com/volt/subagents.git".to_string(),
            harness: None,
        });
        let vendored = marketplace(Location::Source("vendor/volt".to_string()), Some("v"));
        assert_eq!(
            add_command(&config, &vendored).as_deref(),
            Some("/plugin marketplace add https://gitlab.com/volt/subagents.git")
        );
        config.repository = "not a url".to_string();
        assert_eq!(add_command(&config, &repository), None);
    }

    #[test]
    fn only_listed_plugins_of_a_named_marketplace_install() {
        let named = marketplace(Location::Agents, Some("acme"));
        let mut plugin = Plugin {
            name: "api".to_string(),
            listed: true,
            ..Plugin::default()
        };
        assert_eq!(
            install_command(&named, &plugin).as_deref(),
            Some("/plugin install api@acme")
        );
        assert_eq!(
            install_command(&marketplace(Location::Agents, None), &plugin),
            None
        );
        plugin.listed = false;
        assert_eq!(install_command(&named, &plugin), None);
    }
}
