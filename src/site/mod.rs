//! The site stage: the catalogue becomes files. [`Project`] knows which files a site has and how
//! each is produced, written to any [`Sink`]; and which of them to produce again when one agent
//! file changes (for `agentdex serve`).
//!
//! A [`Project`] is everything a build reads, kept in memory: the catalogue, the compiled
//! templates and the site-wide values. `build` writes all of it once; `serve` keeps it and
//! re-renders only the pages that show a changed agent.
//!
//! | module | owns |
//! |---|---|
//! | `layout` | where each page and file is (URLs relative to the root) |
//! | `render` | the Tera templates and the page contexts |
//! | `browse` | the index pages |
//! | `search` | the search index the browser loads in chunks |
//! | `json` | `agents.json` |
//! | `plugins` | the plugin pages, the list of plugins, install commands |
//! | `publish` | 404, sitemap, robots.txt, the feed |
//! | `trust` | the Trust section of agent pages, the band on cards |
//! | `output` | the staging folder and its swap, the in-memory site, static assets |

pub mod browse;
pub mod install;
pub mod json;
pub mod layout;
pub mod output;
pub mod plugins;
pub mod publish;
pub mod render;
pub mod search;
pub mod trust;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::catalog::compare;
use crate::catalog::{Catalog, Entry, Family};
use crate::config::BuildOptions;
use crate::read::agent::{Agent, Skip};
use crate::read::markdown::Section;
use output::Sink;
use render::{SiteInfo, Templates};

/// Everything the site is made from, read and parsed.
pub struct Project {
    pub catalog: Catalog,
    pub templates: Templates,
    pub info: SiteInfo,
    /// Candidate files that did not become agents, and why.
    pub skipped: Vec<(String, Skip)>,
    /// Warnings about files that are not agents (plugin manifests, harness configurations),
    /// with the file as messages name it.
    pub file_warnings: Vec<(String, crate::read::diagnostics::Diagnostic)>,
    pub agents_dir: PathBuf,
    pub static_dir: Option<PathBuf>,
    /// Whether to keep the search index once written, for [`Project::update_agent`]: `serve`
    /// does; a build lets it go, as it is tens of megabytes at 10,000 agents.
    pub keep_search_index: bool,
    search: OnceLock<search::Index>,
}

/// What [`Project::update_agent`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Only the pages that show the agent were written: this many files.
    Partial(usize),
    /// The change reaches beyond those pages (a new, removed or no longer readable file, a
    /// family page appearing or going): the whole project must be loaded again.
    NeedsFullBuild,
}

impl Project {
    /// The project of `catalog`, with the templates and site values of `options`.
    pub fn new(
        catalog: Catalog,
        skipped: Vec<(String, Skip)>,
        options: &BuildOptions,
    ) -> Result<Project> {
        let templates = Templates::load(options.templates.as_deref())?;
        let info = SiteInfo {
            title: options.title.clone(),
            base_url: options.base_url.clone(),
            description: options.config.description.clone(),
            plugins: catalog.plugins.len(),
            config: options.config.clone(),
        };
        Ok(Project {
            catalog,
            templates,
            info,
            skipped,
            file_warnings: Vec::new(),
            agents_dir: options.agents.clone(),
            static_dir: options.static_dir.clone(),
            keep_search_index: false,
            search: OnceLock::new(),
        })
    }

    /// The families that get a comparison page.
    pub fn variant_families(&self) -> Vec<&Family> {
        self.catalog
            .families
            .iter()
            .filter(|f| f.has_variants())
            .collect()
    }

    /// Writes the whole site; returns the number of pages (index, agents, comparisons, diffs).
    pub fn write_all(&self, sink: &dyn Sink) -> Result<usize> {
        // The listings cover the whole catalogue and are each made on one thread: they are made
        // alongside the agent pages rather than before them, so that they do not add to the
        // build's time. Pages are rendered and written in parallel, each dropped once written,
        // so memory does not grow with the number of pages.
        let (listings, agents) = rayon::join(
            || self.write_listings(sink),
            || {
                self.catalog
                    .entries
                    .par_iter()
                    .try_for_each(|entry| self.write_agent(sink, entry))
            },
        );
        listings?;
        agents?;
        let families = self.variant_families();
        let comparison_pages: usize = families
            .par_iter()
            .map(|family| self.write_family(sink, family))
            .sum::<Result<usize>>()?;
        let plugin_pages = self.write_plugins(sink, None)?;
        sink.write(
            "404.html",
            publish::not_found_page(&self.templates, &self.info)?.as_bytes(),
        )?;
        sink.write(
            layout::PICKER_PATH,
            render::picker_page(&self.templates, &self.info)?.as_bytes(),
        )?;
        sink.write("robots.txt", publish::robots_txt(&self.info).as_bytes())?;
        sink.write(".nojekyll", b"")?;
        sink.write_static(self.static_dir.as_deref())?;
        // The index pages, the agents, the compare view, the family pages with their diffs, and
        // the plugin pages.
        Ok(browse::page_count(&self.catalog)
            + 1
            + self.catalog.entries.len()
            + comparison_pages
            + plugin_pages)
    }

    /// Writes the plugin pages (those that show entry `only`, when given) and the list of
    /// plugins; returns how many pages.
    fn write_plugins(&self, sink: &dyn Sink, only: Option<usize>) -> Result<usize> {
        if self.catalog.plugins.is_empty() {
            return Ok(0);
        }
        let shown: Vec<usize> = (0..self.catalog.plugins.len())
            .filter(|&p| only.is_none_or(|e| self.catalog.plugins[p].members.contains(&e)))
            .collect();
        shown.par_iter().try_for_each(|&plugin| {
            let html = plugins::plugin_page(&self.templates, &self.info, &self.catalog, plugin)?;
            sink.write(
                &layout::plugin_path(&self.catalog.plugins[plugin].slug),
                html.as_bytes(),
            )
        })?;
        let list = plugins::plugins_page(&self.templates, &self.info, &self.catalog)?;
        sink.write(layout::PLUGINS_PATH, list.as_bytes())?;
        Ok(shown.len() + 1)
    }

    /// The files that list every agent: the index pages, the search index, `agents.json`, the
    /// feed and the sitemap.
    fn write_listings(&self, sink: &dyn Sink) -> Result<usize> {
        // agents.json takes as long as the rest together: it is written alongside them.
        let (lists, search) = rayon::join(|| self.write_lists(sink), || self.write_search(sink));
        Ok(lists? + search?)
    }

    /// The listings other than the search index; returns how many files.
    fn write_lists(&self, sink: &dyn Sink) -> Result<usize> {
        let catalog = &self.catalog;
        sink.write(
            "agents.json",
            json::agents_json(catalog, &self.info.config)?.as_bytes(),
        )?;
        let index_pages = browse::write_pages(&self.templates, &self.info, catalog, sink)?;
        let feed = publish::atom_feed(&self.info, catalog, &self.agents_dir);
        sink.write("feed.xml", feed.as_bytes())?;
        let written = 2 + index_pages;
        match publish::sitemap_xml(&self.info, catalog) {
            Some(sitemap) => sink
                .write("sitemap.xml", sitemap.as_bytes())
                .map(|()| written + 1),
            None => Ok(written),
        }
    }

    /// Makes the search index and writes it; returns how many files.
    fn write_search(&self, sink: &dyn Sink) -> Result<usize> {
        let index = search::Index::new(&self.catalog);
        let files = index.write_files(&self.catalog, None, sink)?;
        if self.keep_search_index {
            // Only the first write of a project is kept: `serve` updates that one.
            let _ = self.search.set(index);
        }
        Ok(files)
    }

    fn write_agent(&self, sink: &dyn Sink, entry: &Entry) -> Result<()> {
        let raw = entry.agent.source.read()?;
        let html = render::agent_page(&self.templates, &self.info, &self.catalog, entry, &raw)?;
        sink.write(&layout::agent_path(&entry.slug), html.as_bytes())?;
        sink.write(&layout::raw_path(&entry.slug, entry.agent.harness), &raw)
    }

    /// Writes a family's comparison page and the one pair diff written as a page; returns how many
    /// pages.
    fn write_family(&self, sink: &dyn Sink, family: &Family) -> Result<usize> {
        // Each member's sections, parsed once for the comparison and all the pairs it is in.
        let sections = compare::sections_of(&compare::members(&self.catalog, family));
        let pages = render::family_pages(
            &self.templates,
            &self.info,
            &self.catalog,
            family,
            &sections,
        )?;
        for (path, html) in &pages {
            sink.write(path, html.as_bytes())?;
        }
        let Some((a, b)) = compare::written_diff(&self.catalog, family) else {
            return Ok(pages.len());
        };
        let sections_of = |entry: usize| -> &[Section] {
            let member = family.members.iter().position(|&m| m == entry);
            member.map_or(&[], |member| &sections[member])
        };
        let (left, right) = (&self.catalog.entries[a], &self.catalog.entries[b]);
        let html = render::diff_page(
            &self.templates,
            &self.info,
            &self.catalog,
            family,
            left,
            right,
            [sections_of(a), sections_of(b)],
        )?;
        sink.write(&layout::diff_path(family, left, right), html.as_bytes())?;
        Ok(pages.len() + 1)
    }

    /// Puts `agent` (read again from its file) in place of the agent read from the same path
    /// and writes the pages that show it: its family's agent pages and comparison page, and the
    /// listings. Anything that changes the set of pages needs a full build instead.
    pub fn update_agent(&mut self, agent: Agent, sink: &dyn Sink) -> Result<Update> {
        let Some(position) = self
            .catalog
            .entries
            .iter()
            .position(|e| e.agent.path == agent.path)
        else {
            return Ok(Update::NeedsFullBuild);
        };
        // The comparison and pair diff pages that exist: when they change, pages appear or go.
        let comparison_pages = |project: &Project| -> BTreeSet<String> {
            let mut pages = BTreeSet::new();
            for family in project.variant_families() {
                let members = compare::members(&project.catalog, family);
                let mut columns: Vec<String> = members
                    .iter()
                    .map(|a| compare::verdict::key_of(a))
                    .collect();
                columns.sort_unstable();
                columns.dedup();
                for page in 1..=columns.len().div_ceil(render::COLUMNS_PER_PAGE) {
                    pages.insert(layout::family_page_path(&family.slug, page));
                }
                if let Some((a, b)) = compare::written_diff(&project.catalog, family) {
                    let entries = &project.catalog.entries;
                    pages.insert(layout::diff_path(family, &entries[a], &entries[b]));
                }
            }
            pages
        };
        let pages_before = comparison_pages(self);
        let relatives_before = self.listing_relative(position);
        let old_family = self
            .catalog
            .family_of(&self.catalog.entries[position])
            .slug
            .clone();
        // Files shown once as duplicates of the changed one may no longer be duplicates.
        if !self.catalog.entries[position].also_in.is_empty() {
            return Ok(Update::NeedsFullBuild);
        }
        // The changed file now has the same text as another one.
        let key = agent.source.duplicate_key;
        if self
            .catalog
            .entries
            .iter()
            .any(|e| e.agent.path != agent.path && e.agent.source.duplicate_key == key)
        {
            return Ok(Update::NeedsFullBuild);
        }
        let old_words = search::word_scores(&self.catalog.entries[position]);
        let count = self.catalog.entries.len();
        let (mut agents, also_in): (Vec<Agent>, Vec<Vec<String>>) =
            std::mem::take(&mut self.catalog.entries)
                .into_iter()
                .map(|e| (e.agent, e.also_in))
                .unzip();
        agents[position] = agent;
        let marketplaces = std::mem::take(&mut self.catalog.marketplaces);
        self.catalog =
            Catalog::of_distinct(agents, also_in, &self.info.config.families, marketplaces);
        if self.catalog.entries.len() != count {
            // The changed file is now a plugin's prefixed copy of another agent.
            return Ok(Update::NeedsFullBuild);
        }
        if comparison_pages(self) != pages_before {
            return Ok(Update::NeedsFullBuild);
        }
        let new_family = self.catalog.entries[position].family;
        // Agents that list the changed one among their closest relatives now, and those that
        // did before, show it on their pages too.
        let mut agent_pages = relatives_before;
        agent_pages.extend(self.listing_relative(position));
        let Some(mut written) = self.update_search(sink, position, old_words)? else {
            return Ok(Update::NeedsFullBuild);
        };
        written += self.write_lists(sink)?;
        for (index, family) in self.catalog.families.iter().enumerate() {
            if index != new_family && family.slug != old_family {
                continue;
            }
            agent_pages.extend(&family.members);
            if family.has_variants() {
                written += self.write_family(sink, family)?;
            }
        }
        for member in agent_pages {
            self.write_agent(sink, &self.catalog.entries[member])?;
            written += 2;
        }
        written += self.write_plugins(sink, Some(position))?;
        Ok(Update::Partial(written))
    }

    /// Puts the changed words of the agent at `position` in the search index and writes the
    /// files they are in; `None` when the index must be made again.
    fn update_search(
        &mut self,
        sink: &dyn Sink,
        position: usize,
        old_words: FxHashMap<String, u32>,
    ) -> Result<Option<usize>> {
        let Some(index) = self.search.get_mut() else {
            return Ok(None);
        };
        let search::Updated::Files(changed) = index.update(&self.catalog, position, &old_words)
        else {
            return Ok(None);
        };
        let files = index.write_files(&self.catalog, Some(&changed), sink)?;
        Ok(Some(files))
    }

    /// The entries that list entry `index` among their closest relatives.
    fn listing_relative(&self, index: usize) -> BTreeSet<usize> {
        self.catalog
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.relatives.iter().any(|&(r, _)| r == index))
            .map(|(i, _)| i)
            .collect()
    }
}
