//! `agentdex serve`: the running binary over real HTTP (pages, reload events, errors shown in the
//! page and recovery), and the incremental rebuild giving exactly what a full build gives.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use agentdex::commands::serve::{Change, Rebuilt, Session, Shared};
use agentdex::site::output::MemorySite;
use common::{project, project_flags};

/// The server process, stopped when the test ends.
struct Served {
    child: Child,
    address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_agentdex"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("serve prints its address")
            .expect("line");
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split('/').next().expect("address").to_string();
        }
    };
    // Keep reading so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served { child, address }
}

/// A GET request: the status and the body.
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let status = response[9..12].parse().expect("status");
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// An open event stream.
fn events(address: &str, version: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET /__agentdex/events?v={version} HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .expect("request");
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .expect("timeout");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while line.trim() != ": connected" {
        line.clear();
        reader.read_line(&mut line).expect("stream opens");
    }
    reader
}

/// Reads the stream until a reload event; fails after one second.
fn next_reload(reader: &mut BufReader<TcpStream>, started: Instant) {
    let mut line = String::new();
    loop {
        line.clear();
        reader
            .read_line(&mut line)
            .expect("a reload event within a second");
        if line.trim() == "event: reload" {
            break;
        }
    }
    assert!(started.elapsed() < Duration::from_secs(1));
}

fn script_version(page: &str) -> String {
    let start = page.find("live-reload.js?v=").expect("the reload script") + 17;
    page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

#[test]
fn serve_rebuilds_an_edited_file_and_tells_pages_to_reload() {
    let dir = project();
    let server = serve(dir.path());
    let address = &server.address;
    let (status, page) = get(address, "/agents/backend-developer.html");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/__agentdex/live-reload.js?v=1\" defer></script>"));
    assert!(!page.contains("agentdex-serve-error"));
    let (status, script) = get(address, "/__agentdex/live-reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("new EventSource(\"/__agentdex/events?v=\""));
    // As on GitHub Pages, `x` shows `x.html`, and `x` redirects to `x/` when that has an index.
    assert_eq!(
        get(address, "/agents/backend-developer"),
        (200, page.clone())
    );
    assert_eq!(get(address, "/agents/backend-developer/").0, 404);
    assert_eq!(get(address, "/agents/").0, 404);
    assert_eq!(get(address, "/compare").0, 301);

    let mut stream = events(address, &script_version(&page));
    let file = dir.path().join("agents/backend-developer.md");
    let original = std::fs::read_to_string(&file).expect("seed");
    let edited = original.replace(
        "description: Use this agent when",
        "description: Edited while serving. Use this agent when",
    );
    let started = Instant::now();
    std::fs::write(&file, &edited).expect("edit");
    next_reload(&mut stream, started);
    let (_, page) = get(address, "/agents/backend-developer.html");
    assert!(
        page.contains("Edited while serving."),
        "the page is rebuilt"
    );
    let (_, json) = get(address, "/agents.json");
    assert!(
        json.contains("Edited while serving."),
        "agents.json is rebuilt"
    );

    // A file that breaks shows the error in every page; fixing it recovers.
    let started = Instant::now();
    std::fs::write(&file, "---\nname: broken\n").expect("break");
    next_reload(&mut stream, started);
    let (status, index) = get(address, "/index.html");
    assert_eq!(status, 200);
    assert!(index.contains("<div class=\"agentdex-serve-error\" role=\"alert\">"));
    assert!(index.contains(
        "agents/backend-developer.md:1: skipped: the frontmatter opened on line 1 is never closed by a `---` line"
    ));
    let started = Instant::now();
    std::fs::write(&file, &original).expect("fix");
    next_reload(&mut stream, started);
    let (status, page) = get(address, "/agents/backend-developer.html");
    assert_eq!(status, 200);
    assert!(!page.contains("agentdex-serve-error"));
    assert!(!page.contains("Edited while serving."));
}

/// Harness folders are hidden (`.codex/agents/`): their agents are rebuilt when they change,
/// as any other.
#[test]
fn serve_rebuilds_an_agent_in_a_hidden_harness_folder() {
    let dir = project();
    let folder = dir.path().join("agents/.codex/agents");
    std::fs::create_dir_all(&folder).expect("folder");
    let file = folder.join("reviewer.toml");
    let toml = |description: &str| {
        format!(
            "name = \"reviewer\"\ndescription = \"{description}\"\ndeveloper_instructions = \"Review the diff.\"\n"
        )
    };
    std::fs::write(&file, toml("Reviews changes.")).expect("write");
    let server = serve(dir.path());
    let address = &server.address;
    let (status, page) = get(address, "/agents/reviewer.html");
    assert_eq!(status, 200);
    assert!(page.contains("Reviews changes."));

    let mut stream = events(address, &script_version(&page));
    let started = Instant::now();
    std::fs::write(&file, toml("Reviews changes, edited while serving.")).expect("edit");
    next_reload(&mut stream, started);
    let (_, page) = get(address, "/agents/reviewer.html");
    assert!(page.contains("Reviews changes, edited while serving."));
}

#[test]
fn a_broken_config_is_shown_and_serve_recovers() {
    let dir = project();
    std::fs::write(dir.path().join("catalog.toml"), "titel = \"x\"\n").expect("config");
    let server = serve(dir.path());
    let (status, page) = get(&server.address, "/");
    assert_eq!(status, 404);
    assert!(
        page.contains("catalog.toml:1:1: error: unknown field `titel`"),
        "{page}"
    );
    let mut stream = events(&server.address, &script_version(&page));
    let started = Instant::now();
    std::fs::write(dir.path().join("catalog.toml"), "title = \"Fixed\"\n").expect("config");
    next_reload(&mut stream, started);
    let (status, page) = get(&server.address, "/");
    assert_eq!(status, 200);
    assert!(page.contains("<title>Fixed</title>"));
}

fn full_build(dir: &Path) -> MemorySite {
    let options = project_flags(dir).build_options().expect("options");
    let project = agentdex::load_project(&options).expect("loads");
    let site = MemorySite::default();
    project.write_all(&site).expect("writes");
    site
}

#[test]
fn an_incremental_rebuild_writes_exactly_what_a_full_build_does() {
    let dir = project();
    let shared = Arc::new(Shared::default());
    let mut session = Session::start(project_flags(dir.path()), Arc::clone(&shared));
    let file = dir.path().join("agents/backend-engineer-senior.md");
    let text = std::fs::read_to_string(&file).expect("seed");
    // A new name moves the agent out of its family: its pair diff pages go, so the whole site
    // is rebuilt. New words change the search index's chunks and vocabulary files, a new color
    // only the pages that show the agent: the files of both are written again alone.
    let renamed = text.replacen("name: backend-engineer", "name: frontend-engineer", 1);
    let reworded = text.replace("robust, scalable", "robust, quarantinable, scalable");
    assert_ne!(reworded, text);
    let recolored = text.replace("model:", "color: teal\nmodel:");
    for (edit, partial) in [(reworded, true), (recolored, true), (renamed, false)] {
        std::fs::write(&file, &edit).expect("edit");
        let change = session.classify(&file).expect("an agent file is a change");
        assert_eq!(
            change,
            Change::Agent("backend-engineer-senior.md".to_string())
        );
        let rebuilt = session.rebuild(&BTreeSet::from([change]));
        assert_eq!(
            matches!(rebuilt, Rebuilt::Partial(_)),
            partial,
            "{rebuilt:?}"
        );
        assert!(shared.problems().is_empty());
        assert!(shared.site.snapshot() == full_build(dir.path()).snapshot());
    }
    assert_eq!(session.classify(&dir.path().join("agents/.x.md.swp")), None);
    assert_eq!(session.classify(&dir.path().join("site/index.html")), None);
    for manifest in [
        "agents/.claude-plugin/marketplace.json",
        "agents/plugins/p/.claude-plugin/plugin.json",
        ".claude-plugin/marketplace.json",
    ] {
        assert_eq!(
            session.classify(&dir.path().join(manifest)),
            Some(Change::Project),
            "{manifest}"
        );
    }
    assert_eq!(
        session.classify(&dir.path().join("templates/base.html")),
        Some(Change::Project)
    );
}
