//! Slugs: the URL- and file-safe names that agents, families and headings are published under.

use unicode_normalization::UnicodeNormalization;

/// Lower-case ASCII letters and digits, with every other run of characters turned into one `-`.
/// Accented letters lose their accents (`café` in either Unicode form gives `cafe`). May be empty
/// (a name of only punctuation or emoji); callers choose a fallback.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
    {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Names Windows reserves for devices: a folder called `con` cannot be created or checked out
/// there, so a slug never is one.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A slug that is safe as a file or folder name on every common system.
pub fn file_safe(slug: String) -> String {
    if RESERVED.contains(&slug.as_str()) {
        format!("{slug}-agent")
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::{file_safe, slugify};

    #[test]
    fn keeps_ascii_words_joined_by_single_dashes() {
        assert_eq!(slugify("Backend Engineer (v2)"), "backend-engineer-v2");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("acme:API_designer"), "acme-api-designer");
        assert_eq!(slugify("🚀!!"), "");
        assert_eq!(slugify("caf\u{e9}"), "cafe");
        assert_eq!(slugify("cafe\u{301}"), "cafe");
    }

    #[test]
    fn reserved_device_names_are_avoided() {
        assert_eq!(file_safe("con".to_string()), "con-agent");
        assert_eq!(file_safe("lpt1".to_string()), "lpt1-agent");
        assert_eq!(file_safe("console".to_string()), "console");
    }
}
