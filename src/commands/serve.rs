//! `agentdex serve`: builds the site into memory, serves it on 127.0.0.1, watches the agents,
//! templates, static files and `catalog.toml`, rebuilds only what a change touches, and tells
//! open pages to reload.
//!
//! The rebuild side ([`Session`]) keeps the parsed [`Project`]: a changed agent file is read
//! again on its own and only the pages that show it are rendered ([`Project::update_agent`]);
//! anything else (config, templates, static files, a new or removed file) is a full build. A
//! build that fails keeps the last good site and shows why on every page and in the terminal.
//! The HTTP side lives in `http`.

mod http;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::config::BuildOptions;
use crate::config::Flags;
use crate::site::output::MemorySite;
use crate::site::{Project, Update};

/// What the rebuild side shares with the HTTP side.
#[derive(Default)]
pub struct Shared {
    pub site: MemorySite,
    /// Why the last build did not fully work (a build error, files that were skipped); empty
    /// when all is well.
    problems: RwLock<Vec<String>>,
    /// Counts builds; open pages reload when it moves past the version they were served at.
    version: Mutex<u64>,
    rebuilt: Condvar,
}

impl Shared {
    pub fn problems(&self) -> Vec<String> {
        self.problems
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn version(&self) -> u64 {
        *self.version.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn finish_build(&self, problems: Vec<String>) {
        *self
            .problems
            .write()
            .unwrap_or_else(PoisonError::into_inner) = problems;
        *self.version.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.rebuilt.notify_all();
    }

    /// Waits until the version is past `since`, at most `timeout`; returns the version then.
    fn wait_past(&self, since: u64, timeout: Duration) -> u64 {
        let version = self.version.lock().unwrap_or_else(PoisonError::into_inner);
        let (version, _) = self
            .rebuilt
            .wait_timeout_while(version, timeout, |v| *v <= since)
            .unwrap_or_else(PoisonError::into_inner);
        *version
    }
}

/// One thing that changed on disk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// An agent file, relative to the agents folder.
    Agent(String),
    /// `catalog.toml`, a template or a static file: everything is built again.
    Project,
}

/// The rebuild side of `serve`: the options and the parsed project, kept between changes.
pub struct Session {
    flags: Flags,
    options: BuildOptions,
    project: Option<Project>,
    shared: Arc<Shared>,
}

/// What one rebuild did, for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuilt {
    /// Only these files were written.
    Partial(usize),
    Full,
    Failed,
}

impl Session {
    /// Reads the configuration and builds everything once.
    pub fn start(flags: Flags, shared: Arc<Shared>) -> Session {
        // A broken catalog.toml is reported by the first build; until it is fixed, the
        // defaults say what to watch.
        let options = flags
            .build_options()
            .unwrap_or_else(|_| flags.overlay(crate::config::Config::default()));
        let mut session = Session {
            flags,
            options,
            project: None,
            shared,
        };
        session.full_build();
        session
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds again what `changes` touch.
    pub fn rebuild(&mut self, changes: &BTreeSet<Change>) -> Rebuilt {
        match self.update_agents(changes) {
            Ok(Some(written)) => {
                let problems = self.skip_problems();
                self.shared.finish_build(problems);
                Rebuilt::Partial(written)
            }
            Ok(None) => self.full_build(),
            Err(error) => self.fail(&error),
        }
    }

    /// Applies agent changes in place; `None` when a full build is needed instead.
    fn update_agents(&mut self, changes: &BTreeSet<Change>) -> Result<Option<usize>> {
        let Some(project) = self.project.as_mut() else {
            return Ok(None);
        };
        let mut written = 0;
        for change in changes {
            let Change::Agent(relative) = change else {
                return Ok(None);
            };
            let harness = self.options.config.harness_of(relative);
            let Ok(agent) = crate::read::read_agent_as(&self.options.agents, relative, harness)
            else {
                return Ok(None);
            };
            match project.update_agent(agent, &self.shared.site)? {
                Update::Partial(files) => written += files,
                Update::NeedsFullBuild => return Ok(None),
            }
        }
        Ok(Some(written))
    }

    fn full_build(&mut self) -> Rebuilt {
        let built = self.flags.build_options().and_then(|options| {
            self.options = options;
            let mut project = crate::load_project(&self.options)?;
            project.keep_search_index = true;
            let site = MemorySite::default();
            project.write_all(&site)?;
            Ok((project, site))
        });
        match built {
            Ok((project, site)) => {
                self.shared.site.replace_with(site);
                self.project = Some(project);
                let problems = self.skip_problems();
                self.shared.finish_build(problems);
                Rebuilt::Full
            }
            Err(error) => self.fail(&error),
        }
    }

    fn fail(&mut self, error: &anyhow::Error) -> Rebuilt {
        // The project may be half updated: the next change builds everything again.
        self.project = None;
        self.shared.finish_build(vec![format!("error: {error:#}")]);
        Rebuilt::Failed
    }

    fn skip_problems(&self) -> Vec<String> {
        self.project
            .iter()
            .flat_map(|p| &p.skipped)
            .map(|(path, skip)| {
                skip.display_for(&self.options.agents.join(path).display().to_string())
            })
            .collect()
    }

    /// What a changed path means, if anything.
    pub fn classify(&self, path: &Path) -> Option<Change> {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let path = absolute(path);
        let manifests = self
            .config_dir()
            .join(crate::read::marketplace::MANIFEST_DIR);
        let project_inputs = [
            Some(absolute(&self.flags.config)),
            self.options.templates.as_deref().map(absolute),
            self.options.static_dir.as_deref().map(absolute),
            Some(absolute(&manifests)),
        ];
        if project_inputs
            .iter()
            .flatten()
            .any(|input| path.starts_with(input))
        {
            return Some(Change::Project);
        }
        let relative = path.strip_prefix(absolute(&self.options.agents)).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // A plugin manifest changes which plugins ship which agents: everything is built again.
        let manifest_dir = crate::read::marketplace::MANIFEST_DIR;
        if parts.iter().any(|p| p == manifest_dir) {
            return Some(Change::Project);
        }
        // What a harness configuration defines is said in the build's warnings.
        if crate::read::discover::is_agent_config(&path) {
            return Some(Change::Project);
        }
        let relative = parts.join("/");
        crate::read::discover::may_be_agent(&relative).then_some(Change::Agent(relative))
    }

    /// The folder of the config file: the repository, with its marketplace file.
    fn config_dir(&self) -> PathBuf {
        match self.flags.config.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// The folders to watch: the inputs, the repository's marketplace folder, and the config
    /// file's folder (editors replace files).
    fn watched(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let config_dir = self.config_dir();
        let manifests = config_dir.join(crate::read::marketplace::MANIFEST_DIR);
        let mut dirs = vec![(config_dir, RecursiveMode::NonRecursive)];
        let inputs = [
            Some(manifests),
            Some(self.options.agents.clone()),
            self.options.templates.clone(),
            self.options.static_dir.clone(),
        ];
        dirs.extend(
            inputs
                .into_iter()
                .flatten()
                .filter(|d| d.is_dir())
                .map(|d| (d, RecursiveMode::Recursive)),
        );
        dirs
    }
}

/// Runs `agentdex serve` until the process is stopped.
pub fn run(flags: &Flags, port: u16, open: bool) -> Result<()> {
    let shared = Arc::new(Shared::default());
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let address = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let mut session = Session::start(flags.clone(), Arc::clone(&shared));
    report(&session, &Rebuilt::Full, "", Duration::ZERO);
    // Watch before announcing the address: an edit made as soon as the page is open must not
    // fall between the announcement and the first watch.
    let (sender, events) = channel();
    let mut watcher = notify::recommended_watcher(sender).context("cannot watch files")?;
    watch_inputs(&mut watcher, &session);
    let url = format!("http://{address}/");
    println!("serving {url} (Ctrl-C to stop)");
    http::spawn(server, Arc::clone(&shared));
    if open {
        open_browser(&url);
    }
    rebuild_on_changes(&mut session, &mut watcher, &events)
}

/// Watches the session's inputs (folders may appear or move as the config changes).
fn watch_inputs(watcher: &mut impl Watcher, session: &Session) {
    for (dir, mode) in session.watched() {
        // A folder that is already watched, or has just gone, is not an error.
        let _ = watcher.watch(&dir, mode);
    }
}

/// Rebuilds on every change, forever.
fn rebuild_on_changes(
    session: &mut Session,
    watcher: &mut impl Watcher,
    events: &Receiver<notify::Result<notify::Event>>,
) -> Result<()> {
    loop {
        let changes = next_changes(events, session)?;
        let started = Instant::now();
        let rebuilt = session.rebuild(&changes);
        let what: Vec<String> = changes
            .iter()
            .map(|c| match c {
                Change::Agent(path) => session.options().agents.join(path).display().to_string(),
                Change::Project => "project files".to_string(),
            })
            .collect();
        report(session, &rebuilt, &what.join(", "), started.elapsed());
        watch_inputs(watcher, session);
    }
}

/// Waits for changes, then collects those that follow within a short pause (an editor's save is
/// several events).
fn next_changes(
    events: &Receiver<notify::Result<notify::Event>>,
    session: &Session,
) -> Result<BTreeSet<Change>> {
    const SETTLE: Duration = Duration::from_millis(30);
    let mut changes = BTreeSet::new();
    loop {
        let timeout = if changes.is_empty() {
            Duration::from_secs(3600)
        } else {
            SETTLE
        };
        match events.recv_timeout(timeout) {
            Ok(Ok(event)) if !event.kind.is_access() => {
                changes.extend(event.paths.iter().filter_map(|p| session.classify(p)));
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) if !changes.is_empty() => return Ok(changes),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
        }
    }
}

fn report(session: &Session, rebuilt: &Rebuilt, what: &str, took: Duration) {
    let shared = &session.shared;
    let ms = took.as_secs_f64() * 1000.0;
    match rebuilt {
        Rebuilt::Partial(files) => println!("rebuilt {what}: {files} files in {ms:.1} ms"),
        Rebuilt::Full if what.is_empty() => println!("built the site"),
        Rebuilt::Full => println!("rebuilt everything after {what} changed in {ms:.1} ms"),
        Rebuilt::Failed => {}
    }
    for problem in shared.problems() {
        eprintln!("{problem}");
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(command).arg(url).spawn() {
        eprintln!("cannot open a browser ({command}: {error}); open {url} yourself");
    }
}
