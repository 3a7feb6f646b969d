//! TMX 1.4b: a streaming writer (the reader is in `tmx_reader`).

use std::io::Write;

use super::review::index_cell;
use super::Unit;
use crate::lang::Lang;
use crate::xml::escape;

/// Writes a TMX 1.4b document one unit at a time, never holding the whole memory.
pub struct TmxWriter<W: Write> {
    out: W,
    src_lang: String,
    tgt_lang: String,
    /// The run's time, UTC, as TMX writes dates (`20261128T043000Z`).
    date: String,
    /// `creationid` of every unit, escaped.
    creator: String,
    /// Units written, for the `tuid` of units that name no document.
    count: usize,
}

/// A side longer than this many characters is more than Trados accepts as one segment of a
/// translation memory; it is still written, and counted in a warning.
pub const LONG_SIDE: usize = 2000;

/// The name a memory's units are credited to when none is given: the user's login name.
pub fn default_creator() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .or_else(login_name)
        .unwrap_or_else(|| "bitext".to_string())
}

/// The login name of the process owner from the password file (services and containers often
/// run without `USER`).
#[cfg(unix)]
fn login_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 2 && f[2] == uid).then(|| f[0].to_string())
    })
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}

/// A stable unit id from the document and the sentence positions of the link
/// (`article:3-4:5`), so that a memory aligned again updates its units in a CAT tool instead
/// of adding copies. Units without sentence positions (a table with no index columns) are
/// numbered in file order, after their document's name when they have one.
pub fn tuid(u: &Unit, count: usize) -> String {
    if u.src_index.is_none() && u.tgt_index.is_none() {
        return match u.document.as_str() {
            "" => format!("u{count}"),
            doc => format!("{doc}:u{count}"),
        };
    }
    format!(
        "{}:{}:{}",
        u.document,
        index_cell(&u.src_index),
        index_cell(&u.tgt_index)
    )
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the DOCTYPE and a header with every attribute TMX 1.4
    /// requires, then opens the body.
    pub fn begin(mut out: W, src_lang: &Lang, tgt_lang: &Lang) -> std::io::Result<Self> {
        let date = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
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
            date,
            creator: escape(&default_creator()),
            count: 0,
        })
    }

    /// Credits every unit written from now on to `name` (`creationid`).
    pub fn with_creator(mut self, name: &str) -> Self {
        self.creator = escape(name);
        self
    }

    /// Writes one translation unit: a stable `tuid`, creation and change dates and the
    /// creator, then its score, link type and document as `x-` props. The texts must already
    /// be free of characters XML forbids.
    pub fn unit(&mut self, u: &Unit) -> std::io::Result<()> {
        self.count += 1;
        writeln!(
            self.out,
            "    <tu tuid=\"{}\" creationdate=\"{}\" creationid=\"{}\" changedate=\"{}\" changeid=\"{}\">",
            escape(&tuid(u, self.count)),
            self.date,
            self.creator,
            self.date,
            self.creator
        )?;
        if !u.document.is_empty() {
            writeln!(
                self.out,
                "      <prop type=\"x-document\">{}</prop>",
                escape(&u.document)
            )?;
        }
        if let Some(link) = u.link {
            writeln!(self.out, "      <prop type=\"x-link\">{link}</prop>")?;
        }
        // A unit without a machine score (reviewed, added or imported) gets no x-score.
        if let Some(score) = u.score {
            writeln!(self.out, "      <prop type=\"x-score\">{score:.3}</prop>")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_without_positions_get_distinct_ids() {
        let row = |document: &str| Unit {
            document: document.to_string(),
            src: "Мир.".into(),
            tgt: "Peace.".into(),
            ..Unit::default()
        };
        assert_eq!(tuid(&row("news"), 1), "news:u1");
        assert_eq!(tuid(&row("news"), 2), "news:u2");
        assert_eq!(tuid(&row(""), 3), "u3");
        let placed = Unit {
            src_index: Some(3..5),
            tgt_index: Some(4..5),
            ..row("news")
        };
        assert_eq!(tuid(&placed, 9), "news:3-4:4");
    }
}
