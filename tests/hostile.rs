//! Hostile and broken input: every file becomes an agent page or a reported skip, nothing from a
//! file executes, no path escapes the output folder, and odd encodings are read faithfully.
//!
//! `tests/fixtures/hostile/` holds one file per text case; binary and huge cases are written into
//! a temporary copy of it here.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{build, repo_root};
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/hostile")
}

/// agents.json entries by source path.
fn by_source(json: &Value) -> BTreeMap<String, Value> {
    json["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .map(|a| (a["source"].as_str().expect("source").to_string(), a.clone()))
        .collect()
}

fn warnings(agent: &Value) -> Vec<(u64, String)> {
    agent["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| {
            (
                w["line"].as_u64().expect("line"),
                w["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_fixture_is_an_agent_or_a_reported_skip() {
    let built = build(&fixtures());
    let report = &built.report;
    // 27 files, minus README.md and LICENSE, which are not agent candidates.
    assert_eq!(report.candidates, 25);
    assert_eq!(
        report.agents + report.duplicates + report.skipped.len(),
        report.candidates
    );
    let skipped: Vec<(String, Option<usize>, String)> = report
        .skipped
        .iter()
        .map(|(path, skip)| (path.clone(), skip.line, skip.reason.clone()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (
                "empty.md".to_string(),
                None,
                "the file is empty".to_string()
            ),
            (
                "no-frontmatter.md".to_string(),
                Some(1),
                "no frontmatter: the file does not start with a `---` line".to_string()
            ),
            (
                "unterminated.md".to_string(),
                Some(1),
                "the frontmatter opened on line 1 is never closed by a `---` line".to_string()
            ),
        ]
    );
    let json = built.json();
    assert_eq!(json["agents"].as_array().map(Vec::len), Some(22));
}

#[test]
fn hostile_names_get_safe_unique_stable_slugs() {
    let built = build(&fixtures());
    let agents = by_source(&built.json());
    let slug = |source: &str| agents[source]["id"].as_str().expect("id").to_string();
    assert_eq!(slug("path-name.md"), "path-name");
    assert_eq!(agents["path-name.md"]["name"], "../../etc/passwd");
    assert_eq!(slug("CON.md"), "con-agent");
    assert_eq!(slug("rocket.md"), "rocket");
    assert_eq!(agents["rocket.md"]["name"], "🚀🚀");
    assert_eq!(slug("punctuation.md"), "punctuation");
    assert_eq!(slug("Same.md"), "same");
    assert_eq!(slug("same.md"), "same-2");
    assert_eq!(slug("caf\u{e9}.md"), "cafe-2");
    assert_eq!(slug("cafe\u{301}.md"), "cafe");
    assert_eq!(slug("empty-name.md"), "empty-name");
    assert_eq!(agents["empty-name.md"]["name"], "empty-name");
    // Every page sits inside the output folder, under its slug.
    for agent in agents.values() {
        let id = agent["id"].as_str().expect("id");
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{id}"
        );
        assert!(
            built
                .out
                .join("agents")
                .join(format!("{id}.html"))
                .is_file()
        );
    }
    assert!(!built.out.join("etc").exists());
    assert_eq!(built.broken_links(), Vec::<String>::new());
}

#[test]
fn odd_frontmatter_values_are_read_and_reported() {
    let built = build(&fixtures());
    let agents = by_source(&built.json());
    assert_eq!(agents["tools-star.md"]["tools"], serde_json::json!(["*"]));
    assert_eq!(
        agents["tools-list.md"]["tools"],
        serde_json::json!(["Read", "Agent(a, b)", "7"])
    );
    assert_eq!(
        agents["tools-number.md"]["tools"],
        serde_json::json!(["42"])
    );
    assert_eq!(agents["tools-null.md"]["tools"], serde_json::json!([]));
    assert_eq!(
        warnings(&agents["tools-number.md"]),
        vec![(
            4,
            "`tools` is not text or a list (42); read as text".to_string()
        )]
    );
    assert_eq!(agents["duplicate-keys.md"]["name"], "second");
    assert!(warnings(&agents["duplicate-keys.md"]).contains(&(
        4,
        "duplicate key `name`: this later value is used".to_string()
    )));
    assert_eq!(agents["tabs.md"]["summary"], "Tabbed value.");
    assert_eq!(agents["tabs.md"]["model"], "haiku");
    assert_eq!(
        agents["frontmatter-only.md"]["summary"],
        "Nothing after the frontmatter."
    );
    assert_eq!(
        warnings(&agents["keys-other-case.md"])[2],
        (
            2,
            "`Name` is not read by Claude Code, which expects `name` (keys are case-sensitive); kept as an extra field"
                .to_string()
        )
    );
}

#[test]
fn yaml_bombs_are_stopped_by_the_parser_budget() {
    let built = build(&fixtures());
    let agents = by_source(&built.json());
    let bomb = warnings(&agents["billion-laughs.md"]);
    assert!(bomb[0].1.contains("budget breached"), "{bomb:?}");
    let deep = warnings(&agents["deep-nesting.md"]);
    assert!(deep[0].1.contains("recursion limit exceeded"), "{deep:?}");
    assert_eq!(agents["deep-nesting.md"]["name"], "deep-nesting");
    // The bomb's values stay as the text written, not expanded.
    let page = built.read("agents/billion-laughs.html");
    assert!(page.len() < 200_000, "page is {} bytes", page.len());
}

#[test]
fn nothing_from_an_agent_file_becomes_markup() {
    let built = build(&fixtures());
    let page = built.read("agents/script-injection.html");
    let html = scraper::Html::parse_document(&page);
    let scripts = scraper::Selector::parse("script").expect("selector");
    let sources: Vec<String> = html
        .select(&scripts)
        .map(|s| format!("{:?}/{:?}", s.value().attr("src"), s.value().attr("type")))
        .collect();
    assert_eq!(
        sources,
        vec![
            r#"Some("../static/theme.js")/None"#.to_string(),
            r#"Some("../static/app.js")/None"#.to_string(),
            r#"Some("../static/install.js")/None"#.to_string(),
            r#"None/Some("application/json")"#.to_string(),
        ]
    );
    // The Install section's data holds the agent's text, and none of it ends its element.
    let data = scraper::Selector::parse("#install-data").expect("selector");
    let data: String = html.select(&data).flat_map(|e| e.text()).collect();
    assert!(!data.contains('<'), "{data}");
    serde_json::from_str::<serde_json::Value>(&data).expect("the install data is whole JSON");
    for selector in [
        "iframe",
        "body style",
        "img",
        "object",
        "embed",
        "form",
        "svg script",
    ] {
        let selector = scraper::Selector::parse(selector).expect("selector");
        assert_eq!(html.select(&selector).count(), 0, "{selector:?}");
    }
    // Any SVG on the page is the template's own: as many as on a harmless agent's page.
    let svg = scraper::Selector::parse("svg").expect("selector");
    let harmless = built.html("agents/template-syntax.html");
    assert_eq!(html.select(&svg).count(), harmless.select(&svg).count());
    let any = scraper::Selector::parse("*").expect("selector");
    for element in html.select(&any) {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value}");
            let lowered = value.to_ascii_lowercase();
            assert!(!lowered.contains("javascript:"), "{name}={value}");
            if name == "href" || name == "src" {
                assert!(!lowered.starts_with("data:text"), "{name}={value}");
            }
        }
    }
    // The text is still there, shown rather than run.
    assert!(page.contains("&lt;script&gt;window.pwned = &#39;body&#39;; document.title = &#39;pwned&#39;;&lt;&#x2F;script&gt;")
        || page.contains("&lt;script&gt;window.pwned = 'body'; document.title = 'pwned';&lt;/script&gt;"),
        "body script shown as text");
}

#[test]
fn template_syntax_in_agent_text_stays_text() {
    let built = build(&fixtures());
    let page = built.read("agents/template-syntax.html");
    assert!(page.contains("{{ 7 * 7 }}"), "not evaluated");
    assert!(page.contains("{% for x in [1, 2] %}"), "not evaluated");
    assert!(page.contains("{{ site.title }}"), "not evaluated");
    assert!(!page.contains(">49<"));
}

/// A copy of the fixtures with the cases that cannot be committed as text files.
fn generated_cases(dir: &Path) {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
    write(
        "bom.md",
        b"\xEF\xBB\xBF---\nname: bom\ndescription: Starts with a byte-order mark.\n---\nbody\n",
    );
    write(
        "crlf.md",
        b"---\r\nname: crlf\r\ndescription: Windows line endings.\r\nmodel: opus\r\n---\r\n# Title\r\n\r\nbody\r\n",
    );
    write(
        "mixed.md",
        b"---\nname: mixed\r\ndescription: Mixed line endings.\n---\r\nbody\n",
    );
    write(
        "lone-cr.md",
        b"---\nname: lone-cr\ndescription: Old Mac line endings in the body.\n---\none\rtwo\r\r\nthree &#13; </code>\r",
    );
    write(
        "latin1.md",
        b"---\nname: latin1\ndescription: Caf\xE9 in Latin-1.\n---\nline two\n\xFF\n",
    );
    let huge = "word ".repeat(1024 * 1024);
    write(
        "huge-description.md",
        format!("---\nname: huge-description\ndescription: {huge}\n---\nbody\n").as_bytes(),
    );
    let long_line = "x".repeat(1024 * 1024);
    write(
        "long-line.md",
        format!("---\nname: long-line\ndescription: One long body line.\n---\n{long_line}\n")
            .as_bytes(),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(dir.join("bom.md"), dir.join("link-to-bom.md")).expect("symlink");
        symlink(dir.join("nowhere.md"), dir.join("broken-link.md")).expect("symlink");
        std::fs::create_dir_all(dir.join("loop")).expect("mkdir");
        symlink(dir, dir.join("loop/back")).expect("symlink");
    }
}

fn copy_fixtures(to: &Path) {
    for entry in std::fs::read_dir(fixtures()).expect("fixtures") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

#[test]
fn encodings_line_endings_huge_files_and_symlinks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents_dir = dir.path().join("agents");
    std::fs::create_dir_all(&agents_dir).expect("mkdir");
    copy_fixtures(&agents_dir);
    generated_cases(&agents_dir);
    let built = build(&agents_dir);
    let report = &built.report;
    assert_eq!(
        report.agents + report.duplicates + report.skipped.len(),
        report.candidates
    );
    let agents = by_source(&built.json());

    assert_eq!(agents["bom.md"]["name"], "bom");
    assert_eq!(agents["crlf.md"]["model"], "opus");
    assert_eq!(agents["crlf.md"]["summary"], "Windows line endings.");
    assert_eq!(agents["mixed.md"]["name"], "mixed");
    assert_eq!(agents["latin1.md"]["summary"], "Caf\u{FFFD} in Latin-1.");
    assert_eq!(
        warnings(&agents["latin1.md"]),
        vec![(
            3,
            "the file is not valid UTF-8; invalid bytes are shown as \u{FFFD}".to_string()
        )]
    );
    assert_eq!(
        agents["huge-description.md"]["summary"]
            .as_str()
            .map(str::len),
        Some(5 * 1024 * 1024 - 1)
    );
    assert!(
        built
            .read("agents/long-line.html")
            .contains(&"x".repeat(1024 * 1024))
    );
    // A symlink is followed; the file it reaches is the same text, so it is shown once.
    assert_eq!(
        agents["bom.md"]["also_in"],
        serde_json::json!(["link-to-bom.md"])
    );
    assert!(!agents.contains_key("link-to-bom.md"));

    // Raw downloads are byte-identical, whatever the encoding; the page holds no second copy of
    // the file, and links that one (the source view and the copy button fetch it).
    let link = scraper::Selector::parse("#source ~ p a").expect("selector");
    for (source, agent) in &agents {
        let id = agent["id"].as_str().expect("id");
        let raw = std::fs::read(built.out.join(format!("raw/{id}.md"))).expect("raw");
        let original = std::fs::read(agents_dir.join(source)).expect("source");
        assert!(raw == original, "raw/{id}.md differs from {source}");
        let page = built.html(&format!("agents/{id}.html"));
        let links: Vec<_> = page
            .select(&link)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links, [format!("../raw/{id}.md")], "{source}");
    }

    let skipped: BTreeMap<&str, &str> = report
        .skipped
        .iter()
        .map(|(path, skip)| (path.as_str(), skip.reason.as_str()))
        .collect();
    assert!(
        skipped["broken-link.md"].contains("No such file"),
        "{skipped:?}"
    );
    assert!(
        skipped["loop/back"].starts_with("a symlink loop back to"),
        "{skipped:?}"
    );
}
