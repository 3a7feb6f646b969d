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
