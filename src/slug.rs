//! Slugs: the URL- and file-safe names that agents, families and headings are published under.

/// Lower-case ASCII letters and digits, with every other run of characters turned into one `-`.
/// May be empty (a name of only punctuation or emoji); callers choose a fallback.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
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

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn keeps_ascii_words_joined_by_single_dashes() {
        assert_eq!(slugify("Backend Engineer (v2)"), "backend-engineer-v2");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("acme:API_designer"), "acme-api-designer");
        assert_eq!(slugify("🚀!!"), "");
    }
}
