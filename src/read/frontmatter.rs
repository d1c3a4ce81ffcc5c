//! Frontmatter: splits an agent file into its YAML header and Markdown body, and reads the header
//! the way Claude Code does, so the catalogue shows what Claude Code would load.
//!
//! Reading goes in three steps, each tried only when the one before fails:
//!
//! 1. strict YAML (serde-saphyr, with its budgets against alias bombs and deep nesting);
//! 2. the same text with every top-level `key: value` whose value holds a YAML-special character
//!    wrapped in single quotes (the usual fault: an unquoted `: ` inside a description);
//! 3. a lenient line reader: a value runs until the next line that starts a top-level key.
//!
//! Any recovery produces a warning that quotes the original YAML error with its file line.

use indexmap::IndexMap;
use serde_json::Value;

use crate::read::diagnostics::Diagnostic;

/// One top-level frontmatter field and the file line its key is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub value: Value,
    pub line: usize,
}

/// How the frontmatter had to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Valid YAML as written.
    Strict,
    /// Valid once values with special characters were quoted.
    Quoted,
    /// Recovered key by key by the lenient reader.
    Lenient,
}

/// An agent file split into its parts.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub fields: IndexMap<String, Field>,
    pub body: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
    pub reading: Reading,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a file could not be split into frontmatter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    NoFrontmatter,
    /// The opening `---` has no closing `---`.
    Unterminated,
}

/// Splits `text` (line endings already normalised to `\n`) and reads its frontmatter.
pub fn parse(text: &str) -> Result<Document<'_>, SplitError> {
    let (yaml, body, body_line) = split(text)?;
    let mut diagnostics = Vec::new();
    let (fields, reading) = read_fields(yaml, &mut diagnostics);
    Ok(Document {
        fields,
        body,
        body_line,
        reading,
        diagnostics,
    })
}

/// The file line of the first frontmatter line (line 1 holds the opening `---`).
const YAML_FIRST_LINE: usize = 2;

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Returns the YAML text, the body, and the file line the body starts on.
fn split(text: &str) -> Result<(&str, &str, usize), SplitError> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Err(SplitError::NoFrontmatter),
    }
    let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if is_fence(line) {
            let body_start = offset + line.len();
            return Ok((
                &text[yaml_start..offset],
                &text[body_start..],
                YAML_FIRST_LINE + index + 1,
            ));
        }
        offset += line.len();
    }
    Err(SplitError::Unterminated)
}

type Fields = IndexMap<String, Field>;

fn read_fields(yaml: &str, diagnostics: &mut Vec<Diagnostic>) -> (Fields, Reading) {
    let strict_error = match strict(yaml) {
        Ok(map) => return (with_lines(map, yaml), Reading::Strict),
        Err(error) => error,
    };
    let (quoted, quoted_keys) = quote_special_values(yaml);
    if !quoted_keys.is_empty()
        && let Ok(map) = strict(&quoted)
    {
        let keys = quoted_keys
            .iter()
            .map(|(key, line)| format!("`{key}` (line {line})"))
            .collect::<Vec<_>>()
            .join(", ");
        diagnostics.push(strict_error.warning(
            "yaml-quoted",
            format!("read it by quoting the value of {keys}"),
        ));
        return (with_lines(map, yaml), Reading::Quoted);
    }
    let fields = lenient(yaml, diagnostics);
    let keys = fields.keys().map(String::as_str).collect::<Vec<_>>();
    let recovered = format!(
        "recovered {} field{} line by line ({})",
        keys.len(),
        if keys.len() == 1 { "" } else { "s" },
        keys.join(", ")
    );
    diagnostics.insert(0, strict_error.warning("yaml-lenient", recovered));
    (fields, Reading::Lenient)
}

/// A strict YAML error, kept to be quoted in the warning about the recovery.
struct YamlError {
    message: String,
    line: usize,
    column: Option<usize>,
}

impl YamlError {
    fn warning(&self, kind: &'static str, recovery: String) -> Diagnostic {
        let diagnostic = Diagnostic::warning(
            kind,
            self.line,
            format!(
                "frontmatter is not valid YAML ({}); {recovery}",
                self.message
            ),
        );
        match self.column {
            Some(column) => diagnostic.at_column(column),
            None => diagnostic,
        }
    }
}

fn strict(yaml: &str) -> Result<IndexMap<String, Value>, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(IndexMap::new());
    }
    // YAML 1.2 core booleans only, as Claude Code's reader: `name: y` is the text "y".
    let options = serde_saphyr::options! { with_snippet: false, strict_booleans: true };
    serde_saphyr::from_str_with_options::<IndexMap<String, Value>>(yaml, options).map_err(|error| {
        let location = error.location();
        // serde-saphyr counts lines inside the YAML text; the file has the `---` line first.
        let line = location.map_or(YAML_FIRST_LINE, |l| {
            YAML_FIRST_LINE + usize::try_from(l.line()).unwrap_or(1).saturating_sub(1)
        });
        let column = location.and_then(|l| usize::try_from(l.column()).ok());
        YamlError {
            message: strip_location_suffix(&error.to_string()),
            line,
            column,
        }
    })
}

/// serde-saphyr ends messages with "at line L, column C" in YAML coordinates; the warning
/// carries file coordinates instead, so the suffix would only mislead.
fn strip_location_suffix(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    match first_line.rfind(" at line ") {
        Some(index) => first_line[..index].to_string(),
        None => first_line.to_string(),
    }
}

fn with_lines(map: IndexMap<String, Value>, yaml: &str) -> Fields {
    let lines = key_lines(yaml);
    map.into_iter()
        .map(|(key, value)| {
            let line = lines
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(YAML_FIRST_LINE, |(_, line)| *line);
            (key, Field { value, line })
        })
        .collect()
}

/// A top-level `key: value` line: the key, and the value text after the colon.
fn top_level_pair(line: &str) -> Option<(&str, &str)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '"' | '\'') {
        return None;
    }
    let colon = line.find(':')?;
    let rest = &line[colon + 1..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let key = line[..colon].trim_end();
    Some((key, rest.trim()))
}

/// Every top-level key with its file line, in order.
fn key_lines(yaml: &str) -> Vec<(&str, usize)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            top_level_pair(line).map(|(key, _)| (key, YAML_FIRST_LINE + index))
        })
        .collect()
}

const YAML_SPECIAL: &[char] = &[
    '#', '{', '}', '[', ']', '*', '&', '!', '|', '>', '%', '@', '`',
];

fn needs_quotes(value: &str) -> bool {
    if value.is_empty() || value.starts_with(['"', '\'']) {
        return false;
    }
    // A flow collection that is valid on its own line (`tools: [Read, Grep]`) is data, not text.
    if value.starts_with(['[', '{']) && strict(&format!("k: {value}")).is_ok() {
        return false;
    }
    value.contains(": ") || value.ends_with(':') || value.contains(YAML_SPECIAL)
}

/// Rewrites the YAML with special-character values single-quoted; returns the text and the keys
/// (with file lines) that were quoted.
fn quote_special_values(yaml: &str) -> (String, Vec<(String, usize)>) {
    let mut out = String::with_capacity(yaml.len() + 64);
    let mut quoted = Vec::new();
    for (index, line) in yaml.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches('\n');
        match top_level_pair(content) {
            Some((key, value)) if needs_quotes(value) => {
                out.push_str(key);
                out.push_str(": '");
                out.push_str(&value.replace('\'', "''"));
                out.push('\'');
                out.push_str(&line[content.len()..]);
                quoted.push((key.to_string(), YAML_FIRST_LINE + index));
            }
            _ => out.push_str(line),
        }
    }
    (out, quoted)
}

/// The last resort: each top-level key owns the lines up to the next top-level key.
fn lenient(yaml: &str, diagnostics: &mut Vec<Diagnostic>) -> Fields {
    let mut fields = Fields::new();
    let mut current: Option<(&str, usize, Vec<&str>)> = None;
    for (index, line) in yaml.lines().enumerate() {
        let file_line = YAML_FIRST_LINE + index;
        if let Some((key, value)) = top_level_pair(line) {
            if let Some(done) = current.take() {
                insert_lenient(&mut fields, done, diagnostics);
            }
            current = Some((key, file_line, vec![value]));
        } else if let Some((_, _, lines)) = current.as_mut() {
            lines.push(line);
        } else if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            diagnostics.push(Diagnostic::warning(
                "frontmatter-text",
                file_line,
                format!(
                    "frontmatter line before the first key was not read: {:?}",
                    line.trim()
                ),
            ));
        }
    }
    if let Some(done) = current {
        insert_lenient(&mut fields, done, diagnostics);
    }
    fields
}

fn insert_lenient(
    fields: &mut Fields,
    (key, line, lines): (&str, usize, Vec<&str>),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let value = lenient_value(key, &lines);
    if fields.contains_key(key) {
        diagnostics.push(Diagnostic::warning(
            "duplicate-key",
            line,
            format!("duplicate key `{key}`: this later value is used"),
        ));
    }
    fields.insert(key.to_string(), Field { value, line });
}

/// A value the lenient reader owns: parsed as YAML if that pair alone is valid (a list, a block
/// scalar), otherwise folded like a YAML plain scalar (lines trimmed, joined with spaces, an empty
/// line kept as a line break).
fn lenient_value(key: &str, lines: &[&str]) -> Value {
    let pair = format!("{key}: {}", lines.join("\n"));
    if let Ok(map) = strict(&pair)
        && let Some(value) = map.into_values().next()
    {
        return value;
    }
    let mut folded = String::new();
    let mut pending_break = false;
    for line in lines.iter().map(|l| l.trim()) {
        if line.is_empty() {
            if !folded.is_empty() {
                pending_break = true;
            }
            continue;
        }
        if pending_break {
            folded.push('\n');
            pending_break = false;
        } else if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(line);
    }
    Value::String(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(fields: &Fields, key: &str) -> String {
        fields[key].value.as_str().unwrap_or_default().to_string()
    }

    #[test]
    fn splits_frontmatter_and_body() {
        let doc = parse("---\nname: a\n---\nbody\nmore\n").expect("split");
        assert_eq!(doc.body, "body\nmore\n");
        assert_eq!(doc.body_line, 4);
        assert_eq!(doc.reading, Reading::Strict);
        assert_eq!(text(&doc.fields, "name"), "a");
        assert_eq!(doc.fields["name"].line, 2);
        assert!(doc.diagnostics.is_empty());
    }

    #[test]
    fn reports_missing_and_unterminated_frontmatter() {
        assert_eq!(parse("# Title\n").unwrap_err(), SplitError::NoFrontmatter);
        assert_eq!(
            parse("---\nname: a\n").unwrap_err(),
            SplitError::Unterminated
        );
    }

    #[test]
    fn quotes_values_with_colons_and_keeps_their_text() {
        let doc = parse("---\nname: a\ndescription: Use it: when #1 `x`\nmodel: opus\n---\n")
            .expect("split");
        assert_eq!(doc.reading, Reading::Quoted);
        assert_eq!(text(&doc.fields, "description"), "Use it: when #1 `x`");
        assert_eq!(text(&doc.fields, "model"), "opus");
        assert_eq!(doc.fields["model"].line, 4);
        assert_eq!(doc.diagnostics.len(), 1);
        let warning = &doc.diagnostics[0];
        assert_eq!(warning.line, 3);
        assert!(
            warning
                .message
                .ends_with("read it by quoting the value of `description` (line 3)"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn keeps_valid_flow_lists_as_lists_when_quoting() {
        let doc = parse("---\ndescription: a: b\ntools: [Read, Grep]\n---\n").expect("split");
        assert_eq!(doc.reading, Reading::Quoted);
        assert_eq!(
            doc.fields["tools"].value,
            serde_json::json!(["Read", "Grep"])
        );
    }

    #[test]
    fn lenient_reader_folds_continuation_lines() {
        let yaml = "---\nname: x\ndescription:\n    First part: with colon\n        second line\n\n  after break\ncolor: red\n---\nbody";
        let doc = parse(yaml).expect("split");
        assert_eq!(doc.reading, Reading::Lenient);
        assert_eq!(
            text(&doc.fields, "description"),
            "First part: with colon second line\nafter break"
        );
        assert_eq!(text(&doc.fields, "color"), "red");
        assert_eq!(doc.fields["color"].line, 8);
        assert!(doc.diagnostics[0].message.contains("recovered 3 fields"));
    }

    #[test]
    fn lenient_reader_keeps_lists_and_reports_duplicates() {
        let yaml =
            "---\nname: x\ndescription: a: b\n  c: d\ntools:\n  - Read\n  - Grep\nname: y\n---\n";
        // `y` is text in YAML 1.2, not the YAML 1.1 boolean.
        let doc = parse(yaml).expect("split");
        assert_eq!(doc.reading, Reading::Lenient);
        assert_eq!(
            doc.fields["tools"].value,
            serde_json::json!(["Read", "Grep"])
        );
        assert_eq!(text(&doc.fields, "name"), "y");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.line == 8 && d.message.contains("duplicate key `name`"))
        );
    }
}
