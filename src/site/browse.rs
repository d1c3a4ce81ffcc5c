//! The index pages: every agent as a card, sorted by name, [`PAGE_SIZE`] to a page
//! (`index.html`, then `page/2/index.html`, ...), so that the index stays light at any size and
//! every agent is reachable through plain links without JavaScript.
//!
//! The first page also carries the search box, the sort menu and the facet panel with the
//! catalogue's counts; `static/app.js` brings them to life over the search index (`search.rs`).

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::facets;
use crate::catalog::{Catalog, Entry};
use crate::site::output::Sink;
use crate::site::render::{self, SiteInfo, Templates};

/// Cards on one index page.
pub const PAGE_SIZE: usize = 24;

/// Page links shown on each side of the current page; the first and last are always shown.
const NEIGHBOURS: usize = 2;

/// The site path of index page `number` (from 1).
pub fn page_path(number: usize) -> String {
    match number {
        1 => "index.html".to_string(),
        n => later_page_path(&n.to_string()),
    }
}

/// The site path of an index page after the first; `number` may be a placeholder.
pub fn later_page_path(number: &str) -> String {
    format!("page/{number}/index.html")
}

fn page_root(number: usize) -> &'static str {
    match number {
        1 => "",
        _ => "../../",
    }
}

#[derive(Debug, Serialize)]
struct Pagination {
    number: usize,
    count: usize,
    /// The 1-based positions of the first and last card of the page.
    first_shown: usize,
    last_shown: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    /// Page links in order; `None` stands for skipped pages.
    links: Vec<Option<PageLink>>,
}

#[derive(Debug, Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

/// The page numbers a page links to: the first, the last, and the neighbours of `current`, with
/// `None` where pages are skipped.
fn window(current: usize, count: usize) -> Vec<Option<usize>> {
    let mut numbers = Vec::new();
    for n in 1..=count {
        let near = n.abs_diff(current) <= NEIGHBOURS;
        if n == 1 || n == count || near {
            numbers.push(Some(n));
        } else if numbers.last().is_some_and(Option::is_some) {
            numbers.push(None);
        }
    }
    numbers
}

/// Catalogue positions in the index's order: by name (case-insensitive), then label, which is
/// unique.
pub fn sorted_positions(catalog: &Catalog) -> Vec<usize> {
    let mut keys: Vec<((String, String), usize)> = catalog
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.agent.name.to_lowercase(), e.label.to_lowercase()), i))
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, i)| i).collect()
}

/// How many index pages the catalogue takes.
pub fn page_count(catalog: &Catalog) -> usize {
    catalog.entries.len().div_ceil(PAGE_SIZE).max(1)
}

/// Writes every index page, each as soon as it is made; returns how many.
pub fn write_pages(
    templates: &Templates,
    site: &SiteInfo,
    catalog: &Catalog,
    sink: &dyn Sink,
) -> Result<usize> {
    let entries: Vec<&Entry> = sorted_positions(catalog)
        .into_iter()
        .map(|p| &catalog.entries[p])
        .collect();
    let count = page_count(catalog);
    let facets = facets::counts(catalog);
    let variant_families = catalog.families.iter().filter(|f| f.has_variants()).count();
    (1..=count).into_par_iter().try_for_each(|number| {
        let root = page_root(number);
        let start = (number - 1) * PAGE_SIZE;
        let shown = &entries[start..(start + PAGE_SIZE).min(entries.len())];
        let url = |n: usize| format!("{root}{}", page_path(n));
        let pagination = Pagination {
            number,
            count,
            first_shown: start + 1,
            last_shown: start + shown.len(),
            prev_url: (number > 1).then(|| url(number - 1)),
            next_url: (number < count).then(|| url(number + 1)),
            links: window(number, count)
                .into_iter()
                .map(|n| {
                    n.map(|n| PageLink {
                        number: n,
                        url: url(n),
                        current: n == number,
                    })
                })
                .collect(),
        };
        let path = page_path(number);
        let canonical_path = path.trim_end_matches("index.html");
        let mut context = render::page_context(site, root, canonical_path);
        let cards: Vec<_> = shown
            .iter()
            .map(|e| render::card(catalog, e, root, site))
            .collect();
        context.insert("cards", &cards);
        context.insert("pagination", &pagination);
        context.insert("page_size", &PAGE_SIZE);
        context.insert("agent_count", &catalog.entries.len());
        context.insert("variant_family_count", &variant_families);
        // Search and facets live on the first page only; the others are plain lists.
        let no_facets: &[facets::FacetCounts] = &[];
        let shown_facets = if number == 1 { &facets[..] } else { no_facets };
        context.insert("facets", shown_facets);
        sink.write(&path, templates.render("index.html", &context)?.as_bytes())
    })?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_window_keeps_the_ends_and_the_neighbours() {
        let some = |v: &[usize]| v.iter().map(|&n| Some(n)).collect::<Vec<_>>();
        assert_eq!(window(1, 1), some(&[1]));
        assert_eq!(window(1, 4), some(&[1, 2, 3, 4]));
        assert_eq!(
            window(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        assert_eq!(
            window(20, 20),
            vec![Some(1), None, Some(18), Some(19), Some(20)]
        );
    }

    #[test]
    fn page_paths_start_at_the_index() {
        assert_eq!(page_path(1), "index.html");
        assert_eq!(page_path(3), "page/3/index.html");
    }
}
