//! Sentence splitting: a document's paragraphs become a list of sentences, each with the
//! index of the paragraph it came from.

mod builtin;
pub mod ends;
pub mod rules;
pub mod srx;
pub mod srx_export;
mod srx_match;

use std::borrow::Cow;

use crate::document::{Document, Paragraph};
use crate::lang::Lang;

pub use srx::SrxRules;

/// One sentence and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// The sentence text, trimmed, with runs of white space squeezed to one space.
    pub text: String,
    /// The index of the paragraph the sentence came from.
    pub paragraph: usize,
    /// True when the sentence comes from a line marked as page noise.
    #[serde(default)]
    pub noise: bool,
}

/// The rules a document is split with.
#[derive(Debug, Clone, Copy)]
pub enum Splitter<'a> {
    /// bitext's own rules for the language (Russian, English; others get neutral rules).
    Builtin(&'static rules::Rules),
    /// Segmentation rules from an SRX 2.0 file, as CAT tools use them.
    Srx(&'a SrxRules),
    /// The input is already one sentence per line.
    Lines,
}

impl Splitter<'_> {
    /// The built-in splitter for a language.
    pub fn builtin(lang: &Lang) -> Splitter<'static> {
        Splitter::Builtin(rules::Rules::for_lang(lang.primary()))
    }

    /// Byte offsets where sentences end inside one stretch of running text.
    fn boundaries(&self, text: &str) -> Vec<usize> {
        match self {
            Splitter::Builtin(rules) => builtin::boundaries(text, rules),
            Splitter::Srx(srx) => srx.boundaries(text),
            Splitter::Lines => Vec::new(),
        }
    }
}

/// Splits every paragraph of a document into sentences.
pub fn split_document(doc: &Document, splitter: &Splitter) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, paragraph) in doc.paragraphs.iter().enumerate() {
        for (text, noise) in stretches(paragraph, splitter) {
            push_sentences(&text, index, noise, splitter, &mut out);
        }
    }
    out
}

/// Splits a plain text in a language with the built-in rules; a blank line ends a paragraph.
///
/// ```
/// let ru = bitext::Lang::parse("ru").unwrap();
/// let s = bitext::segment::split_text("В 2010-2012 гг. Виктор посещал г. Волгоград. Он был рад.", &ru);
/// assert_eq!(s, ["В 2010-2012 гг. Виктор посещал г. Волгоград.", "Он был рад."]);
/// ```
pub fn split_text(text: &str, lang: &Lang) -> Vec<String> {
    let doc = crate::document::parse(text, lang, &Default::default());
    split_document(&doc, &Splitter::builtin(lang))
        .into_iter()
        .map(|s| s.text)
        .collect()
}

fn push_sentences(
    text: &str,
    paragraph: usize,
    noise: bool,
    splitter: &Splitter,
    out: &mut Vec<Sentence>,
) {
    let mut start = 0;
    // Lines of page chrome are cut by the same rules as running text, as a CAT tool cuts
    // them; every piece keeps the noise mark.
    let mut cuts = splitter.boundaries(text);
    cuts.push(text.len());
    for cut in cuts {
        let piece = squeeze(&text[start..cut]);
        if !piece.is_empty() {
            out.push(Sentence {
                text: piece,
                paragraph,
                noise,
            });
        }
        start = cut;
    }
}

fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Joins the lines of a paragraph into stretches of running text: a line break inside a
/// sentence of prose is a soft wrap; lines of a list, a menu or a heading stay apart.
fn stretches<'p>(paragraph: &'p Paragraph, splitter: &Splitter) -> Vec<(Cow<'p, str>, bool)> {
    let lines = &paragraph.lines;
    if matches!(splitter, Splitter::Lines) {
        return lines
            .iter()
            .map(|l| (Cow::Borrowed(l.text.as_str()), l.noise))
            .collect();
    }
    let prose = lines
        .iter()
        .any(|l| !l.noise && l.text.contains(ends::COMMON_TERMS));
    let mut out: Vec<(Cow<'p, str>, bool)> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let join = k > 0
            && prose
            && !line.noise
            && !lines[k - 1].noise
            && soft_wrap(&lines[k - 1].text, &line.text);
        match out.last_mut() {
            Some((text, _)) if join => {
                let text = text.to_mut();
                text.push(' ');
                text.push_str(&line.text);
            }
            _ => out.push((Cow::Borrowed(line.text.as_str()), line.noise)),
        }
    }
    out
}

/// True when `next` continues the sentence of `prev` across a line break.
fn soft_wrap(prev: &str, next: &str) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    if ends::is_bullet(first) || matches!(first, '-' | '–' | '—' | '*') {
        return false;
    }
    if next.split_whitespace().next().is_some_and(|w| {
        let w = w.trim_end_matches(['.', ')']);
        !w.is_empty()
            && w.len() <= 3
            && w.chars().all(|c| c.is_ascii_digit())
            && next.len() > w.len()
    }) {
        return false; // a numbered item
    }
    let last = prev.chars().last().unwrap_or(' ');
    first.is_lowercase()
        || ends::COMMON_TERMS.contains(&last)
        || matches!(last, '»' | '"' | '”' | ')')
        || (prev.chars().count() >= 50 && last != ':')
}
