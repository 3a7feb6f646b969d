//! Plain text: decoding (UTF-8 with or without BOM, UTF-16 with BOM, windows-1251, KOI8-R),
//! line endings, Unicode normalisation, paragraphs and page chrome.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251};
use unicode_normalization::UnicodeNormalization;

use super::{Document, Line, Paragraph, ReadOptions};
use crate::lang::{Lang, Script};

/// Looks up an encoding by a label such as `utf-8`, `cp1251`, `windows-1251` or `koi8-r`.
///
/// ```
/// assert_eq!(bitext::document::encoding_for_label("cp1251").unwrap().name(), "windows-1251");
/// assert!(bitext::document::encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let l = match l.as_str() {
        "cp1251" | "win1251" | "1251" => "windows-1251",
        "koi8r" | "koi8" => "koi8-r",
        "utf8" => "utf-8",
        "utf16le" | "utf-16" => "utf-16le",
        "utf16be" => "utf-16be",
        other => other,
    };
    Encoding::for_label(l.as_bytes())
}

/// Decodes bytes to NFC text with LF line endings, returning the text and the encoding used.
///
/// Detection order: byte-order mark, valid UTF-8, then whichever of windows-1251 and KOI8-R
/// gives more lower-case Cyrillic letters (Russian text is mostly lower case; the wrong
/// code page turns it into capitals).
///
/// ```
/// let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир");
/// let (text, enc) = bitext::document::decode(&cp1251, None).unwrap();
/// assert_eq!((text.as_str(), enc), ("Привет, мир", "windows-1251"));
/// ```
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> std::result::Result<(String, &'static str), String> {
    let (raw, enc): (String, &'static Encoding) = if let Some(enc) = forced {
        let (text, had_errors) = enc.decode_without_bom_handling(strip_bom(bytes, enc));
        if had_errors {
            return Err(format!("not valid {} text", enc.name()));
        }
        (text.into_owned(), enc)
    } else if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "not valid {} text after its byte-order mark",
                enc.name()
            ));
        }
        (text.into_owned(), enc)
    } else if bytes.contains(&0) {
        return Err("binary data (NUL bytes), not a text document".to_string());
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), UTF_8)
    } else {
        let (text, enc) = guess_legacy(bytes)?;
        (text, enc)
    };
    if looks_binary(&raw) {
        return Err("binary data (control characters), not a text document".to_string());
    }
    let text = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw
    };
    // Most text arrives composed already; the quick check spares a full normalisation pass.
    let text = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    Ok((text, enc.name()))
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// Picks windows-1251 or KOI8-R for bytes that are not UTF-8, or says the bytes are neither.
fn guess_legacy(bytes: &[u8]) -> std::result::Result<(String, &'static Encoding), String> {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    // UTF-8 Cyrillic letters are D0/D1 followed by a continuation byte. In windows-1251 or
    // KOI8-R text such pairs are rare; many of them in bytes that are not UTF-8 as a whole
    // mean a file pasted together from two encodings.
    let utf8_pairs = bytes
        .windows(2)
        .filter(|w| matches!(w[0], 0xD0 | 0xD1) && (0x80..0xC0).contains(&w[1]))
        .count();
    if utf8_pairs >= 8 && utf8_pairs * 2 * 5 >= high {
        return Err(
            "mixed encodings: part of the text is UTF-8 and part another code page (use --encoding)".to_string(),
        );
    }
    let mut best: Option<(usize, String, &'static Encoding)> = None;
    for enc in [WINDOWS_1251, KOI8_R] {
        let (text, _, _) = enc.decode(bytes);
        let lower = text
            .chars()
            .filter(|c| ('а'..='я').contains(c) || *c == 'ё' || "«»“”–—…".contains(*c))
            .count();
        if best.as_ref().is_none_or(|(n, _, _)| lower > *n) {
            best = Some((lower, text.into_owned(), enc));
        }
    }
    let (lower, text, enc) = best.expect("two candidates");
    let cyrillic = text
        .chars()
        .filter(|&c| Script::of(c) == Some(Script::Cyrillic))
        .count();
    let typographic = text
        .chars()
        .filter(|c| "«»“”„‘’‚–—…№•\u{a0}".contains(*c))
        .count();
    // Real text in a legacy code page: nearly every high byte is a Cyrillic letter (most of
    // them lower case) or typographic punctuation (quotes and dashes of an English text
    // saved as windows-1251). Anything else is some other encoding or not text at all.
    let plausible = cyrillic + typographic;
    if high == 0 || plausible * 10 < high * 9 || (cyrillic > 0 && lower * 2 < cyrillic) {
        return Err(
            "not valid UTF-8, and not windows-1251 or KOI8-R text either (use --encoding)"
                .to_string(),
        );
    }
    Ok((text, enc))
}

/// True when a decoded text has many control characters, as binary files do.
fn looks_binary(text: &str) -> bool {
    // One pass over the bytes: characters are the bytes that do not continue a UTF-8
    // sequence; controls are C0 (but line breaks, tabs, form feeds), DEL and C1 (U+0080..U+009F,
    // encoded as C2 80..C2 9F).
    let (mut total, mut control) = (0usize, 0usize);
    let bytes = text.as_bytes();
    for (k, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            total += 1;
        }
        let c0 = b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c);
        let c1 = b == 0xC2 && bytes.get(k + 1).is_some_and(|n| (0x80..0xA0).contains(n));
        if c0 || b == 0x7f || c1 {
            control += 1;
        }
    }
    total > 0 && control * 20 > total
}

/// Splits decoded text into paragraphs and lines and marks page chrome.
pub fn parse(text: &str, lang: &Lang, opts: &ReadOptions) -> Document {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    // A document mostly in the other script is in the wrong language, not full of foreign
    // lines: only known site chrome is marked then (the caller warns about the language).
    let wrong_script = wrong_script(text, lang);
    let mut dropped = Vec::new();
    for raw in text.split('\n') {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("<p>") {
            if !lines.is_empty() {
                paragraphs.push(Paragraph {
                    lines: std::mem::take(&mut lines),
                });
            }
            continue;
        }
        let noise = line_is_chrome(trimmed, lang, wrong_script);
        if noise && opts.drop_foreign {
            dropped.push(trimmed.to_string());
            continue;
        }
        lines.push(Line {
            text: trimmed.to_string(),
            noise,
        });
    }
    if !lines.is_empty() {
        paragraphs.push(Paragraph { lines });
    }
    Document {
        paragraphs,
        dropped,
    }
}

/// True when a text is mostly in the other script than `lang`'s: a document in the wrong
/// language, not one full of foreign lines (only known site chrome is marked then).
pub(crate) fn wrong_script(text: &str, lang: &Lang) -> bool {
    let (cyr, lat) = crate::lang::script_counts(text);
    match lang.script() {
        Script::Cyrillic => lat > cyr,
        Script::Latin => cyr > lat,
    }
}

/// True when one line is page chrome in a document in `lang` (see [`is_noise`]).
pub(crate) fn line_is_chrome(line: &str, lang: &Lang, wrong_script: bool) -> bool {
    if wrong_script {
        is_boilerplate(line)
    } else {
        is_noise(line, lang.script())
    }
}

fn boilerplate() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("boilerplate.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    })
}

/// True when a line looks like page chrome for a document written in `script`.
///
/// A line is noise when most of its letters are in the other script, when it carries words
/// in the other script and does not end like a sentence (a title line with "Печать E-mail"
/// after it), or when it holds a known piece of site chrome.
///
/// ```
/// use bitext::lang::Script;
/// use bitext::document::is_noise;
/// assert!(is_noise("« Пред.   След. »", Script::Latin));
/// assert!(is_noise("Menu Content/Inhalt", Script::Latin));
/// assert!(!is_noise("Prime Minister Shinzo Abe paid a visit to Moscow.", Script::Latin));
/// ```
pub fn is_noise(line: &str, script: Script) -> bool {
    if is_boilerplate(line) {
        return true;
    }
    let (mut own, mut other) = (0usize, 0usize);
    for c in line.chars() {
        match Script::of(c) {
            Some(s) if s == script => own += 1,
            Some(_) => other += 1,
            None => {}
        }
    }
    if other == 0 {
        return false;
    }
    if other >= own {
        return true;
    }
    let ends_like_sentence = line
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;»\"”)".contains(c));
    !ends_like_sentence && foreign_word_count(line, script) > 0 && script == Script::Latin
}

/// True when a line holds a known piece of site chrome.
fn is_boilerplate(line: &str) -> bool {
    // Chrome is a short line; paragraphs of article text are not worth lower-casing.
    if line.len() > 200 {
        return false;
    }
    let squeezed = line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    boilerplate().iter().any(|p| squeezed.contains(p.as_str()))
}

/// Counts whitespace-separated words written wholly in a script other than `script`.
fn foreign_word_count(line: &str, script: Script) -> usize {
    line.split_whitespace()
        .filter(|w| {
            let mut letters = w.chars().filter_map(Script::of).peekable();
            letters.peek().is_some() && letters.all(|s| s != script)
        })
        .count()
}

/// The encodings a user may name with `--encoding`, for help texts.
pub const ENCODING_NAMES: &str = "utf-8, utf-16le, utf-16be, windows-1251 (cp1251), koi8-r";
