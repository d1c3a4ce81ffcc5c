//! Full-text search: a [Pagefind](https://pagefind.app) index built with the catalogue.
//!
//! Each agent becomes one small HTML document that Pagefind indexes: its name (weighted most, so
//! that name matches rank first), its summary, its examples and its instructions as plain text,
//! the facet values of `facets.rs` as filters, sort keys (name, length, number of examples), and
//! the agent's card, rendered by the same template as the index, as metadata. In the browser,
//! Pagefind's script loads only the chunks of the index a query needs, then the card of each
//! result shown.

use anyhow::{Context as _, Result, anyhow};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::catalog::{Catalog, Entry};
use crate::render::Templates;
use crate::{browse, facets, markdown};

/// The site folder the index is written to.
pub const DIR: &str = "pagefind";

/// Pagefind files the site uses: its search script, the WebAssembly, the index chunks, filters
/// and fragments. Its ready-made UIs (`pagefind-ui.js` and the like) are left out.
fn is_used(file: &str) -> bool {
    file == "pagefind.js"
        || file == "pagefind-worker.js"
        || file == "pagefind-entry.json"
        || file.starts_with("wasm.")
        || file.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|folder| file.starts_with(folder))
}

/// Escapes text for an HTML element or a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The document Pagefind indexes for one agent. `card` is the agent's card as HTML, shown for the
/// agent in search results.
pub fn document(catalog: &Catalog, entry: &Entry, card: &str) -> String {
    let agent = &entry.agent;
    let mut html = String::from("<html lang=\"en\"><body><div data-pagefind-ignore>");
    html.push_str(&format!(
        "<p data-pagefind-meta=\"title\">{}</p><p data-pagefind-meta=\"card[data-card]\" data-card=\"{}\"></p>",
        escape(&entry.label),
        escape(card)
    ));
    for (key, values) in facets::entry_values(catalog, entry) {
        for value in values {
            html.push_str(&format!(
                "<p data-pagefind-filter=\"{key}\">{}</p>",
                escape(&value)
            ));
        }
    }
    // Numbers are zero-padded so that their text order is their numeric order.
    let sorts = [
        ("name", sort_name(entry)),
        ("length", format!("{:09}", agent.word_count())),
        (
            "examples",
            format!("{:05}", agent.description.examples.len()),
        ),
    ];
    for (key, value) in sorts {
        html.push_str(&format!(
            "<p data-pagefind-sort=\"{key}\">{}</p>",
            escape(&value)
        ));
    }
    html.push_str("</div>\n");
    // The text by weight; each element on a line of its own, so that excerpts keep words apart.
    let mut text = |weight: u8, content: &str| {
        html.push_str(&format!(
            "<p data-pagefind-weight=\"{weight}\">{}</p>\n",
            escape(content)
        ));
    };
    text(10, &agent.name);
    if entry.label != agent.name {
        text(10, &entry.label);
    }
    text(
        4,
        &markdown::plain_excerpt(&agent.description.summary, usize::MAX),
    );
    for turn in agent.description.examples.iter().flat_map(|e| &e.turns) {
        text(2, &turn.text);
    }
    text(1, &markdown::plain_excerpt(&agent.body, usize::MAX));
    html.push_str("</body></html>");
    html
}

/// The key agents are sorted by name with: case-insensitive, then the label, which is unique.
pub fn sort_name(entry: &Entry) -> String {
    format!(
        "{}\u{1}{}",
        entry.agent.name.to_lowercase(),
        entry.label.to_lowercase()
    )
}

/// The search index of the catalogue, as `(site path, bytes)` files.
pub fn build(templates: &Templates, catalog: &Catalog) -> Result<Vec<(String, Vec<u8>)>> {
    let documents = catalog
        .entries
        .par_iter()
        .map(|entry| {
            let card = browse::card_html(templates, catalog, entry)?;
            Ok((
                format!("agents/{}/index.html", entry.slug),
                document(catalog, entry, &card),
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    index(documents)
}

/// Indexes `(url, document)` pairs, in order, and returns the index's files as paths relative
/// to the site root.
pub fn index(documents: Vec<(String, String)>) -> Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("cannot start the search indexer")?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language("en".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(options))
            .map_err(|e| anyhow!("cannot set up the search index: {e}"))?;
        for (url, html) in documents {
            index
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| anyhow!("cannot index {url} for search: {e}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| anyhow!("cannot build the search index: {e}"))?;
        let mut files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|file| {
                (
                    file.filename.to_string_lossy().replace('\\', "/"),
                    file.contents,
                )
            })
            .filter(|(name, _)| is_used(name))
            .map(|(name, contents)| (format!("{DIR}/{name}"), contents))
            .collect();
        // Pagefind builds its files concurrently; their order is not its contents'.
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::Agent;

    fn catalog() -> Catalog {
        let agent =
            |path: &str, text: &str| Agent::read(path, text.as_bytes().to_vec()).expect("agent");
        Catalog::new(vec![
            agent(
                "dev/api.md",
                "---\nname: api-designer\ndescription: Designs <REST> APIs\nmodel: opus\ntools: Read, Grep\n---\n## Steps\nWrite an *OpenAPI* spec.\n",
            ),
            agent(
                "ops/deploy.md",
                "---\nname: deployer\ndescription: Ships releases\n---\nRun the pipeline.\n",
            ),
        ])
    }

    #[test]
    fn a_document_holds_weighted_text_filters_sorts_and_the_card() {
        let catalog = catalog();
        let html = document(&catalog, &catalog.entries[0], "<article>\"card\"</article>");
        assert!(html.contains("<p data-pagefind-weight=\"10\">api-designer</p>\n"));
        assert!(html.contains("<p data-pagefind-weight=\"4\">Designs &lt;REST&gt; APIs</p>\n"));
        assert!(html.contains("<p data-pagefind-weight=\"1\">Steps Write an OpenAPI spec.</p>"));
        assert!(html.contains("data-card=\"&lt;article&gt;&quot;card&quot;&lt;/article&gt;\""));
        assert!(html.contains("<p data-pagefind-filter=\"model\">Opus</p>"));
        assert!(html.contains("<p data-pagefind-filter=\"tool\">Grep</p>"));
        assert!(html.contains("<p data-pagefind-filter=\"category\">dev</p>"));
        assert!(html.contains("<p data-pagefind-sort=\"length\">000000009</p>"));
    }

    #[test]
    fn the_index_holds_the_search_script_and_its_chunks_and_is_deterministic() -> Result<()> {
        let catalog = catalog();
        let documents = || {
            catalog
                .entries
                .iter()
                .map(|e| {
                    (
                        format!("agents/{}/index.html", e.slug),
                        document(&catalog, e, "<article></article>"),
                    )
                })
                .collect::<Vec<_>>()
        };
        let files = index(documents())?;
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("pagefind/index/")));
        assert!(names.iter().any(|n| n.starts_with("pagefind/fragment/")));
        assert!(names.iter().any(|n| n.starts_with("pagefind/filter/")));
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        // Compared without printing: the files are compressed binary.
        assert!(files == index(documents())?, "a second build differs");
        Ok(())
    }
}
