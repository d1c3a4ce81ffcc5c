//! The marketplace part of `agentdex check`: the manifests' own warnings (malformed JSON,
//! refused sources, entries pointing at missing files, names Claude Code refuses), and the
//! agent files that no plugin of the marketplace lists, each at the JSON's line and column.

use std::collections::BTreeMap;
use std::path::Path;

use crate::commands::check::FileReport;
use crate::read;
use crate::read::diagnostics::Diagnostic;
use crate::read::marketplace::{self, Location, Marketplace, Root, ShippedBy};

/// One report per manifest with something to say, in path order.
pub fn reports(agents: &Path, roots: &[Root]) -> Vec<FileReport> {
    let loaded = marketplace::load(agents, roots);
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for (file, diagnostic) in loaded.warnings {
        by_file.entry(file).or_default().push(diagnostic);
    }
    let listed_in_file: Vec<&Marketplace> = loaded
        .marketplaces
        .iter()
        .filter(|m| m.manifest.is_some())
        .collect();
    if !listed_in_file.is_empty() {
        let paths: Vec<String> = read::load(agents)
            .map(|l| l.agents.into_iter().map(|a| a.path).collect())
            .unwrap_or_default();
        for marketplace in &listed_in_file {
            let unlisted = unlisted(marketplace, &loaded.marketplaces, &paths);
            let (Some(file), Some((line, column))) =
                (&marketplace.manifest, marketplace.plugins_at)
            else {
                continue;
            };
            by_file.entry(file.clone()).or_default().extend(unlisted.into_iter().map(|path| {
                Diagnostic::warning(
                    "agent-unlisted",
                    line,
                    format!(
                        "`{}` is an agent file that no plugin of this marketplace lists: `/plugin install` does not install it",
                        agents.join(path).display()
                    ),
                )
                .at_column(column)
            }));
        }
    }
    by_file
        .into_iter()
        .map(|(path, mut diagnostics)| {
            diagnostics.sort_by_key(|d| (d.line, d.column));
            FileReport {
                path,
                diagnostics,
                fixed: false,
            }
        })
        .collect()
}

/// The agent files under the marketplace's folder that none of its plugins ships; files in a
/// `[[sources]]` folder with a marketplace of its own are that one's.
fn unlisted<'a>(
    marketplace: &Marketplace,
    all: &[Marketplace],
    paths: &'a [String],
) -> Vec<&'a str> {
    let under = |folder: &str, path: &str| {
        path.strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    let own_folder = match &marketplace.location {
        Location::Source(folder) => Some(folder.as_str()),
        Location::Agents | Location::Repository => None,
    };
    let other_sources: Vec<&str> = all
        .iter()
        .filter_map(|m| match &m.location {
            Location::Source(folder) if m.manifest.is_some() => Some(folder.as_str()),
            _ => None,
        })
        .filter(|folder| Some(*folder) != own_folder)
        .collect();
    let shipped = ShippedBy::new(&marketplace.plugins);
    paths
        .iter()
        .map(String::as_str)
        .filter(|path| own_folder.is_none_or(|folder| under(folder, path)))
        .filter(|path| !other_sources.iter().any(|folder| under(folder, path)))
        .filter(|path| shipped.plugins_of(path).next().is_none())
        .collect()
}
