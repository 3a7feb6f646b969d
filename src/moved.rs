//! Passages moved elsewhere in a translation. An aligner that keeps both texts in order
//! leaves a moved paragraph unaligned on both sides; when a run of unaligned source
//! sentences and a run of unaligned target sentences align well with each other, the pair is
//! most likely one passage put in another place, and the reviewer is told where to link it.

use std::ops::Range;

use crate::align::{AlignOptions, Alignment};
use crate::segment::Sentence;

/// At most this many runs of unaligned sentences per side are compared.
const MAX_RUNS: usize = 16;

/// Runs longer than this (a side translated in part) are not taken for a moved passage.
const MAX_RUN: usize = 500;

pub use crate::align::Moved;

/// One line per moved passage found: which source sentences match which target sentences,
/// both unaligned where they stand.
pub fn moved_passages(
    alignment: &Alignment,
    src: &[Sentence],
    tgt: &[Sentence],
    langs: (&str, &str),
    opts: &AlignOptions,
) -> Vec<String> {
    find(alignment, src, tgt, langs, opts)
        .iter()
        .map(Moved::warning)
        .collect()
}

/// The moved passages of an alignment.
pub fn find(
    alignment: &Alignment,
    src: &[Sentence],
    tgt: &[Sentence],
    langs: (&str, &str),
    opts: &AlignOptions,
) -> Vec<Moved> {
    let src_runs = runs(alignment, src, true);
    let tgt_runs = runs(alignment, tgt, false);
    let mut out = Vec::new();
    let mut used = vec![false; tgt_runs.len()];
    for s in src_runs.iter().take(MAX_RUNS) {
        for (k, t) in tgt_runs.iter().enumerate().take(MAX_RUNS) {
            if used[k] {
                continue;
            }
            let inner =
                crate::align::align_langs(&src[s.clone()], &tgt[t.clone()], langs.0, langs.1, opts);
            // Links a reviewer can trust (score 0.8 or more): a run aligned against another
            // always yields links, and the doubtful ones say nothing of a moved passage.
            let good: Vec<_> = inner
                .links
                .iter()
                .filter(|l| l.is_pair() && l.score >= crate::grade::GOOD)
                .collect();
            let matched = |side: fn(&crate::align::Link) -> &Range<usize>| -> usize {
                good.iter().map(|l| side(l).len()).sum()
            };
            let (ms, mt) = (matched(|l| &l.src), matched(|l| &l.tgt));
            let smaller = s.len().min(t.len());
            if good.len() < 2 || ms.min(mt) * 3 < smaller * 2 {
                continue;
            }
            let shift = |r: &Range<usize>, base: usize| base + r.start..base + r.end;
            let links: Vec<(Range<usize>, Range<usize>)> = good
                .iter()
                .map(|l| (shift(&l.src, s.start), shift(&l.tgt, t.start)))
                .collect();
            let span = |ranges: &mut dyn Iterator<Item = &Range<usize>>| {
                let (mut first, mut last) = (usize::MAX, 0);
                for r in ranges {
                    first = first.min(r.start);
                    last = last.max(r.end);
                }
                first.min(last)..last
            };
            out.push(Moved {
                src: span(&mut links.iter().map(|l| &l.0)),
                tgt: span(&mut links.iter().map(|l| &l.1)),
                links,
            });
            used[k] = true;
            break;
        }
    }
    out
}

/// Runs of two or more consecutive unaligned sentences of one side that are not all page
/// chrome, as sentence ranges.
fn runs(alignment: &Alignment, sents: &[Sentence], source: bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for l in &alignment.links {
        let (this, other) = if source {
            (&l.src, &l.tgt)
        } else {
            (&l.tgt, &l.src)
        };
        if other.is_empty() && !this.is_empty() {
            open = Some(match open.take() {
                Some(r) if r.end == this.start => r.start..this.end,
                Some(r) => {
                    out.push(r);
                    this.clone()
                }
                None => this.clone(),
            });
        } else if !this.is_empty() {
            out.extend(open.take());
        }
    }
    out.extend(open);
    out.retain(|r| (2..=MAX_RUN).contains(&r.len()) && sents[r.clone()].iter().any(|s| !s.noise));
    out
}
