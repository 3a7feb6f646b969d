//! Sentences left unaligned whose translation stands elsewhere, unaligned too. An alignment
//! that keeps both texts in order leaves a passage moved in the translation unaligned on
//! both sides; aligning each run of unaligned source sentences against each run of
//! unaligned target sentences finds it, and its links' scores say how sure that is.

use std::ops::Range;

use super::dp::Step;
use super::AlignOptions;
use crate::segment::Sentence;

/// A link found between two runs: its source and target sentences and its score.
type Found = (Range<usize>, Range<usize>, f32);

/// At most this many runs of unaligned sentences per side are compared.
const MAX_RUNS: usize = 16;

/// Runs longer than this (a side translated in part) are not compared.
const MAX_RUN: usize = 500;

/// For each source and each target sentence, the best score of a link it gets when the runs
/// of unaligned sentences are aligned against each other (0 for a sentence in a link, or
/// with no partner among the other side's unaligned sentences).
pub(super) fn elsewhere(
    src: &[Sentence],
    tgt: &[Sentence],
    steps: &[Step],
    langs: (&str, &str),
    opts: &AlignOptions,
) -> (Vec<f64>, Vec<f64>) {
    use rayon::prelude::*;
    let mut best_src = vec![0.0; src.len()];
    let mut best_tgt = vec![0.0; tgt.len()];
    let src_runs = runs(steps, src, true);
    let tgt_runs = runs(steps, tgt, false);
    let pairs: Vec<(&Range<usize>, &Range<usize>)> = src_runs
        .iter()
        .flat_map(|s| tgt_runs.iter().map(move |t| (s, t)))
        .collect();
    let found: Vec<Vec<Found>> = pairs
        .par_iter()
        .map(|(s, t)| {
            let (inner, _) =
                super::align_with(&src[(*s).clone()], &tgt[(*t).clone()], langs, opts, false);
            inner
                .links
                .into_iter()
                .filter(|l| l.is_pair())
                .map(|l| {
                    let at = |r: Range<usize>, base: usize| base + r.start..base + r.end;
                    (at(l.src, s.start), at(l.tgt, t.start), l.score)
                })
                .collect()
        })
        .collect();
    for (a, b, score) in found.into_iter().flatten() {
        for i in a {
            best_src[i] = f64::max(best_src[i], score as f64);
        }
        for j in b {
            best_tgt[j] = f64::max(best_tgt[j], score as f64);
        }
    }
    (best_src, best_tgt)
}

/// The runs of two or more consecutive unaligned sentences of one side that are not all page
/// noise, as sentence ranges: the first [`MAX_RUNS`], none longer than [`MAX_RUN`]. (Two
/// single sentences aligned against each other make a link whatever they say.)
fn runs(steps: &[Step], sents: &[Sentence], source: bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for st in steps {
        let (this, other) = if source {
            (st.i..st.i + st.shape.0, st.shape.1)
        } else {
            (st.j..st.j + st.shape.1, st.shape.0)
        };
        if other > 0 || this.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.end == this.start => r.end = this.end,
            _ => out.push(this),
        }
    }
    out.retain(|r| (2..=MAX_RUN).contains(&r.len()) && sents[r.clone()].iter().any(|s| !s.noise));
    out.truncate(MAX_RUNS);
    out
}
