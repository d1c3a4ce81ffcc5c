//! Scale: a 10,000-agent catalogue made by the project's corpus generator builds completely, with
//! a page and a raw file for every agent and every agent in `agents.json`, so that bugs that
//! only show at scale (slug clashes, lost files, quadratic steps that time out CI) surface.
//! Not timed: `scripts/bench` measures speed.

mod common;

use std::collections::BTreeSet;

use common::{build, generate_corpus};

const AGENTS: usize = 10_000;

#[test]
fn ten_thousand_agents_each_get_a_page_and_a_json_entry() {
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
}
