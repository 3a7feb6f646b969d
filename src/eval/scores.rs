//! Whether scores mean what they say: how well a row's score finds the wrong rows (AUROC, the
//! share of wrong rows among the lowest-scored tenth) and how close each score band's share
//! of right rows comes to its scores (calibration), with a reliability diagram as SVG.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use super::GoldLink;
use crate::error::{Error, ErrorKind, Result};

/// A row of an alignment as a reviewer sees it: its sentences, its score, and whether the
/// gold links hold it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    /// The row's score.
    pub score: f32,
    /// True when the gold holds exactly this link (or leaves the sentence unaligned too).
    pub right: bool,
}

/// Judges scored rows against gold links: a link is right when the gold holds exactly it, a
/// sentence left unaligned when the gold leaves it unaligned too.
pub fn judge(gold: &[GoldLink], rows: &[(GoldLink, f32)]) -> Vec<Judged> {
    let gold: HashSet<&GoldLink> = gold.iter().collect();
    rows.iter()
        .map(|(link, score)| Judged {
            score: *score,
            right: gold.contains(link),
        })
        .collect()
}

/// Reads the rows of a table bitext wrote (`--format csv` or `tsv`, or a review table): each
/// row's link from its `src_index` and `tgt_index` cells, with its score (`None` for an empty
/// cell, as a row a reviewer added has). Headers match without case, and a score may carry a
/// decimal comma, as a spreadsheet saves it; a score that is no number from 0 to 1 is an error.
pub fn read_rows(path: &Path) -> Result<Vec<(GoldLink, Option<f32>)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = crate::tm::table::sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(crate::tm::table::quoting(text, delimiter))
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::new(path, format!("not a table: {e}")).with_kind(ErrorKind::Csv(e)))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| Error::new(path, format!("no '{name}' column")))
    };
    let (si, ti, sc) = (column("src_index")?, column("tgt_index")?, column("score")?);
    let mut out = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Error::new(path, format!("row {}: {e}", k + 2)).with_kind(ErrorKind::Csv(e))
        })?;
        let bad = || {
            Error::new(
                path,
                format!("row {}: sentence indices are not numbers", k + 2),
            )
        };
        let range = |cell: Option<&str>| {
            crate::tm::review::index_range(cell.unwrap_or(""))
                .map(|r| r.collect::<Vec<usize>>())
                .ok_or_else(bad)
        };
        let src = range(record.get(si))?;
        let tgt = range(record.get(ti))?;
        let cell = record.get(sc).unwrap_or("").trim();
        let score = match crate::tm::review::parse_score_cell(cell) {
            Ok(score) if score.is_none_or(|s| (0.0..=1.0).contains(&s)) => score,
            _ => {
                return Err(Error::new(
                    path,
                    format!("row {}: score '{cell}' is not a number from 0 to 1", k + 2),
                ))
            }
        };
        out.push(((src, tgt), score));
    }
    if out.is_empty() {
        return Err(Error::new(path, "the table has no rows"));
    }
    Ok(out)
}

/// The rows that carry a score, as [`judge`] takes them.
pub fn scored(rows: Vec<(GoldLink, Option<f32>)>) -> Vec<(GoldLink, f32)> {
    rows.into_iter()
        .filter_map(|(link, score)| Some((link, score?)))
        .collect()
}

/// The rows of a table that carry a score, as [`read_rows`] reads them.
pub fn read_scored(path: &Path) -> Result<Vec<(GoldLink, f32)>> {
    Ok(scored(read_rows(path)?))
}

/// One score band: its rows, the share of them that are right and their mean score.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BandFigure {
    /// Lowest score of the band.
    pub from: f32,
    /// Score the band reaches up to (exclusive, but 1.0 included in the top band).
    pub to: f32,
    /// Rows in the band.
    pub rows: usize,
    /// Share of them that are right.
    pub right: f64,
    /// Their mean score.
    pub mean: f64,
}

/// What the scores of a set of judged rows tell a reviewer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Detection {
    /// Rows judged.
    pub rows: usize,
    /// Wrong rows among them.
    pub wrong: usize,
    /// The chance that a right row scores above a wrong one (ties count half); `None` when
    /// every row is right or every row is wrong, so that there is no such pair to order.
    pub auroc: Option<f64>,
    /// Share of the wrong rows among the lowest-scored 10% of rows.
    pub catch_10: f64,
    /// Share of the wrong rows among the lowest-scored 20% of rows.
    pub catch_20: f64,
    /// Share of the wrong rows scored 0.9 or more.
    pub wrong_at_90: f64,
    /// The reviewer's bands: ≥ 0.9, 0.7–0.9, 0.5–0.7, < 0.5.
    pub bands: Vec<BandFigure>,
    /// Expected calibration error over ten bins of equal width: the mean gap between a bin's
    /// share of right rows and its mean score, weighed by its rows.
    pub ece: f64,
}

/// The lower edges of the bands reviewers read, best first.
pub const BANDS: [f32; 4] = [0.9, 0.7, 0.5, 0.0];

fn bin(rows: &[Judged], from: f32, to: f32, top: bool) -> BandFigure {
    let inside: Vec<&Judged> = rows
        .iter()
        .filter(|r| r.score >= from && (r.score < to || (top && r.score <= to)))
        .collect();
    let n = inside.len().max(1) as f64;
    BandFigure {
        from,
        to,
        rows: inside.len(),
        right: inside.iter().filter(|r| r.right).count() as f64 / n,
        mean: inside.iter().map(|r| r.score as f64).sum::<f64>() / n,
    }
}

/// Works out the figures of [`Detection`] for judged rows.
///
/// ```
/// use bitext::eval::scores::{detection, Judged};
/// let rows = [(0.95, true), (0.9, true), (0.2, false), (0.6, true)]
///     .map(|(score, right)| Judged { score, right });
/// let d = detection(&rows);
/// assert_eq!(d.auroc, Some(1.0));
/// assert_eq!(d.catch_10, 1.0);
/// assert_eq!(d.bands[0].rows, 2);
/// ```
pub fn detection(rows: &[Judged]) -> Detection {
    let mut wrong: Vec<f32> = rows.iter().filter(|r| !r.right).map(|r| r.score).collect();
    wrong.sort_by(f32::total_cmp);
    let right: Vec<f32> = rows.iter().filter(|r| r.right).map(|r| r.score).collect();
    let auroc = if wrong.is_empty() || right.is_empty() {
        None
    } else {
        let above: f64 = right
            .iter()
            .map(|&s| {
                let lo = wrong.partition_point(|&w| w < s);
                let hi = wrong.partition_point(|&w| w <= s);
                lo as f64 + 0.5 * (hi - lo) as f64
            })
            .sum();
        Some(above / (right.len() * wrong.len()) as f64)
    };
    let mut sorted: Vec<&Judged> = rows.iter().collect();
    sorted.sort_by(|a, b| a.score.total_cmp(&b.score));
    let catch = |share: f64| {
        let k = ((rows.len() as f64 * share).round() as usize).max(1);
        let caught = sorted.iter().take(k).filter(|r| !r.right).count();
        caught as f64 / wrong.len().max(1) as f64
    };
    let bands = BANDS
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = if k == 0 { 1.0 } else { BANDS[k - 1] };
            bin(rows, from, to, k == 0)
        })
        .collect();
    let ece = (0..10)
        .map(|k| bin(rows, k as f32 / 10.0, (k + 1) as f32 / 10.0, k == 9))
        .map(|b| b.rows as f64 * (b.right - b.mean).abs())
        .sum::<f64>()
        / rows.len().max(1) as f64;
    Detection {
        rows: rows.len(),
        wrong: wrong.len(),
        auroc,
        catch_10: catch(0.1),
        catch_20: catch(0.2),
        wrong_at_90: wrong.iter().filter(|&&w| w >= 0.9).count() as f64 / wrong.len().max(1) as f64,
        bands,
        ece,
    }
}

impl std::fmt::Display for Detection {
    /// The figures as a reviewer reads them: one line of detection figures, then a line per
    /// band.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.auroc {
            Some(auroc) => writeln!(
                f,
                "{} rows, {} wrong: AUROC {:.3}, wrong rows among the lowest 10% {:.0}%, lowest 20% {:.0}%, wrong scored >= 0.9 {:.0}%, calibration error {:.3}",
                self.rows,
                self.wrong,
                auroc,
                100.0 * self.catch_10,
                100.0 * self.catch_20,
                100.0 * self.wrong_at_90,
                self.ece
            )?,
            None => writeln!(
                f,
                "{} rows, {} wrong: {}, so no AUROC or share of wrong rows found; calibration error {:.3}",
                self.rows,
                self.wrong,
                if self.wrong == 0 {
                    "every row is right"
                } else {
                    "every row is wrong"
                },
                self.ece
            )?,
        }
        for b in &self.bands {
            if b.rows == 0 {
                writeln!(f, "  score {:.1}-{:.1}: no rows", b.from, b.to)?;
            } else {
                writeln!(
                    f,
                    "  score {:.1}-{:.1}: {:5} rows, {:5.1}% right, mean score {:.3}",
                    b.from,
                    b.to,
                    b.rows,
                    100.0 * b.right,
                    b.mean
                )?;
            }
        }
        Ok(())
    }
}

/// A reliability diagram as an SVG picture: for each tenth of the score range, a bar as high
/// as the share of its rows that are right, against the diagonal a perfectly calibrated
/// score follows; `sets` names each set of rows, drawn side by side.
pub fn diagram(sets: &[(&str, &[Judged])]) -> String {
    let (w, h, pad) = (480.0, 360.0, 48.0);
    let (pw, ph) = (w - 2.0 * pad, h - 2.0 * pad);
    let colours = [
        "#1565c0", "#c77700", "#2e7d32", "#6a1b9a", "#c62828", "#00838f",
    ];
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{}\" y=\"20\" text-anchor=\"middle\">Share of right rows by score (rows above each bar)</text>\n",
        h + 18.0 * sets.len() as f64,
        w / 2.0
    );
    let x = |v: f64| pad + v * pw;
    let y = |v: f64| pad + (1.0 - v) * ph;
    for k in 0..=10 {
        let v = k as f64 / 10.0;
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#eee\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{v:.1}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{v:.1}</text>",
            x(0.0),
            y(v),
            x(1.0),
            y(v),
            x(v),
            y(0.0) + 16.0,
            x(0.0) - 6.0,
            y(v) + 4.0
        );
    }
    let _ = writeln!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">score</text>\n\
         <text x=\"14\" y=\"{}\" transform=\"rotate(-90 14 {})\" text-anchor=\"middle\">share right</text>",
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0),
        w / 2.0,
        h - 8.0,
        h / 2.0,
        h / 2.0
    );
    let width = pw / 10.0 / sets.len().max(1) as f64;
    for (k, (name, rows)) in sets.iter().enumerate() {
        let colour = colours[k % colours.len()];
        for b in 0..10 {
            let f = bin(rows, b as f32 / 10.0, (b + 1) as f32 / 10.0, b == 9);
            if f.rows == 0 {
                continue;
            }
            let left = x(b as f64 / 10.0) + k as f64 * width;
            let _ = writeln!(
                s,
                "<rect x=\"{left:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\" fill-opacity=\"0.75\"><title>{name}: {} rows, {:.0}% right, mean score {:.2}</title></rect>",
                y(f.right),
                width - 1.0,
                y(0.0) - y(f.right),
                f.rows,
                100.0 * f.right,
                f.mean
            );
            if sets.len() == 1 {
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
                    left + width / 2.0,
                    y(f.right) - 4.0,
                    f.rows
                );
            }
        }
        let _ = writeln!(
            s,
            "<rect x=\"{pad}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            h + 18.0 * k as f64 - 4.0,
            pad + 16.0,
            h + 18.0 * k as f64 + 5.0,
            crate::xml::escape(name)
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(f32, bool)]) -> Vec<Judged> {
        pairs
            .iter()
            .map(|&(score, right)| Judged { score, right })
            .collect()
    }

    #[test]
    fn a_score_that_ranks_wrong_rows_last_finds_them_all() {
        let mut r: Vec<(f32, bool)> = (0..90).map(|k| (0.9 + k as f32 / 1000.0, true)).collect();
        r.extend((0..10).map(|k| (0.1 + k as f32 / 100.0, false)));
        let d = detection(&rows(&r));
        assert_eq!((d.auroc, d.catch_10, d.wrong_at_90), (Some(1.0), 1.0, 0.0));
        let flipped: Vec<(f32, bool)> = r.iter().map(|&(s, ok)| (1.0 - s, ok)).collect();
        assert_eq!(detection(&rows(&flipped)).auroc, Some(0.0));
    }

    #[test]
    fn a_sample_without_wrong_rows_has_no_auroc_and_says_why() {
        let d = detection(&rows(&[(0.95, true), (0.6, true), (0.3, true)]));
        assert_eq!((d.wrong, d.auroc), (0, None));
        let shown = d.to_string();
        assert!(shown.contains("every row is right"), "{shown}");
        assert!(!shown.contains("AUROC 1.000"), "{shown}");
        let d = detection(&rows(&[(0.95, false), (0.2, false)]));
        assert_eq!(d.auroc, None);
        assert!(d.to_string().contains("every row is wrong"));
    }

    #[test]
    fn calibration_error_is_the_gap_between_score_and_share_right() {
        // Scores of 0.75 of which three in four are right: calibrated.
        let r: Vec<(f32, bool)> = (0..100).map(|k| (0.75, k % 4 != 0)).collect();
        assert!(detection(&rows(&r)).ece < 1e-6);
        // Scores of 0.95 of which half are right: 0.45 off.
        let r: Vec<(f32, bool)> = (0..100).map(|k| (0.95, k % 2 == 0)).collect();
        assert!((detection(&rows(&r)).ece - 0.45).abs() < 1e-6);
    }

    #[test]
    fn rows_are_judged_against_the_gold_links() {
        let gold = vec![(vec![0], vec![0]), (vec![1, 2], vec![1]), (vec![], vec![2])];
        let test = vec![
            ((vec![0], vec![0]), 0.9),
            ((vec![1], vec![1]), 0.8),
            ((vec![2], vec![]), 0.4),
            ((vec![], vec![2]), 0.7),
        ];
        let right: Vec<bool> = judge(&gold, &test).iter().map(|j| j.right).collect();
        assert_eq!(right, [true, false, false, true]);
    }

    #[test]
    fn an_unquoted_tsv_keeps_its_rows() {
        let dir = std::env::temp_dir().join(format!("bitext-scores-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.tsv");
        std::fs::write(
            &path,
            "src_index\ttgt_index\tscore\tru\ten\n\
             0\t0\t0,9\t— «Мы были на грани войны.\t\"We were going to war.\n\
             1\t1\t0.4\tДа.\t\"Yes,\" he said.\n",
        )
        .unwrap();
        let rows = read_rows(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            rows,
            [
                ((vec![0], vec![0]), Some(0.9)),
                ((vec![1], vec![1]), Some(0.4))
            ]
        );
    }
}
