//! The release workflow and the Pages workflow `agentdex init` writes, read as YAML: the archives
//! the Pages workflow downloads are exactly the ones the release publishes, for every target and
//! the runner it suits; every action is pinned to a commit. Then both workflows' shell steps are
//! run against each other (release packaging, then the Pages install with stand-ins for curl,
//! gh and cargo): an archive is used only when its checksum and attestation check out.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{agentdex, repo_root, stderr};
use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

fn parse(text: &str, what: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{what} is not valid YAML: {e}"))
}

fn release_workflow() -> Value {
    let path = repo_root().join(".github/workflows/release.yml");
    parse(
        &std::fs::read_to_string(&path).expect("release.yml"),
        "release.yml",
    )
}

/// The workflow `agentdex init` writes, as the binary writes it.
fn init_workflow() -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = agentdex(dir.path(), &["init"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml"))
        .expect("the workflow init wrote");
    parse(&text, "the workflow init writes")
}

fn string<'a>(value: &'a Value, what: &str) -> &'a str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"))
}

fn entries<'a>(value: &'a Value, what: &str) -> &'a serde_json::Map<String, Value> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not a map: {value}"))
}

/// The step of `job` named `name`.
fn step<'a>(job: &'a Value, name: &str) -> &'a Value {
    job["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|step| step["name"] == name)
        .unwrap_or_else(|| panic!("no step named {name}"))
}

/// A step's shell script. It must take every value from the environment: the runner would
/// substitute a `${{ }}` expression into the script's text, which this test does not.
fn script(step: &Value) -> &str {
    let run = string(&step["run"], "run");
    assert!(!run.contains("${{"), "an expression in a run script: {run}");
    run
}

/// `text` with each `${{ github.ref_name }}` and `${{ matrix.KEY }}` replaced, as the runner
/// evaluates a job's `env` for the tag `v<version>` and one matrix entry.
fn evaluate(text: &str, entry: &Value) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        let end = rest[start..].find("}}").expect("an unclosed expression") + start;
        out.push_str(&rest[..start]);
        let expression = rest[start + 3..end].trim();
        match expression.strip_prefix("matrix.") {
            Some(key) => out.push_str(string(&entry[key], expression)),
            None if expression == "github.ref_name" => out.push_str(&format!("v{VERSION}")),
            None => panic!("an expression this test cannot evaluate: {expression}"),
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// One target the release builds, with its job's environment evaluated.
struct Built {
    target: String,
    env: BTreeMap<String, String>,
}

impl Built {
    fn archive(&self) -> &str {
        &self.env["ARCHIVE"]
    }
}

/// Every entry of the release's build matrix.
fn release_builds(release: &Value) -> Vec<Built> {
    let job = &release["jobs"]["build"];
    let env = entries(&job["env"], "the build job's env");
    let include = job["strategy"]["matrix"]["include"]
        .as_array()
        .expect("the build matrix lists its targets under include");
    include
        .iter()
        .map(|entry| Built {
            target: string(&entry["target"], "target").to_string(),
            env: env
                .iter()
                .map(|(key, value)| (key.clone(), evaluate(string(value, key), entry)))
                .collect(),
        })
        .collect()
}

/// GitHub's `RUNNER_OS` and `RUNNER_ARCH` for the machines a target's binaries run on.
fn runner_of(target: &str) -> (&'static str, &'static str) {
    let arch = match target.split('-').next() {
        Some("x86_64") => "X64",
        Some("aarch64") => "ARM64",
        _ => panic!("an architecture GitHub's runners do not name: {target}"),
    };
    let os = if target.contains("-linux-") {
        "Linux"
    } else if target.ends_with("-apple-darwin") {
        "macOS"
    } else if target.contains("-windows-") {
        "Windows"
    } else {
        panic!("an OS GitHub's runners do not name: {target}")
    };
    (os, arch)
}

/// The Pages workflow's install step.
fn install_step(pages: &Value) -> &Value {
    step(&pages["jobs"]["build"], "Install agentdex")
}

/// The archive the Pages workflow downloads for each runner, by `ARCHIVE_<os>_<arch>`.
fn pages_archives(pages: &Value) -> BTreeMap<String, String> {
    entries(&install_step(pages)["env"], "the install step's env")
        .iter()
        .filter(|(key, _)| key.starts_with("ARCHIVE_"))
        .map(|(key, value)| (key.clone(), string(value, key).to_string()))
        .collect()
}

#[test]
fn the_pages_workflow_downloads_exactly_the_archives_the_release_publishes() {
    let builds = release_builds(&release_workflow());
    assert!(
        builds.len() >= 5,
        "the release builds {} targets",
        builds.len()
    );
    let expected: BTreeMap<String, String> = builds
        .iter()
        .map(|built| {
            let (os, arch) = runner_of(&built.target);
            (format!("ARCHIVE_{os}_{arch}"), built.archive().to_string())
        })
        .collect();
    assert_eq!(expected.len(), builds.len(), "two targets for one runner");
    assert_eq!(pages_archives(&init_workflow()), expected);
}

#[test]
fn release_archives_are_named_after_the_tag_and_the_target() {
    for built in release_builds(&release_workflow()) {
        let package = format!("agentdex-v{VERSION}-{}", built.target);
        assert_eq!(built.env["PACKAGE"], package);
        let extension = if built.target.contains("-windows-") {
            "zip"
        } else {
            "tar.gz"
        };
        assert_eq!(built.archive(), format!("{package}.{extension}"));
    }
}

#[test]
fn the_pages_workflow_is_pinned_to_this_version_and_repository() {
    let pages = init_workflow();
    assert_eq!(pages["env"]["AGENTDEX_VERSION"], VERSION);
    assert_eq!(pages["env"]["AGENTDEX_REPOSITORY"], REPOSITORY);
    assert!(
        REPOSITORY.starts_with("https://github.com/"),
        "releases and attestations are GitHub's: {REPOSITORY}"
    );
    let install = script(install_step(&pages));
    assert!(
        install.contains(
            r#"cargo install --locked --git "$AGENTDEX_REPOSITORY" --tag "v$AGENTDEX_VERSION" agentdex"#
        ),
        "{install}"
    );
    assert!(!install.contains("cargo install agentdex"), "{install}");
}

/// Every `uses:` of every job, of the project's workflows and the one `init` writes.
fn actions_used() -> Vec<(String, String)> {
    let mut workflows: Vec<(String, Value)> =
        std::fs::read_dir(repo_root().join(".github/workflows"))
            .expect("workflows")
            .map(|entry| entry.expect("entry").path())
            .map(|path| {
                let name = path.display().to_string();
                let text = std::fs::read_to_string(&path).expect("workflow");
                let workflow = parse(&text, &name);
                (name, workflow)
            })
            .collect();
    workflows.push(("init's pages.yml".to_string(), init_workflow()));
    let mut used = Vec::new();
    for (name, workflow) in &workflows {
        for job in entries(&workflow["jobs"], "jobs").values() {
            for step in job["steps"].as_array().expect("steps") {
                if let Some(action) = step["uses"].as_str() {
                    used.push((name.clone(), action.to_string()));
                }
            }
        }
    }
    used
}

#[test]
fn every_action_is_pinned_to_a_commit() {
    let used = actions_used();
    assert!(used.len() >= 10, "{used:?}");
    for (workflow, action) in used {
        let commit = action.rsplit_once('@').map(|(_, commit)| commit);
        let pinned =
            commit.is_some_and(|c| c.len() == 40 && c.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(pinned, "{workflow}: {action} is not pinned to a commit");
    }
}

#[cfg(unix)]
mod run {
    //! The release's packaging and the Pages workflow's install, run as bash runs them on a
    //! runner (`bash --noprofile --norc -eo pipefail`), with only the tools they need on PATH.

    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::process::{Command, Output};

    /// The real tools the two scripts use; anything else they call is missing.
    const TOOLS: &[&str] = &["cp", "cut", "gzip", "mkdir", "sha256sum", "tar", "tee"];

    /// Serves the release from `$STUB_DIST`, as `curl --output FILE URL ...` downloads it, and
    /// logs each URL; an unknown URL fails as `curl --fail` does.
    const CURL: &str = r#"#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in
    --output) file="$2"; shift 2 ;;
    https://*)
      echo "$1" >>"$STUB_LOG/curl"
      name="${1##*/}"
      [ "$1" = "$STUB_RELEASE_URL/$name" ] && cp "$STUB_DIST/$name" "$file" || exit 22
      shift ;;
    *) shift ;;
  esac
done
"#;

    /// Logs its arguments and answers `$STUB_STATUS` (gh: the attestation's verdict).
    const LOGGER: &str =
        "#!/bin/sh\necho \"$*\" >>\"$STUB_LOG/$(basename \"$0\")\"\nexit \"${STUB_STATUS:-0}\"\n";

    fn write_executable(path: &Path, text: &str) {
        std::fs::write(path, text).expect("write");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    fn find_tool(name: &str) -> PathBuf {
        let path = std::env::var_os("PATH").expect("PATH");
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
            .unwrap_or_else(|| panic!("{name} is not installed"))
    }

    /// A folder for PATH: links to the real `TOOLS`, the curl stand-in, and the logging
    /// stand-ins named in `loggers` (`basename` is linked for them).
    fn toolbox(dir: &Path, loggers: &[&str]) -> PathBuf {
        let bin = dir.join("bin");
        if bin.exists() {
            std::fs::remove_dir_all(&bin).expect("a fresh toolbox");
        }
        std::fs::create_dir_all(&bin).expect("bin");
        for tool in TOOLS.iter().chain(&["basename"]) {
            std::os::unix::fs::symlink(find_tool(tool), bin.join(tool)).expect("link");
        }
        write_executable(&bin.join("curl"), CURL);
        for logger in loggers {
            write_executable(&bin.join(logger), LOGGER);
        }
        bin
    }

    fn bash(script: &str, dir: &Path, env: &BTreeMap<String, String>, path: &Path) -> Output {
        Command::new("/bin/bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(dir)
            .env_clear()
            .envs(env)
            .env("PATH", path)
            .output()
            .expect("bash runs")
    }

    fn log(dir: &Path, tool: &str) -> String {
        std::fs::read_to_string(dir.join("log").join(tool)).unwrap_or_default()
    }

    /// The release entry of the machine running this test, if the release builds for it.
    fn host_build(builds: Vec<Built>) -> Option<Built> {
        let os = match std::env::consts::OS {
            "linux" => "Linux",
            "macos" => "macOS",
            _ => return None,
        };
        let arch = match std::env::consts::ARCH {
            "x86_64" => "X64",
            "aarch64" => "ARM64",
            _ => return None,
        };
        let built = builds
            .into_iter()
            .find(|built| runner_of(&built.target) == (os, arch));
        if built.is_none() {
            eprintln!("skipped: the release builds no archive for {os} {arch}");
        }
        built
    }

    /// Packaging and installing do not look inside the binary: a stand-in that reports its
    /// version as agentdex does keeps the archives small.
    fn stand_in(version: &str) -> String {
        format!("#!/bin/sh\necho 'agentdex {version}'\n")
    }

    /// Runs the release's packaging step in `work` on the binary `binary` (its text); the
    /// archive and its checksum file are then in `work/dist`.
    fn package(release: &Value, built: &Built, work: &Path, binary: &str) -> Output {
        let binary_dir = work.join("target").join(&built.target).join("release");
        std::fs::create_dir_all(&binary_dir).expect("target dir");
        write_executable(&binary_dir.join("agentdex"), binary);
        for file in ["README.md", "LICENSE"] {
            std::fs::copy(repo_root().join(file), work.join(file)).expect("packaged file");
        }
        let mut env = built.env.clone();
        env.insert("GITHUB_REF_NAME".to_string(), format!("v{VERSION}"));
        let tools = toolbox(&work.join("tools"), &[]);
        let script = script(step(&release["jobs"]["build"], "Package"));
        bash(script, work, &env, &tools)
    }

    /// A runner's view: the release packaged into `dist/`, and the Pages install step ready to
    /// run against it.
    struct Runner {
        dir: tempfile::TempDir,
        archive: String,
        install: String,
        env: BTreeMap<String, String>,
    }

    impl Runner {
        fn new() -> Option<Runner> {
            let release = release_workflow();
            let built = host_build(release_builds(&release))?;
            let dir = tempfile::tempdir().expect("temp dir");
            let work = dir.path().join("work");
            let output = package(&release, &built, &work, &stand_in(VERSION));
            assert!(output.status.success(), "packaging: {}", stderr(&output));

            let pages = init_workflow();
            let install = install_step(&pages);
            let mut env: BTreeMap<String, String> = entries(&pages["env"], "env")
                .iter()
                .chain(entries(&install["env"], "the install step's env"))
                .map(|(key, value)| (key.clone(), string(value, key).to_string()))
                .collect();
            let (os, arch) = runner_of(&built.target);
            for (key, value) in [
                ("GH_TOKEN", "a token".to_string()),
                ("RUNNER_OS", os.to_string()),
                ("RUNNER_ARCH", arch.to_string()),
                ("RUNNER_TEMP", dir.path().join("temp").display().to_string()),
                (
                    "GITHUB_PATH",
                    dir.path().join("github_path").display().to_string(),
                ),
                ("STUB_LOG", dir.path().join("log").display().to_string()),
                ("STUB_DIST", work.join("dist").display().to_string()),
                (
                    "STUB_RELEASE_URL",
                    format!("{REPOSITORY}/releases/download/v{VERSION}"),
                ),
            ] {
                env.insert(key.to_string(), value);
            }
            std::fs::create_dir_all(dir.path().join("log")).expect("log");
            Some(Runner {
                archive: built.archive().to_string(),
                install: script(install).to_string(),
                env,
                dir,
            })
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        fn dist(&self, name: &str) -> PathBuf {
            self.path("work/dist").join(name)
        }

        /// Runs the install step with the stand-ins in `loggers` on PATH.
        fn install(&self, loggers: &[&str]) -> Output {
            let tools = toolbox(&self.path("install-tools"), loggers);
            bash(&self.install, self.dir.path(), &self.env, &tools)
        }

        fn github_path(&self) -> String {
            std::fs::read_to_string(self.path("github_path")).unwrap_or_default()
        }

        /// The install failed and left nothing behind: no build from source, nothing on PATH.
        fn assert_refused(&self, output: &Output) {
            assert!(!output.status.success());
            assert_eq!(log(self.dir.path(), "cargo"), "", "fell back to a build");
            assert_eq!(self.github_path(), "");
        }
    }

    #[test]
    fn a_verified_release_archive_is_put_on_the_path() {
        let Some(runner) = Runner::new() else { return };
        let checksum = std::fs::read_to_string(runner.dist(&format!("{}.sha256", runner.archive)))
            .expect("the .sha256 file");
        let (digest, name) = checksum.trim_end().split_once("  ").expect("digest  name");
        assert_eq!(name, runner.archive);
        assert!(digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()));

        let output = runner.install(&["gh", "cargo"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let url = format!(
            "{REPOSITORY}/releases/download/v{VERSION}/{}",
            runner.archive
        );
        assert_eq!(
            log(runner.dir.path(), "curl"),
            format!("{url}\n{url}.sha256\n")
        );
        let repo = REPOSITORY.trim_start_matches("https://github.com/");
        assert!(repo_root().join(".github/workflows/release.yml").is_file());
        assert_eq!(
            log(runner.dir.path(), "gh"),
            format!(
                "attestation verify {} --repo {repo} --signer-workflow {repo}/.github/workflows/release.yml --source-ref refs/tags/v{VERSION} --deny-self-hosted-runners\n",
                runner.archive
            )
        );
        assert_eq!(log(runner.dir.path(), "cargo"), "");
        let folder = runner.archive.trim_end_matches(".tar.gz");
        let installed = runner.path("temp/agentdex").join(folder);
        assert_eq!(runner.github_path(), format!("{}\n", installed.display()));
        let version = Command::new(installed.join("agentdex"))
            .arg("--version")
            .output()
            .expect("the installed agentdex runs");
        assert_eq!(
            String::from_utf8_lossy(&version.stdout),
            format!("agentdex {VERSION}\n")
        );
    }

    #[test]
    fn a_binary_of_another_version_is_not_packaged() {
        let release = release_workflow();
        let Some(built) = host_build(release_builds(&release)) else {
            return;
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let output = package(&release, &built, dir.path(), &stand_in("0.0.0-other"));
        assert!(!output.status.success());
        let out = String::from_utf8_lossy(&output.stdout);
        assert!(
            out.contains(&format!(
                "reports \"agentdex 0.0.0-other\" for the tag v{VERSION}"
            )),
            "{out}"
        );
        assert!(!dir.path().join("dist").join(built.archive()).exists());
    }

    #[test]
    fn an_archive_that_does_not_match_its_checksum_is_refused() {
        let Some(runner) = Runner::new() else { return };
        let archive = runner.dist(&runner.archive);
        let mut bytes = std::fs::read(&archive).expect("archive");
        bytes.push(0);
        std::fs::write(&archive, bytes).expect("tamper");
        let output = runner.install(&["gh", "cargo"]);
        runner.assert_refused(&output);
        let out = String::from_utf8_lossy(&output.stdout);
        assert!(
            out.contains(&format!("::error::{}: SHA-256", runner.archive)),
            "{out}"
        );
        let gh = log(runner.dir.path(), "gh");
        assert_eq!(gh, "", "checked the attestation anyway");
    }

    #[test]
    fn an_archive_without_a_valid_attestation_is_refused() {
        let Some(mut runner) = Runner::new() else {
            return;
        };
        runner
            .env
            .insert("STUB_STATUS".to_string(), "1".to_string());
        let output = runner.install(&["gh", "cargo"]);
        runner.assert_refused(&output);
        assert_ne!(log(runner.dir.path(), "gh"), "");
    }

    #[test]
    fn without_an_archive_or_gh_the_tagged_source_is_built() {
        let Some(mut runner) = Runner::new() else {
            return;
        };
        let from_source =
            format!("install --locked --git {REPOSITORY} --tag v{VERSION} agentdex\n");
        // No gh to check the attestation with: the archive is not downloaded.
        let output = runner.install(&["cargo"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(log(runner.dir.path(), "curl"), "");
        assert_eq!(log(runner.dir.path(), "cargo"), from_source);

        // A runner the release has no archive for.
        std::fs::remove_file(runner.path("log/cargo")).expect("clear the log");
        runner
            .env
            .insert("RUNNER_ARCH".to_string(), "RISCV64".to_string());
        let output = runner.install(&["gh", "cargo"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(log(runner.dir.path(), "curl"), "");
        assert_eq!(log(runner.dir.path(), "gh"), "");
        assert_eq!(log(runner.dir.path(), "cargo"), from_source);
        assert_eq!(runner.github_path(), "");
    }
}

#[test]
fn the_pages_workflow_stops_on_a_critical_trust_finding_before_it_builds() {
    let pages = init_workflow();
    let steps = pages["jobs"]["build"]["steps"].as_array().expect("steps");
    let name = "Check the agent files (a critical trust finding stops the build)";
    let check = step(&pages["jobs"]["build"], name);
    assert_eq!(script(check), "agentdex check --deny critical");
    let position = |wanted: &str| {
        steps
            .iter()
            .position(|s| s["name"] == wanted)
            .unwrap_or_else(|| panic!("no step {wanted}"))
    };
    assert!(position(name) < position("Build the catalogue"));
}
