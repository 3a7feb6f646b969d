//! A rough path through the pair from sparse strong anchors: numbers, names and cognates that
//! occur in at most two sentences of each side are looked up in an index (never all pairs),
//! and the heaviest chain of them that runs forward on both sides tells where the two
//! documents overlap. The banded search then runs around that chain, so a translation of a
//! part of the other document (a summary, a translation in progress, an extra section) is
//! aligned inside its part and the rest is left unaligned.

use std::collections::HashMap;

use super::anchors::{cognate, Anchors, Kind};

/// An anchor key that occurs in more sentences than this on either side is not used.
const RARE: usize = 2;

/// A pair of sentences sharing rare anchors, with the weight of what they share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Source sentence.
    pub i: usize,
    /// Target sentence.
    pub j: usize,
    /// Summed weight of the shared rare anchors.
    pub weight: f32,
}

/// The index key of an anchor: numbers by value, words by their first five folded letters
/// (a cognate shares its beginning), other kinds not used.
fn key(kind: Kind, key: u64, form: &str) -> Option<(u64, String)> {
    match kind {
        Kind::Number => Some((key, String::new())),
        Kind::Word => Some((0, form.chars().take(5).collect())),
        Kind::Dict => Some((key, String::new())),
        Kind::Punct => None,
    }
}

/// Sentences of one side holding each key, with the anchor's folded form.
type Postings = HashMap<(u64, String), Vec<(usize, Box<str>, Kind)>>;

fn postings(side: &[Anchors]) -> Postings {
    let mut map: Postings = HashMap::new();
    for (s, a) in side.iter().enumerate() {
        for x in &a.items {
            if let Some(k) = key(x.kind, x.key, &x.form) {
                let list = map.entry(k).or_default();
                if list.last().map(|l| l.0) != Some(s) {
                    list.push((s, x.form.clone(), x.kind));
                }
            }
        }
    }
    map
}

/// Sentence pairs sharing anchors that are rare on both sides, strongest evidence first in
/// weight: a number of two digits or more, a name or cognate of five letters or more.
pub fn candidates(src: &[Anchors], tgt: &[Anchors]) -> Vec<Point> {
    let ps = postings(src);
    let pt = postings(tgt);
    let mut acc: HashMap<(usize, usize), f32> = HashMap::new();
    for (k, ls) in &ps {
        if ls.len() > RARE {
            continue;
        }
        let Some(lt) = pt.get(k) else { continue };
        if lt.len() > RARE {
            continue;
        }
        for (i, fs, kind) in ls {
            for (j, ft, _) in lt {
                let w = match kind {
                    Kind::Word if fs.chars().count() < 5 => continue,
                    Kind::Word if !cognate(fs, ft) => continue,
                    _ => 1.0,
                };
                *acc.entry((*i, *j)).or_default() += w / (ls.len() * lt.len()) as f32;
            }
        }
    }
    let mut points: Vec<Point> = acc
        .into_iter()
        .filter(|&(_, w)| w >= 0.5)
        .map(|((i, j), weight)| Point { i, j, weight })
        .collect();
    points.sort_by_key(|p| (p.i, p.j));
    points
}

/// The heaviest chain of points strictly increasing on both sides (a weighted longest
/// increasing subsequence, in O(P log m) with a Fenwick tree of prefix maxima over targets).
pub fn chain(points: &[Point], m: usize) -> Vec<Point> {
    if points.is_empty() {
        return Vec::new();
    }
    // tree[j] holds (best chain weight ending at a target < j, index of its last point).
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); m + 2];
    let query = |tree: &[(f32, usize)], mut j: usize| {
        let mut best = (0.0f32, usize::MAX);
        while j > 0 {
            if tree[j].0 > best.0 {
                best = tree[j];
            }
            j &= j - 1;
        }
        best
    };
    let mut best: Vec<(f32, usize)> = Vec::with_capacity(points.len());
    let mut start = 0;
    while start < points.len() {
        let mut end = start;
        while end < points.len() && points[end].i == points[start].i {
            end += 1;
        }
        // All points of one source sentence read the tree before any of them is added, so
        // a chain never holds two points of the same sentence.
        for p in &points[start..end] {
            let (w, prev) = query(&tree, p.j);
            best.push((w + p.weight, prev));
        }
        for (k, p) in points.iter().enumerate().take(end).skip(start) {
            let mut j = p.j + 1;
            while j < tree.len() {
                if best[k].0 > tree[j].0 {
                    tree[j] = (best[k].0, k);
                }
                j += j & j.wrapping_neg();
            }
        }
        start = end;
    }
    let mut k = (0..points.len())
        .max_by(|&a, &b| best[a].0.total_cmp(&best[b].0).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut out = Vec::new();
    loop {
        out.push(points[k]);
        if best[k].1 == usize::MAX {
            break;
        }
        k = best[k].1;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: usize, j: usize, weight: f32) -> Point {
        Point { i, j, weight }
    }

    #[test]
    fn chain_skips_points_out_of_order() {
        let pts = [
            p(0, 0, 1.0),
            p(1, 9, 1.0),
            p(2, 2, 1.0),
            p(3, 3, 1.0),
            p(4, 1, 1.0),
        ];
        let c = chain(&pts, 10);
        assert_eq!(
            c.iter().map(|x| (x.i, x.j)).collect::<Vec<_>>(),
            [(0, 0), (2, 2), (3, 3)]
        );
    }

    #[test]
    fn chain_takes_one_point_per_sentence() {
        let pts = [p(0, 0, 1.0), p(0, 1, 1.0), p(1, 2, 1.0)];
        let c = chain(&pts, 3);
        assert_eq!(c.len(), 2);
        assert!(c[0].i < c[1].i && c[0].j < c[1].j);
    }
}
