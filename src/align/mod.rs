//! Sentence alignment: Gale-Church length evidence combined with lexical anchors (numbers,
//! names and cognates through transliteration, punctuation, an optional dictionary), found
//! by banded dynamic programming in time and memory linear in the documents' length.

pub mod anchors;
pub mod cost;
pub mod dict;
mod dp;
pub mod lexicon;
pub mod path;
mod posterior;
pub mod score;
pub mod translit;
mod words;

use std::ops::Range;

use crate::error::Error;
use crate::segment::Sentence;
use anchors::Anchors;
pub use cost::Model;
pub use dict::Dictionary;
pub use lexicon::Lexicon;

/// Which side of the pair a sentence is on, for the dictionary lookup direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The source language.
    Source,
    /// The target language.
    Target,
}

/// One bead of an alignment: consecutive source sentences paired with consecutive target
/// sentences. Either range may be empty (a sentence left unaligned).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// The probability that the link is right: for a pair, that it is a link of a correct
    /// alignment; for a sentence left unaligned, that it truly has no counterpart.
    pub score: f32,
}

impl Link {
    /// The link type as reviewers write it, e.g. `1-1`, `2-1`, `0-1`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }

    /// True when both sides hold sentences (a translation pair, not an unaligned sentence).
    pub fn is_pair(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }
}

/// The links between two sentence lists. Invariant: the source ranges tile `0..n` and the
/// target ranges tile `0..m`, in order, so every sentence appears exactly once.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Alignment {
    /// Links in document order.
    pub links: Vec<Link>,
}

impl Alignment {
    /// Checks that the links tile `0..n` and `0..m` in order; returns what is wrong otherwise
    /// (an error that names no file: the caller names it with [`Error::in_file`]).
    ///
    /// ```
    /// use bitext::align::{Alignment, Link};
    /// let a = Alignment { links: vec![Link { src: 0..1, tgt: 0..2, score: 0.9 }, Link { src: 1..2, tgt: 2..2, score: 0.0 }] };
    /// assert!(a.check(2, 2).is_ok());
    /// assert!(a.check(3, 2).is_err());
    /// ```
    pub fn check(&self, n: usize, m: usize) -> crate::Result<()> {
        let (mut i, mut j) = (0, 0);
        for (k, l) in self.links.iter().enumerate() {
            if l.src.start != i
                || l.tgt.start != j
                || l.src.end < l.src.start
                || l.tgt.end < l.tgt.start
            {
                return Err(Error::unnamed(format!(
                    "link {k} ({:?}:{:?}) does not continue at {i}:{j}",
                    l.src, l.tgt
                )));
            }
            if l.src.is_empty() && l.tgt.is_empty() {
                return Err(Error::unnamed(format!("link {k} is empty on both sides")));
            }
            i = l.src.end;
            j = l.tgt.end;
        }
        if i != n || j != m {
            return Err(Error::unnamed(format!(
                "links end at {i}:{j}, not at {n}:{m}"
            )));
        }
        Ok(())
    }
}

/// Options of the aligner.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// A bilingual dictionary whose word pairs count as lexical evidence.
    pub dict: Option<Dictionary>,
    /// Stem pairs known to translate each other (learned over a corpus, or saved earlier).
    pub lexicon: Option<Lexicon>,
    /// Learn stem pairs from the confident links of a first pass and realign with them.
    pub learn: bool,
    /// Use lexical anchors (numbers, names, cognates, punctuation, dictionary pairs); without
    /// them sentence lengths alone decide, which is what the ablation table measures.
    pub anchors: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            dict: None,
            lexicon: None,
            learn: true,
            anchors: true,
        }
    }
}

/// Aligns two sentence lists.
///
/// ```
/// use bitext::{align::{align, AlignOptions}, Lang, segment::split_text, Sentence};
/// let sents = |t: &str, l: &str| split_text(t, &Lang::parse(l).unwrap()).into_iter()
///     .map(|text| Sentence { text, paragraph: 0, noise: false }).collect::<Vec<_>>();
/// let ru = sents("Путин встретился с Абэ в 2013 г. Они обсудили газ.", "ru");
/// let en = sents("Putin met Abe in 2013. They discussed gas.", "en");
/// let a = align(&ru, &en, &AlignOptions::default());
/// assert_eq!(a.links.len(), 2);
/// assert_eq!(a.links[0].kind(), "1-1");
/// ```
pub fn align(src: &[Sentence], tgt: &[Sentence], opts: &AlignOptions) -> Alignment {
    align_langs(src, tgt, "", "", opts)
}

/// Aligns two sentence lists in the given languages (primary subtags such as `ru`, `en`),
/// whose Snowball stemmers reduce words to stems for the lexicon.
pub fn align_langs(
    src: &[Sentence],
    tgt: &[Sentence],
    src_lang: &str,
    tgt_lang: &str,
    opts: &AlignOptions,
) -> Alignment {
    align_scored(src, tgt, src_lang, tgt_lang, opts).0
}

/// Aligns two sentence lists as [`align_langs`] does, and returns with the links the evidence
/// each link's score was worked out from (in the same order).
pub fn align_scored(
    src: &[Sentence],
    tgt: &[Sentence],
    src_lang: &str,
    tgt_lang: &str,
    opts: &AlignOptions,
) -> (Alignment, Vec<score::Evidence>) {
    let dict = opts.dict.as_ref();
    let (n, m) = (src.len(), tgt.len());
    let mut model = Model::default();
    let extract = |sents: &[Sentence], side: Side| -> Vec<Anchors> {
        if opts.anchors {
            anchors::extract_all(sents.iter().map(|s| s.text.as_str()), side, dict)
        } else {
            vec![Anchors::default(); sents.len()]
        }
    };
    // Each side's anchors (weighed by how often they recur) and stems, both sides at once.
    let prepare = |sents: &[Sentence], side: Side, lang: &str| {
        let mut anchors = extract(sents, side);
        anchors::weigh(&mut anchors);
        let stemmer = lexicon::stemmer(lang);
        let stems = lexicon::stems_of(sents.iter().map(|s| s.text.as_str()), stemmer.as_ref());
        (anchors, stems)
    };
    let ((mut src_anchors, src_stems), (mut tgt_anchors, tgt_stems)) = rayon::join(
        || prepare(src, Side::Source, src_lang),
        || prepare(tgt, Side::Target, tgt_lang),
    );
    if let Some(lex) = &opts.lexicon {
        lex.annotate(&src_stems, &tgt_stems, &mut src_anchors, &mut tgt_anchors);
    }
    fn side<'a>(
        sents: &[Sentence],
        anchors: &'a [Anchors],
        expected: Vec<f32>,
    ) -> dp::SideInfo<'a> {
        let len = sents
            .iter()
            .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count() as f64)
            .collect();
        let paragraphs: Vec<usize> = sents.iter().map(|s| s.paragraph).collect();
        let noise = sents.iter().map(|s| s.noise).collect();
        let parts = sents.iter().map(|s| sentence_parts(&s.text)).collect();
        let continued = (0..sents.len())
            .map(|k| k > 0 && continues(&sents[k - 1].text, &sents[k].text))
            .collect();
        dp::SideInfo::new(len, &paragraphs, noise, anchors, expected, parts, continued)
    }
    let s = side(src, &src_anchors, vec![0.0; n]);
    let t = side(tgt, &tgt_anchors, vec![0.0; m]);

    let content = |info: &dp::SideInfo| -> f64 {
        info.len
            .iter()
            .zip(&info.noise)
            .filter(|(_, &nz)| !nz)
            .map(|(l, _)| l)
            .sum()
    };
    let (cs, ct) = (content(&s), content(&t));
    if cs > 0.0 && ct > 0.0 {
        model.ratio = ct / cs;
    }
    // The chain of rare shared anchors: where the two documents overlap.
    let candidates = path::candidates(&src_anchors, &tgt_anchors);
    // Sentence pairs whose shared rare anchors weigh as much as one anchor found in those
    // two sentences only: a link of one of them that lacks its partner goes against that
    // evidence wherever the path runs.
    let mut unique: Vec<Vec<usize>> = vec![Vec::new(); n];
    for p in candidates.iter().filter(|p| p.weight >= 1.0) {
        unique[p.i].push(p.j);
    }
    // Without its stray stretches (chance matches at the edge of a part).
    let points = path::prune(path::chain(&candidates, m));
    // Candidate length ratios: the whole documents', the anchored part's, and an even one.
    // A passage present on one side only skews the totals, and a document with few anchors
    // cannot tell its part's ratio, so each distinct candidate runs the first pass and the
    // cheapest path decides, with the prior of the ratio added (a ratio far from even would
    // otherwise fit a part onto the start of the whole).
    let mut ratios = vec![model.ratio];
    let chained = chain_ratio(&points, &s, &t);
    ratios.extend(chained);
    if !(0.67..1.5).contains(&model.ratio) {
        ratios.push(1.0);
    }
    let mut tried: Vec<f64> = Vec::new();
    let mut best: Option<(f64, f64, Vec<dp::Step>)> = None;
    for ratio in ratios {
        if tried.iter().any(|r| (ratio / r - 1.0).abs() < 0.1) {
            continue;
        }
        tried.push(ratio);
        let model = Model {
            ratio,
            ..model.clone()
        };
        let steps = first_pass(&model, &s, &t, &points, m);
        let cost = steps.iter().map(|st| st.cost).sum::<f64>() + cost::ratio_cost(ratio);
        if best.as_ref().is_none_or(|b| cost < b.1) {
            best = Some((ratio, cost, steps));
        }
    }
    let (ratio, _, mut steps) = best.expect("one ratio is always tried");
    model.ratio = ratio;
    // A side covered only in part shows long runs of unaligned sentences: once their
    // continuation is priced from the runs found, the first pass runs again.
    if price_partial_sides(&mut model, &steps, &s, &t, points.first()) {
        steps = first_pass(&model, &s, &t, &points, m);
    }
    let pairs = steps.iter().filter(|st| st.shape.0 > 0 && st.shape.1 > 0);
    let natural = pairs
        .clone()
        .filter(|st| match st.shape {
            (1, k) if k > 1 => s.parts[st.i] == 1,
            (k, 1) if k > 1 => t.parts[st.j] == 1,
            _ => false,
        })
        .count();
    model.estimate_recast(natural, pairs.count());
    // Second pass: re-estimate the length ratio from the confident 1-1 links of the first
    // pass (an abridged translation skews the totals), and centre the band on the first path.
    // The variance stays at Gale & Church's figure: estimated from the confident links only,
    // it comes out too narrow and the length model then forces 2-2 links on free translations.
    if let Some(ratio) = estimate(&steps, &s, &t, &model) {
        model.ratio = ratio;
    }
    // The first and last target position the first path takes in each row (it leaves the
    // row at the last): a run of target sentences left unaligned spans a row, and the band
    // must hold all of it.
    let reach = path_reach(&steps, n, m);
    drop((s, t));
    // The stem pairs that the confident 1-1 links of the first pass share count as evidence
    // in the second.
    if opts.learn {
        let given = opts.lexicon.as_ref();
        let mut learned = Lexicon::learn(
            confident(&steps, &model)
                .map(|st| (src_stems[st.i].as_slice(), tgt_stems[st.j].as_slice())),
        );
        learned
            .pairs
            .retain(|k, _| given.is_none_or(|g| !g.pairs.contains_key(k)));
        learned.annotate(&src_stems, &tgt_stems, &mut src_anchors, &mut tgt_anchors);
    }
    // The stems have done their work: the second pass needs only the anchors.
    drop((src_stems, tgt_stems));
    // The words and lexicon pairs of a sentence that recur within three sentences of the
    // first path on the other side are expected in its link: a sentence whose expected
    // evidence a link lacks (one left out of the translation, glued to its neighbour's
    // link or paired with another left-out sentence) costs the link.
    let window = 3;
    let (src_expected, tgt_expected) = anchors::expected(&src_anchors, &tgt_anchors, |i| {
        let lo = (reach[i].1 as usize).saturating_sub(window);
        let hi = (reach[i + 1].1 as usize + window + 1).min(m);
        (lo..hi).chain(
            unique[i]
                .iter()
                .copied()
                .filter(move |&j| j < lo || j >= hi),
        )
    });
    let s = side(src, &src_anchors, src_expected);
    let t = side(tgt, &tgt_anchors, tgt_expected);
    let around = |i: usize| reach[i];
    // The first path is close to the answer: a narrow band around it suffices.
    let (steps, width) = dp::search(&model, &s, &t, &around, 12);
    let steps = dp::merge(&model, &s, &t, steps);
    // Each row's score: its posterior under the model, over the band of the search, beside
    // position-free evidence.
    let posterior = posterior::Posterior::new(&model, &s, &t, &around, width);
    let direct = |a: usize, b: usize| anchors::matches(&src_anchors[a], &tgt_anchors[b]);
    let sides = score::Sides {
        src: &s,
        tgt: &t,
        src_text: src.iter().map(|x| x.text.as_str()).collect(),
        tgt_text: tgt.iter().map(|x| x.text.as_str()).collect(),
    };
    let evidence = score::evidence(&model, &sides, &posterior, &direct, &steps);
    let links = steps
        .iter()
        .zip(&evidence)
        .map(|(st, e)| Link {
            src: st.i..st.i + st.shape.0,
            tgt: st.j..st.j + st.shape.1,
            score: score::probability(e),
        })
        .collect();
    let alignment = Alignment { links };
    debug_assert!(alignment.check(n, m).is_ok());
    (alignment, evidence)
}

/// The first and last target position a path takes in each row (it leaves the row at the
/// last): a run of target sentences left unaligned spans a row.
fn path_reach(steps: &[dp::Step], n: usize, m: usize) -> Vec<(f64, f64)> {
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
fn price_partial_sides(
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
fn first_pass(
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
    let width = if points.is_empty() { 48 } else { 16 };
    dp::search(model, s, t, &rough, width).0
}

/// True when `this` reads as the rest of the sentence `prev` began: it opens with a small
/// letter, or `prev` stopped at a semicolon or colon (text split inside a sentence).
///
/// ```
/// # use bitext::align::continues;
/// assert!(continues("Bald war die Stelle gefunden :", "etwa hundert Schritt flussaufwärts ."));
/// assert!(continues("Il pleuvait ;", "Nous sommes partis ."));
/// assert!(!continues("He left.", "She stayed."));
/// assert!(!continues("He left.", "1956 was a dry year."));
/// ```
pub fn continues(prev: &str, this: &str) -> bool {
    let stopped = prev
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, ';' | ':'));
    let small = this
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase());
    stopped || small
}

/// How many sentences a segment holds, by the sentence ends inside it: ".", "?" or "!"
/// (with any closing quotes) followed by a space and a capital letter or an opening quote,
/// unless the word before the point is a single letter or an abbreviation-like word of at
/// most three letters ("Mr.", "St.", "J."); a point set off by a space (tokenised text)
/// always ends a sentence.
///
/// ```
/// # use bitext::align::sentence_parts;
/// assert_eq!(sentence_parts("He left. She stayed."), 2);
/// assert_eq!(sentence_parts("Mr. Smith met J. Doe in St. Louis."), 1);
/// assert_eq!(sentence_parts("\"Why?\" he asked. \"Because.\""), 2);
/// ```
pub fn sentence_parts(text: &str) -> u8 {
    let chars: Vec<char> = text.trim_end().chars().collect();
    let mut parts = 1u8;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut e = k + 1;
            while e < chars.len()
                && matches!(
                    chars[e],
                    '"' | '\'' | '»' | '”' | '’' | ')' | '.' | '?' | '!'
                )
            {
                e += 1;
            }
            let next = chars.get(e + 1).copied();
            let opens = next.is_some_and(|n| {
                n.is_uppercase() || matches!(n, '"' | '«' | '“' | '„' | '‘' | '—' | '–')
            });
            if chars.get(e).is_some_and(|s| s.is_whitespace()) && opens {
                let word = chars[..k]
                    .iter()
                    .rev()
                    .take_while(|w| w.is_alphabetic())
                    .count();
                let spaced = k > 0 && chars[k - 1].is_whitespace();
                if c != '.' || word > 3 || spaced {
                    parts = parts.saturating_add(1);
                }
            }
            k = e;
        } else {
            k += 1;
        }
    }
    parts
}

/// The length ratio of the part of the documents that the anchor chain spans, when it spans
/// enough of both sides to tell (or, when a passage on one side only skews that span, the
/// length-weighted median ratio of the stretches between anchors); otherwise the median
/// ratio of the anchored sentence pairs (a part of a document does not share the whole's).
fn chain_ratio(points: &[path::Point], s: &dp::SideInfo, t: &dp::SideInfo) -> Option<f64> {
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

/// The 1-1 links of a pass that are clearly better than leaving their sentences unaligned.
fn confident<'a>(steps: &'a [dp::Step], model: &'a Model) -> impl Iterator<Item = &'a dp::Step> {
    steps
        .iter()
        .filter(|st| st.shape == (1, 1) && st.cost < model.skip)
}

/// The length ratio seen in the clear 1-1 links of a first alignment.
fn estimate(steps: &[dp::Step], s: &dp::SideInfo, t: &dp::SideInfo, model: &Model) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = steps
        .iter()
        .filter(|st| st.shape == (1, 1) && st.cost < model.skip && s.len[st.i] > 0.0)
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
