//! Review tables: CSV (RFC 4180, UTF-8 with a byte-order mark for spreadsheets), TSV and
//! JSON Lines, written and read back after review.

use std::io::Write;
use std::path::Path;

use super::review::{index_cell, parse_index, LinkKind, Review, Status};
pub use super::table_units::TableUnits;
use super::Unit;
use crate::error::{Error, ErrorKind, Result};

/// The fixed columns of a review table; the two text columns are named by language. A
/// table saved from the review page has a `review` column as well (see [`Unit::review`]).
pub const COLUMNS: [&str; 8] = [
    "document",
    "link",
    "src_index",
    "tgt_index",
    "score",
    "status",
    "review",
    "suggest",
];

/// The header row: `document, link, src_index, tgt_index, score, <src>, <tgt>, status,
/// review, suggest`.
pub fn header(src: &str, tgt: &str) -> [String; 10] {
    [
        "document",
        "link",
        "src_index",
        "tgt_index",
        "score",
        src,
        tgt,
        "status",
        "review",
        "suggest",
    ]
    .map(str::to_string)
}

/// One row as the ten fields of the header.
pub fn record(u: &Unit) -> [String; 10] {
    [
        u.document.clone(),
        u.link.map(|k| k.to_string()).unwrap_or_default(),
        index_cell(&u.src_index),
        index_cell(&u.tgt_index),
        u.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
        u.src.clone(),
        u.tgt.clone(),
        u.status.as_cell().to_string(),
        u.review.as_cell().to_string(),
        index_cell(&u.suggest),
    ]
}

/// Writes one row as a JSON object with the header's keys.
pub fn write_json_row(out: &mut dyn Write, u: &Unit, src: &str, tgt: &str) -> std::io::Result<()> {
    let mut map = serde_json::Map::new();
    for (k, v) in header(src, tgt).iter().zip(record(u)) {
        let value = if k == "score" {
            u.score.map_or(serde_json::Value::Null, |s| {
                serde_json::Value::from((s as f64 * 1000.0).round() / 1000.0)
            })
        } else if (k == "suggest" || k == "review") && v.is_empty() {
            // Only rows with a suggestion or a reviewer's mark carry the key.
            continue;
        } else {
            serde_json::Value::String(v)
        };
        map.insert(k.clone(), value);
    }
    serde_json::to_writer(&mut *out, &serde_json::Value::Object(map))?;
    out.write_all(b"\n")
}

/// The most columns a table may have: far more than any review table, far fewer than a
/// line of separators that would cost memory to read as a header.
const MAX_COLUMNS: usize = 1000;

/// The rows of a review table (CSV or TSV by `delimiter`), read back one at a time.
///
/// Header names match without case and in any order; the text columns are the ones named
/// `src_lang`/`tgt_lang` (or their primary subtags), else the two columns that are not fixed
/// ones. A table cut inside a quoted field is an error naming the line where the field
/// opens; other errors name the line and the cause. `path` names the table in errors.
pub fn csv_units(
    text: String,
    delimiter: u8,
    path: &Path,
    src: &str,
    tgt: &str,
) -> Result<TableUnits> {
    // A header of thousands of columns is no review table, and reading one costs memory in
    // proportion: refused before it is read.
    let first_line = text.split('\n').next().unwrap_or("");
    let columns = first_line.bytes().filter(|&b| b == delimiter).count() + 1;
    if columns > MAX_COLUMNS {
        return Err(Error::at(
            path,
            1,
            format!("the header has {columns} columns: not a review table (it has about ten)"),
        ));
    }
    let quoting = quoting(&text, delimiter);
    if let Some(line) = unclosed_quote(&text, delimiter).filter(|_| quoting) {
        return Err(Error::at(
            path,
            line,
            "a quoted field is never closed (a truncated file?)",
        ));
    }
    let mut data = text.into_bytes();
    if data.starts_with(b"\xEF\xBB\xBF") {
        data.drain(..3);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .flexible(false)
        .from_reader(std::io::Cursor::new(data));
    let written: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let headers: Vec<String> = written.iter().map(|h| h.to_lowercase()).collect();
    let cols = Columns::find(&headers, src, tgt).map_err(|c| Error::at(path, 1, c))?;
    let names = cols.text_names(&written);
    let unused = cols.unused(&written);
    let at = path.to_path_buf();
    let rows = rdr.into_records().map(move |rec| {
        let rec = rec.map_err(|e| csv_error(&at, e))?;
        let line = rec.position().map_or(0, |p| p.line());
        cols.unit(|k| rec.get(k).unwrap_or("").to_string())
            .map_err(|c| Error::at(&at, line, c))
    });
    Ok(TableUnits::new(path, names, rows).with_unused(unused))
}

/// Whether a table's cells are read with CSV quoting: always for comma- and
/// semicolon-separated tables, for a tab-separated one as [`quotes_fields`] finds.
pub fn quoting(text: &str, delimiter: u8) -> bool {
    delimiter != b'\t' || quotes_fields(text, delimiter)
}

/// Whether a tab-separated table quotes its fields, as spreadsheets and CSV libraries write
/// them, or holds every cell as it is, as `paste` and many scripts write them. A sentence that
/// opens with a quote (`"We were at war.` or `"Yes," he said.`) makes a cell of an unquoted
/// table start with a quote: read with quoting, it would lose its quotes or swallow the cells
/// after it. The table counts as quoted when a quoted cell holds what needs quoting (a tab, a
/// line break, a doubled quote) or the header is quoted; as unquoted when a cell that opens
/// with a quote does not close as a quoted cell must, or no quoted cell needs its quotes.
fn quotes_fields(text: &str, delimiter: u8) -> bool {
    let bytes = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
    let header_quoted = bytes.first() == Some(&b'"');
    let (mut any, mut needed) = (false, false);
    let mut k = 0;
    let mut field_start = true;
    while k < bytes.len() {
        let b = bytes[k];
        if b == b'"' && field_start {
            any = true;
            // Read the cell as a quoted one and see how it ends.
            k += 1;
            let mut closed = false;
            while k < bytes.len() {
                match bytes[k] {
                    b'"' if bytes.get(k + 1) == Some(&b'"') => {
                        needed = true;
                        k += 2;
                    }
                    b'"' => {
                        closed = true;
                        k += 1;
                        break;
                    }
                    c => {
                        needed |= c == delimiter || c == b'\n' || c == b'\r';
                        k += 1;
                    }
                }
            }
            let proper = closed
                && bytes
                    .get(k)
                    .is_none_or(|&c| c == delimiter || c == b'\n' || c == b'\r');
            if !proper {
                // A quoted cell cut short at the end of a table that needs quoting elsewhere
                // is a truncated file, which the reader reports.
                return !closed && needed;
            }
            field_start = false;
            continue;
        }
        field_start = b == delimiter || b == b'\n' || b == b'\r';
        k += 1;
    }
    !any || needed || header_quoted
}

/// The line where a quoted field opens and is never closed, if the text ends inside one.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let (mut line, mut opened_at) = (1u64, 0u64);
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = text.as_bytes().iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\n' {
            line += 1;
        }
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        if b == b'"' && field_start {
            quoted = true;
            opened_at = line;
        }
        field_start = b == delimiter || b == b'\n' || b == b'\r';
    }
    quoted.then_some(opened_at)
}

/// JSON Lines rows with the review table's keys, read one line at a time.
pub fn jsonl_units<R: std::io::BufRead>(
    input: R,
    path: &Path,
    src: &str,
    tgt: &str,
) -> impl Iterator<Item = Result<Unit>> {
    let path = path.to_path_buf();
    let (src, tgt) = (src.to_string(), tgt.to_string());
    let mut cols: Option<Columns> = None;
    input
        .lines()
        .enumerate()
        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(move |(n, line)| {
            let line_no = (n + 1) as u64;
            let at = |cause: String| Error::at(&path, line_no, cause);
            let line = line.map_err(|e| at(e.to_string()).with_kind(ErrorKind::Io(e)))?;
            // A byte-order mark, as some editors save UTF-8, opens no JSON value.
            let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| at(json_cause(&e)).with_kind(ErrorKind::Json(e)))?;
            let obj = value
                .as_object()
                .ok_or_else(|| at("expected a JSON object".to_string()))?;
            let map: Vec<(String, String)> = obj
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        serde_json::Value::Null => String::new(),
                        v => v
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string()),
                    };
                    (k.to_lowercase(), v)
                })
                .collect();
            if cols.is_none() {
                // A writer leaves out empty optional keys (`suggest`, `review`): they are
                // looked up by name on every line, whether the first line has them or not.
                let mut keys: Vec<String> = map.iter().map(|(k, _)| k.clone()).collect();
                for name in COLUMNS {
                    if !keys.iter().any(|k| k == name) {
                        keys.push(name.to_string());
                    }
                }
                cols = Some(Columns::find(&keys, &src, &tgt).map_err(at)?);
            }
            let c = cols.as_ref().expect("set above");
            let get = |k: usize| {
                map.iter()
                    .find(|(key, _)| *key == c.names[k])
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            c.unit(get).map_err(at)
        })
}

/// A JSON parse error without serde's "at line 1 column N" tail (the line is the record's).
fn json_cause(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &text[..i], e.column()),
        None => text,
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = |pos: &Option<csv::Position>| pos.as_ref().map_or(0, |p| p.line());
    let error = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Error::at(
            path,
            line(pos),
            format!("{len} fields where the header has {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { pos, .. } => Error::at(path, line(pos), "not UTF-8 text"),
        _ => Error::new(path, e.to_string()),
    };
    error.with_kind(ErrorKind::Csv(e))
}

/// Where each field of a row sits.
struct Columns {
    names: Vec<String>,
    index: [Option<usize>; 10],
}

impl Columns {
    fn find(headers: &[String], src: &str, tgt: &str) -> std::result::Result<Columns, String> {
        let pos = |name: &str| headers.iter().position(|h| h == name);
        let primary = |l: &str| l.split(['-', '_']).next().unwrap_or(l).to_lowercase();
        let lang_col = |l: &str| {
            pos(&l.to_lowercase()).or_else(|| headers.iter().position(|h| primary(h) == primary(l)))
        };
        let free: Vec<usize> = (0..headers.len())
            .filter(|&k| !COLUMNS.contains(&headers[k].as_str()))
            .collect();
        // A column named by another language's code (`uk` when `ru` is asked for) never
        // stands in for a missing one: its text would go out labelled as the wrong language.
        let other_language = |h: &str, want: &str| {
            crate::Lang::parse(h)
                .is_ok_and(|l| l.primary().len() == 2 && l.primary() != primary(want))
        };
        let fallback = |taken: Option<usize>, want: &str| {
            free.iter()
                .copied()
                .find(|&k| Some(k) != taken && !other_language(&headers[k], want))
        };
        // Columns named for their role, as other tools write them.
        let role = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
        let s_named = lang_col(src).or_else(|| role(&["source", "src", "source text", "original"]));
        let t_named =
            lang_col(tgt).or_else(|| role(&["target", "tgt", "target text", "translation"]));
        // Otherwise the columns that are no fixed ones hold the texts, when there are no
        // more of them than texts missing: with more, which is which would be a guess.
        let missing_texts = s_named.is_none() as usize + t_named.is_none() as usize;
        let unclaimed = free
            .iter()
            .filter(|&&k| Some(k) != s_named && Some(k) != t_named)
            .count();
        if missing_texts > 0 && unclaimed > missing_texts {
            let names: Vec<String> = free
                .iter()
                .filter(|&&k| Some(k) != s_named && Some(k) != t_named)
                .map(|&k| format!("'{}'", headers[k]))
                .collect();
            return Err(format!(
                "cannot tell which columns hold the texts among {} (name them '{src}' and '{tgt}', or 'source' and 'target')",
                crate::output::first_of(names.into_iter(), 6)
            ));
        }
        let s = s_named.or_else(|| fallback(t_named, src));
        let t = t_named.or_else(|| fallback(s, tgt));
        let missing = |want: &str, what: &str, flag: &str| {
            let other = free.iter().find(|&&k| {
                Some(k) != s_named && Some(k) != t_named && other_language(&headers[k], want)
            });
            match other {
                Some(&k) => format!(
                    "missing column '{want}' ({what}); the column '{}' holds another language (give {flag} {})",
                    headers[k], headers[k]
                ),
                None => format!("missing column '{want}' ({what})"),
            }
        };
        let s = s.ok_or_else(|| missing(src, "the source text", "--src-lang"))?;
        let t = t
            .filter(|&t| t != s)
            .ok_or_else(|| missing(tgt, "the target text", "--tgt-lang"))?;
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
                pos("suggest"),
            ],
        })
    }

    /// The non-empty header names, as `written`, of the columns no field is read from.
    fn unused(&self, written: &[String]) -> Vec<String> {
        (0..written.len())
            .filter(|k| !self.index.contains(&Some(*k)))
            .map(|k| written[k].clone())
            .filter(|name| !name.trim().is_empty())
            .collect()
    }

    /// The header names of the two text columns, as `written`.
    fn text_names(&self, written: &[String]) -> (String, String) {
        let name = |k: usize| {
            self.index[k]
                .and_then(|i| written.get(i))
                .cloned()
                .unwrap_or_default()
        };
        (name(5), name(6))
    }

    fn unit(&self, get: impl Fn(usize) -> String) -> std::result::Result<Unit, String> {
        let f = |k: usize| self.index[k].map(&get).unwrap_or_default();
        let score = super::review::parse_score_cell(&f(4))?;
        Ok(Unit {
            document: f(0),
            link: LinkKind::parse(&f(1)),
            src_index: parse_index(&f(2)),
            tgt_index: parse_index(&f(3)),
            score,
            src: f(5),
            tgt: f(6),
            status: Status::parse(&f(7)),
            review: Review::parse(&f(8)),
            suggest: parse_index(&f(9)),
            tmx: None,
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

/// Rows of cells under a header (from a workbook) as review rows, as for CSV: header names
/// without case and in any order; row numbers in errors count the header as row 1.
pub fn rows_units(
    headers: &[String],
    rows: Vec<Vec<String>>,
    path: &Path,
    src: &str,
    tgt: &str,
) -> Result<TableUnits> {
    let written: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let headers: Vec<String> = written.iter().map(|h| h.to_lowercase()).collect();
    let cols =
        Columns::find(&headers, src, tgt).map_err(|e| Error::new(path, format!("row 1: {e}")))?;
    let names = cols.text_names(&written);
    let unused = cols.unused(&written);
    let at = path.to_path_buf();
    let rows = rows
        .into_iter()
        .enumerate()
        .filter(|(_, row)| !row.iter().all(|c| c.trim().is_empty()))
        .map(move |(n, row)| {
            cols.unit(|k| row.get(k).cloned().unwrap_or_default())
                .map_err(|c| Error::new(&at, format!("row {}: {c}", n + 2)))
        });
    Ok(TableUnits::new(path, names, rows).with_unused(unused))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &str) -> Result<Vec<(String, String)>> {
        csv_units(table.to_string(), b'\t', Path::new("t.tsv"), "ru", "en")?
            .map(|u| u.map(|u| (u.src, u.tgt)))
            .collect()
    }

    const HEAD: &str = "document\tlink\tsrc_index\ttgt_index\tscore\tru\ten\tstatus\n";

    #[test]
    fn an_unquoted_tsv_keeps_the_quotes_of_its_sentences() {
        let table = format!(
            "{HEAD}a\t1-1\t0\t0\t0.9\t«С Кореей всё хорошо», — сказал он.\t\"We're doing great,\" he said.\t\n\
             a\t1-1\t1\t1\t0.9\t— «Мы были на грани войны.\t\"We were going to war.\t\n\
             a\t1-1\t2\t2\t0.9\tВсё.\t\"That's it.\"\t\n"
        );
        let rows = texts(&table).unwrap();
        assert_eq!(rows[0].1, "\"We're doing great,\" he said.");
        assert_eq!(rows[1].1, "\"We were going to war.");
        assert_eq!(rows[2].1, "\"That's it.\"");
    }

    #[test]
    fn text_columns_are_found_by_language_by_role_or_not_guessed() {
        let read = |table: &str| -> Result<Vec<(String, String)>> {
            csv_units(table.to_string(), b',', Path::new("t.csv"), "ru", "en")?
                .map(|u| u.map(|u| (u.src, u.tgt)))
                .collect()
        };
        let pair = [("Привет".to_string(), "Hello".to_string())];
        assert_eq!(read("row,source,target\n1,Привет,Hello\n").unwrap(), pair);
        assert_eq!(read("en,id,ru\nHello,1,Привет\n").unwrap(), pair);
        assert_eq!(read("a,b\nПривет,Hello\n").unwrap(), pair);
        let wide = format!("{}\n", ",".repeat(5000));
        let e = read(&wide).unwrap_err().to_string();
        assert!(e.contains("the header has 5001 columns"), "{e}");
        let e = read("id,a,b\n1,Привет,Hello\n").unwrap_err().to_string();
        assert!(
            e.contains("cannot tell which columns hold the texts among 'id', 'a', 'b'"),
            "{e}"
        );
    }

    #[test]
    fn json_lines_with_a_byte_order_mark_are_read() {
        let text = "\u{feff}{\"ru\": \"Мир.\", \"en\": \"Peace.\"}\n";
        let rows: Vec<Unit> = jsonl_units(text.as_bytes(), Path::new("t.jsonl"), "ru", "en")
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(
            (rows[0].src.as_str(), rows[0].tgt.as_str()),
            ("Мир.", "Peace.")
        );
    }

    #[test]
    fn a_quoted_tsv_is_read_as_quoted() {
        // As a CSV library writes it: only the cells that need quotes have them.
        let table = format!(
            "{HEAD}a\t1-1\t0\t0\t0.9\tДа.\t\"\"\"Yes,\"\" he said.\"\t\n\
             a\t1-1\t1\t1\t0.9\tНет.\tNo.\t\n"
        );
        let rows = texts(&table).unwrap();
        assert_eq!(rows[0].1, "\"Yes,\" he said.");
        assert_eq!(rows[1].1, "No.");
        // A table cut inside a cell that needs its quotes is still reported as cut.
        let cut = format!("{HEAD}a\t1-1\t0\t0\t0.9\tДа.\t\"\"\"Yes,\"\" he\tsaid.\n");
        assert!(texts(&cut).is_err());
    }
}
