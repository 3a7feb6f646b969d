//! Posterior probabilities under the aligner's own model: forward–backward over the band of
//! the final search. Where the cheapest path says which links are best, the posterior says
//! how much of the probability of all paths goes through a link: a link whose boundary could
//! as well lie one sentence further has a low posterior however cheap it is.

use super::cost::{Model, SHAPES};
use super::dp::{after_skip, link_terms, skip_at, Band, PairRing, SideInfo, Step};

/// Costs are negative log-likelihoods in nats; paths are weighed by `exp(-cost / TEMPERATURE)`.
/// The costs hold several overlapping pieces of evidence, each priced as if alone, so a path's
/// cost overstates how sure the model is: spreading the weights by a factor of two gives
/// posteriors that rank the wrong links lowest on the shared gold sets.
const TEMPERATURE: f64 = 1.0;

/// The forward and backward sums of the band, and what they say about links and sentences.
pub struct Posterior {
    band: Band,
    /// Log of the summed weight of the paths from the start to each cell, per state.
    alpha: Vec<[f64; 3]>,
    /// Log of the summed weight of the paths from each cell to the end, per state.
    beta: Vec<[f64; 3]>,
    /// Log of the summed weight of all paths.
    total: f64,
    /// The probability that each source sentence is left unaligned.
    pub src_unaligned: Vec<f64>,
    /// The probability that each target sentence is left unaligned.
    pub tgt_unaligned: Vec<f64>,
}

/// `ln(e^a + e^b)`, exact for infinite arguments.
fn log_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

impl Posterior {
    /// Runs forward–backward over the band of width `width` around `bounds`, with the same
    /// link and skip costs as [`super::dp::search`].
    pub fn new(
        model: &Model,
        src: &SideInfo,
        tgt: &SideInfo,
        bounds: &dyn Fn(usize) -> (f64, f64),
        width: usize,
    ) -> Posterior {
        let (n, m) = (src.len.len(), tgt.len.len());
        let band = Band::new(bounds, width, n, m);
        let cells = band.cells();
        let priors = SHAPES.map(|shape| model.prior(shape));
        // The cost of each link shape arriving at each cell, kept for the backward sweep.
        let mut link_cost = vec![[f32::INFINITY; SHAPES.len()]; cells];
        let mut alpha = vec![[f64::NEG_INFINITY; 3]; cells];
        let mut ring = PairRing::new();
        let t = TEMPERATURE;
        for i in 0..=n {
            if i > 0 {
                ring.fill_for(i - 1, &band, src, tgt);
            }
            let pair = |a: usize, b: usize| ring.get(a, b);
            for j in band.lo[i]..=band.hi[i] {
                let here = band.offset[i] + j - band.lo[i];
                if i == 0 && j == 0 {
                    alpha[here] = [0.0, f64::NEG_INFINITY, f64::NEG_INFINITY];
                    continue;
                }
                let mut acc = [f64::NEG_INFINITY; 3];
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let (pi, pj) = (i - di, j - dj);
                    let Some(prev) = band.index(pi, pj) else {
                        continue;
                    };
                    let base = alpha[prev];
                    if di == 0 || dj == 0 {
                        let (state, noise) = skip_state(src, tgt, pi, pj, di);
                        for (from, &b) in base.iter().enumerate() {
                            let c = skip_at(model, src, tgt, noise, from, state, (i, j));
                            acc[state] = log_add(acc[state], b - c / t);
                        }
                        continue;
                    }
                    if base.iter().all(|b| *b == f64::NEG_INFINITY) {
                        continue;
                    }
                    let (fit, lexical) =
                        link_terms(model, src, tgt, &pair, (pi, pj), (di, dj), priors[k]);
                    link_cost[here][k] = (fit + lexical) as f32;
                    for (from, &b) in base.iter().enumerate() {
                        let c = fit + lexical + after_skip(model, src, tgt, pi, pj, from);
                        acc[0] = log_add(acc[0], b - c / t);
                    }
                }
                alpha[here] = acc;
            }
        }
        drop(ring);
        let mut beta = vec![[f64::NEG_INFINITY; 3]; cells];
        let end = band.offset[n] + m - band.lo[n];
        beta[end] = [0.0; 3];
        let mut src_unaligned = vec![0.0; n];
        let mut tgt_unaligned = vec![0.0; m];
        let total = alpha[end]
            .iter()
            .fold(f64::NEG_INFINITY, |a, &b| log_add(a, b));
        for i in (0..=n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                let here = band.offset[i] + j - band.lo[i];
                if here == end {
                    continue;
                }
                let mut acc = [f64::NEG_INFINITY; 3];
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    let (ni, nj) = (i + di, j + dj);
                    let Some(next) = band.index(ni, nj) else {
                        continue;
                    };
                    let after = beta[next];
                    if di == 0 || dj == 0 {
                        let (state, noise) = skip_state(src, tgt, i, j, di);
                        if after[state] == f64::NEG_INFINITY {
                            continue;
                        }
                        let mut through = f64::NEG_INFINITY;
                        for (from, a) in acc.iter_mut().enumerate() {
                            let c = skip_at(model, src, tgt, noise, from, state, (ni, nj));
                            *a = log_add(*a, after[state] - c / t);
                            through = log_add(through, alpha[here][from] - c / t);
                        }
                        let p = (through + after[state] - total).exp();
                        if di == 0 {
                            tgt_unaligned[j] += p;
                        } else {
                            src_unaligned[i] += p;
                        }
                        continue;
                    }
                    let cost = link_cost[next][k];
                    if !cost.is_finite() || after[0] == f64::NEG_INFINITY {
                        continue;
                    }
                    for (from, a) in acc.iter_mut().enumerate() {
                        let c = cost as f64 + after_skip(model, src, tgt, i, j, from);
                        *a = log_add(*a, after[0] - c / t);
                    }
                }
                beta[here] = acc;
            }
        }
        Posterior {
            band,
            alpha,
            beta,
            total,
            src_unaligned,
            tgt_unaligned,
        }
    }

    /// The probability that the path runs through the boundary after source sentence `i - 1`
    /// and target sentence `j - 1`.
    pub fn node(&self, i: usize, j: usize) -> f64 {
        let Some(k) = self.band.index(i, j) else {
            return 0.0;
        };
        let (a, b) = (self.alpha[k], self.beta[k]);
        (0..3)
            .map(|s| (a[s] + b[s] - self.total).exp())
            .sum::<f64>()
            .min(1.0)
    }

    /// The probability of a link found by the search: the weight of the paths that take it
    /// against that of all paths. A link of a shape the search does not build (one merged
    /// from neighbours) gets the chance that the path runs through both its corners, at most.
    pub fn link(
        &self,
        model: &Model,
        src: &SideInfo,
        tgt: &SideInfo,
        pair: &impl Fn(usize, usize) -> super::anchors::Match,
        step: &Step,
    ) -> f64 {
        let (i, j) = (step.i, step.j);
        let (di, dj) = step.shape;
        let (ni, nj) = (i + di, j + dj);
        let corners = self.node(i, j).min(self.node(ni, nj));
        let Some(k) = SHAPES.iter().position(|&s| s == step.shape) else {
            return corners;
        };
        let (Some(prev), Some(next)) = (self.band.index(i, j), self.band.index(ni, nj)) else {
            return 0.0;
        };
        let t = TEMPERATURE;
        let (alpha, after) = (self.alpha[prev], self.beta[next]);
        let mut through = f64::NEG_INFINITY;
        if di == 0 || dj == 0 {
            let (state, noise) = skip_state(src, tgt, i, j, di);
            for (from, &a) in alpha.iter().enumerate() {
                let c = skip_at(model, src, tgt, noise, from, state, (ni, nj));
                through = log_add(through, a - c / t + after[state]);
            }
        } else {
            let (fit, lexical) = link_terms(
                model,
                src,
                tgt,
                pair,
                (i, j),
                (di, dj),
                model.prior(SHAPES[k]),
            );
            for (from, &a) in alpha.iter().enumerate() {
                let c = fit + lexical + after_skip(model, src, tgt, i, j, from);
                through = log_add(through, a - c / t + after[0]);
            }
        }
        (through - self.total).exp().min(1.0)
    }
}

/// The state a skip step from `(pi, pj)` ends in (1: a target sentence left out, 2: a source
/// one) and whether the sentence it leaves out is page noise.
fn skip_state(src: &SideInfo, tgt: &SideInfo, pi: usize, pj: usize, di: usize) -> (usize, bool) {
    if di == 0 {
        (1, tgt.noise[pj])
    } else {
        (2, src.noise[pi])
    }
}
