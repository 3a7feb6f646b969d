//! PDF files, read from the page's own layout: poppler's `pdftotext -bbox-layout` gives
//! the words and their boxes, and bitext decides the rest (`layout`: running heads dropped,
//! columns found from the gaps in x and read in turn, footnote markers out of the text and
//! the notes at a column's foot set apart; `table`: tables read row by row and cell by cell,
//! each cell a paragraph; `paragraphs`: paragraph ends from gaps, indents,
//! short lines and type size, bullets dropped; `hyphen`: line-end hyphens decided by the
//! document's own words). Footnotes follow the body as paragraphs, as in DOCX and ODT.

mod hyphen;
mod layout;
mod paragraphs;
mod table;
mod words;

use std::io::Write;
use std::process::{Command, Stdio};

use super::{from_blocks, Document, ReadOptions};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Reads a PDF file: the body's paragraphs in reading order, then its footnotes (unless
/// [`ReadOptions::no_notes`]).
pub fn read(bytes: &[u8], lang: &Lang, opts: &ReadOptions) -> Result<Document> {
    let xml = pdftotext(bytes)?;
    let flow = layout::flow(words::parse(&xml)?);
    let vocab = vocab(&flow);
    let mut paras = paragraphs::body(&flow.body, &vocab);
    let no_text_layer = || {
        Error::unnamed(
            "PDF without a text layer (a scanned image?): run it through OCR first, e.g. ocrmypdf --language rus+eng",
        )
    };
    // A scan's only "text" may be a few marks (dashes, dots, a stray glyph): no words to align.
    let letters = paras
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| c.is_alphabetic())
        .take(3)
        .count();
    if letters < 3 {
        return Err(no_text_layer());
    }
    if let Some(why) = garbled(&paras) {
        return Err(Error::unnamed(format!(
            "the PDF's text layer reads as symbols, not words ({why}): its fonts map glyphs to the wrong characters; run it through OCR first, e.g. ocrmypdf --force-ocr --language rus+eng"
        )));
    }
    if !opts.no_notes {
        paras.extend(paragraphs::notes(&flow.notes, &vocab));
    }
    // Line breaks of a PDF are the layout's, not the author's: a paragraph is one line.
    let doc = from_blocks(paras.into_iter().map(|p| (vec![p], false)), lang, opts);
    if doc.paragraphs.is_empty() {
        return Err(no_text_layer());
    }
    Ok(doc)
}

/// Why a text layer is no text, if it is not: fonts without a Unicode map (a PDF printed
/// through PostScript) give marks for letters ("!\"#$#$ %&"), and a map shifted by a PDF writer
/// gives tokens of letters, digits and marks mixed ("CD9@P9D-@<A<EFD4"). In text, most
/// characters are letters and most tokens words or numbers.
fn garbled(paras: &[String]) -> Option<String> {
    let (mut shown, mut letters, mut tokens, mut words) = (0usize, 0usize, 0usize, 0usize);
    for token in paras.iter().flat_map(|p| p.split_whitespace()) {
        tokens += 1;
        words += usize::from(word_or_number(token));
        for c in token.chars() {
            shown += 1;
            letters += usize::from(c.is_alphabetic());
        }
    }
    if letters * 10 < shown * 3 {
        Some(format!(
            "{}% of its {shown} characters are letters",
            letters * 100 / shown.max(1)
        ))
    } else if words * 2 < tokens {
        Some(format!(
            "{}% of its {tokens} tokens are words or numbers",
            words * 100 / tokens.max(1)
        ))
    } else {
        None
    }
}

/// True for a token that is a word ("Благовещенск", "Russo-Japanese", "т.н.", "经济增长。"), a
/// number ("1,250", "2012-2013", "5–7"), a number with a suffix ("1990-х", "5th") or
/// punctuation alone, once the quotes, brackets and marks around it are set aside. Glyph codes
/// read as ASCII hold marks such as `@ < ; $` inside, or Latin letters before digits.
fn word_or_number(token: &str) -> bool {
    // Marks that text never sets around a word stay, to be judged below.
    let t = token.trim_matches(|c: char| !c.is_alphanumeric() && !"<>@$#&^~|\\=+_`".contains(c));
    let inner = |c: char| matches!(c, '-' | '\'' | '.' | ',' | '/' | ':');
    if t.chars().any(|c| c.is_ascii_punctuation() && !inner(c)) {
        return false;
    }
    let first_letter = t.find(|c: char| c.is_ascii_alphabetic());
    let last_digit = t.rfind(|c: char| c.is_ascii_digit());
    !matches!((first_letter, last_digit), (Some(l), Some(d)) if l < d)
}

/// The document's words for evidence on hyphens: the pieces of words broken at a line end
/// are left out. Whether its producer breaks words at all is told from its lines: few end in
/// a hyphen, and no word broken so occurs whole elsewhere, when it does not.
fn vocab(flow: &layout::Flow) -> hyphen::Vocab {
    let mut words: Vec<&str> = Vec::new();
    let mut breaks: Vec<(&str, &str)> = Vec::new();
    let mut lines = 0;
    for part in [&flow.body, &flow.notes] {
        let mut broken: Option<&str> = None;
        for p in part.iter() {
            let ws = &p.line.words;
            lines += usize::from(ws.len() >= 4);
            for (k, w) in ws.iter().enumerate() {
                let end = k + 1 == ws.len() && w.text.ends_with(['-', '\u{ad}']);
                match (k, broken) {
                    (0, Some(head)) => breaks.push((head, &w.text)),
                    _ if !end => words.push(&w.text),
                    _ => {}
                }
            }
            broken = ws
                .last()
                .filter(|w| w.text.ends_with(['-', '\u{ad}']))
                .map(|w| w.text.as_str());
        }
    }
    let mut vocab = hyphen::Vocab::new(words);
    vocab.set_hyphenated(&breaks, lines);
    vocab
}

/// Runs `pdftotext -bbox-layout` on the bytes and returns its XHTML.
fn pdftotext(bytes: &[u8]) -> Result<String> {
    let copy_failed = |e: std::io::Error| {
        Error::unnamed(format!("cannot write a temporary copy of the PDF: {e}"))
    };
    let mut file = tempfile::Builder::new()
        .prefix("bitext-")
        .suffix(".pdf")
        .tempfile()
        .map_err(copy_failed)?;
    file.write_all(bytes).map_err(copy_failed)?;
    let out = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8", "-bbox-layout"])
        .arg(file.path())
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Error::unnamed(if e.kind() == std::io::ErrorKind::NotFound {
                "reading PDF needs poppler's pdftotext (Debian: apt-get install poppler-utils)"
                    .to_string()
            } else {
                format!("cannot run pdftotext: {e}")
            })
        })?;
    if !out.status.success() {
        // pdftotext -q says nothing; its exit code tells: 1 a damaged file, 3 a password.
        let encrypted = out.status.code() == Some(3) || find(bytes, b"/Encrypt").is_some();
        return Err(Error::unnamed(if encrypted {
            "PDF is encrypted (needs a password): save a copy without one"
        } else {
            "not a readable PDF file (damaged or truncated)"
        }));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_numbers_are_told_from_glyph_codes() {
        for token in [
            "Благовещенск,",
            "«узким",
            "Russo-Japanese",
            "т.н.",
            "1,250",
            "2012-2013",
            "5–7%",
            "1990-х",
            "5th",
            "(2013)",
            "—",
            "经济增长了5%，",
            "Су-27",
        ] {
            assert!(word_or_number(token), "{token}");
        }
        for token in ["CD9@P9D-@<A<EFD4", "%<A8;B", "Q5B", "$BEE<R", "<;<F"] {
            assert!(!word_or_number(token), "{token}");
        }
        let text = vec!["Exports rose by 5.2% in 2013-2014, to 1 250 tonnes.".to_string()];
        assert_eq!(garbled(&text), None);
        let codes = vec!["<;<F CD9@P9D-@<A<EFD4 3CBA<< %<A8;B 5Q 6 $BEE<R".to_string()];
        assert!(garbled(&codes).is_some_and(|why| why.contains("tokens")));
    }
}
