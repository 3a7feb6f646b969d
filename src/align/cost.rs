//! The cost of a link: Gale-Church length evidence, link-type priors, lexical anchors and
//! paragraph boundaries, in one negative log-likelihood-like number (lower is better).

use super::anchors::Match;

/// The link shapes the aligner considers, as (source sentences, target sentences).
pub const SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// The most sentences one side of a searched link holds: how far back a link reaches, and so
/// how many rows of the table the search keeps.
pub const LONGEST: usize = longest(&SHAPES);

const fn longest(shapes: &[(usize, usize)]) -> usize {
    let mut k = 0;
    let mut most = 0;
    while k < shapes.len() {
        let (a, b) = shapes[k];
        if a > most {
            most = a;
        }
        if b > most {
            most = b;
        }
        k += 1;
    }
    most
}

/// Parameters of the cost model. Every constant is explained where it is set.
#[derive(Debug, Clone)]
pub struct Model {
    /// Mean ratio of target to source characters, estimated from the document pair.
    pub ratio: f64,
    /// Variance of the length difference per source character (Gale & Church's s²).
    pub variance: f64,
    /// Cost of leaving one sentence unaligned (a 1-0 or 0-1 link).
    pub skip: f64,
    /// Cost of each further sentence in a run of unaligned sentences on the same side, for
    /// the source and the target: a left-out passage is one omission, not many, so it
    /// costs little more than one skip (less on a side whose long runs show it is covered
    /// only in part, see [`Model::estimate_runs`]).
    pub skip_run: [f64; 2],
    /// True for a side whose first sentences are likely left out as a whole (a part of it
    /// translated): a run of unaligned sentences at its start opens at the price of
    /// continuing one.
    pub open_start: [bool; 2],
    /// Reward per shared number (numbers rarely match by chance).
    pub w_number: f64,
    /// Reward per shared name or cognate.
    pub w_word: f64,
    /// Reward per dictionary pair found on both sides.
    pub w_dict: f64,
    /// Reward per shared "?", "!", ":" or quotation.
    pub w_punct: f64,
    /// Penalty per number present on one side of a link only.
    pub p_number: f64,
    /// Penalty per unit of weight of a sentence's words and dictionary pairs that have a
    /// partner elsewhere in the other document but none in the link.
    pub p_missed: f64,
    /// Penalty for a link whose two sides share no anchor at all.
    pub p_bare: f64,
    /// Extra cost of leaving out the rest of a sentence whose beginning is linked.
    pub p_piece: f64,
    /// Bonus for a k-1 or 1-k link whose single segment holds k sentences or more.
    pub b_parts: f64,
    /// Penalty when one side of a link crosses a paragraph boundary and the other does not.
    pub p_cross: f64,
    /// Penalty when one side of a link starts a paragraph and the other does not.
    pub p_start: f64,
    /// How freely the translation recasts sentences, from 0 (news: one sentence for one)
    /// to 1 (literary prose: a sentence in five splits or merges); raises the priors of 2-2
    /// and larger links from the news figures towards those of free translation.
    pub recast: f64,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            ratio: 1.0,
            // Gale & Church (1993) measured s² = 6.8 for character lengths.
            variance: 6.8,
            // About -ln of the share of sentences left out in abridged translations (~3%),
            // so a skip is cheaper than a badly fitting 1-1 link but dearer than a good one.
            skip: 3.5,
            // A run continues at a fraction of the opening cost: long passages present on one
            // side only (an extra section, the untranslated rest of a document) stay
            // unaligned instead of being glued onto the neighbouring links.
            skip_run: [SKIP_RUN; 2],
            open_start: [false; 2],
            // A shared number is strong evidence: a likelihood ratio of e^2.5 (≈12) that the
            // sentences translate each other.
            w_number: 2.5,
            // Names and cognates match by chance more often than numbers do; recurring
            // words are weighed down further (see `anchors::weigh`).
            w_word: 1.6,
            // A dictionary pair is as good as a cognate but more frequent words get listed.
            w_dict: 1.0,
            // "?" or a quotation on both sides is weak evidence on its own.
            w_punct: 0.5,
            // A number on one side only hints that the sentences are not translations.
            p_number: 0.8,
            // A word that the neighbouring sentences of the other side share with this one but
            // that the link does not hold tells against the link about as much as a
            // dictionary pair found tells for it.
            p_missed: 1.0,
            // Two sentences that share no number, name, cognate, lexicon pair or mark are
            // about e (2.7) times likelier to be unrelated than a pair that shares one: a
            // sentence left out of the translation is then left unaligned rather than paired
            // with a neighbour's sentence of a fitting length.
            p_bare: 1.0,
            // A piece of a sentence (text split at a colon or semicolon, or a line that opens
            // with a small letter) is left out of a translation on its own about a hundred
            // times less often than a whole sentence (e^4.5 ≈ 90): it joins its neighbour's
            // link unless the lengths say otherwise.
            p_piece: 4.5,
            // Two nats of the three between a 1-1 and a 2-1 prior: a segment of two sentences
            // still pairs with one sentence of the other side when the lengths say so.
            b_parts: 2.0,
            // Translators keep paragraphs: crossing one on a single side is unlikely.
            p_cross: 3.0,
            p_start: 1.5,
            recast: 0.0,
        }
    }
}

/// Half-width of the first pass's band, in target sentences, around the path the anchor
/// chain draws (it widens by the square root of the distance to the nearest anchor, and
/// doubles where the path meets its edge): the first path only guides the second pass, and
/// wider bands found the same links on every shared set and the bundled corpus.
pub const FIRST_BAND: usize = 8;

/// Half-width of the first pass's band without anchors, where only the share of characters
/// used up on each side guides it.
pub const FIRST_BAND_BARE: usize = 48;

/// Half-width of the second pass's band around the first path: that path is close to the
/// answer. Every band widens by itself where the path meets its edge.
pub const SECOND_BAND: usize = 12;

/// Target sentences on either side of the first path within which a sentence's words are
/// expected in its link (see `anchors::expected`).
pub const EXPECTED_WINDOW: usize = 3;

/// Length ratios (target per source characters) that translations keep; a pair whose whole
/// documents fall outside also tries an even ratio, since a part against a whole skews it.
pub const USUAL_RATIOS: std::ops::Range<f64> = 0.67..1.5;

/// Candidate length ratios closer than this share to one already tried are not tried again.
pub const SAME_RATIO: f64 = 0.1;

/// Where a sentence left unaligned sits, as far as its price is concerned.
#[derive(Debug, Clone, Copy)]
pub struct Skip {
    /// The sentence is page noise.
    pub noise: bool,
    /// The sentence before it on the same side is left unaligned too.
    pub continues_run: bool,
    /// No link comes before it on its side.
    pub at_start: bool,
    /// No link comes after it on its side.
    pub at_end: bool,
}

/// The cost of continuing a run of unaligned sentences in a whole translation.
const SKIP_RUN: f64 = 2.0;

/// The least a further unaligned sentence costs: still dearer than nothing, so that a link
/// with good evidence inside a long run wins over skipping its sentences.
const RUN_FLOOR: f64 = 0.25;

/// -ln of the prior of a length ratio, up to a constant: translations keep their length
/// within a factor of about 1.35 either way (a log-normal with σ = 0.3), so a candidate ratio
/// far from even (a part of a document against the whole) has to earn its distance with a
/// cheaper path.
pub fn ratio_cost(ratio: f64) -> f64 {
    const SIGMA: f64 = 0.3;
    ratio.ln().powi(2) / (2.0 * SIGMA * SIGMA)
}

/// The prior probability of a link shape in news-like translation.
fn base_prior(shape: (usize, usize)) -> f64 {
    match shape {
        (1, 1) => 0.89,
        (2, 1) | (1, 2) => 0.0445,
        // Gale & Church saw 1.1% 2-2 links, but in professional translations of news and
        // articles true 2-2 links are far rarer (about 0.05% in NTREX), and a cheap 2-2
        // swallows pairs of 1-1 links whose lengths vary in opposite directions.
        (2, 2) => 0.0005,
        // 3-1 and 1-3 links: a tenth of 2-1's weight, for the same reason.
        (3, 1) | (1, 3) => 0.002,
        (1, 0) | (0, 1) => 0.0099 / 2.0,
        // Larger links, built only by merging neighbours after the search: each rarer in news
        // than a 2-2 link.
        (2, 3) | (3, 2) => 0.0002,
        (1, 4) | (4, 1) => 0.0001,
        _ => 0.00002,
    }
}

impl Model {
    /// -ln of the prior probability of a link shape (Gale & Church's figures for 1-1, 2-1,
    /// 1-2 and 1-0, lower ones for 2-2, 3-1 and 1-3 unless the translation recasts freely).
    pub fn prior(&self, shape: (usize, usize)) -> f64 {
        let news = base_prior(shape);
        // What a translation that recasts sentences freely shows (Gale & Church's 2-2 figure;
        // larger links about 1% of the links of literary prose in all).
        let free = match shape {
            (2, 2) => 0.011,
            (2, 3) | (3, 2) => 0.002,
            (1, 4) | (4, 1) => 0.001,
            (3, 3) => 0.0005,
            (a, b) if a + b > 4 => 0.0002,
            _ => news,
        };
        let p = news + self.recast * (free - news);
        -p.ln()
    }

    /// Estimates [`Model::recast`] from a first alignment: the share of its links where one
    /// sentence meets two or three that it does not already hold as one segment.
    pub fn estimate_recast(&mut self, natural: usize, pairs: usize) {
        // A few such links in a short document say little: 20 pseudo-links of news.
        let rate = natural as f64 / (pairs + 20) as f64;
        self.recast = ((rate - 0.08) / 0.12).clamp(0.0, 1.0);
    }

    /// Sets the cost of continuing a run of unaligned sentences on each side from the runs
    /// of a first alignment (`skipped[side]` of its `sizes[side]` sentences, in `runs[side]`
    /// runs): on a side that the other document covers only in part, long runs are the rule,
    /// and a run that stays cheap to continue keeps stray links from breaking it up (a
    /// sentence without a counterpart paired with one far from the covered part).
    pub fn estimate_runs(&mut self, skipped: [usize; 2], runs: [usize; 2], sizes: [usize; 2]) {
        for side in 0..2 {
            // A side is covered in part when a fifth of it or more is left unaligned in runs
            // of three sentences or more on average; an abridged translation leaves out
            // sentences here and there and keeps the price of a whole one.
            if 5 * skipped[side] < sizes[side] || skipped[side] < 3 * runs[side] {
                continue;
            }
            // The chance that a run goes on, from its continuations, with ten pseudo-skips
            // at the rate of whole translations so that a few runs change nothing.
            let prior = (-SKIP_RUN).exp();
            let goes_on = (skipped[side] - runs[side]) as f64;
            let p = (goes_on + 10.0 * prior) / (skipped[side] as f64 + 10.0);
            self.skip_run[side] = (-p.ln()).clamp(RUN_FLOOR, SKIP_RUN);
        }
    }

    /// The price of continuing a run of unaligned sentences on a side (0: source, 1:
    /// target): at its `edge` (before the first link or after the last) the price its runs
    /// showed, between two links no less than half a whole translation's (a passage left
    /// out inside the part is an omission, not the uncovered rest of the side).
    pub fn run_cost(&self, side: usize, edge: bool) -> f64 {
        if edge {
            self.skip_run[side]
        } else {
            self.skip_run[side].max(SKIP_RUN / 2.0)
        }
    }

    /// The price of leaving one sentence unaligned on `side` (0: source, 1: target): page
    /// noise is cheap to leave out; a sentence that continues a run on its side, or a run
    /// at the documents' end (or at the start of a side covered from further in) costs the
    /// run price; the rest of a sentence whose beginning is linked costs more than a whole
    /// one, since translators leave out sentences, not pieces of one.
    pub fn skip_price(&self, side: usize, skip: Skip, piece: impl FnOnce() -> bool) -> f64 {
        if skip.noise {
            // Page noise (menus, print links) is expected to stay unaligned: a cheap skip.
            self.skip * 0.25
        } else if skip.continues_run || skip.at_end || (skip.at_start && self.open_start[side]) {
            self.run_cost(side, skip.at_start || skip.at_end)
        } else if piece() {
            self.skip + self.p_piece
        } else {
            self.skip
        }
    }

    /// Length cost of pairing `ls` source characters with `lt` target characters: the
    /// negative log probability of so large a deviation from the expected ratio.
    pub fn length_cost(&self, ls: f64, lt: f64) -> f64 {
        let mean = (ls + lt / self.ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (lt - ls * self.ratio) / (mean * self.variance).sqrt();
        tail_cost(delta.abs())
    }

    /// Lexical cost of a link: rewards for shared anchors, penalties for lone numbers.
    pub fn lexical_cost(&self, m: &Match, unmatched_numbers: u32) -> f64 {
        -(self.w_number * m.numbers as f64
            + self.w_word * m.words as f64
            + self.w_dict * m.dict as f64
            + self.w_punct * m.punct as f64)
            + self.p_number * unmatched_numbers as f64
    }
}

/// Steps per unit of the tabulated two-sided tail cost, and the deviation where the table
/// ends (the tail probability is then below the floor of 1e-12).
const TAIL_STEPS: f64 = 256.0;
const TAIL_END: f64 = 7.5;

/// -ln of the two-sided tail probability of a standard normal deviation `x` ≥ 0, floored at
/// 1e-12: read from a table with linear interpolation (error under 1e-4 nats below the floor),
/// since the search asks for it at every cell and the logarithm and exponential would
/// dominate the cost otherwise.
fn tail_cost(x: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=(TAIL_END * TAIL_STEPS) as usize + 1)
            .map(|k| exact_tail_cost(k as f64 / TAIL_STEPS))
            .collect()
    });
    let at = x * TAIL_STEPS;
    let k = at as usize;
    if k + 1 >= table.len() {
        // Past the table's end the probability is below the floor.
        return -(1e-12f64).ln();
    }
    let f = at - k as f64;
    table[k] + (table[k + 1] - table[k]) * f
}

fn exact_tail_cost(x: f64) -> f64 {
    let p = 2.0 * (1.0 - normal_cdf(x));
    -(p.max(1e-12)).ln()
}

/// The standard normal cumulative distribution (Abramowitz & Stegun 26.2.17, error < 7.5e-8).
pub fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.2316419 * x.abs());
    let poly = t
        * (0.319381530
            + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    let tail = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
    if x >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-4);
        assert!((normal_cdf(-1.0) - 0.158655).abs() < 1e-5);
    }

    #[test]
    fn tabulated_tail_cost_follows_the_exact_one() {
        for k in 0..2000 {
            let x = k as f64 * 0.0047;
            // One step of the table holds the corner where the floor takes over (a deviation
            // of about 7.1, a link no search keeps): interpolation rounds it off there.
            let tolerance = if (7.0..7.2).contains(&x) { 1e-2 } else { 1e-4 };
            assert!(
                (tail_cost(x) - exact_tail_cost(x)).abs() < tolerance,
                "deviation {x}: {} against {}",
                tail_cost(x),
                exact_tail_cost(x)
            );
        }
        assert!((tail_cost(50.0) - 1e-12f64.ln().abs()).abs() < 1e-9);
    }

    #[test]
    fn length_cost_prefers_expected_ratio() {
        let m = Model {
            ratio: 1.2,
            ..Model::default()
        };
        assert!(m.length_cost(100.0, 120.0) < 0.01);
        assert!(m.length_cost(100.0, 120.0) < m.length_cost(100.0, 60.0));
        assert!(m.length_cost(100.0, 60.0) < m.length_cost(100.0, 20.0));
    }

    #[test]
    fn two_two_links_grow_likely_where_sentences_are_recast() {
        let mut m = Model::default();
        let news = m.prior((2, 2));
        m.estimate_recast(3, 100);
        assert_eq!(m.recast, 0.0, "3% of 1-2 links is news-like");
        m.estimate_recast(120, 400);
        assert_eq!(m.recast, 1.0, "30% of 1-2 links is literary");
        assert!(m.prior((2, 2)) < news - 2.0);
        assert!(m.prior((2, 2)) > m.prior((2, 1)));
    }

    #[test]
    fn runs_grow_cheap_only_on_a_side_covered_in_part() {
        let mut m = Model::default();
        m.estimate_runs([1, 2], [1, 2], [20, 20]);
        assert_eq!(m.skip_run, [SKIP_RUN; 2], "a whole translation");
        m.estimate_runs([5, 0], [2, 0], [18, 14]);
        assert_eq!(
            m.skip_run, [SKIP_RUN; 2],
            "sentences left out here and there"
        );
        m.estimate_runs([0, 29], [0, 3], [8, 38]);
        assert_eq!(m.skip_run[0], SKIP_RUN);
        assert!(
            m.skip_run[1] < 0.5,
            "eight sentences against 38: {:?}",
            m.skip_run
        );
        assert!(m.skip_run[1] >= RUN_FLOOR);
        assert_eq!(m.run_cost(1, true), m.skip_run[1], "the uncovered rest");
        assert_eq!(
            m.run_cost(1, false),
            SKIP_RUN / 2.0,
            "a passage left out inside"
        );
    }

    #[test]
    fn priors_rank_one_to_one_first() {
        let m = Model::default();
        assert!(m.prior((1, 1)) < m.prior((2, 1)));
        assert!(m.prior((2, 1)) < m.prior((2, 2)));
        assert!(
            m.prior((1, 0)) < m.prior((2, 2)),
            "true 2-2 links are rarer than omissions"
        );
    }
}
