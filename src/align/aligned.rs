//! What aligning a document pair gives: both sentence lists, the links, and the warnings
//! about doubtful input.

use std::ops::Range;

/// An aligned document pair: both sentence lists, the links and any warnings.
#[derive(Debug, Clone)]
pub struct AlignedPair {
    /// A name for the pair, used as `x-document` in memories (usually the file stem).
    pub name: String,
    /// Source language.
    pub src_lang: crate::lang::Lang,
    /// Target language.
    pub tgt_lang: crate::lang::Lang,
    /// Source sentences.
    pub src: Vec<crate::segment::Sentence>,
    /// Target sentences.
    pub tgt: Vec<crate::segment::Sentence>,
    /// Links tiling both sentence lists.
    pub alignment: super::Alignment,
    /// Doubtful input noticed on the way, one line each.
    pub warnings: Vec<Warning>,
    /// Passages unaligned where they stand on both sides that match each other (moved
    /// elsewhere in the translation): review tables offer their links as suggestions.
    pub moved: Vec<Moved>,
    /// The source and target files the pair was read from (after any exchange of swapped
    /// sides); `None` for texts that came without files.
    pub files: Option<(std::path::PathBuf, std::path::PathBuf)>,
}

impl AlignedPair {
    /// The other side's sentences that an unaligned row most likely translates: the
    /// well-scored link of a moved passage that holds all of the row's sentences.
    pub fn suggestion(&self, l: &super::Link) -> Option<Range<usize>> {
        if l.is_pair() {
            return None;
        }
        let within = |inner: &Range<usize>, of: &Range<usize>| {
            !inner.is_empty() && of.start <= inner.start && inner.end <= of.end
        };
        self.moved.iter().flat_map(|m| &m.links).find_map(|(s, t)| {
            if within(&l.src, s) {
                Some(t.clone())
            } else if within(&l.tgt, t) {
                Some(s.clone())
            } else {
                None
            }
        })
    }
}

/// What a warning is about, so that code can act on a warning without reading its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// Both sides look like the same language.
    SameLanguage,
    /// The sides look given the wrong way round; they were aligned exchanged.
    Swapped,
    /// One side has ten times the sentences of the other.
    SizesApart,
    /// One side has no words, only numbers and marks.
    NoWords,
    /// The links cover only a part of one side.
    Coverage,
    /// A passage looks moved to another place in the translation.
    Moved,
    /// Something about how a text was decoded (a guessed encoding, replaced bytes).
    Decoding,
}

/// A doubt about a pair that was aligned anyway: its kind, and the line a user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What the warning is about.
    pub kind: WarningKind,
    /// The warning as users read it, one line.
    pub text: String,
}

impl Warning {
    /// A warning of `kind` worded `text`.
    pub fn new(kind: WarningKind, text: impl Into<String>) -> Warning {
        Warning {
            kind,
            text: text.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A passage unaligned where it stands on both sides, whose source and target runs align
/// well with each other: most likely one passage put in another place.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The source sentences it covers (from the first to the last well-linked one).
    pub src: Range<usize>,
    /// The target sentences it covers.
    pub tgt: Range<usize>,
    /// The links between them that score well (0.8 or more), as sentence ranges of the
    /// whole documents: what a reviewer is offered.
    pub links: Vec<(Range<usize>, Range<usize>)>,
}

impl Moved {
    /// The warning that names the passage.
    pub fn warning(&self) -> String {
        format!(
            "a passage seems moved: source sentences {}–{} match target sentences {}–{}, unaligned where they stand (link them in the review; the review table suggests each link in its suggest column)",
            self.src.start,
            self.src.end - 1,
            self.tgt.start,
            self.tgt.end - 1
        )
    }
}
