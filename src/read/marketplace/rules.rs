//! The rules Claude Code applies to marketplace and plugin names: kebab-case, no marketplace
//! under a name reserved for Anthropic's own marketplaces or one that impersonates them.

/// Marketplace names reserved for official Anthropic use (Claude Code's marketplace docs).
pub const RESERVED_MARKETPLACE_NAMES: &[&str] = &[
    "claude-code-marketplace",
    "claude-code-plugins",
    "claude-plugins-official",
    "anthropic-marketplace",
    "anthropic-plugins",
    "agent-skills",
    "knowledge-work-plugins",
    "life-sciences",
];

/// Whether `name` is kebab-case: lowercase letters and digits in runs joined by single hyphens.
pub fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// What is wrong with `name` as a plugin's name, if anything.
pub fn plugin_name_problem(name: &str) -> Option<String> {
    (!is_kebab_case(name)).then(|| {
        format!("plugin name `{name}` is not kebab-case (lowercase letters, digits and single hyphens): Claude Code refuses it")
    })
}

/// What is wrong with `name` as a marketplace's name, if anything.
pub fn marketplace_name_problem(name: &str) -> Option<String> {
    if !is_kebab_case(name) {
        return Some(format!(
            "marketplace name `{name}` is not kebab-case (lowercase letters, digits and single hyphens): Claude Code refuses it"
        ));
    }
    if RESERVED_MARKETPLACE_NAMES.contains(&name) {
        return Some(format!(
            "marketplace name `{name}` is reserved for official Anthropic use: Claude Code refuses it"
        ));
    }
    if impersonates_official(name) {
        return Some(format!(
            "marketplace name `{name}` reads as an official Anthropic marketplace: Claude Code blocks such names"
        ));
    }
    None
}

/// Names that put "official" beside "claude" or "anthropic", or start with "anthropic"
/// (`official-claude-plugins`, `anthropic-tools-v2`): the kind Claude Code blocks.
fn impersonates_official(name: &str) -> bool {
    let words: Vec<&str> = name.split('-').collect();
    let official = words.contains(&"official");
    let brand = words.iter().any(|w| *w == "claude" || *w == "anthropic");
    (official && brand) || words.first() == Some(&"anthropic")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_claude_code_s_rules() {
        assert!(is_kebab_case("voltagent-core-dev"));
        assert!(is_kebab_case("a1"));
        for bad in ["", "Core", "a--b", "-a", "a-", "a b", "a_b", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        assert_eq!(marketplace_name_problem("acme-tools"), None);
        for reserved in RESERVED_MARKETPLACE_NAMES {
            let problem = marketplace_name_problem(reserved).expect("reserved");
            assert!(problem.contains("reserved"), "{problem}");
        }
        for impostor in ["official-claude-plugins", "anthropic-tools-v2"] {
            let problem = marketplace_name_problem(impostor).expect("blocked");
            assert!(problem.contains("official Anthropic"), "{problem}");
        }
        assert_eq!(marketplace_name_problem("claude-helpers"), None);
        assert!(plugin_name_problem("Data Tools").is_some());
        assert_eq!(plugin_name_problem("data-tools"), None);
    }
}
