//! Property tests: whatever the frontmatter and body, reading never panics, a build accounts for
//! every file it is given, and rendered Markdown holds only allow-listed tags, attributes and
//! link targets.

mod common;

use agentdex::read::agent::Agent;
use agentdex::read::markdown::Slugger;
use proptest::prelude::*;

/// Keys Claude Code reads, keys in other cases, and keys it does not know.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("name".to_string()),
        Just("description".to_string()),
        Just("tools".to_string()),
        Just("model".to_string()),
        Just("color".to_string()),
        Just("disallowedTools".to_string()),
        Just("Name".to_string()),
        "[a-zA-Z_]{1,12}",
    ]
}

/// Values that stress YAML: colons, quotes, anchors, flow collections, escapes, tabs, unicode.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,60}",
        "[a-z ]{0,20}: [a-z ]{0,20}",
        Just("*".to_string()),
        Just("&a [*a]".to_string()),
        Just("[Read, Grep".to_string()),
        Just("'unclosed".to_string()),
        Just("\"esc \\q\"".to_string()),
        Just("a\\nb <example>user: x</example>".to_string()),
        "\\PC{0,30}",
        Just("\t".to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (key(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
        value().prop_map(|v| format!("  {v}")),
        value().prop_map(|v| format!("- {v}")),
        Just("---".to_string()),
        Just(String::new()),
    ]
}

fn agent_file() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(line(), 0..12),
        "\\PC{0,200}",
        prop_oneof![Just("\n"), Just("\r\n")],
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 0..8),
    )
        .prop_map(|(lines, body, newline, opened, noise)| {
            let mut text = String::new();
            if opened {
                text.push_str("---");
                text.push_str(newline);
            }
            for line in lines {
                text.push_str(&line);
                text.push_str(newline);
            }
            text.push_str("---");
            text.push_str(newline);
            text.push_str(&body);
            let mut bytes = text.into_bytes();
            bytes.extend(noise);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn reading_any_file_never_panics(bytes in agent_file()) {
        if let Ok(agent) = Agent::read("fuzz.md", bytes.clone()) {
            prop_assert_eq!(agent.source.len, bytes.len());
            prop_assert_eq!(agent.estimated_tokens(), bytes.len().div_ceil(4));
            prop_assert!(!agent.name.is_empty());
            for diagnostic in &agent.diagnostics {
                prop_assert!(diagnostic.line >= 1);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_build_accounts_for_every_file(files in proptest::collection::vec(agent_file(), 1..12)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let agents = dir.path().join("agents");
        std::fs::create_dir_all(&agents).expect("mkdir");
        for (index, bytes) in files.iter().enumerate() {
            std::fs::write(agents.join(format!("agent-{index}.md")), bytes).expect("write");
        }
        let out = dir.path().join("site");
        match agentdex::build(&common::options(&agents, &out)) {
            Ok(report) => {
                prop_assert_eq!(report.candidates, files.len());
                prop_assert_eq!(report.agents + report.duplicates + report.skipped.len(), files.len());
                let json: serde_json::Value = serde_json::from_str(
                    &std::fs::read_to_string(out.join("agents.json")).expect("agents.json"),
                ).expect("json");
                prop_assert_eq!(json["agents"].as_array().map(Vec::len), Some(report.agents));
            }
            // Only when no file at all is an agent does the build stop, and it says why.
            Err(error) => {
                let message = format!("{error:#}");
                prop_assert!(message.contains("is an agent"), "{}", message);
                prop_assert!(!out.exists());
            }
        }
    }
}

/// What attackers put in Markdown: raw HTML, dangerous link targets in every spelling, attribute
/// break-outs, and the constructs whose HTML carries attributes (tables, code, lists, headings).
const HOSTILE_PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<style>*{display:none}</style>",
    "<!-- c --><script>x</script>",
    "<div onclick=x>",
    "</pre></table></a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html,<script>)",
    "[x](./relative.md)",
    "[x](https://example.com \"t\\\" onmouseover=alert(1)\")",
    "[x](https://example.com/\"onmouseover=\"alert(1))",
    "[x](mailto:a@example.com)",
    "<javascript:alert(1)>",
    "<https://example.com/a>",
    "![i](https://example.com/i.png)",
    "![i](data:image/png;base64,AAAA)",
    "[r][ref]\n\n[ref]: javascript:alert(1)",
    "| a | b |\n|:-|-:|\n| <b>1</b> | 2 |",
    "```js\" onload=\"x\n<script>\n```",
    "    <script>indented</script>",
    "- [ ] task\n- [x] done",
    "# Head <em onclick=x>x</em>",
    "> quote <iframe src=x>",
    "1. one\n2. two",
    "3. three",
    "**b** _i_ ~~s~~ `<b>`",
    "&lt;script&gt; &amp; &#x3C;",
    "---",
];

fn hostile_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(HOSTILE_PIECES).prop_map(str::to_string),
        1 => "\\PC{0,40}",
    ];
    let separator = prop_oneof![
        Just("\n"),
        Just("\n\n"),
        Just(" "),
        Just("\n    "),
        Just("\n> ")
    ];
    proptest::collection::vec((piece, separator), 1..12).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, separator)| piece + separator)
            .collect()
    })
}

/// Every element, attribute and link target in `html` that the allow-list does not name.
fn disallowed(html: &str) -> Vec<String> {
    const TAGS: &[&str] = &[
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ];
    // Parsed as the pages hold it: inside <body>.
    let page =
        scraper::Html::parse_document(&format!("<!DOCTYPE html><title>t</title><body>{html}"));
    let body = scraper::Selector::parse("body").expect("selector");
    let Some(body) = page.select(&body).next() else {
        return vec!["no body".to_string()];
    };
    let mut found = Vec::new();
    for node in body.descendants().skip(1) {
        let element = match node.value() {
            scraper::Node::Element(element) => element,
            scraper::Node::Comment(comment) => {
                found.push(format!("comment {:?}", &**comment));
                continue;
            }
            _ => continue,
        };
        let tag = element.name();
        if !TAGS.contains(&tag) {
            found.push(format!("<{tag}>"));
        }
        for (name, value) in element.attrs() {
            let allowed = match (tag, name) {
                ("a", "href") => ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| value.to_ascii_lowercase().starts_with(scheme)),
                ("a", "title") | ("ol", "start") => true,
                ("a", "rel") => value == "noopener noreferrer nofollow",
                ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", "id") => true,
                ("code", "class") => value.starts_with("language-"),
                ("div", "class") => value == "scroll-x",
                ("div", "tabindex" | "role" | "aria-label") => true,
                _ => false,
            };
            if !allowed {
                found.push(format!("<{tag} {name}={value:?}>"));
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn rendered_markdown_holds_only_allowed_tags_attributes_and_links(markdown in hostile_markdown()) {
        let html = agentdex::read::markdown::render(&markdown, &mut Slugger::default(), 1).html;
        let found = disallowed(&html);
        prop_assert!(found.is_empty(), "{:?} in {} from {:?}", found, html, markdown);
    }
}
