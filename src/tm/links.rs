//! The links format of evaluation sets and `--format links`: one link per line, sentence
//! indices of each side, source first (`[0]:[0]`, `[1, 2]:[1]`, `[]:[3]`).

use std::path::Path;

use crate::align::Alignment;
use crate::error::{Error, Result};

/// A link as sets of sentence indices: `[1, 2]:[1]`.
pub type GoldLink = (Vec<usize>, Vec<usize>);

/// Parses link lines (`[0]:[0]`, `[1, 2]:[1]`, `[]:[3]`); blank lines are skipped.
///
/// ```
/// let links = bitext::tm::links::parse_links("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n").unwrap();
/// assert_eq!(links[1], (vec![1, 2], vec![1]));
/// ```
pub fn parse_links(text: &str) -> Result<Vec<GoldLink>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            Error::in_text(
                (n + 1) as u64,
                format!("not a link line: {:?}", line.trim_end()),
            )
        };
        let (a, b) = line.split_once(':').ok_or_else(bad)?;
        let side = |s: &str| -> Result<Vec<usize>> {
            let s = s.trim();
            let inner = s
                .strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .ok_or_else(bad)?;
            inner
                .split(',')
                .filter(|x| !x.trim().is_empty())
                .map(|x| x.trim().parse::<usize>().map_err(|_| bad()))
                .collect()
        };
        out.push((side(a)?, side(b)?));
    }
    Ok(out)
}

/// Reads a link file.
pub fn read_links(path: &Path) -> Result<Vec<GoldLink>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_links(&text).map_err(|e| e.in_file(path))
}

/// Formats an alignment in the link format, one link per line.
pub fn format_links(alignment: &Alignment) -> String {
    let mut out = String::new();
    for l in &alignment.links {
        let side = |r: &std::ops::Range<usize>| {
            r.clone()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!("[{}]:[{}]\n", side(&l.src), side(&l.tgt)));
    }
    out
}
