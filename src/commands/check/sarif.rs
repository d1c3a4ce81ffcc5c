//! The report as a SARIF 2.1.0 log, the format GitHub code scanning reads: one run, a rule per
//! diagnostic kind that occurs (trust rules by their ids, with why and how to fix), a result per
//! diagnostic at its file, line and column.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Report;
use crate::read::diagnostics::{Diagnostic, Severity as Level};
use crate::read::trust::{self, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF's `level` for a diagnostic.
fn level(diagnostic: &Diagnostic) -> &'static str {
    match (diagnostic.rule_severity, diagnostic.severity) {
        (Some(Severity::Critical | Severity::High), _) => "error",
        (Some(Severity::Medium), _) => "warning",
        (Some(_), _) => "note",
        (None, Level::Error) => "error",
        (None, Level::Warning) => "warning",
    }
}

/// GitHub's `security-severity` property (a CVSS-like score) of a trust severity.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.0",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// The rule id of a diagnostic: a trust rule's own, else `agentdex/<kind>`.
fn rule_id(diagnostic: &Diagnostic) -> String {
    match diagnostic.rule {
        Some(rule) => rule.to_string(),
        None => format!("agentdex/{}", diagnostic.kind),
    }
}

fn descriptor(id: &str, diagnostic: &Diagnostic) -> Value {
    let known = trust::rules().into_iter().find(|r| r.id == id);
    match known {
        Some(rule) => json!({
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.why},
            "help": {"text": rule.fix},
            "defaultConfiguration": {"level": level(diagnostic)},
            "properties": {
                "tags": ["security"],
                "security-severity": security_severity(rule.severity),
            },
        }),
        None => json!({
            "id": id,
            "name": diagnostic.kind,
            "shortDescription": {"text": format!("agentdex check: {}", diagnostic.kind)},
            "defaultConfiguration": {"level": level(diagnostic)},
        }),
    }
}

/// The SARIF log of `report`.
pub(super) fn log(report: &Report) -> Value {
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    for diagnostic in report.files.iter().flat_map(|f| &f.diagnostics) {
        let id = rule_id(diagnostic);
        if let std::collections::btree_map::Entry::Vacant(slot) = rules.entry(id) {
            let descriptor = descriptor(slot.key(), diagnostic);
            slot.insert(descriptor);
        }
    }
    let index: BTreeMap<&str, usize> = rules
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut results = Vec::new();
    for file in &report.files {
        let uri = file.path.replace('\\', "/").replace(' ', "%20");
        for diagnostic in &file.diagnostics {
            let id = rule_id(diagnostic);
            let mut region = json!({"startLine": diagnostic.line.max(1)});
            if let Some(column) = diagnostic.column {
                region["startColumn"] = json!(column.max(1));
            }
            results.push(json!({
                "ruleId": id,
                "ruleIndex": index[id.as_str()],
                "level": level(diagnostic),
                "message": {"text": diagnostic.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region,
                    }
                }],
            }));
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "agentdex",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    })
}
