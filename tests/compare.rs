//! Comparison of the five reference agents: the facts a user needs to pick a variant, computed
//! from the files, and the pages that show them.

mod common;

use agentdex::catalog::Catalog;
use agentdex::catalog::compare::{self, diff::Op};
use common::{build, repo_root, texts};

fn catalog() -> Catalog {
    let loaded = agentdex::read::load(&repo_root().join("agents")).expect("load");
    Catalog::new(loaded.agents)
}

/// The index in the family of the agent with this slug.
fn position(catalog: &Catalog, slug: &str) -> usize {
    catalog.families[0]
        .members
        .iter()
        .position(|&i| catalog.entries[i].slug == slug)
        .unwrap_or_else(|| panic!("{slug} is in the family"))
}

#[test]
fn the_seeds_are_one_family_of_five() {
    let catalog = catalog();
    assert_eq!(catalog.families.len(), 1);
    assert_eq!(catalog.families[0].members.len(), 5);
    assert_eq!(catalog.families[0].slug, "backend-engineer");
}

#[test]
fn what_stands_out_in_each_variant() {
    let catalog = catalog();
    let agents = compare::members(&catalog, &catalog.families[0]);
    let comparison = compare::compare_family(&agents, &compare::sections_of(&agents));
    let standouts = |slug: &str| comparison.standouts[position(&catalog, slug)].clone();

    let senior = standouts("backend-engineer-senior");
    assert!(senior.contains(&"tools: 8 tools".to_string()), "{senior:?}");
    assert!(
        senior.contains(&"return format: yes: “Return Format”".to_string()),
        "{senior:?}"
    );
    assert!(standouts("backend-engineer-hyper-focused").contains(&"model: sonnet".to_string()));
    assert!(standouts("backend-developer").contains(&"name: backend-developer".to_string()));
    for slug in [
        "backend-engineer",
        "backend-reliability-engineer",
        "backend-developer",
    ] {
        assert!(
            !standouts(slug)
                .iter()
                .any(|s| s.starts_with("tools:") || s.starts_with("model:")),
            "{slug}: {:?}",
            standouts(slug)
        );
    }
    // Only the senior variant lists tools: each tool row is ✓ there and "all (inherited)" elsewhere.
    let tool_rows: Vec<_> = comparison.rows.iter().filter(|r| r.key == "tool").collect();
    assert_eq!(tool_rows.len(), 8);
    let senior_column = position(&catalog, "backend-engineer-senior");
    for row in tool_rows {
        for (column, cell) in row.cells.iter().enumerate() {
            let expected = if column == senior_column {
                "✓"
            } else {
                "all (inherited)"
            };
            assert_eq!(cell.text, expected, "{} in column {column}", row.label);
        }
    }
}

#[test]
fn the_reliability_budget_is_distinctive_of_its_variant() {
    let catalog = catalog();
    let agents = compare::members(&catalog, &catalog.families[0]);
    let comparison = compare::compare_family(&agents, &compare::sections_of(&agents));
    let reliability = &comparison.distinctive[position(&catalog, "backend-reliability-engineer")];
    let budget = reliability
        .sections
        .iter()
        .find(|s| s.title == "You adhere to strict reliability budgets")
        .unwrap_or_else(|| panic!("budget section in {:?}", reliability.sections));
    let items = budget.items.join("\n");
    for fact in [
        "Uptime: 99.9%",
        "Error Rate: <0.1%",
        "Response Time: <200ms",
    ] {
        assert!(items.contains(fact), "{fact} in {items}");
    }
    let other = &comparison.distinctive[position(&catalog, "backend-engineer")];
    assert!(
        !other
            .sections
            .iter()
            .any(|s| s.title.contains("reliability budgets"))
    );
}

#[test]
fn the_diff_of_two_variants_marks_their_differing_examples() {
    let catalog = catalog();
    let by_slug =
        |slug: &str| &catalog.entries[catalog.families[0].members[position(&catalog, slug)]].agent;
    let (left, right) = (
        by_slug("backend-engineer"),
        by_slug("backend-engineer-hyper-focused"),
    );
    let sections = [&left.body, &right.body].map(|body| agentdex::read::markdown::sections(body));
    let diff = compare::diff::pair_diff(left, right, [&sections[0], &sections[1]]);
    assert!(!diff.examples.same);
    let deleted: Vec<&str> = diff
        .examples
        .left
        .iter()
        .flatten()
        .filter(|s| s.op == Op::Delete)
        .map(|s| s.text.as_str())
        .collect();
    let inserted: Vec<&str> = diff
        .examples
        .right
        .iter()
        .flatten()
        .filter(|s| s.op == Op::Insert)
        .map(|s| s.text.as_str())
        .collect();
    assert!(deleted.iter().any(|t| t.contains("Stripe")), "{deleted:?}");
    assert!(
        inserted.iter().any(|t| t.contains("PostgreSQL")),
        "{inserted:?}"
    );
    let model = diff
        .fields
        .iter()
        .find(|f| f.field == "model")
        .expect("model field");
    assert_eq!(
        (model.left.as_str(), model.right.as_str(), model.same),
        ("inherit", "sonnet", false)
    );
}

/// The `href` of every element matching `selector`.
fn hrefs(html: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("valid selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr("href"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_family_and_diff_pages_show_it() {
    let built = build(&repo_root().join("agents"));
    let page = built.html("compare/backend-engineer.html");
    let headers = texts(&page, "table.matrix thead th");
    assert_eq!(headers.len(), 6, "{headers:?}");
    let differing = texts(&page, "table.matrix tr.differs th");
    assert!(
        differing.iter().any(|t| t.starts_with("Model")),
        "{differing:?}"
    );
    assert!(texts(&page, ".standouts li").contains(&"model: sonnet".to_string()));
    let similarity = texts(&page, "table.heatmap td");
    assert_eq!(similarity.len(), 25);
    assert_eq!(similarity.iter().filter(|t| *t == "100%").count(), 5);
    let diff_links = texts(&page, ".diff-links a");
    assert_eq!(diff_links.len(), 10, "all pairs of five");
    // The most similar pair comes first, as a page of its own in the folder named after the
    // family; the other nine open the compare view with the two agents.
    let links = hrefs(&page, ".diff-links a");
    assert_eq!(
        links[0],
        "../compare/backend-engineer/backend-engineer-hyper-focused-vs-backend-engineer.html"
    );
    assert_eq!(
        links[1..]
            .iter()
            .filter(|l| l.starts_with("../compare/index.html?agents="))
            .count(),
        9,
        "{links:?}"
    );
    assert!(
        links.contains(
            &"../compare/index.html?agents=backend-developer,backend-engineer-hyper-focused"
                .to_string()
        )
    );
    // That pair is the most similar one in the similarity map.
    let labels = texts(&page, "table.heatmap tbody th");
    let scores: Vec<u32> = similarity
        .iter()
        .map(|t| t.trim_end_matches('%').parse().expect("a percentage"))
        .collect();
    let at = |a: &str, b: &str| {
        let row = labels.iter().position(|l| l == a).expect("row");
        let column = labels.iter().position(|l| l == b).expect("column");
        scores[row * labels.len() + column]
    };
    let best = (0..25)
        .filter(|i| i / 5 != i % 5)
        .map(|i| scores[i])
        .max()
        .expect("pairs");
    assert_eq!(
        at("backend-engineer-hyper-focused", "backend-engineer"),
        best
    );
    assert_eq!(hrefs(&page, ".breadcrumbs a"), ["../index.html"]);

    let diff = built
        .html("compare/backend-engineer/backend-engineer-hyper-focused-vs-backend-engineer.html");
    assert_eq!(
        hrefs(&diff, ".breadcrumbs a"),
        ["../../index.html", "../../compare/backend-engineer.html"]
    );
    assert_eq!(
        hrefs(&diff, "h1 a"),
        [
            "../../agents/backend-engineer-hyper-focused.html",
            "../../agents/backend-engineer.html"
        ]
    );
    let examples_part = texts(&diff, ".diff-part");
    let examples = examples_part
        .iter()
        .find(|t| t.starts_with("Examples"))
        .expect("examples part");
    assert!(examples.starts_with("Examples differs"), "{examples}");
    assert!(!texts(&diff, ".diff-part del.diff-del").is_empty());
    assert!(!texts(&diff, ".diff-part ins.diff-ins").is_empty());

    // Every agent page names its closest relatives with a score.
    let agent = built.html("agents/backend-engineer-senior.html");
    let relatives = texts(&agent, ".relatives li");
    assert_eq!(relatives.len(), 4, "{relatives:?}");
    assert!(
        relatives.iter().all(|r| r.contains("% shared wording")),
        "{relatives:?}"
    );
}

#[test]
fn an_agent_page_lists_twelve_siblings_and_links_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..15 {
        let text = format!(
            "---\nname: helper\ndescription: Helps with task {n}.\n---\nDo task {n} well.\n"
        );
        std::fs::write(dir.path().join(format!("helper-{n:02}.md")), text).expect("write");
    }
    let built = build(dir.path());
    let page = built.html("agents/helper-00.html");
    let listed = texts(&page, ".sibling-list li");
    assert_eq!(listed.len(), 13, "{listed:?}");
    assert_eq!(listed[0], "helper-01");
    assert_eq!(listed[12], "and 2 more variants");
    let links = hrefs(&page, ".sibling-list a");
    assert_eq!(links[12], "../compare/helper.html");
    // A family that fits is listed whole.
    let seeds = build(&repo_root().join("agents"));
    let page = seeds.html("agents/backend-engineer.html");
    assert_eq!(texts(&page, ".sibling-list li").len(), 4);
}
