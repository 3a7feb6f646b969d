//! Scoring alignments against gold links: strict and lax precision, recall and F1, with the
//! definitions of the Text+Berg / Bleualign literature, summed over documents.

use std::collections::{BTreeSet, HashMap, HashSet};

pub mod scores;

pub use crate::tm::links::{format_links, parse_links, read_links, GoldLink};

/// Links that match and links that do not, strictly (the same link) and laxly (overlapping
/// on both sides).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Hits {
    /// Links found exactly.
    pub strict: usize,
    /// Links not found exactly.
    pub strict_missed: usize,
    /// Links that overlap a link of the other list on both sides.
    pub lax: usize,
    /// Links that overlap none.
    pub lax_missed: usize,
}

impl std::ops::AddAssign for Hits {
    fn add_assign(&mut self, o: Hits) {
        self.strict += o.strict;
        self.strict_missed += o.strict_missed;
        self.lax += o.lax;
        self.lax_missed += o.lax_missed;
    }
}

/// Summed hit and miss counts, from which the figures are computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Predicted links judged against the gold (precision).
    pub precision: Hits,
    /// Gold links with both sides non-empty judged against the prediction (recall).
    pub recall: Hits,
    /// Documents scored.
    pub files: usize,
}

/// Strict and lax precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Exact-link precision.
    pub precision_strict: f64,
    /// Exact-link recall.
    pub recall_strict: f64,
    /// Exact-link F1.
    pub f1_strict: f64,
    /// Overlap precision.
    pub precision_lax: f64,
    /// Overlap recall.
    pub recall_lax: f64,
    /// Overlap F1.
    pub f1_lax: f64,
    /// Documents scored.
    pub files: usize,
}

fn match_counts(reference: &[GoldLink], predicted: &[GoldLink]) -> Hits {
    let norm = |links: &[GoldLink]| -> BTreeSet<GoldLink> {
        links
            .iter()
            .filter(|(s, t)| !s.is_empty() || !t.is_empty())
            .cloned()
            .collect()
    };
    let reference = norm(reference);
    let mut src_to_tgt: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (s, t) in &reference {
        for i in s {
            src_to_tgt.entry(*i).or_default().extend(t.iter().copied());
        }
    }
    let mut c = Hits::default();
    for link in norm(predicted) {
        if reference.contains(&link) {
            c.strict += 1;
            c.lax += 1;
            continue;
        }
        c.strict_missed += 1;
        let (s, t) = &link;
        let reach = s.iter().any(|i| {
            src_to_tgt
                .get(i)
                .is_some_and(|set| t.iter().any(|j| set.contains(j)))
        });
        if reach {
            c.lax += 1;
        } else {
            c.lax_missed += 1;
        }
    }
    c
}

impl Counts {
    /// Adds one document's gold and predicted links.
    pub fn add(&mut self, gold: &[GoldLink], test: &[GoldLink]) {
        let p = match_counts(gold, test);
        let full = |links: &[GoldLink]| -> Vec<GoldLink> {
            links
                .iter()
                .filter(|(s, t)| !s.is_empty() && !t.is_empty())
                .cloned()
                .collect()
        };
        let r = match_counts(&full(test), &full(gold));
        self.precision += p;
        self.recall += r;
        self.files += 1;
    }

    /// The figures from the summed counts.
    pub fn scores(&self) -> Scores {
        let ratio = |a: usize, b: usize| {
            if a + b > 0 {
                a as f64 / (a + b) as f64
            } else {
                0.0
            }
        };
        let f1 = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (p, r) = (&self.precision, &self.recall);
        let (ps, pl, rs, rl) = (
            ratio(p.strict, p.strict_missed),
            ratio(p.lax, p.lax_missed),
            ratio(r.strict, r.strict_missed),
            ratio(r.lax, r.lax_missed),
        );
        Scores {
            precision_strict: ps,
            recall_strict: rs,
            f1_strict: f1(ps, rs),
            precision_lax: pl,
            recall_lax: rl,
            f1_lax: f1(pl, rl),
            files: self.files,
        }
    }
}
