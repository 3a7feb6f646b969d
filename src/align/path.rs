//! A rough path through the pair from sparse strong anchors: numbers, names and cognates that
//! occur in at most two sentences of each side are looked up in an index (never all pairs),
//! and the heaviest chain of them that runs forward on both sides tells where the two
//! documents overlap. The banded search then runs around that chain, so a translation of a
//! part of the other document (a summary, a translation in progress, an extra section) is
//! aligned inside its part and the rest is left unaligned.

use rustc_hash::FxHashMap as HashMap;

use super::anchors::{cognate, Anchors, Kind};

/// An anchor key that occurs in at most this many sentences of each side pairs every
/// occurrence with every other.
const RARE: usize = 2;

/// A key that occurs in the same number of sentences on both sides, up to this many, pairs
/// its occurrences in order (the first with the first, and so on): a name that recurs
/// through a document and its translation marks the same places in both.
const ORDINAL: usize = 64;

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
/// (a cognate shares its beginning), dictionary pairs by pair; punctuation is not used.
fn key(kind: Kind, key: u64, form: &str) -> Option<u64> {
    match kind {
        Kind::Number | Kind::Dict => Some(key),
        Kind::Word => {
            let prefix: String = form.chars().take(5).collect();
            Some(super::anchors::hash(&prefix) | 1 << 63)
        }
        Kind::Punct => None,
    }
}

/// The sentences of one side holding each rare key, with the anchor's place in the sentence.
fn postings(side: &[Anchors]) -> HashMap<u64, Vec<(u32, u32)>> {
    let mut df: HashMap<u64, u32> = HashMap::default();
    for a in side {
        let mut last = None;
        for x in &a.items {
            if let Some(k) = key(x.kind, x.key, x.form()) {
                if last != Some(k) {
                    *df.entry(k).or_default() += 1;
                }
                last = Some(k);
            }
        }
    }
    df.retain(|_, n| *n as usize <= ORDINAL);
    let mut map: HashMap<u64, Vec<(u32, u32)>> = HashMap::default();
    for (s, a) in side.iter().enumerate() {
        for (x, item) in a.items.iter().enumerate() {
            if let Some(k) = key(item.kind, item.key, item.form()).filter(|k| df.contains_key(k)) {
                let list = map.entry(k).or_default();
                if list.last().map(|l| l.0) != Some(s as u32) {
                    list.push((s as u32, x as u32));
                }
            }
        }
    }
    map
}

/// Sentence pairs sharing anchors that are rare on both sides (numbers, names and cognates
/// of five letters or more, dictionary pairs), weighed by how rare the shared anchors are.
pub fn candidates(src: &[Anchors], tgt: &[Anchors]) -> Vec<Point> {
    let (ps, pt) = rayon::join(|| postings(src), || postings(tgt));
    let mut acc: HashMap<(usize, usize), f32> = HashMap::default();
    let mut add = |(i, xi): (u32, u32), (j, xj): (u32, u32), weight: f32| {
        let (a, b) = (
            &src[i as usize].items[xi as usize],
            &tgt[j as usize].items[xj as usize],
        );
        if a.kind == Kind::Word && (a.form().chars().count() < 5 || !cognate(a.form(), b.form())) {
            return;
        }
        *acc.entry((i as usize, j as usize)).or_default() += weight;
    };
    for (k, ls) in &ps {
        let Some(lt) = pt.get(k) else { continue };
        if ls.len() <= RARE && lt.len() <= RARE {
            let weight = 1.0 / (ls.len() * lt.len()) as f32;
            for &s in ls {
                for &t in lt {
                    add(s, t, weight);
                }
            }
        } else if ls.len() == lt.len() {
            // A recurring key tells less at each place than a rare one.
            let weight = 1.0 / (ls.len() as f32).sqrt();
            for (&s, &t) in ls.iter().zip(lt) {
                add(s, t, weight);
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

/// Drops the stray stretches of a chain: a run of fewer than three points set apart from the
/// rest by a jump (one side advancing more than twice as far as the other, and by more than
/// three sentences) is more likely a chance match of rare words between sentences without
/// counterparts (at the edge of a part of the other document) than a place where the
/// documents meet. The heaviest stretch always stays.
pub fn prune(chain: Vec<Point>) -> Vec<Point> {
    let jump = |a: &Point, b: &Point| {
        let (di, dj) = (b.i - a.i, b.j - a.j);
        di.max(dj) > 2 * di.min(dj) + 3
    };
    let mut stretches: Vec<&[Point]> = chain.chunk_by(|a, b| !jump(a, b)).collect();
    let weight = |s: &[Point]| s.iter().map(|p| p.weight).sum::<f32>();
    let heaviest = stretches.iter().map(|s| weight(s)).fold(0.0f32, f32::max);
    stretches.retain(|s| s.len() >= 3 || weight(s) >= heaviest);
    stretches.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: usize, j: usize, weight: f32) -> Point {
        Point { i, j, weight }
    }

    #[test]
    fn a_stray_stretch_after_a_jump_is_dropped() {
        let main: Vec<Point> = (0..10).map(|k| p(k, k + 9, 1.0)).collect();
        let mut chain = main.clone();
        chain.extend([p(12, 34, 1.0), p(15, 40, 1.0)]);
        assert_eq!(prune(chain), main);
        // An extra section on the target side: the documents meet again after the jump.
        let mut chain = main.clone();
        chain.extend((10..15).map(|k| p(k, k + 40, 1.0)));
        assert_eq!(prune(chain.clone()), chain);
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

    fn numbers(values: &[u64]) -> Anchors {
        Anchors {
            items: values
                .iter()
                .map(|&key| super::super::anchors::Anchor {
                    key,
                    kind: Kind::Number,
                    word: None,
                    weight: 1.0,
                    expected: false,
                })
                .collect(),
        }
    }

    #[test]
    fn a_key_recurring_as_often_on_both_sides_pairs_its_places_in_order() {
        let src = [numbers(&[7]), numbers(&[5]), numbers(&[7]), numbers(&[7])];
        let tgt = [numbers(&[7]), numbers(&[7]), numbers(&[5]), numbers(&[7])];
        let found: Vec<(usize, usize)> =
            candidates(&src, &tgt).iter().map(|p| (p.i, p.j)).collect();
        assert_eq!(found, [(0, 0), (1, 2), (2, 1), (3, 3)]);
        // Counts that differ (a passage on one side only) pair nothing.
        let fewer = [numbers(&[7]), numbers(&[7]), numbers(&[5]), numbers(&[1])];
        let found: Vec<(usize, usize)> = candidates(&src, &fewer)
            .iter()
            .map(|p| (p.i, p.j))
            .collect();
        assert_eq!(found, [(1, 2)]);
    }

    #[test]
    fn chain_takes_one_point_per_sentence() {
        let pts = [p(0, 0, 1.0), p(0, 1, 1.0), p(1, 2, 1.0)];
        let c = chain(&pts, 3);
        assert_eq!(c.len(), 2);
        assert!(c[0].i < c[1].i && c[0].j < c[1].j);
    }
}
