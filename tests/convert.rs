//! Conversion to every harness: the file an agent page gives (its head and tail put around the
//! body spliced from the raw file, as `static/install.js` does) is the file `agentdex convert`
//! writes, byte for byte, for the seeds and a sample of the corpus; the notes of a seed; the
//! command's folders, refusals and `--force`; Codex's TOML and the Markdown harnesses'
//! frontmatter read back as what was converted.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use agentdex::convert::{self, Text};
use agentdex::read::harness::Harness;
use serde_json::Value;

fn agentdex(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentdex"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("agentdex runs")
}

/// `agentdex convert AGENTS --to HARNESS --out OUT`, run in `cwd`.
fn convert_into(agents: &Path, harness: &str, out: &Path, cwd: &Path) -> Output {
    agentdex(
        &[
            "convert",
            agents.to_str().expect("path"),
            "--to",
            harness,
            "--out",
            out.to_str().expect("path"),
        ],
        cwd,
    )
}

/// The seeds and every 50th Markdown file of the Claude Code corpus (in path order), copied into
/// one folder under names that keep them apart.
fn sample(dir: &Path) -> usize {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::repo_root().join("agents"))
        .expect("agents/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let corpus: Vec<PathBuf> = walkdir::WalkDir::new(common::corpora_dir().join("claude-code"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.extend(corpus.into_iter().step_by(50));
    std::fs::create_dir_all(dir).expect("sample folder");
    for (i, file) in files.iter().enumerate() {
        let name = file.file_name().expect("name").to_string_lossy();
        std::fs::copy(file, dir.join(format!("{i:03}-{name}"))).expect("copy");
    }
    files.len()
}

/// The text a page gives for the harness at `index` of `data`, rebuilt as `install.js` does
/// it; `None` for the raw file as it is.
fn rebuild(data: &Value, index: usize, page_text: &str) -> Option<Vec<u8>> {
    let table: Vec<&str> = data["pieces"]
        .as_array()
        .expect("pieces")
        .iter()
        .map(|l| l.as_str().expect("piece"))
        .collect();
    let pieces = |ids: &Value| -> String {
        ids.as_array()
            .expect("ids")
            .iter()
            .map(|i| table[i.as_u64().expect("index") as usize])
            .collect::<Vec<_>>()
            .concat()
    };
    let file = &data["files"][index];
    if file == "raw" {
        return None;
    }
    if let Some(whole) = file.get("whole") {
        return Some(pieces(whole).into_bytes());
    }
    let splice = &file["splice"];
    let units: Vec<u16> = page_text.encode_utf16().collect();
    let body = String::from_utf16(&units[splice["body"].as_u64().expect("offset") as usize..])
        .expect("the offset is at a character");
    Some(
        [pieces(&splice["head"]), body, pieces(&splice["tail"])]
            .concat()
            .into_bytes(),
    )
}

fn select(html: &scraper::Html, css: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn every_page_gives_the_bytes_convert_writes_for_every_harness() {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    let files = sample(&agents);
    let built = common::build(&agents);
    let outs: Vec<PathBuf> = Harness::ALL
        .iter()
        .map(|harness| {
            let out = dir.path().join(harness.id());
            let run = convert_into(&agents, harness.id(), &out, dir.path());
            assert!(
                !String::from_utf8_lossy(&run.stdout).contains("kept "),
                "{}",
                String::from_utf8_lossy(&run.stdout)
            );
            out
        })
        .collect();
    let json = built.json();
    let entries = json["agents"].as_array().expect("agents");
    let (mut spliced, mut whole, mut raw) = (0, 0, 0);
    for entry in entries {
        let slug = entry["id"].as_str().expect("id");
        let page = built.html(&format!("agents/{slug}.html"));
        let data: Value =
            serde_json::from_str(&select(&page, "#install-data")[0]).expect("install data");
        let raw_bytes = std::fs::read(built.out.join(format!("raw/{slug}.md"))).expect("raw");
        // What the page's script reads: `fetch` and `text()` (UTF-8, no byte-order mark).
        let page_text = &agentdex::site::install::page_text(&raw_bytes);
        let names = select(&page, ".install-panel .install-name");
        assert_eq!(names.len(), Harness::ALL.len(), "{slug}");
        for (index, harness) in Harness::ALL.iter().enumerate() {
            let written = outs[index]
                .join(harness.project_folder())
                .join(&names[index]);
            let expected = std::fs::read(&written)
                .unwrap_or_else(|e| panic!("{slug}: {}: {e}", written.display()));
            let given = match rebuild(&data, index, page_text) {
                Some(bytes) => {
                    match data["files"][index].get("splice") {
                        Some(_) => spliced += 1,
                        None => whole += 1,
                    }
                    bytes
                }
                None => {
                    raw += 1;
                    std::fs::read(built.out.join(format!("raw/{slug}.md"))).expect("raw file")
                }
            };
            assert!(
                given == expected,
                "{slug} for {}: the page gives\n{}\nconvert wrote\n{}",
                harness.id(),
                String::from_utf8_lossy(&given),
                String::from_utf8_lossy(&expected)
            );
        }
    }
    assert!(
        entries.len() > 20,
        "{} agents of {files} files",
        entries.len()
    );
    assert_eq!(raw, entries.len(), "the Claude Code file is the raw file");
    // Only Codex falls back to a whole text, and only for bodies a literal string cannot hold.
    assert!(whole < entries.len(), "{whole} whole texts");
    assert_eq!(spliced + whole, entries.len() * 6);
}

/// The seed with a tool list and a color, read as the site reads it.
fn senior() -> agentdex::read::agent::Agent {
    agentdex::read::read_agent(
        &common::repo_root().join("agents"),
        "backend-engineer-senior.md",
    )
    .expect("the seed reads")
}

#[test]
fn a_seed_converted_for_each_harness_has_these_notes() {
    let agent = senior();
    let color = |name: &str| format!("color dropped: {name} has no color");
    let tools = "because the agent edits files, runs shell commands (Edit, MultiEdit, Write, Bash)";
    let expected: [(Harness, Vec<String>); 7] = [
        (Harness::ClaudeCode, vec![]),
        (Harness::Copilot, vec![color("GitHub Copilot")]),
        (
            Harness::OpenCode,
            vec![
                "name `backend-engineer` not written: OpenCode names an agent by its file, `backend-engineer-senior`".to_string(),
                color("OpenCode"),
            ],
        ),
        (Harness::GeminiCli, vec![color("Gemini CLI")]),
        (
            Harness::Codex,
            vec![
                format!("Codex has no tool list: sandbox_mode workspace-write {tools}"),
                color("Codex"),
            ],
        ),
        (
            Harness::Cursor,
            vec![
                format!("Cursor has no tool list: not read-only {tools}"),
                color("Cursor"),
            ],
        ),
        (Harness::Factory, vec![color("Factory")]),
    ];
    for (harness, notes) in expected {
        assert_eq!(
            convert::convert(&agent, harness).notes,
            notes,
            "{harness:?}"
        );
    }
}

#[test]
fn a_seed_becomes_each_harness_file() {
    let agent = senior();
    let head = |harness| match convert::convert(&agent, harness).text {
        Text::Around { head, tail } => (head, tail),
        other => panic!("{harness:?}: {other:?}"),
    };
    let description = "\"Backend development expert for APIs, databases, microservices, and server-side architecture with focus on scalability and security.\"";
    assert_eq!(
        head(Harness::Copilot).0,
        format!(
            "---\nname: backend-engineer\ndescription: {description}\ntools: [read, edit, execute, search, web]\n---\n"
        )
    );
    assert_eq!(
        head(Harness::GeminiCli).0,
        format!(
            "---\nname: backend-engineer\ndescription: {description}\nkind: local\ntools: [read_file, replace, write_file, run_shell_command, grep_search, glob, google_web_search]\n---\n"
        )
    );
    assert_eq!(
        head(Harness::OpenCode).0,
        format!(
            "---\ndescription: {description}\nmode: subagent\ntools:\n  \"*\": false\n  read: true\n  edit: true\n  write: true\n  bash: true\n  grep: true\n  glob: true\n  websearch: true\n---\n"
        )
    );
    assert_eq!(
        head(Harness::Cursor).0,
        format!("---\nname: backend-engineer\ndescription: {description}\n---\n")
    );
    assert_eq!(
        head(Harness::Factory).0,
        format!(
            "---\nname: backend-engineer\ndescription: {description}\ntools: [Read, Edit, MultiEdit, Create, Execute, Grep, Glob, WebSearch]\n---\n"
        )
    );
    let (codex, tail) = head(Harness::Codex);
    assert_eq!(
        codex,
        format!(
            "name = \"backend-engineer\"\ndescription = {description}\nsandbox_mode = \"workspace-write\"\ndeveloper_instructions = '''\n"
        )
    );
    assert_eq!(tail, "'''\n");
}

#[test]
fn codex_files_are_toml_that_reads_back_as_the_agent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    sample(&agents);
    std::fs::write(
        agents.join("quotes.md"),
        "---\nname: quotes\ndescription: Says '''\ntools: Read, Grep\n---\nA body with ''' in it\nand a tab\tand \"quotes\" \\ ends with '",
    )
    .expect("write");
    let out = dir.path().join("out");
    convert_into(&agents, "codex", &out, dir.path());
    let loaded = agentdex::read::load(&agents).expect("load");
    for agent in &loaded.agents {
        let converted = convert::convert(agent, Harness::Codex);
        let path = out.join(".codex/agents").join(&converted.file_name);
        let text = std::fs::read_to_string(&path).expect("written");
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", agent.path));
        assert_eq!(table["name"].as_str(), Some(agent.name.as_str()));
        assert_eq!(
            table["description"].as_str(),
            Some(agent.description.text.as_str())
        );
        assert_eq!(
            table["developer_instructions"].as_str(),
            Some(agent.body.as_str()),
            "{}",
            agent.path
        );
        let read_only = agent.tools.as_list().is_some()
            && agent.capabilities.set.iter().all(|c| {
                use agentdex::read::capability::Capability::*;
                matches!(c, Read | Search | Web)
            })
            && agent.capabilities.mcp_servers.is_empty();
        let mode = if read_only {
            "read-only"
        } else {
            "workspace-write"
        };
        assert_eq!(table["sandbox_mode"].as_str(), Some(mode), "{}", agent.path);
    }
    let quotes = loaded
        .agents
        .iter()
        .find(|a| a.name == "quotes")
        .expect("quotes");
    let converted = convert::convert(quotes, Harness::Codex);
    assert!(matches!(converted.text, Text::Whole(_)));
    assert!(converted.notes.contains(
        &"Codex has no tool list: sandbox_mode read-only because the agent only reads (Read, Grep)"
            .to_string()
    ));
}

#[test]
fn markdown_files_have_frontmatter_that_reads_back_as_the_agent() {
    let agent = senior();
    for harness in [
        Harness::Copilot,
        Harness::OpenCode,
        Harness::GeminiCli,
        Harness::Cursor,
        Harness::Factory,
    ] {
        let converted = convert::convert(&agent, harness);
        let bytes = converted.bytes(&agent, &agent.source.read().expect("raw"));
        let text = String::from_utf8(bytes).expect("UTF-8");
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .expect("frontmatter");
        let fields: serde_json::Map<String, Value> = serde_saphyr::from_str(yaml.0).expect("YAML");
        assert_eq!(
            fields["description"].as_str(),
            Some(agent.description.text.as_str())
        );
        assert_eq!(yaml.1, agent.body, "{harness:?}");
    }
}

#[test]
fn convert_writes_into_the_harness_folder_and_keeps_existing_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = common::repo_root().join("agents/backend-engineer-senior.md");
    let seed = seed.to_str().expect("path");
    let run = agentdex(&["convert", seed, "--to", "codex"], dir.path());
    assert!(run.status.success(), "{run:?}");
    let written = dir
        .path()
        .join(".codex/agents/backend-engineer-senior.toml");
    let agent = senior();
    let expected =
        convert::convert(&agent, Harness::Codex).bytes(&agent, &agent.source.read().expect("raw"));
    assert_eq!(std::fs::read(&written).expect("written"), expected);
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        format!(
            "wrote ./.codex/agents/backend-engineer-senior.toml (from {seed})\n  note: Codex has no tool list: sandbox_mode workspace-write because the agent edits files, runs shell commands (Edit, MultiEdit, Write, Bash)\n  note: color dropped: Codex has no color\n"
        )
    );

    std::fs::write(&written, "mine").expect("edit");
    let again = agentdex(&["convert", seed, "--to", "codex"], dir.path());
    assert!(!again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        format!(
            "kept ./.codex/agents/backend-engineer-senior.toml (from {seed}): the file exists; --force overwrites it\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&written).expect("kept"), "mine");

    let forced = agentdex(&["convert", seed, "--to", "codex", "--force"], dir.path());
    assert!(forced.status.success());
    assert_eq!(std::fs::read(&written).expect("overwritten"), expected);

    let unknown = agentdex(&["convert", seed, "--to", "vim"], dir.path());
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains(
            "unknown harness `vim`; one of: claude-code, copilot, opencode, gemini-cli, codex, cursor, factory"
        ),
        "{unknown:?}"
    );
}

#[test]
fn hostile_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    std::fs::create_dir_all(&agents).expect("mkdir");
    std::fs::write(
        agents.join("--.md"),
        "---\nname: ../../../escape\ndescription: x\n---\nbody\n",
    )
    .expect("write");
    std::fs::write(
        agents.join("con.md"),
        "---\nname: /etc/passwd\ndescription: x\n---\nbody\n",
    )
    .expect("write");
    let out = dir.path().join("project/out");
    for harness in Harness::ALL {
        convert_into(&agents, harness.id(), &out, dir.path());
    }
    let mut written: Vec<String> = walkdir::WalkDir::new(dir.path())
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir.path())
                .expect("inside")
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.starts_with("agents/"))
        .collect();
    written.sort();
    let mut expected: Vec<String> = Harness::ALL
        .iter()
        .flat_map(|h| {
            ["escape", "con-agent"].map(|stem| {
                format!(
                    "project/out/{}/{stem}{}",
                    h.project_folder(),
                    h.file_suffix()
                )
            })
        })
        .collect();
    expected.sort();
    assert_eq!(written, expected);
}

/// A Markdown table cell: the name in code, or a dash.
fn cell(name: Option<&str>) -> String {
    name.map_or("—".to_string(), |n| format!("`{n}`"))
}

#[test]
fn the_documentation_tables_are_the_tables_conversion_uses() {
    use agentdex::convert::keys::KEYS;
    use agentdex::read::harness::names::{TOOLS, has_tool_list};
    let listed: Vec<Harness> = Harness::ALL
        .into_iter()
        .filter(|h| has_tool_list(*h))
        .collect();
    let mut tools = format!(
        "| capability | {} |\n|{}\n",
        listed
            .iter()
            .map(|h| h.name())
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(listed.len() + 1)
    );
    for row in TOOLS {
        let names: Vec<String> = listed.iter().map(|h| cell(row.name_in(*h))).collect();
        tools.push_str(&format!(
            "| {} | {} |\n",
            row.capability.map_or("—", |c| c.id()),
            names.join(" | ")
        ));
    }
    let mut keys = format!(
        "| setting | {} |\n|{}\n",
        Harness::ALL.map(|h| h.name()).join(" | "),
        "---|".repeat(Harness::ALL.len() + 1)
    );
    for key in KEYS {
        let names: Vec<String> = Harness::ALL.iter().map(|h| cell(key.name_in(*h))).collect();
        keys.push_str(&format!("| {} | {} |\n", key.meaning, names.join(" | ")));
    }
    let docs = std::fs::read_to_string(common::repo_root().join("docs/install.md"))
        .expect("docs/install.md");
    assert!(
        docs.contains(&tools),
        "docs/install.md lacks the tool table:\n{tools}"
    );
    assert!(
        docs.contains(&keys),
        "docs/install.md lacks the key table:\n{keys}"
    );
}

/// The capabilities the notes of a conversion say were lost: those of the tools it dropped.
fn lost_capabilities(
    source: Harness,
    notes: &[String],
) -> std::collections::BTreeSet<agentdex::read::capability::Capability> {
    use agentdex::read::harness::names;
    notes
        .iter()
        .filter_map(|note| {
            if let Some(c) = agentdex::read::capability::Capability::ALL
                .into_iter()
                .find(|c| note.ends_with(&format!("has no tool that {}; lost", c.phrase())))
            {
                return Some(c);
            }
            if !note.contains(" equivalent; dropped") && !note.starts_with("MCP tools of") {
                return None;
            }
            if note.starts_with("MCP tools of") {
                return Some(agentdex::read::capability::Capability::Mcp);
            }
            let tool = note.split('`').nth(1)?;
            names::find(
                source,
                agentdex::read::harness::claude_code::base_name(tool),
            )?
            .capability
        })
        .collect()
}

/// Reads `converted` back with `harness`'s reader and holds it to `agent`: the same name,
/// description, body and capabilities, except what the notes say was lost. Returns the
/// number of differences, each printed.
fn round_trip(agent: &agentdex::read::agent::Agent, harness: Harness) -> Vec<String> {
    use agentdex::read::agent::Agent;
    let converted = convert::convert(agent, harness);
    let bytes = converted.bytes(agent, &agent.source.read().expect("raw"));
    let path = format!("{}/{}", harness.project_folder(), converted.file_name);
    let back = match Agent::read_as(&path, bytes, Some(harness)) {
        Ok(back) => back,
        Err(skip) => return vec![format!("{}: {}", agent.path, skip.display_for(&path))],
    };
    let mut differences = Vec::new();
    let mut differ = |what: &str, ok: bool| {
        if !ok {
            differences.push(format!("{} → {}: {what}", agent.path, harness.id()));
        }
    };
    let renamed = converted
        .notes
        .iter()
        .any(|n| n.starts_with(&format!("name `{}` not written", agent.name)));
    differ("name", back.name == agent.name || renamed);
    differ(
        "description",
        back.description.text == agent.description.text,
    );
    differ("body", back.body == agent.body);
    let lost = lost_capabilities(agent.harness, &converted.notes);
    match harness {
        Harness::Codex | Harness::Cursor => {
            let read_only = converted.notes.iter().any(|n| {
                n.contains("sandbox_mode read-only") || n.contains("readonly: true because")
            });
            differ("read-only", !read_only || back.capabilities.is_read_only());
        }
        _ => {
            let missing: Vec<_> = agent
                .capabilities
                .set
                .difference(&back.capabilities.set)
                .filter(|c| !lost.contains(c))
                .collect();
            differ(
                &format!("capabilities lost without a note: {missing:?}"),
                missing.is_empty(),
            );
            let gained: Vec<_> = back
                .capabilities
                .set
                .difference(&agent.capabilities.set)
                .collect();
            differ(
                &format!("capabilities gained: {gained:?}"),
                gained.is_empty(),
            );
        }
    }
    differences
}

#[test]
fn claude_code_agents_read_back_from_every_harness_as_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");
    let agents = dir.path().join("agents");
    sample(&agents);
    let loaded = agentdex::read::load(&agents).expect("load");
    let mut differences = Vec::new();
    for agent in &loaded.agents {
        for harness in Harness::ALL {
            differences.extend(round_trip(agent, harness));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn every_harness_agents_read_back_from_claude_code_as_they_were() {
    let loaded =
        agentdex::read::load(&common::corpora_dir().join("harness")).expect("harness corpora");
    let mut differences = Vec::new();
    let mut per_harness = std::collections::BTreeMap::new();
    for agent in loaded
        .agents
        .iter()
        .filter(|a| a.harness != Harness::ClaudeCode)
    {
        *per_harness.entry(agent.harness.id()).or_insert(0) += 1;
        differences.extend(round_trip(agent, Harness::ClaudeCode));
    }
    assert_eq!(per_harness.len(), 6, "{per_harness:?}");
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
