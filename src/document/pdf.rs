//! PDF files.

use super::{Document, ReadOptions};
use crate::lang::Lang;

/// Reads a PDF file.
pub fn read(_bytes: &[u8], _lang: &Lang, _opts: &ReadOptions) -> Result<Document, String> {
    Err("PDF is not read yet".into())
}
