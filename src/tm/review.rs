//! The typed cells of a row and what a reviewer's marks mean: the link type, the sentence
//! indices, the `status` cell in the words people type (in English or Russian) and the
//! `review` marker, each parsed once by the readers and written by the writers; which rows
//! keep the aligner's score and link, and which are chrome.

use std::ops::Range;

use super::Unit;

/// Status of a row marked as page chrome or text in the wrong script: listed in review
/// tables, never a translation unit unless asked (`--keep-chrome`) or changed by a reviewer.
pub const CHROME: &str = "chrome";

/// What the `status` cell of a row says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    /// Not reviewed (an empty cell).
    #[default]
    Open,
    /// A reviewer accepted the row (`ok`, `yes`, `да`, ...).
    Accepted,
    /// A reviewer rejected the row (`reject`, `delete`, `нет`, ...).
    Rejected,
    /// Page chrome or text in the wrong script, marked by bitext (`chrome`).
    Chrome,
    /// A value bitext does not know, as the cell held it: the row is kept, and the user warned.
    Unknown(String),
}

const ACCEPT: &[&str] = &[
    "ok",
    "okay",
    "accept",
    "accepted",
    "yes",
    "y",
    "good",
    "correct",
    "checked",
    "done",
    "+",
    "✓",
    "✔",
    "да",
    "ок",
    "принять",
    "принято",
    "верно",
    "хорошо",
    "проверено",
];

const REJECT: &[&str] = &[
    "reject",
    "rejected",
    "delete",
    "deleted",
    "del",
    "remove",
    "removed",
    "drop",
    "no",
    "n",
    "x",
    "bad",
    "wrong",
    "-",
    "✗",
    "нет",
    "удалить",
    "удалено",
    "отклонить",
    "отклонено",
    "отказ",
    "неверно",
    "плохо",
    "убрать",
];

impl Status {
    /// Reads a status cell: case, surrounding space and a final full stop do not matter.
    ///
    /// ```
    /// use bitext::tm::review::Status;
    /// assert_eq!(Status::parse(" Delete "), Status::Rejected);
    /// assert_eq!(Status::parse("НЕТ"), Status::Rejected);
    /// assert_eq!(Status::parse("ok."), Status::Accepted);
    /// assert_eq!(Status::parse(" maybe "), Status::Unknown("maybe".into()));
    /// ```
    pub fn parse(cell: &str) -> Status {
        let v = cell.trim().trim_end_matches('.').trim().to_lowercase();
        if v.is_empty() {
            Status::Open
        } else if v == CHROME {
            Status::Chrome
        } else if ACCEPT.contains(&v.as_str()) {
            Status::Accepted
        } else if REJECT.contains(&v.as_str()) {
            Status::Rejected
        } else {
            Status::Unknown(cell.trim().to_string())
        }
    }

    /// The cell a writer puts in a table: empty, `ok`, `reject`, `chrome`, or an unknown value
    /// as it was read.
    pub fn as_cell(&self) -> &str {
        match self {
            Status::Open => "",
            Status::Accepted => "ok",
            Status::Rejected => "reject",
            Status::Chrome => CHROME,
            Status::Unknown(cell) => cell,
        }
    }
}

/// What a person did to a link, the `review` column of a table and the TMX `x-reviewed` prop.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Review {
    /// No one has checked the link (an empty cell).
    #[default]
    Unchecked,
    /// Its boundaries or text were changed in the review page (`edited`).
    Edited,
    /// A reviewer accepted it (`accepted`).
    Accepted,
    /// A marker bitext does not write (another tool's), lower-cased as read.
    Other(String),
}

impl Review {
    /// Reads a review cell or `x-reviewed` prop; case and surrounding space do not matter.
    ///
    /// ```
    /// use bitext::tm::review::Review;
    /// assert_eq!(Review::parse(" Edited"), Review::Edited);
    /// assert_eq!(Review::parse(""), Review::Unchecked);
    /// ```
    pub fn parse(cell: &str) -> Review {
        match cell.trim().to_lowercase().as_str() {
            "" => Review::Unchecked,
            "edited" => Review::Edited,
            "accepted" => Review::Accepted,
            other => Review::Other(other.to_string()),
        }
    }

    /// The marker as written: empty, `edited`, `accepted` or another tool's word.
    pub fn as_cell(&self) -> &str {
        match self {
            Review::Unchecked => "",
            Review::Edited => "edited",
            Review::Accepted => "accepted",
            Review::Other(cell) => cell,
        }
    }
}

/// A link type: how many source and target sentences a link holds (`2-1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkKind {
    /// Source sentences.
    pub src: usize,
    /// Target sentences.
    pub tgt: usize,
}

impl LinkKind {
    /// Reads a link cell (`2-1`); `None` for an empty cell or one that is no link type (a
    /// spreadsheet's date such as `01.янв`).
    ///
    /// ```
    /// use bitext::tm::review::LinkKind;
    /// assert_eq!(LinkKind::parse(" 2-1"), Some(LinkKind { src: 2, tgt: 1 }));
    /// assert_eq!(LinkKind::parse("01.янв"), None);
    /// ```
    pub fn parse(cell: &str) -> Option<LinkKind> {
        let (a, b) = cell.trim().split_once('-')?;
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(a) || !digits(b) {
            return None;
        }
        Some(LinkKind {
            src: a.parse().ok()?,
            tgt: b.parse().ok()?,
        })
    }
}

impl std::fmt::Display for LinkKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.src, self.tgt)
    }
}

/// The sentences an index cell names: `3` is `3..4`, `3-4` is `3..5`, empty none; `None`
/// when the cell is no index.
pub fn index_range(cell: &str) -> Option<std::ops::Range<usize>> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Some(0..0);
    }
    let (a, b) = cell.split_once('-').unwrap_or((cell, cell));
    let (a, b) = (
        a.trim().parse::<usize>().ok()?,
        b.trim().parse::<usize>().ok()?,
    );
    (b >= a).then(|| a..b + 1)
}

/// Reads a `score` cell: `None` when it is empty, else a finite number, a decimal comma (as a
/// spreadsheet saves it) read as a point; anything else is an error saying so.
///
/// ```
/// use bitext::tm::review::parse_score_cell;
/// assert_eq!(parse_score_cell(" 0,912 "), Ok(Some(0.912)));
/// assert_eq!(parse_score_cell(""), Ok(None));
/// assert!(parse_score_cell("NaN").is_err());
/// ```
pub fn parse_score_cell(cell: &str) -> Result<Option<f32>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    cell.replace(',', ".")
        .parse::<f32>()
        .ok()
        .filter(|s| s.is_finite())
        .map(Some)
        .ok_or_else(|| format!("score '{cell}' is not a number"))
}

/// The sentences of one side a row names, as its index cell reads: `None` for an empty cell
/// or one that is no index.
pub fn parse_index(cell: &str) -> Option<Range<usize>> {
    index_range(cell).filter(|r| !r.is_empty())
}

/// An index cell as writers write it: `3` for one sentence, `3-4` for two (inclusive), empty
/// for none.
///
/// ```
/// use bitext::tm::review::index_cell;
/// assert_eq!(index_cell(&Some(3..5)), "3-4");
/// assert_eq!(index_cell(&Some(3..4)), "3");
/// assert_eq!(index_cell(&None), "");
/// ```
pub fn index_cell(index: &Option<Range<usize>>) -> String {
    match index {
        Some(r) if r.len() == 1 => r.start.to_string(),
        Some(r) if !r.is_empty() => format!("{}-{}", r.start, r.end - 1),
        _ => String::new(),
    }
}

impl Unit {
    /// True when a reviewer rejected the row.
    pub fn is_rejected(&self) -> bool {
        self.status == Status::Rejected
    }

    /// The link type the row really has: its `link` cell when that is a link type that fits
    /// the texts (a mangled cell such as `01.янв` is none), else one counted from the index
    /// cells, else none.
    pub fn link_kind(&self) -> Option<LinkKind> {
        let (has_src, has_tgt) = (!self.src.trim().is_empty(), !self.tgt.trim().is_empty());
        let fits =
            |k: &LinkKind| (k.src > 0) == has_src && (k.tgt > 0) == has_tgt && k.src + k.tgt > 0;
        if let Some(kind) = self.link.filter(fits) {
            return Some(kind);
        }
        let count = |r: &Option<Range<usize>>| r.as_ref().map_or(0, |r| r.len());
        let counted = LinkKind {
            src: count(&self.src_index),
            tgt: count(&self.tgt_index),
        };
        fits(&counted).then_some(counted)
    }

    /// How a person checked the unit, for the TMX `x-reviewed` prop: the `review` marker
    /// (`edited` from the review page), else `accepted` for a row marked accepted, else
    /// nothing (an unchecked unit).
    ///
    /// ```
    /// use bitext::tm::review::{Review, Status};
    /// let mut u = bitext::tm::Unit::default();
    /// assert_eq!(u.reviewed(), None);
    /// u.status = Status::parse("да");
    /// assert_eq!(u.reviewed(), Some("accepted"));
    /// u.review = Review::Edited;
    /// assert_eq!(u.reviewed(), Some("edited"));
    /// ```
    pub fn reviewed(&self) -> Option<&str> {
        match &self.review {
            Review::Unchecked if self.status == Status::Accepted => Some("accepted"),
            Review::Unchecked => None,
            review => Some(review.as_cell()),
        }
    }

    /// The aligner's score, when the row still is what the aligner made: not reviewed, its
    /// link cell intact and fitting its texts. Rows a reviewer accepted, edited, added or repaired, and
    /// units of memories without scores, have none, so `--min-score` never drops them.
    pub fn machine_score(&self) -> Option<f32> {
        let intact = self.link.is_some() && self.link_kind() == self.link;
        (matches!(
            self.status,
            Status::Open | Status::Chrome | Status::Unknown(_)
        ) && self.review == Review::Unchecked
            && intact)
            .then_some(self.score)
            .flatten()
    }
}

/// Turns the suggestions a reviewer accepted into translation units. A suggestion is the
/// `suggest` cell of an unaligned row: the other side's sentence indices it most likely
/// translates (a passage moved elsewhere in the translation). The unaligned source rows that
/// suggest the same target sentences, and those target rows, make one suggested link; it is
/// accepted when a reviewer marks any of its rows accepted (`ok`, `да`, ...) and none
/// rejected, and then becomes one row with both texts, in place of its first row, its
/// indices counted from the rows and no score. Suggestions nobody accepted stay unaligned
/// rows, which never become units. Rows of other documents are never joined.
pub fn accept_suggestions(rows: Vec<Unit>) -> Vec<Unit> {
    use std::collections::HashMap;
    if rows.iter().all(|u| u.suggest.is_none()) {
        return rows;
    }
    // A suggested link: its source rows and target rows (positions in `rows`).
    #[derive(Default)]
    struct Link {
        src: Vec<usize>,
        tgt: Vec<usize>,
    }
    let only_src = |u: &Unit| !u.src.trim().is_empty() && u.tgt.trim().is_empty();
    let only_tgt = |u: &Unit| u.src.trim().is_empty() && !u.tgt.trim().is_empty();
    let mut links: Vec<Link> = Vec::new();
    let mut by_tgt: HashMap<(&str, std::ops::Range<usize>), usize> = HashMap::new();
    // The suggested target spans in the order their links were made, so that a target row
    // inside two overlapping spans joins the same link on every run.
    let mut spans: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    for (k, u) in rows.iter().enumerate() {
        if !only_src(u) {
            continue;
        }
        let Some(t) = u.suggest.clone().filter(|r| !r.is_empty()) else {
            continue;
        };
        let id = *by_tgt
            .entry((u.document.as_str(), t.clone()))
            .or_insert_with(|| {
                links.push(Link::default());
                spans.push((u.document.as_str(), t));
                links.len() - 1
            });
        links[id].src.push(k);
    }
    // Target rows: those whose index lies in a link's suggested target sentences.
    for (k, u) in rows.iter().enumerate() {
        if !only_tgt(u) {
            continue;
        }
        let Some(t) = u.tgt_index.clone().filter(|r| !r.is_empty()) else {
            continue;
        };
        if let Some(id) = spans.iter().position(|(doc, range)| {
            *doc == u.document && range.start <= t.start && t.end <= range.end
        }) {
            links[id].tgt.push(k);
        }
    }
    let mut replaced: HashMap<usize, Unit> = HashMap::new();
    let mut dropped = vec![false; rows.len()];
    for link in &links {
        let members = || link.src.iter().chain(&link.tgt).map(|&k| &rows[k]);
        let accepted = members().any(|u| u.status == Status::Accepted)
            && !members().any(|u| u.status == Status::Rejected);
        if !accepted || link.tgt.is_empty() {
            continue;
        }
        let join = |ks: &[usize], text: fn(&Unit) -> &str| {
            ks.iter()
                .map(|&k| text(&rows[k]).trim())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let span = |ks: &[usize], index: fn(&Unit) -> &Option<Range<usize>>| {
            let ranges: Vec<_> = ks.iter().filter_map(|&k| index(&rows[k]).clone()).collect();
            let (a, b) = (
                ranges.iter().map(|r| r.start).min().unwrap_or(0),
                ranges.iter().map(|r| r.end).max().unwrap_or(0),
            );
            (Some(a..b), ranges.iter().map(|r| r.len()).sum::<usize>())
        };
        let (src_index, n) = span(&link.src, |u| &u.src_index);
        let (tgt_index, m) = span(&link.tgt, |u| &u.tgt_index);
        let first = link.src[0].min(link.tgt[0]);
        replaced.insert(
            first,
            Unit {
                document: rows[first].document.clone(),
                link: Some(LinkKind { src: n, tgt: m }),
                src_index,
                tgt_index,
                score: None,
                src: join(&link.src, |u| &u.src),
                tgt: join(&link.tgt, |u| &u.tgt),
                status: Status::Accepted,
                review: Review::Unchecked,
                suggest: None,
                tmx: None,
            },
        );
        for &k in link.src.iter().chain(&link.tgt) {
            dropped[k] = true;
        }
    }
    rows.into_iter()
        .enumerate()
        .filter_map(|(k, u)| replaced.remove(&k).or((!dropped[k]).then_some(u)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(link: &str, si: &str, ti: &str, src: &str, tgt: &str, status: &str) -> Unit {
        Unit {
            link: LinkKind::parse(link),
            src_index: parse_index(si),
            tgt_index: parse_index(ti),
            score: Some(0.3),
            src: src.into(),
            tgt: tgt.into(),
            status: Status::parse(status),
            ..Unit::default()
        }
    }

    #[test]
    fn a_suggestion_becomes_a_unit_only_when_a_reviewer_accepts_it() {
        let mut rows = vec![
            row("1-1", "0", "0", "Один.", "One.", ""),
            row("1-0", "1", "", "Два.", "", ""),
            row("1-0", "2", "", "Три.", "", ""),
            row("1-1", "3", "1", "Четыре.", "Four.", ""),
            row("0-1", "", "2", "", "Two and three.", ""),
        ];
        rows[1].suggest = parse_index("2");
        rows[2].suggest = parse_index("2");
        rows[4].suggest = parse_index("1-2");
        // Nobody accepted it: the rows stay as they are.
        assert_eq!(accept_suggestions(rows.clone()), rows);
        rows[4].status = Status::parse("ok");
        let out = accept_suggestions(rows.clone());
        assert_eq!(out.len(), 3);
        let unit = &out[1];
        assert_eq!(
            (
                unit.link.map(|k| k.to_string()),
                index_cell(&unit.src_index),
                index_cell(&unit.tgt_index)
            ),
            (Some("2-1".to_string()), "1-2".to_string(), "2".to_string())
        );
        assert_eq!(
            (unit.src.as_str(), unit.tgt.as_str()),
            ("Два. Три.", "Two and three.")
        );
        assert_eq!(unit.score, None);
        assert_eq!(unit.reviewed(), Some("accepted"));
        // A row of it rejected: no unit.
        rows[1].status = Status::parse("reject");
        assert_eq!(accept_suggestions(rows.clone()).len(), 5);
    }

    #[test]
    fn a_repaired_row_loses_its_old_link_and_score() {
        // An unaligned sentence a reviewer gave a partner: link 1-0 no longer fits.
        let r = row("1-0", "4", "", "Текст.", "Text.", "");
        assert_eq!(r.link_kind(), None);
        assert_eq!(r.machine_score(), None);
        let r = row("1-0", "4", "5", "Текст.", "Text.", "");
        assert_eq!(r.link_kind(), LinkKind::parse("1-1"));
    }

    #[test]
    fn a_spreadsheet_date_in_the_link_cell_is_not_a_link() {
        let r = row(
            "01.янв",
            "3-4",
            "5",
            "Два. Предложения.",
            "Two sentences.",
            "",
        );
        assert_eq!(r.link_kind(), LinkKind::parse("2-1"));
        assert_eq!(r.machine_score(), None);
    }

    #[test]
    fn an_untouched_row_keeps_its_score_and_an_accepted_one_does_not() {
        let r = row("2-1", "3-4", "5", "Два. Предложения.", "Two sentences.", "");
        assert_eq!(r.machine_score(), Some(0.3));
        let r = row(
            "2-1",
            "3-4",
            "5",
            "Два. Предложения.",
            "Two sentences.",
            "да",
        );
        assert_eq!(r.machine_score(), None);
        assert!(!r.is_rejected());
    }
}
