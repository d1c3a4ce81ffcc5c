//! GitHub Pages conventions: the files a published catalogue has besides its pages (`404.html`,
//! `sitemap.xml`, `robots.txt`, the Atom feed `feed.xml`). Everything here works under a sub-path (`https://user.github.io/catalog/`).

use std::path::Path;
use std::time::SystemTime;

use anyhow::Result;

use crate::catalog::{Catalog, Entry};
use crate::site::layout::{PLUGINS_PATH, agent_path, family_path, plugin_path};
use crate::site::render::{self, SiteInfo, Templates};

/// The site's base URL with exactly one trailing slash, or `None` when it is not known.
fn base(info: &SiteInfo) -> Option<String> {
    let base = info.base_url.trim_end_matches('/');
    (!base.is_empty()).then(|| format!("{base}/"))
}

/// The path part of the base URL (`/catalog/`), `/` when unknown.
fn base_path(info: &SiteInfo) -> String {
    let Some(base) = base(info) else {
        return "/".to_string();
    };
    let after_scheme = base
        .split_once("://")
        .map_or(base.as_str(), |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or_else(|| "/".to_string(), |i| after_scheme[i..].to_string())
}

/// `404.html`. GitHub Pages serves it for any missing address, at any depth, so its links start
/// from the base URL's path rather than being relative.
pub fn not_found_page(templates: &Templates, info: &SiteInfo) -> Result<String> {
    let root = base_path(info);
    let context = render::page_context(info, &root, "404.html");
    templates.render("404.html", &context)
}

/// `robots.txt`: everything may be crawled; names the sitemap when the base URL is known.
pub fn robots_txt(info: &SiteInfo) -> String {
    match base(info) {
        Some(base) => format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".to_string(),
    }
}

/// Every page of the site, relative to its root, in a stable order.
fn page_paths(catalog: &Catalog) -> Vec<String> {
    let agents = catalog.entries.iter().map(|e| agent_path(&e.slug));
    let families = catalog
        .families
        .iter()
        .filter(|f| f.has_variants())
        .map(|f| family_path(&f.slug));
    let plugins = (!catalog.plugins.is_empty())
        .then(|| PLUGINS_PATH.to_string())
        .into_iter()
        .chain(catalog.plugins.iter().map(|p| plugin_path(&p.slug)));
    std::iter::once(String::new())
        .chain(agents)
        .chain(families)
        .chain(plugins)
        .collect()
}

/// `sitemap.xml`, which needs absolute URLs: `None` when the base URL is not known.
pub fn sitemap_xml(info: &SiteInfo, catalog: &Catalog) -> Option<String> {
    let base = base(info)?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in page_paths(catalog) {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_xml(&format!("{base}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// How many agents the feed lists: readers show the latest entries, and a feed of every agent is
/// megabytes at catalogue sizes (4 MB at 10,000 agents) fetched again on every poll.
const FEED_ENTRIES: usize = 100;

/// `feed.xml`: an Atom feed of the [`FEED_ENTRIES`] most recently changed agents, latest first.
/// Dates come from the files' modification times, so the same files give the same feed.
pub fn atom_feed(info: &SiteInfo, catalog: &Catalog, agents_dir: &Path) -> String {
    let mut dated: Vec<(u64, &Entry)> = catalog
        .entries
        .iter()
        .map(|entry| (modified(&agents_dir.join(&entry.agent.path)), entry))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    let updated = dated.first().map_or(0, |(time, _)| *time);
    let base = base(info).unwrap_or_default();
    let id = |path: &str| match base.is_empty() {
        true => format!("urn:agentdex:{}", path.trim_end_matches('/')),
        false => format!("{base}{path}"),
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{base}index.html\"/>\n  <link rel=\"self\" href=\"{base}feed.xml\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(&info.title),
        escape_xml(&info.description),
        escape_xml(&id("")),
        rfc3339(updated),
        escape_xml(&info.title),
    );
    for (time, entry) in dated.into_iter().take(FEED_ENTRIES) {
        // An entry's id must never change (RFC 4287, 4.2.6): it keeps the address agent pages
        // had when each was a folder, so that readers do not take every agent for a new one.
        let id_path = format!("agents/{}/", entry.slug);
        let category = info
            .config
            .category_of(&entry.agent.name)
            .map_or_else(String::new, |c| {
                format!("    <category term=\"{}\"/>\n", escape_xml(c))
            });
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" href=\"{base}{}\"/>\n    <updated>{}</updated>\n{category}    <summary>{}</summary>\n  </entry>\n",
            escape_xml(&entry.label),
            escape_xml(&id(&id_path)),
            agent_path(&entry.slug),
            rfc3339(time),
            escape_xml(&entry.agent.description.summary),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// Seconds since the Unix epoch of the file's last change; 0 when unknown.
fn modified(path: &Path) -> u64 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs())
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch (the civil-from-days algorithm).
fn rfc3339(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and line breaks are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The most a static host publishes: GitHub Pages takes sites of up to 1 GB, GitLab Pages up to
/// 1 GB in at most 200,000 files.
const HOST_MAX_BYTES: u64 = 1_000_000_000;
const HOST_MAX_FILES: usize = 200_000;

/// Why a site of `files` files and `bytes` bytes is too large for GitHub or GitLab Pages, when it
/// is: "1.23 GB in 240,000 files; GitHub Pages publishes at most 1 GB per site, GitLab Pages at
/// most 1 GB and 200,000 files".
pub fn too_large_for_pages(files: usize, bytes: u64) -> Option<String> {
    if bytes <= HOST_MAX_BYTES && files <= HOST_MAX_FILES {
        return None;
    }
    Some(format!(
        "the site is {:.2} GB in {} files; GitHub Pages publishes at most 1 GB per site, GitLab \
         Pages at most 1 GB and 200,000 files",
        bytes as f64 / 1e9,
        thousands(files)
    ))
}

/// 240000 → "240,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(base_url: &str) -> SiteInfo {
        SiteInfo {
            title: "T".to_string(),
            base_url: base_url.to_string(),
            description: "D".to_string(),
            ..SiteInfo::default()
        }
    }

    #[test]
    fn dates_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_599), "2025-12-31T23:59:59Z");
    }

    #[test]
    fn base_paths_come_from_the_base_url() {
        assert_eq!(base_path(&info("https://a.github.io/catalog")), "/catalog/");
        assert_eq!(base_path(&info("https://a.github.io")), "/");
        assert_eq!(base_path(&info("")), "/");
        assert_eq!(
            robots_txt(&info("https://a.github.io/catalog/")),
            "User-agent: *\nAllow: /\nSitemap: https://a.github.io/catalog/sitemap.xml\n"
        );
        assert_eq!(robots_txt(&info("")), "User-agent: *\nAllow: /\n");
    }

    #[test]
    fn xml_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape_xml("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }

    #[test]
    fn a_site_over_a_host_limit_says_which_and_by_how_much() {
        assert_eq!(too_large_for_pages(200_000, 1_000_000_000), None);
        assert_eq!(
            too_large_for_pages(240_000, 5_000).as_deref(),
            Some(
                "the site is 0.00 GB in 240,000 files; GitHub Pages publishes at most 1 GB per \
                 site, GitLab Pages at most 1 GB and 200,000 files"
            )
        );
        assert!(
            too_large_for_pages(10, 1_234_567_890)
                .is_some_and(|m| m.starts_with("the site is 1.23 GB in 10 files"))
        );
    }
}
