//! Reading TMX written by any tool: units for one language pair, one at a time.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::review::{index_range, LinkKind, Review, Status};
use super::Unit;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// The units of a TMX document for a language pair, read one at a time in constant memory.
///
/// Languages match by full tag first, then by primary subtag (`en` finds `en-US`); both
/// `xml:lang` and TMX 1.1's `lang` are understood. `x-document`, `x-score`, `x-link`,
/// `x-status` and `x-reviewed` props are kept. Errors name the file, the line and the cause; a document that
/// ends before `</tmx>` is an error, not a short memory.
pub struct TmxUnits<R: BufRead> {
    reader: Reader<R>,
    path: PathBuf,
    src: Lang,
    tgt: Lang,
    buf: Vec<u8>,
    /// Line of the event being read: newlines are counted in each event's raw bytes.
    line: u64,
    units: usize,
    tu: Option<Vec<(String, String)>>,
    props: Vec<(String, String)>,
    /// The `tuid` of the unit being read.
    tuid: Option<String>,
    lang: Option<String>,
    text: String,
    in_seg: usize,
    skip_inline: usize,
    prop: Option<String>,
    saw_tmx: bool,
    closed_tmx: bool,
    langs_seen: Vec<String>,
    done: bool,
    /// Whether each unit keeps its `<tu>` element as read.
    keep_xml: bool,
    /// The `<tu>` element being read, written back event by event.
    raw: Option<quick_xml::Writer<Vec<u8>>>,
}

impl<R: BufRead> TmxUnits<R> {
    /// Reads `input`; `path` names it in errors.
    pub fn new(input: R, path: &Path, src: &Lang, tgt: &Lang) -> Self {
        let mut reader = Reader::from_reader(input);
        reader.config_mut().trim_text(false);
        TmxUnits {
            reader,
            path: path.to_path_buf(),
            src: src.clone(),
            tgt: tgt.clone(),
            buf: Vec::new(),
            line: 1,
            units: 0,
            tu: None,
            props: Vec::new(),
            tuid: None,
            lang: None,
            text: String::new(),
            in_seg: 0,
            skip_inline: 0,
            prop: None,
            saw_tmx: false,
            closed_tmx: false,
            langs_seen: Vec::new(),
            done: false,
            keep_xml: false,
            raw: None,
        }
    }

    /// Keeps each unit's `<tu>` element as it was read (in [`Unit::tmx`]), so that it can be
    /// written to another memory unchanged: inline tags, attributes, notes and props.
    pub fn keep_xml(mut self) -> Self {
        self.keep_xml = true;
        self
    }

    fn fail(&mut self, line: u64, cause: impl Into<String>) -> Option<Result<Unit>> {
        self.done = true;
        Some(Err(Error::at(&self.path, line, cause)))
    }

    /// Ends reading at broken XML, worded as quick-xml words it.
    fn fail_xml(&mut self, line: u64, e: quick_xml::Error) -> Option<Result<Unit>> {
        self.done = true;
        let error = Error::at(&self.path, line, e.to_string());
        Some(Err(error.with_kind(crate::error::ErrorKind::Xml(e))))
    }

    /// The checks made when the document ends.
    fn at_end(&mut self) -> Option<Result<Unit>> {
        self.done = true;
        if !self.saw_tmx {
            return Some(Err(Error::new(
                &self.path,
                "not a TMX document (no <tmx> element)",
            )));
        }
        if !self.closed_tmx {
            let line = self.line;
            return self.fail(line, "the document ends before </tmx> (a truncated file?)");
        }
        if self.units == 0 && !self.langs_seen.is_empty() {
            let cause = format!(
                "no unit has both {} and {} (languages in the file: {})",
                self.src,
                self.tgt,
                self.langs_seen.join(", ")
            );
            return Some(Err(Error::new(&self.path, cause)));
        }
        None
    }

    /// Adds a segment's text to the unit being read, under its `<tuv>`'s language.
    fn side(&mut self, pos: u64, text: String) -> Option<Result<Unit>> {
        let Some(l) = self.lang.clone() else {
            return self.fail(pos, "<tuv> without xml:lang");
        };
        if let Some(t) = self.tu.as_mut() {
            t.push((l, text));
        }
        None
    }

    /// Handles one event; returns a unit when one is complete.
    fn event(&mut self, event: Event<'_>, pos: u64) -> Option<Result<Unit>> {
        if self.keep_xml {
            if matches!(&event, Event::Start(e) if e.local_name().as_ref() == b"tu") {
                self.raw = Some(quick_xml::Writer::new(Vec::new()));
            }
            if let Some(w) = self.raw.as_mut() {
                // Writing into memory cannot fail.
                let _ = w.write_event(event.borrow());
            }
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tmx" => self.saw_tmx = true,
                b"tu" => {
                    self.tu = Some(Vec::new());
                    self.props.clear();
                    self.tuid = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"tuid")
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                }
                b"tuv" => {
                    self.lang = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"xml:lang" || a.key.as_ref() == b"lang")
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                }
                b"seg" => {
                    self.in_seg += 1;
                    self.text.clear();
                }
                // Inline codes carry native markup, not text: skip their content.
                b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if self.in_seg > 0 => self.skip_inline += 1,
                b"prop" if self.tu.is_some() => {
                    self.prop = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"type")
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                    self.text.clear();
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"tmx" => self.closed_tmx = true,
                b"seg" => {
                    self.in_seg = self.in_seg.saturating_sub(1);
                    let text = std::mem::take(&mut self.text);
                    return self.side(pos, text);
                }
                b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if self.in_seg > 0 => {
                    self.skip_inline = self.skip_inline.saturating_sub(1)
                }
                b"prop" => {
                    if let Some(p) = self.prop.take() {
                        self.props.push((p, std::mem::take(&mut self.text)));
                    }
                }
                b"tu" => {
                    let sides = self.tu.take()?;
                    for (l, _) in &sides {
                        if !self.langs_seen.contains(l) {
                            self.langs_seen.push(l.clone());
                        }
                    }
                    let raw = self.raw.take();
                    let mut unit = pick(
                        &sides,
                        &self.props,
                        self.tuid.as_deref(),
                        &self.src,
                        &self.tgt,
                    )?;
                    unit.tmx = raw.map(|w| String::from_utf8_lossy(&w.into_inner()).into_owned());
                    self.units += 1;
                    return Some(Ok(unit));
                }
                _ => {}
            },
            Event::Text(t) => {
                if (self.in_seg > 0 && self.skip_inline == 0) || self.prop.is_some() {
                    match t.unescape() {
                        Ok(s) => self.text.push_str(&s),
                        Err(e) => return self.fail_xml(pos, e),
                    }
                }
            }
            Event::CData(t) => {
                if self.in_seg > 0 && self.skip_inline == 0 {
                    self.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            // An empty segment (`<seg/>`): a side with no text, as `<seg></seg>` is.
            Event::Empty(e) if e.local_name().as_ref() == b"seg" => {
                return self.side(pos, String::new());
            }
            Event::Empty(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::DocType(_)
            | Event::Eof => {}
        }
        None
    }
}

impl<R: BufRead> Iterator for TmxUnits<R> {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Result<Unit>> {
        while !self.done {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let pos = self.line;
            let mut end = false;
            let item = match self.reader.read_event_into(&mut buf) {
                Ok(Event::Eof) => {
                    end = true;
                    None
                }
                Ok(e) => self.event(e, pos),
                Err(e) => self.fail_xml(pos, e),
            };
            self.line += buf.iter().filter(|&&b| b == b'\n').count() as u64;
            self.buf = buf;
            if end {
                return self.at_end();
            }
            if item.is_some() {
                return item;
            }
        }
        None
    }
}

/// The `srclang` of a memory's header, read from its first kilobytes (`None` when there is no
/// header or it names none).
pub fn header_srclang(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(1 << 16)
        .read_to_end(&mut head)
        .ok()?;
    if let Some(enc) = utf16(&head) {
        head = decode_utf16(&head, enc).into_bytes();
    }
    let mut reader = Reader::from_reader(head.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"header" => {
                return e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"srclang")
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
            }
            Event::Start(e) if e.local_name().as_ref() == b"body" => return None,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Picks the source and target texts of a unit for a language pair.
fn pick(
    sides: &[(String, String)],
    props: &[(String, String)],
    tuid: Option<&str>,
    src: &Lang,
    tgt: &Lang,
) -> Option<Unit> {
    let find = |want: &Lang| -> Option<String> {
        let exact = sides
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(want.as_str()));
        let loose = || {
            sides.iter().find(|(l, _)| {
                l.split(['-', '_'])
                    .next()
                    .is_some_and(|p| p.eq_ignore_ascii_case(want.primary()))
            })
        };
        exact.or_else(loose).map(|(_, t)| t.clone())
    };
    let (s, t) = (find(src)?, find(tgt)?);
    let prop = |name: &str| {
        props
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let document = prop("x-document");
    // A tuid bitext wrote ("doc:3-4:5") gives the unit its sentence positions back, so a
    // memory written again (or a review table made from it) keeps the same ids.
    let (src_index, tgt_index) = tuid
        .and_then(|id| id.strip_prefix(document.as_str()))
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|rest| rest.split_once(':'))
        .filter(|(a, b)| {
            let positions = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '-');
            !document.is_empty() && positions(a) && positions(b)
        })
        .and_then(|(a, b)| Some((index_range(a)?, index_range(b)?)))
        .map(|(a, b)| {
            (
                Some(a).filter(|r| !r.is_empty()),
                Some(b).filter(|r| !r.is_empty()),
            )
        })
        .unwrap_or_default();
    Some(Unit {
        document,
        link: LinkKind::parse(&prop("x-link")),
        src_index,
        tgt_index,
        score: prop("x-score")
            .trim()
            .parse()
            .ok()
            .filter(|s: &f32| s.is_finite()),
        src: s,
        tgt: t,
        status: Status::parse(&prop("x-status")),
        review: Review::parse(&prop("x-reviewed")),
        suggest: None,
        tmx: None,
    })
}

/// The UTF-16 a memory is saved in, as Trados exports them: told by its byte-order mark, or
/// by the zero bytes of an ASCII `<` that opens it.
fn utf16(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match head {
        [0xFF, 0xFE, ..] | [b'<', 0, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] | [0, b'<', ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// UTF-16 text as UTF-8, its byte-order mark and the encoding its XML declaration names
/// (which no longer holds) left out.
fn decode_utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> String {
    let (text, _, _) = enc.decode(bytes);
    let text = text.trim_start_matches('\u{feff}');
    match text
        .strip_prefix("<?xml")
        .and_then(|rest| rest.find("?>").map(|end| (rest, end)))
    {
        Some((rest, end)) => {
            let mut decl = rest[..end].to_string();
            if let Some(at) = decl.find("encoding") {
                let value = decl[at..].find(['"', '\'']).and_then(|q| {
                    let quote = decl[at + q..].chars().next()?;
                    let close = decl[at + q + 1..].find(quote)?;
                    Some(at + q + 1..at + q + 1 + close)
                });
                if let Some(range) = value {
                    decl.replace_range(range, "UTF-8");
                }
            }
            format!("<?xml{decl}?>{}", &rest[end + 2..])
        }
        None => text.to_string(),
    }
}

/// A memory saved as UTF-16, read whole and given as UTF-8 (a memory in UTF-8 is read as it
/// streams); `None` for one that is not UTF-16.
pub fn utf16_memory(path: &Path) -> crate::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut head = [0u8; 2];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| Error::io(path, e))?;
    let Some(enc) = utf16(&head[..n]) else {
        return Ok(None);
    };
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(Some(decode_utf16(&bytes, enc).into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Result<Vec<Unit>> {
        let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
        TmxUnits::new(xml.as_bytes(), Path::new("m.tmx"), &ru, &en).collect()
    }

    #[test]
    fn a_truncated_memory_is_an_error_with_its_last_line() {
        let cut = "<tmx>\n<header/>\n<body><tu><tuv xml:lang=\"ru\"><seg>x</seg></tuv>";
        let e = read(cut).unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.tmx: line 3: the document ends before </tmx> (a truncated file?)"
        );
    }

    #[test]
    fn an_empty_segment_is_a_side_without_text() {
        let xml = "<tmx version=\"1.4\"><header/><body>\
                   <tu><tuv xml:lang=\"ru\"><seg/></tuv><tuv xml:lang=\"en\"><seg>Hello</seg></tuv></tu>\
                   </body></tmx>";
        let units = read(xml).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(
            (units[0].src.as_str(), units[0].tgt.as_str()),
            ("", "Hello")
        );
    }

    #[test]
    fn a_whole_memory_reads_unit_by_unit() {
        let xml = "<tmx version=\"1.4\"><header/><body>\n<tu><prop type=\"x-score\">0.5</prop>\
                   <tuv xml:lang=\"ru-RU\"><seg>Да <ph>&lt;b&gt;</ph>нет</seg></tuv>\
                   <tuv xml:lang=\"en-US\"><seg>Yes no</seg></tuv></tu>\n</body></tmx>";
        let units = read(xml).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(
            (units[0].src.as_str(), units[0].score),
            ("Да нет", Some(0.5))
        );
    }
}
