//! Sentence alignment: Gale-Church length evidence combined with lexical anchors (numbers,
//! names and cognates through transliteration, punctuation, an optional dictionary), found
//! by banded dynamic programming in time and memory linear in the documents' length.

pub mod anchors;
pub mod cost;
pub mod dict;
mod dp;
pub mod translit;

use std::ops::Range;

use crate::segment::Sentence;
use anchors::Anchors;
pub use cost::Model;
pub use dict::Dictionary;

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
    /// Confidence in [0, 1]; 0 for unaligned sentences.
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
    /// Checks that the links tile `0..n` and `0..m` in order; returns what is wrong otherwise.
    ///
    /// ```
    /// use bitext::align::{Alignment, Link};
    /// let a = Alignment { links: vec![Link { src: 0..1, tgt: 0..2, score: 0.9 }, Link { src: 1..2, tgt: 2..2, score: 0.0 }] };
    /// assert!(a.check(2, 2).is_ok());
    /// assert!(a.check(3, 2).is_err());
    /// ```
    pub fn check(&self, n: usize, m: usize) -> Result<(), String> {
        let (mut i, mut j) = (0, 0);
        for (k, l) in self.links.iter().enumerate() {
            if l.src.start != i
                || l.tgt.start != j
                || l.src.end < l.src.start
                || l.tgt.end < l.tgt.start
            {
                return Err(format!(
                    "link {k} ({:?}:{:?}) does not continue at {i}:{j}",
                    l.src, l.tgt
                ));
            }
            if l.src.is_empty() && l.tgt.is_empty() {
                return Err(format!("link {k} is empty on both sides"));
            }
            i = l.src.end;
            j = l.tgt.end;
        }
        if i != n || j != m {
            return Err(format!("links end at {i}:{j}, not at {n}:{m}"));
        }
        Ok(())
    }
}

/// Options of the aligner.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions {
    /// A bilingual dictionary whose word pairs count as lexical evidence.
    pub dict: Option<Dictionary>,
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
    let dict = opts.dict.as_ref();
    let mut model = Model::default();
    let mut src_anchors: Vec<Anchors> = src
        .iter()
        .map(|s| anchors::extract(&s.text, Side::Source, dict))
        .collect();
    let mut tgt_anchors: Vec<Anchors> = tgt
        .iter()
        .map(|s| anchors::extract(&s.text, Side::Target, dict))
        .collect();
    anchors::weigh(&mut src_anchors);
    anchors::weigh(&mut tgt_anchors);
    let side = |sents: &[Sentence], anchors| {
        let len = sents
            .iter()
            .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count() as f64)
            .collect();
        let paragraphs: Vec<usize> = sents.iter().map(|s| s.paragraph).collect();
        let noise = sents.iter().map(|s| s.noise).collect();
        dp::SideInfo::new(len, &paragraphs, noise, anchors)
    };
    let s = side(src, &src_anchors);
    let t = side(tgt, &tgt_anchors);
    let (n, m) = (src.len(), tgt.len());

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
    // First pass: a band around the path on which both sides have used up the same share
    // of their characters; it follows local drift (a left-out paragraph) better than the
    // plain diagonal. The band widens by itself where the best path meets its edge.
    let ratio = if cs > 0.0 {
        t.chars_before(m) / s.chars_before(n)
    } else {
        1.0
    };
    let diagonal = |i: usize| t.position_at(s.chars_before(i) * ratio) as f64;
    // 48 sentences either side covers a left-out passage of that size without widening.
    let steps = dp::search(&model, &s, &t, &diagonal, 48);
    // Second pass: re-estimate the length ratio from the confident 1-1 links of the first
    // pass (an abridged translation skews the totals), and centre the band on the first path.
    // The variance stays at Gale & Church's figure: estimated from the confident links only,
    // it comes out too narrow and the length model then forces 2-2 links on free translations.
    if let Some(ratio) = estimate(&steps, &s, &t, &model) {
        model.ratio = ratio;
    }
    let mut path = vec![0.0; n + 1];
    for st in &steps {
        for k in 0..=st.shape.0 {
            path[st.i + k] = (st.j + st.shape.1.min(k)) as f64;
        }
    }
    path[n] = m as f64;
    let around = |i: usize| path[i];
    // The first path is close to the answer: a narrow band around it suffices.
    let steps = dp::search(&model, &s, &t, &around, 12);
    let links = steps
        .iter()
        .map(|st| Link {
            src: st.i..st.i + st.shape.0,
            tgt: st.j..st.j + st.shape.1,
            score: confidence(&model, st),
        })
        .collect();
    let alignment = Alignment { links };
    debug_assert!(alignment.check(n, m).is_ok());
    alignment
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

/// Maps a link's cost to a confidence in [0, 1]: how much better the link is than leaving
/// its sentences unaligned.
fn confidence(model: &Model, st: &dp::Step) -> f32 {
    let (di, dj) = st.shape;
    if di == 0 || dj == 0 {
        return 0.0;
    }
    let alternative = model.skip * (di + dj) as f64;
    let margin = alternative - st.cost;
    // A margin of one skip is an even bet; each further 1.5 nats multiplies the odds by e.
    let z = (margin - model.skip) / 1.5;
    (1.0 / (1.0 + (-z).exp())) as f32
}
