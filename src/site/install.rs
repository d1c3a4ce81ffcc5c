//! The Install section of an agent page: the agent converted for every harness, with the
//! commands that put the file in place and the conversion's notes.
//!
//! Seven whole files per agent would multiply the site, so the page holds only what differs per
//! harness: each file's head and tail, as pieces of one table (a piece the files share, such as
//! the description, is held once), and the offset at which the agent's body starts in the raw
//! file the page links (and fetches for its source view). `static/install.js` rebuilds each file as head + body + tail.
//! Only where the body cannot stand verbatim (Codex's escaped string, a file with CR LF line
//! breaks, which the body does not keep) is the whole text held.

use serde::Serialize;

use crate::convert::{self, Converted, Text};
use crate::read::agent::Agent;

/// The Install section's values.
#[derive(Debug, Serialize)]
pub struct InstallView {
    pub choices: Vec<Choice>,
    /// The choice picked when the page opens: the agent's own harness, whose file is the one as
    /// written (`install.js` then picks the harness the visitor picked last, if any).
    pub picked: usize,
    /// The data `install.js` rebuilds the files from, as JSON safe inside a `<script>` element.
    pub data: String,
}

/// One harness's choice.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub id: &'static str,
    pub name: &'static str,
    pub file_name: String,
    pub folder: &'static str,
    pub user_folder: &'static str,
    /// Whether the file is the agent's file as written (the raw file).
    pub as_written: bool,
    /// After downloading: the line that moves the file into a project's folder.
    pub command: String,
    /// The same into the user-level folder.
    pub user_command: String,
    pub notes: Vec<String>,
}

/// What `install.js` needs to rebuild one file.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Rebuild {
    /// The raw file as it is.
    Raw,
    /// `head` pieces, the raw file's text from UTF-16 offset `body`, `tail` pieces.
    Splice {
        head: Vec<usize>,
        body: usize,
        tail: Vec<usize>,
    },
    /// The whole text, as pieces.
    Whole(Vec<usize>),
}

#[derive(Debug, Serialize)]
struct Data {
    /// Every piece of the heads, tails and whole texts, each once, in first-use order.
    pieces: Vec<String>,
    /// Per harness, in [`Harness::ALL`] order.
    files: Vec<Rebuild>,
}

/// The text of the raw file as the page's script reads it (`fetch`, then `text()`): UTF-8,
/// invalid bytes replaced, a byte-order mark dropped, line breaks as they are.
pub fn page_text(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string()
}

/// The Install section of `agent`, whose file's bytes are `raw`.
pub fn view(agent: &Agent, raw: &[u8]) -> InstallView {
    let page = page_text(raw);
    // Where the body starts in the page's text, counted as JavaScript counts (UTF-16 units).
    let body_offset = page
        .strip_suffix(agent.body.as_str())
        .map(|before| before.encode_utf16().count());
    let mut table = Pieces::default();
    let mut files = Vec::new();
    let mut choices = Vec::new();
    for converted in convert::convert_all(agent) {
        files.push(match (&converted.text, body_offset) {
            (Text::AsWritten, _) => Rebuild::Raw,
            (Text::Around { head, tail }, Some(body)) => Rebuild::Splice {
                head: table.add(head),
                body,
                tail: table.add(tail),
            },
            (Text::Around { head, tail }, None) => {
                Rebuild::Whole(table.add(&[head.as_str(), &agent.body, tail].concat()))
            }
            (Text::Whole(text), _) => Rebuild::Whole(table.add(text)),
        });
        choices.push(choice(converted));
    }
    let data = Data {
        pieces: table.pieces,
        files,
    };
    InstallView {
        picked: choices.iter().position(|c| c.as_written).unwrap_or(0),
        choices,
        data: script_safe_json(&data),
    }
}

/// One harness's choice. The page writes the commands for the picked harness only;
/// `install.js` writes them the same way for the others.
fn choice(converted: Converted) -> Choice {
    let harness = converted.harness;
    let move_into = |folder: &str| {
        format!(
            "mkdir -p {folder} && mv ~/Downloads/{} {folder}/",
            converted.file_name
        )
    };
    Choice {
        id: harness.id(),
        name: harness.name(),
        command: move_into(harness.project_folder()),
        user_command: move_into(harness.user_folder()),
        folder: harness.project_folder(),
        user_folder: harness.user_folder(),
        as_written: converted.text == Text::AsWritten,
        file_name: converted.file_name,
        notes: converted.notes,
    }
}

/// A table of text pieces, each held once. A text is cut after each line break and after the
/// first `: ` or ` = ` of a line, so that a value is a piece of its own: the description's
/// quoted text is one piece for every harness, YAML (`description: "..."`) and TOML
/// (`description = "..."`) alike.
#[derive(Default)]
struct Pieces {
    pieces: Vec<String>,
    index: rustc_hash::FxHashMap<String, usize>,
}

impl Pieces {
    /// The indices of `text`'s pieces, which joined give `text` back.
    fn add(&mut self, text: &str) -> Vec<usize> {
        let mut ids = Vec::new();
        for line in text.split_inclusive('\n') {
            let cut = [": ", " = "]
                .iter()
                .filter_map(|separator| line.find(separator).map(|at| at + separator.len()))
                .min();
            let (key, value) = line.split_at(cut.unwrap_or(0));
            for piece in [key, value].into_iter().filter(|p| !p.is_empty()) {
                let id = match self.index.get(piece) {
                    Some(&id) => id,
                    None => {
                        self.pieces.push(piece.to_string());
                        self.index.insert(piece.to_string(), self.pieces.len() - 1);
                        self.pieces.len() - 1
                    }
                };
                ids.push(id);
            }
        }
        ids
    }
}

/// JSON that cannot end the `<script>` element it is in: `<`, `>` and `&` written as escapes.
fn script_safe_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
