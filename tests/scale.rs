//! Scale: a 10,000-agent catalogue made by the project's corpus generator builds completely, with
//! a page and a raw file for every agent and every agent in `agents.json`, so that bugs that
//! only show at scale (slug clashes, lost files, quadratic steps that time out CI) surface, and
//! the site stays within its size and file budgets.
//! Not timed: `scripts/bench` measures speed.

mod common;

use std::collections::BTreeSet;

use common::{build, generate_corpus};

const AGENTS: usize = 10_000;

/// The most the 10,000-agent site may weigh and hold, a little above what it measures, so that
/// growth shows up here before it shows on a host (docs/performance.md has the measurements;
/// GitHub Pages publishes at most 1 GB per site, GitLab Pages 1 GB and 200,000 files).
const SITE_BUDGET_MIB: u64 = 350;
const FILES_BUDGET: usize = 25_000;

#[test]
fn ten_thousand_agents_each_get_a_page_and_a_json_entry_within_the_size_budget() {
    let input = tempfile::tempdir().expect("temp dir");
    let agents = input.path().join("agents");
    generate_corpus(&agents, AGENTS);
    let files = walkdir::WalkDir::new(&agents)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(files, AGENTS, "gen-corpus wrote every file");

    let built = build(&agents);
    assert_eq!(built.report.candidates, AGENTS);
    assert_eq!(
        built.report.agents + built.report.duplicates + built.report.skipped.len(),
        AGENTS,
        "every file is an agent, a duplicate shown once, or a reported skip"
    );

    let json = built.json();
    let listed = json["agents"].as_array().expect("agents is a list");
    assert_eq!(
        listed.len(),
        built.report.agents,
        "agents.json lists every agent"
    );
    let ids: BTreeSet<&str> = listed
        .iter()
        .map(|a| a["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.len(), listed.len(), "ids are unique");
    let sources: BTreeSet<&str> = listed
        .iter()
        .map(|a| a["source"].as_str().expect("source"))
        .collect();
    assert_eq!(sources.len(), listed.len(), "each file is listed once");
    for agent in listed {
        for key in ["url", "raw_url"] {
            let path = agent[key].as_str().expect(key);
            assert!(built.out.join(path).is_file(), "{path} exists");
        }
    }
    let pages: BTreeSet<String> = std::fs::read_dir(built.out.join("agents"))
        .expect("agents/ exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let ids: BTreeSet<String> = ids.into_iter().map(|id| format!("{id}.html")).collect();
    assert_eq!(
        pages, ids,
        "one page file per agent in agents.json, and nothing else"
    );
    fits_the_budgets(&built);
}

/// The site's files and bytes, counted here, are within the budgets and what the summary says.
fn fits_the_budgets(built: &common::Built) {
    let mut bytes_by_folder = std::collections::BTreeMap::<String, u64>::new();
    let (mut files, mut bytes) = (0, 0);
    for entry in walkdir::WalkDir::new(&built.out) {
        let entry = entry.expect("readable");
        if !entry.file_type().is_file() {
            continue;
        }
        let size = entry.metadata().expect("metadata").len();
        let relative = entry.path().strip_prefix(&built.out).expect("inside");
        let top = relative.iter().next().expect("a name").to_string_lossy();
        *bytes_by_folder.entry(top.into_owned()).or_default() += size;
        files += 1;
        bytes += size;
    }
    assert_eq!(built.report.files, files, "the summary counts every file");
    assert_eq!(built.report.bytes, bytes, "the summary counts every byte");
    let by_folder = format!("{bytes_by_folder:#?}");
    assert!(
        bytes <= SITE_BUDGET_MIB << 20,
        "{:.1} MiB is over the budget of {SITE_BUDGET_MIB} MiB: {by_folder}",
        bytes as f64 / (1 << 20) as f64
    );
    assert!(
        files <= FILES_BUDGET,
        "{files} files is over the budget of {FILES_BUDGET}"
    );
    assert_eq!(built.report.too_large, None);
}
