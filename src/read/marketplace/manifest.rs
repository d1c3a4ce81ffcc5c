//! The two manifest files as serde types: `.claude-plugin/marketplace.json` and a plugin's
//! `.claude-plugin/plugin.json`. Reading is lenient: a field of the wrong shape is kept as
//! written ([`Loose::Invalid`]) for a warning rather than failing the file, and keys agentdex
//! has no field for are kept in `other`, in file order.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A field read as `T` when it has `T`'s shape, kept as written otherwise.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Loose<T> {
    Valid(T),
    Invalid(Value),
}

/// `.claude-plugin/marketplace.json`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MarketplaceFile {
    pub name: Option<Loose<String>>,
    pub owner: Option<Loose<PersonField>>,
    pub version: Option<Loose<String>>,
    pub description: Option<Loose<String>>,
    pub metadata: Option<Loose<Metadata>>,
    /// Read entry by entry, so that one malformed entry does not hide the others.
    pub plugins: Option<Loose<Vec<Value>>>,
    #[serde(flatten)]
    pub other: IndexMap<String, Value>,
}

/// `metadata` of a marketplace.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub description: Option<Loose<String>>,
    pub version: Option<Loose<String>>,
    /// Prepended to relative plugin sources that do not start with `./`.
    #[serde(rename = "pluginRoot")]
    pub plugin_root: Option<Loose<String>>,
    #[serde(flatten)]
    pub other: IndexMap<String, Value>,
}

/// A plugin as a marketplace entry or a `plugin.json` describes it; the two share their keys
/// (an entry adds `source`, `category`, `tags` and `strict`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PluginFields {
    pub name: Option<Loose<String>>,
    pub source: Option<Loose<SourceField>>,
    pub description: Option<Loose<String>>,
    pub version: Option<Loose<String>>,
    pub author: Option<Loose<PersonField>>,
    pub homepage: Option<Loose<String>>,
    pub repository: Option<Loose<String>>,
    pub license: Option<Loose<String>>,
    pub keywords: Option<Loose<Vec<String>>>,
    pub category: Option<Loose<String>>,
    pub tags: Option<Loose<Vec<String>>>,
    pub strict: Option<Loose<bool>>,
    pub agents: Option<Loose<Paths>>,
    #[serde(flatten)]
    pub other: IndexMap<String, Value>,
}

/// An author or an owner: `{"name", "email", "url"}`, or, leniently, just a name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum PersonField {
    Object(Person),
    Name(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One path or a list of them (`agents`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    One(String),
    Many(Vec<String>),
}

impl Paths {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Paths::One(path) => vec![path.as_str()],
            Paths::Many(paths) => paths.iter().map(String::as_str).collect(),
        }
    }
}

/// Where a plugin comes from: a path in the marketplace's repository, or an object naming a
/// remote place (`{"source": "github", "repo": "owner/repo"}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum SourceField {
    Path(String),
    Remote(Remote),
}

/// A remote plugin source: its kind and the fields that kind has.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Remote {
    pub source: String,
    #[serde(flatten)]
    pub fields: IndexMap<String, Value>,
}

impl Remote {
    fn field(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    /// What to show for the remote place, and a web link to it when there is a safe one;
    /// `None` for a kind Claude Code does not have or a kind without its required field.
    pub fn address(&self) -> Option<(String, Option<String>)> {
        let web = |url: &str| {
            (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
        };
        let pinned = |text: String| match self.field("ref").or(self.field("version")) {
            Some(reference) => format!("{text} at {reference}"),
            None => text,
        };
        match self.source.as_str() {
            "github" => {
                let repo = self.field("repo")?;
                let owner_repo = repo.split('/').count() == 2
                    && repo
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
                let link = owner_repo.then(|| format!("https://github.com/{repo}"));
                Some((pinned(format!("GitHub {repo}")), link))
            }
            "url" => {
                let url = self.field("url")?;
                Some((pinned(format!("git {url}")), web(url)))
            }
            "git-subdir" => {
                let url = self.field("url")?;
                let path = self.field("path").unwrap_or(".");
                Some((pinned(format!("git {url}, folder {path}")), web(url)))
            }
            "npm" => {
                let package = self.field("package")?;
                let plain = package
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.@/".contains(c));
                let link = plain.then(|| format!("https://www.npmjs.com/package/{package}"));
                Some((pinned(format!("npm {package}")), link))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_the_wrong_shape_are_kept_and_unknown_keys_too() {
        let entry: PluginFields = serde_json::from_str(
            r#"{"name": "p", "version": 2, "author": "Ann", "keywords": "one", "x-extra": [1],
                "agents": "./a.md", "source": {"source": "github", "repo": "o/r", "ref": "v1"}}"#,
        )
        .expect("parses");
        assert_eq!(entry.name, Some(Loose::Valid("p".to_string())));
        assert_eq!(entry.version, Some(Loose::Invalid(Value::from(2))));
        assert_eq!(
            entry.author,
            Some(Loose::Valid(PersonField::Name("Ann".to_string())))
        );
        assert_eq!(entry.keywords, Some(Loose::Invalid(Value::from("one"))));
        assert_eq!(entry.other["x-extra"], serde_json::json!([1]));
        let Some(Loose::Valid(Paths::One(agent))) = &entry.agents else {
            panic!("one agent path: {:?}", entry.agents);
        };
        assert_eq!(agent, "./a.md");
        let Some(Loose::Valid(SourceField::Remote(remote))) = &entry.source else {
            panic!("a remote source");
        };
        assert_eq!(
            remote.address(),
            Some((
                "GitHub o/r at v1".to_string(),
                Some("https://github.com/o/r".to_string())
            ))
        );
    }

    #[test]
    fn remote_addresses_link_only_to_web_places() {
        let remote = |json: &str| -> Remote { serde_json::from_str(json).expect("remote") };
        assert_eq!(
            remote(r#"{"source": "url", "url": "javascript:alert(1)"}"#).address(),
            Some(("git javascript:alert(1)".to_string(), None))
        );
        assert_eq!(
            remote(r#"{"source": "git-subdir", "url": "https://x.org/r.git", "path": "tools/p"}"#)
                .address(),
            Some((
                "git https://x.org/r.git, folder tools/p".to_string(),
                Some("https://x.org/r.git".to_string())
            ))
        );
        assert_eq!(
            remote(r#"{"source": "npm", "package": "@acme/p", "version": "1.2.0"}"#).address(),
            Some((
                "npm @acme/p at 1.2.0".to_string(),
                Some("https://www.npmjs.com/package/@acme/p".to_string())
            ))
        );
        assert_eq!(
            remote(r#"{"source": "github", "repo": "a/b\"><x"}"#)
                .address()
                .and_then(|a| a.1),
            None
        );
        assert_eq!(remote(r#"{"source": "ftp", "url": "x"}"#).address(), None);
        assert_eq!(remote(r#"{"source": "github"}"#).address(), None);
    }
}
