//! Reading documents: the format is told from the content (plain text, HTML, DOCX, ODT,
//! PDF), each format has its own reader, and every reader ends in the same [`Document`] of
//! paragraphs and lines with page chrome (menus, breadcrumbs, print links, running headers)
//! marked, so splitting and aligning never know where the text came from.

mod decode;
mod detect;
mod html;
mod html_depth;
mod notices;
mod office;
pub(crate) use office::check_parts;
mod pdf;
mod text;

use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{Error, Result};
use crate::lang::Lang;

pub use decode::{decode, encoding_for_label, Decoded, ENCODING_NAMES};
pub use detect::{detect, Format};
pub(crate) use text::is_boilerplate;
pub use text::parse;

/// A decoded document: its paragraphs, each a list of lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Paragraphs in order; a blank line (or a block of a page or office file) ends a paragraph.
    pub paragraphs: Vec<Paragraph>,
    /// Blocks and lines removed as page chrome (with [`ReadOptions::drop_foreign`]), in order,
    /// for a user who wonders where a paragraph went.
    pub dropped: Vec<String>,
}

/// One paragraph: the lines between two blank lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The lines of the paragraph, trimmed, never empty.
    pub lines: Vec<Line>,
}

/// One line of text, with a mark when it looks like page chrome rather than article text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text of the line without its line ending.
    pub text: String,
    /// True when the line is page chrome: in the other script (a Russian menu on an English
    /// page), known site chrome ("Печать E-mail", "« Пред. След. »"), or a block of an HTML
    /// page outside its article.
    pub noise: bool,
}

/// How to read a document.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Decode with this encoding instead of detecting one (plain text and HTML).
    pub encoding: Option<&'static Encoding>,
    /// Remove page chrome instead of keeping it marked.
    pub drop_foreign: bool,
    /// Read as this format whatever the content and the extension say.
    pub format: Option<Format>,
    /// Leave footnotes and endnotes of DOCX, ODT, PDF and HTML files out.
    pub no_notes: bool,
    /// Keep the blocks of an HTML page outside its article, marked as chrome, instead of
    /// removing them (what `split` shows without `--drop-foreign`); the aligner sees the
    /// article alone.
    pub keep_chrome: bool,
    /// The most bytes one part of a DOCX or ODT zip may inflate to (0 means
    /// [`MAX_INFLATE`]); a part that inflates to more, or to more than a hundred times its
    /// compressed size beyond a sixteenth of the limit (a zip bomb), is refused.
    pub max_inflate: u64,
}

/// The default limit on what one part of an office file may inflate to: 256 MiB.
pub const MAX_INFLATE: u64 = 256 << 20;

/// Reads a file (or standard input for `-`) into raw bytes, naming the file on error.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path, e))?;
        return Ok(buf);
    }
    if path.is_dir() {
        return Err(Error::new(path, "Is a directory, not a document"));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a document in language `lang` from a file, in whatever format it holds.
///
/// A file whose extension names another format than its content is read as what it holds,
/// with a warning on stderr.
pub fn read(path: &Path, lang: &Lang, opts: &ReadOptions) -> Result<Document> {
    let bytes = read_bytes(path)?;
    let (doc, warning) = from_bytes(path, &bytes, lang, opts)?;
    if let Some(w) = warning {
        eprintln!("bitext: warning: {}: {w}", path.display());
    }
    Ok(doc)
}

/// Reads a document from bytes; `path` names it in errors and its extension is a hint to
/// the format. Returns the document and a warning when the extension and content disagree
/// or the text needed repair or looks doubtful in the encoding it was read in.
pub fn from_bytes(
    path: &Path,
    bytes: &[u8],
    lang: &Lang,
    opts: &ReadOptions,
) -> Result<(Document, Option<String>)> {
    let hint = Format::from_path(path);
    let (format, mut warning) = match opts.format {
        Some(f) => (f, None),
        None => {
            // A page fragment (`<div>…`, `<p>…`) named `.html` is HTML as its name says.
            let found = match detect(bytes) {
                Format::Text if hint == Some(Format::Html) && detect::opens_with_tag(bytes) => {
                    Format::Html
                }
                f => f,
            };
            let warning = match hint {
                Some(h) if h != found => Some(format!(
                    "the content is {}, not {} as the extension says; read as {}",
                    found.describe(),
                    h.describe(),
                    found.describe()
                )),
                _ => None,
            };
            (found, warning)
        }
    };
    let named = |e: Error| e.in_file(path);
    let doc = match format {
        Format::Text => {
            let decoded = decode(bytes, opts.encoding).map_err(named)?;
            if decoded.text.trim().is_empty() {
                return Err(Error::new(path, "empty document (no text to align)"));
            }
            add_warning(&mut warning, decoded.warning);
            parse(&decoded.text, lang, opts)
        }
        Format::Html => {
            let (doc, doubt) = html::read(bytes, lang, opts).map_err(named)?;
            add_warning(&mut warning, doubt);
            doc
        }
        Format::Docx => office::read_docx(bytes, lang, opts).map_err(named)?,
        Format::Odt => office::read_odt(bytes, lang, opts).map_err(named)?,
        Format::Pdf => pdf::read(bytes, lang, opts).map_err(named)?,
    };
    if doc.paragraphs.is_empty() {
        return Err(Error::new(
            path,
            format!(
                "empty document (no text to align in this {})",
                format.describe()
            ),
        ));
    }
    Ok((doc, warning))
}

fn add_warning(warning: &mut Option<String>, more: Option<String>) {
    if let Some(more) = more {
        *warning = Some(match warning.take() {
            Some(w) => format!("{w}; {more}"),
            None => more,
        });
    }
}

/// Reads a document that arrives as text (a JSON Lines field): HTML when it looks like a
/// page, plain text otherwise. An error names no file yet: the caller names it with
/// [`Error::in_file`].
pub fn from_text(text: &str, lang: &Lang, opts: &ReadOptions) -> Result<Document> {
    match opts.format.unwrap_or_else(|| detect(text.as_bytes())) {
        Format::Html => html::read(text.as_bytes(), lang, opts).map(|(doc, _)| doc),
        _ => Ok(parse(text, lang, opts)),
    }
}

/// Builds a document from blocks of lines (an HTML page, an office file, a PDF), each block
/// one paragraph; `chrome` marks blocks that are not article text. Lines are also checked
/// for chrome the way plain-text lines are.
pub(crate) fn from_blocks(
    blocks: impl IntoIterator<Item = (Vec<String>, bool)>,
    lang: &Lang,
    opts: &ReadOptions,
) -> Document {
    let blocks: Vec<(Vec<String>, bool)> = blocks.into_iter().collect();
    let mut all = String::new();
    for (lines, chrome) in &blocks {
        if !chrome {
            for l in lines {
                all.push_str(l);
                all.push('\n');
            }
        }
    }
    let wrong = text::wrong_script(&all, lang);
    let mut doc = Document::default();
    for (lines, chrome) in blocks {
        let mut out = Vec::new();
        for l in lines {
            let l = normalize(l.trim());
            if l.is_empty() {
                continue;
            }
            let noise = chrome || text::line_is_chrome(&l, lang, wrong);
            if noise && (opts.drop_foreign || (chrome && !opts.keep_chrome)) {
                doc.dropped.push(l);
            } else {
                out.push(Line { text: l, noise });
            }
        }
        if !out.is_empty() {
            doc.paragraphs.push(Paragraph { lines: out });
        }
    }
    doc
}

/// Whether `c` is a character that shows nothing in running text and only breaks matches
/// when kept: the soft hyphen (U+00AD, also HTML's `&shy;`), word joiner and zero-width
/// no-break space. DOCX keeps its optional hyphens as elements that are never read, so
/// removing them everywhere gives one article the same units in any format. A zero-width
/// space stays: every format keeps it alike, and it is part of the text a CAT tool shows.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{2060}' | '\u{feff}')
}

/// `s` without [`is_invisible`] characters (borrowed when it has none).
pub(crate) fn strip_invisible(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(is_invisible) {
        std::borrow::Cow::Owned(s.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// NFC with runs of white space (and no-break spaces) squeezed to one space, and invisible
/// characters removed.
fn normalize(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s = strip_invisible(s);
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    match unicode_normalization::is_nfc_quick(out.chars()) {
        unicode_normalization::IsNormalized::Yes => out,
        _ => out.nfc().collect(),
    }
}

/// A document name from a file path: the file name without `.ru.txt`-style endings.
///
/// ```
/// assert_eq!(bitext::document::document_name("corpora/pairs/abe-visit-2013.ru.txt".as_ref()), "abe-visit-2013");
/// assert_eq!(bitext::document::document_name("dev.de".as_ref()), "dev");
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// let odd = std::path::Path::new(std::ffi::OsStr::from_bytes(b"\xcf\xf0-2013.ru.txt"));
/// assert_eq!(bitext::document::document_name(odd), "\u{FFFD}\u{FFFD}-2013");
/// # }
/// ```
pub fn document_name(path: &Path) -> String {
    // A name that is not UTF-8 keeps its readable part, its other bytes shown as U+FFFD.
    let file = path.file_name().map_or("-".into(), |f| f.to_string_lossy());
    let mut name: &str = &file;
    for _ in 0..2 {
        match name.rsplit_once('.') {
            Some((stem, ext))
                if !stem.is_empty()
                    && (ext.len() <= 3 || matches!(ext, "text" | "html" | "docx")) =>
            {
                name = stem
            }
            _ => break,
        }
    }
    name.to_string()
}
