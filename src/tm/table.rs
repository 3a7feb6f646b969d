//! Review tables: CSV (RFC 4180, UTF-8 with a byte-order mark for spreadsheets), TSV and
//! JSON Lines, written and read back after review.

use std::io::Write;

use super::Unit;

/// The fixed columns of a review table; the two text columns are named by language. A
/// table saved from the review page has a `review` column as well (see [`Unit::review`]).
pub const COLUMNS: [&str; 7] = [
    "document",
    "link",
    "src_index",
    "tgt_index",
    "score",
    "status",
    "review",
];

/// The header row: `document, link, src_index, tgt_index, score, <src>, <tgt>, status`.
pub fn header(src: &str, tgt: &str) -> [String; 8] {
    [
        "document",
        "link",
        "src_index",
        "tgt_index",
        "score",
        src,
        tgt,
        "status",
    ]
    .map(str::to_string)
}

/// One row as the eight fields of the header.
pub fn record(u: &Unit) -> [String; 8] {
    [
        u.document.clone(),
        u.link.clone(),
        u.src_index.clone(),
        u.tgt_index.clone(),
        format!("{:.3}", u.score),
        u.src.clone(),
        u.tgt.clone(),
        u.status.clone(),
    ]
}

/// Writes one row as a JSON object with the header's keys.
pub fn write_json_row(out: &mut dyn Write, u: &Unit, src: &str, tgt: &str) -> std::io::Result<()> {
    let mut map = serde_json::Map::new();
    for (k, v) in header(src, tgt).iter().zip(record(u)) {
        let value = if k == "score" {
            serde_json::Value::from((u.score as f64 * 1000.0).round() / 1000.0)
        } else {
            serde_json::Value::String(v)
        };
        map.insert(k.clone(), value);
    }
    serde_json::to_writer(&mut *out, &serde_json::Value::Object(map))?;
    out.write_all(b"\n")
}

/// Reads a review table (CSV or TSV by `delimiter`) back into rows.
///
/// Header names match without case and in any order; the text columns are the ones named
/// `src_lang`/`tgt_lang` (or their primary subtags), else the two columns that are not fixed
/// ones. Errors name the line and the cause.
pub fn read_delimited(
    data: &[u8],
    delimiter: u8,
    src: &str,
    tgt: &str,
) -> Result<Vec<Unit>, String> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(data);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let cols = Columns::find(&headers, src, tgt)?;
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(&e))?;
        let line = rec.position().map_or(0, |p| p.line());
        out.push(cols.unit(|k| rec.get(k).unwrap_or("").to_string(), line)?);
    }
    Ok(out)
}

/// Reads JSON Lines rows with the review table's keys.
pub fn read_jsonl(data: &[u8], src: &str, tgt: &str) -> Result<Vec<Unit>, String> {
    let mut out = Vec::new();
    read_jsonl_each(data, src, tgt, |u| {
        out.push(u);
        Ok(())
    })?;
    Ok(out)
}

/// Streams JSON Lines rows to `emit`, one line at a time.
pub fn read_jsonl_each<R: std::io::BufRead>(
    input: R,
    src: &str,
    tgt: &str,
    mut emit: impl FnMut(Unit) -> Result<(), String>,
) -> Result<usize, String> {
    let mut cols: Option<Columns> = None;
    let mut count = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let obj = value
            .as_object()
            .ok_or_else(|| format!("line {}: expected a JSON object", n + 1))?;
        let map: Vec<(String, String)> = obj
            .iter()
            .map(|(k, v)| {
                (
                    k.to_lowercase(),
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string()),
                )
            })
            .collect();
        if cols.is_none() {
            let keys: Vec<String> = map.iter().map(|(k, _)| k.clone()).collect();
            cols =
                Some(Columns::find(&keys, src, tgt).map_err(|e| format!("line {}: {e}", n + 1))?);
        }
        let c = cols.as_ref().expect("set above");
        let get = |k: usize| {
            map.iter()
                .find(|(key, _)| *key == c.names[k])
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        emit(c.unit(get, (n + 1) as u64)?)?;
        count += 1;
    }
    Ok(count)
}

fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "line {}: {len} fields where the header has {expected_len}",
            pos.as_ref().map_or(0, |p| p.line())
        ),
        csv::ErrorKind::Utf8 { pos, .. } => {
            format!(
                "line {}: not UTF-8 text",
                pos.as_ref().map_or(0, |p| p.line())
            )
        }
        _ => e.to_string(),
    }
}

/// Where each field of a row sits.
struct Columns {
    names: Vec<String>,
    index: [Option<usize>; 9],
}

impl Columns {
    fn find(headers: &[String], src: &str, tgt: &str) -> Result<Columns, String> {
        let pos = |name: &str| headers.iter().position(|h| h == name);
        let primary = |l: &str| l.split(['-', '_']).next().unwrap_or(l).to_lowercase();
        let lang_col = |l: &str| {
            pos(&l.to_lowercase()).or_else(|| headers.iter().position(|h| primary(h) == primary(l)))
        };
        let free: Vec<usize> = (0..headers.len())
            .filter(|&k| !COLUMNS.contains(&headers[k].as_str()))
            .collect();
        let s = lang_col(src).or_else(|| free.first().copied());
        let t = lang_col(tgt).or_else(|| free.iter().copied().find(|&k| Some(k) != s));
        let s = s.ok_or_else(|| format!("missing column '{src}' (the source text)"))?;
        let t = t
            .filter(|&t| t != s)
            .ok_or_else(|| format!("missing column '{tgt}' (the target text)"))?;
        Ok(Columns {
            names: headers.to_vec(),
            index: [
                pos("document"),
                pos("link"),
                pos("src_index"),
                pos("tgt_index"),
                pos("score"),
                Some(s),
                Some(t),
                pos("status"),
                pos("review"),
            ],
        })
    }

    fn unit(&self, get: impl Fn(usize) -> String, line: u64) -> Result<Unit, String> {
        let f = |k: usize| self.index[k].map(&get).unwrap_or_default();
        let score = f(4);
        let score = if score.trim().is_empty() {
            0.0
        } else {
            score
                .trim()
                .replace(',', ".")
                .parse::<f32>()
                .map_err(|_| format!("line {line}: score '{score}' is not a number"))?
        };
        Ok(Unit {
            document: f(0),
            link: f(1),
            src_index: f(2),
            tgt_index: f(3),
            score,
            src: f(5),
            tgt: f(6),
            status: f(7).trim().to_lowercase(),
            review: f(8).trim().to_lowercase(),
        })
    }
}

/// Guesses the separator of a CSV from its header line: the most frequent of `,` `;` and tab
/// outside quotes.
///
/// ```
/// assert_eq!(bitext::tm::table::sniff_delimiter("document;link;ru;en\n"), b';');
/// assert_eq!(bitext::tm::table::sniff_delimiter("document,link,ru,en\n"), b',');
/// ```
pub fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// Turns rows of cells under a header (from a workbook) into review rows, as for CSV: header
/// names without case and in any order; the row number in errors counts the header as line 1.
pub fn units_from_rows<I>(
    headers: &[String],
    rows: I,
    src: &str,
    tgt: &str,
    mut emit: impl FnMut(Unit) -> Result<(), String>,
) -> Result<usize, String>
where
    I: Iterator<Item = Vec<String>>,
{
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let cols = Columns::find(&headers, src, tgt).map_err(|e| format!("row 1: {e}"))?;
    let mut count = 0;
    for (n, row) in rows.enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        emit(cols.unit(|k| row.get(k).cloned().unwrap_or_default(), (n + 2) as u64)?)?;
        count += 1;
    }
    Ok(count)
}
