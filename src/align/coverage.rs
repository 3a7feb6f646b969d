//! Warnings about links that cover only a part of one side.

use super::Alignment;

/// Warnings when the links cover only a part of one side: "the source covers about 35% of
/// the target: sentences 0–120 of 310" (indices from 0, as in the links).
///
/// ```
/// use bitext::align::{coverage, Alignment, Link};
/// let mut links = vec![Link { src: 0..1, tgt: 0..1, score: 0.9 }, Link { src: 1..2, tgt: 1..2, score: 0.9 }];
/// links.extend((2..10).map(|j| Link { src: 2..2, tgt: j..j + 1, score: 0.0 }));
/// let w = coverage(&Alignment { links }, 2, 10);
/// assert_eq!(w, ["the source covers about 20% of the target: sentences 0–1 of 10"]);
/// ```
pub fn coverage(alignment: &Alignment, n: usize, m: usize) -> Vec<String> {
    let pairs = || alignment.links.iter().filter(|l| l.is_pair());
    let (Some(first), Some(last)) = (pairs().next(), pairs().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (covered, total, this, other) in [
        (first.tgt.start..last.tgt.end, m, "source", "target"),
        (first.src.start..last.src.end, n, "target", "source"),
    ] {
        let share = covered.len() as f64 / total.max(1) as f64;
        if total >= 8 && share < 0.7 {
            out.push(format!(
                "the {this} covers about {:.0}% of the {other}: sentences {}–{} of {total}",
                share * 100.0,
                covered.start,
                covered.end - 1
            ));
        }
    }
    out
}
