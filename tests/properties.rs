//! Property tests: whatever the frontmatter and body, reading never panics, and a build accounts
//! for every file it is given.

mod common;

use agentdex::agent::Agent;
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
