//! Telling a document's format from its bytes; the extension is only a hint.

use std::path::Path;

/// The formats bitext reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text in any of the encodings bitext detects.
    #[value(name = "txt")]
    Text,
    /// An HTML page: the article is kept, the page chrome marked or dropped.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text (LibreOffice Writer).
    Odt,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// The format an extension names (`.txt`, `.html`, `.htm`, `.docx`, `.odt`, `.pdf`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// A short name for messages: "plain text", "HTML", "DOCX", "ODT", "PDF".
    pub fn describe(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
            Format::Pdf => "PDF",
        }
    }

    /// The file extensions of documents bitext reads, for finding files in folders.
    pub const EXTENSIONS: &'static [&'static str] = &["txt", "html", "htm", "docx", "odt", "pdf"];
}

/// Tells the format from the content: `%PDF-`, a zip container holding `word/document.xml`
/// (DOCX) or an OpenDocument `mimetype`, an HTML doctype or root element; anything else is
/// plain text.
///
/// ```
/// use bitext::document::{detect, Format};
/// assert_eq!(detect(b"%PDF-1.7\n..."), Format::Pdf);
/// assert_eq!(detect(b"\xEF\xBB\xBF<!DOCTYPE html><html><p>Hi</p>"), Format::Html);
/// assert_eq!(detect("<p>\nПривет.".as_bytes()), Format::Text);
/// ```
pub fn detect(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(super::office::OLE) {
        // An encrypted DOCX or an old .doc: the DOCX reader says which.
        return Format::Docx;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if find(head, b"mimetypeapplication/vnd.oasis.opendocument").is_some() {
            return Format::Odt;
        }
        // A zip that is not OpenDocument: a Word file, or a broken one the DOCX reader names.
        return Format::Docx;
    }
    if looks_like_html(&utf16_as_utf8(head)) {
        return Format::Html;
    }
    Format::Text
}

/// The first bytes of a text as UTF-8: a page saved as UTF-16 (with its byte-order mark) is
/// decoded, so its markup shows as any page's does.
fn utf16_as_utf8(head: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match encoding_rs::Encoding::for_bom(head) {
        Some((enc, len)) if enc != encoding_rs::UTF_8 => {
            let (text, _) = enc.decode_without_bom_handling(&head[len..]);
            std::borrow::Cow::Owned(text.into_owned().into_bytes())
        }
        _ => std::borrow::Cow::Borrowed(head),
    }
}

/// True when a text opens with a tag (`<div>`, `<p class=...>`, `</td>`, `<!--`), white space
/// and a byte-order mark aside: a fragment of a page, read as HTML when its name says `.html`.
pub fn opens_with_tag(bytes: &[u8]) -> bool {
    let head = utf16_as_utf8(&bytes[..bytes.len().min(1024)]);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let mut rest = head.iter().skip_while(|b| b.is_ascii_whitespace());
    rest.next() == Some(&b'<')
        && rest
            .next()
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'!' || b == b'/')
}

fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].iter().map(u8::to_ascii_lowercase).collect();
    if !lower.starts_with(b"<") {
        return false;
    }
    const ROOTS: [&[u8]; 6] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ];
    if ROOTS.iter().any(|r| lower.starts_with(r)) {
        return true;
    }
    // An XML declaration or a comment before the root element.
    (lower.starts_with(b"<?xml") || lower.starts_with(b"<!--"))
        && (find(&lower, b"<html").is_some() || find(&lower, b"<!doctype html").is_some())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
