//! The fingerprint of a document: the features of its text that survive translation
//! (numbers, dates, names and cognates folded to one spelling, lexicon concepts), its title,
//! its size and the words of its file name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::align::anchors::numbers;
use crate::align::translit::fold;
use crate::align::{Dictionary, Side};
use crate::document::{self, Document, ReadOptions};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Word-to-concept evidence for pairing: a word of either side maps to concept numbers that
/// the other side's translations share. A bilingual dictionary is one; a stem lexicon can be
/// another.
pub trait Lexicon: Sync {
    /// The concepts a word of `side` stands for (empty when the lexicon does not know it).
    fn concepts(&self, word: &str, side: Side) -> &[u32];
}

impl Lexicon for Dictionary {
    fn concepts(&self, word: &str, side: Side) -> &[u32] {
        self.lookup(word, side)
    }
}

/// One feature of a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    /// The feature's key (kind and folded text, hashed).
    pub key: u64,
    /// Term weight, 1 + ln count.
    pub tf: f32,
    /// Where the feature first appears, 0 (start of the text) to 1 (end).
    pub at: f32,
}

/// What pairing knows of one document.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// The file.
    pub path: PathBuf,
    /// Features sorted by key: key, term weight (1 + ln count) and where in the text the
    /// feature first appears (0 at the start, 1 at the end).
    pub features: Vec<Feature>,
    /// Feature keys of the title (the first line of text), sorted and unique.
    pub title: Vec<u64>,
    /// Folded words of the file name, sorted and unique.
    pub name: Vec<u64>,
    /// Letters and digits of the text.
    pub chars: usize,
    /// Paragraphs of text.
    pub paragraphs: usize,
}

/// Reads a document through the document readers and takes its fingerprint; a document
/// without text is an error naming the file.
pub fn of_file(
    path: &Path,
    lang: &Lang,
    side: Side,
    read: &ReadOptions,
    lexicon: Option<&dyn Lexicon>,
) -> Result<Fingerprint> {
    let doc = document::read(path, lang, read)?;
    let fp = of_document(path, &doc, side, lexicon);
    if fp.chars == 0 {
        return Err(Error::new(
            path,
            "no article text (the file is empty or holds only page chrome)",
        ));
    }
    Ok(fp)
}

/// The fingerprint of a decoded document; lines marked as page chrome are left out.
pub fn of_document(
    path: &Path,
    doc: &Document,
    side: Side,
    lexicon: Option<&dyn Lexicon>,
) -> Fingerprint {
    // Key → (count, letters before its first occurrence).
    let mut counts: HashMap<u64, (u32, usize)> = HashMap::new();
    let mut title = Vec::new();
    let mut chars = 0;
    let mut paragraphs = 0;
    for paragraph in &doc.paragraphs {
        let mut any = false;
        for line in paragraph.lines.iter().filter(|l| !l.noise) {
            let mut keys = Vec::new();
            features(&line.text, side, lexicon, &mut keys);
            if title.is_empty() && !keys.is_empty() {
                title = keys.clone();
            }
            for k in keys {
                counts.entry(k).or_insert((0, chars)).0 += 1;
            }
            chars += line.text.chars().filter(|c| c.is_alphanumeric()).count();
            any = true;
        }
        paragraphs += usize::from(any);
    }
    let mut features: Vec<Feature> = counts
        .into_iter()
        .map(|(key, (n, first))| Feature {
            key,
            tf: 1.0 + (n as f32).ln(),
            at: first as f32 / chars.max(1) as f32,
        })
        .collect();
    features.sort_by_key(|f| f.key);
    title.sort_unstable();
    title.dedup();
    Fingerprint {
        path: path.to_path_buf(),
        features,
        title,
        name: name_words(path),
        chars,
        paragraphs,
    }
}

/// The feature keys of a line of text, in order, repeats kept.
///
/// ```
/// use bitext::align::Side;
/// use bitext::pair::fingerprint::features;
/// let (mut ru, mut en) = (Vec::new(), Vec::new());
/// features("Визит Абэ во Владивосток 16.05.2013", Side::Source, None, &mut ru);
/// features("Abe's visit to Vladivostok on May 16, 2013", Side::Target, None, &mut en);
/// ru.sort(); en.sort();
/// assert_eq!(ru, en);
/// ```
pub fn features(text: &str, side: Side, lexicon: Option<&dyn Lexicon>, out: &mut Vec<u64>) {
    for number in numbers(text) {
        if number.contains('/') {
            // A date such as 16.05.2013 (read as "16.05/2013"): its day, month and year, as the other language
            // writes them in words ("May 16, 2013").
            let parts: Vec<&str> = number.split(['/', '.']).collect();
            for (i, part) in parts.iter().enumerate() {
                let part = part.trim_start_matches('0');
                match part.parse::<u32>() {
                    Ok(m @ 1..=12) if i == 1 && parts.len() == 3 => {
                        out.push(key('m', &m.to_string()))
                    }
                    _ => out.push(key('#', part)),
                }
            }
        } else {
            out.push(key('#', &number));
        }
    }
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’') {
        let word = word.trim_matches(|c: char| c == '-' || c == '\'' || c == '’');
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if word.is_empty() || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(lexicon) = lexicon {
            for id in lexicon.concepts(word, side) {
                out.push(key('d', &id.to_string()));
            }
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if let Some(m) = month(word, capital) {
            out.push(key('m', &m.to_string()));
            continue;
        }
        let folded = fold(word);
        let letters = folded.chars().count();
        if (capital && letters >= 3) || letters >= 5 {
            let stem: String = folded.chars().take(STEM).collect();
            out.push(key('w', &stem));
        }
    }
}

/// Letters of a folded word that make its key: enough to tell words apart, few enough that
/// Russian endings (Путина, Москве) and English ones (economic, economy) fall off.
const STEM: usize = 5;

/// The month a word names (1 to 12), in Russian (any case) or English (capitalised).
fn month(word: &str, capital: bool) -> Option<u32> {
    const RU: [&str; 12] = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    let lower = word.to_lowercase();
    if lower.is_ascii() {
        if !capital {
            return None;
        }
        let m = crate::lang::ENGLISH_MONTHS
            .iter()
            .position(|m| *m == lower)?;
        return Some(m as u32 + 1);
    }
    let m = RU.iter().position(|stem| {
        let Some(rest) = lower.strip_prefix(stem) else {
            return false;
        };
        if *stem == "ма" {
            matches!(rest, "й" | "я" | "е" | "ю" | "ем")
        } else {
            matches!(rest, "" | "ь" | "я" | "е" | "ю" | "ем" | "а" | "у" | "ом")
        }
    })?;
    Some(m as u32 + 1)
}

/// The folded words of a file name (without its folders and extensions).
fn name_words(path: &Path) -> Vec<u64> {
    let name = crate::document::document_name(path);
    let mut out: Vec<u64> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| key('f', &fold(w).chars().take(STEM).collect::<String>()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A stable key for a feature of a kind (FNV-1a, so results never depend on the run).
fn key(kind: char, text: &str) -> u64 {
    crate::hash::fnv1a(std::iter::once(kind as u8).chain(text.bytes()))
}
