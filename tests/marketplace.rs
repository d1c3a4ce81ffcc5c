//! Plugin marketplaces: the real manifests of the vendored collections read into plugins whose
//! counts the test computes from the manifests itself, the same agent shipped in several plugins
//! shown once, the plugin pages and install commands, and hostile manifests (malformed JSON,
//! sources and symlinks that lead out of the repository).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{Built, build, repo_root};
use serde_json::Value;

/// The Markdown files a reader of the folder would take for agents: not in hidden folders, not
/// README and the like.
fn markdown_files(root: &Path) -> usize {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| {
            let stem = e
                .path()
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_lowercase();
            ![
                "readme",
                "license",
                "changelog",
                "contributing",
                "code_of_conduct",
                "claude",
            ]
            .contains(&stem.as_str())
        })
        .count()
}

fn corpus(name: &str) -> PathBuf {
    repo_root().join("tests/corpora/claude-code").join(name)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The plugins of agents.json's marketplace named `name`, by plugin name.
fn plugins_of(built: &Built, name: &str) -> BTreeMap<String, Value> {
    let json = built.json();
    let marketplace = json["marketplaces"]
        .as_array()
        .expect("marketplaces")
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no marketplace {name}"))
        .clone();
    marketplace["plugins"]
        .as_array()
        .expect("plugins")
        .iter()
        .map(|p| (p["name"].as_str().expect("name").to_string(), p.clone()))
        .collect()
}

/// The source files of the agents a plugin of agents.json ships (first paths and duplicates).
fn shipped_files(json: &Value, plugin: &Value) -> BTreeSet<String> {
    let ids: BTreeSet<&str> = plugin["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    json["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .filter(|a| ids.contains(a["id"].as_str().unwrap_or_default()))
        .flat_map(|a| {
            let mut paths = vec![a["source"].as_str().unwrap_or_default().to_string()];
            paths.extend(
                a["also_in"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_string),
            );
            paths
        })
        .collect()
}

#[test]
fn voltagent_s_category_plugins_list_their_agents_against_the_category_folder() {
    let root = corpus("VoltAgent__awesome-claude-code-subagents");
    let marketplace = read_json(&root.join(".claude-plugin/marketplace.json"));
    let built = build(&root);
    let plugins = plugins_of(&built, marketplace["name"].as_str().expect("name"));
    let entries = marketplace["plugins"].as_array().expect("plugins");
    assert_eq!(plugins.len(), entries.len());
    let json = built.json();
    let mut listed = 0;
    for entry in entries {
        let name = entry["name"].as_str().expect("name");
        let source = entry["source"].as_str().expect("a path source");
        let folder = source.trim_start_matches("./");
        let own = read_json(&root.join(folder).join(".claude-plugin/plugin.json"));
        // The `agents` paths are relative to the category folder, not to `.claude-plugin/`.
        let expected: BTreeSet<String> = own["agents"]
            .as_array()
            .expect("an explicit agents list")
            .iter()
            .map(|p| {
                format!(
                    "{folder}/{}",
                    p.as_str().expect("path").trim_start_matches("./")
                )
            })
            .collect();
        listed += expected.len();
        let plugin = &plugins[name];
        assert_eq!(shipped_files(&json, plugin), expected, "{name}");
        assert_eq!(plugin["category"], entry["category"]);
        assert_eq!(
            plugin["version"], entry["version"],
            "the entry's version wins"
        );
        assert_eq!(
            plugin["license"], own["license"],
            "plugin.json fills the rest"
        );
        assert_eq!(
            plugin["install"],
            format!(
                "/plugin install {name}@{}",
                marketplace["name"].as_str().expect("name")
            )
        );
        let page = built.read(plugin["url"].as_str().expect("url"));
        assert!(page.contains(&format!("/plugin install {name}@voltagent-subagents")));
        assert!(page.contains(entry["description"].as_str().expect("description")));
    }
    // Every agent of the collection's files but those no plugin lists carries its plugin.
    let in_plugins = json["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .filter(|a| a["plugins"].as_array().is_some_and(|p| !p.is_empty()))
        .count();
    assert_eq!(in_plugins, listed);
    assert!(
        built.report.file_warnings.is_empty(),
        "{:?}",
        built.report.file_warnings
    );
}

#[test]
fn buildwithclaude_s_plugins_match_its_manifests() {
    let root = corpus("davepoon__buildwithclaude");
    let marketplace = read_json(&root.join(".claude-plugin/marketplace.json"));
    let entries = marketplace["plugins"].as_array().expect("plugins");
    let local: BTreeSet<String> = entries
        .iter()
        .filter_map(|e| e["source"].as_str())
        .map(|s| s.trim_start_matches("./").to_string())
        .collect();
    let external = entries.iter().filter(|e| e["source"].is_object()).count();
    let names: BTreeSet<&str> = entries.iter().filter_map(|e| e["name"].as_str()).collect();
    // Folders with a plugin.json that the marketplace does not list, by folder or by name
    // (`archcore` and `ultracost` are listed with GitHub sources and have a folder too).
    let mut unlisted = BTreeSet::new();
    for dir in std::fs::read_dir(root.join("plugins")).expect("plugins") {
        let dir = dir.expect("entry").path();
        let folder = format!(
            "plugins/{}",
            dir.file_name().expect("name").to_string_lossy()
        );
        let own = dir.join(".claude-plugin/plugin.json");
        if own.is_file() && !local.contains(&folder) {
            let name = read_json(&own)["name"].as_str().map(str::to_string);
            if !name.is_some_and(|n| names.contains(n.as_str())) {
                unlisted.insert(folder);
            }
        }
    }
    let built = build(&root);
    let plugins = plugins_of(&built, "buildwithclaude");
    let count = |listed: bool| plugins.values().filter(|p| p["listed"] == listed).count();
    assert_eq!(count(true), entries.len());
    assert_eq!(count(false), unlisted.len());
    let externals: Vec<&Value> = plugins
        .values()
        .filter(|p| p["source"]["kind"] == "external")
        .collect();
    assert_eq!(externals.len(), external);
    for plugin in &externals {
        assert!(
            plugin["agents"].as_array().is_some_and(Vec::is_empty),
            "never fetched"
        );
    }
    // Each local plugin ships its `agents/` files (or its plugin.json's list).
    let json = built.json();
    for folder in local.iter().chain(&unlisted) {
        let own_file = root.join(folder).join(".claude-plugin/plugin.json");
        let own = own_file.is_file().then(|| read_json(&own_file));
        let name = entries
            .iter()
            .find(|e| e["source"].as_str().map(|s| s.trim_start_matches("./")) == Some(folder))
            .and_then(|e| e["name"].as_str())
            .or_else(|| own.as_ref().and_then(|o| o["name"].as_str()))
            .expect("a name")
            .to_string();
        let listed_agents = own.as_ref().and_then(|o| o["agents"].as_array()).cloned();
        let expected: BTreeSet<String> = match listed_agents {
            Some(paths) => paths
                .iter()
                .filter_map(Value::as_str)
                .map(|p| format!("{folder}/{}", p.trim_start_matches("./")))
                .filter(|p| root.join(p).is_file())
                .collect(),
            None => std::fs::read_dir(root.join(folder).join("agents"))
                .into_iter()
                .flatten()
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .map(|p| {
                    format!(
                        "{folder}/agents/{}",
                        p.file_name().expect("name").to_string_lossy()
                    )
                })
                .collect(),
        };
        // The entries it ships have these files, and copies of them elsewhere (`all-agents`
        // repeats the category plugins' files): only its own folder's files are compared.
        let prefix = format!("{folder}/");
        let own: BTreeSet<String> = shipped_files(&json, &plugins[&name])
            .into_iter()
            .filter(|path| path.starts_with(&prefix))
            .collect();
        assert_eq!(own, expected, "{name}");
        let shipped = plugins[&name]["agents"].as_array().map_or(0, Vec::len);
        assert!(shipped <= expected.len(), "{name}: {shipped} agents");
    }
    // An agent that two plugins ship (a category plugin and `all-agents`) appears once with both.
    let both = json["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .filter(|a| a["plugins"].as_array().is_some_and(|p| p.len() == 2))
        .count();
    assert!(both > 0);
    // The marketplace's categories are a facet, with the categories of plugins that ship agents.
    let docs: Value = serde_json::from_str(&built.read("search/docs.json")).expect("docs");
    let facet = docs["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .find(|f| f["key"] == "plugin-category")
        .expect("a plugin-category facet");
    let mut expected: BTreeSet<String> = plugins
        .values()
        .filter(|p| p["agents"].as_array().is_some_and(|a| !a.is_empty()))
        .map(|p| p["category"].as_str().unwrap_or("No category").to_string())
        .collect();
    let outside = json["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .any(|a| a["plugins"].as_array().is_some_and(Vec::is_empty));
    if outside {
        expected.insert("Not in a plugin".to_string());
    }
    let values: BTreeSet<String> = facet["values"]
        .as_array()
        .expect("values")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    assert_eq!(values, expected);
    let index = built.html("index.html");
    let selector =
        scraper::Selector::parse("fieldset[data-facet=plugin-category] input").expect("selector");
    assert_eq!(index.select(&selector).count(), expected.len());
    // The list of plugins has every plugin, linked.
    let list = built.read("plugins/index.html");
    for plugin in plugins.values() {
        let url = plugin["url"]
            .as_str()
            .expect("url")
            .trim_start_matches("plugins/");
        assert!(
            list.contains(&format!("href=\"{url}\""))
                || list.contains(&format!("href=\"../plugins/{url}\"")),
            "{url}"
        );
    }
    assert!(
        built.broken_links().is_empty(),
        "{:?}",
        built.broken_links()
    );
}

#[test]
fn a_file_named_marketplace_json_without_plugins_is_reported_and_its_agents_built() {
    let root = corpus("davila7__claude-code-templates/cli-tool/components");
    let manifest = read_json(&root.join(".claude-plugin/marketplace.json"));
    assert!(manifest.get("plugins").is_none() && manifest["agents"].is_array());
    let built = build(&root);
    assert!(
        built.json()["marketplaces"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    let messages: Vec<String> = built
        .report
        .file_warnings
        .iter()
        .map(|(file, d)| format!("{}", d.display_for(file)))
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("no `plugins` list") && m.contains("top-level `agents`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .all(|m| m.contains(".claude-plugin/marketplace.json:1:1: warning:")),
        "{messages:?}"
    );
    assert!(!built.out.join("plugins").exists());
    assert_eq!(built.report.candidates, markdown_files(&root));
}

/// The fixture's copies of `backend-architect.md`: plugin → its `name`, checked here to be the
/// same file but for a name prefixed with the plugin's.
fn prefixed_copies(root: &Path) -> BTreeMap<String, String> {
    let mut copies = BTreeMap::new();
    let mut rest_of: BTreeSet<String> = BTreeSet::new();
    for dir in std::fs::read_dir(root.join("plugins")).expect("plugins") {
        let dir = dir.expect("entry").path();
        let plugin = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let Ok(text) = std::fs::read_to_string(dir.join("agents/backend-architect.md")) else {
            continue;
        };
        let name_line = text
            .lines()
            .find(|l| l.starts_with("name: "))
            .expect("a name");
        let name = name_line.trim_start_matches("name: ").to_string();
        let rest = text.replacen(name_line, "", 1);
        if name == format!("{plugin}-backend-architect")
            && (rest_of.is_empty() || rest_of.contains(&rest))
        {
            rest_of.insert(rest);
            copies.insert(plugin, name);
        }
    }
    copies
}

#[test]
fn one_agent_shipped_in_six_plugins_under_prefixed_names_is_one_agent() {
    let root = repo_root().join("tests/fixtures/marketplace-copies");
    let copies = prefixed_copies(&root);
    assert_eq!(copies.len(), 6, "{copies:?}");
    let built = build(&root);
    let json = built.json();
    let agents = json["agents"].as_array().expect("agents");
    let merged: Vec<&Value> = agents
        .iter()
        .filter(|a| a["name"] == "backend-architect")
        .collect();
    assert_eq!(merged.len(), 1, "the six copies are one agent");
    let agent = merged[0];
    let in_plugins: BTreeMap<String, String> = agent["plugins"]
        .as_array()
        .expect("plugins")
        .iter()
        .map(|p| {
            (
                p["plugin"].as_str().expect("plugin").to_string(),
                p["name"].as_str().expect("name").to_string(),
            )
        })
        .collect();
    assert_eq!(in_plugins, copies);
    assert_eq!(
        agent["also_in"].as_array().map(Vec::len),
        Some(copies.len() - 1)
    );
    // Its page has one install line per plugin.
    let page = built.read(agent["url"].as_str().expect("url"));
    for plugin in copies.keys() {
        assert!(
            page.contains(&format!("/plugin install {plugin}@workflow-plugins")),
            "{plugin}"
        );
    }
    assert!(page.contains("In 6 plugins"));
    // The variant whose instructions differ stays an agent of its own, in the same family,
    // whose comparison page has the two of them.
    let variant: Vec<&Value> = agents
        .iter()
        .filter(|a| a["source"] == "plugins/cloud-infrastructure/agents/backend-architect.md")
        .collect();
    assert_eq!(variant.len(), 1);
    assert_eq!(variant[0]["family"], agent["family"]);
    let family = built.html(&format!(
        "compare/{}.html",
        agent["family"].as_str().expect("family")
    ));
    let columns = scraper::Selector::parse(".distinct-grid > li").expect("selector");
    assert_eq!(family.select(&columns).count(), 2);
    // Every file is accounted for: the copies count as duplicates shown once.
    assert_eq!(
        built.report.agents + built.report.duplicates,
        markdown_files(&root)
    );
    assert_eq!(built.report.duplicates, copies.len() - 1);
    // The external plugin is listed with its address and no agents.
    let plugins = plugins_of(&built, "workflow-plugins");
    let external = &plugins["observability-suite"];
    assert_eq!(
        external["source"]["address"],
        "GitHub example-org/observability-plugin at v2.0.0"
    );
    let page = built.read(external["url"].as_str().expect("url"));
    assert!(page.contains("href=\"https://github.com/example-org/observability-plugin\""));
    // plugin.json fills what the entry leaves out.
    let security = &plugins["security-scanning"];
    assert_eq!(security["version"], "1.3.0");
    assert_eq!(
        security["homepage"],
        "https://example.com/plugins/security-scanning"
    );
    // The card of the merged agent names its plugins.
    let index = built.read("index.html");
    assert!(index.contains("In 6 plugins: "));
}

/// Builds `files` (path → text) laid out in a fresh folder, with `setup` run on it first.
fn build_layout(files: &[(&str, &str)], setup: impl FnOnce(&Path)) -> (tempfile::TempDir, Built) {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    for (path, text) in files {
        let file = agents.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write");
    }
    setup(dir.path());
    let built = build(&agents);
    (dir, built)
}

const AGENT: &str = "---\nname: reviewer\ndescription: Reviews code.\n---\nReview it.\n";

#[test]
fn malformed_json_is_one_warning_at_its_line_and_column_and_the_agents_are_built() {
    let broken = "{\n  \"name\": \"acme\",\n  \"plugins\": [\n    {\"name\": \"a\", \"source\": \"./plugins/a\",}\n  ]\n}\n";
    let error = serde_json::from_str::<Value>(broken).expect_err("malformed");
    let (_dir, built) = build_layout(
        &[
            (".claude-plugin/marketplace.json", broken),
            ("plugins/a/agents/reviewer.md", AGENT),
        ],
        |_| {},
    );
    let warnings = &built.report.file_warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let (file, diagnostic) = &warnings[0];
    assert!(
        file.ends_with("agents/.claude-plugin/marketplace.json"),
        "{file}"
    );
    assert_eq!(
        (diagnostic.line, diagnostic.column),
        (error.line(), Some(error.column()))
    );
    assert!(diagnostic.message.contains("not valid JSON"));
    assert_eq!(built.report.agents, 1);
    assert!(
        built.json()["agents"][0]["plugins"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

#[test]
fn sources_and_symlinks_that_leave_the_repository_are_refused_and_nothing_outside_is_read() {
    let manifest = r#"{
  "name": "acme",
  "owner": {"name": "Acme"},
  "plugins": [
    {"name": "climbs", "source": "../outside"},
    {"name": "climbs-inside", "source": "./plugins/../../outside"},
    {"name": "absolute", "source": "/etc"},
    {"name": "missing", "source": "./plugins/missing"},
    {"name": "linked", "source": "./plugins/linked"},
    {"name": "listing", "source": "./plugins/listing", "strict": false, "agents": ["./agents/reviewer.md", "./../../../outside/secret.md", "./agents/gone.md"]},
    {"name": "own-file", "source": "./plugins/own-file"}
  ]
}"#;
    let (dir, built) = build_layout(
        &[
            (".claude-plugin/marketplace.json", manifest),
            ("plugins/listing/agents/reviewer.md", AGENT),
            (
                "plugins/own-file/agents/own.md",
                &AGENT.replace("reviewer", "own"),
            ),
        ],
        |root| {
            // Outside the agents folder: a plugin folder with its manifest, and an agent file.
            let outside = root.join("outside");
            let manifest = outside.join("linked-plugin/.claude-plugin/plugin.json");
            std::fs::create_dir_all(manifest.parent().expect("parent")).expect("mkdir");
            std::fs::write(
                &manifest,
                r#"{"name": "secret", "description": "SECRET-OUTSIDE-MARKER"}"#,
            )
            .expect("write");
            std::fs::write(
                outside.join("secret.md"),
                AGENT.replace("Review it.", "SECRET-OUTSIDE-MARKER"),
            )
            .expect("write");
            let plugins = root.join("agents/plugins");
            std::os::unix::fs::symlink(outside.join("linked-plugin"), plugins.join("linked"))
                .expect("symlink");
            std::fs::create_dir_all(plugins.join("own-file/.claude-plugin")).expect("mkdir");
            std::os::unix::fs::symlink(
                &manifest,
                plugins.join("own-file/.claude-plugin/plugin.json"),
            )
            .expect("symlink");
        },
    );
    let text = std::fs::read_to_string(dir.path().join("agents/.claude-plugin/marketplace.json"))
        .expect("read");
    // Where each warning must be: the line of the value it is about.
    let line_of = |needle: &str| {
        1 + text[..text.find(needle).expect(needle)]
            .matches('\n')
            .count()
    };
    let warnings: Vec<(usize, &str, &str)> = built
        .report
        .file_warnings
        .iter()
        .map(|(_, d)| (d.line, d.kind, d.message.as_str()))
        .collect();
    let expect = |needle: &str, kind: &str| {
        assert!(
            warnings
                .iter()
                .any(|(line, k, _)| *line == line_of(needle) && *k == kind),
            "{kind} at {needle}: {warnings:#?}"
        );
    };
    expect("\"../outside\"", "plugin-source-refused");
    expect("\"./plugins/../../outside\"", "plugin-source-refused");
    expect("\"/etc\"", "plugin-source-refused");
    expect("\"./plugins/missing\"", "plugin-folder-missing");
    expect("\"./plugins/linked\"", "plugin-source-refused");
    expect("\"./../../../outside/secret.md\"", "agent-path-refused");
    expect("\"./agents/gone.md\"", "agent-file-missing");
    assert!(
        built.report.file_warnings.iter().any(|(file, d)| file
            .ends_with("plugins/own-file/.claude-plugin/plugin.json")
            && d.kind == "manifest-unreadable"),
        "{warnings:#?}"
    );
    let plugins = plugins_of(&built, "acme");
    assert_eq!(
        plugins.len(),
        7,
        "refused plugins are still shown, without agents"
    );
    assert_eq!(
        plugins["listing"]["agents"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        plugins["own-file"]["agents"].as_array().map(Vec::len),
        Some(1)
    );
    for name in ["climbs", "climbs-inside", "absolute", "missing", "linked"] {
        assert!(
            plugins[name]["agents"]
                .as_array()
                .is_some_and(Vec::is_empty),
            "{name}"
        );
    }
    // Nothing from outside the agents folder reached the site.
    for entry in walkdir::WalkDir::new(&built.out)
        .into_iter()
        .map(|e| e.expect("entry"))
    {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("SECRET-OUTSIDE-MARKER"),
                "{} shows a file from outside",
                entry.path().display()
            );
        }
    }
    assert!(
        !built.json().to_string().contains("\"secret\""),
        "the outside plugin.json was not read"
    );
    assert_eq!(built.report.agents, 2);
}
