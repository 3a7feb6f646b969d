//! Posterior probabilities under the aligner's own model: forward–backward over the band of
//! the final search. Where the cheapest path says which links are best, the posterior says
//! how much of the probability of all paths goes through a link: a link whose boundary could
//! as well lie one sentence further has a low posterior however cheap it is.

use super::cost::{Model, SHAPES};
use super::dp::{after_skip, skip_at, Band, LinkCosts, SideInfo, State, Step};

/// Costs are negative log-likelihoods in nats; paths are weighed by `exp(-cost / TEMPERATURE)`.
/// The costs hold several overlapping pieces of evidence, each priced as if alone, so a path's
/// cost may overstate how sure the model is. Yet with the weights spread (a temperature of
/// two) the score, refitted, ranks the wrong links of the shared gold sets worse (links AUROC
/// 0.922 against 0.935 over every set and shape), and calibration is the score model's work:
/// the costs are taken as they are.
const TEMPERATURE: f64 = 1.0;

/// The forward and backward sums of the band, and what they say about links and sentences.
pub struct Posterior {
    band: Band,
    /// The price of each link in the band, as the search read it.
    prices: LinkCosts,
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

/// A sum of exponentials kept as its largest exponent and the sum scaled by it: one `exp`
/// per term and one `ln` at the end, where adding logarithms pairwise takes both per term.
#[derive(Clone, Copy)]
struct LogSum {
    max: f64,
    sum: f64,
}

/// How far below the largest term of a [`LogSum`] a term stops counting (`exp(-40)` is about
/// 4e-18).
const NEGLIGIBLE: f64 = 40.0;

impl LogSum {
    const EMPTY: LogSum = LogSum {
        max: f64::NEG_INFINITY,
        sum: 0.0,
    };

    fn add(&mut self, x: f64) {
        // A term more than NEGLIGIBLE below the largest changes the sum by less than one
        // part in 10^17: no `exp` is spent on it.
        if x <= self.max {
            if x > self.max - NEGLIGIBLE {
                self.sum += (x - self.max).exp();
            }
        } else {
            self.sum = if self.max > x - NEGLIGIBLE {
                self.sum * (self.max - x).exp() + 1.0
            } else {
                1.0
            };
            self.max = x;
        }
    }

    fn ln(self) -> f64 {
        if self.sum == 0.0 {
            f64::NEG_INFINITY
        } else {
            self.max + self.sum.ln()
        }
    }
}

impl Posterior {
    /// Runs forward–backward over the band a search ran in, with the link prices it read
    /// there and the same skip costs; the two sweeps run side by side.
    pub(super) fn new(
        model: &Model,
        src: &SideInfo,
        tgt: &SideInfo,
        band: Band,
        prices: LinkCosts,
    ) -> Posterior {
        let (n, m) = (src.len.len(), tgt.len.len());
        let lattice = Lattice::new(model, src, tgt, &band, &prices);
        let (alpha, beta) = rayon::join(|| lattice.forward(), || lattice.backward());
        let end = band.offset[n] + m - band.lo[n];
        let mut total = LogSum::EMPTY;
        alpha[end].iter().for_each(|&a| total.add(a));
        let total = total.ln();
        // Each sentence's chance of staying unaligned: the weight of the paths through the
        // skips that leave it out. Rows are summed in parallel, each into its own sentences'
        // shares of the target side, added up after.
        use rayon::prelude::*;
        let through = |i: usize, j: usize, di: usize| -> Option<f64> {
            let here = band.offset[i] + j - band.lo[i];
            let next = band.index(i + di, j + 1 - di)?;
            let (state, noise) = skip_state(src, tgt, i, j, di);
            let mut sum = LogSum::EMPTY;
            for from in State::ALL {
                let c = skip_at(model, src, tgt, noise, from, state, (i + di, j + 1 - di));
                sum.add(alpha[here][from.index()] - c / TEMPERATURE);
            }
            Some((sum.ln() + beta[next][state.index()] - total).exp())
        };
        let rows: Vec<(f64, Vec<(usize, f64)>)> = (0..=n)
            .into_par_iter()
            .map(|i| {
                let mut left = 0.0;
                let mut targets = Vec::new();
                for j in band.lo[i]..=band.hi[i] {
                    if i < n {
                        left += through(i, j, 1).unwrap_or(0.0);
                    }
                    if j < m {
                        if let Some(p) = through(i, j, 0) {
                            targets.push((j, p));
                        }
                    }
                }
                (left, targets)
            })
            .collect();
        let mut src_unaligned = vec![0.0; n];
        let mut tgt_unaligned = vec![0.0; m];
        for (i, (left, targets)) in rows.into_iter().enumerate() {
            if i < n {
                src_unaligned[i] = left;
            }
            for (j, p) in targets {
                tgt_unaligned[j] += p;
            }
        }
        Posterior {
            band,
            prices,
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
    pub fn link(&self, model: &Model, src: &SideInfo, tgt: &SideInfo, step: &Step) -> f64 {
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
        let (alpha, after) = (self.alpha[prev], self.beta[next]);
        let lattice = Lattice::new(model, src, tgt, &self.band, &self.prices);
        let (w, state) = lattice.step((i, j), k, next);
        let mut through = LogSum::EMPTY;
        for from in 0..3 {
            through.add(alpha[from] + w[from] + after[state.index()]);
        }
        let through = through.ln();
        (through - self.total).exp().min(1.0)
    }
}

/// The band and the costs both sweeps read.
struct Lattice<'a, 'b> {
    model: &'a Model,
    src: &'a SideInfo<'b>,
    tgt: &'a SideInfo<'b>,
    band: &'a Band,
    prices: &'a LinkCosts,
}

impl<'a, 'b> Lattice<'a, 'b> {
    fn new(
        model: &'a Model,
        src: &'a SideInfo<'b>,
        tgt: &'a SideInfo<'b>,
        band: &'a Band,
        prices: &'a LinkCosts,
    ) -> Self {
        Lattice {
            model,
            src,
            tgt,
            band,
            prices,
        }
    }

    /// The log weight of the steps from `(i, j)` to `(i + di, j + dj)` as shape `k`, per state
    /// the path leaves `(i, j)` in, and the state it arrives in; `end` is the band's cell
    /// where the step ends.
    fn step(&self, (i, j): (usize, usize), k: usize, end: usize) -> ([f64; 3], State) {
        let (model, src, tgt) = (self.model, self.src, self.tgt);
        let (di, dj) = SHAPES[k];
        let t = TEMPERATURE;
        if di == 0 || dj == 0 {
            let (state, noise) = skip_state(src, tgt, i, j, di);
            let w = State::ALL
                .map(|from| -skip_at(model, src, tgt, noise, from, state, (i + di, j + dj)) / t);
            return (w, state);
        }
        let price = self.prices[end][k] as f64;
        let w = State::ALL.map(|from| -(price + after_skip(model, src, tgt, i, j, from)) / t);
        (w, State::Link)
    }

    /// Log of the summed weight of the paths from the start to each cell, per state.
    fn forward(&self) -> Vec<[f64; 3]> {
        let band = self.band;
        let n = band.lo.len() - 1;
        let mut alpha = vec![[f64::NEG_INFINITY; 3]; band.cells()];
        // Per cell, the log weight of the paths that reach it and go on by a link: what every
        // link out of the cell adds its own price to.
        let mut onward = vec![f64::NEG_INFINITY; band.cells()];
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                let here = band.offset[i] + j - band.lo[i];
                if i == 0 && j == 0 {
                    alpha[here] = [0.0, f64::NEG_INFINITY, f64::NEG_INFINITY];
                    onward[here] = self.onward((i, j), alpha[here]);
                    continue;
                }
                let mut acc = [LogSum::EMPTY; 3];
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let Some(prev) = band.index(i - di, j - dj) else {
                        continue;
                    };
                    if di > 0 && dj > 0 {
                        let price = self.prices[here][k] as f64;
                        acc[State::Link.index()].add(onward[prev] - price / TEMPERATURE);
                        continue;
                    }
                    let base = alpha[prev];
                    if base.iter().all(|b| *b == f64::NEG_INFINITY) {
                        continue;
                    }
                    let (w, state) = self.step((i - di, j - dj), k, here);
                    for from in 0..3 {
                        acc[state.index()].add(base[from] + w[from]);
                    }
                }
                alpha[here] = acc.map(LogSum::ln);
                onward[here] = self.onward((i, j), alpha[here]);
            }
        }
        alpha
    }

    /// The log weight of the paths that reach `(i, j)` with the forward sums `alpha` and leave
    /// it by a link, before that link's price: each state the path arrives in with the
    /// paragraph evidence a link after it takes.
    fn onward(&self, (i, j): (usize, usize), alpha: [f64; 3]) -> f64 {
        if i >= self.src.len.len() || j >= self.tgt.len.len() {
            // No link leaves a cell on the last row or column.
            return f64::NEG_INFINITY;
        }
        let mut sum = LogSum::EMPTY;
        for from in State::ALL {
            let paragraphs = after_skip(self.model, self.src, self.tgt, i, j, from);
            sum.add(alpha[from.index()] - paragraphs / TEMPERATURE);
        }
        sum.ln()
    }

    /// Log of the summed weight of the paths from each cell to the end, per state.
    fn backward(&self) -> Vec<[f64; 3]> {
        let band = self.band;
        let n = band.lo.len() - 1;
        let m = band.hi[n];
        let mut beta = vec![[f64::NEG_INFINITY; 3]; band.cells()];
        let end = band.offset[n] + m - band.lo[n];
        beta[end] = [0.0; 3];
        for i in (0..=n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                let here = band.offset[i] + j - band.lo[i];
                if here == end {
                    continue;
                }
                let mut acc = [LogSum::EMPTY; 3];
                // The links out of the cell, summed before the paragraph evidence of the state
                // the path is in, which is the same for each of them.
                let mut links = LogSum::EMPTY;
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    let Some(next) = band.index(i + di, j + dj) else {
                        continue;
                    };
                    if di > 0 && dj > 0 {
                        let price = self.prices[next][k] as f64;
                        links.add(beta[next][State::Link.index()] - price / TEMPERATURE);
                        continue;
                    }
                    let after = beta[next];
                    let (w, state) = self.step((i, j), k, next);
                    let after = after[state.index()];
                    if after == f64::NEG_INFINITY {
                        continue;
                    }
                    for (a, w) in acc.iter_mut().zip(w) {
                        a.add(after + w);
                    }
                }
                let links = links.ln();
                if links > f64::NEG_INFINITY {
                    for from in State::ALL {
                        let paragraphs = after_skip(self.model, self.src, self.tgt, i, j, from);
                        acc[from.index()].add(links - paragraphs / TEMPERATURE);
                    }
                }
                beta[here] = acc.map(LogSum::ln);
            }
        }
        beta
    }
}

/// The state a skip step from `(pi, pj)` ends in (1: a target sentence left out, 2: a source
/// one) and whether the sentence it leaves out is page noise.
fn skip_state(src: &SideInfo, tgt: &SideInfo, pi: usize, pj: usize, di: usize) -> (State, bool) {
    if di == 0 {
        (State::SkipTarget, tgt.noise[pj])
    } else {
        (State::SkipSource, src.noise[pi])
    }
}
