//! Plugin marketplaces: `.claude-plugin/marketplace.json` and each plugin's
//! `.claude-plugin/plugin.json`, read into [`Marketplace`]s whose plugins name the agent files
//! they ship. These files are manifests, never agent files.
//!
//! A marketplace is looked for at each [`Root`]: the repository that holds the agents folder,
//! the agents folder itself, and each `[[sources]]` folder. Its plugins come from the
//! marketplace file's `plugins` (sources: a relative path, or a remote place that is shown and
//! never fetched) and from every `plugins/*/.claude-plugin/plugin.json` beside it that the file
//! does not list. A plugin's agents are its explicit `agents` paths, or its `agents/` folder.
//!
//! Nothing is read outside the root, and no agent outside the agents folder is named: a source
//! that leaves the repository (`../`, an absolute path) or a manifest that is a symlink out of
//! it is refused with a warning. Every problem is a warning at the JSON's line and column; a
//! file that is not valid JSON is one warning, and its agents are still built as plain files.

pub mod manifest;
pub mod position;
mod resolve;
pub mod rules;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::read::diagnostics::Diagnostic;
pub use manifest::Person;
use manifest::{Loose, MarketplaceFile, PersonField, PluginFields, SourceField};
use position::{Positions, child};
use resolve::{Folder, resolve_from};

/// The folder that holds the manifests of a marketplace or a plugin.
pub const MANIFEST_DIR: &str = ".claude-plugin";
pub const MARKETPLACE_FILE: &str = "marketplace.json";
pub const PLUGIN_FILE: &str = "plugin.json";

/// Manifests are a few kilobytes; a larger file is not read.
const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// Where a marketplace file is looked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "folder", rename_all = "lowercase")]
pub enum Location {
    /// The repository that holds the agents folder (where `catalog.toml` is): what
    /// `/plugin marketplace add owner/repo` reads.
    Repository,
    /// The agents folder.
    Agents,
    /// A `[[sources]]` folder of the agents folder (its path there).
    Source(String),
}

/// A folder to look for a marketplace in.
#[derive(Debug, Clone)]
pub struct Root {
    pub dir: PathBuf,
    pub location: Location,
}

/// A marketplace, or the plugins found beside where one would be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marketplace {
    pub location: Location,
    /// The marketplace file as messages name it; `None` when plugins were found without one.
    pub manifest: Option<String>,
    /// What `/plugin install <plugin>@<name>` needs.
    pub name: Option<String>,
    pub owner: Option<Person>,
    pub description: Option<String>,
    pub version: Option<String>,
    pub plugins: Vec<Plugin>,
    /// Where the file's `plugins` list is (line, column), for messages about what it lacks.
    #[serde(skip)]
    pub plugins_at: Option<(usize, usize)>,
}

/// One plugin, with the marketplace entry's fields over its `plugin.json`'s.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plugin {
    pub name: String,
    pub description: Option<String>,
    pub version: Option<String>,
    pub author: Option<Person>,
    pub license: Option<String>,
    pub homepage: Option<String>,
    pub repository: Option<String>,
    pub category: Option<String>,
    pub keywords: Vec<String>,
    pub source: PluginSource,
    /// Listed in the marketplace file: `/plugin install` can find it.
    pub listed: bool,
    /// The agent files and folders it ships, relative to the agents folder.
    #[serde(skip)]
    pub agents: Vec<AgentRef>,
    /// Its `plugin.json`, as messages name it.
    pub manifest: Option<String>,
}

/// Where a plugin's files come from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PluginSource {
    /// A folder of the repository, as the marketplace file writes it.
    Path { path: String },
    /// A place elsewhere, never fetched: what to call it and a web link when there is one.
    External {
        address: String,
        link: Option<String>,
    },
    /// A source that was refused or could not be read (the warning says why).
    #[default]
    Unusable,
}

/// Agent files a plugin ships: one file, or every file under a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentRef {
    /// Relative to the agents folder, with `/` separators.
    pub path: String,
    pub folder: bool,
}

/// Which plugins ship which paths: the plugins' agent references by exact file and by folder,
/// so that finding an agent's plugins costs a lookup per folder of its path rather than a look
/// at every reference of every plugin (a large marketplace has hundreds of plugins).
pub struct ShippedBy {
    files: HashMap<String, Vec<usize>>,
    folders: HashMap<String, Vec<usize>>,
}

impl ShippedBy {
    pub fn new<'p>(plugins: impl IntoIterator<Item = &'p Plugin>) -> ShippedBy {
        let mut shipped = ShippedBy {
            files: HashMap::new(),
            folders: HashMap::new(),
        };
        for (index, plugin) in plugins.into_iter().enumerate() {
            for reference in &plugin.agents {
                let map = if reference.folder {
                    &mut shipped.folders
                } else {
                    &mut shipped.files
                };
                let list = map.entry(reference.path.clone()).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
        shipped
    }

    /// The plugins (by their index in the list given to [`ShippedBy::new`]) that ship the file
    /// at `path`, in any order, perhaps repeated.
    pub fn plugins_of<'a>(&'a self, path: &'a str) -> impl Iterator<Item = usize> + 'a {
        let folders = std::iter::once("")
            .chain(path.match_indices('/').map(|(end, _)| &path[..end]))
            .filter_map(|folder| self.folders.get(folder));
        self.files
            .get(path)
            .into_iter()
            .chain(folders)
            .flatten()
            .copied()
    }
}

/// Every marketplace found, and what was wrong with the manifests.
#[derive(Debug, Default)]
pub struct Loaded {
    pub marketplaces: Vec<Marketplace>,
    /// `(file as shown, warning)`.
    pub warnings: Vec<(String, Diagnostic)>,
}

/// Reads the marketplaces at `roots`, for the agents folder `agents`. Roots that are the same
/// folder are read once.
pub fn load(agents: &Path, roots: &[Root]) -> Loaded {
    let mut loaded = Loaded::default();
    let Some(agents) = Folder::new(agents) else {
        return loaded;
    };
    let mut seen = BTreeSet::new();
    for root in roots {
        let Some(folder) = Folder::new(&root.dir) else {
            continue;
        };
        if !seen.insert(folder.canonical.clone()) {
            continue;
        }
        let mut reader = Reader {
            agents: &agents,
            root: &folder,
            listed: BTreeSet::new(),
            warnings: &mut loaded.warnings,
        };
        if let Some(marketplace) = reader.marketplace(&root.location) {
            loaded.marketplaces.push(marketplace);
        }
    }
    loaded
}

/// The roots of a build: the repository at `project` when the agents folder is inside it, the
/// agents folder, and the `[[sources]]` folders.
pub fn roots(project: Option<&Path>, agents: &Path, sources: &[&str]) -> Vec<Root> {
    let mut roots = Vec::new();
    if let Some(project) = project {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        if absolute(agents).starts_with(absolute(project)) {
            roots.push(Root {
                dir: project.to_path_buf(),
                location: Location::Repository,
            });
        }
    }
    roots.push(Root {
        dir: agents.to_path_buf(),
        location: Location::Agents,
    });
    roots.extend(sources.iter().map(|folder| Root {
        dir: agents.join(folder.trim_matches('/')),
        location: Location::Source(folder.trim_matches('/').to_string()),
    }));
    roots
}

/// One JSON manifest, read and parsed.
struct Json {
    shown: String,
    value: Value,
    positions: Positions,
}

/// Reads one root's manifests.
struct Reader<'a> {
    agents: &'a Folder,
    root: &'a Folder,
    /// The plugin folders the marketplace file lists (their real paths).
    listed: BTreeSet<PathBuf>,
    warnings: &'a mut Vec<(String, Diagnostic)>,
}

impl Reader<'_> {
    /// How messages name `path`: under the agents folder or the root as they were given.
    fn shown(&self, path: &Path) -> String {
        self.agents
            .shown(path)
            .or_else(|| self.root.shown(path))
            .unwrap_or_else(|| path.display().to_string())
    }

    fn warn(&mut self, json: &Json, pointer: &str, kind: &'static str, message: String) {
        let (line, column) = json.positions.line_col(pointer);
        self.warnings.push((
            json.shown.clone(),
            Diagnostic::warning(kind, line, message).at_column(column),
        ));
    }

    fn warn_file(&mut self, shown: String, kind: &'static str, message: String) {
        self.warnings
            .push((shown, Diagnostic::warning(kind, 1, message)));
    }

    /// Reads the JSON file at `path`, which must be inside the root; `None` when there is none
    /// or it cannot be used (with a warning).
    fn read_json(&mut self, path: &Path) -> Option<Json> {
        let shown = self.shown(path);
        if !path.is_file() {
            return None;
        }
        let text = match self.root.read_inside(path, MAX_MANIFEST_BYTES) {
            Ok(text) => text,
            Err(reason) => {
                self.warn_file(shown, "manifest-unreadable", reason);
                return None;
            }
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(value) => Some(Json {
                shown,
                positions: Positions::of(&text),
                value,
            }),
            Err(error) => {
                let diagnostic = Diagnostic::warning(
                    "manifest-json",
                    error.line().max(1),
                    format!("not valid JSON ({error}); the agents are built as plain files"),
                )
                .at_column(error.column().max(1));
                self.warnings.push((shown, diagnostic));
                None
            }
        }
    }

    fn marketplace(&mut self, location: &Location) -> Option<Marketplace> {
        let file = self.root.dir.join(MANIFEST_DIR).join(MARKETPLACE_FILE);
        let json = self.read_json(&file);
        let mut marketplace = Marketplace {
            location: location.clone(),
            manifest: json.as_ref().map(|j| j.shown.clone()),
            name: None,
            owner: None,
            description: None,
            version: None,
            plugins: Vec::new(),
            plugins_at: None,
        };
        if let Some(json) = &json {
            self.read_marketplace_file(json, &mut marketplace);
        }
        let unlisted = self.unlisted_plugins(&marketplace);
        marketplace.plugins.extend(unlisted);
        (!marketplace.plugins.is_empty()).then_some(marketplace)
    }

    fn read_marketplace_file(&mut self, json: &Json, marketplace: &mut Marketplace) {
        let file: MarketplaceFile = match serde_json::from_value(json.value.clone()) {
            Ok(file) => file,
            Err(_) => {
                self.warn(
                    json,
                    "",
                    "manifest-shape",
                    "a marketplace file is a JSON object; this one is not read".to_string(),
                );
                return;
            }
        };
        let mut fields = Fields { reader: self, json };
        marketplace.name = fields.text(file.name, "/name");
        marketplace.owner = fields.person(file.owner, "/owner");
        let metadata = fields.take(file.metadata, "/metadata", "an object");
        let (meta_description, meta_version, plugin_root) = match metadata {
            Some(m) => (
                fields.text(m.description, "/metadata/description"),
                fields.text(m.version, "/metadata/version"),
                fields.text(m.plugin_root, "/metadata/pluginRoot"),
            ),
            None => (None, None, None),
        };
        marketplace.description = fields
            .text(file.description, "/description")
            .or(meta_description);
        marketplace.version = fields.text(file.version, "/version").or(meta_version);
        match &marketplace.name {
            None => self.warn(
                json,
                "",
                "marketplace-name",
                "no `name`: `/plugin install <plugin>@<marketplace>` needs the marketplace's name"
                    .to_string(),
            ),
            Some(name) => {
                if let Some(problem) = rules::marketplace_name_problem(name) {
                    self.warn(json, "/name", "marketplace-name", problem);
                }
            }
        }
        if marketplace.owner.is_none() {
            self.warn(
                json,
                "",
                "marketplace-owner",
                "no `owner` with a `name`: Claude Code requires one".to_string(),
            );
        }
        let entries = Fields { reader: self, json }.take(file.plugins, "/plugins", "a list");
        let Some(entries) = entries else {
            let also = if file.other.contains_key("agents") {
                " (its top-level `agents` list is not a marketplace key: Claude Code reads plugins only)"
            } else {
                ""
            };
            self.warn(
                json,
                "",
                "marketplace-plugins",
                format!("no `plugins` list, so no plugin can be installed from it{also}"),
            );
            return;
        };
        marketplace.plugins_at = Some(json.positions.line_col("/plugins"));
        let mut names = BTreeSet::new();
        for (index, entry) in entries.into_iter().enumerate() {
            let pointer = child("/plugins", &index.to_string());
            let Some(plugin) = self.entry(json, &pointer, entry, plugin_root.as_deref()) else {
                continue;
            };
            if !names.insert(plugin.name.clone()) {
                self.warn(
                    json,
                    &child(&pointer, "name"),
                    "plugin-duplicate",
                    format!(
                        "a second plugin named `{}`: plugin names must be unique in a marketplace",
                        plugin.name
                    ),
                );
            }
            marketplace.plugins.push(plugin);
        }
    }

    /// One entry of `plugins`.
    fn entry(
        &mut self,
        json: &Json,
        pointer: &str,
        entry: Value,
        plugin_root: Option<&str>,
    ) -> Option<Plugin> {
        let Ok(fields) = serde_json::from_value::<PluginFields>(entry) else {
            self.warn(
                json,
                pointer,
                "plugin-shape",
                "a plugin entry is a JSON object; this one is skipped".to_string(),
            );
            return None;
        };
        let mut read = Fields { reader: self, json };
        let Some(name) = read.text(fields.name.clone(), &child(pointer, "name")) else {
            self.warn(
                json,
                pointer,
                "plugin-name",
                "a plugin entry without a `name` is skipped: nothing could install it".to_string(),
            );
            return None;
        };
        if let Some(problem) = rules::plugin_name_problem(&name) {
            self.warn(json, &child(pointer, "name"), "plugin-name", problem);
        }
        let source_pointer = child(pointer, "source");
        let source = Fields { reader: self, json }.take(
            fields.source.clone(),
            &source_pointer,
            "a path or an object with a `source` kind",
        );
        let mut plugin = Plugin {
            name,
            listed: true,
            ..Plugin::default()
        };
        let mut manifest = None;
        let mut folder = None;
        match source {
            None => self.warn(
                json,
                &source_pointer,
                "plugin-source",
                format!("plugin `{}` has no usable `source`", plugin.name),
            ),
            Some(SourceField::Remote(remote)) => match remote.address() {
                Some((address, link)) => plugin.source = PluginSource::External { address, link },
                None => self.warn(
                    json,
                    &source_pointer,
                    "plugin-source",
                    format!(
                        "source kind `{}` is not one Claude Code has (github, url, git-subdir, npm), or lacks its address",
                        remote.source
                    ),
                ),
            },
            Some(SourceField::Path(path)) => {
                plugin.source = PluginSource::Path { path: path.clone() };
                folder = self.plugin_folder(json, &source_pointer, &path, plugin_root);
                // With `"strict": false` the entry is the whole plugin: its own file is not read.
                let strict = !matches!(fields.strict, Some(Loose::Valid(false)));
                if let Some(dir) = folder.as_ref().filter(|_| strict) {
                    manifest = self.read_json(&dir.join(MANIFEST_DIR).join(PLUGIN_FILE));
                }
            }
        }
        let (own, own_json) = match manifest {
            Some(json) => (self.plugin_file(&json), Some(json)),
            None => (None, None),
        };
        plugin.manifest = own_json.as_ref().map(|j| j.shown.clone());
        self.fill(&mut plugin, json, pointer, &fields);
        if let (Some(own), Some(own_json)) = (&own, &own_json) {
            self.fill(&mut plugin, own_json, "", own);
        }
        if let Some(dir) = &folder {
            // The entry's `agents` win over the plugin's own, as its other fields do.
            plugin.agents = match (&fields.agents, own.as_ref().and_then(|o| o.agents.as_ref())) {
                (Some(agents), _) => self.agent_refs(json, &child(pointer, "agents"), dir, agents),
                (None, Some(agents)) => {
                    let own_json = own_json.as_ref()?;
                    self.agent_refs(own_json, "/agents", dir, agents)
                }
                (None, None) => self.default_agents(dir),
            };
        }
        Some(plugin)
    }

    /// The plugin folder a path source names, when it is a usable folder inside the root.
    fn plugin_folder(
        &mut self,
        json: &Json,
        pointer: &str,
        source: &str,
        plugin_root: Option<&str>,
    ) -> Option<PathBuf> {
        let joined = match plugin_root {
            Some(base) if !source.starts_with("./") && !source.starts_with("../") => {
                format!("{}/{source}", base.trim_end_matches('/'))
            }
            _ => source.to_string(),
        };
        let dir = match self.root.resolve(&joined) {
            Ok(dir) => dir,
            Err(reason) => {
                self.warn(
                    json,
                    pointer,
                    "plugin-source-refused",
                    format!("source `{source}` is refused: {reason}"),
                );
                return None;
            }
        };
        if !dir.is_dir() {
            self.warn(
                json,
                pointer,
                "plugin-folder-missing",
                format!("plugin folder `{source}` does not exist"),
            );
            return None;
        }
        if let Err(reason) = self.root.check_inside(&dir) {
            self.warn(
                json,
                pointer,
                "plugin-source-refused",
                format!("source `{source}` is refused: {reason}"),
            );
            return None;
        }
        if let Ok(real) = dir.canonicalize() {
            self.listed.insert(real);
        }
        Some(dir)
    }

    fn plugin_file(&mut self, json: &Json) -> Option<PluginFields> {
        match serde_json::from_value::<PluginFields>(json.value.clone()) {
            Ok(fields) => Some(fields),
            Err(_) => {
                self.warn(
                    json,
                    "",
                    "manifest-shape",
                    "a plugin.json is a JSON object; this one is not read".to_string(),
                );
                None
            }
        }
    }

    /// Sets the fields of `plugin` that are still empty from `fields` (of `json` at `pointer`).
    fn fill(&mut self, plugin: &mut Plugin, json: &Json, pointer: &str, fields: &PluginFields) {
        let mut read = Fields { reader: self, json };
        let at = |key: &str| child(pointer, key);
        let texts = [
            (&mut plugin.description, &fields.description, "description"),
            (&mut plugin.version, &fields.version, "version"),
            (&mut plugin.license, &fields.license, "license"),
            (&mut plugin.homepage, &fields.homepage, "homepage"),
            (&mut plugin.repository, &fields.repository, "repository"),
            (&mut plugin.category, &fields.category, "category"),
        ];
        for (slot, field, key) in texts {
            // Read even when the slot is set, so that a malformed field is still reported.
            let value = read.text(field.clone(), &at(key));
            if slot.is_none() {
                *slot = value;
            }
        }
        if plugin.author.is_none() {
            plugin.author = read.person(fields.author.clone(), &at("author"));
        }
        if plugin.keywords.is_empty() {
            let keywords = read.take(
                fields.keywords.clone(),
                &at("keywords"),
                "a list of strings",
            );
            plugin.keywords = keywords.unwrap_or_default();
        }
    }

    /// The agent files and folders `agents` names, relative to the plugin folder `dir`.
    fn agent_refs(
        &mut self,
        json: &Json,
        pointer: &str,
        dir: &Path,
        agents: &Loose<manifest::Paths>,
    ) -> Vec<AgentRef> {
        let Some(paths) = (Fields { reader: self, json }).take(
            Some(agents.clone()),
            pointer,
            "a path or a list of paths",
        ) else {
            return Vec::new();
        };
        let single = matches!(paths, manifest::Paths::One(_));
        let mut refs = Vec::new();
        for (index, path) in paths.list().into_iter().enumerate() {
            let at = if single {
                pointer.to_string()
            } else {
                child(pointer, &index.to_string())
            };
            if let Some(found) = self.agent_ref(json, &at, dir, path) {
                refs.push(found);
            }
        }
        refs
    }

    fn agent_ref(&mut self, json: &Json, at: &str, dir: &Path, path: &str) -> Option<AgentRef> {
        if !path.starts_with("./") {
            self.warn(
                json,
                at,
                "agent-path",
                format!("agent path `{path}` does not start with `./`: Claude Code requires plugin paths relative to the plugin folder"),
            );
        }
        let file = match resolve_from(dir, path, &self.root.dir) {
            Ok(file) => file,
            Err(reason) => {
                self.warn(
                    json,
                    at,
                    "agent-path-refused",
                    format!("agent path `{path}` is refused: {reason}"),
                );
                return None;
            }
        };
        let Some(relative) = self.agents.relative(&file) else {
            self.warn(
                json,
                at,
                "agent-path-refused",
                format!("agent path `{path}` is outside the agents folder: not read"),
            );
            return None;
        };
        if file.is_dir() {
            return Some(AgentRef {
                path: relative,
                folder: true,
            });
        }
        if !file.is_file() {
            self.warn(
                json,
                at,
                "agent-file-missing",
                format!("agent file `{path}` does not exist"),
            );
            return None;
        }
        Some(AgentRef {
            path: relative,
            folder: false,
        })
    }

    /// A plugin's `agents/` folder, when it has one inside the agents folder.
    fn default_agents(&self, dir: &Path) -> Vec<AgentRef> {
        let folder = dir.join("agents");
        match self.agents.relative(&folder) {
            Some(path) if folder.is_dir() => vec![AgentRef { path, folder: true }],
            _ => Vec::new(),
        }
    }

    /// The `plugins/*/.claude-plugin/plugin.json` of the root that the marketplace file does
    /// not list.
    fn unlisted_plugins(&mut self, marketplace: &Marketplace) -> Vec<Plugin> {
        let plugins_dir = self.root.dir.join("plugins");
        let Ok(entries) = std::fs::read_dir(&plugins_dir) else {
            return Vec::new();
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        let mut found = Vec::new();
        for dir in dirs {
            let file = dir.join(MANIFEST_DIR).join(PLUGIN_FILE);
            let listed = dir
                .canonicalize()
                .is_ok_and(|real| self.listed.contains(&real));
            if listed || !file.is_file() {
                continue;
            }
            let shown = self.shown(&file);
            if self.root.check_inside(&dir).is_err() {
                self.warn_file(
                    shown,
                    "plugin-source-refused",
                    "the plugin folder is a symlink out of the agents folder: not read".to_string(),
                );
                continue;
            }
            let Some(json) = self.read_json(&file) else {
                continue;
            };
            let Some(fields) = self.plugin_file(&json) else {
                continue;
            };
            let folder_name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = (Fields {
                reader: self,
                json: &json,
            })
            .text(fields.name.clone(), "/name")
            .unwrap_or(folder_name);
            if marketplace.plugins.iter().any(|p| p.name == name) {
                continue;
            }
            let mut plugin = Plugin {
                name,
                source: PluginSource::Path {
                    path: format!("./{}", self.root.relative(&dir).unwrap_or_default()),
                },
                manifest: Some(json.shown.clone()),
                ..Plugin::default()
            };
            self.fill(&mut plugin, &json, "", &fields);
            plugin.agents = match &fields.agents {
                Some(agents) => self.agent_refs(&json, "/agents", &dir, agents),
                None => self.default_agents(&dir),
            };
            found.push(plugin);
        }
        found
    }
}

/// Reads typed fields of one manifest, warning about those of the wrong shape.
struct Fields<'r, 'a> {
    reader: &'r mut Reader<'a>,
    json: &'r Json,
}

impl Fields<'_, '_> {
    /// The value of a field that has its shape; a warning and `None` for one that has not.
    fn take<T>(&mut self, field: Option<Loose<T>>, pointer: &str, expected: &str) -> Option<T> {
        match field? {
            Loose::Valid(value) => Some(value),
            Loose::Invalid(value) => {
                let key = pointer.rsplit('/').next().unwrap_or(pointer);
                self.reader.warn(
                    self.json,
                    pointer,
                    "manifest-field",
                    format!(
                        "`{key}` should be {expected}, not {}; left out",
                        kind_of(&value)
                    ),
                );
                None
            }
        }
    }

    /// A text field; empty text counts as none.
    fn text(&mut self, field: Option<Loose<String>>, pointer: &str) -> Option<String> {
        self.take(field, pointer, "text")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// An author or owner; a bare name is taken, with a warning, as Claude Code wants an
    /// object.
    fn person(&mut self, field: Option<Loose<PersonField>>, pointer: &str) -> Option<Person> {
        match self.take(field, pointer, "an object with a `name`")? {
            PersonField::Object(person) => Some(person),
            PersonField::Name(name) => {
                self.reader.warn(
                    self.json,
                    pointer,
                    "manifest-field",
                    format!("`{}` should be an object such as {{\"name\": \"{name}\"}}; read as that name", pointer.rsplit('/').next().unwrap_or(pointer)),
                );
                Some(Person {
                    name,
                    ..Person::default()
                })
            }
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
