//! Sentence alignment: Gale-Church length evidence combined with lexical anchors (numbers,
//! names and cognates through transliteration, punctuation, an optional dictionary), found
//! by banded dynamic programming in time and memory linear in the documents' length.

mod aligned;
pub mod anchors;
pub mod cost;
mod coverage;
pub mod dict;
mod dp;
mod elsewhere;
pub mod lexicon;
mod passes;
pub mod path;
mod pieces;
mod posterior;
mod ratio;
pub mod score;
pub mod translit;
mod words;

use std::ops::Range;

use crate::error::Error;
use crate::segment::Sentence;
pub use aligned::{AlignedPair, Moved, Warning, WarningKind};
use anchors::Anchors;
pub use cost::Model;
pub use coverage::coverage;
pub use dict::Dictionary;
pub use elsewhere::{run_pairs, RunPair};
pub use lexicon::Lexicon;
use passes::{first_pass, path_reach, price_partial_sides};
pub use pieces::{continues, sentence_parts};
use ratio::{chain_ratio, clear_links_ratio};

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
    /// Learn stem pairs from the clear links of a first pass and realign with them.
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

/// What the search reads of one side's sentences whatever their anchors, worked out once for
/// both passes: lengths, paragraphs, page noise, inner sentence ends and pieces of sentences.
struct Shape {
    len: Vec<f64>,
    paragraphs: Vec<usize>,
    noise: Vec<bool>,
    parts: Vec<u8>,
    continued: Vec<bool>,
}

impl Shape {
    fn of(sents: &[Sentence]) -> Shape {
        Shape {
            len: sents
                .iter()
                .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count() as f64)
                .collect(),
            paragraphs: sents.iter().map(|s| s.paragraph).collect(),
            noise: sents.iter().map(|s| s.noise).collect(),
            parts: sents.iter().map(|s| sentence_parts(&s.text)).collect(),
            continued: (0..sents.len())
                .map(|k| k > 0 && continues(&sents[k - 1].text, &sents[k].text))
                .collect(),
        }
    }

    /// The search's view of the side with these anchors.
    fn side<'a>(&self, anchors: &'a [Anchors], expected: Vec<f32>) -> dp::SideInfo<'a> {
        dp::SideInfo::new(
            self.len.clone(),
            &self.paragraphs,
            self.noise.clone(),
            anchors,
            expected,
            self.parts.clone(),
            self.continued.clone(),
        )
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
    let (alignment, evidence, _) = align_with(src, tgt, (src_lang, tgt_lang), opts, true);
    (alignment, evidence)
}

/// Aligns two sentence lists as [`align_langs`] does, and returns with the links the runs of
/// unaligned sentences of the two sides aligned against each other (what the scores of
/// unaligned rows read, and where passages moved in the translation show).
pub fn align_with_runs(
    src: &[Sentence],
    tgt: &[Sentence],
    src_lang: &str,
    tgt_lang: &str,
    opts: &AlignOptions,
) -> (Alignment, Vec<RunPair>) {
    let (alignment, _, runs) = align_with(src, tgt, (src_lang, tgt_lang), opts, true);
    (alignment, runs)
}

/// Aligns and scores, looking for unaligned sentences whose translation stands elsewhere when
/// `elsewhere` is set (not in the alignments of unaligned runs that this itself runs), and
/// returns the runs of unaligned sentences aligned against each other too.
fn align_with(
    src: &[Sentence],
    tgt: &[Sentence],
    (src_lang, tgt_lang): (&str, &str),
    opts: &AlignOptions,
    elsewhere: bool,
) -> (Alignment, Vec<score::Evidence>, Vec<RunPair>) {
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
    // Anchors, stems and shape are three tasks per side, so that two threads stay busy
    // when one side reads slower than the other.
    let prepare = |sents: &[Sentence], side: Side, lang: &str| {
        let anchors = || {
            let mut anchors = extract(sents, side);
            anchors::weigh(&mut anchors);
            anchors
        };
        let stems = || {
            let stemmer = lexicon::stemmer(lang);
            lexicon::stems_of(sents.iter().map(|s| s.text.as_str()), stemmer.as_ref())
        };
        let (anchors, (stems, shape)) =
            rayon::join(anchors, || rayon::join(stems, || Shape::of(sents)));
        (anchors, stems, shape)
    };
    let ((mut src_anchors, src_stems, src_shape), (mut tgt_anchors, tgt_stems, tgt_shape)) =
        rayon::join(
            || prepare(src, Side::Source, src_lang),
            || prepare(tgt, Side::Target, tgt_lang),
        );
    if let Some(lex) = &opts.lexicon {
        lex.annotate(&src_stems, &tgt_stems, &mut src_anchors, &mut tgt_anchors);
    }
    let (s, t) = rayon::join(
        || src_shape.side(&src_anchors, vec![0.0; n]),
        || tgt_shape.side(&tgt_anchors, vec![0.0; m]),
    );

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
    if !cost::USUAL_RATIOS.contains(&model.ratio) {
        ratios.push(1.0);
    }
    let mut tried: Vec<f64> = Vec::new();
    let mut best: Option<(f64, f64, Vec<dp::Step>)> = None;
    for ratio in ratios {
        if tried
            .iter()
            .any(|r| (ratio / r - 1.0).abs() < cost::SAME_RATIO)
        {
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
    // Second pass: re-estimate the length ratio from the clear 1-1 links of the first
    // pass (an abridged translation skews the totals), and centre the band on the first path.
    // The variance stays at Gale & Church's figure: estimated from the clear links only,
    // it comes out too narrow and the length model then forces 2-2 links on free translations.
    if let Some(ratio) = clear_links_ratio(&steps, &s, &t, &model) {
        model.ratio = ratio;
    }
    // The first and last target position the first path takes in each row (it leaves the
    // row at the last): a run of target sentences left unaligned spans a row, and the band
    // must hold all of it.
    let reach = path_reach(&steps, n, m);
    drop((s, t));
    // The stem pairs that the clear 1-1 links of the first pass share count as evidence
    // in the second.
    if opts.learn {
        let given = opts.lexicon.as_ref();
        let mut learned = Lexicon::learn(
            passes::clear_one_to_one(&steps, &model)
                .map(|st| (src_stems[st.i].as_slice(), tgt_stems[st.j].as_slice())),
        );
        learned
            .pairs
            .retain(|k, _| given.is_none_or(|g| !g.pairs.contains_key(k)));
        learned.annotate(&src_stems, &tgt_stems, &mut src_anchors, &mut tgt_anchors);
    }
    // The stems have done their work: the second pass needs only the anchors.
    // Freeing them is left to another thread.
    rayon::spawn(move || drop((src_stems, tgt_stems)));
    // The words and lexicon pairs of a sentence that recur within three sentences of the
    // first path on the other side are expected in its link: a sentence whose expected
    // evidence a link lacks (one left out of the translation, glued to its neighbour's
    // link or paired with another left-out sentence) costs the link.
    let window = cost::EXPECTED_WINDOW;
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
    let (s, t) = rayon::join(
        || src_shape.side(&src_anchors, src_expected),
        || tgt_shape.side(&tgt_anchors, tgt_expected),
    );
    let around = |i: usize| reach[i];
    // The first path is close to the answer: a narrow band around it suffices.
    let searched = dp::search(&model, &s, &t, &around, cost::SECOND_BAND);
    let steps = dp::merge(&model, &s, &t, searched.steps);
    // Each row's score: its posterior under the model, over the band of the search, beside
    // position-free evidence.
    let posterior = posterior::Posterior::new(&model, &s, &t, searched.band, searched.costs);
    let direct = |a: usize, b: usize| s.matches(&t, a, b);
    let sides = score::Sides {
        src: &s,
        tgt: &t,
        src_text: src.iter().map(|x| x.text.as_str()).collect(),
        tgt_text: tgt.iter().map(|x| x.text.as_str()).collect(),
    };
    let runs = if elsewhere {
        let rows: Vec<_> = steps
            .iter()
            .map(|st| (st.i..st.i + st.shape.0, st.j..st.j + st.shape.1))
            .collect();
        run_pairs(src, tgt, &rows, (src_lang, tgt_lang), opts)
    } else {
        Vec::new()
    };
    let found = elsewhere::best_scores(&runs, n, m);
    let evidence = score::evidence(&model, &sides, &posterior, &direct, &steps, &found);
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
    (alignment, evidence, runs)
}
