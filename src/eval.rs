//! Scoring alignments against gold links: strict and lax precision, recall and F1, with the
//! definitions of the Text+Berg / Bleualign literature, summed over documents.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::align::Alignment;
use crate::error::{Error, Result};

/// A link as sets of sentence indices: `[1, 2]:[1]`.
pub type GoldLink = (Vec<usize>, Vec<usize>);

/// Parses link lines (`[0]:[0]`, `[1, 2]:[1]`, `[]:[3]`); blank lines are skipped.
///
/// ```
/// let links = bitext::eval::parse_links("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n").unwrap();
/// assert_eq!(links[1], (vec![1, 2], vec![1]));
/// ```
pub fn parse_links(text: &str) -> std::result::Result<Vec<GoldLink>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || format!("line {}: not a link line: {:?}", n + 1, line.trim_end());
        let (a, b) = line.split_once(':').ok_or_else(bad)?;
        let side = |s: &str| -> std::result::Result<Vec<usize>, String> {
            let s = s.trim();
            let inner = s
                .strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .ok_or_else(bad)?;
            inner
                .split(',')
                .filter(|x| !x.trim().is_empty())
                .map(|x| x.trim().parse::<usize>().map_err(|_| bad()))
                .collect()
        };
        out.push((side(a)?, side(b)?));
    }
    Ok(out)
}

/// Reads a link file.
pub fn read_links(path: &Path) -> Result<Vec<GoldLink>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    parse_links(&text).map_err(|c| Error::new(path, c))
}

/// Formats an alignment in the link format, one link per line.
pub fn format_links(alignment: &Alignment) -> String {
    let mut out = String::new();
    for l in &alignment.links {
        let side = |r: &std::ops::Range<usize>| {
            r.clone()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!("[{}]:[{}]\n", side(&l.src), side(&l.tgt)));
    }
    out
}

/// Summed hit and miss counts, from which the figures are computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Strict hits, strict misses, lax hits, lax misses over predicted links (precision).
    pub precision: [usize; 4],
    /// The same over gold links with both sides non-empty (recall).
    pub recall: [usize; 4],
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

fn match_counts(reference: &[GoldLink], predicted: &[GoldLink]) -> [usize; 4] {
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
    let mut c = [0usize; 4];
    for link in norm(predicted) {
        if reference.contains(&link) {
            c[0] += 1;
            c[2] += 1;
            continue;
        }
        c[1] += 1;
        let (s, t) = &link;
        let reach = s.iter().any(|i| {
            src_to_tgt
                .get(i)
                .is_some_and(|set| t.iter().any(|j| set.contains(j)))
        });
        if reach {
            c[2] += 1;
        } else {
            c[3] += 1;
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
        for k in 0..4 {
            self.precision[k] += p[k];
            self.recall[k] += r[k];
        }
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
            ratio(p[0], p[1]),
            ratio(p[2], p[3]),
            ratio(r[0], r[1]),
            ratio(r[2], r[3]),
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
