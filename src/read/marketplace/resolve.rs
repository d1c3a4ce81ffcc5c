//! Paths in manifests, resolved safely: relative to a folder, lexically (`..` is worked out
//! without touching the disk), never above the folder they must stay in, and checked again on
//! disk so that a symlink cannot lead a read out of it.

use std::path::{Component, Path, PathBuf};

/// A folder that reads stay inside: as given (for messages), absolute, and as the disk has it.
#[derive(Debug, Clone)]
pub struct Folder {
    given: PathBuf,
    /// Absolute, with `.` and `..` worked out.
    pub dir: PathBuf,
    /// With symlinks resolved.
    pub canonical: PathBuf,
}

impl Folder {
    /// The folder at `dir`; `None` when it is not a folder.
    pub fn new(dir: &Path) -> Option<Folder> {
        let canonical = dir.canonicalize().ok().filter(|c| c.is_dir())?;
        Some(Folder {
            given: dir.to_path_buf(),
            dir: lexical(&std::path::absolute(dir).ok()?),
            canonical,
        })
    }

    /// `path` inside the folder, relative to it with `/` separators; `None` outside it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rest = lexical(path).strip_prefix(&self.dir).ok()?.to_path_buf();
        Some(
            rest.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// How messages name `path`: under the folder as it was given, when it is inside.
    pub fn shown(&self, path: &Path) -> Option<String> {
        let relative = self.relative(path)?;
        Some(self.given.join(relative).display().to_string())
    }

    /// `relative` (a manifest's path) resolved from this folder; refused when it is absolute or
    /// climbs out of the folder.
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, String> {
        resolve_from(&self.dir, relative, &self.dir)
    }

    /// Refuses `path` when, with its symlinks resolved, it is not inside this folder.
    pub fn check_inside(&self, path: &Path) -> Result<(), String> {
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.canonical) => Ok(()),
            Ok(_) => Err(format!(
                "it is a symlink to a place outside {}",
                self.given.display()
            )),
            Err(error) => Err(format!("cannot read it: {error}")),
        }
    }

    /// The text of the file at `path`, refused when it leads out of the folder or is larger
    /// than `max` bytes.
    pub fn read_inside(&self, path: &Path, max: u64) -> Result<String, String> {
        self.check_inside(path)
            .map_err(|reason| format!("not read: {reason}"))?;
        let size = std::fs::metadata(path)
            .map_err(|e| format!("cannot read the file: {e}"))?
            .len();
        if size > max {
            return Err(format!(
                "the file is {size} bytes; manifests over {max} bytes are not read"
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 text (byte {}); JSON must be UTF-8",
                e.utf8_error().valid_up_to()
            )
        })?;
        Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
    }
}

/// `relative` resolved from the folder `from`, which must not leave `limit`.
pub fn resolve_from(from: &Path, relative: &str, limit: &Path) -> Result<PathBuf, String> {
    let forward = relative.replace('\\', "/");
    let drive = forward.as_bytes().get(1) == Some(&b':');
    if forward.starts_with('/') || drive || Path::new(relative).is_absolute() {
        return Err(
            "it is an absolute path; only paths inside the repository are read".to_string(),
        );
    }
    let mut path = lexical(from);
    for part in forward.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !path.pop() || !path.starts_with(limit) {
                    return Err("it leaves the repository".to_string());
                }
            }
            name => path.push(name),
        }
    }
    if path.starts_with(limit) {
        Ok(path)
    } else {
        Err("it leaves the repository".to_string())
    }
}

/// `path` with `.` and `..` worked out from its text alone.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_climb_out_of_their_limit() {
        let root = Path::new("/repo");
        let ok = |p: &str| resolve_from(root, p, root);
        assert_eq!(ok("./plugins/a"), Ok(PathBuf::from("/repo/plugins/a")));
        assert_eq!(ok("plugins/a/../b/"), Ok(PathBuf::from("/repo/plugins/b")));
        assert_eq!(ok("./"), Ok(PathBuf::from("/repo")));
        for refused in [
            "../x",
            "./plugins/../../x",
            "/etc",
            "C:\\x",
            "a/../../repo/x",
        ] {
            assert!(ok(refused).is_err(), "{refused}");
        }
        assert_eq!(
            resolve_from(Path::new("/repo/plugins/a"), "../../agents/x.md", root),
            Ok(PathBuf::from("/repo/agents/x.md"))
        );
        assert!(resolve_from(Path::new("/repo/plugins/a"), "../../../x.md", root).is_err());
    }
}
