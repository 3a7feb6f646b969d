//! Dynamic programming over a band around a rough path: memory and time grow linearly with
//! the length of the documents. The band widens until the best path stays clear of its edges.

use super::anchors::{matches_sketched, Anchors, Kind, Match, Sketch};
use super::cost::{Model, Skip, LONGEST, SHAPES};

/// Rows of the table a search keeps: a link reaches back at most [`LONGEST`] rows.
const RING: usize = LONGEST + 1;

/// What the search needs to know about one side.
pub struct SideInfo<'a> {
    /// Characters of each sentence (white space not counted).
    pub len: Vec<f64>,
    /// True when the sentence opens a paragraph.
    pub par_start: Vec<bool>,
    /// True when the sentence is page noise.
    pub noise: Vec<bool>,
    /// Lexical anchors of each sentence.
    pub anchors: &'a [Anchors],
    /// Numbers per sentence.
    pub numbers: Vec<u32>,
    /// Sentences within each segment, by its inner sentence ends (1 for one sentence).
    pub parts: Vec<u8>,
    /// Weight of each sentence's anchors that have a partner somewhere on the other side.
    pub expected: Vec<f32>,
    /// The dictionary and lexicon anchors of each sentence (bit k: its k-th anchor).
    pub dict_items: Vec<u64>,
    /// A sketch of each sentence's anchor keys: two sentences whose sketches share no bit
    /// share no anchor, and their match is empty without a look at the anchors.
    keys: Vec<Sketch>,
    /// True when the sentence is the rest of one begun before it in its paragraph (see
    /// [`super::continues`]).
    pub piece: Vec<bool>,
    /// Prefix sums of `len`.
    prefix: Vec<f64>,
    /// True when the side has more than one paragraph (so paragraph evidence means something).
    pub has_paragraphs: bool,
}

impl<'a> SideInfo<'a> {
    /// Builds the search view of one side; `continued` tells which sentences read as the
    /// rest of the one before them.
    pub fn new(
        len: Vec<f64>,
        paragraph: &[usize],
        noise: Vec<bool>,
        anchors: &'a [Anchors],
        expected: Vec<f32>,
        parts: Vec<u8>,
        continued: Vec<bool>,
    ) -> Self {
        let par_start: Vec<bool> = (0..paragraph.len())
            .map(|k| k == 0 || paragraph[k] != paragraph[k - 1])
            .collect();
        let piece = continued
            .iter()
            .zip(&par_start)
            .map(|(&c, &start)| c && !start)
            .collect();
        let mut prefix = Vec::with_capacity(len.len() + 1);
        prefix.push(0.0);
        for l in &len {
            prefix.push(prefix.last().copied().unwrap_or(0.0) + l);
        }
        let numbers = anchors
            .iter()
            .map(|a| a.items.iter().filter(|x| x.kind == Kind::Number).count() as u32)
            .collect();
        let dict_items = anchors
            .iter()
            .map(|a| {
                a.items
                    .iter()
                    .take(64)
                    .enumerate()
                    .filter(|(_, x)| x.kind == Kind::Dict)
                    .fold(0u64, |m, (k, _)| m | 1 << k)
            })
            .collect();
        let keys = anchors.iter().map(Sketch::of).collect();
        let has_paragraphs = paragraph.first() != paragraph.last();
        SideInfo {
            len,
            par_start,
            noise,
            anchors,
            numbers,
            expected,
            parts,
            dict_items,
            keys,
            piece,
            prefix,
            has_paragraphs,
        }
    }

    /// The anchors source sentence `a` of this side shares with target sentence `b` of
    /// `tgt`.
    pub fn matches(&self, tgt: &SideInfo, a: usize, b: usize) -> Match {
        if !self.keys[a].meets(&tgt.keys[b]) {
            return Match::default();
        }
        matches_sketched(&self.anchors[a], &tgt.anchors[b], &tgt.keys[b])
    }

    /// Characters of sentences `0..k`.
    pub fn chars_before(&self, k: usize) -> f64 {
        self.prefix[k]
    }

    /// The first position whose preceding characters reach `chars`.
    pub fn position_at(&self, chars: f64) -> usize {
        self.prefix
            .partition_point(|&p| p < chars)
            .min(self.len.len())
    }

    fn chars(&self, a: usize, b: usize) -> f64 {
        self.prefix[b] - self.prefix[a]
    }

    /// True when a paragraph starts strictly inside `a..b`.
    fn crosses(&self, a: usize, b: usize) -> bool {
        (a + 1..b).any(|k| self.par_start[k])
    }
}

/// Lexical matches of the sentence pairs a row of the table can use: links reach back at
/// most [`LONGEST`] source sentences, so [`RING`] rows are kept and reused.
pub(super) struct PairRing {
    src: [usize; RING],
    lo: [usize; RING],
    rows: [Vec<Match>; RING],
}

impl PairRing {
    pub(super) fn new() -> Self {
        PairRing {
            src: [usize::MAX; RING],
            lo: [0; RING],
            rows: Default::default(),
        }
    }

    /// Computes the matches of source sentence `a` with target sentences `lo..hi`.
    fn fill(&mut self, a: usize, lo: usize, hi: usize, src: &SideInfo, tgt: &SideInfo) {
        let slot = a % RING;
        self.src[slot] = a;
        self.lo[slot] = lo;
        let row = &mut self.rows[slot];
        row.clear();
        row.extend((lo..hi).map(|b| src.matches(tgt, a, b)));
    }

    /// Computes the matches source sentence `a` has with every target sentence that a link
    /// of it can reach in `band` (the rows of `a + 1` and the two after it).
    pub(super) fn fill_for(&mut self, a: usize, band: &Band, src: &SideInfo, tgt: &SideInfo) {
        let (n, m) = (src.len.len(), tgt.len.len());
        let rows = a + 1..=(a + LONGEST).min(n);
        let lo = rows.clone().map(|r| band.lo[r]).min().unwrap_or(0);
        let hi = rows.map(|r| band.hi[r]).max().unwrap_or(0).min(m);
        self.fill(a, lo.saturating_sub(LONGEST), hi, src, tgt);
    }

    pub(super) fn get(&self, a: usize, b: usize) -> Match {
        let slot = a % RING;
        if self.src[slot] != a || b < self.lo[slot] {
            return Match::default();
        }
        self.rows[slot]
            .get(b - self.lo[slot])
            .copied()
            .unwrap_or_default()
    }
}

/// One link found by the search: source and target ranges and the link's own cost.
#[derive(Debug, Clone)]
pub struct Step {
    /// First source sentence.
    pub i: usize,
    /// First target sentence.
    pub j: usize,
    /// Shape (source count, target count).
    pub shape: (usize, usize),
    /// Cost of this link alone.
    pub cost: f64,
    /// The lexical part of that cost (0 for a sentence left unaligned).
    pub lexical: f64,
}

/// The most sentences on one side of a link that [`merge`] builds.
const MERGED: usize = 5;

/// Merges runs of two or three neighbouring links into one where the merged link costs less
/// than its pieces: a translator who recast sentences into a different number of them (2-3,
/// 3-2, 1-4 links) leaves pieces that no single shape of the search fits.
pub fn merge(model: &Model, src: &SideInfo, tgt: &SideInfo, steps: Vec<Step>) -> Vec<Step> {
    let direct = |a: usize, b: usize| src.matches(tgt, a, b);
    let skips = |st: &Step| (st.shape.0 == 0, st.shape.1 == 0);
    let is_skip = |st: &Step| st.shape.0 == 0 || st.shape.1 == 0;
    // A run after the last link costs the same from its first sentence on.
    let (n, m) = (src.len.len(), tgt.len.len());
    let trailing = |st: &Step| {
        if st.shape.0 == 0 {
            st.i == n
        } else {
            st.j == m
        }
    };
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    let mut input = steps.into_iter().peekable();
    while let Some(step) = input.next() {
        out.push(step);
        // Merge the last links while that pays, the cheapest merge first.
        loop {
            // The run's length, the gain and the merged link.
            let mut best: Option<(usize, f64, Step)> = None;
            for len in 2..=3.min(out.len()) {
                let run = &out[out.len() - len..];
                let shape = run
                    .iter()
                    .fold((0, 0), |(a, b), st| (a + st.shape.0, b + st.shape.1));
                // A sentence left unaligned between two links stays apart: only one at the
                // edge of a run joins it (the rest of a sentence recast as several).
                let inner = run[1..len - 1].iter().any(is_skip);
                if inner
                    || shape.0 == 0
                    || shape.1 == 0
                    || shape.0 + shape.1 > MERGED + 1
                    || SHAPES.contains(&shape)
                {
                    continue;
                }
                // The merged link may not claim more lexical evidence than its pieces hold:
                // words shared across pieces would otherwise make any run of links cheaper
                // merged, so lengths and shape decide.
                let apart: f64 = run.iter().map(|st| st.cost).sum();
                let lexical_apart: f64 = run.iter().map(|st| st.lexical).sum();
                let (fit, lexical) = link_terms(
                    model,
                    src,
                    tgt,
                    &direct,
                    (run[0].i, run[0].j),
                    shape,
                    model.prior(shape),
                );
                let mut cost = fit + lexical.max(lexical_apart);
                // Taking the first sentence of a run of unaligned ones makes the next open
                // the run at the full price.
                let last = &run[len - 1];
                if is_skip(last)
                    && input
                        .peek()
                        .is_some_and(|next| skips(next) == skips(last) && !trailing(next))
                {
                    cost += model.skip - model.run_cost((last.shape.0 == 0) as usize, false);
                }
                let gain = apart - cost;
                if gain > 0.0 && best.as_ref().is_none_or(|b| gain > b.1) {
                    let merged = Step {
                        shape,
                        cost,
                        lexical,
                        ..run[0]
                    };
                    best = Some((len, gain, merged));
                }
            }
            let Some((len, _, merged)) = best else {
                break;
            };
            out.truncate(out.len() - len);
            out.push(merged);
        }
    }
    out
}

/// The most cells a band is built with when its bounds would give more (about 1.5 GB with the
/// link prices and the pair cache).
pub(super) const MAX_CELLS: usize = 50_000_000;

/// Finds the cheapest sequence of links tiling both sides, within `width` sentences of the
/// target range that `bounds` gives for each source position; returns it with the width the
/// band grew to.
pub fn search(
    model: &Model,
    src: &SideInfo,
    tgt: &SideInfo,
    bounds: &dyn Fn(usize) -> (f64, f64),
    width: usize,
) -> Searched {
    let (n, m) = (src.len.len(), tgt.len.len());
    let mut width = width;
    loop {
        let full = width >= n.max(m) + 4;
        // Widening stops at about MAX_CELLS: past that the two sides share no path worth the
        // memory, and the best path in the band still tiles both sides.
        let band = Band::new(bounds, width, n, m);
        let capped = (2 * width + 1).saturating_mul(n + 1) > MAX_CELLS || band.narrowed;
        let costs = link_costs(model, src, tgt, &band);
        let (steps, touched) = search_band(model, src, tgt, &band, &costs);
        if !touched || full || capped {
            return Searched { steps, band, costs };
        }
        width *= 2;
    }
}

/// What a search found, with the band it searched and the link prices it read there (what
/// forward–backward over the same band reads again).
pub struct Searched {
    /// The links of the cheapest path, in order.
    pub steps: Vec<Step>,
    /// The band the path was searched in.
    pub band: Band,
    /// The price of each link in the band.
    pub costs: LinkCosts,
}

/// The cost of one link at `(i, j)` in two parts, with the pair cache for lexical evidence
/// and the shape's prior (`model.prior(shape)`, worked out once per search): how well its
/// shape, lengths and paragraphs fit, and what its lexical evidence says (negative when the
/// two sides share anchors).
pub(super) fn link_terms(
    model: &Model,
    src: &SideInfo,
    tgt: &SideInfo,
    pair: &impl Fn(usize, usize) -> Match,
    (i, j): (usize, usize),
    shape: (usize, usize),
    prior: f64,
) -> (f64, f64) {
    let (di, dj) = shape;
    debug_assert!(di > 0 && dj > 0, "a sentence left unaligned costs a skip");
    let mut cost = prior + model.length_cost(src.chars(i, i + di), tgt.chars(j, j + dj));
    // A segment that holds several sentences is likely to translate as several on the other
    // side: a 2-1, 3-1, 1-2 or 1-3 link whose single segment holds more than one sentence
    // is more likely than one whose single segment is one sentence.
    let parts = |side: &SideInfo, a: usize| side.parts[a];
    if (dj == 1 && di > 1 && parts(tgt, j) > 1) || (di == 1 && dj > 1 && parts(src, i) > 1) {
        cost -= model.b_parts;
    }
    let m = if (di, dj) == (1, 1) {
        pair(i, j)
    } else {
        span_matches(src, tgt, pair, i, j, (di, dj))
    };
    let nums: u32 =
        src.numbers[i..i + di].iter().sum::<u32>() + tgt.numbers[j..j + dj].iter().sum::<u32>();
    let unmatched = nums.saturating_sub(2 * m.number_hits);
    let mut lexical = model.lexical_cost(&m, unmatched);
    let expected = |side: &SideInfo, a: usize, b: usize| side.expected[a..b].iter().sum::<f32>();
    let missed = (expected(src, i, i + di) - m.src_found).max(0.0)
        + (expected(tgt, j, j + dj) - m.tgt_found).max(0.0);
    lexical += model.p_missed * missed as f64;
    // Translations share something (a number, a name, a cognate, a lexicon pair, a
    // question mark) far more often than two sentences taken at random do.
    if m.numbers + m.words + m.dict + m.punct == 0.0 {
        lexical += model.p_bare;
    }
    if src.has_paragraphs && tgt.has_paragraphs {
        if src.crosses(i, i + di) != tgt.crosses(j, j + dj) {
            cost += model.p_cross;
        }
        if src.par_start[i] != tgt.par_start[j] {
            cost += model.p_start;
        }
    }
    let noise = (i..i + di).any(|a| src.noise[a]) || (j..j + dj).any(|b| tgt.noise[b]);
    if noise {
        cost += model.skip;
    }
    (cost, lexical)
}

/// How the path arrived at a cell of the table; each cell keeps its best cost per state, since
/// what a step costs depends on the one before it (a run of unaligned sentences continues at
/// a lower price than it opens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// By a link with sentences on both sides.
    Link,
    /// By leaving a target sentence unaligned.
    SkipTarget,
    /// By leaving a source sentence unaligned.
    SkipSource,
}

impl State {
    /// Every state, in the order of a cell's costs.
    pub const ALL: [State; 3] = [State::Link, State::SkipTarget, State::SkipSource];

    /// The state's place in a cell's costs.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The state a step of `shape` ends in.
    pub fn after(shape: (usize, usize)) -> State {
        match shape {
            (0, _) => State::SkipTarget,
            (_, 0) => State::SkipSource,
            _ => State::Link,
        }
    }
}

// A backpointer's byte holds the shape's index in six bits beside the state's two, and the
// value with every bit set stands for "no way here".
const _: () = assert!(SHAPES.len() < 63);

/// A backpointer in one byte: the shape's index in [`SHAPES`] and the state the path left.
fn pack(k: usize, from: State) -> u8 {
    (k as u8) << 2 | from as u8
}

/// The shape index and the state the path left, from a backpointer.
fn unpack(code: u8) -> (usize, State) {
    ((code >> 2) as usize, State::ALL[(code & 3) as usize])
}

/// The price of the sentence left unaligned by a step that ends at `(i, j)` in `state` after
/// a step that ended in `from`. A run that reaches
/// the end opens at the price of continuing one (a translation in progress or a summary
/// covers the beginning of the other document and leaves its rest there).
pub(super) fn skip_at(
    model: &Model,
    src: &SideInfo,
    tgt: &SideInfo,
    noise: bool,
    from: State,
    state: State,
    (i, j): (usize, usize),
) -> f64 {
    let (n, m) = (src.len.len(), tgt.len.len());
    let target = state == State::SkipTarget;
    let skip = Skip {
        noise,
        continues_run: from == state,
        at_start: if target { i == 0 } else { j == 0 },
        at_end: if target { i == n } else { j == m },
    };
    model.skip_price(target as usize, skip, || {
        if target {
            tgt.piece[j - 1]
        } else {
            src.piece[i - 1]
        }
    })
}

/// The paragraph evidence of a link at `i`, `j` that follows a sentence left unaligned
/// (`from` is the state the path leaves).
/// When the left-out sentence opened a paragraph, its translation's absence moves the
/// paragraph start onto the next sentence: the link then counts as opening a paragraph on
/// that side too, and the penalty for starts that differ is taken back.
pub(super) fn after_skip(
    model: &Model,
    src: &SideInfo,
    tgt: &SideInfo,
    i: usize,
    j: usize,
    from: State,
) -> f64 {
    if !(src.has_paragraphs && tgt.has_paragraphs) {
        return 0.0;
    }
    let moved = match from {
        State::SkipTarget => j > 0 && tgt.par_start[j - 1] && !tgt.par_start[j] && src.par_start[i],
        State::SkipSource => i > 0 && src.par_start[i - 1] && !src.par_start[i] && tgt.par_start[j],
        State::Link => false,
    };
    if moved {
        -model.p_start
    } else {
        0.0
    }
}

/// Matches of a multi-sentence link, each anchor used at most once: a name in two source
/// sentences and two target sentences counts once, not four times.
fn span_matches(
    src: &SideInfo,
    tgt: &SideInfo,
    pair: &impl Fn(usize, usize) -> Match,
    i: usize,
    j: usize,
    (di, dj): (usize, usize),
) -> Match {
    let mut src_items = [0u64; MERGED];
    let mut tgt_items = [0u64; MERGED];
    for (a, s_items) in src_items.iter_mut().enumerate().take(di) {
        for (b, t_items) in tgt_items.iter_mut().enumerate().take(dj) {
            let p = pair(i + a, j + b);
            // In a 2-2 link, dictionary and lexicon pairs count within its two 1-1 halves
            // only: common words that cross between the halves would otherwise make it win
            // over two good 1-1 links.
            let (keep_s, keep_t) = if di == dj && a != b {
                (!src.dict_items[i + a], !tgt.dict_items[j + b])
            } else {
                (u64::MAX, u64::MAX)
            };
            *s_items |= p.src_items & keep_s;
            *t_items |= p.tgt_items & keep_t;
        }
    }
    // The weight by kind of the anchors that found a partner, on each side.
    let weigh = |anchors: &[Anchors], items: &[u64]| {
        let mut w = [0f32; 4];
        let mut numbers = 0;
        let mut found = 0f32;
        for (a, &bits) in anchors.iter().zip(items) {
            let mut bits = bits;
            while bits != 0 {
                let x = &a.items[bits.trailing_zeros() as usize];
                w[x.kind as usize] += x.weight;
                numbers += (x.kind == Kind::Number) as u32;
                if x.expected {
                    found += x.weight;
                }
                bits &= bits - 1;
            }
        }
        (w, numbers, found)
    };
    let (ws, ns, src_found) = weigh(&src.anchors[i..i + di], &src_items[..di]);
    let (wt, nt, tgt_found) = weigh(&tgt.anchors[j..j + dj], &tgt_items[..dj]);
    Match {
        numbers: ws[0].min(wt[0]),
        words: ws[1].min(wt[1]),
        dict: ws[2].min(wt[2]),
        punct: ws[3].min(wt[3]),
        number_hits: ns.min(nt),
        src_found,
        tgt_found,
        ..Match::default()
    }
}

/// The cells of a banded table: row `i` covers target positions `lo[i]..=hi[i]`, and consecutive
/// rows overlap so that every cell is reachable.
pub(super) struct Band {
    /// First target position of each row.
    pub lo: Vec<usize>,
    /// Last target position of each row.
    pub hi: Vec<usize>,
    /// Index of each row's first cell in a flat table of the band.
    pub offset: Vec<usize>,
    /// True when the rows were narrowed to keep the band within [`MAX_CELLS`].
    pub narrowed: bool,
}

impl Band {
    /// The band within `width` sentences of the target range `bounds` gives for each row.
    /// A band of more than [`MAX_CELLS`] cells (bounds far apart in two long documents with
    /// few anchors) keeps, in each row, only the cells around the middle of its bounds, the
    /// middles taken in order: memory stays bounded and a path still runs through it.
    pub fn new(bounds: &dyn Fn(usize) -> (f64, f64), width: usize, n: usize, m: usize) -> Band {
        let mut rows: Vec<(f64, f64)> = (0..=n).map(bounds).collect();
        let band = Band::of_rows(&rows, width, m);
        if band.cells() <= MAX_CELLS {
            return band;
        }
        let keep = (MAX_CELLS / 4 / (n + 1)).max(2 * width + 1);
        let half = (keep.saturating_sub(2 * width + 1) / 2) as f64;
        let mut last = 0.0f64;
        for row in &mut rows {
            let middle = f64::midpoint(row.0, row.1).max(last);
            last = middle;
            *row = (middle - half, middle + half);
        }
        Band {
            narrowed: true,
            ..Band::of_rows(&rows, width, m)
        }
    }

    fn of_rows(rows: &[(f64, f64)], width: usize, m: usize) -> Band {
        let n = rows.len() - 1;
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        for &(a, b) in rows {
            let l = (a - width as f64).floor().max(0.0) as usize;
            let h = ((b + width as f64).ceil().max(0.0) as usize).min(m);
            lo.push(l.min(m));
            hi.push(h.max(l.min(m)));
        }
        lo[0] = 0;
        hi[n] = m;
        // Make consecutive rows overlap so that every cell is reachable.
        for i in 1..=n {
            if lo[i] > hi[i - 1] {
                lo[i] = hi[i - 1];
            }
        }
        for i in (0..n).rev() {
            if hi[i] < lo[i + 1] {
                hi[i] = lo[i + 1];
            }
        }
        let mut offset = Vec::with_capacity(n + 2);
        let mut total = 0usize;
        for i in 0..=n {
            offset.push(total);
            total += hi[i] - lo[i] + 1;
        }
        offset.push(total);
        Band {
            lo,
            hi,
            offset,
            narrowed: false,
        }
    }

    /// Cells in the band.
    pub fn cells(&self) -> usize {
        self.offset[self.offset.len() - 1]
    }

    /// The flat index of cell `(i, j)`, if the band holds it.
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        (i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i])
            .then(|| self.offset[i] + j - self.lo[i])
    }
}

/// The price of every link the band holds (its fit and lexical terms, without the prior
/// step's state), by the cell the link ends in and its index in [`SHAPES`]; infinite where
/// the shape is a skip or the link would start outside the band. Rows are worked out in
/// blocks side by side, each block with its own pair matches. Single precision (a price is
/// tens of nats, kept to about a millionth of a nat) halves the memory both passes walk.
pub(super) type LinkCosts = Vec<[f32; SHAPES.len()]>;

/// Rows of the table one worker prices at a time.
const BLOCK: usize = 256;

/// Works out [`LinkCosts`] for `band`.
pub(super) fn link_costs(model: &Model, src: &SideInfo, tgt: &SideInfo, band: &Band) -> LinkCosts {
    use rayon::prelude::*;
    let n = band.lo.len() - 1;
    let priors = SHAPES.map(|shape| model.prior(shape));
    let mut costs = vec![[f32::INFINITY; SHAPES.len()]; band.cells()];
    let mut blocks = Vec::new();
    let mut rest = costs.as_mut_slice();
    for first in (0..=n).step_by(BLOCK) {
        let last = (first + BLOCK).min(n + 1);
        let (block, tail) = rest.split_at_mut(band.offset[last] - band.offset[first]);
        blocks.push((first..last, block));
        rest = tail;
    }
    blocks.into_par_iter().for_each(|(rows, out)| {
        let mut ring = PairRing::new();
        for a in rows.start.saturating_sub(LONGEST)..rows.start.saturating_sub(1) {
            ring.fill_for(a, band, src, tgt);
        }
        let mut cell = out.iter_mut();
        for i in rows {
            if i > 0 {
                ring.fill_for(i - 1, band, src, tgt);
            }
            let pair = |a: usize, b: usize| ring.get(a, b);
            for j in band.lo[i]..=band.hi[i] {
                let Some(prices) = cell.next() else {
                    return;
                };
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    if di == 0 || dj == 0 || di > i || dj > j {
                        continue;
                    }
                    if band.index(i - di, j - dj).is_none() {
                        continue;
                    }
                    let at = (i - di, j - dj);
                    let (fit, lexical) =
                        link_terms(model, src, tgt, &pair, at, (di, dj), priors[k]);
                    prices[k] = (fit + lexical) as f32;
                }
            }
        }
    });
    costs
}

/// The cheapest path through `band` with the link prices `prices`, and whether it runs along
/// the band's edge.
fn search_band(
    model: &Model,
    src: &SideInfo,
    tgt: &SideInfo,
    band: &Band,
    prices: &LinkCosts,
) -> (Vec<Step>, bool) {
    let (n, m) = (src.len.len(), tgt.len.len());
    let Band { lo, hi, offset, .. } = band;
    let total = band.cells();
    // Three states per cell: the path got there by a link with sentences on both sides
    // (0), by leaving a target sentence unaligned (1) or a source sentence (2); a run of
    // unaligned sentences on one side opens at `skip` and continues at `skip_run`.
    // Backpointers for the whole band (a byte per state: shape and previous state); costs
    // only for the last [`RING`] rows, since a link reaches back at most [`LONGEST`] rows.
    const NONE: u8 = u8::MAX;
    let mut back = vec![[NONE; 3]; total];
    let mut costs: [Vec<[f64; 3]>; RING] = Default::default();
    let priors = SHAPES.map(|shape| model.prior(shape));
    let skip_cost = |noise: bool, from: State, state: State, i: usize, j: usize| {
        skip_at(model, src, tgt, noise, from, state, (i, j))
    };
    for i in 0..=n {
        let mut row = std::mem::take(&mut costs[i % RING]);
        row.clear();
        row.resize(hi[i] - lo[i] + 1, [f64::INFINITY; 3]);
        for j in lo[i]..=hi[i] {
            if i == 0 && j == 0 {
                row[0] = [0.0, f64::INFINITY, f64::INFINITY];
                continue;
            }
            let mut best = [f64::INFINITY; 3];
            let mut best_k = [NONE; 3];
            for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let (pi, pj) = (i - di, j - dj);
                if pj < lo[pi] || pj > hi[pi] {
                    continue;
                }
                let base = if di == 0 {
                    row[pj - lo[pi]]
                } else {
                    costs[pi % RING][pj - lo[pi]]
                };
                if di == 0 || dj == 0 {
                    let state = State::after((di, dj));
                    let noise = if di == 0 {
                        tgt.noise[pj]
                    } else {
                        src.noise[pi]
                    };
                    let s = state.index();
                    for from in State::ALL {
                        let c = base[from.index()] + skip_cost(noise, from, state, i, j);
                        if c < best[s] {
                            best[s] = c;
                            best_k[s] = pack(k, from);
                        }
                    }
                    continue;
                }
                let (from, b) = State::ALL
                    .map(|from| {
                        let after = after_skip(model, src, tgt, pi, pj, from);
                        (from, base[from.index()] + after)
                    })
                    .into_iter()
                    .min_by(|x, y| x.1.total_cmp(&y.1))
                    .unwrap_or((State::Link, f64::INFINITY));
                if !b.is_finite() {
                    continue;
                }
                let c = b + prices[offset[i] + j - lo[i]][k] as f64;
                let s = State::Link.index();
                if c < best[s] {
                    best[s] = c;
                    best_k[s] = pack(k, from);
                }
            }
            row[j - lo[i]] = best;
            back[offset[i] + j - lo[i]] = best_k;
        }
        costs[i % RING] = row;
    }
    // Walk back from the end, noting whether the path ran along the band's edge; each
    // link's own cost is worked out again with its lexical matches.
    let direct = |a: usize, b: usize| src.matches(tgt, a, b);
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let end = &costs[n % RING][m - lo[n]];
    let mut state = State::ALL
        .into_iter()
        .min_by(|x, y| end[x.index()].total_cmp(&end[y.index()]))
        .unwrap_or(State::Link);
    let mut touched = false;
    while i > 0 || j > 0 {
        let (k, from) = unpack(back[offset[i] + j - lo[i]][state.index()]);
        let (di, dj) = SHAPES[k];
        let (pi, pj) = (i - di, j - dj);
        if (lo[i] > 0 && j <= lo[i] + 1) || (hi[i] < m && j + 1 >= hi[i]) {
            touched = true;
        }
        let mut step = Step {
            i: pi,
            j: pj,
            shape: (di, dj),
            cost: 0.0,
            lexical: 0.0,
        };
        if di == 0 || dj == 0 {
            let noise = if di == 0 {
                tgt.noise[pj]
            } else {
                src.noise[pi]
            };
            step.cost = skip_cost(noise, from, state, i, j);
        } else {
            let (fit, lexical) =
                link_terms(model, src, tgt, &direct, (pi, pj), (di, dj), priors[k]);
            step.cost = fit + lexical + after_skip(model, src, tgt, pi, pj, from);
            step.lexical = lexical;
        }
        steps.push(step);
        i = pi;
        j = pj;
        state = from;
    }
    steps.reverse();
    (steps, touched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_too_wide_for_memory_is_narrowed_and_still_joins_its_corners() {
        // Every row would span the whole target side: 200,001 rows of 100,001 cells.
        let (n, m) = (200_000, 100_000);
        let band = Band::new(&|_| (0.0, m as f64), 8, n, m);
        assert!(band.narrowed);
        assert!(band.cells() <= MAX_CELLS, "{} cells", band.cells());
        assert_eq!((band.lo[0], band.hi[n]), (0, m));
        for i in 1..=n {
            assert!(
                band.lo[i] <= band.hi[i - 1],
                "rows {} and {i} do not meet",
                i - 1
            );
            assert!(band.lo[i] >= band.lo[i - 1] && band.lo[i] <= band.hi[i]);
        }
        // A band that fits is left as its bounds give it.
        let small = Band::new(&|i| (i as f64, i as f64), 8, 1000, 1000);
        assert!(!small.narrowed);
        assert_eq!((small.lo[500], small.hi[500]), (492, 508));
    }
}
