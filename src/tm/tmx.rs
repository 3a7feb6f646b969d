//! TMX 1.4b: a streaming writer (the reader is in `tmx_reader`).

use std::io::Write;

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
        // A unit without a machine score (NaN: reviewed, added or imported) gets no x-score.
        if u.score.is_finite() {
            writeln!(
                self.out,
                "      <prop type=\"x-score\">{:.3}</prop>",
                u.score
            )?;
        }
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

    /// Writes a `<tu>` element exactly as another memory held it.
    pub fn raw_unit(&mut self, tu: &str) -> std::io::Result<()> {
        writeln!(self.out, "    {}", tu.trim())
    }

    /// Closes the body and the document and returns the underlying writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        write!(self.out, "  </body>\n</tmx>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}
