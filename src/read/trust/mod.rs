//! Trust: what in an agent file is dangerous, found while the file is read (so in parallel with
//! every other file). Each rule has an id `category/name`, a severity, why it matters and how
//! to fix it; a [`Finding`] is one rule matched at one place (file line and column, counted
//! from 1) with the text it matched, hidden characters made visible.
//!
//! The rules are grouped by what they look at: `hidden_text.rs` (characters a reader does not
//! see), `instructions.rs` (prose that overrides, deceives or claims every task), `commands.rs`
//! (shell commands that send data away, run fetched code, destroy or escalate), `secrets.rs`
//! (keys by their formats) and `config.rs` (frontmatter: hooks, MCP servers, `permissionMode`).
//! `context.rs` excuses matches that are negated, given as what to avoid, or documentation of
//! attacks in a security agent. `quality.rs` is the checklist, not a verdict.
//!
//! Every pattern is a `regex` crate expression, compiled once: matching is linear in the text
//! (no backtracking), and one [`RegexSet`] pass over a file tells which rules need a second look.

mod commands;
mod config;
mod context;
mod hidden_text;
mod instructions;
pub mod quality;
mod secrets;

use std::sync::LazyLock;

use indexmap::IndexMap;
use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Serialize;

use crate::read::capability::Capabilities;
use crate::read::frontmatter::Field;

pub use hidden_text::visible;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// What a finding of this severity adds to the risk score.
    pub fn weight(self) -> u32 {
        match self {
            Severity::Info => 0,
            Severity::Low => 5,
            Severity::Medium => 10,
            Severity::High => 25,
            Severity::Critical => 50,
        }
    }
}

/// A rule: its id, severity, why a match matters and how to fix it.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub why: &'static str,
    pub fix: &'static str,
}

/// One rule matched at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    /// The matched text, hidden characters shown (`[U+200B]`, tag characters decoded).
    pub matched: String,
    pub why: &'static str,
    pub fix: &'static str,
}

/// The risk band of an agent, from its findings' score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    None,
    Review,
    Caution,
    Danger,
}

impl Band {
    pub fn id(self) -> &'static str {
        match self {
            Band::None => "none",
            Band::Review => "review",
            Band::Caution => "caution",
            Band::Danger => "danger",
        }
    }
}

/// The score (50 per critical, 25 per high, 10 per medium, 5 per low finding) and its band:
/// `none` at 0, `review` 1–24, `caution` 25–49, `danger` from 50 or with any critical finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub score: u32,
    pub band: Band,
}

impl Risk {
    pub fn of(findings: &[Finding]) -> Risk {
        let score = findings.iter().map(|f| f.severity.weight()).sum();
        let critical = findings.iter().any(|f| f.severity == Severity::Critical);
        let band = match score {
            _ if critical => Band::Danger,
            0 => Band::None,
            1..=24 => Band::Review,
            25..=49 => Band::Caution,
            _ => Band::Danger,
        };
        Risk { score, band }
    }
}

/// What the scanner reads of one file.
pub struct Input<'a> {
    /// The whole file, line endings normalised to `\n`.
    pub text: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The frontmatter fields the agent model has no field of its own for (`permissionMode`,
    /// `hooks`, `mcpServers`, ...), with the lines their keys are on.
    pub fields: &'a IndexMap<String, Field>,
    pub name: &'a str,
    pub description: &'a str,
    /// The 0-based lines of the `description` field, end exclusive ([`field_lines`]).
    pub description_lines: (usize, usize),
    pub capabilities: &'a Capabilities,
}

/// Every finding in one file, in file order.
pub fn scan(input: &Input) -> Vec<Finding> {
    let text = Text::new(input);
    let mut found = Found::default();
    hidden_text::scan(&text, &mut found);
    scan_patterns(&text, &mut found);
    config::scan(input, &text, &mut found);
    let mut findings = found.findings;
    findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    findings.dedup_by(|a, b| a.rule == b.rule && a.line == b.line && a.column == b.column);
    findings
}

/// At most this many findings of one rule are kept per file: a hostile file with a million
/// matches is reported, not listed in full.
const MAX_PER_RULE: usize = 20;
/// Matched text is cut to this many characters.
const MAX_MATCHED_CHARS: usize = 120;

#[derive(Default)]
pub(crate) struct Found {
    findings: Vec<Finding>,
}

impl Found {
    fn count(&self, rule: &str) -> usize {
        self.findings.iter().filter(|f| f.rule == rule).count()
    }

    /// Adds a finding of `rule` at byte `offset` of the text, unless the rule has reached its cap.
    pub(crate) fn add(
        &mut self,
        text: &Text,
        rule: &'static Rule,
        severity: Severity,
        offset: usize,
        matched: String,
    ) {
        if self.count(rule.id) >= MAX_PER_RULE {
            return;
        }
        let (line, column) = text.position(offset);
        self.findings.push(Finding {
            rule: rule.id,
            severity,
            line,
            column,
            matched: shorten(&matched),
            why: rule.why,
            fix: rule.fix,
        });
    }
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_MATCHED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Where a pattern applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Anywhere in the file.
    File,
    /// Only in the `description` field, which decides when the agent is called.
    Description,
    /// Outside fenced code blocks.
    Prose,
}

/// A rule found by one regular expression.
pub(crate) struct Pattern {
    pub rule: Rule,
    pub regex: &'static str,
    pub scope: Scope,
    /// Whether context can excuse a match (a negation, an example of what to avoid,
    /// documentation in a security agent). Secrets and hidden characters are never excused.
    pub contextual: bool,
    /// A last look at the matched text: `None` drops the match, else its severity.
    pub accept: fn(&str, Severity) -> Option<Severity>,
}

/// Keeps every match at the rule's severity.
pub(crate) fn keep(_: &str, severity: Severity) -> Option<Severity> {
    Some(severity)
}

fn patterns() -> impl Iterator<Item = &'static Pattern> {
    hidden_text::PATTERNS
        .iter()
        .chain(instructions::PATTERNS)
        .chain(commands::PATTERNS)
        .chain(secrets::PATTERNS)
}

/// Every pattern, compiled once.
static COMPILED: LazyLock<Vec<(&'static Pattern, Regex)>> = LazyLock::new(|| {
    patterns()
        .map(|pattern| (pattern, compile(pattern.regex)))
        .collect()
});

/// All patterns at once: one pass says which of them match anywhere in a file. The set only
/// picks the patterns to run, so its word boundaries are ASCII ones: a Unicode `\b` makes the
/// regex crate give up its DFA on any non-ASCII text and run the set's NFA over the whole file
/// (ten times the whole build's time). Next to the ASCII letters of a rule's keywords an ASCII
/// boundary holds wherever a Unicode one does, so the set still finds every file a rule matches.
static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSetBuilder::new(patterns().map(|p| ascii_boundaries(p.regex)))
        .dfa_size_limit(SET_DFA_BYTES)
        .build()
        .unwrap_or_else(|e| panic!("rule patterns: {e}"))
});

/// The lazy DFA cache of the set, per thread. With the default (2 MiB) the states of dozens of
/// patterns at once fill it within a few files and it is rebuilt over and over; at 8 MiB the
/// scanner's share of a build falls from about 11 % to 7 % (larger gains nothing measurable and
/// costs memory).
const SET_DFA_BYTES: usize = 8 << 20;

/// `pattern` with each `\b` made an ASCII word boundary.
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Compiles one of the scanner's own patterns (a bad one is a bug the tests catch).
pub(crate) fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("rule pattern {pattern}: {e}"))
}

fn scan_patterns(text: &Text, found: &mut Found) {
    let matching = SET.matches(text.text);
    if !matching.matched_any() {
        return;
    }
    let security = context::is_security_agent(text);
    for index in matching.iter() {
        let (pattern, regex) = &COMPILED[index];
        for captures in regex.captures_iter(text.text) {
            if found.count(pattern.rule.id) >= MAX_PER_RULE {
                break;
            }
            // A group named `at` is the finding; the rest of the match is context.
            let Some(m) = captures.name("at").or_else(|| captures.get(0)) else {
                continue;
            };
            let line = text.line_index(m.start());
            let applies = match pattern.scope {
                Scope::File => true,
                Scope::Description => text.in_description(line),
                Scope::Prose => !text.lines[line].fenced,
            };
            if !applies {
                continue;
            }
            let Some(mut severity) = (pattern.accept)(m.as_str(), pattern.rule.severity) else {
                continue;
            };
            if pattern.contextual {
                match context::judge(text, line, m.start(), security) {
                    context::Verdict::Keep => {}
                    context::Verdict::Cap(cap) => severity = severity.min(cap),
                    context::Verdict::Excuse => continue,
                }
            }
            found.add(
                text,
                &pattern.rule,
                severity,
                m.start(),
                visible(m.as_str()),
            );
        }
    }
}

/// What the scanner knows of each line.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LineInfo {
    /// Inside a fenced code block (the fence lines included).
    pub fenced: bool,
    /// The line of the nearest Markdown heading above, if any.
    pub heading: Option<usize>,
    /// For a fenced line: the last prose line before the block (what introduces it); for a
    /// list item: the label line ending in `:` above the list.
    pub lead_in: Option<usize>,
    /// For a fenced line: the fence's opening line (its info string).
    pub fence: Option<usize>,
}

/// The file, split into lines once, with what each line is.
pub(crate) struct Text<'a> {
    pub text: &'a str,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    pub lines: Vec<LineInfo>,
    /// Line indexes (0-based) of the `description` field, end exclusive.
    description: (usize, usize),
    /// The `name` and the description's summary, for the security-agent test.
    pub name: &'a str,
    pub description_text: &'a str,
}

impl<'a> Text<'a> {
    fn new(input: &Input<'a>) -> Text<'a> {
        let text = input.text;
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if starts.last() == Some(&text.len()) && !text.is_empty() {
            starts.pop();
        }
        let body_index = input.body_line.saturating_sub(1);
        let mut lines = vec![LineInfo::default(); starts.len()];
        let mut fence: Option<(usize, &str)> = None;
        let mut heading = None;
        let mut last_prose = None;
        let mut lead_in = None;
        for (index, info) in lines.iter_mut().enumerate().skip(body_index) {
            let line = line_at(text, &starts, index);
            let trimmed = line.trim_start();
            info.heading = heading;
            if let Some((open, marker)) = fence {
                info.fenced = true;
                info.lead_in = lead_in;
                info.fence = Some(open);
                if trimmed.starts_with(marker)
                    && trimmed
                        .trim_end()
                        .trim_matches(|c| c == '`' || c == '~')
                        .is_empty()
                {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some((index, &trimmed[..3]));
                lead_in = last_prose;
                info.fenced = true;
                info.lead_in = lead_in;
                info.fence = Some(index);
                continue;
            }
            if is_heading(trimmed) {
                heading = Some(index);
                info.heading = heading;
            }
            if is_list_item(trimmed) {
                // A list under a label ("Never run these:") is what the label says.
                info.lead_in = last_prose
                    .filter(|&l| line_at(text, &starts, l).trim_end().ends_with([':', '*']));
            } else if !trimmed.is_empty() {
                last_prose = Some(index);
            }
        }
        Text {
            text,
            description: input.description_lines,
            starts,
            lines,
            name: input.name,
            description_text: input.description,
        }
    }

    /// The 0-based line index of byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let index = self.line_index(offset);
        let start = self.starts[index];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (index + 1, column)
    }

    /// The text of line `index`, without its line break.
    pub fn line(&self, index: usize) -> &'a str {
        line_at(self.text, &self.starts, index)
    }

    /// The byte offset where line `index` starts.
    pub fn start_of(&self, index: usize) -> usize {
        self.starts[index]
    }

    fn in_description(&self, line: usize) -> bool {
        (self.description.0..self.description.1).contains(&line)
    }
}

/// A Markdown heading, or an XML-style section tag alone on its line (`<safety_rules>`).
fn is_heading(line: &str) -> bool {
    line.starts_with('#')
        || (line.starts_with('<')
            && line.trim_end().ends_with('>')
            && line.len() < 80
            && line[1..]
                .trim_end()
                .trim_end_matches('>')
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
}

fn is_list_item(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || line.split_once(". ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() < 4 && n.bytes().all(|b| b.is_ascii_digit())
        })
}

fn line_at<'a>(text: &'a str, starts: &[usize], index: usize) -> &'a str {
    let start = starts[index];
    let end = starts.get(index + 1).map_or(text.len(), |&next| next - 1);
    text.get(start..end).unwrap_or_default()
}

/// The 0-based lines field `key` takes, end exclusive: from its key to the next key, or to the
/// closing `---` before `body_line` (1-based).
pub fn field_lines(
    fields: &IndexMap<String, Field>,
    key: &str,
    body_line: usize,
) -> (usize, usize) {
    let body_index = body_line.saturating_sub(1);
    let Some(field) = fields.get(key) else {
        return (0, 0);
    };
    let start = field.line.saturating_sub(1);
    let end = fields
        .values()
        .map(|f| f.line.saturating_sub(1))
        .filter(|&l| l > start)
        .min()
        .unwrap_or(body_index.saturating_sub(1));
    (start, end)
}

/// Every rule, for the documentation and SARIF's rule list.
pub fn rules() -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = hidden_text::RULES
        .iter()
        .copied()
        .chain(patterns().map(|p| &p.rule))
        .chain(config::RULES.iter().copied())
        .collect();
    rules.sort_by_key(|r| r.id);
    rules.dedup_by_key(|r| r.id);
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_every_rule_id_has_a_category() {
        assert_eq!(COMPILED.len(), SET.len());
        const CATEGORIES: &[&str] = &[
            "hidden-text",
            "prompt-injection",
            "exfiltration",
            "remote-code",
            "destructive",
            "secret",
            "permissions",
            "hooks",
            "mcp",
            "deception",
            "overbroad-trigger",
        ];
        for rule in rules() {
            let (category, name) = rule.id.split_once('/').expect("category/name");
            assert!(CATEGORIES.contains(&category), "{}", rule.id);
            assert!(!name.is_empty() && !rule.why.is_empty() && !rule.fix.is_empty());
        }
        let used: std::collections::BTreeSet<&str> = rules()
            .iter()
            .map(|r| r.id.split('/').next().unwrap_or_default())
            .collect();
        assert_eq!(used.len(), CATEGORIES.len());
    }

    #[test]
    fn bands_follow_the_documented_thresholds() {
        let finding = |severity| Finding {
            rule: "x/y",
            severity,
            line: 1,
            column: 1,
            matched: String::new(),
            why: "",
            fix: "",
        };
        let band = |list: &[Severity]| {
            Risk::of(&list.iter().map(|&s| finding(s)).collect::<Vec<_>>()).band
        };
        assert_eq!(band(&[]), Band::None);
        assert_eq!(band(&[Severity::Info]), Band::None);
        assert_eq!(band(&[Severity::Low]), Band::Review);
        assert_eq!(
            band(&[Severity::Medium, Severity::Medium, Severity::Low]),
            Band::Caution
        );
        assert_eq!(band(&[Severity::High]), Band::Caution);
        assert_eq!(band(&[Severity::High, Severity::High]), Band::Danger);
        assert_eq!(band(&[Severity::Critical]), Band::Danger);
    }
}
