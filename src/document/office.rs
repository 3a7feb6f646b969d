//! Word (DOCX) and OpenDocument (ODT) files.

use super::{Document, ReadOptions};
use crate::lang::Lang;

/// Reads a DOCX file.
pub fn read_docx(_bytes: &[u8], _lang: &Lang, _opts: &ReadOptions) -> Result<Document, String> {
    Err("DOCX is not read yet".into())
}

/// Reads an ODT file.
pub fn read_odt(_bytes: &[u8], _lang: &Lang, _opts: &ReadOptions) -> Result<Document, String> {
    Err("ODT is not read yet".into())
}
