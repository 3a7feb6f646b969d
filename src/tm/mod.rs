//! Translation memories and review tables: units built from alignments, written as TMX 1.4b,
//! CSV, TSV, JSON Lines or links, and read back from TMX and reviewed CSV/TSV/JSONL.

pub mod links;
pub mod review;
mod sink;
pub mod table;
mod table_units;
pub mod tmx;
pub mod tmx_reader;
pub mod xlsx;

use std::path::Path;

use crate::align::AlignedPair;
use review::{LinkKind, Review, Status};

pub use sink::{write_pairs, Note, Sink, WriteSettings, WriteTally};

/// Output and input formats, chosen by file extension or `--format` (whose values are these
/// variants' names in lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TMX 1.4b translation memory, for CAT tools (OmegaT, Trados, memoQ).
    Tmx,
    /// Review table, comma-separated, UTF-8 with a byte-order mark for spreadsheets.
    Csv,
    /// Review table, tab-separated.
    Tsv,
    /// Review table as JSON Lines, one object per row.
    Jsonl,
    /// Sentence links in the evaluation format: `[0, 1]:[2]`.
    Links,
    /// Review table as an Excel workbook.
    Xlsx,
}

impl Format {
    /// The format a file extension stands for (`.tmx`, `.csv`, `.tsv`, `.jsonl`, `.links`).
    ///
    /// ```
    /// use bitext::tm::Format;
    /// assert_eq!(Format::from_path("out/memory.TMX".as_ref()), Some(Format::Tmx));
    /// assert_eq!(Format::from_path("review.csv".as_ref()), Some(Format::Csv));
    /// assert_eq!(Format::from_path("notes.txt".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "tmx" => Format::Tmx,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "jsonl" | "ndjson" => Format::Jsonl,
            "links" | "align" => Format::Links,
            "xlsx" => Format::Xlsx,
            _ => return None,
        })
    }
}

/// One row of a review table or one translation unit of a memory.
///
/// A row with an empty side is an unaligned sentence; only rows with both sides become
/// translation units in TMX.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// The document the row comes from.
    pub document: String,
    /// The link type, e.g. `1-1`, `2-1`, `1-0`; `None` for an empty link cell or one that is
    /// no link type.
    pub link: Option<LinkKind>,
    /// The source sentences of the row (written `3` or `3-4`, inclusive, by
    /// [`review::index_cell`]); `None` when there are none.
    pub src_index: Option<std::ops::Range<usize>>,
    /// The target sentences, like `src_index`.
    pub tgt_index: Option<std::ops::Range<usize>>,
    /// Confidence in [0, 1]; `None` for a unit that has no score (one of another tool's
    /// memory, or a row whose score cell is empty), written as an empty cell.
    pub score: Option<f32>,
    /// Source text (sentences of a multi-sentence link joined by one space).
    pub src: String,
    /// Target text.
    pub tgt: String,
    /// Review status: open, accepted, rejected or chrome (the `status` cell, see
    /// [`review::Status`]).
    pub status: Status,
    /// What a person did to the link, when anything: edited (boundaries or text changed in
    /// the review page) or accepted; unchecked for links no one has checked.
    pub review: Review,
    /// For an unaligned row: the other side's sentences it most likely translates, where a
    /// passage was moved elsewhere in the translation. A suggestion becomes a translation
    /// unit only when a reviewer accepts it (see [`review::accept_suggestions`]).
    pub suggest: Option<std::ops::Range<usize>>,
    /// The `<tu>` element as a TMX file held it, kept so that a memory converted or merged
    /// into TMX keeps its units as they were (inline tags, attributes, notes, props).
    pub tmx: Option<String>,
}

/// Units are equal when their fields are; the kept TMX source is not part of a unit's identity.
impl PartialEq for Unit {
    fn eq(&self, o: &Unit) -> bool {
        (
            &self.document,
            &self.link,
            &self.src_index,
            &self.tgt_index,
            self.score,
            &self.src,
            &self.tgt,
            &self.status,
            &self.review,
            &self.suggest,
        ) == (
            &o.document,
            &o.link,
            &o.src_index,
            &o.tgt_index,
            o.score,
            &o.src,
            &o.tgt,
            &o.status,
            &o.review,
            &o.suggest,
        )
    }
}

impl Unit {
    /// True when both sides have text, so the row can be a translation unit.
    pub fn is_pair(&self) -> bool {
        !self.src.trim().is_empty() && !self.tgt.trim().is_empty()
    }
}

/// The rows of an aligned pair, in document order, unaligned sentences included.
pub fn units(pair: &AlignedPair) -> Vec<Unit> {
    let join = |sents: &[crate::segment::Sentence], r: &std::ops::Range<usize>| {
        sents[r.clone()]
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let index = |r: &std::ops::Range<usize>| Some(r.clone()).filter(|r| !r.is_empty());
    // A side that is all page chrome, or all in the other language's script, is no translation;
    // but a sentence with words in its own script that links well (a Russian title full of
    // Latin brand names) is text, unless it is known site chrome.
    let chrome = |sents: &[crate::segment::Sentence],
                  r: &std::ops::Range<usize>,
                  lang: &crate::Lang,
                  linked_well: bool| {
        !r.is_empty()
            && sents[r.clone()].iter().all(|s| {
                let text = linked_well
                    && own_script_word(&s.text, lang)
                    && !crate::document::is_boilerplate(&s.text);
                !text && (s.noise || wrong_script(&s.text, lang))
            })
    };
    pair.alignment
        .links
        .iter()
        .map(|l| Unit {
            document: pair.name.clone(),
            link: Some(LinkKind {
                src: l.src.len(),
                tgt: l.tgt.len(),
            }),
            src_index: index(&l.src),
            tgt_index: index(&l.tgt),
            score: Some((l.score * 1000.0).round() / 1000.0),
            src: join(&pair.src, &l.src),
            tgt: join(&pair.tgt, &l.tgt),
            status: if chrome(
                &pair.src,
                &l.src,
                &pair.src_lang,
                l.is_pair() && l.score >= crate::grade::GOOD,
            ) || chrome(
                &pair.tgt,
                &l.tgt,
                &pair.tgt_lang,
                l.is_pair() && l.score >= crate::grade::GOOD,
            ) {
                Status::Chrome
            } else {
                Status::Open
            },
            review: Review::Unchecked,
            suggest: pair.suggestion(l),
            tmx: None,
        })
        .collect()
}

/// True when `text` holds a word of two letters or more written in the script of `lang`.
fn own_script_word(text: &str, lang: &crate::Lang) -> bool {
    let script = lang.script();
    text.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.chars().count() >= 2
            && w.chars()
                .all(|c| crate::lang::Script::of(c) == Some(script))
    })
}

/// True when `text` has letters, none of them in the script of `lang`, and `lang` and the
/// other script differ (Latin text on the Russian side): not text in that language.
fn wrong_script(text: &str, lang: &crate::Lang) -> bool {
    let (cyrillic, latin) = crate::lang::script_counts(text);
    match lang.script() {
        crate::lang::Script::Cyrillic => cyrillic == 0 && latin >= 3,
        crate::lang::Script::Latin => latin == 0 && cyrillic >= 3,
    }
}

/// Characters that XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF), which Word and web
/// pages sometimes carry (U+000B is Word's line break).
pub fn is_forbidden_xml_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Takes out the characters XML 1.0 forbids, returning the clean text and how many were
/// taken out. Word's line break (U+000B) and a form feed separate words, so they become
/// spaces; the others are removed.
pub fn clean_text(s: &str) -> (String, usize) {
    if !s.chars().any(is_forbidden_xml_char) {
        return (s.to_string(), 0);
    }
    let mut removed = 0;
    let clean: String = s
        .chars()
        .filter_map(|c| match c {
            c if !is_forbidden_xml_char(c) => Some(c),
            c => {
                removed += 1;
                matches!(c, '\u{b}' | '\u{c}').then_some(' ')
            }
        })
        .collect();
    (clean, removed)
}

/// Reads every unit of a TMX, CSV, TSV, JSON Lines or XLSX file (by extension) for a
/// language pair.
///
/// CSV and TSV may come back from a spreadsheet: a byte-order mark or none, `,` `;` or tab
/// as the separator (sniffed from the header line), windows-1251 instead of UTF-8.
pub fn read_units(path: &Path, src: &crate::Lang, tgt: &crate::Lang) -> crate::Result<Vec<Unit>> {
    open(path, src, tgt, &TableOptions::default())?.collect()
}

/// How to read review tables when detection is not wanted.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableOptions {
    /// The field separator of CSV input (default: sniffed from the header line).
    pub delimiter: Option<u8>,
    /// The encoding of CSV/TSV input (default: detected as for documents).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Keep each TMX unit's XML, to write it to another memory unchanged.
    pub keep_tmx: bool,
}

/// The units of one file, read one at a time (as the csv crate's `records()`): TMX and JSON
/// Lines in constant memory; review tables (small, and possibly in a legacy encoding) are
/// decoded whole first. Every error names the file, the line where there is one, and the cause.
pub struct Units {
    inner: Box<dyn Iterator<Item = crate::Result<Unit>>>,
    text_columns: Option<(String, String)>,
    unused: Vec<String>,
    table: bool,
}

impl Units {
    /// The header names of a review table's source and target columns as written (`ru-RU`,
    /// `en-US`); `None` for memories and JSON Lines.
    pub fn text_columns(&self) -> Option<(&str, &str)> {
        self.text_columns
            .as_ref()
            .map(|(s, t)| (s.as_str(), t.as_str()))
    }

    /// The columns of a table that a review table does not hold (a reviewer's `comment`),
    /// which reading passes over.
    pub fn unused_columns(&self) -> &[String] {
        &self.unused
    }

    /// True for the rows of a review table (CSV, TSV, JSON Lines, a workbook), whose
    /// unaligned rows may carry suggestions; false for a memory's units.
    pub fn is_table(&self) -> bool {
        self.table
    }
}

impl Iterator for Units {
    type Item = crate::Result<Unit>;

    fn next(&mut self) -> Option<crate::Result<Unit>> {
        self.inner.next()
    }
}

/// Opens a memory or review table for reading its units (format by extension).
pub fn open(
    path: &Path,
    src: &crate::Lang,
    tgt: &crate::Lang,
    opts: &TableOptions,
) -> crate::Result<Units> {
    use crate::error::Error;
    let format = Format::from_path(path).ok_or_else(|| {
        Error::new(
            path,
            "cannot tell the format from the extension (use .tmx, .csv, .tsv, .xlsx or .jsonl)",
        )
    })?;
    if path.is_dir() {
        return Err(Error::new(path, "Is a directory"));
    }
    let open = || -> crate::Result<std::io::BufReader<std::fs::File>> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
            return Err(Error::new(path, "empty file"));
        }
        Ok(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let mut text_columns = None;
    let mut unused = Vec::new();
    let mut table = |t: table::TableUnits| -> Box<dyn Iterator<Item = crate::Result<Unit>>> {
        text_columns = Some(t.text_columns.clone());
        unused = t.unused.clone();
        Box::new(t)
    };
    let inner: Box<dyn Iterator<Item = crate::Result<Unit>>> = match format {
        Format::Tmx => {
            let input: Box<dyn std::io::BufRead> = match tmx_reader::utf16_memory(path)? {
                Some(utf8) => Box::new(std::io::Cursor::new(utf8)),
                None => Box::new(open()?),
            };
            let units = tmx_reader::TmxUnits::new(input, path, src, tgt);
            if opts.keep_tmx {
                Box::new(units.keep_xml())
            } else {
                Box::new(units)
            }
        }
        Format::Jsonl => Box::new(table::jsonl_units(
            open()?,
            path,
            src.as_str(),
            tgt.as_str(),
        )),
        Format::Csv | Format::Tsv => {
            let bytes = crate::document::read_bytes(path)?;
            if bytes.is_empty() {
                return Err(Error::new(path, "empty file"));
            }
            // UTF-8 tables are taken as they are (a reviewer's text is not normalised);
            // anything else goes through the same detection as documents.
            let plain = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = match (opts.encoding, std::str::from_utf8(plain)) {
                (None, Ok(text)) => text.to_string(),
                _ => {
                    crate::document::decode(&bytes, opts.encoding)
                        .map_err(|e| e.in_file(path))?
                        .text
                }
            };
            let delimiter = match (opts.delimiter, format) {
                (Some(d), _) => d,
                (None, Format::Tsv) => b'\t',
                (None, _) => table::sniff_delimiter(&text),
            };
            table(table::csv_units(
                text,
                delimiter,
                path,
                src.as_str(),
                tgt.as_str(),
            )?)
        }
        Format::Xlsx => table(xlsx::xlsx_units(path, src.as_str(), tgt.as_str())?),
        Format::Links => return Err(Error::new(path, "the links format holds no texts to read")),
    };
    Ok(Units {
        inner,
        text_columns,
        unused,
        table: format != Format::Tmx,
    })
}

#[cfg(test)]
mod tests {
    use super::clean_text;

    #[test]
    fn characters_xml_forbids_are_removed_and_counted() {
        assert_eq!(clean_text("a\u{b}b"), ("a b".to_string(), 1));
        assert_eq!(clean_text("a\u{0}\u{1f}b\tc"), ("ab\tc".to_string(), 2));
        assert_eq!(clean_text("Путин"), ("Путин".to_string(), 0));
    }
}
