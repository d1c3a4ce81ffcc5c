//! Context: a match is not an instruction when the text around it says otherwise. "Never run
//! `rm -rf /`", a list of commands under "Dangerous patterns to flag", a `grep` for `curl | sh`
//! in an auditing script, or a security agent explaining prompt injection all name a dangerous
//! thing without asking for it. Such matches are excused; in a security agent, a match that is
//! not plainly documentation is kept at most at medium.

use std::sync::LazyLock;

use regex::Regex;

use super::{Severity, Text, compile};

/// What context makes of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Keep,
    /// Keep, at most at this severity.
    Cap(Severity),
    /// Not an instruction: drop it.
    Excuse,
}

/// Words before a match, in its sentence, that turn it into what not to do or what to look
/// for: negations, warnings, detection.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:\b(?:never|not|no|don'?t|doesn'?t|won'?t|can'?t|cannot|avoid\w*|refuse\w*|reject\w*|forbid\w*|prohibit\w*|disallow\w*|prevent\w*|block\w*|warn\w*|flag\w*|detect\w*|catch\w*|scan\w*|audit\w*|check\w* for|look\w* for|search\w* for|grep\w*|rg|semgrep|dangerous|unsafe|insecure|risky|malicious|suspicious|attack\w*|exploit\w*|inject\w*|vulnerab\w*|bad|wrong|anti-?pattern|instead of|rather than|e\.g\.|for example|such as|examples? of|stop\w*|deny|denied|disable\w*)\b|[❌🚫⛔✗✘]|\bDON[’']T\b)",
    )
});

/// A heading or a lead-in line that makes what follows a list of things to avoid or detect.
static AVOID_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:never|don'?t|do not|avoid|forbidden|prohibited|not allowed|dangerous|unsafe|insecure|anti-?patterns?|bad|wrong|pitfalls?|mistakes?|red flags?|what not|threats?|attacks?|detect\w*|audit\w*|scan\w*|vulnerab\w*|exploit\w*|malicious|injection|indicators?|warning signs|to flag|flagged|prohibit\w*|destructive)\b",
    )
});

/// The name or description of an agent whose work is security: its text documents attacks.
static SECURITY_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:secur\w*|audit\w*|pen(?:etration)?[- ]?test\w*|red[- ]team\w*|threat\w*|vulnerab\w*|appsec|devsecops|secops|forensic\w*|incident|malware|exploit\w*|hardening|compliance|prompt[- ]injection|jailbreak\w*|guardrail\w*|safety)\b",
    )
});

pub(super) fn is_security_agent(text: &Text) -> bool {
    SECURITY_AGENT.is_match(text.name) || SECURITY_AGENT.is_match(text.description_text)
}

/// How far back in a line a negation is looked for, in bytes.
const LOOK_BACK: usize = 240;

/// What the context of a match at byte `offset`, on line `line`, makes of it.
pub(super) fn judge(text: &Text, line: usize, offset: usize, security: bool) -> Verdict {
    if negated(text, line, offset) || in_avoid_section(text, line) {
        return Verdict::Excuse;
    }
    if security {
        let info = text.lines[line];
        // Code and quotations in a security agent's text are what it teaches to recognise.
        if info.fenced || quoted(text, line, offset) {
            return Verdict::Excuse;
        }
        return Verdict::Cap(Severity::Medium);
    }
    Verdict::Keep
}

/// The text between bytes `from` and `to`, each moved inwards to a character boundary.
fn window<'a>(text: &Text<'a>, mut from: usize, mut to: usize) -> &'a str {
    while from < to && !text.text.is_char_boundary(from) {
        from += 1;
    }
    while to > from && !text.text.is_char_boundary(to) {
        to -= 1;
    }
    text.text.get(from..to).unwrap_or_default()
}

/// The line's text before `offset`, within [`LOOK_BACK`] bytes.
fn line_before<'a>(text: &Text<'a>, line: usize, offset: usize) -> &'a str {
    window(
        text,
        text.start_of(line).max(offset.saturating_sub(LOOK_BACK)),
        offset,
    )
}

/// The text of the sentence before `offset`, within [`LOOK_BACK`] bytes.
fn sentence_before<'a>(text: &Text<'a>, line: usize, offset: usize) -> &'a str {
    let before = line_before(text, line, offset);
    // The sentence: after the last full stop followed by a space (not `e.g.`).
    match before
        .rfind(". ")
        .or_else(|| before.rfind("! "))
        .or_else(|| before.rfind("? "))
    {
        Some(at) if !before[..at + 1].ends_with("e.g.") && !before[..at + 1].ends_with("i.e.") => {
            &before[at + 2..]
        }
        _ => before,
    }
}

fn negated(text: &Text, line: usize, offset: usize) -> bool {
    if NEGATION.is_match(sentence_before(text, line, offset)) {
        return true;
    }
    // A comment after the match: "rm -rf / # never do this".
    let end = text.start_of(line) + text.line(line).len();
    let after = window(text, offset, end.min(offset + LOOK_BACK));
    after
        .find(['#', '(', '—'])
        .is_some_and(|at| NEGATION.is_match(&after[at..]))
}

fn in_avoid_section(text: &Text, line: usize) -> bool {
    let info = text.lines[line];
    // Heading words may be joined by underscores, as in `<destructive_git_prohibition>`.
    let matches = |index: Option<usize>| {
        index.is_some_and(|i| AVOID_SECTION.is_match(&text.line(i).replace('_', " ")))
    };
    matches(info.heading) || matches(info.lead_in) || (info.fenced && matches(info.fence))
}

/// Whether the match is inside a quotation or inline code on its line.
fn quoted(text: &Text, line: usize, offset: usize) -> bool {
    let before = line_before(text, line, offset);
    let count = |c: char| before.matches(c).count();
    count('`') % 2 == 1 || count('"') % 2 == 1 || before.contains('“') && !before.contains('”')
}
