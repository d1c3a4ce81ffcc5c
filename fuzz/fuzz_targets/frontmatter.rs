//! Fuzzes the frontmatter reader and the whole agent model built on it: any bytes must read
//! without a panic, and the agent must account for every byte of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = agentdex::read::frontmatter::parse(text);
    }
    if let Ok(agent) = agentdex::read::agent::Agent::read("fuzz.md", data.to_vec()) {
        assert_eq!(agent.source.len, data.len());
    }
});
