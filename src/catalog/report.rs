//! The fidelity report: per collection, how every file was read. Files, agents, duplicates shown
//! once, skipped files with reasons, frontmatter that needed recovery, examples found,
//! warnings by kind, and files per harness, so an author can see exactly how a collection came through.
//!
//! A collection is a `[[sources]]` entry of `catalog.toml` when one holds the file, otherwise
//! the file's top-level folder (the files directly in the agents folder form one collection
//! named after the folder).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::read::agent::Skip;
use crate::read::frontmatter::Reading;

/// A file that did not become an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// How one collection's files were read. Every file is an agent, a duplicate or skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CollectionReport {
    pub name: String,
    pub files: usize,
    pub agents: usize,
    /// Files with the same text as another one, shown once.
    pub duplicates: usize,
    pub skipped: Vec<Skipped>,
    /// Files whose frontmatter is not valid YAML but was read by quoting values.
    pub yaml_quoted: usize,
    /// Files whose frontmatter needed the lenient line reader.
    pub yaml_lenient: usize,
    /// `<example>` blocks found, in descriptions and bodies.
    pub examples: usize,
    /// Warnings by kind.
    pub warnings: BTreeMap<&'static str, usize>,
    /// Files read as agents (duplicates included), by the harness they are written for.
    pub harnesses: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FidelityReport {
    pub collections: Vec<CollectionReport>,
    pub total: CollectionReport,
}

/// Names the collection of each file.
struct Collections<'a> {
    config: &'a Config,
    root_name: &'a str,
}

impl<'a> Collections<'a> {
    /// The source that holds the file, else its top-level folder, else the agents folder.
    fn of(&self, path: &'a str) -> &'a str {
        if let Some(source) = self.config.source_of(path) {
            return &source.name;
        }
        match path.split_once('/') {
            Some((top, _)) => top,
            None => self.root_name,
        }
    }
}

/// Builds the report from the catalogue and the skipped files.
pub fn fidelity(
    catalog: &Catalog,
    skipped: &[(String, Skip)],
    config: &Config,
    root_name: &str,
) -> FidelityReport {
    let collection_of = Collections { config, root_name };
    let mut collections: BTreeMap<String, CollectionReport> = BTreeMap::new();
    for catalog_entry in &catalog.entries {
        let agent = &catalog_entry.agent;
        let paths = std::iter::once(&agent.path).chain(&catalog_entry.also_in);
        for (index, path) in paths.enumerate() {
            let report = collection(&mut collections, collection_of.of(path));
            report.files += 1;
            *report.harnesses.entry(agent.harness.id()).or_insert(0) += 1;
            if index == 0 {
                report.agents += 1;
            } else {
                report.duplicates += 1;
            }
            match agent.reading {
                Reading::Strict => {}
                Reading::Quoted => report.yaml_quoted += 1,
                Reading::Lenient => report.yaml_lenient += 1,
            }
            report.examples += agent.description.examples.len();
            for diagnostic in &agent.diagnostics {
                *report.warnings.entry(diagnostic.kind).or_insert(0) += 1;
            }
        }
    }
    for (path, skip) in skipped {
        let report = collection(&mut collections, collection_of.of(path));
        report.files += 1;
        report.skipped.push(Skipped {
            path: path.clone(),
            reason: skip.reason.clone(),
        });
    }
    let collections: Vec<CollectionReport> = collections.into_values().collect();
    let total = total_of(&collections);
    FidelityReport { collections, total }
}

fn collection<'m>(
    collections: &'m mut BTreeMap<String, CollectionReport>,
    name: &str,
) -> &'m mut CollectionReport {
    collections
        .entry(name.to_string())
        .or_insert_with(|| CollectionReport {
            name: name.to_string(),
            ..CollectionReport::default()
        })
}

fn total_of(collections: &[CollectionReport]) -> CollectionReport {
    let mut total = CollectionReport {
        name: "total".to_string(),
        ..CollectionReport::default()
    };
    for c in collections {
        total.files += c.files;
        total.agents += c.agents;
        total.duplicates += c.duplicates;
        total.skipped.extend(c.skipped.iter().cloned());
        total.yaml_quoted += c.yaml_quoted;
        total.yaml_lenient += c.yaml_lenient;
        total.examples += c.examples;
        for (kind, count) in &c.warnings {
            *total.warnings.entry(kind).or_insert(0) += count;
        }
        for (harness, count) in &c.harnesses {
            *total.harnesses.entry(harness).or_insert(0) += count;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::agent::Agent;

    fn agent(path: &str, text: &str) -> Agent {
        Agent::read(path, text.as_bytes().to_vec()).expect("agent")
    }

    #[test]
    fn counts_every_file_in_its_collection() {
        let catalog = Catalog::new(vec![
            agent(
                "a/x.md",
                "---\nname: x\ndescription: d: e <example>user: hi</example>\n---\n",
            ),
            agent("a/y.md", "---\nname: y\ndescription: other\n---\n"),
            agent(
                "b/x.md",
                "---\nname: x\ndescription: d: e <example>user: hi</example>\n---\n",
            ),
            agent("top.md", "---\nname: top\ndescription: top\n---\n"),
        ]);
        let skipped = vec![("b/notes.md".to_string(), Skip::new("no frontmatter"))];
        let report = fidelity(&catalog, &skipped, &Config::default(), "agents");
        let shape: Vec<(&str, usize, usize, usize, usize, usize, usize)> = report
            .collections
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.files,
                    c.agents,
                    c.duplicates,
                    c.skipped.len(),
                    c.yaml_quoted,
                    c.examples,
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                ("a", 2, 2, 0, 0, 1, 1),
                ("agents", 1, 1, 0, 0, 0, 0),
                ("b", 2, 0, 1, 1, 1, 1),
            ]
        );
        assert_eq!(report.total.files, 5);
        assert_eq!(report.total.warnings.get("yaml-quoted"), Some(&2));
    }
}
