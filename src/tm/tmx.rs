//! TMX 1.4b: a streaming writer and a reader for memories written by any tool.

use std::io::Write;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::Unit;
use crate::lang::Lang;

/// Writes a TMX 1.4b document one unit at a time, never holding the whole memory.
pub struct TmxWriter<W: Write> {
    out: W,
    src_lang: String,
    tgt_lang: String,
}

/// Escapes text for XML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML parsers turn a literal carriage return into a line feed; a reference keeps it.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the DOCTYPE and a header with every attribute TMX 1.4
    /// requires, then opens the body.
    pub fn begin(mut out: W, src_lang: &Lang, tgt_lang: &Lang) -> std::io::Result<Self> {
        let date = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
             <tmx version=\"1.4\">\n  \
             <header creationtool=\"bitext\" creationtoolversion=\"{}\" segtype=\"sentence\" \
             o-tmf=\"bitext\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\" creationdate=\"{}\"/>\n  \
             <body>\n",
            env!("CARGO_PKG_VERSION"),
            escape(src_lang.as_str()),
            date
        )?;
        Ok(TmxWriter {
            out,
            src_lang: escape(src_lang.as_str()),
            tgt_lang: escape(tgt_lang.as_str()),
        })
    }

    /// Writes one translation unit with its score, link type and document as `x-` props.
    /// The texts must already be free of characters XML forbids.
    pub fn unit(&mut self, u: &Unit) -> std::io::Result<()> {
        writeln!(self.out, "    <tu>")?;
        if !u.document.is_empty() {
            writeln!(
                self.out,
                "      <prop type=\"x-document\">{}</prop>",
                escape(&u.document)
            )?;
        }
        if !u.link.is_empty() {
            writeln!(
                self.out,
                "      <prop type=\"x-link\">{}</prop>",
                escape(&u.link)
            )?;
        }
        writeln!(
            self.out,
            "      <prop type=\"x-score\">{:.3}</prop>",
            u.score
        )?;
        if let Some(review) = u.reviewed() {
            writeln!(
                self.out,
                "      <prop type=\"x-reviewed\">{}</prop>",
                escape(review)
            )?;
        }
        for (lang, text) in [(&self.src_lang, &u.src), (&self.tgt_lang, &u.tgt)] {
            writeln!(
                self.out,
                "      <tuv xml:lang=\"{lang}\"><seg>{}</seg></tuv>",
                escape(text)
            )?;
        }
        writeln!(self.out, "    </tu>")
    }

    /// Closes the body and the document and returns the underlying writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        write!(self.out, "  </body>\n</tmx>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Reads the units of a TMX document for a language pair.
///
/// Languages match by full tag first, then by primary subtag (`en` finds `en-US`); both
/// `xml:lang` and TMX 1.1's `lang` are understood. `x-document`, `x-score`, `x-link`,
/// `x-status` and `x-reviewed` props are kept. Errors name the line and the cause.
pub fn read(data: &[u8], src: &Lang, tgt: &Lang) -> Result<Vec<Unit>, String> {
    let mut units = Vec::new();
    read_each(data, src, tgt, |u| {
        units.push(u);
        Ok(())
    })?;
    Ok(units)
}

/// Streams the units of a TMX document to `emit`, one at a time, so that a memory of any size
/// is read in constant memory. Returns the number of units; errors name the line.
pub fn read_each<R: std::io::BufRead>(
    input: R,
    src: &Lang,
    tgt: &Lang,
    mut emit: impl FnMut(Unit) -> Result<(), String>,
) -> Result<usize, String> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut units = 0usize;
    // Line of the event being read: newlines are counted in each event's raw bytes.
    let mut line = 1usize;
    let mut tu: Option<Vec<(String, String)>> = None;
    let mut props: Vec<(String, String)> = Vec::new();
    let mut lang: Option<String> = None;
    let mut text = String::new();
    let mut in_seg = 0usize;
    let mut skip_inline = 0usize;
    let mut prop: Option<String> = None;
    let mut saw_tmx = false;
    let mut langs_seen: Vec<String> = Vec::new();
    loop {
        let at = |line: usize| format!("line {line}");
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("{}: {e}", at(line)))?;
        let pos = line;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                match name.as_slice() {
                    b"tmx" => saw_tmx = true,
                    b"tu" => {
                        tu = Some(Vec::new());
                        props.clear();
                    }
                    b"tuv" => {
                        lang = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"xml:lang" || a.key.as_ref() == b"lang")
                            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                    }
                    b"seg" => {
                        in_seg += 1;
                        text.clear();
                    }
                    // Inline codes carry native markup, not text: skip their content.
                    b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if in_seg > 0 => skip_inline += 1,
                    b"prop" if tu.is_some() => {
                        prop = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"type")
                            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                        text.clear();
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"seg" => {
                    in_seg = in_seg.saturating_sub(1);
                    let l = lang
                        .clone()
                        .ok_or_else(|| format!("{}: <tuv> without xml:lang", at(pos)))?;
                    if let Some(t) = tu.as_mut() {
                        t.push((l, std::mem::take(&mut text)));
                    }
                }
                b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if in_seg > 0 => {
                    skip_inline = skip_inline.saturating_sub(1)
                }
                b"prop" => {
                    if let Some(p) = prop.take() {
                        props.push((p, std::mem::take(&mut text)));
                    }
                }
                b"tu" => {
                    if let Some(sides) = tu.take() {
                        for (l, _) in &sides {
                            if !langs_seen.contains(l) {
                                langs_seen.push(l.clone());
                            }
                        }
                        if let Some(u) = pick(&sides, &props, src, tgt) {
                            units += 1;
                            emit(u)?;
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if (in_seg > 0 && skip_inline == 0) || prop.is_some() {
                    let s = t.unescape().map_err(|e| format!("{}: {e}", at(pos)))?;
                    text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if in_seg > 0 && skip_inline == 0 {
                    text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Empty(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::DocType(_) => {}
            Event::Eof => break,
        }
        line += buf.iter().filter(|&&b| b == b'\n').count();
        buf.clear();
    }
    if !saw_tmx {
        return Err("not a TMX document (no <tmx> element)".to_string());
    }
    if units == 0 && !langs_seen.is_empty() {
        return Err(format!(
            "no unit has both {src} and {tgt} (languages in the file: {})",
            langs_seen.join(", ")
        ));
    }
    Ok(units)
}

/// Picks the source and target texts of a unit for a language pair.
fn pick(
    sides: &[(String, String)],
    props: &[(String, String)],
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
    Some(Unit {
        document: prop("x-document"),
        link: prop("x-link"),
        src_index: String::new(),
        tgt_index: String::new(),
        score: prop("x-score").parse().unwrap_or(0.0),
        src: s,
        tgt: t,
        status: prop("x-status"),
        review: prop("x-reviewed"),
    })
}
