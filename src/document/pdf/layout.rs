//! Reading order from the page's own layout: running headers, footers and page numbers
//! dropped, columns found from the gaps in x, full-width blocks (a title, an abstract)
//! read where they stand and the columns between them one after the other, footnote
//! markers taken out of the text and the notes at a column's foot set apart.

use std::collections::{HashMap, HashSet};

use super::table;
use super::words::{bullet, private, Line, Page, Word};

/// A line in reading order, with the edges of the column (or full-width block) it is in.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    /// The line's words, footnote markers and bullets taken out.
    pub line: Line,
    /// Which column of which page the line is in: lines of one region share it.
    pub region: usize,
    /// The region's left margin (where most of its lines start).
    pub left: f64,
    /// The region's right margin (where its full lines end).
    pub right: f64,
    /// True when most lines of the region end at its right margin (justified type).
    pub justified: bool,
    /// The middle of the region, between its leftmost and rightmost text.
    pub mid: f64,
    /// Where the line ended on the page, footnote markers included.
    pub end: f64,
    /// True when the region is a full-width block, not a column.
    pub full: bool,
    /// The page the line is on.
    pub page: usize,
    /// True when the line starts an item for sure: a bullet or a footnote's number led it.
    pub starts: bool,
    /// The table cell the line belongs to (numbered within its region), if it is in a table.
    pub cell: Option<usize>,
}

/// The lines of a document in reading order: the body, then the footnotes.
#[derive(Debug, Default)]
pub(super) struct Flow {
    /// Body lines in reading order.
    pub body: Vec<Placed>,
    /// Footnote lines in the order of the pages; a note starts at a line marked `starts`.
    pub notes: Vec<Placed>,
    /// Footnote markers taken out of the body.
    pub markers: usize,
}

/// Lays out the pages: the body lines and the notes, each in reading order.
pub(super) fn flow(mut pages: Vec<Page>) -> Flow {
    drop_running_lines(&mut pages);
    let body_h = body_height(&pages);
    let mut flow = Flow::default();
    let mut region = 0;
    let found: Vec<(Vec<Span>, Vec<Span>)> = pages
        .iter()
        .map(|p| gutters_beside_tables(p, body_h))
        .collect();
    let usual = usual_gutters(&found);
    for (number, (page, (mut gutters, wide))) in pages.into_iter().zip(found).enumerate() {
        // A page too short to show its gutter (an article's last, its columns a few lines
        // deep beside the notes) keeps the document's, where no line of body type crosses it.
        if gutters.is_empty() && wide.is_empty() {
            if let Some(usual) = usual.as_ref().filter(|u| clear_of(&page, u, body_h)) {
                gutters = usual.clone();
            }
        }
        let lo = page.lines.iter().map(Line::x0).fold(f64::MAX, f64::min);
        let hi = page.lines.iter().map(Line::x1).fold(f64::MIN, f64::max);
        let show = std::env::var_os("BITEXT_PDF_LAYOUT").is_some();
        if show {
            eprintln!("page: gutters {gutters:?}, full-width tables {wide:?}");
        }
        for (col, lines) in regions(page.lines, &gutters, &wide, body_h) {
            region += 1;
            for l in lines.iter().filter(|_| show) {
                eprintln!(
                    "  r{region} {:.1}-{:.1} @{:.1} h{:.1}: {}",
                    l.x0(),
                    l.x1(),
                    l.base(),
                    l.h(),
                    l.text()
                );
            }
            let edges = match col {
                None => (lo, hi),
                Some(c) => (
                    if c == 0 { lo } else { gutters[c - 1].1 },
                    gutters.get(c).map_or(hi, |g| g.0),
                ),
            };
            let at = Region {
                id: region,
                page: number,
                full: col.is_none(),
                edges,
                page_h: page.height,
            };
            place_region(lines, &at, body_h, &mut flow);
        }
    }
    // Columns are set alike: justified when most of their lines run to the margin.
    let cols: Vec<&Placed> = flow
        .body
        .iter()
        .filter(|p| !p.full && p.cell.is_none())
        .collect();
    let even = cols.iter().filter(|p| p.end >= p.right - 1.5).count();
    let justified = cols.len() >= 3 && even * 5 >= cols.len() * 3;
    for p in flow.body.iter_mut().filter(|p| !p.full) {
        p.justified = justified;
    }
    endnotes(&mut flow, body_h);
    flow
}

/// Notes set after the body as a numbered list ("1. Source 1, p. 24." in smaller type, as a
/// browser prints an article's endnotes) join the footnotes, without their numbers: the body
/// must have lost note markers, and the list must run in smaller type from "1." to its end,
/// each note opening with the next number.
fn endnotes(flow: &mut Flow, body_h: f64) {
    let small = |p: &Placed| p.line.h() < body_h * 0.9;
    let number = |p: &Placed| {
        let t = &p.line.words.first()?.text;
        let digits = t.strip_suffix(['.', ')'])?;
        (p.line.words.len() > 1 && !digits.is_empty() && digits.len() <= 3)
            .then(|| digits.parse::<usize>().ok())
            .flatten()
    };
    if flow.markers == 0 {
        return;
    }
    let tail = flow.body.iter().rev().take_while(|p| small(p)).count();
    let from = flow.body.len() - tail;
    if let Some(first) = (from..flow.body.len()).find(|&k| number(&flow.body[k]) == Some(1)) {
        let notes = flow.body.split_off(first);
        flow.notes.extend(notes);
    }
    // Notes numbered in the line's own type, 1, 2, 3… in turn, lose their numbers as raised
    // ones do.
    let mut next = 1;
    for p in &mut flow.notes {
        if number(p) == Some(next) {
            p.line.words.remove(0);
            p.starts = true;
            next += 1;
        }
    }
}

/// Where a region is: its number, page, kind and left and right margins.
struct Region {
    id: usize,
    page: usize,
    full: bool,
    edges: (f64, f64),
    page_h: f64,
}

/// The most common word height, counted by characters: the height of the body type.
fn body_height(pages: &[Page]) -> f64 {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for w in pages.iter().flat_map(|p| &p.lines).flat_map(|l| &l.words) {
        *count.entry((w.h() * 2.0).round() as i64).or_default() += w.text.chars().count();
    }
    count
        .into_iter()
        .max_by_key(|&(h, n)| (n, -h))
        .map_or(10.0, |(h, _)| h as f64 / 2.0)
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
pub(super) fn page_number(text: &str) -> bool {
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
        [n] => {
            digits(n)
                || is_roman(n)
                || n.split_once('/')
                    .is_some_and(|(a, b)| digits(a) && digits(b))
        }
        [a, "of" | "из" | "/", b] => digits(a) && digits(b),
        _ => false,
    }
}

/// True for a word of ASCII digits only.
fn digits(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c))
}

/// Drops running headers and footers (the same line in the same type, numbers aside, near
/// the top or bottom of several pages) and page numbers at the top or bottom edge; either
/// stays when text that stays shares its baseline (a table's cell, a piece of a text line). The
/// article's title set large under a running head of the same words stays.
fn drop_running_lines(pages: &mut [Page]) {
    // Near the edge: in the outer eighth of the page, or the page's first or last line in
    // its outer fifth (a typesetter's head or foot set close to the text, as LaTeX's are).
    let outer: Vec<(f64, f64)> = pages
        .iter()
        .map(|p| {
            let bases = p.lines.iter().map(Line::base);
            (
                bases.clone().fold(f64::MAX, f64::min),
                bases.fold(f64::MIN, f64::max),
            )
        })
        .collect();
    let edge = |p: &Page, k: usize, l: &Line| {
        if p.height <= 0.0 {
            return false;
        }
        if l.base() < p.height * 0.12 || l.y0() > p.height * 0.88 {
            return true;
        }
        let (first, last) = outer[k];
        (l.base() <= first && l.base() < p.height * 0.2)
            || (l.base() >= last && l.y0() > p.height * 0.8)
    };
    let key = |l: &Line| (shape(&l.text()), (l.h() * 2.0).round() as i64);
    let mut seen: HashMap<(String, i64), HashSet<usize>> = HashMap::new();
    for (k, p) in pages.iter().enumerate() {
        for l in &p.lines {
            if edge(p, k, l) {
                seen.entry(key(l)).or_default().insert(k);
            }
        }
    }
    let running: HashSet<(String, i64)> = seen
        .into_iter()
        .filter(|(_, on)| on.len() >= 2 && on.len() * 2 >= pages.len().min(6))
        .map(|(s, _)| s)
        .collect();
    for (k, p) in pages.iter_mut().enumerate() {
        drop_head(p);
        let lines = std::mem::take(&mut p.lines);
        let running_line = |l: &Line| edge(p, k, l) && running.contains(&key(l));
        // A page number, or the address a browser prints at the page's foot.
        let number = |l: &Line| edge(p, k, l) && (page_number(&l.text()) || address(&l.text()));
        // A number beside text that stays on its baseline is a table's cell ("2012" in a
        // table's head at the top of a page), not the page's number; a word beside it is a
        // piece of a text line that the text layer cut at a wide justified space ("будет"
        // at a page's foot, as on another page's), not a running line.
        let mut kept: Vec<f64> = lines
            .iter()
            .filter(|l| !running_line(l) && !number(l))
            .map(Line::base)
            .collect();
        kept.sort_by(f64::total_cmp);
        let beside_text = |l: &Line| {
            let from = kept.partition_point(|&b| b < l.base() - 0.5 * l.h());
            kept.get(from).is_some_and(|&b| b <= l.base() + 0.5 * l.h())
        };
        p.lines = lines
            .into_iter()
            .filter(|l| !(running_line(l) || number(l)) || beside_text(l))
            .collect();
    }
}

/// True for a line that is only a web address ("https://…", "file:///…", "www.…").
fn address(text: &str) -> bool {
    let t = text.trim();
    !t.contains(' ')
        && ["http://", "https://", "file://", "www."]
            .iter()
            .any(|p| t.starts_with(p))
}

/// Drops a running head that no other page repeats (a one-page article): the page's first
/// line, and any beside it on the same baseline (a browser's date and title), in smaller
/// type than the line below them, near the top edge and set apart from the text by a gap.
fn drop_head(page: &mut Page) {
    let mut order: Vec<usize> = (0..page.lines.len()).collect();
    order.sort_by(|&a, &b| page.lines[a].base().total_cmp(&page.lines[b].base()));
    let Some(&top) = order.first() else {
        return;
    };
    let t = &page.lines[top];
    let beside = |l: &Line| (l.base() - t.base()).abs() < 0.5 * t.h();
    let head: Vec<usize> = order
        .iter()
        .copied()
        .take_while(|&k| beside(&page.lines[k]))
        .collect();
    let Some(&next) = order.get(head.len()) else {
        return;
    };
    let n = &page.lines[next];
    let low = head
        .iter()
        .map(|&k| page.lines[k].base())
        .fold(f64::MIN, f64::max);
    let small = head.iter().all(|&k| page.lines[k].h() < n.h() * 0.8);
    if page.height > 0.0 && low < page.height * 0.12 && small && n.y0() - low > n.h() {
        page.lines = std::mem::take(&mut page.lines)
            .into_iter()
            .enumerate()
            .filter(|(k, _)| !head.contains(k))
            .map(|(_, l)| l)
            .collect();
    }
}

/// The gaps between the columns of a page, as x ranges: strips of the page's middle that
/// (nearly) no word covers while the text beside them is dense. A few lines of body type may
/// cross a gutter (an affiliation, an abstract set full width).
pub(super) fn gutters(page: &Page, body_h: f64) -> Vec<(f64, f64)> {
    gutters_crossed_by(page, body_h, 0.1, 4)
}

/// The gutters of a page that more lines of body type cross than [`gutters`] allows, as on a
/// first page whose fonts a PDF writer measured anew: a strip is still a gutter when ten lines
/// or more end at its left and start at its right.
fn crowded_gutters(page: &Page, body_h: f64) -> Vec<(f64, f64)> {
    gutters_crossed_by(page, body_h, 0.35, 10)
}

/// The gutters of a page where at most `crossing` of the text's depth (words stacked at one
/// x) covers the strip, and at least `edges` lines end or start at its two sides.
fn gutters_crossed_by(page: &Page, body_h: f64, crossing: f64, edges: usize) -> Vec<(f64, f64)> {
    // Body type only: a title's large words cross the gutters.
    let words: Vec<&Word> = page
        .lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| body_type(w.h(), body_h))
        .collect();
    if words.len() < 20 {
        return Vec::new();
    }
    let lo = words.iter().map(|w| w.x0).fold(f64::MAX, f64::min).floor();
    let hi = words.iter().map(|w| w.x1).fold(f64::MIN, f64::max).ceil();
    let n = (hi - lo) as usize + 1;
    if n < 50 {
        return Vec::new();
    }
    let mut cover = vec![0u32; n];
    for w in &words {
        let a = ((w.x0 - lo).max(0.0)) as usize;
        let b = ((w.x1 - lo).ceil() as usize).min(n);
        for c in &mut cover[a..b] {
            *c += 1;
        }
    }
    let mut sorted = cover.clone();
    sorted.sort_unstable();
    let level = sorted[n * 3 / 4] as f64;
    // A full-width line crosses a gutter too: a few words may cover it.
    let bar = (level * crossing).max(2.0);
    let (from, to) = ((n as f64 * 0.15) as usize, (n as f64 * 0.85) as usize);
    let mut out = Vec::new();
    let mut k = from;
    while k < to {
        if cover[k] as f64 > bar {
            k += 1;
            continue;
        }
        let start = k;
        while k < to && cover[k] as f64 <= bar {
            k += 1;
        }
        let (mut a, mut b) = (start, k);
        if a == from || b == to {
            // A sparse column beside the strip (the last page's short column): keep the
            // emptiest stretch of it.
            let least = cover[a..b].iter().copied().min().unwrap_or(0);
            let s = (a..b).find(|&i| cover[i] == least).unwrap_or(a);
            let e = (s..b).find(|&i| cover[i] != least).unwrap_or(b);
            (a, b) = (s, e);
        }
        let (g0, g1) = (lo + a as f64, lo + b as f64);
        // Lines end at the strip on its left and start at it on its right: the margins
        // of two columns, not word spaces that happen to line up. A line the PDF's text
        // layer runs across both columns ends and starts there too, on either side of a gap
        // that spans the strip.
        let ends = |x: f64| x <= g0 + 0.5 && x >= g0 - 3.0;
        let starts = |x: f64| x >= g1 - 0.5 && x <= g1 + 3.0;
        let across = |l: &Line| l.words.windows(2).any(|w| ends(w[0].x1) && starts(w[1].x0));
        let left = page
            .lines
            .iter()
            .filter(|l| ends(l.x1()) || across(l))
            .count();
        let right = page
            .lines
            .iter()
            .filter(|l| starts(l.x0()) || across(l))
            .count();
        if b - a >= 8 && left >= 1 && right >= 1 && left + right >= edges {
            out.push((g0, g1));
        }
        k += 1;
    }
    out
}

/// True for type of height `h` within a tenth of the body's: the text's own type, not a
/// title's or a note's.
fn body_type(h: f64, body_h: f64) -> bool {
    (h - body_h).abs() <= 0.1 * body_h
}

/// A stretch of a page from one coordinate to another (in x for a gutter, in y for a band).
type Span = (f64, f64);

/// The gutters that more than half of the pages showing any show (to the point): the
/// document's column grid.
fn usual_gutters(found: &[(Vec<Span>, Vec<Span>)]) -> Option<Vec<Span>> {
    let key = |g: &[Span]| -> Vec<(i64, i64)> {
        g.iter()
            .map(|&(a, b)| (a.round() as i64, b.round() as i64))
            .collect()
    };
    let mut count: HashMap<Vec<(i64, i64)>, (usize, usize)> = HashMap::new();
    for (k, (g, _)) in found.iter().enumerate().filter(|(_, (g, _))| !g.is_empty()) {
        count.entry(key(g)).or_insert((0, k)).0 += 1;
    }
    let shown = found.iter().filter(|(g, _)| !g.is_empty()).count();
    count
        .into_values()
        .filter(|&(n, _)| n * 2 > shown)
        .max_by_key(|&(n, first)| (n, std::cmp::Reverse(first)))
        .map(|(_, first)| found[first].0.clone())
}

/// True when no more than a tenth of a page's lines of body type cross the middle of any of
/// the gutters: the page can be read in those columns.
fn clear_of(page: &Page, gutters: &[Span], body_h: f64) -> bool {
    let body: Vec<&Line> = page
        .lines
        .iter()
        .filter(|l| body_type(l.h(), body_h))
        .collect();
    gutters.iter().all(|&(a, b)| {
        let mid = (a + b) / 2.0;
        let crossing = body
            .iter()
            .filter(|l| l.words.iter().any(|w| w.x0 < mid && w.x1 > mid))
            .count();
        crossing * 10 <= body.len()
    })
}

/// The gutters of a page and the vertical extents (top, bottom) of the tables set across
/// them. Only where no gutter shows: a table across both columns covers the gutter, so the
/// gutter is looked for again without the page's tables, and the tables that straddle it
/// (none of their own gaps on it) are read as full-width blocks. Where neither shows a
/// gutter, a strip that more lines cross may be one ([`crowded_gutters`]).
fn gutters_beside_tables(page: &Page, body_h: f64) -> (Vec<Span>, Vec<Span>) {
    let found = gutters(page, body_h);
    if !found.is_empty() {
        return (found, Vec::new());
    }
    let tables = table::bands(&page.lines);
    if tables.is_empty() {
        return (crowded_gutters(page, body_h), Vec::new());
    }
    let inside =
        |l: &Line, bands: &[table::Band]| bands.iter().any(|t| in_band(l, (t.top, t.bottom)));
    let rest = Page {
        height: page.height,
        lines: page
            .lines
            .iter()
            .filter(|l| !inside(l, &tables))
            .cloned()
            .collect(),
    };
    let again = gutters(&rest, body_h);
    let wide: Vec<Span> = tables
        .iter()
        .filter(|t| {
            again.iter().any(|&(a, b)| {
                let mid = (a + b) / 2.0;
                t.left < a && t.right > b && !t.seps.iter().any(|s| s.0 <= mid && s.1 >= mid)
            })
        })
        .map(|t| (t.top, t.bottom))
        .collect();
    if wide.is_empty() {
        return (crowded_gutters(page, body_h), wide);
    }
    (again, wide)
}

/// True when the middle of a line lies within a band of the page (its top and bottom).
fn in_band(l: &Line, (top, bottom): Span) -> bool {
    let mid = (l.y0() + l.base()) / 2.0;
    mid >= top && mid <= bottom
}

/// Which column a line is in (`None`: a full-width line, crossing a gutter or inside one).
fn column(line: &Line, gutters: &[(f64, f64)]) -> Option<usize> {
    let (x0, x1) = (line.x0(), line.x1());
    if gutters
        .iter()
        .any(|&(a, b)| (x0 < a && x1 > b) || (x0 >= a && x1 <= b))
    {
        return None;
    }
    let mid = (x0 + x1) / 2.0;
    Some(
        gutters
            .iter()
            .filter(|&&(a, b)| (a + b) / 2.0 < mid)
            .count(),
    )
}

/// Splits a line where a gap between two words holds a gutter's middle: two columns' lines
/// on one baseline are two lines. A title across the page, all in type larger than the
/// body's, stays one line where one of its usual spaces happens to fall on the gutter.
fn split_at_gutters(line: Line, gutters: &[(f64, f64)], body_h: f64) -> Vec<Line> {
    let mut gaps: Vec<f64> = line.words.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    gaps.sort_by(f64::total_cmp);
    let title = gaps.len() >= 3 && line.words.iter().all(|w| w.h() > body_h * 1.15);
    let space = if title { gaps[gaps.len() / 2] } else { 0.0 };
    let mut out = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    for w in line.words {
        if let Some(prev) = cur.last() {
            let (a, b) = (prev.x1, w.x0);
            if b - a > 1.5 * space
                && gutters.iter().any(|&(g0, g1)| {
                    a <= (g0 + g1) / 2.0 && b >= (g0 + g1) / 2.0 && b - a >= (g1 - g0) * 0.8
                })
            {
                out.push(Line::new(std::mem::take(&mut cur)));
            }
        }
        cur.push(w);
    }
    if !cur.is_empty() {
        out.push(Line::new(cur));
    }
    out
}

/// The regions of a page in reading order, each a list of lines top to bottom: runs of
/// full-width lines are read where they stand, and between two of them each column is
/// read down in turn, left to right.
fn regions(
    lines: Vec<Line>,
    gutters: &[(f64, f64)],
    wide: &[(f64, f64)],
    body_h: f64,
) -> Vec<(Option<usize>, Vec<Line>)> {
    // A line of a table set across the columns (`wide`: its top and bottom) is full-width.
    let across = |l: &Line| wide.iter().any(|&band| in_band(l, band));
    let mut placed: Vec<(Option<usize>, Line)> = Vec::new();
    for l in lines.into_iter().flat_map(|l| {
        if across(&l) {
            vec![l]
        } else {
            split_at_gutters(l, gutters, body_h)
        }
    }) {
        let col = if across(&l) {
            None
        } else {
            column(&l, gutters)
        };
        // A line pdftotext cut in two (a superscript, a change of type) is one line again,
        // also when the piece stands between the line's words (a raised note number).
        let same = placed.iter_mut().rev().find(|(c, m)| {
            *c == col && {
                let overlap = l.base().min(m.base()) - l.y0().max(m.y0());
                let apart = l
                    .words
                    .iter()
                    .all(|a| m.words.iter().all(|b| a.x0 >= b.x1 || a.x1 <= b.x0));
                apart && overlap >= 0.5 * l.h().min(m.h())
            }
        });
        match same {
            Some((_, m)) => {
                let mut words = std::mem::take(&mut m.words);
                words.extend(l.words);
                *m = Line::new(words);
            }
            None => placed.push((col, l)),
        }
    }
    placed.sort_by(|a, b| a.1.base().total_cmp(&b.1.base()));
    type Out = Vec<(Option<usize>, Vec<Line>)>;
    let mut out: Out = Vec::new();
    let mut band: Vec<(usize, Line)> = Vec::new();
    let flush = |band: &mut Vec<(usize, Line)>, out: &mut Out| {
        let mut cols: Vec<usize> = band.iter().map(|(c, _)| *c).collect();
        cols.sort_unstable();
        cols.dedup();
        for c in cols {
            out.push((
                Some(c),
                band.iter()
                    .filter(|(k, _)| *k == c)
                    .map(|(_, l)| l.clone())
                    .collect(),
            ));
        }
        band.clear();
    };
    let mut full: Vec<Line> = Vec::new();
    for (col, l) in placed {
        match col {
            None => {
                flush(&mut band, &mut out);
                full.push(l);
            }
            Some(c) => {
                if !full.is_empty() {
                    out.push((None, std::mem::take(&mut full)));
                }
                band.push((c, l));
            }
        }
    }
    if !full.is_empty() {
        out.push((None, full));
    }
    flush(&mut band, &mut out);
    out
}

/// True for a footnote marker's text: a number or a note sign.
fn marker_text(t: &str) -> bool {
    let n = t.chars().count();
    n > 0 && n <= 3 && t.chars().all(|c| c.is_ascii_digit() || "*†‡§¶".contains(c))
}

/// True when a word is a superscript of its line: smaller type on a raised baseline.
fn superscript(w: &Word, line_h: f64, base: f64) -> bool {
    w.h() < line_h * 0.8 && w.y1 < base - line_h * 0.12
}

/// Places one region's lines: the small type at its foot (below a page's middle) goes to
/// the notes, tables are read cell by cell, footnote markers leave the body, bullets leave
/// list items.
fn place_region(mut lines: Vec<Line>, at: &Region, body_h: f64, flow: &mut Flow) {
    if lines.is_empty() {
        return;
    }
    let page_h = at.page_h;
    let mut notes_from = lines.len();
    while notes_from > 0 {
        let l = &lines[notes_from - 1];
        if l.h() < body_h * 0.88 && page_h > 0.0 && l.y0() > page_h * 0.5 {
            notes_from -= 1;
        } else {
            break;
        }
    }
    // Small type alone is not a footnote area: the region must hold body type above it.
    if notes_from == 0 {
        notes_from = lines.len();
    }
    let notes = lines.split_off(notes_from);
    let mut items = table::read(lines);
    notes_from = items.len();
    items.extend(notes.into_iter().map(|l| (l, None)));
    // The region's margins and setting are those of its text, not of its tables.
    let normal: Vec<&Line> = items
        .iter()
        .filter(|(l, c)| c.is_none() && l.h() >= body_h * 0.88)
        .map(|(l, _)| l)
        .collect();
    let pool = if normal.is_empty() {
        let text: Vec<&Line> = items
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(l, _)| l)
            .collect();
        if text.is_empty() {
            items.iter().map(|(l, _)| l).collect()
        } else {
            text
        }
    } else {
        normal
    };
    let right = at.edges.1;
    let left = if at.full { margin(&pool) } else { at.edges.0 };
    let mid = (at.edges.0 + at.edges.1) / 2.0;
    let full = pool.iter().filter(|l| l.x1() >= right - 1.5).count();
    let justified = pool.len() >= 3 && full * 5 >= pool.len() * 3;
    for (k, (l, cell)) in items.into_iter().enumerate() {
        let note = k >= notes_from;
        let (h, base, end) = (l.h(), l.base(), l.x1());
        // A note's number, smaller or raised against the note's own words (a font's box may
        // make the number the taller of the two).
        let rest = &l.words[1.min(l.words.len())..];
        let rest_h = rest.iter().map(Word::h).fold(0.0, f64::max);
        let rest_base = rest.iter().map(|w| w.y1).fold(f64::MIN, f64::max);
        let numbered = l.words.first().is_some_and(|w| {
            marker_text(&w.text)
                && !rest.is_empty()
                && (w.h() < rest_h * 0.85 || w.y1 < rest_base - 0.15 * rest_h)
        });
        let mut starts = false;
        let mut words: Vec<Word> = Vec::new();
        // A mark that followed a note marker taken out ("видам¹." read as "видам", "¹", ".")
        // joins the word before the marker again, with no space before it.
        let mut after_marker = false;
        for (i, mut w) in l.words.into_iter().enumerate() {
            let lead = words.is_empty();
            if note && lead && i == 0 && numbered {
                starts = true;
                continue;
            }
            if !note && marker_text(&w.text) && superscript(&w, h, base) {
                flow.markers += 1;
                after_marker = true;
                continue;
            }
            if std::mem::take(&mut after_marker)
                && w.text
                    .starts_with(['.', ',', ';', ':', '!', '?', ')', '»', '”'])
            {
                if let Some(last) = words.last_mut() {
                    last.text.push_str(&w.text);
                    last.x1 = w.x1;
                    continue;
                }
            }
            if lead && bullet(&w.text) {
                starts = true;
                continue;
            }
            w.text.retain(|c| !private(c));
            if w.text.is_empty() {
                continue;
            }
            words.push(w);
        }
        if words.is_empty() {
            continue;
        }
        let placed = Placed {
            line: Line { words },
            region: at.id,
            full: at.full,
            page: at.page,
            left,
            right,
            justified,
            mid,
            end,
            starts,
            cell,
        };
        if note {
            flow.notes.push(placed);
        } else {
            flow.body.push(placed);
        }
    }
}

/// The left margin of a region: the most common left edge of its lines (ties to the left).
fn margin(lines: &[&Line]) -> f64 {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *count.entry(l.x0().round() as i64).or_default() += 1;
    }
    count
        .into_iter()
        .max_by_key(|&(x, n)| (n, -x))
        .map_or(0.0, |(x, _)| x as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word at `x` on the line whose top is `y`, 13 pt high, 5 pt a character.
    pub(crate) fn word(text: &str, x: f64, y: f64) -> Word {
        Word {
            text: text.to_string(),
            x0: x,
            y0: y,
            x1: x + 5.0 * text.chars().count() as f64,
            y1: y + 13.0,
        }
    }

    /// A line of words set from `x` with one space (3 pt) between them.
    pub(crate) fn line(text: &str, x: f64, y: f64) -> Line {
        let mut words = Vec::new();
        let mut at = x;
        for t in text.split_whitespace() {
            let w = word(t, at, y);
            at = w.x1 + 3.0;
            words.push(w);
        }
        Line::new(words)
    }

    fn two_columns() -> Page {
        let mut lines = vec![line("A Title Across The Whole Page Width", 150.0, 60.0)];
        for k in 0..20 {
            let y = 100.0 + 15.0 * k as f64;
            let words = &"left column of text with a few words in each line here"[k % 5..][..30];
            lines.push(line(&format!("left {words}"), 70.0, y));
            lines.push(line(&format!("right {words}"), 300.0, y));
        }
        Page {
            height: 842.0,
            lines,
        }
    }

    #[test]
    fn columns_from_gaps_and_reading_order() {
        let page = two_columns();
        let g = gutters(&page, 13.0);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(g[0].0 > 200.0 && g[0].1 < 320.0, "{g:?}");
        let regions = regions(page.lines.clone(), &g, &[], 10.0);
        assert_eq!(regions.len(), 3);
        assert_eq!(regions[0].0, None);
        assert!(regions[0].1[0].text().starts_with("A Title"));
        assert_eq!(regions[1].0, Some(0));
        assert!(regions[1].1.iter().all(|l| l.text().starts_with("left")));
        assert_eq!(regions[2].0, Some(1));
        assert!(regions[2].1.iter().all(|l| l.text().starts_with("right")));
    }

    #[test]
    fn one_column_has_no_gutter() {
        let text = "a plain page of text set in one column of lines and then some more words";
        let lines = (0..30)
            .map(|k| line(&text[k % 7..], 70.0, 100.0 + 15.0 * k as f64))
            .collect();
        let page = Page {
            height: 842.0,
            lines,
        };
        assert!(gutters(&page, 13.0).is_empty());
    }

    #[test]
    fn markers_notes_and_bullets() {
        let mut body = line("the talks ended. The next", 70.0, 300.0);
        // A raised, smaller "1" after "ended.".
        body.words.push(Word {
            text: "1".into(),
            x0: 150.0,
            y0: 300.0,
            x1: 153.0,
            y1: 307.0,
        });
        let body = Line::new(body.words);
        let item = line("• an item of a list", 70.0, 315.0);
        let mut note = line("Ibid., p. 46.", 80.0, 700.0);
        for w in &mut note.words {
            w.y1 = w.y0 + 10.4;
        }
        note.words.insert(
            0,
            Word {
                text: "1".into(),
                x0: 70.0,
                y0: 700.0,
                x1: 73.0,
                y1: 706.0,
            },
        );
        let mut flow = Flow::default();
        let at = Region {
            id: 1,
            page: 0,
            full: false,
            edges: (70.0, 290.0),
            page_h: 842.0,
        };
        place_region(vec![body, item, note], &at, 13.0, &mut flow);
        assert_eq!(flow.body.len(), 2);
        assert_eq!(flow.body[0].line.text(), "the talks ended. The next");
        assert_eq!(flow.body[1].line.text(), "an item of a list");
        assert!(flow.body[1].starts);
        assert_eq!(flow.notes.len(), 1);
        assert_eq!(flow.notes[0].line.text(), "Ibid., p. 46.");
        assert!(flow.notes[0].starts);
    }

    #[test]
    fn a_mark_after_a_note_marker_joins_its_word() {
        let mut body = line("Found in four species", 70.0, 300.0);
        let end = body.words.last().unwrap().x1;
        body.words.push(Word {
            text: "2".into(),
            x0: end,
            y0: 300.0,
            x1: end + 3.0,
            y1: 307.0,
        });
        body.words.push(word(".", end + 3.0, 300.0));
        let mut flow = Flow::default();
        let at = Region {
            id: 1,
            page: 0,
            full: false,
            edges: (70.0, 290.0),
            page_h: 842.0,
        };
        place_region(vec![Line::new(body.words)], &at, 13.0, &mut flow);
        assert_eq!(flow.body[0].line.text(), "Found in four species.");
        assert_eq!(flow.markers, 1);
    }

    #[test]
    fn heads_and_numbers_set_close_to_the_text_go_when_outermost() {
        // LaTeX on A4: the head's baseline at 12.4% of the page, the number at 82%.
        let page = |n: &str| Page {
            height: 842.0,
            lines: vec![
                line("Journal of Biology, 2021", 70.0, 92.0),
                line("body text at the top of the page", 70.0, 130.0),
                line("body text at the foot of the page", 70.0, 650.0),
                line(n, 290.0, 690.0),
            ],
        };
        let mut pages = vec![page("1"), page("2"), page("3")];
        drop_running_lines(&mut pages);
        for p in &pages {
            let texts: Vec<String> = p.lines.iter().map(Line::text).collect();
            assert_eq!(
                texts,
                [
                    "body text at the top of the page",
                    "body text at the foot of the page"
                ]
            );
        }
        // A page whose first line is text, near the top but not repeated, keeps it.
        let mut one = vec![Page {
            height: 842.0,
            lines: vec![
                line("A title set high", 70.0, 100.0),
                line("text", 70.0, 130.0),
            ],
        }];
        drop_running_lines(&mut one);
        assert!(one[0].lines.iter().any(|l| l.text() == "A title set high"));
    }

    #[test]
    fn running_lines_and_page_numbers_go() {
        let page = |n: &str| Page {
            height: 842.0,
            lines: vec![
                line("Far Eastern Affairs, No. 3", 70.0, 40.0),
                line("body text of the page", 70.0, 300.0),
                line(n, 290.0, 800.0),
            ],
        };
        let mut pages = vec![page("1"), page("2")];
        drop_running_lines(&mut pages);
        for p in &pages {
            assert_eq!(p.lines.len(), 1);
            assert_eq!(p.lines[0].text(), "body text of the page");
        }
    }

    #[test]
    fn a_word_cut_from_a_text_line_at_the_foot_stays() {
        // The text layer cut a justified line at its wide spaces, and the cut-off "будет"
        // is the last line of two pages: it shares its baseline with text, so it stays.
        let page = |before: &str, after: &str| Page {
            height: 842.0,
            lines: vec![
                line("Far Eastern Affairs, No. 3", 70.0, 40.0),
                line("body text of the page", 70.0, 300.0),
                line(before, 70.0, 800.0),
                line("будет", 200.0, 800.0),
                line(after, 240.0, 800.0),
            ],
        };
        let mut pages = vec![
            page("он заявил, что", "перезапускать"),
            page("и никто не", "знать"),
        ];
        drop_running_lines(&mut pages);
        let texts: Vec<String> = pages[1].lines.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            ["body text of the page", "и никто не", "будет", "знать"]
        );
    }

    #[test]
    fn a_one_page_running_head_goes() {
        let mut head = line("Short Title Of The Article", 70.0, 30.0);
        for w in &mut head.words {
            w.y1 = w.y0 + 8.0;
        }
        let mut page = Page {
            height: 842.0,
            lines: vec![head, line("Short Title Of The Article", 70.0, 80.0)],
        };
        drop_head(&mut page);
        assert_eq!(page.lines.len(), 1);
        assert_eq!(page.lines[0].y0(), 80.0);
    }

    #[test]
    fn a_note_number_taller_than_the_note_but_raised() {
        let mut note = line("Source 1, p. 52.", 80.0, 780.0);
        for w in &mut note.words {
            w.y1 = w.y0 + 6.0;
        }
        note.words.insert(
            0,
            Word {
                text: "1".into(),
                x0: 70.0,
                y0: 775.0,
                x1: 74.0,
                y1: 784.5,
            },
        );
        let body = line("the body text above the note", 70.0, 700.0);
        let mut flow = Flow::default();
        let at = Region {
            id: 1,
            page: 0,
            full: false,
            edges: (70.0, 290.0),
            page_h: 842.0,
        };
        place_region(vec![body, note], &at, 13.0, &mut flow);
        assert_eq!(flow.notes.len(), 1);
        assert_eq!(flow.notes[0].line.text(), "Source 1, p. 52.");
        assert!(flow.notes[0].starts);
    }

    #[test]
    fn page_numbers() {
        for n in ["3", "- 12 -", "Page 4", "4 of 10", "xii", "Стр. 5", "1/3"] {
            assert!(page_number(n), "{n}");
        }
        for n in [
            "2013 г.",
            "Chapter one",
            "In 1998",
            "1/",
            "12/7/26, 4:09 PM",
        ] {
            assert!(!page_number(n), "{n}");
        }
    }
}
