//! Diagnostics: what agentdex tells a user about their files.
//!
//! A [`Diagnostic`] names a file and a line (and a column where one is known), like a compiler
//! message, so that an editor or a terminal can jump straight to the place.

use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is: a warning never stops a build; an error means the user must act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One message about one place in one agent file. Lines and columns count from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short name for what kind of problem it is (`yaml-quoted`, `missing-name`, ...), for
    /// counting and filtering.
    pub kind: &'static str,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
    /// For a trust finding: the rule's id (`remote-code/pipe-to-shell`) and its severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_severity: Option<crate::read::trust::Severity>,
}

impl Diagnostic {
    pub fn warning(kind: &'static str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            kind,
            line,
            column: None,
            message: message.into(),
            rule: None,
            rule_severity: None,
        }
    }

    /// A trust finding as a warning: `high remote-code/pipe-to-shell: … (`matched`); fix: …`.
    pub fn of_finding(finding: &crate::read::trust::Finding) -> Self {
        let mut diagnostic = Diagnostic::warning(
            "trust",
            finding.line,
            format!(
                "{} {}: {}: `{}`; fix: {}",
                finding.severity.id(),
                finding.rule,
                finding.why,
                finding.matched.replace('`', "'"),
                finding.fix
            ),
        )
        .at_column(finding.column);
        diagnostic.rule = Some(finding.rule);
        diagnostic.rule_severity = Some(finding.severity);
        diagnostic
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }

    /// Formats the diagnostic the way compilers do: `path:line:col: warning: message`.
    pub fn display_for<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        DiagnosticDisplay {
            diagnostic: self,
            path,
        }
    }
}

struct DiagnosticDisplay<'a> {
    diagnostic: &'a Diagnostic,
    path: &'a str,
}

impl fmt::Display for DiagnosticDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        write!(f, "{}:{}", self.path, d.line)?;
        if let Some(column) = d.column {
            write!(f, ":{column}")?;
        }
        let severity = match d.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, ": {severity}: {}", d.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::warning("test", 3, "bad value").at_column(7);
        assert_eq!(
            d.display_for("agents/a.md").to_string(),
            "agents/a.md:3:7: warning: bad value"
        );
        let d = Diagnostic::warning("test", 1, "no column");
        assert_eq!(
            d.display_for("a.md").to_string(),
            "a.md:1: warning: no column"
        );
    }
}
