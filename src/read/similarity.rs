//! Similarity: how much wording two agents share.
//!
//! Each agent's text becomes the set of its word 5-grams ("shingles"); the share of shingles two
//! agents have in common (Jaccard similarity) is estimated from 64-value MinHash signatures.
//! Locality-sensitive hashing (16 bands of 4 values) finds the pairs worth scoring: two agents
//! land in a common bucket with probability 1 − (1 − s⁴)¹⁶, about 0.64 at s = 0.5, 0.89 at 0.6
//! and 0.99 at 0.7, and almost never below 0.2. Work is linear in the number of agents plus the
//! candidate pairs; an oversized bucket (boilerplate shared by many files) is not expanded.

use std::collections::HashMap;

/// Words per shingle: long enough that a shared shingle means shared phrasing, not shared topic.
pub const SHINGLE_WORDS: usize = 5;
const SIGNATURE_LEN: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = SIGNATURE_LEN / BANDS;
/// Buckets larger than this are skipped: pairing inside them would be quadratic.
const MAX_BUCKET: usize = 64;

/// A MinHash signature of an agent's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(Box<[u64; SIGNATURE_LEN]>);

/// SplitMix64: a fast, well-mixed, deterministic 64-bit hash step.
const fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a over a word: stable across runs and platforms, unlike the std hasher's seeds.
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01B3)
    })
}

/// The hashes of every word 5-gram of `text` (lower-cased words of letters and digits). A text
/// shorter than five words is one shingle.
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    words
        .windows(SHINGLE_WORDS.min(words.len()))
        .map(|window| window.iter().fold(0, |acc, &w| mix(acc ^ w)))
        .collect()
}

impl Signature {
    pub fn of_text(text: &str) -> Signature {
        Signature::of_shingles(&shingles(text))
    }

    fn of_shingles(shingles: &[u64]) -> Signature {
        #[cfg(target_arch = "x86_64")]
        if has_avx512() {
            // SAFETY: the CPU was just checked for the features `minimums_avx512` is built for.
            return Signature(unsafe { minimums_avx512(shingles) });
        }
        Signature(minimums(shingles))
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, from 0 to 1.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let equal = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        equal as f64 / SIGNATURE_LEN as f64
    }

    fn is_empty(&self) -> bool {
        self.0[0] == u64::MAX
    }

    fn band_key(&self, band: usize) -> u64 {
        self.0[band * ROWS..(band + 1) * ROWS]
            .iter()
            .fold(band as u64, |acc, &v| mix(acc ^ v))
    }
}

/// The signature's values: for each position, the least of its permutation of the shingles.
#[inline(always)]
fn minimums(shingles: &[u64]) -> Box<[u64; SIGNATURE_LEN]> {
    let mut minimums = Box::new([u64::MAX; SIGNATURE_LEN]);
    for &shingle in shingles {
        // Shingles are already well mixed: one multiply-add per position is a different
        // permutation each (the multipliers are odd), at a fraction of a full mix's cost.
        for ((minimum, &multiplier), &addend) in minimums.iter_mut().zip(&MULTIPLIERS).zip(&SEEDS) {
            let value = shingle.wrapping_mul(multiplier).wrapping_add(addend);
            *minimum = (*minimum).min(value);
        }
    }
    minimums
}

/// [`minimums`] compiled for AVX-512, whose 64-bit vector multiply and minimum do eight
/// positions at once (the values are the same; without it the loop runs one position at a time).
/// Whether this CPU has every feature [`minimums_avx512`] is compiled for.
#[cfg(target_arch = "x86_64")]
fn has_avx512() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn minimums_avx512(shingles: &[u64]) -> Box<[u64; SIGNATURE_LEN]> {
    minimums(shingles)
}

/// One seed per signature position, derived deterministically.
static SEEDS: [u64; SIGNATURE_LEN] = {
    let mut seeds = [0u64; SIGNATURE_LEN];
    let mut i = 0;
    while i < SIGNATURE_LEN {
        seeds[i] = mix(0x5EED_A6E7_D0C5_0000 ^ i as u64);
        i += 1;
    }
    seeds
};

/// One odd multiplier per signature position.
static MULTIPLIERS: [u64; SIGNATURE_LEN] = {
    let mut multipliers = [0u64; SIGNATURE_LEN];
    let mut i = 0;
    while i < SIGNATURE_LEN {
        multipliers[i] = mix(0x0DD_A6E7_D0C5_0000 ^ i as u64) | 1;
        i += 1;
    }
    multipliers
};

/// Pairs `(i, j)`, `i < j`, that share at least one LSH bucket: the only pairs worth scoring.
/// Sorted and without repeats.
pub fn candidate_pairs(signatures: &[Signature]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (index, signature) in signatures.iter().enumerate() {
            if !signature.is_empty() {
                buckets
                    .entry(signature.band_key(band))
                    .or_default()
                    .push(index);
            }
        }
        for members in buckets
            .values()
            .filter(|m| (2..=MAX_BUCKET).contains(&m.len()))
        {
            for (k, &a) in members.iter().enumerate() {
                pairs.extend(members[k + 1..].iter().map(|&b| (a.min(b), a.max(b))));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx512_signature_is_the_portable_one() {
        if !has_avx512() {
            return;
        }
        let shingles = shingles(&TEXT.repeat(7));
        // SAFETY: the CPU was just checked for AVX-512.
        let fast = unsafe { minimums_avx512(&shingles) };
        assert_eq!(fast, minimums(&shingles));
        assert!(fast.iter().all(|&m| m != u64::MAX));
    }

    const TEXT: &str = "You are a backend engineer who designs reliable APIs, writes careful \
        database migrations, reviews authentication flows and keeps services observable with \
        metrics, logs and traces for every request that reaches production systems.";

    #[test]
    fn identical_texts_are_fully_similar_and_unrelated_ones_not() {
        let a = Signature::of_text(TEXT);
        assert_eq!(a.similarity(&Signature::of_text(TEXT)), 1.0);
        let b = Signature::of_text(
            "Paint watercolour landscapes with soft washes, layered glazes and bold brushwork \
             for a gallery show next spring in a small coastal town.",
        );
        assert!(a.similarity(&b) < 0.1, "{}", a.similarity(&b));
        assert_eq!(a.similarity(&Signature::of_text("")), 0.0);
    }

    #[test]
    fn estimates_track_the_share_of_common_shingles() {
        let edited = TEXT.replace("reviews authentication flows", "audits login code");
        let a = Signature::of_text(TEXT);
        let b = Signature::of_text(&edited);
        // 28 of the original shingles; the edit changes 7 of them and adds 6.
        let exact = {
            let sa: std::collections::HashSet<u64> = shingles(TEXT).into_iter().collect();
            let sb: std::collections::HashSet<u64> = shingles(&edited).into_iter().collect();
            sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64
        };
        assert!(
            (a.similarity(&b) - exact).abs() < 0.2,
            "{} vs {exact}",
            a.similarity(&b)
        );
    }

    #[test]
    fn lsh_pairs_near_duplicates_only() {
        let near = TEXT.replace("production systems", "production");
        let signatures = vec![
            Signature::of_text(TEXT),
            Signature::of_text("An unrelated agent that writes poems about the sea and the wind."),
            Signature::of_text(&near),
        ];
        assert_eq!(candidate_pairs(&signatures), vec![(0, 2)]);
    }

    #[test]
    fn short_texts_still_have_a_shingle() {
        assert_eq!(shingles("two words").len(), 1);
        assert!(shingles("  ...  ").is_empty());
    }
}
