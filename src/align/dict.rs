//! Bilingual dictionaries as users have them: dictd files (`NAME.index` with `NAME.dict.dz`
//! or `NAME.dict` beside it, as Debian's `mueller7-dict` and FreeDict install them),
//! hunalign's `target @ source` lines, or a two-column TSV (`source<TAB>target`).
//!
//! Every entry is reduced to single-word pairs of stems (Snowball stemmers where the
//! language has one): phrases, grammar labels, transcriptions and examples are skipped, and
//! a sentence word matches an entry through its stem, whatever its form.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::translit::fold;
use super::words::{is_stopword, stemmer};
use super::Side;
use crate::error::{Error, Result};
use crate::lang::{Lang, Script};

/// The single-word translations kept per dictd headword: the first senses are the common
/// ones; the rest mostly add rare meanings that match by accident.
const SENSES: usize = 6;

/// Stem pairs; each pair has an index that both sides' anchors share.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    source: HashMap<String, Vec<u32>>,
    target: HashMap<String, Vec<u32>>,
    pairs: u32,
    src_lang: String,
    tgt_lang: String,
}

impl Dictionary {
    /// Reads a dictionary file for a language pair: a dictd `.index` (or its `.dict.dz`),
    /// else a text of hunalign or TSV lines, where a line that is neither is an error naming
    /// the line. A dictionary written the other way round (English headwords for a
    /// Russian source) is turned round by the scripts of its words.
    pub fn load(path: &Path, src: &Lang, tgt: &Lang) -> Result<Dictionary> {
        if let Some((index, body)) = dictd_files(path) {
            return Dictionary::dictd(&index, &body, src, tgt);
        }
        if path.extension().is_some_and(|x| x == "index") && path.is_file() {
            return Err(Error::new(
                path,
                "a dictd index needs its entries beside it (NAME.dict.dz or NAME.dict)",
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = crate::document::decode(&bytes, None)
            .map_err(|e| e.in_file(path))?
            .text;
        let d = Dictionary::parse(&text, src, tgt).map_err(|e| e.in_file(path))?;
        if d.is_empty() {
            return Err(Error::new(path, "no single-word pairs in this dictionary"));
        }
        Ok(d)
    }

    /// Parses hunalign (`target @ source`) or TSV (`source<TAB>target`) lines. Entries of
    /// several words are skipped.
    ///
    /// ```
    /// use bitext::{align::dict::Dictionary, Lang};
    /// let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
    /// let d = Dictionary::parse("gas @ газ\nвизит\tvisit\nпод ключ\tturnkey\n", &ru, &en).unwrap();
    /// assert_eq!(d.len(), 2);
    /// ```
    pub fn parse(text: &str, src: &Lang, tgt: &Lang) -> Result<Dictionary> {
        let mut pairs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (s, t) = if let Some((t, s)) = line.split_once(" @ ") {
                (s.trim(), t.trim())
            } else if let Some((s, t)) = line.split_once('\t') {
                (s.trim(), t.trim())
            } else {
                return Err(Error::in_text(
                    (n + 1) as u64,
                    "expected 'target @ source' or 'source<TAB>target'",
                ));
            };
            if s.is_empty() || t.is_empty() {
                return Err(Error::in_text(
                    (n + 1) as u64,
                    "empty word in a dictionary pair",
                ));
            }
            pairs.push((s.to_string(), t.to_string()));
        }
        Ok(Dictionary::from_pairs(pairs, src, tgt))
    }

    /// Reads a dictd dictionary: the index (`headword<TAB>offset<TAB>length`, base64
    /// numbers) and the entries' text, gzip-compressed (`.dict.dz`) or not.
    fn dictd(index: &Path, body: &Path, src: &Lang, tgt: &Lang) -> Result<Dictionary> {
        let raw = std::fs::read(body).map_err(|e| Error::io(body, e))?;
        let data = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(raw.as_slice())
                .read_to_end(&mut out)
                .map_err(|e| Error::new(body, format!("cannot decompress: {e}")))?;
            out
        } else {
            raw
        };
        let list = std::fs::read_to_string(index).map_err(|e| Error::io(index, e))?;
        let mut pairs = Vec::new();
        for (n, line) in list.lines().enumerate() {
            let mut fields = line.split('\t');
            let (Some(head), Some(offset), Some(len)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(Error::at(
                    index,
                    (n + 1) as u64,
                    "expected headword<TAB>offset<TAB>length",
                ));
            };
            let (Some(offset), Some(len)) = (base64(offset), base64(len)) else {
                return Err(Error::at(index, (n + 1) as u64, "bad offset or length"));
            };
            if !is_word(head) {
                continue;
            }
            let Some(entry) = data.get(offset..offset.saturating_add(len)) else {
                return Err(Error::at(
                    index,
                    (n + 1) as u64,
                    format!("the entry lies beyond the end of {}", body.display()),
                ));
            };
            let entry = String::from_utf8_lossy(entry);
            for word in translations(&entry, head).into_iter().take(SENSES) {
                pairs.push((head.to_string(), word));
            }
        }
        let d = Dictionary::from_pairs(pairs, src, tgt);
        if d.is_empty() {
            return Err(Error::new(index, "no single-word pairs in this dictionary"));
        }
        Ok(d)
    }

    /// Builds the stem pairs of word pairs, turned round when the scripts of the words say
    /// the first word is in the target language.
    fn from_pairs(pairs: Vec<(String, String)>, src: &Lang, tgt: &Lang) -> Dictionary {
        let mut d = Dictionary {
            src_lang: src.primary().to_string(),
            tgt_lang: tgt.primary().to_string(),
            ..Dictionary::default()
        };
        let reversed = src.script() != tgt.script() && {
            let in_script =
                |w: &str, s: Script| w.chars().find_map(Script::of).is_some_and(|x| x == s);
            let wrong = pairs
                .iter()
                .filter(|(a, _)| in_script(a, tgt.script()))
                .count();
            wrong * 2 > pairs.len()
        };
        let (ss, ts) = (stemmer(&d.src_lang), stemmer(&d.tgt_lang));
        let mut ids: HashMap<(String, String), u32> = HashMap::new();
        for (a, b) in pairs {
            let (s, t) = if reversed { (b, a) } else { (a, b) };
            if !is_word(&s) || !is_word(&t) {
                continue;
            }
            let (Some(sk), Some(tk)) = (stem(&s, ss.as_ref()), stem(&t, ts.as_ref())) else {
                continue;
            };
            if ids.contains_key(&(sk.clone(), tk.clone())) {
                continue;
            }
            let id = d.pairs;
            d.pairs += 1;
            // A headword is filed under its stem and its own lower-case form too: Snowball
            // may cut a base form shorter than the inflected ones ("визит" to "виз", while
            // "визитом" gives "визит").
            for (map, word, key) in [(&mut d.source, &s, &sk), (&mut d.target, &t, &tk)] {
                let lower = word.to_lowercase();
                for k in [key.clone(), lower] {
                    let ids = map.entry(k).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ids.insert((sk, tk), id);
        }
        d
    }

    /// The number of stem pairs.
    pub fn len(&self) -> usize {
        self.pairs as usize
    }

    /// True when the dictionary holds no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs == 0
    }

    /// The pair indices a word of one side takes part in, matched through its stem; stop
    /// words and words under three letters match nothing.
    pub fn lookup(&self, word: &str, side: Side) -> &[u32] {
        let (map, lang) = match side {
            Side::Source => (&self.source, &self.src_lang),
            Side::Target => (&self.target, &self.tgt_lang),
        };
        stem(word, stemmer(lang).as_ref())
            .and_then(|s| map.get(&s))
            .map_or(&[], Vec::as_slice)
    }
}

/// The stem a word is matched by: lower case, Snowball-stemmed; `None` for stop words and
/// words under three letters.
fn stem(word: &str, stemmer: Option<&rust_stemmers::Stemmer>) -> Option<String> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 3 || is_stopword(&fold(&lower)) {
        return None;
    }
    Some(match stemmer {
        Some(s) => s.stem(&lower).into_owned(),
        None => lower,
    })
}

/// One word: letters, with hyphens or apostrophes inside.
fn is_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphabetic)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// The dictd files of a path: the index and the entries' file beside it, when the path is
/// one of them.
fn dictd_files(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let name = path.file_name()?.to_str()?;
    let stem = name
        .strip_suffix(".index")
        .or_else(|| name.strip_suffix(".dict.dz"))
        .or_else(|| name.strip_suffix(".dict"))?;
    let index = path.with_file_name(format!("{stem}.index"));
    let body = ["dict.dz", "dict"]
        .iter()
        .map(|ext| path.with_file_name(format!("{stem}.{ext}")))
        .find(|p| p.is_file())?;
    index.is_file().then_some((index, body))
}

/// Decodes a dictd base64 number.
fn base64(s: &str) -> Option<usize> {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    s.bytes().try_fold(0usize, |n, b| {
        let d = DIGITS.iter().position(|&x| x == b)?;
        n.checked_mul(64)?.checked_add(d)
    })
}

/// The single-word translations of a dictd entry, in order: the body after the headword
/// line, without transcriptions (`[…]`, `/…/`), remarks in parentheses, grammar and usage
/// labels (`_v.`, `_разг.`) and sense numbers, cut at commas and semicolons; a piece that is
/// one word in another script than the headword's (or any one word other than the headword
/// when both are in the same script) is a translation; examples and phrases are not.
fn translations(entry: &str, head: &str) -> Vec<String> {
    let body = entry.split_once('\n').map_or("", |(_, rest)| rest);
    let mut clean = String::with_capacity(body.len());
    let mut depth = 0usize;
    let mut slash = false;
    for c in body.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => slash = !slash,
            '\n' if depth == 0 && !slash => clean.push(' '),
            _ if depth == 0 && !slash => clean.push(c),
            _ => {}
        }
    }
    let head_script = head.chars().find_map(Script::of);
    let mut out: Vec<String> = Vec::new();
    let number = |w: &str| {
        let digits = w.trim_end_matches(['.', ')']);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    };
    // Pieces end at commas, semicolons and sense numbers ("1)", "2.").
    let mut pieces: Vec<Vec<&str>> = vec![Vec::new()];
    for part in clean.split([',', ';', ':']) {
        for w in part.split_whitespace().filter(|w| !w.starts_with('_')) {
            if number(w) {
                pieces.push(Vec::new());
            } else if let Some(last) = pieces.last_mut() {
                last.push(w);
            }
        }
        pieces.push(Vec::new());
    }
    for words in pieces {
        let [word] = words[..] else {
            continue;
        };
        let word = word.trim_end_matches(['.', '!', '?']);
        let script = word.chars().find_map(Script::of);
        let other = match (head_script, script) {
            (Some(h), Some(s)) if h != s => true,
            (Some(_), Some(_)) => !word.eq_ignore_ascii_case(head),
            _ => false,
        };
        if other && is_word(word) && !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictd_entry_gives_its_single_word_translations() {
        let mueller = "visit\n   [vɪzɪt]\n   1. _n.\n      1) посещение, визит; to pay a visit навещать\n      \
                       кого-л.\n   2. _v.\n      1) навещать; посещать (часто)\n      2) _ам. _разг. гостить\n";
        assert_eq!(
            translations(mueller, "visit"),
            ["посещение", "визит", "навещать", "посещать", "гостить"]
        );
        let freedict = "visit /vizit/\n1. посещать, посетить\n2. посещение\n";
        assert_eq!(
            translations(freedict, "visit"),
            ["посещать", "посетить", "посещение"]
        );
    }

    #[test]
    fn dictd_numbers_are_base64() {
        assert_eq!(base64("A"), Some(0));
        assert_eq!(base64("BK"), Some(74));
        assert_eq!(base64("Glt"), Some(6 * 4096 + 37 * 64 + 45));
        assert_eq!(base64("*"), None);
    }

    #[test]
    fn words_match_through_their_stems_and_reversed_lists_are_turned_round() {
        let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
        let d = Dictionary::parse("visit\tвизит\ngovernment\tправительство\n", &ru, &en).unwrap();
        assert!(!d.lookup("визитом", Side::Source).is_empty());
        assert!(!d.lookup("Правительства", Side::Source).is_empty());
        assert_eq!(
            d.lookup("visits", Side::Target),
            d.lookup("визиты", Side::Source)
        );
        assert!(d.lookup("the", Side::Target).is_empty());
    }
}
