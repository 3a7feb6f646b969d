//! Lines in reading order joined into paragraphs: a paragraph ends at a vertical gap, a
//! change of type size, a line that ends short (the next line's first word would have
//! fitted), or before a first-line indent, a bullet or a footnote's number; a paragraph cut
//! by a column or page break goes on. Hyphenated line ends are undone where the hyphen
//! only breaks the word.

use std::collections::HashMap;

use super::hyphen::{self, Vocab};
use super::layout::Placed;

/// The usual distance between two baselines in a paragraph, as a share of the line's
/// height: the median over lines that follow each other in a region, for the document and
/// for each size of type (a heading's lines stand further apart than the body's).
pub(super) struct Pitches {
    all: f64,
    by_size: HashMap<i64, f64>,
}

fn size_key(h: f64) -> i64 {
    (h * 2.0).round() as i64
}

fn median(mut r: Vec<f64>) -> f64 {
    r.sort_by(f64::total_cmp);
    r[r.len() / 2]
}

impl Pitches {
    /// The pitches of these lines.
    pub fn new(lines: &[Placed]) -> Pitches {
        let mut all = Vec::new();
        let mut sized: HashMap<i64, Vec<f64>> = HashMap::new();
        let text = |p: &Placed| p.cell.is_none();
        for w in lines
            .windows(2)
            .filter(|w| w[0].region == w[1].region && text(&w[0]) && text(&w[1]))
        {
            let (a, b) = (&w[0].line, &w[1].line);
            let (ha, hb) = (a.h(), b.h());
            let d = b.base() - a.base();
            if (ha - hb).abs() < 0.05 * ha && d > 0.0 {
                all.push(d / ha);
                sized.entry(size_key(ha)).or_default().push(d / ha);
            }
        }
        Pitches {
            all: if all.is_empty() { 1.2 } else { median(all) },
            by_size: sized.into_iter().map(|(k, v)| (k, median(v))).collect(),
        }
    }

    /// The pitch of lines of height `h`.
    pub fn of(&self, h: f64) -> f64 {
        self.by_size.get(&size_key(h)).copied().unwrap_or(self.all)
    }
}

/// The most common line height, counted by characters: the body type's.
fn body_height(lines: &[Placed]) -> f64 {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *count.entry((l.line.h() * 2.0).round() as i64).or_default() += l.line.text().len();
    }
    count
        .into_iter()
        .max_by_key(|&(h, n)| (n, -h))
        .map_or(10.0, |(h, _)| h as f64 / 2.0)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;»\"”)".contains(c))
}

/// True when a paragraph ends between `prev` and `line` (both body lines).
pub(super) fn breaks(prev: &Placed, line: &Placed, pitch: f64, body_h: f64) -> bool {
    if line.starts {
        return true;
    }
    // A table cell is one paragraph: its lines join, and it is set apart from all else.
    if prev.cell.is_some() || line.cell.is_some() {
        return (prev.region, prev.cell) != (line.region, line.cell);
    }
    let (p, l) = (&prev.line, &line.line);
    let (hp, hl) = (p.h(), l.h());
    if (hp - hl).abs() > 0.12 * hp.max(hl) {
        return true;
    }
    let h = hl;
    // From a full-width block into the columns or back.
    if prev.page == line.page && prev.full != line.full {
        return true;
    }
    let text = p.text();
    let broken = text.ends_with(['-', '\u{ad}']);
    // A line set in the middle of its region, narrower than the region (a title).
    let centered = |x: &Placed| {
        let (x0, x1) = (x.line.x0(), x.line.x1());
        x1 - x0 < 2.0 * (x.right - x.mid) - 2.0 * h && ((x0 + x1) / 2.0 - x.mid).abs() < 3.0
    };
    if prev.region == line.region && !broken {
        // The lines of a title, centered one above the other, keep their wider spacing.
        let title = prev.full && centered(prev) && centered(line);
        let d = l.base() - p.base();
        if d < 0.0 || (d > pitch * 1.25 * hp && !title) {
            return true;
        }
    }
    // A word broken at the line end goes on.
    if broken {
        return false;
    }
    // A first-line indent; not a centered line (a title), and not where a block that is
    // indented as a whole (a list item) goes on in the next column.
    let indent = l.x0() - line.left;
    let flush_before = if prev.region == line.region {
        p.x0() < l.x0() - 0.3 * h
    } else {
        ((p.x0() - prev.left) - indent).abs() > 0.3 * h
    };
    if flush_before && indent > 0.3 * h && indent < 6.0 * h && !centered(line) {
        return true;
    }
    let first = l.words.first().map_or(0.0, |w| w.x1 - w.x0);
    let short = p.x1() + 0.3 * h + first < prev.right - 0.5;
    let lower = l.text().chars().next().is_some_and(char::is_lowercase);
    // In justified type only a paragraph's last line stops short of the margin (headings in
    // larger type are set ragged), save a line of one long word that the spaces of a line
    // cannot stretch, when this line's first word would not have fitted after it and goes
    // on in lower case.
    let lone = p.words.len() == 1 && !short && lower && !ends_sentence(&text);
    // A line all in type larger than the body's that stops short of the margin, before a
    // line of body type: a heading, or an author's line, set in bold a point larger.
    let heading = p.words.iter().all(|w| w.h() > body_h * 1.05) && hl <= body_h * 1.05;
    if heading && prev.end < prev.right - 0.5 {
        return true;
    }
    if prev.justified && prev.end < prev.right - 0.2 * h && hp <= body_h * 1.05 && !lone {
        return true;
    }
    if !short {
        return false;
    }
    prev.justified || centered(prev) || ends_sentence(&text) || !lower
}

/// Joins the lines of one paragraph, undoing line-end hyphenation where the document's own
/// words say the hyphen only breaks a word; a dash right after a word or number ("1979–" +
/// "2000", "Russo–" + "Japanese") joins without a space.
pub(super) fn push_line(para: &mut String, line: &str, vocab: &Vocab) {
    if para.is_empty() {
        para.push_str(line);
        return;
    }
    if para.ends_with('\u{ad}') {
        para.pop();
        para.push_str(line);
        return;
    }
    let head_at = para.rfind(' ').map_or(0, |i| i + 1);
    let head = &para[head_at..];
    let stem = head.trim_end_matches(['-', '–', '—']);
    let before = stem.chars().last();
    if head.ends_with('-')
        && stem.len() + 1 == head.len()
        && before.is_some_and(char::is_alphanumeric)
    {
        let tail = line.split_whitespace().next().unwrap_or("");
        if !hyphen::keep(stem, tail, vocab) {
            para.pop();
        }
        para.push_str(line);
        return;
    }
    if head.ends_with(['–', '—']) && before.is_some_and(char::is_alphanumeric) {
        para.push_str(line);
        return;
    }
    para.push(' ');
    para.push_str(line);
}

/// The body's paragraphs.
pub(super) fn body(lines: &[Placed], vocab: &Vocab) -> Vec<String> {
    let pitches = Pitches::new(lines);
    let body_h = body_height(lines);
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    for (k, l) in lines.iter().enumerate() {
        let pitch = pitches.of(l.line.h());
        if k > 0 && breaks(&lines[k - 1], l, pitch, body_h) && !para.is_empty() {
            out.push(std::mem::take(&mut para));
        }
        push_line(&mut para, &l.line.text(), vocab);
    }
    if !para.is_empty() {
        out.push(para);
    }
    out
}

/// The footnotes, one paragraph each: a note starts at its number.
pub(super) fn notes(lines: &[Placed], vocab: &Vocab) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    for l in lines {
        if l.starts && !para.is_empty() {
            out.push(std::mem::take(&mut para));
        }
        push_line(&mut para, &l.line.text(), vocab);
    }
    if !para.is_empty() {
        out.push(para);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pdf::words::{set_at, Line};

    /// A body line of 13 pt type set from `x` at `y`, 5 pt a character, in region `region`
    /// of a column from 70 to 290.
    fn placed(text: &str, x: f64, y: f64, region: usize) -> Placed {
        Placed {
            line: Line::new(set_at(text, x, y)),
            region,
            full: false,
            page: 0,
            left: 70.0,
            right: 290.0,
            justified: true,
            mid: 180.0,
            end: x + 5.0 * text.chars().count() as f64,
            starts: false,
            cell: None,
        }
    }

    #[test]
    fn gaps_indents_and_short_lines_end_paragraphs() {
        let full = "aaaa bbbb cccc dddd eeee ffff gggg hhhh";
        let a = placed(full, 70.0, 100.0, 1);
        // Justified: stretch to the margin.
        let stretch = |mut p: Placed| {
            let last = p.line.words.last_mut().unwrap();
            let w = last.x1 - last.x0;
            last.x1 = 290.0;
            last.x0 = 290.0 - w;
            p.end = 290.0;
            p
        };
        let a = stretch(a);
        let b = stretch(placed(full, 70.0, 115.0, 1));
        assert!(!breaks(&a, &b, 1.15, 13.0));
        // A vertical gap.
        let c = stretch(placed(full, 70.0, 140.0, 1));
        assert!(breaks(&b, &c, 1.15, 13.0));
        // A first-line indent.
        let d = placed("iiii jjjj", 84.0, 115.0, 1);
        assert!(breaks(&a, &d, 1.15, 13.0));
        // A short line before.
        let short = placed("kkkk.", 70.0, 100.0, 1);
        assert!(breaks(&short, &b, 1.15, 13.0));
        // A column break inside a paragraph: the full line goes on in the next column.
        let e = stretch(placed(full, 70.0, 60.0, 2));
        assert!(!breaks(&a, &e, 1.15, 13.0));
        // One long word that justification could not stretch, and a next word too long to
        // follow it: the paragraph goes on in lower case ("международно-политической" +
        // "обстановки"), not after a full stop or before a capital.
        let lone = placed("internationally-political-economic", 70.0, 100.0, 1);
        let next = |text: &str| stretch(placed(text, 70.0, 115.0, 1));
        assert!(!breaks(
            &lone,
            &next("circumstances bbbb cccc dddd"),
            1.15,
            13.0
        ));
        assert!(breaks(
            &lone,
            &next("Circumstances bbbb cccc dddd"),
            1.15,
            13.0
        ));
        assert!(breaks(
            &lone,
            &next("cc bbbb cccc dddd eeee ffff"),
            1.15,
            13.0
        ));
        // A line all in larger type that stops short (a heading in bold a point larger)
        // before body type ends its paragraph, however close to the margin it stops; a line of
        // larger type set to the margin (an emphasised line of a paragraph) does not.
        let larger = |mut p: Placed| {
            for w in &mut p.line.words {
                w.y0 -= 1.5;
            }
            p
        };
        let heading = larger(placed("Institute of Far Eastern Studies", 70.0, 100.0, 1));
        let mut close = heading.clone();
        let last = close.line.words.last_mut().unwrap();
        (last.x0, last.x1) = (289.0 - (last.x1 - last.x0), 289.0);
        close.end = 289.0;
        assert!(breaks(
            &close,
            &next("From five to twelve July"),
            1.15,
            13.0
        ));
        let emphasised = larger(stretch(placed(full, 70.0, 100.0, 1)));
        assert!(!breaks(
            &emphasised,
            &next("and so on bbbb cccc dddd"),
            1.15,
            13.0
        ));
        let stop = placed("internationally-political-economic.", 70.0, 100.0, 1);
        assert!(breaks(
            &stop,
            &next("circumstances bbbb cccc dddd"),
            1.15,
            13.0
        ));
    }

    #[test]
    fn line_ends_join() {
        let v = Vocab::new("so-called the agreement".split_whitespace());
        let mut p = "the agree-".to_string();
        push_line(&mut p, "ment was signed", &v);
        assert_eq!(p, "the agreement was signed");
        let mut p = "a so-".to_string();
        push_line(&mut p, "called deal in 1979–", &v);
        push_line(&mut p, "2000", &v);
        assert_eq!(p, "a so-called deal in 1979–2000");
        let mut p = "it is –".to_string();
        push_line(&mut p, "as we know", &v);
        assert_eq!(p, "it is – as we know");
    }
}
