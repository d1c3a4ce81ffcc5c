//! `secret`: API keys and tokens recognised by their published formats, and private key blocks.
//! A key in an agent file is published with it. Placeholders (`AKIAIOSFODNN7EXAMPLE`,
//! `sk-xxxx…`, `ghp_your_token_here`) are not keys and are left alone.

use super::{Pattern, Rule, Scope, Severity};

const FIX: &str = "revoke the key at its provider now (it is public), delete it from the file and its history, and read it from the environment instead";

/// Whether the matched key is a placeholder or an example rather than a key: words such as
/// `example` or `your`, or long runs of one character (`xxxx`, `0000`).
fn is_placeholder(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "example",
        "sample",
        "your",
        "xxxx",
        "placeholder",
        "dummy",
        "fake",
        "redacted",
        "here",
        "replace",
        "token",
        "secret",
        "abcdef",
        "123456",
        "...",
        "…",
        "<",
        "*",
    ];
    if WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let bytes = key.as_bytes();
    let repeated = bytes.windows(4).any(|w| w.iter().all(|&b| b == w[0]));
    let digits = bytes.iter().any(u8::is_ascii_digit);
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    repeated || !digits || letters < 4
}

fn unless_placeholder(matched: &str, severity: Severity) -> Option<Severity> {
    (!is_placeholder(matched)).then_some(severity)
}

/// A private key block is a key only when base64 lines follow its header.
fn with_key_body(matched: &str, severity: Severity) -> Option<Severity> {
    let body = matched.lines().nth(1).unwrap_or_default().trim();
    let base64 = body.len() >= 40
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=');
    (base64 && !is_placeholder_body(body)).then_some(severity)
}

/// A body of a few distinct characters (`AAAA…`, `xxxx…`) is a placeholder.
fn is_placeholder_body(body: &str) -> bool {
    let distinct: std::collections::BTreeSet<u8> = body.bytes().collect();
    distinct.len() < 10
}

macro_rules! secret {
    ($id:literal, $why:literal, $regex:literal) => {
        Pattern {
            rule: Rule {
                id: $id,
                severity: Severity::Critical,
                why: $why,
                fix: FIX,
            },
            regex: $regex,
            scope: Scope::File,
            contextual: false,
            accept: unless_placeholder,
        }
    };
}

pub(super) const PATTERNS: &[Pattern] = &[
    secret!(
        "secret/aws-access-key",
        "an AWS access key id (`AKIA…`, `ASIA…`) gives access to an AWS account, with its secret key",
        r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"
    ),
    secret!(
        "secret/github-token",
        "a GitHub token (`ghp_`, `gho_`, `ghs_`, `github_pat_`) acts as its owner on GitHub",
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b"
    ),
    secret!(
        "secret/anthropic-key",
        "an Anthropic API key (`sk-ant-…`) spends its owner's money",
        r"\bsk-ant-(?:api|admin)?[0-9]{0,2}-?[A-Za-z0-9_-]{40,}"
    ),
    secret!(
        "secret/openai-key",
        "an OpenAI API key (`sk-…`, `sk-proj-…`) spends its owner's money",
        r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b|\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|\bsk-[A-Za-z0-9]{48}\b"
    ),
    secret!(
        "secret/slack-token",
        "a Slack token (`xoxb-`, `xoxp-`…) or webhook URL posts and reads as its owner",
        r"\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}"
    ),
    secret!(
        "secret/google-api-key",
        "a Google API key (`AIza…`) uses its owner's Google Cloud quota and billing",
        r"\bAIza[0-9A-Za-z_-]{35}\b"
    ),
    secret!(
        "secret/stripe-key",
        "a live Stripe secret key (`sk_live_…`, `rk_live_…`) moves its owner's money",
        r"\b(?:sk|rk)_live_[0-9A-Za-z]{24,}\b"
    ),
    Pattern {
        rule: Rule {
            id: "secret/private-key",
            severity: Severity::Critical,
            why: "a private key block: whoever has it can log in, sign or decrypt as its owner",
            fix: FIX,
        },
        regex: r"-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[ \t]*\n[^\n]*",
        scope: Scope::File,
        contextual: false,
        accept: with_key_body,
    },
];
