//! The passes of the aligner before the final search: the first pass along the chain of rare
//! shared anchors, the prices of sides covered only in part, and what the second pass takes
//! from the first (the band around its path, its clear links).

use super::cost::Model;
use super::{dp, path};

/// The clear 1-1 links of a pass: cheaper than leaving their two sentences unaligned. They
/// teach the second pass its length ratio and its lexicon.
pub(super) fn clear_one_to_one<'a>(
    steps: &'a [dp::Step],
    model: &'a Model,
) -> impl Iterator<Item = &'a dp::Step> {
    steps
        .iter()
        .filter(|st| st.shape == (1, 1) && st.cost < model.skip)
}

/// The first and last target position a path takes in each row (it leaves the row at the
/// last): a run of target sentences left unaligned spans a row.
pub(super) fn path_reach(steps: &[dp::Step], n: usize, m: usize) -> Vec<(f64, f64)> {
    let mut reach = vec![(f64::INFINITY, f64::NEG_INFINITY); n + 1];
    for st in steps {
        for k in 0..=st.shape.0 {
            let j = (st.j + st.shape.1.min(k)) as f64;
            reach[st.i + k] = (reach[st.i + k].0.min(j), reach[st.i + k].1.max(j));
        }
    }
    reach[n] = (reach[n].0.min(m as f64), m as f64);
    reach
}

/// Prices the runs of unaligned sentences of a side that the first path `steps` shows covered
/// only in part (see [`Model::estimate_runs`]); a part that begins further into that side
/// shows it in the first shared rare anchor (`first`), three sentences or more in, and a run
/// before the first link then opens at the run price. True when a price changed.
pub(super) fn price_partial_sides(
    model: &mut Model,
    steps: &[dp::Step],
    s: &dp::SideInfo,
    t: &dp::SideInfo,
    first: Option<&path::Point>,
) -> bool {
    let (skipped, runs) = skip_runs(steps, s, t);
    let before = model.skip_run;
    model.estimate_runs(skipped, runs, [s.len.len(), t.len.len()]);
    let partial = [0, 1].map(|side| model.skip_run[side] < before[side]);
    if let Some(p) = first {
        model.open_start = [partial[0] && p.i >= 3, partial[1] && p.j >= 3];
    }
    partial.contains(&true)
}

/// The sentences left unaligned on each side (source, target), page noise not counted, and
/// the runs they form.
fn skip_runs(steps: &[dp::Step], s: &dp::SideInfo, t: &dp::SideInfo) -> ([usize; 2], [usize; 2]) {
    let mut skipped = [0; 2];
    let mut runs = [0; 2];
    let mut last: Option<usize> = None;
    for st in steps {
        let side = match st.shape {
            (1, 0) if !s.noise[st.i] => Some(0),
            (0, 1) if !t.noise[st.j] => Some(1),
            _ => None,
        };
        if let Some(side) = side {
            skipped[side] += 1;
            if last != Some(side) {
                runs[side] += 1;
            }
        }
        last = side;
    }
    (skipped, runs)
}

/// The first pass: a band around the rough path that the chain of rare shared anchors draws.
/// Between two anchors the band covers both the path that continues from the first at the
/// expected length ratio and the one that arrives at the second, so a passage left out on
/// either side between them stays inside; before the first anchor and after the last, the
/// path may also run from or to the documents' ends. Without anchors the band follows the
/// path on which both sides have used up the same share of their characters.
pub(super) fn first_pass(
    model: &Model,
    s: &dp::SideInfo,
    t: &dp::SideInfo,
    points: &[path::Point],
    m: usize,
) -> Vec<dp::Step> {
    let n = s.len.len();
    let ratio = model.ratio;
    let share = if s.chars_before(n) > 0.0 {
        t.chars_before(m) / s.chars_before(n)
    } else {
        1.0
    };
    let at = |chars: f64| -> f64 {
        if chars <= 0.0 {
            0.0
        } else {
            t.position_at(chars) as f64
        }
    };
    let rough = |i: usize| -> (f64, f64) {
        if points.is_empty() {
            let d = at(s.chars_before(i) * share);
            return (d, d);
        }
        let k = points.partition_point(|p| p.i < i);
        let here = s.chars_before(i);
        let fwd = match k.checked_sub(1).map(|k| points[k]) {
            Some(p) => at(t.chars_before(p.j + 1) + (here - s.chars_before(p.i + 1)) * ratio),
            None => at(here * ratio),
        };
        let back = match points.get(k) {
            Some(p) => at(t.chars_before(p.j) - (s.chars_before(p.i) - here) * ratio),
            None => at(t.chars_before(m) - (s.chars_before(n) - here) * ratio),
        };
        // Lengths drift from the expected ratio like a random walk: the further the nearest
        // anchor, the wider the path may stray, by about the square root of the distance.
        let near = [
            k.checked_sub(1).map(|k| points[k].i),
            points.get(k).map(|p| p.i),
        ];
        let distance = near
            .iter()
            .flatten()
            .map(|&a| a.abs_diff(i))
            .min()
            .unwrap_or(0);
        let slack = (distance as f64).sqrt();
        (fwd.min(back) - slack, fwd.max(back) + slack)
    };
    let width = if points.is_empty() {
        super::cost::FIRST_BAND_BARE
    } else {
        super::cost::FIRST_BAND
    };
    dp::search(model, s, t, &rough, width).steps
}
