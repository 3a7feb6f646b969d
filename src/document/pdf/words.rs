//! Word boxes of pdftotext's `-bbox-layout` XHTML: pages of lines of words, each with its
//! box in points from the page's top left corner; and which words are list glyphs (bullets,
//! a symbol font's private-use characters) rather than text.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};

/// One word and its box.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Word {
    /// The word's height, which follows its type size.
    pub fn h(&self) -> f64 {
        (self.y1 - self.y0).max(0.1)
    }
}

/// One line: its words left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Line {
    pub words: Vec<Word>,
}

impl Line {
    /// A line of these words, sorted left to right.
    pub fn new(mut words: Vec<Word>) -> Line {
        words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        Line { words }
    }
    /// Left edge.
    pub fn x0(&self) -> f64 {
        self.words.iter().map(|w| w.x0).fold(f64::MAX, f64::min)
    }
    /// Right edge.
    pub fn x1(&self) -> f64 {
        self.words.iter().map(|w| w.x1).fold(f64::MIN, f64::max)
    }
    /// Top edge.
    pub fn y0(&self) -> f64 {
        self.words.iter().map(|w| w.y0).fold(f64::MAX, f64::min)
    }
    /// The height of the line's largest type (a superscript does not count).
    pub fn h(&self) -> f64 {
        self.words.iter().map(Word::h).fold(0.0, f64::max)
    }
    /// The bottom of the line's largest type: its baseline, near enough.
    pub fn base(&self) -> f64 {
        let h = self.h();
        self.words
            .iter()
            .filter(|w| w.h() >= h * 0.9)
            .map(|w| w.y1)
            .fold(f64::MIN, f64::max)
    }
    /// The words joined by spaces.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for w in &self.words {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

/// True for a word that is a bullet or another list glyph (private-use glyphs included).
pub(super) fn bullet(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 2
        && t.chars()
            .all(|c| "•◦▪▫■□●○‣⁃∙·➢➤►▸✓✔❖◆◇".contains(c) || private(c))
}

/// True for a character of the private-use area: a symbol font's glyph, not text.
pub(super) fn private(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}')
}

/// One page: its size and its lines as pdftotext found them.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    pub height: f64,
    pub lines: Vec<Line>,
}

fn num(e: &BytesStart, name: &[u8]) -> f64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
        .unwrap_or(0.0)
}

/// Pages, lines and words of pdftotext's `-bbox-layout` XHTML.
pub(super) fn parse(xml: &str) -> Result<Vec<Page>> {
    let unreadable = |e: quick_xml::Error| {
        Error::unnamed(format!("unreadable pdftotext output: {e}"))
            .with_kind(crate::error::ErrorKind::Xml(e))
    };
    let mut reader = Reader::from_str(xml);
    let mut pages: Vec<Page> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        match reader.read_event().map_err(unreadable)? {
            Event::Start(e) => match e.name().as_ref() {
                b"page" => pages.push(Page {
                    height: num(&e, b"height"),
                    lines: Vec::new(),
                }),
                b"line" => line.clear(),
                b"word" => {
                    word = Some(Word {
                        text: String::new(),
                        x0: num(&e, b"xMin"),
                        y0: num(&e, b"yMin"),
                        x1: num(&e, b"xMax"),
                        y1: num(&e, b"yMax"),
                    })
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"word" => {
                    if let Some(w) = word.take() {
                        if !w.text.trim().is_empty() {
                            line.push(w);
                        }
                    }
                }
                b"line" => {
                    if let Some(p) = pages.last_mut() {
                        if !line.is_empty() {
                            p.lines.push(Line::new(std::mem::take(&mut line)));
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(t.unescape().map_err(unreadable)?.trim());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

/// Words of 13 pt type set from `x` on the line whose top is `y`, 5 pt a character and one
/// space (3 pt) between words: test pages built by hand.
#[cfg(test)]
pub(super) fn set_at(text: &str, x: f64, y: f64) -> Vec<Word> {
    let mut words = Vec::new();
    let mut at = x;
    for t in text.split_whitespace() {
        let x1 = at + 5.0 * t.chars().count() as f64;
        words.push(Word {
            text: t.to_string(),
            x0: at,
            y0: y,
            x1,
            y1: y + 13.0,
        });
        at = x1 + 3.0;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lines_and_pages() {
        let xml = r#"<html><body><doc><page width="595" height="842"><flow><block>
<line><word xMin="10" yMin="20" xMax="30" yMax="33">Hello</word><word xMin="33" yMin="20" xMax="60" yMax="33">&amp;world</word></line>
</block></flow></page><page width="595" height="842"></page></doc></body></html>"#;
        let pages = parse(xml).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].lines.len(), 1);
        assert_eq!(pages[0].lines[0].text(), "Hello &world");
        assert_eq!(pages[0].lines[0].x1(), 60.0);
        assert!(pages[1].lines.is_empty());
    }
}
