//! One writer for every output format, streaming rows to a temporary file that is renamed
//! into place when complete.

use std::collections::HashSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::review::{index_cell, Status};
use super::table::{header, record, write_json_row};
use super::tmx::TmxWriter;
use super::{clean_text, units as units_of, Format, Unit};
use crate::align::AlignedPair;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Settings that shape written output.
#[derive(Debug, Clone)]
pub struct WriteSettings {
    /// TMX units scoring below this are left out (counted in the report), unless a person
    /// edited or accepted them.
    pub min_score: f32,
    /// Start CSV with a UTF-8 byte-order mark, so spreadsheets read Cyrillic correctly.
    pub bom: bool,
    /// Write identical (source, target) pairs once. Costs an 8-byte fingerprint per unit;
    /// off for review tables, where every row counts.
    pub dedupe: bool,
    /// Let rows marked as page chrome (or text in the wrong script) become TMX units.
    pub keep_chrome: bool,
    /// The `creationid` of TMX units; the user's login name when `None`.
    pub creator: Option<String>,
}

impl Default for WriteSettings {
    fn default() -> Self {
        WriteSettings {
            min_score: 0.0,
            bom: true,
            dedupe: true,
            keep_chrome: false,
            creator: None,
        }
    }
}

/// One thing a writer tells the user afterwards: what it left out, or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// True for a warning, which is shown even when the user asked for quiet.
    pub warning: bool,
    /// The note in words, without the `warning:` that [`Note`]'s `Display` puts before a warning.
    pub text: String,
}

impl Note {
    fn info(text: String) -> Note {
        Note {
            warning: false,
            text,
        }
    }

    fn warning(text: String) -> Note {
        Note {
            warning: true,
            text,
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.text)
    }
}

/// What a writer did, for the messages a user sees afterwards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WriteTally {
    /// Rows or units written.
    pub written: usize,
    /// Units left out for scoring below `min_score`.
    pub below_min: usize,
    /// Identical (source, target) units written only once.
    pub duplicates: usize,
    /// Characters XML forbids that were removed from texts.
    pub removed_chars: usize,
    /// Rows without both sides, which a memory cannot hold.
    pub unpaired: usize,
    /// Of those, rows a reviewer marked accepted: their suggestion found no partner row.
    pub accepted_unpaired: usize,
    /// Rows a reviewer marked `reject` (or another spelling of it).
    pub rejected: usize,
    /// Rows of page chrome or text in the wrong script, left out of a memory.
    pub chrome: usize,
    /// Rows whose status bitext does not know (kept).
    pub unknown_status: usize,
    /// Up to five of those unknown values, for the warning.
    pub unknown_values: Vec<String>,
    /// Units with a side longer than [`super::tmx::LONG_SIDE`] characters (written all the
    /// same), as `document link` names; the first few are kept.
    pub long_units: Vec<String>,
    /// How many units had such a side.
    pub long_count: usize,
    /// Units of a memory written to a review table, which cannot hold all they carried.
    pub lost_units: usize,
    /// What those units lost: `inline tags`, `tuid`, `notes`, `props`.
    pub lost_what: std::collections::BTreeSet<&'static str>,
    /// Units of a memory that could not be copied as they were (an entity only the source
    /// file's DTD defines, a character XML forbids, TMX 1.1's `lang`, a namespace prefix,
    /// a third language), written again from their two texts.
    pub rewritten: usize,
}

impl WriteTally {
    /// One line for each thing worth telling the user.
    pub fn notes(&self) -> Vec<Note> {
        let mut out = Vec::new();
        if self.below_min > 0 {
            out.push(Note::info(format!(
                "left out {} scoring below --min-score (rows without a machine score are never left out)",
                units(self.below_min)
            )));
        }
        if self.duplicates > 0 {
            out.push(Note::info(format!(
                "left out {} repeating an earlier one",
                units(self.duplicates)
            )));
        }
        if self.chrome > 0 {
            out.push(Note::info(format!(
                "left out {} of page chrome or text in the wrong script (marked `chrome` in review tables; --keep-chrome keeps them)",
                units(self.chrome)
            )));
        }
        if self.unknown_status > 0 {
            out.push(Note::warning(format!(
                "kept {} whose status is not ok or reject: {} (use ok or reject)",
                rows(self.unknown_status),
                self.unknown_values.join(", ")
            )));
        }
        if self.removed_chars > 0 {
            out.push(Note::warning(format!(
                "took out {} characters that XML 1.0 does not allow (control characters; Word's line break U+000B became a space)",
                self.removed_chars
            )));
        }
        if self.accepted_unpaired > 0 {
            out.push(Note::warning(format!(
                "left out {} marked ok with one side empty: an unaligned row becomes a unit only with the row its suggest cell names (check those cells; a spreadsheet may have made them dates)",
                rows(self.accepted_unpaired)
            )));
        }
        if self.rejected > 0 {
            out.push(Note::info(format!(
                "left out {} marked reject",
                rows(self.rejected)
            )));
        }
        if self.lost_units > 0 {
            let what: Vec<&str> = self.lost_what.iter().copied().collect();
            out.push(Note::warning(format!(
                "{} of a memory carry what a table cannot hold ({}), left out of it; convert the memory to TMX to keep them",
                units(self.lost_units),
                what.join(", ")
            )));
        }
        if self.rewritten > 0 {
            out.push(Note::warning(format!(
                "wrote {} again from their texts, since their XML could not be copied into a valid memory (entities of the source's DTD, characters XML forbids, TMX 1.1 `lang`, a namespace prefix or a third language); their notes and props are left out",
                units(self.rewritten)
            )));
        }
        if self.long_count > 0 {
            let more = if self.long_count > self.long_units.len() {
                ", ..."
            } else {
                ""
            };
            out.push(Note::warning(format!(
                "{} units have a side longer than {} characters, more than Trados takes as one segment (written all the same): {}{more}",
                self.long_count,
                super::tmx::LONG_SIDE,
                self.long_units.join(", ")
            )));
        }
        out
    }
}

/// `1 unit`, `3 units`.
fn units(n: usize) -> String {
    format!("{n} unit{}", if n == 1 { "" } else { "s" })
}

/// `1 row`, `3 rows`.
fn rows(n: usize) -> String {
    format!("{n} row{}", if n == 1 { "" } else { "s" })
}

enum Inner {
    Tmx(TmxWriter<BufWriter<Box<dyn Write + Send>>>),
    Csv(Box<csv::Writer<Box<dyn Write + Send>>>),
    Jsonl(BufWriter<Box<dyn Write + Send>>),
    Links(BufWriter<Box<dyn Write + Send>>),
    Xlsx(Box<super::xlsx::XlsxWriter>, Box<dyn Write + Send>),
}

/// A streaming writer for one output file (or standard output for `-`).
pub struct Sink {
    path: PathBuf,
    out: Option<crate::output::Output>,
    inner: Option<Inner>,
    src: String,
    tgt: String,
    settings: WriteSettings,
    seen: HashSet<u64>,
    report: WriteTally,
}

impl Sink {
    /// Opens a writer for `format`; the file appears at `path` only on [`Sink::finish`].
    pub fn create(
        path: &Path,
        format: Format,
        src: &Lang,
        tgt: &Lang,
        settings: &WriteSettings,
    ) -> Result<Sink> {
        let target = crate::output::Output::create(path)?;
        let out = target.writer()?;
        let io = |e: std::io::Error| Error::io(path, e);
        let inner = match format {
            Format::Tmx => {
                let w = TmxWriter::begin(BufWriter::new(out), src, tgt).map_err(io)?;
                Inner::Tmx(match &settings.creator {
                    Some(name) => w.with_creator(name),
                    None => w,
                })
            }
            Format::Csv | Format::Tsv => {
                let mut out = out;
                if format == Format::Csv && settings.bom {
                    out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
                }
                let delimiter = if format == Format::Csv { b',' } else { b'\t' };
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(out);
                w.write_record(header(src.as_str(), tgt.as_str()))
                    .map_err(|e| csv_error(path, e))?;
                Inner::Csv(Box::new(w))
            }
            Format::Jsonl => Inner::Jsonl(BufWriter::new(out)),
            Format::Links => Inner::Links(BufWriter::new(out)),
            Format::Xlsx => {
                let w = super::xlsx::XlsxWriter::new(src.as_str(), tgt.as_str())
                    .map_err(|e| xlsx_error(path, e))?;
                Inner::Xlsx(Box::new(w), out)
            }
        };
        Ok(Sink {
            path: path.to_path_buf(),
            out: Some(target),
            inner: Some(inner),
            src: src.as_str().to_string(),
            tgt: tgt.as_str().to_string(),
            settings: settings.clone(),
            seen: HashSet::new(),
            report: WriteTally::default(),
        })
    }

    /// Writes the rows (or, for TMX, the translation units) of an aligned pair.
    pub fn write_pair(&mut self, pair: &AlignedPair) -> Result<()> {
        if let Some(Inner::Links(w)) = self.inner.as_mut() {
            w.write_all(super::links::format_links(&pair.alignment).as_bytes())
                .map_err(|e| Error::io(&self.path, e))?;
            self.report.written += pair.alignment.links.len();
            return Ok(());
        }
        for u in units_of(pair) {
            self.write_unit(&u)?;
        }
        Ok(())
    }

    /// Writes one row; TMX keeps only pairs, once each, at or above the minimum score.
    pub fn write_unit(&mut self, u: &Unit) -> Result<()> {
        let path = self.path.clone();
        let io = |e: std::io::Error| Error::io(&path, e);
        match self.inner.as_mut().expect("sink is open") {
            Inner::Tmx(w) => {
                if !u.is_pair() {
                    self.report.unpaired += 1;
                    self.report.accepted_unpaired += (u.status == Status::Accepted) as usize;
                    return Ok(());
                }
                match &u.status {
                    Status::Rejected => {
                        self.report.rejected += 1;
                        return Ok(());
                    }
                    Status::Chrome if !self.settings.keep_chrome => {
                        self.report.chrome += 1;
                        return Ok(());
                    }
                    Status::Unknown(v) => {
                        self.report.unknown_status += 1;
                        let v = v.clone();
                        if self.report.unknown_values.len() < 5
                            && !self.report.unknown_values.contains(&v)
                        {
                            self.report.unknown_values.push(v);
                        }
                    }
                    _ => {}
                }
                if u.machine_score()
                    .is_some_and(|s| s < self.settings.min_score)
                {
                    self.report.below_min += 1;
                    return Ok(());
                }
                let (src, a) = clean_text(&u.src);
                let (tgt, b) = clean_text(&u.tgt);
                self.report.removed_chars += a + b;
                if src.trim().is_empty() || tgt.trim().is_empty() {
                    // Nothing but control characters on one side: no translation unit left.
                    self.report.unpaired += 1;
                    return Ok(());
                }
                if self.settings.dedupe && !self.seen.insert(pair_hash(&src, &tgt)) {
                    self.report.duplicates += 1;
                    return Ok(());
                }
                let long = super::tmx::LONG_SIDE;
                if src.chars().count() > long || tgt.chars().count() > long {
                    self.report.long_count += 1;
                    if self.report.long_units.len() < 5 {
                        let doc = if u.document.is_empty() {
                            "unit"
                        } else {
                            u.document.as_str()
                        };
                        let name = if u.src_index.is_none() && u.tgt_index.is_none() {
                            format!("{doc} {}", self.report.written + 1)
                        } else {
                            format!(
                                "{doc} link {}:{}",
                                index_cell(&u.src_index),
                                index_cell(&u.tgt_index)
                            )
                        };
                        self.report.long_units.push(name);
                    }
                }
                match &u.tmx {
                    // A unit read from a memory goes back as it was, when it can.
                    Some(xml) if copyable(xml) && a + b == 0 => w.raw_unit(xml).map_err(io)?,
                    raw => {
                        self.report.rewritten += raw.is_some() as usize;
                        w.unit(&Unit {
                            src,
                            tgt,
                            link: u.link_kind(),
                            score: u.machine_score(),
                            ..u.clone()
                        })
                        .map_err(io)?
                    }
                }
            }
            _ if u
                .tmx
                .as_deref()
                .is_some_and(|xml| !lost_in_table(xml, u).is_empty()) =>
            {
                let lost = lost_in_table(u.tmx.as_deref().unwrap_or_default(), u);
                self.report.lost_units += 1;
                self.report.lost_what.extend(lost);
                return self.write_unit(&Unit {
                    tmx: None,
                    ..u.clone()
                });
            }
            _ if self.settings.dedupe
                && u.is_pair()
                && !self.seen.insert(pair_hash(&u.src, &u.tgt)) =>
            {
                self.report.duplicates += 1;
                return Ok(());
            }
            Inner::Csv(w) => w.write_record(record(u)).map_err(|e| csv_error(&path, e))?,
            Inner::Jsonl(w) => write_json_row(w, u, &self.src, &self.tgt).map_err(io)?,
            Inner::Xlsx(w, _) => w.unit(u).map_err(|e| xlsx_error(&path, e))?,
            Inner::Links(_) => {
                return Err(Error::new(
                    &path,
                    "the links format needs alignments, not units",
                ))
            }
        }
        self.report.written += 1;
        Ok(())
    }

    /// Completes the file and moves it into place.
    pub fn finish(self) -> Result<WriteTally> {
        let (tally, staged) = self.finish_staged()?;
        staged.commit()?;
        Ok(tally)
    }

    /// Completes the file without moving it into place yet: [`crate::output::Staged::commit`]
    /// does that, so several outputs can appear together.
    pub fn finish_staged(mut self) -> Result<(WriteTally, crate::output::Staged)> {
        let path = self.path.clone();
        let io = |e: std::io::Error| Error::io(&path, e);
        match self.inner.take().expect("sink is open") {
            Inner::Tmx(w) => {
                w.finish().map_err(io)?;
            }
            Inner::Csv(mut w) => w.flush().map_err(io)?,
            Inner::Jsonl(mut w) | Inner::Links(mut w) => w.flush().map_err(io)?,
            Inner::Xlsx(w, out) => {
                let mut out = BufWriter::new(out);
                w.finish(&mut out).map_err(|e| xlsx_error(&path, e))?;
                out.flush().map_err(io)?;
            }
        }
        let out = self.out.take().expect("sink is open");
        Ok((self.report, out.finish()?))
    }
}

/// What a memory's `<tu>` carries that a review table row cannot: inline tags, a `tuid` of
/// another tool (bitext's own is made again from the row), notes, and props bitext does not
/// read back.
fn lost_in_table(xml: &str, u: &Unit) -> Vec<&'static str> {
    let mut lost = Vec::new();
    if ["<bpt", "<ept", "<ph", "<it", "<hi", "<ut", "<sub"]
        .iter()
        .any(|t| xml.contains(t))
    {
        lost.push("inline tags");
    }
    let head = xml.split('>').next().unwrap_or("");
    let own = format!(
        "\"{}:{}:{}\"",
        u.document,
        index_cell(&u.src_index),
        index_cell(&u.tgt_index)
    );
    if head.contains("tuid=") && !head.contains(&own) {
        lost.push("tuid");
    }
    if xml.contains("<note") {
        lost.push("notes");
    }
    let bitext_props = ["x-document", "x-score", "x-link", "x-status", "x-reviewed"];
    if xml.match_indices("<prop ").any(|(i, _)| {
        let rest = &xml[i..];
        !bitext_props
            .iter()
            .any(|p| rest.starts_with(&format!("<prop type=\"{p}\"")))
    }) {
        lost.push("props");
    }
    lost
}

/// True when a memory's `<tu>` can be copied into a new memory as it is: every entity one
/// of XML's own or a character reference to a character XML allows, no character XML
/// forbids, each `<tuv>` with `xml:lang`, no namespace prefix, and two `<tuv>`s.
fn copyable(xml: &str) -> bool {
    let allowed = |c: char| !super::is_forbidden_xml_char(c);
    if !xml.chars().all(allowed) {
        return false;
    }
    for (k, _) in xml.match_indices('&') {
        let Some(end) = xml[k..].find(';') else {
            return false;
        };
        let name = &xml[k + 1..k + end];
        let ok = match name.strip_prefix('#') {
            Some(num) => {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32).is_some_and(allowed)
            }
            None => matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"),
        };
        if !ok {
            return false;
        }
    }
    let mut tuvs = 0;
    for (k, _) in xml.match_indices('<') {
        let closing = xml[k + 1..].starts_with('/');
        let rest = xml[k + 1..].trim_start_matches('/');
        let name: &str = rest
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        if name.contains(':') {
            return false;
        }
        if name == "tuv" && !closing {
            tuvs += 1;
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            if !tag.contains("xml:lang=") {
                return false;
            }
        }
    }
    tuvs == 2
}

/// A 64-bit fingerprint of a (source, target) pair, for writing duplicates once.
fn pair_hash(src: &str, tgt: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    src.hash(&mut h);
    tgt.hash(&mut h);
    h.finish()
}

/// Writes several aligned pairs to one file.
pub fn write_pairs(
    path: &Path,
    format: Format,
    pairs: &[AlignedPair],
    settings: &WriteSettings,
) -> Result<WriteTally> {
    let (src, tgt) = match pairs.first() {
        Some(p) => (p.src_lang.clone(), p.tgt_lang.clone()),
        None => (
            Lang::parse("ru").expect("valid"),
            Lang::parse("en").expect("valid"),
        ),
    };
    let mut sink = Sink::create(path, format, &src, &tgt, settings)?;
    for p in pairs {
        sink.write_pair(p)?;
    }
    sink.finish()
}

/// A failure of the CSV writer, worded as the csv crate words it.
fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::new(path, e.to_string()).with_kind(crate::error::ErrorKind::Csv(e))
}

/// A failure of the workbook writer, worded as rust_xlsxwriter words it.
fn xlsx_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> Error {
    Error::new(path, e.to_string()).with_kind(crate::error::ErrorKind::XlsxWrite(e))
}
