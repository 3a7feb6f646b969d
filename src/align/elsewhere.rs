//! Sentences left unaligned whose translation stands elsewhere, unaligned too. An alignment
//! that keeps both texts in order leaves a passage moved in the translation unaligned on
//! both sides; aligning each run of unaligned source sentences against each run of
//! unaligned target sentences finds it, and its links' scores say how sure that is. The
//! row scores read it here, and `crate::moved` names the passages for the reviewer.

use std::ops::Range;

use super::{AlignOptions, Link};
use crate::segment::Sentence;

/// At most this many runs of unaligned sentences per side are compared.
const MAX_RUNS: usize = 16;

/// Runs longer than this (a side translated in part) are not compared.
const MAX_RUN: usize = 500;

/// A run of unaligned source sentences aligned against a run of unaligned target sentences.
#[derive(Debug, Clone)]
pub struct RunPair {
    /// The source run.
    pub src: Range<usize>,
    /// The target run.
    pub tgt: Range<usize>,
    /// The links with sentences on both sides found between them, as sentence ranges of
    /// the whole documents, with their scores.
    pub links: Vec<Link>,
}

/// Each run of two or more unaligned source sentences aligned against each such run of
/// target sentences (the first 16 of each side, none longer than 500 sentences), side by
/// side; source runs in order, and for each the target runs in order. `rows` are the rows
/// of the alignment, as the sentences each takes of the source and of the target.
pub fn run_pairs(
    src: &[Sentence],
    tgt: &[Sentence],
    rows: &[(Range<usize>, Range<usize>)],
    langs: (&str, &str),
    opts: &AlignOptions,
) -> Vec<RunPair> {
    use rayon::prelude::*;
    let src_runs = runs(rows, src, true);
    let tgt_runs = runs(rows, tgt, false);
    let pairs: Vec<(&Range<usize>, &Range<usize>)> = src_runs
        .iter()
        .flat_map(|s| tgt_runs.iter().map(move |t| (s, t)))
        .collect();
    pairs
        .par_iter()
        .map(|&(s, t)| {
            let (inner, _, _) =
                super::align_with(&src[s.clone()], &tgt[t.clone()], langs, opts, false);
            let at = |r: &Range<usize>, base: usize| base + r.start..base + r.end;
            RunPair {
                src: s.clone(),
                tgt: t.clone(),
                links: inner
                    .links
                    .iter()
                    .filter(|l| l.is_pair())
                    .map(|l| Link {
                        src: at(&l.src, s.start),
                        tgt: at(&l.tgt, t.start),
                        score: l.score,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// For each source and each target sentence, the best score of a link it gets in `runs` (the
/// runs of unaligned sentences aligned against each other): 0 for a sentence in a link, or
/// with no partner among the other side's unaligned sentences.
pub(super) fn best_scores(runs: &[RunPair], n: usize, m: usize) -> (Vec<f64>, Vec<f64>) {
    let mut best_src = vec![0.0; n];
    let mut best_tgt = vec![0.0; m];
    for l in runs.iter().flat_map(|p| &p.links) {
        for i in l.src.clone() {
            best_src[i] = f64::max(best_src[i], l.score as f64);
        }
        for j in l.tgt.clone() {
            best_tgt[j] = f64::max(best_tgt[j], l.score as f64);
        }
    }
    (best_src, best_tgt)
}

/// The runs of two or more consecutive unaligned sentences of one side that are not all page
/// noise, as sentence ranges: the first [`MAX_RUNS`], none longer than [`MAX_RUN`]. (Two
/// single sentences aligned against each other make a link whatever they say.)
fn runs(
    rows: &[(Range<usize>, Range<usize>)],
    sents: &[Sentence],
    source: bool,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (s, t) in rows {
        let (this, other) = if source { (s, t) } else { (t, s) };
        if !other.is_empty() || this.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.end == this.start => r.end = this.end,
            _ => out.push(this.clone()),
        }
    }
    out.retain(|r| (2..=MAX_RUN).contains(&r.len()) && sents[r.clone()].iter().any(|s| !s.noise));
    out.truncate(MAX_RUNS);
    out
}
