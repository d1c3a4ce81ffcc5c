//! Benchmark of `agentdex serve`'s rebuild after one agent file changes, in a 1,000-agent
//! project, against a full build of the same project measured in the same run: `cargo bench
//! --bench serve`.

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use agentdex::config::Flags;
use agentdex::pages::Project;
use agentdex::serve::{Change, MemorySite, Rebuilt, Session, Shared};
use criterion::{Criterion, criterion_group, criterion_main};

const AGENTS: usize = 1_000;

/// Writes `AGENTS` agents made by the shared `gen-corpus` tool from the public collections, so
/// that families and relatives are those of real files.
fn write_project(dir: &Path) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let status = Command::new(shared.join("tools/bench/gen-corpus"))
        .arg("--out")
        .arg(dir.join("agents"))
        .args(["--count", &AGENTS.to_string()])
        .arg(shared.join("corpora"))
        .arg(shared.join("seeds"))
        .stdout(Stdio::null())
        .status()
        .expect("../shared/tools/bench/gen-corpus runs");
    assert!(status.success(), "gen-corpus failed");
}

fn flags(dir: &Path) -> Flags {
    Flags {
        config: dir.join("catalog.toml"),
        agents: Some(dir.join("agents")),
        templates: dir.join("templates"),
        static_dir: dir.join("static"),
        ..Flags::default()
    }
}

fn rebuild(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    write_project(dir.path());
    let mut group = c.benchmark_group("serve, 1,000 agents");
    group.sample_size(10);

    group.bench_function("full build (reference)", |b| {
        let options = flags(dir.path()).build_options().expect("options");
        b.iter(|| {
            let project = Project::load(&options).expect("loads");
            let site = MemorySite::default();
            black_box(project.write_all(&site).expect("writes"))
        })
    });

    let mut session = Session::start(flags(dir.path()), Arc::new(Shared::default()));
    // An agent whose summary is edited: one that reads strictly, so the edit is a plain one.
    let relative = "ai-specialists/prompt-engineer.md";
    let file = dir.path().join("agents").join(relative);
    let original = std::fs::read_to_string(&file).expect("an agent");
    let edited = original.replacen("\ndescription: \"", "\ndescription: \"Edited. ", 1);
    assert_ne!(edited, original, "the edit changes the file");
    let changes = [Change::Agent(relative.to_string())].into();
    let mut flip = false;
    group.bench_function("rebuild after one file changes", |b| {
        b.iter(|| {
            flip = !flip;
            std::fs::write(&file, if flip { &edited } else { &original }).expect("edit");
            let rebuilt = session.rebuild(&changes);
            assert!(matches!(rebuilt, Rebuilt::Partial(_)), "{rebuilt:?}");
        })
    });
    group.finish();
}

criterion_group!(benches, rebuild);
criterion_main!(benches);
