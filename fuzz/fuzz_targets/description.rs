//! Fuzzes the description splitter: summary and `<example>` turns from any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let description = agentdex::read::agent::description::parse(text);
    for example in &description.examples {
        for turn in &example.turns {
            assert!(!turn.text.is_empty());
        }
    }
});
