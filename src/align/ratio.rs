//! The length ratio of a pair (target characters per source character): from the stretch the
//! anchor chain spans, from the clear links of a first pass.

use super::cost::Model;
use super::{dp, path};

/// The length ratio of the part of the documents that the anchor chain spans, when it spans
/// enough of both sides to tell (or, when a passage on one side only skews that span, the
/// length-weighted median ratio of the stretches between anchors); otherwise the median
/// ratio of the anchored sentence pairs (a part of a document does not share the whole's).
pub(super) fn chain_ratio(
    points: &[path::Point],
    s: &dp::SideInfo,
    t: &dp::SideInfo,
) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    let ls = s.chars_before(last.i + 1) - s.chars_before(first.i);
    let lt = t.chars_before(last.j + 1) - t.chars_before(first.j);
    if points.len() >= 3 && ls > 300.0 && lt > 300.0 {
        let span = lt / ls;
        // With enough anchors, each stretch between two of them has its own ratio; the
        // median weighed by length ignores a stretch that holds a passage present on one
        // side only, and replaces the span's ratio when that passage skews it.
        if points.len() >= 5 {
            let stretches = points.windows(2).map(|w| {
                let a = s.chars_before(w[1].i) - s.chars_before(w[0].i);
                let b = t.chars_before(w[1].j) - t.chars_before(w[0].j);
                (b / a.max(1.0), a)
            });
            if let Some(median) = weighted_median(stretches.filter(|&(_, a)| a > 0.0).collect()) {
                if !(0.8..1.25).contains(&(span / median)) {
                    return Some(median);
                }
            }
        }
        return Some(span);
    }
    let mut r: Vec<f64> = points
        .iter()
        .filter(|p| s.len[p.i] > 0.0 && t.len[p.j] > 0.0)
        .map(|p| t.len[p.j] / s.len[p.i])
        .collect();
    r.sort_by(f64::total_cmp);
    r.get(r.len() / 2).copied()
}

/// The value at which the weights of the smaller values reach half the total weight.
fn weighted_median(mut values: Vec<(f64, f64)>) -> Option<f64> {
    values.sort_by(|x, y| x.0.total_cmp(&y.0));
    let total: f64 = values.iter().map(|x| x.1).sum();
    let mut acc = 0.0;
    values.into_iter().find_map(|(value, weight)| {
        acc += weight;
        (acc >= total / 2.0).then_some(value)
    })
}

/// The length ratio seen in the clear 1-1 links of a first alignment.
pub(super) fn clear_links_ratio(
    steps: &[dp::Step],
    s: &dp::SideInfo,
    t: &dp::SideInfo,
    model: &Model,
) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = super::passes::clear_one_to_one(steps, model)
        .filter(|st| s.len[st.i] > 0.0)
        .map(|st| (s.len[st.i], t.len[st.j]))
        .collect();
    if pairs.len() < 8 {
        return None;
    }
    let (ls, lt): (f64, f64) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    Some(lt / ls)
}
