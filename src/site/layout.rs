//! The site's URL layout: where each page and file is, relative to the site root.
//!
//! ```text
//! index.html  page/<n>/index.html     every agent as a card, by name, 24 to a page
//! agents/<slug>.html                  one agent     raw/<slug>.md   the file, byte-identical
//!                                                   (raw/<slug>.toml for Codex)
//! compare/index.html                  any agents compared in the browser
//! compare/<family>.html               a family's variants side by side
//! compare/<family>--<n>.html           the same, columns of page n of a large family
//! compare/<family>/<a>-vs-<b>.html    two variants diffed
//! plugins/index.html                  the plugins of the catalogue's marketplaces
//! plugins/<plugin>.html               one plugin: its fields, install commands and agents
//! search/…  agents.json  feed.xml  sitemap.xml  robots.txt  404.html  static/…  .nojekyll
//! ```
//!
//! Pages are files rather than folders with an `index.html` each: at 10,000 agents a folder per
//! page was 16,900 of the 55,500 inodes a build created, and creating inodes is most of a build's
//! time in the kernel (ext4 searches past inodes freed in the last seconds, as when the previous
//! site has just been replaced). Static hosts such as GitHub Pages also serve `agents/<slug>.html`
//! at `agents/<slug>`.

use crate::catalog::{Entry, Family};
use crate::read::harness::Harness;

/// The list of plugins.
pub const PLUGINS_PATH: &str = "plugins/index.html";

/// The page of the plugin with `slug`.
pub fn plugin_path(slug: &str) -> String {
    format!("plugins/{slug}.html")
}

/// The page of the agent with `slug`, relative to the site root.
pub fn agent_path(slug: &str) -> String {
    format!("agents/{slug}.html")
}

/// The agent file with `slug`, byte-identical, relative to the site root: `.toml` for a Codex
/// agent, `.md` for the Markdown files of every other harness.
pub fn raw_path(slug: &str, harness: Harness) -> String {
    let ending = if harness == Harness::Codex {
        ".toml"
    } else {
        ".md"
    };
    format!("raw/{slug}{ending}")
}

/// The compare view, where the browser compares any agents.
pub const PICKER_PATH: &str = "compare/index.html";

/// The comparison page of the family with `slug`; its pair diffs are in the folder of that
/// name beside it.
pub fn family_path(slug: &str) -> String {
    format!("compare/{slug}.html")
}

/// Page `page` (from 1) of the comparison of the family with `slug`: a large family shows its
/// columns a page at a time. Slugs never hold `--`, so no family's first page is another's.
pub fn family_page_path(slug: &str, page: usize) -> String {
    if page <= 1 {
        family_path(slug)
    } else {
        format!("compare/{slug}--{page}.html")
    }
}

/// The diff page of two members of a family.
pub fn diff_path(family: &Family, left: &Entry, right: &Entry) -> String {
    format!(
        "compare/{}/{}.html",
        family.slug,
        pair_name(&left.slug, &right.slug)
    )
}

/// `<a>-vs-<b>`; or `<a>--vs--<b>` when a slug's own "vs" would let the first form read as
/// another pair (`foo-vs` and `bar` against `foo` and `vs-bar`). Slugs never hold `--`, so the
/// second form reads one way only.
fn pair_name(left: &str, right: &str) -> String {
    let plain = format!("{left}-vs-{right}");
    let separators = plain.as_bytes().windows(4).filter(|w| w == b"-vs-").count();
    if separators == 1 {
        plain
    } else {
        format!("{left}--vs--{right}")
    }
}

/// The path back to the site root from the page at `path` (relative to the root): `""` at the
/// root, one `../` per folder below it.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn pair_names_read_one_way_only() {
        assert_eq!(
            pair_name("backend-engineer", "backend-developer"),
            "backend-engineer-vs-backend-developer"
        );
        let pairs = [
            ("foo-vs", "bar"),
            ("foo", "vs-bar"),
            ("a-vs-b", "c"),
            ("a", "b-vs-c"),
        ];
        let names: BTreeSet<String> = pairs.iter().map(|(a, b)| pair_name(a, b)).collect();
        assert_eq!(names.len(), pairs.len(), "{names:?}");
        assert_eq!(pair_name("foo", "vs-bar"), "foo--vs--vs-bar");
    }

    #[test]
    fn the_root_is_one_step_up_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of(&agent_path("api")), "../");
        assert_eq!(root_of(&family_path("api")), "../");
        assert_eq!(root_of(PICKER_PATH), "../");
        assert_eq!(root_of(&plugin_path("api")), "../");
        assert_eq!(plugin_path("api"), "plugins/api.html");
        assert_eq!(root_of("page/2/index.html"), "../../");
    }
}
