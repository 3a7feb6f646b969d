//! Passages moved elsewhere in a translation. An aligner that keeps both texts in order
//! leaves a moved paragraph unaligned on both sides; when a run of unaligned source
//! sentences and a run of unaligned target sentences align well with each other, the pair is
//! most likely one passage put in another place, and the reviewer is told where to link it.

use std::ops::Range;

use crate::align::{Link, RunPair};

pub use crate::align::Moved;

/// The moved passages among the runs of unaligned sentences aligned against each other (see
/// [`crate::align::align_with_runs`]): for each source run, the first target run not yet
/// taken whose links with it score well (0.8 or more) for two thirds of the shorter run, two
/// links at least.
pub fn find(pairs: &[RunPair]) -> Vec<Moved> {
    let mut out = Vec::new();
    let mut used: Vec<Range<usize>> = Vec::new();
    let mut done: Option<Range<usize>> = None;
    for p in pairs {
        if done.as_ref() == Some(&p.src) || used.contains(&p.tgt) {
            continue;
        }
        // Links a reviewer can trust: a run aligned against another always yields links,
        // and the doubtful ones say nothing of a moved passage.
        let good: Vec<&Link> = p
            .links
            .iter()
            .filter(|l| l.score >= crate::grade::GOOD)
            .collect();
        let matched = |side: fn(&Link) -> &Range<usize>| -> usize {
            good.iter().map(|l| side(l).len()).sum()
        };
        let (ms, mt) = (matched(|l| &l.src), matched(|l| &l.tgt));
        let smaller = p.src.len().min(p.tgt.len());
        if good.len() < 2 || ms.min(mt) * 3 < smaller * 2 {
            continue;
        }
        let links: Vec<(Range<usize>, Range<usize>)> = good
            .iter()
            .map(|l| (l.src.clone(), l.tgt.clone()))
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
        used.push(p.tgt.clone());
        done = Some(p.src.clone());
    }
    out
}
