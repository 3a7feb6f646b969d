//! Tables among a region's lines: a run of lines whose words all keep clear of the same
//! vertical strips (the gaps between the cell columns), where the text beside a strip lines
//! up from line to line, is read row by row and, within a row, cell by cell, so that each
//! cell becomes one paragraph. A row starts where a pitch widens, where a column empty on
//! the line above holds text again, or where a column's line above ended short of its
//! column's width (the first word would have fitted there).

use std::collections::HashMap;
use std::ops::Range;

use super::words::{bullet, Line, Word};

/// The narrowest gap between two cells, as a share of the line's height: cells are padded
/// on both sides (LibreOffice's thinnest default padding makes about 0.44 of a line's box).
const GAP: f64 = 0.4;

/// How many lines inside a long run that is no table may open another run: a caption or a
/// body line above a table can open a run that takes the table in.
const RETRIES: usize = 4;

/// A strip of the page in x that no word of a table crosses: a gap between two columns.
pub(super) type Strip = (f64, f64);

/// A region's lines (top to bottom) in reading order, each with the number of its table
/// cell (counted within the region) when it is a cell's line: lines outside tables stay as
/// they are; a table's lines become its cells' lines, row by row, each row left to right.
pub(super) fn read(lines: Vec<Line>) -> Vec<(Line, Option<usize>)> {
    let tables = find(&lines);
    if tables.is_empty() {
        return lines.into_iter().map(|l| (l, None)).collect();
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut cell = 0;
    let mut at = 0;
    for t in tables {
        out.extend(lines[at..t.from].iter().cloned().map(|l| (l, None)));
        let grid = Grid::new(&lines[t.from..t.to], t.seps);
        for words in grid.cells() {
            for line in words {
                out.push((line, Some(cell)));
            }
            cell += 1;
        }
        at = t.to;
    }
    out.extend(lines[at..].iter().cloned().map(|l| (l, None)));
    out
}

/// Where a table stands on a page: its top and bottom, its left and right edges, and the
/// strips between its columns.
#[derive(Debug, Clone)]
pub(super) struct Band {
    /// The top of its first line.
    pub top: f64,
    /// The baseline of its last line.
    pub bottom: f64,
    /// The left edge of its text.
    pub left: f64,
    /// The right edge of its text.
    pub right: f64,
    /// The gaps between its columns.
    pub seps: Vec<Strip>,
}

/// The tables among all the lines of a page, columns or none, each line first merged with
/// the others on its baseline.
pub(super) fn bands(lines: &[Line]) -> Vec<Band> {
    let mut sorted: Vec<&Line> = lines.iter().collect();
    sorted.sort_by(|a, b| a.base().total_cmp(&b.base()));
    let mut merged: Vec<Line> = Vec::new();
    for l in sorted {
        match merged.last_mut() {
            Some(m) if l.base().min(m.base()) - l.y0().max(m.y0()) >= 0.5 * l.h().min(m.h()) => {
                let mut words = std::mem::take(&mut m.words);
                words.extend(l.words.iter().cloned());
                *m = Line::new(words);
            }
            _ => merged.push(l.clone()),
        }
    }
    find(&merged)
        .into_iter()
        .map(|t| {
            let run = &merged[t.from..t.to];
            Band {
                top: run[0].y0(),
                bottom: run[run.len() - 1].base(),
                left: run.iter().map(Line::x0).fold(f64::MAX, f64::min),
                right: run.iter().map(Line::x1).fold(f64::MIN, f64::max),
                seps: t.seps,
            }
        })
        .collect()
}

/// A table: the lines `from..to` of a region and the strips between its columns.
#[derive(Debug)]
struct Table {
    from: usize,
    to: usize,
    seps: Vec<Strip>,
}

/// The stretches of a line's row free of words and at least `g` wide, the space before its
/// first word and after its last included.
fn free(line: &Line, g: f64) -> Vec<Strip> {
    let mut out = Vec::new();
    let mut at = f64::NEG_INFINITY;
    for w in &line.words {
        if w.x0 - at >= g {
            out.push((at, w.x0));
        }
        at = at.max(w.x1);
    }
    out.push((at, f64::INFINITY));
    out
}

/// The stretches free in both lists, at least `g` wide (both lists sorted, disjoint).
fn meet(a: &[Strip], b: &[Strip], g: f64) -> Vec<Strip> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if hi - lo >= g {
            out.push((lo, hi));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The free stretches between text: the space left of every line and right of it is not
/// a column gap.
fn inner(strips: &[Strip]) -> Vec<Strip> {
    strips
        .iter()
        .copied()
        .filter(|s| s.0.is_finite() && s.1.is_finite())
        .collect()
}

/// The strips free in every line of `lines`.
fn strips(lines: &[Line], g: f64) -> Vec<Strip> {
    let mut f = free(&lines[0], g);
    for l in &lines[1..] {
        f = meet(&f, &free(l, g), g);
    }
    inner(&f)
}

/// The tables among a region's lines. A run is grown from each line that may open a table;
/// after a run of three lines or more that is no table, at most [`RETRIES`] of its lines
/// open a run again before the search goes on after it. The words looked at are counted
/// and the search stops at a few times the region's words, so the time stays linear.
fn find(lines: &[Line]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut budget = 8 * lines.iter().map(|l| l.words.len()).sum::<usize>() + 64;
    let mut i = 0;
    // The end of the last long run that was no table, and the tries left inside it.
    let (mut failed, mut tries) = (0, 0);
    while i < lines.len() {
        if i < failed && tries == 0 {
            i = failed;
            continue;
        }
        let h = lines[i].h();
        let g = GAP * h;
        if !opens(&lines[i], g) {
            i += 1;
            continue;
        }
        if i < failed {
            tries -= 1;
        }
        let mut f = free(&lines[i], g);
        let mut left = lines[i].x0();
        let mut j = i + 1;
        while j < lines.len() {
            let (l, above) = (&lines[j], &lines[j - 1]);
            let d = l.base() - above.base();
            // Another type size, a wide vertical gap, or a line that starts left of the
            // table's text (the body's margin) ends the run.
            if (l.h() - h).abs() > 0.12 * h.max(l.h()) || d <= 0.0 || d > 3.0 * h {
                break;
            }
            if l.x0() < left - 1.0 || budget < l.words.len() + f.len() {
                break;
            }
            budget -= l.words.len() + f.len();
            let m = meet(&f, &free(l, g), g);
            if inner(&m).is_empty() {
                break;
            }
            f = m;
            left = left.min(l.x0());
            j += 1;
        }
        let words: usize = lines[i..j].iter().map(|l| l.words.len()).sum();
        if budget < 4 * words {
            break;
        }
        budget -= 4 * words;
        match table(lines, i, j, g) {
            Some(t) => {
                i = t.to;
                out.push(t);
            }
            None => {
                if j - i > 2 && i >= failed {
                    (failed, tries) = (j, RETRIES);
                }
                i += 1;
            }
        }
    }
    out
}

/// True when a line may open a table: it has a gap wider than `g` that stands out from its
/// word spaces (nearly twice the narrowest), or all its gaps are twice `g`. A justified line
/// spaces its words alike (a sentence's end a little wider) and opens none.
fn opens(line: &Line, g: f64) -> bool {
    let gaps: Vec<f64> = line.words.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    let widest = gaps.iter().copied().fold(f64::MIN, f64::max);
    let narrowest = gaps.iter().copied().fold(f64::MAX, f64::min);
    widest >= g && (gaps.len() == 1 || widest >= 1.8 * narrowest || narrowest >= 2.0 * g)
}

/// The lines `i..j` as a table, trimmed of lines at either end that start left of the
/// others, when they hold one: three lines or more, two of them with text in two columns
/// or more, the text beside each strip lined up (left, right or centre) from line to line
/// and set further apart than the words beside it, more than one row or more than two
/// columns, most rows opening with two cells or more, and neither a list (bullets or
/// numbers in a column of their own) nor two columns of running text.
fn table(lines: &[Line], i: usize, j: usize, g: f64) -> Option<Table> {
    // A caption or a body line at either end that starts left of the rest is no row.
    let (mut from, mut to) = (i, j);
    let x0: Vec<f64> = lines[i..j].iter().map(Line::x0).collect();
    let mut after = vec![f64::MAX; x0.len() + 1];
    for k in (0..x0.len()).rev() {
        after[k] = after[k + 1].min(x0[k]);
    }
    while to - from > 1 && x0[from - i] < after[from - i + 1] - 1.0 {
        from += 1;
    }
    let mut before = vec![f64::MAX; x0.len() + 1];
    for k in from - i..x0.len() {
        before[k + 1] = before[k].min(x0[k]);
    }
    while to - from > 1 && x0[to - 1 - i] < before[to - 1 - i] - 1.0 {
        to -= 1;
    }
    if to - from < 3 {
        return None;
    }
    let run = &lines[from..to];
    let seps = strips(run, g);
    if seps.is_empty() {
        return None;
    }
    // A column with words on one line only is a stretched space of a justified cell.
    let grid = Grid::new(run, seps);
    let lines_in = |c: usize| (0..run.len()).filter(|&k| grid.has(k, c)).count();
    let keep: Vec<bool> = (0..grid.seps.len())
        .map(|s| lines_in(s + 1) >= 2 && (s > 0 || lines_in(0) >= 2))
        .collect();
    let seps: Vec<Strip> = (0..grid.seps.len())
        .filter(|&s| keep[s])
        .map(|s| grid.seps[s])
        .collect();
    if seps.is_empty() {
        return None;
    }
    let grid = Grid::new(run, seps);
    let multi = (0..run.len())
        .filter(|&k| (0..grid.ncol()).filter(|&c| grid.has(k, c)).count() >= 2)
        .count();
    let columns = (0..grid.seps.len()).all(|s| grid.lined_up(s) && grid.apart(s));
    let rows = grid.rows();
    // Most rows open with two cells or more on their first line: two columns of text whose
    // baselines differ would make a row of every line, one cell each.
    let opened = rows
        .iter()
        .filter(|r| (0..grid.ncol()).filter(|&c| grid.has(r.start, c)).count() >= 2)
        .count();
    let rows = if opened * 2 >= rows.len() && !grid.text_columns() {
        rows.len()
    } else {
        0
    };
    if std::env::var_os("BITEXT_PDF_LAYOUT").is_some() {
        eprintln!(
            "table? lines {from}..{to} strips {:?}: columns {columns}, list {}, rows {rows}",
            grid.seps,
            grid.list()
        );
    }
    if multi < 2 || !columns || grid.list() || rows == 0 || (grid.seps.len() < 2 && rows < 2) {
        return None;
    }
    Some(Table {
        from,
        to,
        seps: grid.seps,
    })
}

/// The lines of a run cut by its strips: for each line and column, the range of the line's
/// words in that column (words run left to right, so each column's are consecutive).
struct Grid<'a> {
    lines: &'a [Line],
    seps: Vec<Strip>,
    at: Vec<Vec<Range<usize>>>,
}

impl<'a> Grid<'a> {
    /// The lines cut at the strips.
    fn new(lines: &'a [Line], seps: Vec<Strip>) -> Grid<'a> {
        let at = lines
            .iter()
            .map(|l| {
                let mut cols = Vec::with_capacity(seps.len() + 1);
                let mut from = 0;
                for s in &seps {
                    let to = from + l.words[from..].partition_point(|w| w.x0 < s.1 - 0.01);
                    cols.push(from..to);
                    from = to;
                }
                cols.push(from..l.words.len());
                cols
            })
            .collect();
        Grid { lines, seps, at }
    }

    fn ncol(&self) -> usize {
        self.seps.len() + 1
    }

    /// The words of line `k` in column `c`.
    fn words(&self, k: usize, c: usize) -> &'a [Word] {
        &self.lines[k].words[self.at[k][c].clone()]
    }

    /// True when line `k` has words in column `c`.
    fn has(&self, k: usize, c: usize) -> bool {
        !self.at[k][c].is_empty()
    }

    /// True when the text beside strip `s` lines up over the lines: the cells right of it,
    /// or those left of it, start, centre or end at one x in at least two lines and half
    /// of those that reach it.
    fn lined_up(&self, s: usize) -> bool {
        // Start, centre and end of the cell right of the strip, then of the cell left of it.
        let mut at: [Vec<f64>; 6] = Default::default();
        for k in 0..self.lines.len() {
            let right = self.words(k, s + 1);
            if !right.is_empty() {
                let (a, b) = first_chunk(right);
                at[0].push(a);
                at[1].push((a + b) / 2.0);
                at[2].push(b);
            }
            let left = self.words(k, s);
            if !left.is_empty() {
                let (a, b) = last_chunk(left);
                at[3].push(a);
                at[4].push((a + b) / 2.0);
                at[5].push(b);
            }
        }
        at.iter().any(|xs| {
            let best = most_common(xs);
            best >= 2 && best * 2 >= xs.len()
        })
    }

    /// True when the gap at strip `s` is wider than the word spaces beside it: in two thirds
    /// of the lines with words on both sides of it and spaces of their own, a third wider
    /// than the line's middle space (a narrow justified cell stretches its spaces too). A
    /// justified line spaces all its words alike, so a strip that only lines up its word
    /// spaces is no gap between cells.
    fn apart(&self, s: usize) -> bool {
        let (mut wide, mut seen) = (0, 0);
        for k in 0..self.lines.len() {
            let (left, right) = (self.words(k, s), self.words(k, s + 1));
            let (Some(a), Some(b)) = (left.last(), right.first()) else {
                continue;
            };
            let mut spaces: Vec<f64> = (0..self.ncol())
                .flat_map(|c| self.words(k, c).windows(2).map(|w| w[1].x0 - w[0].x1))
                .collect();
            if spaces.is_empty() {
                continue;
            }
            let mid = spaces.len() / 2;
            let (_, middle, _) = spaces.select_nth_unstable_by(mid, f64::total_cmp);
            seen += 1;
            if b.x0 - a.x1 >= 1.3 * *middle {
                wide += 1;
            }
        }
        wide * 3 >= seen * 2
    }

    /// True when the run is two columns of running text, not a table: two columns side by
    /// side on most of eight lines or more, each ending its lines at one x (justified).
    fn text_columns(&self) -> bool {
        let n = self.lines.len();
        if self.seps.len() != 1 || n < 8 {
            return false;
        }
        let both = (0..n).filter(|&k| self.has(k, 0) && self.has(k, 1)).count();
        let even = |c: usize| {
            let ends: Vec<f64> = (0..n)
                .filter_map(|k| self.words(k, c).last().map(|w| w.x1))
                .collect();
            most_common(&ends) * 5 >= ends.len() * 3
        };
        both * 10 >= n * 7 && even(0) && even(1)
    }

    /// True when the run is a list, not a table: two columns, the first holding only marks
    /// (one a line at most).
    fn list(&self) -> bool {
        self.seps.len() == 1
            && (0..self.lines.len()).all(|k| {
                let marks = self.words(k, 0);
                marks.len() <= 1 && marks.iter().all(|w| list_mark(&w.text))
            })
    }

    /// The lines grouped into rows: a row starts where the distance between two baselines
    /// grows past the table's closest pitch, where a column empty on the line above holds
    /// text, or where a column's line above stopped short of the column's width (or both
    /// lines of the column are lone figures, which never wrap).
    fn rows(&self) -> Vec<Range<usize>> {
        let n = self.lines.len();
        let mut width = vec![f64::MIN; self.ncol()];
        for (c, w) in width.iter_mut().enumerate() {
            for k in 0..n {
                *w = self.words(k, c).iter().map(|w| w.x1).fold(*w, f64::max);
            }
        }
        let pitch = self
            .lines
            .windows(2)
            .map(|w| w[1].base() - w[0].base())
            .fold(f64::MAX, f64::min);
        let mut out = Vec::new();
        let mut start = 0;
        for k in 1..n {
            let (a, b) = (&self.lines[k - 1], &self.lines[k]);
            let wider = b.base() - a.base() > 1.25 * pitch;
            let new = wider
                || (0..self.ncol()).any(|c| {
                    let (above, here) = (self.words(k - 1, c), self.words(k, c));
                    let (Some(last), Some(first)) = (above.last(), here.first()) else {
                        return !here.is_empty();
                    };
                    if last.text.ends_with(['-', '\u{ad}']) {
                        return false;
                    }
                    let lone = |ws: &[Word]| ws.len() == 1 && figure(&ws[0].text);
                    let fits = last.x1 + 0.3 * b.h() + (first.x1 - first.x0) < width[c] - 0.5;
                    fits || (lone(above) && lone(here))
                });
            if new {
                out.push(start..k);
                start = k;
            }
        }
        out.push(start..n);
        out
    }

    /// The cells in reading order, row by row and each row left to right: each cell is the
    /// list of its lines (its words on each line of the table).
    fn cells(&self) -> Vec<Vec<Line>> {
        let mut out = Vec::new();
        for row in self.rows() {
            for c in 0..self.ncol() {
                let cell: Vec<Line> = row
                    .clone()
                    .filter(|&k| self.has(k, c))
                    .map(|k| Line::new(self.words(k, c).to_vec()))
                    .collect();
                if !cell.is_empty() {
                    out.push(cell);
                }
            }
        }
        out
    }
}

/// The first stretch of words (to the first gap wider than a word space): its start and end.
fn first_chunk(words: &[Word]) -> (f64, f64) {
    let h = words[0].h();
    let mut end = words[0].x1;
    for w in &words[1..] {
        if w.x0 - end > GAP * h {
            break;
        }
        end = end.max(w.x1);
    }
    (words[0].x0, end)
}

/// The last stretch of words (from the last gap wider than a word space): its start and end.
fn last_chunk(words: &[Word]) -> (f64, f64) {
    let last = &words[words.len() - 1];
    let mut start = last.x0;
    for w in words[..words.len() - 1].iter().rev() {
        if start - w.x1 > GAP * last.h() {
            break;
        }
        start = start.min(w.x0);
    }
    (start, last.x1)
}

/// How many of the values agree with the most common one within a point.
fn most_common(xs: &[f64]) -> usize {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for x in xs {
        *count.entry(x.round() as i64).or_default() += 1;
    }
    count
        .keys()
        .map(|k| {
            (k - 1..=k + 1)
                .map(|n| count.get(&n).copied().unwrap_or(0))
                .sum()
        })
        .max()
        .unwrap_or(0)
}

/// True for a list item's mark: a bullet, a dash, or a number or letter with a full stop
/// or bracket ("1.", "a)", "(iv)", "[12]").
fn list_mark(t: &str) -> bool {
    if bullet(t) || matches!(t, "-" | "–" | "—" | "*") {
        return true;
    }
    let core = t.trim_start_matches(['(', '[']);
    let Some(stem) = core.strip_suffix(['.', ')', ']']) else {
        return false;
    };
    let n = stem.chars().count();
    (1..=4).contains(&n)
        && (stem.chars().all(|c| c.is_ascii_digit())
            || (n == 1 && stem.chars().all(char::is_alphabetic))
            || stem.chars().all(|c| "ivxlc".contains(c)))
}

/// True for a word that is a figure: digits with their separators, signs and units.
fn figure(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ".,–-−+%()/ \u{a0}".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of cells: each `(x, text)` set from `x`, 5 pt a character, one space (3 pt)
    /// between words, on the line whose top is `y`.
    fn row(cells: &[(f64, &str)], y: f64) -> Line {
        Line::new(
            cells
                .iter()
                .flat_map(|&(x, text)| super::super::words::set_at(text, x, y))
                .collect(),
        )
    }

    fn texts(out: &[(Line, Option<usize>)]) -> Vec<(String, Option<usize>)> {
        out.iter().map(|(l, c)| (l.text(), *c)).collect()
    }

    #[test]
    fn wrapped_cells_read_cell_by_cell() {
        let lines = vec![
            row(&[(70.0, "Body text before the table runs across")], 100.0),
            row(&[(75.0, "Year"), (130.0, "Event")], 120.0),
            row(&[(75.0, "1996"), (130.0, "The Shanghai Five")], 135.0),
            row(&[(130.0, "is founded")], 148.0),
            row(&[(75.0, "Republic"), (130.0, "Uzbekistan joins")], 163.0),
            row(&[(75.0, "of Korea"), (130.0, "the group")], 176.0),
            row(&[(70.0, "Body text after the table runs across")], 200.0),
        ];
        let out = texts(&read(lines));
        assert_eq!(
            out,
            vec![
                ("Body text before the table runs across".into(), None),
                ("Year".into(), Some(0)),
                ("Event".into(), Some(1)),
                ("1996".into(), Some(2)),
                ("The Shanghai Five".into(), Some(3)),
                ("is founded".into(), Some(3)),
                ("Republic".into(), Some(4)),
                ("of Korea".into(), Some(4)),
                ("Uzbekistan joins".into(), Some(5)),
                ("the group".into(), Some(5)),
                ("Body text after the table runs across".into(), None),
            ]
        );
    }

    #[test]
    fn figures_on_every_line_are_rows_of_their_own() {
        let lines = vec![
            row(
                &[(75.0, "Country"), (160.0, "2012"), (200.0, "2013")],
                120.0,
            ),
            row(&[(75.0, "China"), (160.0, "87.5"), (200.0, "88.8")], 135.0),
            row(&[(75.0, "Japan"), (160.0, "31.2"), (200.0, "33.2")], 150.0),
        ];
        let out = texts(&read(lines));
        assert_eq!(out.len(), 9);
        assert_eq!(out[3], ("China".into(), Some(3)));
        assert_eq!(out[8], ("33.2".into(), Some(8)));
    }

    #[test]
    fn justified_lines_and_lists_are_no_tables() {
        // Wide word spaces one under another on three lines, the words beside them not
        // lined up: a river of justified text.
        let lines = vec![
            row(&[(70.0, "aaaa bbbbbb"), (140.0, "ccc dddd")], 100.0),
            row(&[(70.0, "eeeeeeeee fff"), (145.0, "gg hhhhh")], 115.0),
            row(&[(70.0, "iii jjjjjjj"), (150.0, "kkkkk ll")], 130.0),
        ];
        assert!(read(lines).iter().all(|(_, c)| c.is_none()));
        // Justified lines of a column set by pdfLaTeX (a sentence's end set wider): stretched
        // spaces fall one under another near x = 203.
        let set = |words: &[(&str, f64, f64)], y: f64| {
            Line::new(
                words
                    .iter()
                    .map(|&(t, x0, x1)| Word {
                        text: t.into(),
                        x0,
                        y0: y,
                        x1,
                        y1: y + 12.95,
                    })
                    .collect(),
            )
        };
        let lines = vec![
            set(
                &[
                    ("of", 56.7, 64.7),
                    ("income", 69.6, 100.1),
                    ("for", 105.0, 116.9),
                    ("many", 121.9, 145.7),
                    ("of", 150.6, 158.6),
                    ("the", 163.5, 177.4),
                    ("region’s", 182.3, 215.6),
                    ("inhabitants.", 220.5, 272.3),
                    ("At", 281.6, 292.7),
                ],
                362.0,
            ),
            set(
                &[
                    ("that", 56.7, 75.0),
                    ("time", 80.0, 99.4),
                    ("Heihe", 104.5, 129.1),
                    ("was", 134.2, 150.0),
                    ("called", 155.1, 180.0),
                    ("little", 185.1, 208.9),
                    ("Hong", 214.0, 236.9),
                    ("Kong,", 242.0, 271.1),
                    ("and", 276.6, 292.7),
                ],
                373.9,
            ),
            set(
                &[
                    ("Blagoveshchensk’s", 56.7, 135.6),
                    ("markets", 141.1, 175.5),
                    ("were", 181.0, 200.6),
                    ("flooded", 206.1, 237.7),
                    ("with", 243.2, 262.5),
                    ("cheap", 268.0, 292.7),
                ],
                385.9,
            ),
            set(&[("Chinese", 56.7, 90.5), ("goods.", 93.8, 121.5)], 397.8),
            set(
                &[
                    ("The", 66.7, 83.8),
                    ("introduction", 90.4, 144.1),
                    ("in", 150.7, 159.0),
                    ("2000", 165.6, 185.6),
                    ("of", 192.2, 200.2),
                    ("visa-free", 206.8, 242.9),
                    ("travel", 249.5, 274.1),
                    ("for", 280.7, 292.7),
                ],
                410.0,
            ),
        ];
        assert!(read(lines).iter().all(|(_, c)| c.is_none()));
        let lines = vec![
            row(&[(70.0, "1."), (90.0, "The first item of")], 100.0),
            row(&[(90.0, "a numbered list")], 115.0),
            row(&[(70.0, "2."), (90.0, "The second item")], 130.0),
        ];
        assert!(read(lines).iter().all(|(_, c)| c.is_none()));
    }

    #[test]
    fn hostile_regions_stay_linear() {
        // A grid of 3,000 lines of 40 figures, and 3,000 lines whose wide gaps shift a
        // little from line to line (each run a few lines long, none a table).
        let grid: Vec<Line> = (0..3000)
            .map(|k| {
                let cells: Vec<(f64, String)> = (0..40)
                    .map(|c| (70.0 + 40.0 * c as f64, format!("{}", k % 97)))
                    .collect();
                let refs: Vec<(f64, &str)> = cells.iter().map(|(x, t)| (*x, t.as_str())).collect();
                row(&refs, 100.0 + 14.0 * k as f64)
            })
            .collect();
        let shifting: Vec<Line> = (0..3000)
            .map(|k| {
                let x = 70.0 + (k % 7) as f64 * 4.0;
                row(
                    &[(x, "aa bb"), (x + 60.0, "cc"), (x + 120.0, "dd ee")],
                    100.0 + 14.0 * k as f64,
                )
            })
            .collect();
        for lines in [grid, shifting] {
            let n: usize = lines.iter().map(|l| l.words.len()).sum();
            let started = std::time::Instant::now();
            let out = read(lines);
            assert_eq!(out.iter().map(|(l, _)| l.words.len()).sum::<usize>(), n);
            assert!(
                started.elapsed().as_secs_f64() < 3.0,
                "{:?}",
                started.elapsed()
            );
        }
    }
}
