//! Benchmark of `agentdex serve`'s rebuild after one agent file changes, in a 1,000-agent
//! project, against a full build of the same project measured in the same run: `cargo bench
//! --bench serve`.

use std::hint::black_box;
use std::sync::Arc;

use agentdex::commands::serve::{Change, Rebuilt, Session, Shared};
use agentdex::site::output::MemorySite;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/mod.rs"]
mod common;
use common::{generate_corpus, project_flags};

const AGENTS: usize = 1_000;

fn rebuild(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    generate_corpus(&dir.path().join("agents"), AGENTS);
    let mut group = c.benchmark_group("serve, 1,000 agents");
    group.sample_size(10);

    group.bench_function("full build (reference)", |b| {
        let options = project_flags(dir.path()).build_options().expect("options");
        b.iter(|| {
            let project = agentdex::load_project(&options).expect("loads");
            let site = MemorySite::default();
            black_box(project.write_all(&site).expect("writes"))
        })
    });

    let mut session = Session::start(project_flags(dir.path()), Arc::new(Shared::default()));
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
