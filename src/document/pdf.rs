//! PDF files, through poppler's `pdftotext -bbox-layout` (words, lines and blocks in reading
//! order, columns read one after the other, with their positions on the page).
//!
//! Lines are joined back into paragraphs (a block of the layout is a paragraph; a paragraph
//! cut by a page or column break is joined again), end-of-line hyphenation is undone where
//! the hyphen is not a real one, and running headers, footers and page numbers are dropped.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::{Command, Stdio};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{from_blocks, Document, ReadOptions};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// One line of a page with its box (points from the top left corner).
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

/// One page: its height and its blocks of lines in reading order.
#[derive(Debug, Default)]
struct Page {
    height: f64,
    blocks: Vec<Vec<TextLine>>,
}

/// Reads a PDF file.
pub fn read(bytes: &[u8], lang: &Lang, opts: &ReadOptions) -> Result<Document> {
    let xml = pdftotext(bytes)?;
    let mut pages = layout(&xml)?;
    drop_running_lines(&mut pages);
    let paragraphs = paragraphs(&pages);
    let no_text_layer = || {
        Error::unnamed(
            "PDF without a text layer (a scanned image?): run it through OCR first, e.g. ocrmypdf --language rus+eng",
        )
    };
    // A scan's only "text" may be a few marks (dashes, dots, a stray glyph): no words to align.
    let letters = paragraphs
        .iter()
        .flatten()
        .flat_map(|l| l.chars())
        .filter(|c| c.is_alphabetic())
        .take(3)
        .count();
    if letters < 3 {
        return Err(no_text_layer());
    }
    let doc = from_blocks(
        // Line breaks of a PDF are the layout's, not the author's: a paragraph is one line.
        paragraphs.into_iter().map(|p| (vec![p.join(" ")], false)),
        lang,
        opts,
    );
    if doc.paragraphs.is_empty() {
        return Err(no_text_layer());
    }
    Ok(doc)
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

fn num(e: &BytesStart, name: &[u8]) -> f64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
        .unwrap_or(0.0)
}

/// Pages, blocks and lines of pdftotext's XHTML.
fn layout(xml: &str) -> Result<Vec<Page>> {
    let unreadable =
        |e: quick_xml::Error| Error::unnamed(format!("unreadable pdftotext output: {e}"));
    let mut reader = Reader::from_str(xml);
    let mut pages: Vec<Page> = Vec::new();
    let mut line: Option<TextLine> = None;
    let mut in_word = false;
    loop {
        match reader.read_event().map_err(unreadable)? {
            Event::Start(e) => match e.name().as_ref() {
                b"page" => pages.push(Page {
                    height: num(&e, b"height"),
                    blocks: Vec::new(),
                }),
                b"block" => {
                    if let Some(p) = pages.last_mut() {
                        p.blocks.push(Vec::new());
                    }
                }
                b"line" => {
                    line = Some(TextLine {
                        text: String::new(),
                        x_min: num(&e, b"xMin"),
                        y_min: num(&e, b"yMin"),
                        x_max: num(&e, b"xMax"),
                        y_max: num(&e, b"yMax"),
                    })
                }
                b"word" => in_word = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"word" => in_word = false,
                b"line" => {
                    if let (Some(l), Some(b)) = (
                        line.take(),
                        pages.last_mut().and_then(|p| p.blocks.last_mut()),
                    ) {
                        if !l.text.trim().is_empty() {
                            b.push(l);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_word => {
                if let Some(l) = line.as_mut() {
                    let s = t.unescape().map_err(unreadable)?;
                    if !l.text.is_empty() {
                        l.text.push(' ');
                    }
                    l.text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for p in &mut pages {
        p.blocks.retain(|b| !b.is_empty());
    }
    Ok(pages)
}

/// A line's text with digits folded, so "Page 3" and "Page 4" compare equal.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// True for a page number: "3", "- 3 -", "Page 3", "3 of 10", "iv", "Стр. 3".
fn page_number(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let core: String = t
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace())
        .to_string();
    let core = core
        .trim_start_matches("page")
        .trim_start_matches("стр.")
        .trim_start_matches("с.")
        .trim();
    let words: Vec<&str> = core.split_whitespace().collect();
    match words.as_slice() {
        [n] => n.chars().all(|c| c.is_ascii_digit()) || is_roman(n),
        [a, "of" | "из" | "/", b] => {
            a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c))
}

/// Drops running headers and footers (the same line, numbers aside, near the top or bottom
/// of several pages) and page numbers.
fn drop_running_lines(pages: &mut [Page]) {
    let edge = |p: &Page, l: &TextLine| {
        p.height > 0.0 && (l.y_max < p.height * 0.1 || l.y_min > p.height * 0.9)
    };
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    for (k, p) in pages.iter().enumerate() {
        for l in p.blocks.iter().flatten() {
            if edge(p, l) {
                seen.entry(shape(&l.text)).or_default().insert(k);
            }
        }
    }
    let running: HashSet<String> = seen
        .into_iter()
        .filter(|(_, on)| on.len() >= 2 && on.len() * 2 >= pages.len().min(6))
        .map(|(s, _)| s)
        .collect();
    for p in pages.iter_mut() {
        let height = p.height;
        for b in &mut p.blocks {
            b.retain(|l| {
                let at_edge = height > 0.0 && (l.y_max < height * 0.1 || l.y_min > height * 0.9);
                !(at_edge && (running.contains(&shape(&l.text)) || page_number(&l.text)))
            });
        }
        p.blocks.retain(|b| !b.is_empty());
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;»\"”)".contains(c))
}

/// Paragraphs of the pages, each a list of lines: a block of the layout is a paragraph,
/// split where a gap or a short line ending a sentence says so; a block after one whose
/// last line runs to the margin without ending a sentence continues it (a paragraph cut by
/// a page or column break).
fn paragraphs(pages: &[Page]) -> Vec<Vec<String>> {
    let mut words: HashMap<String, usize> = HashMap::new();
    for l in pages.iter().flat_map(|p| p.blocks.iter().flatten()) {
        for w in l.text.split_whitespace() {
            *words.entry(bare(w)).or_default() += 1;
        }
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut prev_break = true;
    for p in pages {
        for block in &p.blocks {
            let line_h = block
                .iter()
                .map(|l| l.y_max - l.y_min)
                .fold(0.0, f64::max)
                .max(1.0);
            let right = block.iter().map(|l| l.x_max).fold(0.0, f64::max);
            let left = block.iter().map(|l| l.x_min).fold(f64::MAX, f64::min);
            let short = |l: &TextLine| l.x_max < right - (right - left) * 0.15;
            let mut para = if prev_break {
                Vec::new()
            } else {
                out.pop().unwrap_or_default()
            };
            for (k, l) in block.iter().enumerate() {
                if k > 0 {
                    let prev = &block[k - 1];
                    if l.y_min - prev.y_max > line_h * 0.8
                        || (short(prev) && ends_sentence(&prev.text))
                    {
                        out.push(std::mem::take(&mut para));
                    }
                }
                push_line(&mut para, l.text.trim(), &words);
            }
            let last = block.last().expect("blocks are not empty");
            prev_break = ends_sentence(&last.text) || short(last) || block.len() == 1;
            out.push(para);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// A word without the punctuation around it, in lower case.
fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// Adds a line to a paragraph, undoing end-of-line hyphenation by moving the broken word's
/// head to the new line: "соглаше-" + "ние" is "соглашение", "Russo-" + "Japanese" stays
/// "Russo-Japanese"; a hyphen is kept when the document has the word with it, or its second
/// part as a word of its own ("fast-growing"), and dropped when the document has the joined
/// word. A dash right after a word ("1979–" + "2000") joins without a space.
fn push_line(para: &mut Vec<String>, line: &str, words: &HashMap<String, usize>) {
    let Some(prev) = para.last_mut() else {
        para.push(line.to_string());
        return;
    };
    let soft = prev.ends_with('\u{ad}');
    let dash = prev.ends_with(['-', '–', '—'])
        && prev
            .trim_end_matches(['-', '–', '—'])
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric);
    if !soft && !dash {
        para.push(line.to_string());
        return;
    }
    let cut = prev.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let mut head = prev[cut..].to_string();
    prev.truncate(cut);
    let hyphen = head.ends_with('-');
    let tail_word = line.split_whitespace().next().unwrap_or("");
    if soft {
        head.pop();
    } else if hyphen {
        let h = bare(head.trim_end_matches('-'));
        let t = bare(tail_word);
        let seen = |w: &str| words.get(w).copied().unwrap_or(0);
        let lower = tail_word.chars().next().is_some_and(char::is_lowercase);
        let joined = format!("{h}{t}");
        let real = !lower
            || (seen(&joined) == 0
                && (seen(&format!("{h}-{t}")) > 0
                    || (t.chars().count() >= 3 && seen(&t) >= 2)
                    || (h.chars().count() >= 4 && seen(&h) >= 1)));
        if !real {
            head.pop();
        }
    }
    let trimmed = prev.trim_end().len();
    prev.truncate(trimmed);
    if prev.is_empty() {
        para.pop();
    }
    para.push(format!("{head}{line}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(prev: &str, next: &str, known: &[&str]) -> String {
        let mut words = HashMap::new();
        for w in known.iter().chain([&prev, &next]) {
            for w in w.split_whitespace() {
                *words.entry(bare(w)).or_default() += 1;
            }
        }
        let mut para = vec![prev.to_string()];
        push_line(&mut para, next, &words);
        para.join("\n")
    }

    #[test]
    fn hyphens_at_line_ends() {
        assert_eq!(
            joined("о заключении соглаше-", "ния о мире.", &[]),
            "о заключении\nсоглашения о мире."
        );
        assert_eq!(
            joined("in the history of Russo-", "Japanese relations.", &[]),
            "in the history of\nRusso-Japanese relations."
        );
        assert_eq!(
            joined("one of the fastest-", "growing markets.", &["growing fast"]),
            "one of the\nfastest-growing markets."
        );
        assert_eq!(
            joined("a well-", "known fact.", &["the well-known man"]),
            "a\nwell-known fact."
        );
        assert_eq!(
            joined("in 1979–", "2000 it grew.", &[]),
            "in\n1979–2000 it grew."
        );
        assert_eq!(
            joined("it is – as", "we know – so.", &[]),
            "it is – as\nwe know – so."
        );
    }

    #[test]
    fn page_numbers() {
        for n in ["3", "- 12 -", "Page 4", "4 of 10", "xii", "Стр. 5"] {
            assert!(page_number(n), "{n}");
        }
        for n in ["2013 г.", "Chapter one", "In 1998"] {
            assert!(!page_number(n), "{n}");
        }
    }
}
