//! Word (DOCX) and OpenDocument (ODT) files, read with zip and quick-xml.
//!
//! Paragraphs come in body order: headings, list items, table cells and text boxes are
//! paragraphs of their own; footnotes and endnotes follow the body (unless
//! [`ReadOptions::no_notes`]). Tracked changes are read as accepted (insertions kept,
//! deletions left out); hidden text, field instructions and comments are left out; a soft
//! line break stays a line break inside its paragraph.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{from_blocks, Document, ReadOptions};
use crate::error::{Error, Result};
use crate::lang::Lang;

type Archive = zip::ZipArchive<Cursor<Vec<u8>>>;

fn open(bytes: &[u8], what: &str) -> Result<Archive> {
    zip::ZipArchive::new(Cursor::new(bytes.to_vec())).map_err(|e| {
        Error::unnamed(format!(
            "not a readable {what} file (corrupt or truncated zip: {e})"
        ))
    })
}

/// Reads one part of the container, refusing one that inflates beyond `limit` bytes, or
/// beyond a hundred times its compressed size when that is more than a sixteenth of `limit`
/// (a zip bomb); `None` when the part is absent.
fn part(zip: &mut Archive, name: &str, what: &str, limit: u64) -> Result<Option<Vec<u8>>> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Error::unnamed(format!(
                "not a readable {what} file ({name}: {e})"
            )))
        }
    };
    if file.encrypted() {
        return Err(Error::unnamed(format!(
            "{what} file is encrypted (save it without a password)"
        )));
    }
    let packed = file.compressed_size().max(1);
    let allowed = |size: u64| size <= limit && (size <= limit / 16 || size <= packed * 100);
    let refuse = |size: String| {
        // Documents take --max-inflate; a workbook's limit is fixed.
        let raise = if what == "XLSX" {
            String::new()
        } else {
            format!("; --max-inflate MB raises the limit of {} MB", limit >> 20)
        };
        Error::unnamed(format!(
            "{name} inflates to {size} from {} (a zip bomb?): refused{raise}",
            human(packed),
        ))
    };
    // The size the zip declares is checked first; what really comes out is checked as it comes.
    if !allowed(file.size()) {
        return Err(refuse(human(file.size())));
    }
    let mut out = Vec::new();
    let cap = limit.min((packed * 100).max(limit / 16));
    (&mut file)
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            Error::unnamed(format!(
                "not a readable {what} file (corrupt or truncated zip: {name}: {e})"
            ))
        })?;
    if out.len() as u64 > cap {
        return Err(refuse(format!("more than {}", human(cap))));
    }
    Ok(Some(out))
}

/// Inflates every part of a zip container (an XLSX workbook) under the limits of [`part`],
/// handing each to `check`: a zip bomb is refused before any other reader opens the file.
pub(crate) fn check_parts(
    bytes: &[u8],
    what: &str,
    mut check: impl FnMut(&str, &[u8]) -> Result<()>,
) -> Result<()> {
    let mut zip = open(bytes, what)?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    for name in names {
        if let Some(body) = part(&mut zip, &name, what, super::MAX_INFLATE)? {
            check(&name, &body)?;
        }
    }
    Ok(())
}

/// A size for a message: `1.5 GB`, `12 MB`, `640 KB`, `200 bytes`.
fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{} MB", b >> 20),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// The inflation limit the options ask for.
fn limit(opts: &ReadOptions) -> u64 {
    if opts.max_inflate == 0 {
        super::MAX_INFLATE
    } else {
        opts.max_inflate
    }
}

/// Reads a DOCX file (or an ODT that arrived as one).
pub fn read_docx(bytes: &[u8], lang: &Lang, opts: &ReadOptions) -> Result<Document> {
    if bytes.starts_with(OLE) {
        // Word keeps a password-protected DOCX in an OLE container, as it keeps old .doc files.
        let cause = if find(bytes, &utf16("EncryptionInfo")).is_some() {
            "DOCX file is encrypted (save it without a password)"
        } else {
            "an old binary Word (.doc) file: save it as DOCX"
        };
        return Err(Error::unnamed(cause));
    }
    let mut zip = open(bytes, "DOCX")?;
    let max = limit(opts);
    let Some(body) = part(&mut zip, "word/document.xml", "DOCX", max)? else {
        if zip.index_for_name("content.xml").is_some() {
            return read_odt(bytes, lang, opts);
        }
        return Err(Error::unnamed(
            "a zip archive without word/document.xml: not a DOCX file",
        ));
    };
    let mut blocks = word_paragraphs(&body, "document.xml")?;
    if !opts.no_notes {
        for name in ["word/footnotes.xml", "word/endnotes.xml"] {
            if let Some(notes) = part(&mut zip, name, "DOCX", max)? {
                blocks.extend(word_paragraphs(&notes, name)?);
            }
        }
    }
    Ok(from_blocks(
        blocks.into_iter().map(|b| (b, false)),
        lang,
        opts,
    ))
}

/// Reads an ODT file.
pub fn read_odt(bytes: &[u8], lang: &Lang, opts: &ReadOptions) -> Result<Document> {
    let mut zip = open(bytes, "ODT")?;
    let max = limit(opts);
    if let Some(manifest) = part(&mut zip, "META-INF/manifest.xml", "ODT", max)? {
        if find(&manifest, b"encryption-data").is_some() {
            return Err(Error::unnamed(
                "ODT file is encrypted (save it without a password)",
            ));
        }
    }
    let Some(content) = part(&mut zip, "content.xml", "ODT", max)? else {
        return Err(Error::unnamed(
            "a zip archive without content.xml: not an ODT file",
        ));
    };
    let (body, notes) = odf_paragraphs(&content)?;
    let mut blocks = body;
    if !opts.no_notes {
        blocks.extend(notes);
    }
    Ok(from_blocks(
        blocks.into_iter().map(|b| (b, false)),
        lang,
        opts,
    ))
}

/// The signature of OLE compound files (old .doc, encrypted Office files).
pub(crate) const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn xml_error(part: &str, e: quick_xml::Error) -> Error {
    Error::unnamed(format!("broken XML in {part}: {e}")).with_kind(crate::error::ErrorKind::Xml(e))
}

/// True when an on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`) is on.
fn on(e: &BytesStart) -> bool {
    e.attributes().flatten().all(|a| {
        a.key.local_name().as_ref() != b"val"
            || !matches!(a.value.as_ref(), b"0" | b"false" | b"off")
    })
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A paragraph being read: its finished lines and the line under way.
#[derive(Default)]
struct Para {
    lines: Vec<String>,
    line: String,
}

impl Para {
    fn push(&mut self, s: &str) {
        self.line.push_str(s);
    }
    fn brk(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
    }
    fn finish(mut self) -> Option<Vec<String>> {
        self.brk();
        let lines: Vec<String> = self
            .lines
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .collect();
        (!lines.is_empty()).then_some(lines)
    }
}

/// Paragraphs with text; a paragraph nested in another (a text box anchored in it) closes
/// the text before it, so the box reads in place.
#[derive(Default)]
struct Paras {
    out: Vec<Vec<String>>,
    open: Vec<Para>,
}

impl Paras {
    fn start(&mut self) {
        if let Some(outer) = self.open.last_mut() {
            let before = std::mem::take(outer);
            if let Some(p) = before.finish() {
                self.out.push(p);
            }
        }
        self.open.push(Para::default());
    }
    fn end(&mut self) {
        if let Some(p) = self.open.pop().and_then(Para::finish) {
            self.out.push(p);
        }
    }
    fn text(&mut self, s: &str) {
        if let Some(p) = self.open.last_mut() {
            p.push(s);
        }
    }
    fn brk(&mut self) {
        if let Some(p) = self.open.last_mut() {
            p.brk();
        }
    }
}

/// The paragraphs of a WordprocessingML part (document.xml, footnotes.xml, endnotes.xml).
fn word_paragraphs(xml: &[u8], part: &str) -> Result<Vec<Vec<String>>> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut paras = Paras::default();
    // Depth of elements whose content is never text: deletions, the fallback copy of a
    // drawing, separator notes, field instructions (w:instrText is skipped by name).
    let mut skip = 0usize;
    // Field characters: true while between `begin` and `separate` (the instruction).
    let mut fields: Vec<bool> = Vec::new();
    let mut hidden = false;
    let mut in_rpr = false;
    let mut in_text = false;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(part, e))?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 {
                    skip += 1;
                } else {
                    match name {
                        b"w:del"
                        | b"w:moveFrom"
                        | b"mc:Fallback"
                        | b"w:instrText"
                        | b"w:delInstrText"
                        | b"w:commentReference"
                        // What a run or paragraph looked like before a tracked change.
                        | b"w:rPrChange"
                        | b"w:pPrChange" => skip = 1,
                        b"w:footnote" | b"w:endnote"
                            if attr(&e, b"type").is_some_and(|t| t != "normal") =>
                        {
                            skip = 1
                        }
                        b"w:p" => paras.start(),
                        b"w:r" => hidden = false,
                        b"w:rPr" => in_rpr = true,
                        b"w:t" => in_text = true,
                        _ => {}
                    }
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let name = e.name();
                match name.as_ref() {
                    b"w:vanish" | b"w:specVanish" if in_rpr => hidden = on(&e),
                    b"w:p" => {
                        paras.start();
                        paras.end();
                    }
                    // A line break is a line break inside the paragraph; a page or column
                    // break ends nothing in the text but still parts two words.
                    b"w:br" | b"w:cr" if !hidden && !fields.last().copied().unwrap_or(false) => {
                        if attr(&e, b"type").is_none_or(|t| t == "textWrapping") {
                            paras.brk()
                        } else {
                            paras.text(" ")
                        }
                    }
                    b"w:sym" if !hidden => {
                        if let Some(c) = symbol(attr(&e, b"font"), attr(&e, b"char")) {
                            paras.text(c.encode_utf8(&mut [0; 4]));
                        }
                    }
                    b"w:tab" | b"w:ptab" if !hidden => paras.text(" "),
                    b"w:noBreakHyphen" if !hidden => paras.text("-"),
                    b"w:fldChar" => match attr(&e, b"fldCharType").as_deref() {
                        Some("begin") => fields.push(true),
                        Some("separate") => {
                            if let Some(f) = fields.last_mut() {
                                *f = false;
                            }
                        }
                        Some("end") => {
                            fields.pop();
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"w:p" => paras.end(),
                    b"w:rPr" => in_rpr = false,
                    b"w:t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t)
                if in_text && skip == 0 && !hidden && !fields.last().copied().unwrap_or(false) =>
            {
                let s = t.unescape().map_err(|e| xml_error(part, e))?;
                paras.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    while !paras.open.is_empty() {
        paras.end();
    }
    Ok(paras.out)
}

/// The character a `<w:sym>` stands for: its code as it is when it names a Unicode letter,
/// and read through the Symbol font's own encoding (°, ±, ×, ≤, Greek letters) when it is in
/// the private range that symbol fonts use. Other symbol fonts' glyphs (Wingdings) have no
/// letter: `None`.
fn symbol(font: Option<String>, code: Option<String>) -> Option<char> {
    let code = u32::from_str_radix(code?.trim(), 16).ok()?;
    if !(0xF000..=0xF0FF).contains(&code) {
        return char::from_u32(code).filter(|c| !c.is_control());
    }
    if !font?.eq_ignore_ascii_case("symbol") {
        return None;
    }
    let byte = (code - 0xF000) as u8;
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    Some(match byte {
        b'A'..=b'Z' => GREEK_UPPER.chars().nth((byte - b'A') as usize)?,
        b'a'..=b'z' => GREEK_LOWER.chars().nth((byte - b'a') as usize)?,
        0x20..=0x3F if byte != 0x22 && byte != 0x24 && byte != 0x27 => {
            if byte == 0x2D {
                '−'
            } else {
                byte as char
            }
        }
        0xA2 => '′',
        0xA3 => '≤',
        0xA5 => '∞',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB5 => '∝',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xD6 => '√',
        0xD7 => '⋅',
        0xE0 => '◊',
        _ => return None,
    })
}

/// The body paragraphs and the note paragraphs of an OpenDocument content.xml.
/// Paragraphs, each a list of lines.
type Blocks = Vec<Vec<String>>;

fn odf_paragraphs(xml: &[u8]) -> Result<(Blocks, Blocks)> {
    let part = "content.xml";
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut body = Paras::default();
    let mut notes = Paras::default();
    let mut note_depth = 0usize;
    let mut skip = 0usize;
    let mut in_body = false;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(part, e))?;
        let target = if note_depth > 0 {
            &mut notes
        } else {
            &mut body
        };
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name {
                    b"office:text" => in_body = true,
                    // Deleted text of tracked changes, comments, note numbers, hidden text.
                    b"text:tracked-changes"
                    | b"office:annotation"
                    | b"text:note-citation"
                    | b"text:hidden-text"
                    | b"text:hidden-paragraph"
                    | b"draw:image"
                    // A drawing's title and description (an image's alt text).
                    | b"svg:title"
                    | b"svg:desc" => skip = 1,
                    b"text:p" | b"text:h" if attr(&e, b"is-hidden").as_deref() == Some("true") => {
                        skip = 1
                    }
                    b"text:note-body" => note_depth += 1,
                    b"text:p" | b"text:h" if in_body => target.start(),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 || !in_body {
                    continue;
                }
                match e.name().as_ref() {
                    b"text:s" => {
                        let n = attr(&e, b"c")
                            .and_then(|c| c.parse().ok())
                            .unwrap_or(1usize);
                        target.text(&" ".repeat(n.min(100)));
                    }
                    b"text:tab" => target.text(" "),
                    b"text:line-break" => target.brk(),
                    b"text:p" | b"text:h" => {
                        target.start();
                        target.end();
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"office:text" => in_body = false,
                    b"text:note-body" => note_depth = note_depth.saturating_sub(1),
                    b"text:p" | b"text:h" if in_body => target.end(),
                    _ => {}
                }
            }
            Event::Text(t) if skip == 0 && in_body => {
                let s = t.unescape().map_err(|e| xml_error(part, e))?;
                target.text(&s);
            }
            Event::CData(t) if skip == 0 && in_body => {
                target.text(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    while !body.open.is_empty() {
        body.end();
    }
    while !notes.open.is_empty() {
        notes.end();
    }
    Ok((body.out, notes.out))
}

#[cfg(test)]
mod symbol_tests {
    use super::symbol;

    #[test]
    fn symbol_font_codes_become_their_letters() {
        let sym = |font: &str, code: &str| symbol(Some(font.into()), Some(code.into()));
        assert_eq!(sym("Symbol", "F061"), Some('α'));
        assert_eq!(sym("Symbol", "F057"), Some('Ω'));
        assert_eq!(sym("Symbol", "F0B1"), Some('±'));
        assert_eq!(sym("Symbol", "F02D"), Some('−'));
        assert_eq!(sym("Times New Roman", "00B0"), Some('°'));
        // A Wingdings glyph has no letter.
        assert_eq!(sym("Wingdings", "F0FC"), None);
        assert_eq!(symbol(None, Some("zz".into())), None);
    }
}
