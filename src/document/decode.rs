//! Decoding bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, the legacy code
//! pages judged by how plausible the text they give is, and text that was garbled before it
//! reached us (UTF-8 read in a code page and saved again).

use encoding_rs::{
    Encoding, IBM866, ISO_8859_5, KOI8_R, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251, WINDOWS_1252,
    X_MAC_CYRILLIC,
};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::lang::Script;

/// Decoded text with the encoding it was read in and what the reader should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, NFC, with LF line endings.
    pub text: String,
    /// The name of the encoding the bytes were read in.
    pub encoding: &'static str,
    /// A doubt about the decoding, or the repair of garbled text, for a warning.
    pub warning: Option<String>,
}

/// The encodings a user may name with `--encoding`, for help texts.
pub const ENCODING_NAMES: &str = "utf-8, utf-16le, utf-16be, windows-1251 (cp1251), koi8-r, \
     iso-8859-5, x-mac-cyrillic (maccyrillic), cp866, windows-1252";

/// The legacy code pages tried on bytes that are not UTF-8, most common first (a tie goes to
/// the earlier one).
const LEGACY: [&Encoding; 6] = [
    WINDOWS_1251,
    KOI8_R,
    IBM866,
    ISO_8859_5,
    X_MAC_CYRILLIC,
    WINDOWS_1252,
];

/// Looks up an encoding by a label such as `utf-8`, `cp1251`, `windows-1251`, `koi8-r`,
/// `cp866` or `maccyrillic`.
///
/// ```
/// assert_eq!(bitext::document::encoding_for_label("cp1251").unwrap().name(), "windows-1251");
/// assert_eq!(bitext::document::encoding_for_label("cp866").unwrap().name(), "IBM866");
/// assert!(bitext::document::encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let l = match l.as_str() {
        "cp1251" | "win1251" | "1251" => "windows-1251",
        "cp1252" | "win1252" | "1252" => "windows-1252",
        "koi8r" | "koi8" => "koi8-r",
        "cp866" | "866" | "dos" => "ibm866",
        "maccyrillic" | "mac-cyrillic" | "mac" => "x-mac-cyrillic",
        "iso88595" | "iso8859-5" => "iso-8859-5",
        "utf8" => "utf-8",
        "utf16le" | "utf-16" => "utf-16le",
        "utf16be" => "utf-16be",
        other => other,
    };
    Encoding::for_label(l.as_bytes())
}

/// Decodes bytes to NFC text with LF line endings.
///
/// With `forced`, the bytes must be valid in that encoding. Otherwise: a byte-order mark,
/// UTF-16 told from where its zero bytes fall, valid UTF-8, then the legacy code page
/// (windows-1251, KOI8-R, CP866, ISO-8859-5, MacCyrillic, windows-1252) whose text looks
/// most like real text: letters of one alphabet, lower case inside words, no symbols in the
/// middle of words. Text garbled before it arrived ("Р РѕСЃСЃРёСЏ", UTF-8 read as windows-1251
/// and saved) is repaired when that is exact, refused otherwise. An error names no file yet:
/// the caller names it with [`Error::in_file`].
///
/// ```
/// let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир");
/// let d = bitext::document::decode(&cp1251, None).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding), ("Привет, мир", "windows-1251"));
/// ```
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded> {
    let mut warning = None;
    let (raw, enc): (String, &'static Encoding) = if let Some(enc) = forced {
        let body = strip_bom(bytes, enc);
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            if enc != UTF_8 {
                return Err(Error::unnamed(format!("not valid {} text", enc.name())));
            }
            let (bad, first) = utf8_errors(body);
            if !stray(bad, body) {
                return Err(Error::unnamed(format!(
                    "not valid UTF-8 text: {bad} bytes are not UTF-8, the first on line {}",
                    line_of(body, first)
                )));
            }
            warning = Some(stray_warning(bad, body, first));
        }
        (text.into_owned(), enc)
    } else if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::unnamed(format!(
                "not valid {} text after its byte-order mark",
                enc.name()
            )));
        }
        (text.into_owned(), enc)
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        (text.into_owned(), enc)
    } else if bytes.contains(&0) {
        return Err(Error::unnamed(
            "binary data (NUL bytes), not a text document",
        ));
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), UTF_8)
    } else {
        let (bad, first) = utf8_errors(bytes);
        if stray(bad, bytes) {
            // UTF-8 but for a stray byte or two (a file cut and pasted together): read as
            // UTF-8, the odd bytes shown as � and named in a warning.
            warning = Some(stray_warning(bad, bytes, first));
            (String::from_utf8_lossy(bytes).into_owned(), UTF_8)
        } else {
            let (text, enc, doubt) = guess_legacy(bytes)?;
            warning = doubt;
            (text, enc)
        }
    };
    if looks_binary(&raw) {
        return Err(Error::unnamed(
            "binary data (control characters), not a text document",
        ));
    }
    let raw = if forced.is_none() {
        match repair_garbled(&raw) {
            Some(Ok((fixed, note))) => {
                warning = Some(note);
                fixed
            }
            Some(Err(e)) => return Err(e),
            None => raw,
        }
    } else {
        raw
    };
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
    Ok(Decoded {
        text,
        encoding: enc.name(),
        warning,
    })
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// UTF-16 without a byte-order mark, told by its zero bytes: in text of Latin or Cyrillic
/// letters one byte of every pair is the high byte of the code point (00 for ASCII, 04 for
/// Cyrillic, 20 for dashes and quotes), the other varies.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let high_share = |offset: usize| {
        let mut counts = [0usize; 256];
        for pair in bytes.chunks_exact(2) {
            counts[pair[offset] as usize] += 1;
        }
        let zeros = counts[0];
        counts.sort_unstable_by(|a, b| b.cmp(a));
        (zeros, counts[..3].iter().sum::<usize>())
    };
    let (zeros_odd, top_odd) = high_share(1);
    let (zeros_even, top_even) = high_share(0);
    // The high bytes take a few values (and include zeros: spaces, digits, punctuation); the
    // low bytes are almost never zero.
    if zeros_odd * 20 >= pairs && zeros_even * 100 <= pairs && top_odd * 100 >= pairs * 95 {
        decodes_cleanly(bytes, UTF_16LE)
    } else if zeros_even * 20 >= pairs && zeros_odd * 100 <= pairs && top_even * 100 >= pairs * 95 {
        decodes_cleanly(bytes, UTF_16BE)
    } else {
        None
    }
}

fn decodes_cleanly(bytes: &[u8], enc: &'static Encoding) -> Option<&'static Encoding> {
    let (_, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then_some(enc)
}

/// How plausible a decoding is: points for letters where letters belong, penalties for
/// symbols inside words, capitals after small letters and letters of two scripts in one word.
#[derive(Debug, Default, Clone, Copy)]
struct Plausibility {
    score: i64,
    /// Characters decoded from bytes above 0x7F.
    high: usize,
    /// Those of them that look wrong where they stand.
    doubtful: usize,
}

/// Russian letters that make up half of any Russian text.
const COMMON_RU: &str = "оеаинтсрвл";
/// Punctuation a code page holds beside letters: quotes, dashes, ellipsis, numero, no-break space.
const TYPOGRAPHIC: &str = "«»“”„‘’‚–—…№•·°±§©®™€\u{a0}\u{ad}";

fn is_russian_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

fn judge(text: &str) -> Plausibility {
    let mut p = Plausibility::default();
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        p.high += 1;
        let prev = k.checked_sub(1).map(|i| chars[i]);
        let next = chars.get(k + 1).copied();
        let latin_beside = prev.is_some_and(|c| c.is_ascii_alphabetic())
            || next.is_some_and(|c| c.is_ascii_alphabetic());
        let doubtful = if is_russian_letter(c) {
            let lower = c.is_lowercase();
            p.score += if lower { 2 } else { 1 } + i64::from(COMMON_RU.contains(c));
            let capital_inside =
                !lower && prev.is_some_and(|p| is_russian_letter(p) && p.is_lowercase());
            capital_inside || latin_beside
        } else if c.is_alphabetic() && Script::of(c) == Some(Script::Latin) {
            p.score += 1;
            prev.is_some_and(|c| Script::of(c) == Some(Script::Cyrillic))
                || next.is_some_and(|c| Script::of(c) == Some(Script::Cyrillic))
        } else if TYPOGRAPHIC.contains(c) {
            // Between two letters a dash or quote is odd ("К—нтракт"); beside one it is not.
            prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
                && !"–—’".contains(c)
        } else {
            true
        };
        if doubtful {
            p.doubtful += 1;
            p.score -= 5;
        }
    }
    p
}

/// How many stretches of `bytes` are not UTF-8, and the offset of the first.
fn utf8_errors(bytes: &[u8]) -> (usize, usize) {
    let (mut bad, mut first, mut at) = (0, None, 0);
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(_) => break,
            Err(e) => {
                let k = at + e.valid_up_to();
                first.get_or_insert(k);
                bad += 1;
                at = k + e.error_len().unwrap_or(bytes.len() - k);
            }
        }
    }
    (bad, first.unwrap_or(0))
}

/// True when text that is not UTF-8 in `bad` places is UTF-8 all the same: a few stray
/// bytes among many UTF-8 letters, not a file in another code page or two files pasted
/// together.
fn stray(bad: usize, bytes: &[u8]) -> bool {
    let letters = bytes.iter().filter(|&&b| b >= 0xC0).count();
    bad > 0 && bad <= 3 && bad * 100 <= letters
}

/// The line (from 1) of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn stray_warning(bad: usize, bytes: &[u8], first: usize) -> String {
    format!(
        "{bad} {} not UTF-8 in UTF-8 text, shown as \u{fffd} (the first on line {})",
        if bad == 1 { "byte is" } else { "bytes are" },
        line_of(bytes, first)
    )
}

/// Picks the legacy code page whose text is most plausible, or says the bytes are in none of
/// them. Returns a doubt for a warning when even the best decoding has many odd characters.
fn guess_legacy(bytes: &[u8]) -> Result<(String, &'static Encoding, Option<String>)> {
    // UTF-8 Cyrillic letters are D0/D1 followed by a continuation byte. In a code page such
    // pairs are rare; many of them in bytes that are not UTF-8 as a whole mean a file pasted
    // together from two encodings.
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let utf8_pairs = bytes
        .windows(2)
        .filter(|w| matches!(w[0], 0xD0 | 0xD1) && (0x80..0xC0).contains(&w[1]))
        .count();
    if utf8_pairs >= 8 && utf8_pairs * 2 * 5 >= high {
        return Err(Error::unnamed(
            "mixed encodings: part of the text is UTF-8 and part another code page (use --encoding)",
        ));
    }
    let mut best: Option<(Plausibility, String, &'static Encoding)> = None;
    let mut russian: Option<(f64, String, &'static Encoding)> = None;
    for enc in LEGACY {
        let (text, _, _) = enc.decode(bytes);
        let p = judge(&text);
        if let Some(share) = common_share(&text) {
            if russian.as_ref().is_none_or(|(s, _, _)| share > *s) {
                russian = Some((share, text.to_string(), enc));
            }
        }
        if best.as_ref().is_none_or(|(b, _, _)| p.score > b.score) {
            best = Some((p, text.into_owned(), enc));
        }
    }
    let (mut p, mut text, mut enc) = best.expect("candidates");
    // Letters of the wrong case score lower, so text in capitals alone can lose to a code page
    // that reads its capitals as small letters of other sounds (KOI8-R capitals read as
    // windows-1251): the letters' frequencies tell Russian from such a jumble.
    if let Some((share, other, other_enc)) = russian {
        let best_share = common_share(&text).unwrap_or(0.0);
        if other_enc != enc && share >= 0.55 && share - best_share >= 0.2 {
            p = judge(&other);
            (text, enc) = (other, other_enc);
        }
    }
    if p.high == 0 || p.doubtful * 4 > p.high {
        return Err(Error::unnamed(format!(
            "not valid UTF-8, and no known code page gives readable text ({} of {} non-ASCII \
             characters out of place even as {}; use --encoding)",
            p.doubtful,
            p.high,
            enc.name()
        )));
    }
    let doubt = (p.doubtful * 50 > p.high).then(|| {
        format!(
            "read as {}, but {} of {} non-ASCII characters look out of place in any code page; \
             check the text or name the encoding with --encoding",
            enc.name(),
            p.doubtful,
            p.high
        )
    });
    Ok((text, enc, doubt))
}

/// The share of Russian letters (either case) that are among the ten most common ones, about
/// 0.6 in any Russian text; `None` for text with too few Russian letters to tell.
fn common_share(text: &str) -> Option<f64> {
    let (mut letters, mut common) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_russian_letter(c)) {
        letters += 1;
        if c.to_lowercase().any(|l| COMMON_RU.contains(l)) {
            common += 1;
        }
    }
    (letters >= 30).then(|| common as f64 / letters as f64)
}

/// The code pages UTF-8 is most often misread in, with the lead bytes of the UTF-8 sequences
/// that show it (Cyrillic letters, Latin-1 letters, typographic punctuation).
const GARBLERS: [&Encoding; 3] = [WINDOWS_1251, WINDOWS_1252, KOI8_R];

/// Text that is UTF-8 misread in a code page and saved again ("Р РѕСЃСЃРёСЏ" for "Россия"):
/// `None` when the text does not look so, the repaired text and a note when encoding it back
/// gives valid UTF-8, an error when it looks garbled but cannot be restored exactly.
fn repair_garbled(text: &str) -> Option<Result<(String, String)>> {
    if text.is_ascii() {
        return None;
    }
    for (enc, (signs, letters)) in GARBLERS.into_iter().zip(garble_signs(text)) {
        if signs < 4 || signs * 4 < letters {
            continue;
        }
        let sample: String = text
            .split_whitespace()
            .filter(|w| !w.is_ascii())
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let (bytes, _, unmappable) = enc.encode(text);
        return Some(match std::str::from_utf8(&bytes) {
            Ok(fixed) if !unmappable => Ok((
                fixed.to_string(),
                format!(
                    "the text was garbled (UTF-8 read as {} and saved: \"{sample}\"); repaired",
                    enc.name()
                ),
            )),
            _ => Err(Error::unnamed(format!(
                "the text is garbled (UTF-8 read as {} and saved: \"{sample}\") and cannot be \
                 repaired exactly; export it again from the original",
                enc.name()
            ))),
        });
    }
    None
}

/// What each character is in UTF-8 misread in each of [`GARBLERS`]: bit `2k` marks a lead
/// byte's character in the `k`-th code page, bit `2k + 1` a continuation byte's.
struct GarbleMarks {
    /// By character, below U+0500 (Latin-1, Latin Extended, Cyrillic).
    low: Vec<u8>,
    /// The rest (typographic punctuation, box drawing), sorted by character.
    high: Vec<(char, u8)>,
}

impl GarbleMarks {
    /// The marks, worked out once from the code pages.
    fn get() -> &'static GarbleMarks {
        static MARKS: std::sync::OnceLock<GarbleMarks> = std::sync::OnceLock::new();
        MARKS.get_or_init(|| {
            let mut by_char: std::collections::BTreeMap<char, u8> = Default::default();
            let continuations: Vec<u8> = (0x80..0xC0).collect();
            for (k, enc) in GARBLERS.iter().enumerate() {
                let leads = [0xC2, 0xC3, 0xD0, 0xD1, 0xE2];
                for (bytes, bit) in [(&leads[..], 2 * k), (&continuations[..], 2 * k + 1)] {
                    for c in enc.decode_without_bom_handling(bytes).0.chars() {
                        *by_char.entry(c).or_default() |= 1 << bit;
                    }
                }
            }
            let mut low = vec![0u8; 0x500];
            let mut high = Vec::new();
            for (c, marks) in by_char {
                match low.get_mut(c as usize) {
                    Some(slot) => *slot = marks,
                    None => high.push((c, marks)),
                }
            }
            GarbleMarks { low, high }
        })
    }

    fn of(&self, c: char) -> u8 {
        match self.low.get(c as usize) {
            Some(&marks) => marks,
            None => self
                .high
                .binary_search_by_key(&c, |&(x, _)| x)
                .map_or(0, |k| self.high[k].1),
        }
    }
}

/// Counts, for each of [`GARBLERS`], the places where `text` shows UTF-8 misread in it (a
/// lead-byte character followed by a continuation-byte character), against its non-ASCII
/// characters: one pass for the three code pages.
fn garble_signs(text: &str) -> [(usize, usize); GARBLERS.len()] {
    let marks = GarbleMarks::get();
    let mut signs = [0usize; GARBLERS.len()];
    let mut prev_lead = [false; GARBLERS.len()];
    let mut high = 0;
    for c in text.chars() {
        if c.is_ascii() {
            prev_lead = [false; GARBLERS.len()];
            continue;
        }
        high += 1;
        let m = marks.of(c);
        for (k, (signs, prev_lead)) in signs.iter_mut().zip(&mut prev_lead).enumerate() {
            if *prev_lead && m & 1 << (2 * k + 1) != 0 {
                *signs += 1;
                *prev_lead = false;
            } else {
                *prev_lead = m & 1 << (2 * k) != 0;
            }
        }
    }
    signs.map(|s| (s, high))
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

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "Контракт на поставку газа подписан в Пекине 21 мая 2014 года. \
        Объём поставок — 38 млрд кубометров в год, срок действия — 30 лет. «Газпром» и CNPC \
        считают его крупнейшим в истории обеих компаний. Ёмкость рынка Китая растёт.";

    /// The same text with only the punctuation every Cyrillic code page holds.
    const RU_PLAIN: &str = "Контракт на поставку газа подписан в Пекине 21 мая 2014 года. \
        Объём поставок - 38 млрд кубометров в год, срок действия - 30 лет. \"Газпром\" и CNPC \
        считают его крупнейшим в истории обеих компаний. Ёмкость рынка Китая растёт.";

    #[test]
    fn every_cyrillic_code_page_is_told_apart() {
        for enc in [WINDOWS_1251, KOI8_R, IBM866, ISO_8859_5, X_MAC_CYRILLIC] {
            let (bytes, _, unmappable) = enc.encode(RU_PLAIN);
            assert!(!unmappable, "{}", enc.name());
            let d = decode(&bytes, None).unwrap_or_else(|e| panic!("{}: {e}", enc.name()));
            assert_eq!(d.encoding, enc.name());
            assert_eq!(d.text, RU_PLAIN, "{}", enc.name());
            assert_eq!(d.warning, None, "{}", enc.name());
        }
    }

    #[test]
    fn a_stray_byte_in_utf8_text_is_shown_and_named_not_fatal() {
        let mut bytes = RU_PLAIN.repeat(3).into_bytes();
        bytes.insert(40, 0xA0);
        for forced in [None, Some(UTF_8)] {
            let d = decode(&bytes, forced).unwrap();
            assert_eq!(d.encoding, "UTF-8");
            assert!(d.text.contains('\u{fffd}') && d.text.contains("Ёмкость рынка"));
            let warning = d.warning.unwrap();
            assert!(warning.starts_with("1 byte is not UTF-8"), "{warning}");
        }
        // Text in another code page forced as UTF-8 is refused, with where it goes wrong.
        let (cp, _, _) = WINDOWS_1251.encode("Первая строка.\nВторая.");
        let e = decode(&cp, Some(UTF_8)).unwrap_err().to_string();
        assert!(
            e.contains("not valid UTF-8 text") && e.contains("line 1"),
            "{e}"
        );
    }

    #[test]
    fn short_lines_in_each_code_page_are_told_apart() {
        let line = "Москва и Пекин подписали соглашение.";
        for enc in [WINDOWS_1251, KOI8_R, IBM866, ISO_8859_5, X_MAC_CYRILLIC] {
            let (bytes, _, _) = enc.encode(line);
            assert_eq!(decode(&bytes, None).unwrap().text, line, "{}", enc.name());
        }
    }

    #[test]
    fn western_text_in_windows_1252_is_not_read_as_cyrillic() {
        let de = "Die Universität Zürich begrüßt die Studierenden am Montag. Führungen täglich.";
        let (bytes, _, _) = WINDOWS_1252.encode(de);
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (de, "windows-1252"));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_detected() {
        let le: Vec<u8> = RU.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = RU.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, None).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&le, None).unwrap().text, RU);
        assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
        let en = "The contract was signed in Beijing on 21 May 2014.";
        let le: Vec<u8> = en.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le, None).unwrap().text, en);
    }

    #[test]
    fn binary_bytes_are_still_binary() {
        let bytes: Vec<u8> = (0..4096u32).map(|k| (k * 7919 % 251) as u8).collect();
        assert!(decode(&bytes, None).is_err());
    }

    #[test]
    fn text_garbled_through_windows_1251_is_repaired() {
        let (bytes, _, _) = WINDOWS_1251.encode(RU);
        let _ = bytes;
        let utf8 = RU.as_bytes();
        let (garbled, _, _) = WINDOWS_1251.decode(utf8);
        assert!(garbled.starts_with("РљРѕРЅ"), "{garbled}");
        let d = decode(garbled.as_bytes(), None).unwrap();
        assert_eq!(d.text, RU);
        assert!(d.warning.unwrap().contains("windows-1251"));
        // Saved in windows-1251 rather than UTF-8: the same repair.
        let (cp, _, _) = WINDOWS_1251.encode(&garbled);
        assert_eq!(decode(&cp, None).unwrap().text, RU);
    }

    #[test]
    fn text_garbled_through_windows_1252_is_repaired() {
        let en = "The “Silk Road” — a route of 6,400 km — is in the news again; it’s back.";
        let (garbled, _, _) = WINDOWS_1252.decode(en.as_bytes());
        assert!(garbled.contains("â€"), "{garbled}");
        assert_eq!(decode(garbled.as_bytes(), None).unwrap().text, en);
    }

    #[test]
    fn garbled_text_that_lost_bytes_is_refused() {
        let (garbled, _, _) = WINDOWS_1251.decode(RU.as_bytes());
        // An editor replaced what it could not show: the repair would not be exact.
        let damaged = garbled.replacen('Ѓ', "?", 1).replacen("Рµ", "Р?", 3);
        let err = decode(damaged.as_bytes(), None).unwrap_err().cause;
        assert!(
            err.contains("garbled") && err.contains("cannot be repaired"),
            "{err}"
        );
    }

    #[test]
    fn real_russian_and_english_text_is_left_alone() {
        for text in [
            RU,
            "СССР» и «РСФСР» — Ёж. Р. Ф. Сёмин",
            "Café “déjà vu” — naïve",
        ] {
            let d = decode(text.as_bytes(), None).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.warning, None);
        }
    }

    #[test]
    fn doubtful_decodings_warn() {
        // Russian with a few bytes that fit no Cyrillic code page.
        let (mut bytes, _, _) = WINDOWS_1251.encode(RU);
        let bytes = bytes.to_mut();
        for k in [5, 40, 90, 130] {
            bytes[k] = 0x98;
        }
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.warning.is_some());
    }
}
