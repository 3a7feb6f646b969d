//! What tests measure with: the strict F1 of alignments against gold links, and a seeded
//! random generator for input that is random but the same on every run.

use bitext::align::Alignment;
use bitext::eval::{format_links, parse_links, Counts, GoldLink};

/// The strict F1 of alignments against their gold links, counted as `bitext eval` counts it.
pub fn strict_f1(results: &[(Alignment, Vec<GoldLink>)]) -> f64 {
    let mut counts = Counts::default();
    for (alignment, gold) in results {
        let test = parse_links(&format_links(alignment)).unwrap();
        counts.add(gold, &test);
    }
    counts.scores().f1_strict
}

/// A seeded random generator (Knuth's MMIX linear congruential one): the same numbers for the
/// same seed on every machine.
pub struct Random(u64);

impl Random {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Random {
        Random(step(seed))
    }

    /// The next number.
    pub fn next(&mut self) -> usize {
        self.0 = step(self.0);
        (self.0 >> 33) as usize
    }
}

fn step(x: u64) -> u64 {
    x.wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
}
