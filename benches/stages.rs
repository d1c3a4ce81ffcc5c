//! Benchmarks of the per-agent stages (parse, model, render) on the reference agents in
//! `agents/`, and of the family grouping of a 10,000-agent catalogue: `cargo bench`.

use std::hint::black_box;
use std::path::Path;

use agentdex::catalog::Catalog;
use agentdex::read::agent::Agent;
use agentdex::site::render::{self, SiteInfo, Templates};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

/// The reference agents: (path relative to `agents/`, file bytes).
fn reference_files() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agents");
    agentdex::read::discover::candidates(&dir)
        .candidates
        .into_iter()
        .map(|c| {
            let raw = std::fs::read(&c.path).expect("the reference agents are readable");
            (c.relative, raw)
        })
        .collect()
}

fn reference_agents() -> Vec<Agent> {
    reference_files()
        .into_iter()
        .map(|(path, raw)| Agent::read(&path, raw).expect("a reference agent reads"))
        .collect()
}

/// `count` agents made from the reference agents the way the benchmark corpus is: copy `k`
/// of a file gets `-k` on its name and file name, so names repeat only across families.
fn scaled_agents(count: usize) -> Vec<Agent> {
    let seeds = reference_agents();
    (0..count)
        .map(|i| {
            let mut agent = seeds[i % seeds.len()].clone();
            let copy = i / seeds.len();
            if copy > 0 {
                agent.name = format!("{}-{copy}", agent.name);
                agent.path = agent.path.replace(".md", &format!("-{copy}.md"));
            }
            agent
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let files = reference_files();
    let text: Vec<String> = files
        .iter()
        .map(|(_, raw)| String::from_utf8_lossy(raw).into_owned())
        .collect();
    c.bench_function("parse: frontmatter of each reference agent", |b| {
        b.iter(|| {
            for t in &text {
                black_box(agentdex::read::frontmatter::parse(black_box(t)).is_ok());
            }
        })
    });
    c.bench_function("model: Agent::read of each reference agent", |b| {
        b.iter_batched(
            || files.clone(),
            |files| {
                for (path, raw) in files {
                    black_box(Agent::read(&path, raw).is_ok());
                }
            },
            BatchSize::SmallInput,
        )
    });

    let catalog = Catalog::new(reference_agents());
    let templates = Templates::load(None).expect("the default templates compile");
    let info = SiteInfo {
        title: "Bench".to_string(),
        ..SiteInfo::default()
    };
    c.bench_function("render: safe HTML of each reference agent", |b| {
        b.iter(|| {
            for entry in &catalog.entries {
                black_box(entry.agent.html());
            }
        })
    });
    let raws: Vec<Vec<u8>> = catalog
        .entries
        .iter()
        .map(|e| e.agent.source.read().expect("the file reads"))
        .collect();
    c.bench_function("render: the page of each reference agent", |b| {
        b.iter(|| {
            for (entry, raw) in catalog.entries.iter().zip(&raws) {
                let page = render::agent_page(&templates, &info, &catalog, entry, raw);
                black_box(page.expect("the page renders"));
            }
        })
    });
}

fn families(c: &mut Criterion) {
    let agents = scaled_agents(10_000);
    let mut group = c.benchmark_group("catalog");
    group.sample_size(20);
    group.bench_function("slugs and families of 10,000 agents", |b| {
        b.iter_batched(
            || agents.clone(),
            |agents| black_box(Catalog::new(agents).families.len()),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, stages, families);
criterion_main!(benches);
