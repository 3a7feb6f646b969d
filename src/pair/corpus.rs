//! A corpus as pairing finds it: its document pairs, the rule that paired each, and the
//! files left without a partner.

use std::path::PathBuf;

use encoding_rs::Encoding;

use crate::lang::Lang;

/// One document pair of a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct PairPaths {
    /// The document name (file name without language and extension, or a manifest's name).
    pub name: String,
    /// Source file.
    pub src: PathBuf,
    /// Target file.
    pub tgt: PathBuf,
    /// How sure content pairing was that the two files are versions of one document (the
    /// third column of a manifest `bitext pair` wrote); `None` when paired by name.
    pub score: Option<f32>,
    /// The rule that paired the files.
    pub rule: PairingRule,
    /// The source file's encoding, when a manifest names it.
    pub src_encoding: Option<&'static Encoding>,
    /// The target file's encoding, when a manifest names it.
    pub tgt_encoding: Option<&'static Encoding>,
}

/// What paired two files, written in summary.csv's `paired_by` column as its `Display` words
/// it: `NAME_ru.docx + NAME_en.docx`, `ru/NAME.txt + en/NAME.txt`, `manifest line 3`,
/// `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingRule {
    /// Their names, spelled as the two patterns say (`NAME_ru.docx + NAME_en.docx`).
    Names(String),
    /// A line of a manifest (1-based).
    ManifestLine(usize),
    /// What they say: content pairing (`--pair-by content`).
    Content,
}

impl std::fmt::Display for PairingRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairingRule::Names(spelling) => f.write_str(spelling),
            PairingRule::ManifestLine(n) => write!(f, "manifest line {n}"),
            PairingRule::Content => f.write_str("content"),
        }
    }
}

/// A file of a corpus that has no partner in the other language.
#[derive(Debug, Clone, PartialEq)]
pub struct Unpaired {
    /// The file.
    pub path: PathBuf,
    /// The language whose version is missing.
    pub missing: Lang,
    /// Whether the file is on the source side.
    pub is_src: bool,
    /// Why the file was left out when it was not for want of a partner (it could not be
    /// read), as `not aligned: …`.
    pub reason: Option<String>,
    /// True when the file could not be read: an error of the run, not a lone document.
    pub unreadable: bool,
}

/// The pairs found in an input, and files that had no partner.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Pairs sorted by name.
    pub pairs: Vec<PairPaths>,
    /// Files without a partner, sorted by path.
    pub unpaired: Vec<Unpaired>,
}

impl Discovery {
    /// The rules that paired files and how many pairs each made, most used first.
    pub fn rules(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in &self.pairs {
            let rule = p.rule.to_string();
            match counts.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, n)) => *n += 1,
                None => counts.push((rule, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }
}
