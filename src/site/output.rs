//! Where a site's files go: the [`Sink`] trait, the staging folder on disk with its atomic swap
//! into place ([`Staging`]), the in-memory site `serve` keeps ([`MemorySite`]), the embedded
//! static assets, and the output-folder safety check.
//!
//! Everything is written into a staging folder beside the output folder and swapped in at the
//! end, so a failed build never leaves a half-written site behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock};

use anyhow::{Context, Result, bail};

/// Default static assets, embedded so that a project without a `static/` folder still builds.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("app.js", include_bytes!("../../static/app.js")),
    ("compare.js", include_bytes!("../../static/compare.js")),
    ("install.js", include_bytes!("../../static/install.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("theme.js", include_bytes!("../../static/theme.js")),
];

/// Where a site's files go: a staging folder on disk, or memory when serving.
pub trait Sink: Sync {
    /// Writes one file at a site-relative path made of known-safe parts. Safe to call from
    /// several threads at once.
    fn write(&self, relative: &str, contents: &[u8]) -> Result<()>;

    /// Writes the default static assets, then the user's `static/` folder over them.
    fn write_static(&self, user_dir: Option<&Path>) -> Result<()> {
        let user_dir = user_dir.filter(|d| d.is_dir());
        for (name, bytes) in DEFAULT_STATIC {
            if !user_dir.is_some_and(|d| d.join(name).is_file()) {
                self.write(&format!("static/{name}"), bytes)?;
            }
        }
        let Some(dir) = user_dir else {
            return Ok(());
        };
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let bytes = fs::read(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            self.write(&format!("static/{}", relative.to_string_lossy()), &bytes)?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    /// Writes one file at a site-relative path made of known-safe parts, creating its folder
    /// when it does not exist yet. Safe to call from several threads at once.
    fn write(&self, relative: &str, contents: &[u8]) -> Result<()> {
        let path = self.dir.join(relative);
        // Most files go into a folder that already exists (`raw/`, `compare/`): try the write
        // first and create the folder only when it is missing, rather than asking for it before
        // every file (a `mkdir` that fails takes the parent folder's lock, serialising writers).
        let written = match fs::write(&path, contents) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                fs::write(&path, contents)
            }
            other => other,
        };
        written.with_context(|| format!("cannot write {}", path.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(contents.len() as u64, Ordering::Relaxed);
        Ok(())
    }
}

/// The site's files, in memory.
#[derive(Default)]
pub struct MemorySite {
    files: RwLock<BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySite {
    fn write(&self, relative: &str, contents: &[u8]) -> Result<()> {
        let mut files = self.files.write().unwrap_or_else(PoisonError::into_inner);
        files.insert(relative.to_string(), contents.to_vec());
        Ok(())
    }
}

impl MemorySite {
    pub fn get(&self, relative: &str) -> Option<Vec<u8>> {
        let files = self.files.read().unwrap_or_else(PoisonError::into_inner);
        files.get(relative).cloned()
    }

    /// Every file, for comparing two builds.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        self.files
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn replace_with(&self, other: MemorySite) {
        let new = other
            .files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        *self.files.write().unwrap_or_else(PoisonError::into_inner) = new;
    }
}

/// A site being written into its staging folder.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Staging {
    /// Creates an empty staging folder next to `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".to_string());
        let parent = parent_of(target);
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// The bytes of every file written so far: the site's size as a host counts it.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Replaces the output folder with the staging folder.
    pub fn publish(self) -> Result<()> {
        let target = &self.target;
        if target.exists() {
            let old = self.dir.with_file_name(format!(
                "{}.previous",
                self.dir.file_name().unwrap_or_default().to_string_lossy()
            ));
            fs::rename(target, &old)
                .with_context(|| format!("cannot move the previous {} aside", target.display()))?;
            fs::rename(&self.dir, target)
                .with_context(|| format!("cannot move the new site to {}", target.display()))?;
            fs::remove_dir_all(&old)
                .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
        } else {
            fs::rename(&self.dir, target)
                .with_context(|| format!("cannot move the new site to {}", target.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that failed before [`Staging::publish`] leaves nothing behind.
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The absolute form of a path that may not exist yet: its nearest existing ancestor resolved,
/// the rest appended.
fn absolute(path: &Path) -> Result<PathBuf> {
    let path =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

/// Refuses output folders that a build must never replace: the input folder or one of its
/// parents, the current folder, `/`, or the home folder.
pub fn check_output_dir(out: &Path, agents: &Path) -> Result<()> {
    let out_abs = absolute(out)?;
    let agents_abs = absolute(agents)?;
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .and_then(|h| h.canonicalize().ok());
    let reason = if out_abs.parent().is_none() {
        Some("it is the root folder")
    } else if agents_abs.starts_with(&out_abs) {
        Some("it holds the agents folder, which the build would delete")
    } else if cwd.as_ref() == Some(&out_abs) {
        Some("it is the current folder")
    } else if home.as_ref() == Some(&out_abs) {
        Some("it is the home folder")
    } else {
        None
    };
    if let Some(reason) = reason {
        bail!(
            "refusing to write the site to {}: {reason}; choose an output folder of its own with --out",
            out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let agents = dir.path().join("agents");
        fs::create_dir_all(&agents)?;
        assert!(check_output_dir(&agents, &agents).is_err());
        assert!(check_output_dir(dir.path(), &agents).is_err());
        assert!(check_output_dir(Path::new("/"), &agents).is_err());
        assert!(check_output_dir(&dir.path().join("site"), &agents).is_ok());
        Ok(())
    }

    #[test]
    fn publish_replaces_the_previous_site_and_drop_cleans_up() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("site");
        fs::create_dir_all(&target)?;
        fs::write(target.join("stale.html"), "old")?;
        let staging = Staging::new(&target)?;
        staging.write("index.html", b"new")?;
        staging.publish()?;
        assert_eq!(fs::read_to_string(target.join("index.html"))?, "new");
        assert!(!target.join("stale.html").exists());

        let failed = Staging::new(&target)?;
        failed.write("index.html", b"half")?;
        drop(failed);
        assert_eq!(fs::read_to_string(target.join("index.html"))?, "new");
        let leftovers = fs::read_dir(dir.path())?.count();
        assert_eq!(leftovers, 1, "only the site folder remains");
        Ok(())
    }
}
