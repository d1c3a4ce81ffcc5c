//! The index pages, the facet panel, the search index and the agent-page extras (install
//! command, edit link, heading anchors), on a generated catalogue of five index pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Built, texts};

const MODELS: [&str; 3] = ["opus", "claude-sonnet-4", "haiku"];
const FOLDERS: [&str; 3] = ["backend", "data/ml", ""];

/// 110 agents: names from a fixed scramble (so file order is not name order), models, folders
/// and tools varying with the number.
fn write_agents(dir: &Path) -> usize {
    let count = 110;
    for i in 0..count {
        let folder = dir.join(FOLDERS[i % 3]);
        std::fs::create_dir_all(&folder).expect("folder");
        let tools = if i % 4 == 0 {
            String::new()
        } else {
            "tools: Read, Grep\n".to_string()
        };
        let text = format!(
            "---\nname: agent-{:03}\ndescription: Agent number {i}\nmodel: {}\n{tools}---\n## Role\nDo task {i}.\n",
            (i * 37) % count,
            MODELS[i % 3],
        );
        std::fs::write(folder.join(format!("file-{i:03}.md")), text).expect("write");
    }
    count
}

fn build_with(
    options: impl FnOnce(&mut agentdex::config::BuildOptions),
) -> (tempfile::TempDir, Built) {
    let agents = tempfile::tempdir().expect("temp dir");
    write_agents(agents.path());
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    let mut opts = common::options(agents.path(), &out);
    options(&mut opts);
    let report = agentdex::build(&opts).expect("build succeeds");
    (
        agents,
        Built {
            _dir: dir,
            out,
            report,
        },
    )
}

#[test]
fn every_agent_is_on_exactly_one_index_page_in_name_order() {
    let (_agents, built) = build_with(|_| {});
    let pages = [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "page/4/index.html",
        "page/5/index.html",
    ];
    assert!(!built.out.join("page/6").exists());
    let mut names = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let html = built.html(page);
        let on_page = texts(&html, "[data-results] .card-name");
        assert_eq!(on_page.len(), if number < 4 { 24 } else { 14 }, "{page}");
        names.extend(on_page);
        // Every page links to the next and the previous one.
        let links = texts(&html, "[data-pagination] a");
        assert_eq!(
            links.iter().any(|l| l.starts_with("Next")),
            number < 4,
            "{page}"
        );
        assert_eq!(
            links.iter().any(|l| l.starts_with("← Previous")),
            number > 0
        );
    }
    let expected: Vec<String> = (0..110).map(|i| format!("agent-{i:03}")).collect();
    assert_eq!(names, expected);
    // Links from page 2 go two folders up.
    let page2 = built.read("page/2/index.html");
    assert!(page2.contains("href=\"../../agents/"));
    assert!(page2.contains("href=\"../../index.html\""));
    assert_eq!(built.broken_links(), Vec::<String>::new());
}

#[test]
fn the_facet_panel_counts_every_value() {
    let (_agents, built) = build_with(|_| {});
    let html = built.html("index.html");
    let counts = |facet: &str| -> BTreeMap<String, usize> {
        let values = texts(&html, &format!("[data-facet={facet}] .facet-value"));
        let counts = texts(&html, &format!("[data-facet={facet}] .facet-count"));
        values
            .into_iter()
            .zip(counts.iter().map(|c| c.parse().expect("number")))
            .collect()
    };
    // Agent i has model and folder number i % 3.
    let thirds = |names: [&str; 3]| -> BTreeMap<String, usize> {
        (0..110).fold(BTreeMap::new(), |mut counts, i| {
            *counts.entry(names[i % 3].to_string()).or_default() += 1;
            counts
        })
    };
    assert_eq!(counts("model"), thirds(["Opus", "Sonnet", "Haiku"]));
    assert_eq!(
        counts("category"),
        thirds(["Backend", "Data / Ml", "(top level)"])
    );
    let inherit = (0..110).filter(|i| i % 4 == 0).count();
    assert_eq!(
        counts("tool"),
        BTreeMap::from([
            ("Inherits all".to_string(), inherit),
            ("Read".to_string(), 110 - inherit),
            ("Grep".to_string(), 110 - inherit),
        ])
    );
    // Later pages are plain lists.
    assert!(texts(&built.html("page/2/index.html"), "[data-facet]").is_empty());
}

#[test]
fn the_search_index_holds_every_agent_in_name_order() {
    let (_agents, built) = build_with(|_| {});
    let docs: serde_json::Value =
        serde_json::from_str(&built.read("search/docs.json")).expect("json");
    assert_eq!(docs["docs"].as_array().map(Vec::len), Some(110));
    // Agent n's card, which search results show, is card n % 24 of index page n / 24 + 1.
    assert_eq!(docs["card_pages"]["size"], 24);
    let cards = scraper::Selector::parse("[data-results] > li > .card").expect("selector");
    for n in [0, 57, 109] {
        let page = match n / 24 + 1 {
            1 => "index.html".to_string(),
            number => format!("page/{number}/index.html"),
        };
        let html = built.html(&page);
        let card = html.select(&cards).nth(n % 24).expect("card");
        assert_eq!(docs["names"][n][0], format!("agent-{n:03}"));
        assert_eq!(card.value().attr("data-slug"), docs["names"][n][1].as_str());
    }
    // "agent" (chunk "ag", hex 6167) is a word of every name: all 110, each with the name score.
    let chunk: serde_json::Value =
        serde_json::from_str(&built.read("search/terms/6167.json")).expect("json");
    let list: Vec<u64> = chunk["agent"]
        .as_array()
        .expect("postings")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    assert_eq!(list.len(), 220);
    assert!(list.chunks(2).all(|pair| pair[1] >= 100));
    // "task" is only in the bodies, once each.
    let chunk: serde_json::Value =
        serde_json::from_str(&built.read("search/terms/7461.json")).expect("json");
    assert_eq!(chunk["task"].as_array().map(Vec::len), Some(220));
    assert!(
        chunk["task"]
            .as_array()
            .is_some_and(|l| l.iter().skip(1).step_by(2).all(|s| s == 1))
    );
}

#[test]
fn agent_pages_have_an_install_command_an_edit_link_and_heading_ids() {
    let (_agents, built) = build_with(|options| {
        options.base_url = "https://x.github.io/catalog/".to_string();
        options.config.repository = "https://github.com/o/r".to_string();
    });
    let slug = "file-000";
    let html = built.html(&format!("agents/{slug}.html"));
    assert_eq!(
        texts(&html, "#install-command"),
        vec![format!(
            "mkdir -p .claude/agents && curl -fsSL -o .claude/agents/{slug}.md https://x.github.io/catalog/raw/{slug}.md"
        )]
    );
    let edit = scraper::Selector::parse("a.button[href^='https://github.com']").expect("selector");
    let links: Vec<_> = html
        .select(&edit)
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        links,
        vec!["https://github.com/o/r/edit/main/agents/backend/file-000.md"]
    );
    // The page's sections and the file's headings have ids to link to (app.js adds the visible
    // `#` links; tests/e2e/browse.test.js checks that every heading with an id gets one).
    let headings = scraper::Selector::parse("h2[id], h3[id], h4[id]").expect("selector");
    let ids: Vec<String> = html
        .select(&headings)
        .filter_map(|h| h.value().attr("id"))
        .map(str::to_string)
        .collect();
    assert!(ids.contains(&"details".to_string()) && ids.contains(&"role".to_string()));

    // Without a repository there is no edit link.
    let (_agents, plain) = build_with(|_| {});
    let html = plain.html(&format!("agents/{slug}.html"));
    assert_eq!(html.select(&edit).count(), 0);
    assert!(texts(&html, "#install-command")[0].ends_with(&format!(" ../raw/{slug}.md")));
}
