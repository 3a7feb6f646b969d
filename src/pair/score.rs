//! Candidate pairs from an inverted index of the features both sides share, and their
//! scores: a weighted cosine of shared features, adjusted by title, size and file name.

use std::collections::HashMap;

use rayon::prelude::*;

use super::fingerprint::{Feature, Fingerprint};

/// Candidates kept per source document (the best by shared features).
const CANDIDATES: usize = 8;

/// One scored candidate pair: indices into the two sides and the score, 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Index of the source document.
    pub src: usize,
    /// Index of the target document.
    pub tgt: usize,
    /// The pair's score.
    pub score: f32,
}

/// How rare each feature is: its weight when both sides use it, none otherwise.
struct Weights {
    idf: HashMap<u64, f32>,
}

impl Weights {
    /// A feature counts when both sides hold it; it weighs ln((N + 1) / df), where df is the
    /// larger of its two document frequencies. Features in more than `cap` documents of a
    /// side are topic words, not evidence, and are dropped (this bounds the index's work).
    fn new(src: &[Fingerprint], tgt: &[Fingerprint]) -> Weights {
        let df = |side: &[Fingerprint]| {
            let mut df: HashMap<u64, u32> = HashMap::new();
            for fp in side {
                for f in &fp.features {
                    *df.entry(f.key).or_default() += 1;
                }
            }
            df
        };
        let (ds, dt) = (df(src), df(tgt));
        let n = src.len().max(tgt.len()) as f32;
        let cap = (n / 10.0).max(10.0) as u32;
        let idf = ds
            .into_iter()
            .filter_map(|(k, a)| {
                let b = *dt.get(&k)?;
                let d = a.max(b);
                (d <= cap).then(|| (k, ((n + 1.0) / d as f32).ln()))
            })
            .collect();
        Weights { idf }
    }

    /// The weighted features of a document and their norm.
    fn vector(&self, fp: &Fingerprint) -> (Vec<(u64, f32)>, f32) {
        let v: Vec<(u64, f32)> = fp
            .features
            .iter()
            .filter_map(|f| self.idf.get(&f.key).map(|w| (f.key, f.tf * w)))
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        (v, norm)
    }
}

/// Scores the candidate pairs of two sides: for each source document, the target documents
/// sharing its rarest features (found through an inverted index, never by comparing all
/// pairs), best first per source document.
pub fn candidates(src: &[Fingerprint], tgt: &[Fingerprint]) -> Vec<Candidate> {
    let weights = Weights::new(src, tgt);
    let tvec: Vec<(Vec<(u64, f32)>, f32)> = tgt.par_iter().map(|f| weights.vector(f)).collect();
    let mut postings: HashMap<u64, Vec<(u32, f32)>> = HashMap::new();
    for (t, (v, _)) in tvec.iter().enumerate() {
        for &(k, x) in v {
            postings.entry(k).or_default().push((t as u32, x));
        }
    }
    src.par_iter()
        .enumerate()
        .map_init(
            || (vec![0f32; tgt.len()], Vec::new()),
            |(acc, touched), (s, fp)| {
                let (v, norm) = weights.vector(fp);
                for (k, x) in &v {
                    for &(t, y) in postings.get(k).into_iter().flatten() {
                        if acc[t as usize] == 0.0 {
                            touched.push(t);
                        }
                        acc[t as usize] += x * y;
                    }
                }
                let mut found: Vec<Candidate> = touched
                    .drain(..)
                    .map(|t| {
                        let t = t as usize;
                        let cos = acc[t] / (norm * tvec[t].1).max(f32::MIN_POSITIVE);
                        acc[t] = 0.0;
                        Candidate {
                            src: s,
                            tgt: t,
                            score: cos,
                        }
                    })
                    .collect();
                let by_score = |a: &Candidate, b: &Candidate| {
                    b.score.total_cmp(&a.score).then(a.tgt.cmp(&b.tgt))
                };
                found.sort_by(by_score);
                found.truncate(CANDIDATES);
                for c in &mut found {
                    let order = order(&fp.features, &tgt[c.tgt].features, &weights);
                    c.score = combine(c.score, order, fp, &tgt[c.tgt]);
                }
                found.sort_by(by_score);
                found
            },
        )
        .flatten()
        .collect()
}

/// How well the shared features keep their order: the weighted share of shared features
/// found at about the same place in both texts (a translation follows its original; two
/// articles on one topic share names in any order). Few shared features say little, so
/// the share is pulled towards chance (a quarter) when they are few.
fn order(a: &[Feature], b: &[Feature], weights: &Weights) -> f32 {
    let (mut i, mut j) = (0, 0);
    let (mut near, mut total, mut n) = (0.0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].key.cmp(&b[j].key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if let Some(w) = weights.idf.get(&a[i].key) {
                    total += w;
                    n += 1;
                    if (a[i].at - b[j].at).abs() <= 0.15 {
                        near += w;
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    const CHANCE: f32 = 0.25;
    const PRIOR: f32 = 4.0;
    let share = if total > 0.0 { near / total } else { CHANCE };
    let k = n as f32 / (n as f32 + PRIOR);
    k * share + (1.0 - k) * CHANCE
}

/// The score of a pair from the cosine of its shared features and how well they keep their
/// order, nudged by how alike the titles, sizes and file names are. File names only ever add
/// to evidence in the text.
fn combine(cos: f32, order: f32, a: &Fingerprint, b: &Fingerprint) -> f32 {
    let title = overlap(&a.title, &b.title);
    let name = overlap(&a.name, &b.name);
    // Evidence beside the cosine counts in full only once the texts share enough.
    let backed = (3.0 * cos).min(1.0);
    let text = 0.6 * cos + 0.3 * order * backed + 0.1 * title;
    let name = 0.05 * name * backed;
    // Sizes far apart (one text under 40% of the other) lower the score a little; an
    // abridged translation is common, so nearer sizes say nothing.
    let size = (ratio(a.chars, b.chars) / 0.4).min(1.0);
    ((text + name) * (0.9 + 0.1 * size)).clamp(0.0, 1.0)
}

/// The share of the smaller set found in the other (both sorted), 0 when either is empty.
fn overlap(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n as f32 / a.len().min(b.len()) as f32
}

/// The smaller of two sizes over the larger, 0 to 1.
fn ratio(a: usize, b: usize) -> f32 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    a.min(b) as f32 / a.max(b) as f32
}

/// How far down each document's own list of candidates its partner may be: a pair where
/// either document has two better-scoring candidates is a coincidence of topic, not a
/// translation.
const RANK: usize = 2;

/// A pair must score at least this share of the median score of the collection's pairs: a
/// collection's own translations show how alike its pairs are, and a pair far below them is
/// two articles on one topic.
const SHARE_OF_MEDIAN: f32 = 0.5;

/// A pair is doubtful when another candidate of either of its documents scores at least this
/// share of its score: two articles on one news story look alike, and only a clear lead tells
/// a translation from its neighbour.
const RIVAL_SHARE: f32 = 0.9;

/// One-to-one pairs, greedily by score: the best candidate whose documents are both still
/// free is taken, down to `threshold`; a candidate must also rank among the best [`RANK`]
/// of both its documents. Pairs below [`SHARE_OF_MEDIAN`] of the median pair, and pairs with
/// a rival candidate within [`RIVAL_SHARE`] of their score, are then set aside as doubtful
/// (their documents have no better free candidate left, so none is paired anew). Returns the
/// pairs and the doubtful ones.
pub fn greedy(
    mut candidates: Vec<Candidate>,
    n_src: usize,
    n_tgt: usize,
    threshold: f32,
) -> (Vec<Candidate>, Vec<Candidate>) {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.src.cmp(&b.src))
            .then(a.tgt.cmp(&b.tgt))
    });
    let (mut src_rank, mut tgt_rank) = (vec![0usize; n_src], vec![0usize; n_tgt]);
    let ranked: Vec<(Candidate, bool)> = candidates
        .into_iter()
        .map(|c| {
            src_rank[c.src] += 1;
            tgt_rank[c.tgt] += 1;
            (c, src_rank[c.src] <= RANK && tgt_rank[c.tgt] <= RANK)
        })
        .collect();
    let (mut src_used, mut tgt_used) = (vec![false; n_src], vec![false; n_tgt]);
    let mut out = Vec::new();
    for &(c, near_top) in &ranked {
        if c.score < threshold {
            break;
        }
        if near_top && !src_used[c.src] && !tgt_used[c.tgt] {
            src_used[c.src] = true;
            tgt_used[c.tgt] = true;
            out.push(c);
        }
    }
    let (mut best_src, mut best_tgt) = (vec![[0f32; 2]; n_src], vec![[0f32; 2]; n_tgt]);
    for (c, _) in &ranked {
        for slot in [&mut best_src[c.src], &mut best_tgt[c.tgt]] {
            if c.score > slot[0] {
                *slot = [c.score, slot[0]];
            } else if c.score > slot[1] {
                slot[1] = c.score;
            }
        }
    }
    // The best score of a document's candidates other than `score` itself.
    let rival = |best: &[f32; 2], score: f32| if best[0] == score { best[1] } else { best[0] };
    let median = out.get(out.len() / 2).map_or(0.0, |c| c.score);
    let (sure, doubtful): (Vec<Candidate>, Vec<Candidate>) = out.into_iter().partition(|c| {
        let r = rival(&best_src[c.src], c.score).max(rival(&best_tgt[c.tgt], c.score));
        c.score >= SHARE_OF_MEDIAN * median && r < RIVAL_SHARE * c.score
    });
    (sure, doubtful)
}
