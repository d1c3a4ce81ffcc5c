//! `gen-corpus`: writes a deterministic corpus of any size made of real agent files, for tests and
//! benchmarks at scale.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --out DIR --count N [--strict-yaml] SRC_DIR...
//! ```
//!
//! The agent files (`.md`/`.txt` starting with a `---` frontmatter) of the source folders are
//! taken in sorted order and reused round-robin until N exist; copy k >= 1 of a file gets `-k`
//! after its name. `--strict-yaml` rewrites every frontmatter as valid YAML (each value a
//! double-quoted string) so that tools which demand strict YAML, such as Hugo, read every file.
//! It writes the same files as the Python `gen-corpus` this project used to borrow, so numbers
//! measured on either stay comparable; the logic is in `generate.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

mod generate;

const USAGE: &str = "usage: gen-corpus --out DIR --count N [--strict-yaml] SRC_DIR...";

struct Args {
    out: PathBuf,
    count: usize,
    strict_yaml: bool,
    sources: Vec<PathBuf>,
}

fn parse(mut argv: impl Iterator<Item = std::ffi::OsString>) -> Result<Args, String> {
    let (mut out, mut count, mut strict_yaml, mut sources) = (None, None, false, Vec::new());
    let mut only_sources = false;
    while let Some(arg) = argv.next() {
        let text = arg.to_string_lossy();
        if only_sources || !text.starts_with("--") {
            sources.push(PathBuf::from(arg));
            continue;
        }
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (text.to_string(), None),
        };
        let mut value = |name: &str| match inline.clone() {
            Some(value) => Ok(value),
            None => argv
                .next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or(format!("argument {name}: expected one argument")),
        };
        match flag.as_str() {
            "--" => only_sources = true,
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--count" => {
                let v = value("--count")?;
                // Like Python's int(): a negative count writes nothing.
                let n: i64 = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("argument --count: invalid int value: '{v}'"))?;
                count = Some(usize::try_from(n).unwrap_or(0));
            }
            "--strict-yaml" if inline.is_none() => strict_yaml = true,
            _ => return Err(format!("unrecognized arguments: {text}")),
        }
    }
    let mut missing = Vec::new();
    if out.is_none() {
        missing.push("--out");
    }
    if count.is_none() {
        missing.push("--count");
    }
    if sources.is_empty() {
        missing.push("SRC_DIR");
    }
    if !missing.is_empty() {
        return Err(format!(
            "the following arguments are required: {}",
            missing.join(", ")
        ));
    }
    Ok(Args {
        out: out.unwrap_or_default(),
        count: count.unwrap_or_default(),
        strict_yaml,
        sources,
    })
}

fn main() -> ExitCode {
    let args = match parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{USAGE}\ngen-corpus: error: {message}");
            return ExitCode::from(2);
        }
    };
    match generate::generate(&args.out, args.count, args.strict_yaml, &args.sources) {
        Ok(written) => {
            println!(
                "gen-corpus: wrote {written} agent files to {}",
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-corpus: {error}");
            ExitCode::FAILURE
        }
    }
}
