//! `agentdex check --format sarif` against the structure SARIF 2.1.0 requires
//! (`tests/sarif/`), the trust findings in `--format json`, and `--deny`.

mod common;

use common::{agentdex, repo_root, stdout};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let path = repo_root().join("tests/sarif/sarif-2.1.0-required.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("json");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

/// A folder with the danger fixture and the reference agents.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = repo_root().join("tests/fixtures/trust/danger.md");
    std::fs::copy(fixture, dir.path().join("danger.md")).expect("copy");
    for seed in std::fs::read_dir(repo_root().join("agents")).expect("agents") {
        let seed = seed.expect("entry").path();
        std::fs::copy(&seed, dir.path().join(seed.file_name().expect("name"))).expect("copy");
    }
    dir
}

#[test]
fn sarif_output_validates_and_locates_every_finding() {
    let dir = folder();
    let json = agentdex(dir.path(), &["check", ".", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&json)).expect("json report");
    let findings: Vec<(String, String, u64, u64)> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap_or_default().to_string();
            f["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(move |d| {
                    Some((
                        path.clone(),
                        d["rule"].as_str()?.to_string(),
                        d["line"].as_u64()?,
                        d["column"].as_u64()?,
                    ))
                })
        })
        .collect();
    let rules: Vec<&str> = findings.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        rules,
        [
            "overbroad-trigger/every-task",
            "permissions/bypass-mode",
            "hidden-text/tag-characters",
            "remote-code/pipe-to-shell",
            "prompt-injection/ignore-instructions",
            "deception/hide-from-user",
        ]
    );

    let output = agentdex(dir.path(), &["check", ".", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    let descriptors = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let mut trust_results = Vec::new();
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(descriptors[index]["id"], result["ruleId"]);
        let place = &result["locations"][0]["physicalLocation"];
        let id = result["ruleId"].as_str().expect("id");
        if id.contains('/') && !id.starts_with("agentdex/") {
            trust_results.push((
                place["artifactLocation"]["uri"]
                    .as_str()
                    .expect("uri")
                    .to_string(),
                id.to_string(),
                place["region"]["startLine"].as_u64().expect("line"),
                place["region"]["startColumn"].as_u64().expect("column"),
            ));
        }
    }
    assert_eq!(trust_results, findings);
    let critical = results
        .iter()
        .find(|r| r["ruleId"] == "hidden-text/tag-characters")
        .expect("the tag characters");
    assert_eq!(critical["level"], "error");
    let descriptor = &descriptors[critical["ruleIndex"].as_u64().expect("index") as usize];
    assert_eq!(descriptor["properties"]["security-severity"], "9.5");
}

#[test]
fn deny_fails_at_or_above_the_severity_only() {
    let dir = folder();
    let code = |args: &[&str]| agentdex(dir.path(), args).status.code();
    assert_eq!(code(&["check", "danger.md", "--deny", "critical"]), Some(1));
    std::fs::write(
        dir.path().join("danger.md"),
        "---\nname: a\ndescription: Use when cleaning.\n---\nRun git clean -fdx.\n",
    )
    .expect("write");
    assert_eq!(code(&["check", "danger.md", "--deny", "critical"]), Some(0));
    assert_eq!(code(&["check", "danger.md", "--deny", "high"]), Some(1));
    assert_eq!(code(&["check", "danger.md"]), Some(0));
}
