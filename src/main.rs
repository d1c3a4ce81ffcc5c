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
        } => {
            let options = BuildOptions {
                agents,
                out,
                templates: Some(templates),
                static_dir: Some(static_dir),
                base_url,
                title,
                // Comes from the site configuration once there is one.
                repository_url: None,
            };
            match agentdex::build(&options) {
                Ok(report) => {
                    print_report(&options, &report);
                    ExitCode::SUCCESS
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
        "agentdex: {} files: {} agents ({} variant families), {} skipped, {} warnings; {} pages, {} files in {} ({:.2} s)",
        report.candidates,
        report.agents,
        report.families,
        report.skipped.len(),
        report.warnings.len(),
        report.pages,
        report.files,
        options.out.display(),
        report.elapsed.as_secs_f64()
    );
}

fn display_path(dir: &Path, relative: &str) -> String {
    dir.join(relative).display().to_string()
}
