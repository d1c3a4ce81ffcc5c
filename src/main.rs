//! The `agentdex` command line: parses arguments, calls the library, prints, sets the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use agentdex::{BuildOptions, Report};

#[derive(Parser)]
#[command(
    name = "agentdex",
    version,
    about = "Publish Claude Code agent definitions as a browsable, comparable catalogue"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the catalogue site from a folder of agent files.
    Build {
        /// The folder of agent definition files (Markdown with YAML frontmatter).
        #[arg(long, default_value = "agents")]
        agents: PathBuf,
        /// Where to write the site; replaced as a whole when the build succeeds.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// Templates that replace the built-in ones of the same name.
        #[arg(long, default_value = "templates")]
        templates: PathBuf,
        /// Files copied as-is into the site's `static/` folder, over the built-in ones.
        #[arg(long = "static", default_value = "static")]
        static_dir: PathBuf,
        /// The URL the site is published at (used only for canonical links).
        #[arg(long, default_value = "")]
        base_url: String,
        /// The catalogue's title.
        #[arg(long, default_value = "Agent catalogue")]
        title: String,
        /// Write a fidelity report (JSON: per collection, how every file was read) to this file,
        /// or to standard output with `-`.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            agents,
            out,
            templates,
            static_dir,
            base_url,
            title,
            report,
        } => {
            let options = BuildOptions {
                agents,
                out,
                templates: Some(templates),
                static_dir: Some(static_dir),
                base_url,
                title,
            };
            match agentdex::build(&options) {
                Ok(built) => {
                    print_report(&options, &built);
                    match report.map(|path| write_fidelity(&path, &built)) {
                        Some(Err(error)) => {
                            eprintln!("error: {error:#}");
                            ExitCode::FAILURE
                        }
                        _ => ExitCode::SUCCESS,
                    }
                }
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn print_report(options: &BuildOptions, report: &Report) {
    let shown = |relative: &str| display_path(&options.agents, relative);
    for (path, diagnostic) in &report.warnings {
        eprintln!("{}", diagnostic.display_for(&shown(path)));
    }
    for (path, skip) in &report.skipped {
        eprintln!("{}", skip.display_for(&shown(path)));
    }
    println!(
        "agentdex: {} files: {} agents ({} variant families), {} duplicates shown once, {} skipped, {} warnings; {} pages, {} files in {} ({:.2} s)",
        report.candidates,
        report.agents,
        report.families,
        report.duplicates,
        report.skipped.len(),
        report.warnings.len(),
        report.pages,
        report.files,
        options.out.display(),
        report.elapsed.as_secs_f64()
    );
}

/// Writes the fidelity report as JSON to `path`, or to standard output for `-`.
fn write_fidelity(path: &Path, report: &Report) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(&report.fidelity)?;
    if path == Path::new("-") {
        println!("{json}");
        return Ok(());
    }
    std::fs::write(path, json + "\n")
        .map_err(|e| anyhow::anyhow!("cannot write the report to {}: {e}", path.display()))
}

fn display_path(dir: &Path, relative: &str) -> String {
    dir.join(relative).display().to_string()
}
