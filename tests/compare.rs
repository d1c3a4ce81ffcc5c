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
    let headers = texts(&page, "section > .matrix-scroll table.matrix thead th");
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

/// The ids of a page's elements.
fn ids(html: &scraper::Html) -> std::collections::BTreeSet<String> {
    let selector = scraper::Selector::parse("[id]").expect("valid selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr("id"))
        .map(str::to_string)
        .collect()
}

/// Each verdict line of a family page: the variants' labels and the sentence.
fn verdict_lines(html: &scraper::Html) -> Vec<(Vec<String>, String)> {
    let rows = scraper::Selector::parse("table.verdict tr").expect("valid selector");
    let links = scraper::Selector::parse("th a").expect("valid selector");
    let cell = scraper::Selector::parse("td").expect("valid selector");
    html.select(&rows)
        .map(|row| {
            let labels = row.select(&links).map(|a| a.text().collect()).collect();
            let text: String = row.select(&cell).flat_map(|td| td.text()).collect();
            (labels, text)
        })
        .collect()
}

#[test]
fn the_family_page_starts_with_the_verdict_of_its_model() {
    let catalog = catalog();
    let agents = compare::members(&catalog, &catalog.families[0]);
    let comparison = compare::compare_family(&agents, &compare::sections_of(&agents));
    let built = build(&repo_root().join("agents"));
    let page = built.html("compare/backend-engineer.html");
    let expected: Vec<(Vec<String>, String)> = comparison
        .verdict
        .iter()
        .map(|line| {
            let label = &catalog.entries[catalog.families[0].members[line.members[0]]].label;
            (
                vec![label.clone()],
                compare::verdict::sentence(&line.phrases),
            )
        })
        .collect();
    assert_eq!(verdict_lines(&page), expected);
    assert_eq!(expected.len(), 5, "one line per variant");
    // The verdict is the first section, and every phrase lands on an element of the page.
    let sections = scraper::Selector::parse("main section h2").expect("valid selector");
    let first = page.select(&sections).next().expect("a section");
    assert_eq!(first.text().collect::<String>(), "Which one to pick");
    let ids = ids(&page);
    let targets = hrefs(&page, "table.verdict td a");
    assert_eq!(
        targets.len(),
        comparison
            .verdict
            .iter()
            .map(|l| l.phrases.len())
            .sum::<usize>()
    );
    for target in targets {
        let id = target.strip_prefix('#').expect("a link within the page");
        assert!(ids.contains(id), "{id} is on the page");
    }
    // Only differing rows say "differs" (the seeds' capabilities each have a differing tool,
    // so nothing is folded: see `rows_the_same_in_every_variant_are_folded`).
    let open = texts(&page, "section > .matrix-scroll tr.differs th");
    assert_eq!(open.len(), comparison.differing_rows);
    assert!(open.iter().all(|t| t.ends_with("differs")), "{open:?}");
    let unmarked = texts(&page, "section > .matrix-scroll tr.same th");
    assert!(
        unmarked.iter().all(|t| !t.contains("differs")),
        "{unmarked:?}"
    );
    // The senior variant's tools sit under the capability they give.
    let rows = texts(
        &page,
        "section > .matrix-scroll tr th[scope=row] .row-label",
    );
    let shell = rows.iter().position(|r| r == "Runs shell commands");
    let bash = rows.iter().position(|r| r == "Bash");
    assert!(shell.is_some() && bash == shell.map(|i| i + 1), "{rows:?}");
}

#[test]
fn variants_that_differ_in_their_name_only_share_a_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(repo_root().join("agents")).expect("seeds") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let senior = std::fs::read_to_string(repo_root().join("agents/backend-engineer-senior.md"))
        .expect("seed");
    let renamed = senior.replacen(
        "name: backend-engineer\n",
        "name: backend-engineer-copy\n",
        1,
    );
    assert_ne!(renamed, senior);
    std::fs::write(dir.path().join("zz-copy.md"), renamed).expect("write");
    let built = build(dir.path());
    let page = built.html("compare/backend-engineer.html");
    let lines = verdict_lines(&page);
    assert_eq!(lines.len(), 5, "six variants in five columns: {lines:?}");
    let (labels, text) = &lines[2];
    assert_eq!(
        labels,
        &["backend-engineer-senior", "backend-engineer-copy"]
    );
    assert!(
        text.starts_with(
            "backend-engineer-senior and backend-engineer-copy are the same agent except for their name. Pick this one if"
        ),
        "{text}"
    );
    let headers = texts(&page, "section > .matrix-scroll table.matrix thead th");
    assert_eq!(headers.len(), 6, "{headers:?}");
}

#[test]
fn a_large_family_is_paged_by_columns_and_its_verdict_covers_every_variant() {
    const VARIANTS: usize = 150;
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds: Vec<String> = std::fs::read_dir(repo_root().join("agents"))
        .expect("seeds")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("seed"))
        .collect();
    // One family by name: each variant a seed's text with a paragraph of its own.
    for n in 0..VARIANTS {
        let text = format!(
            "{}\n\nVariant {n} also handles case {}.\n",
            seeds[n % seeds.len()],
            n * 7919
        );
        std::fs::write(dir.path().join(format!("variant-{n:03}.md")), text).expect("write");
    }
    let built = build(dir.path());
    let first = built.html("compare/backend-engineer.html");
    let pages = VARIANTS.div_ceil(agentdex::site::render::COLUMNS_PER_PAGE);
    let mut seen = std::collections::BTreeSet::new();
    let page_ids: Vec<std::collections::BTreeSet<String>> = (1..=pages)
        .map(|page| {
            let path = agentdex::site::layout::family_page_path("backend-engineer", page);
            ids(&built.html(&path))
        })
        .collect();
    let file_of = |page: usize| {
        let path = agentdex::site::layout::family_page_path("backend-engineer", page);
        path.trim_start_matches("compare/").to_string()
    };
    for page in 1..=pages {
        let path = agentdex::site::layout::family_page_path("backend-engineer", page);
        let bytes = std::fs::metadata(built.out.join(&path))
            .unwrap_or_else(|_| panic!("{path} exists"))
            .len();
        assert!(bytes <= 300_000, "{path} is {bytes} bytes");
        let html = built.html(&path);
        let lines = verdict_lines(&html);
        assert_eq!(lines.len(), VARIANTS, "{path}: every variant has a line");
        seen.extend(texts(
            &html,
            "section > .matrix-scroll table.matrix thead th a",
        ));
        // Each phrase lands on an element of the page it names.
        for href in hrefs(&html, "table.verdict td a") {
            let (file, id) = href.split_once('#').expect("a fragment");
            let on = if file.is_empty() {
                page
            } else {
                (1..=pages)
                    .find(|&p| file_of(p) == file)
                    .expect("a page of the family")
            };
            assert!(page_ids[on - 1].contains(id), "{path}: {href}");
        }
    }
    assert!(
        !built
            .out
            .join(agentdex::site::layout::family_page_path(
                "backend-engineer",
                pages + 1
            ))
            .exists()
    );
    assert_eq!(
        seen.len(),
        VARIANTS,
        "every variant is a column on one page"
    );
    assert_eq!(texts(&first, ".family-pages a").len(), pages);
}

#[test]
fn rows_the_same_in_every_variant_are_folded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "---\nname: api\ndescription: Builds APIs.\ntools: Read, Bash\n---\n## Steps\n- read\n";
    std::fs::write(dir.path().join("a.md"), text).expect("write");
    std::fs::write(
        dir.path().join("b.md"),
        format!("{text}- and test it well\n"),
    )
    .expect("write");
    let built = build(dir.path());
    let page = built.html("compare/api.html");
    let open = texts(&page, "section > .matrix-scroll .matrix tbody .row-label");
    let folded = texts(&page, "details.same-rows .matrix tbody .row-label");
    assert_eq!(open, ["Length"]);
    assert_eq!(
        folded,
        [
            "Name",
            "Harness",
            "Model",
            "Tools",
            "Reads files",
            "Read",
            "Runs shell commands",
            "Bash",
            "Color",
            "Examples",
            "Return format",
            "Sections",
            "Warnings"
        ]
    );
    let summary = texts(&page, "details.same-rows > summary");
    assert_eq!(summary, ["13 aspects the same in every variant"]);
    let details = scraper::Selector::parse("details.same-rows[open]").expect("valid selector");
    assert_eq!(page.select(&details).count(), 0, "folded by default");
}
