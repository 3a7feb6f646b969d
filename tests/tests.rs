//! Integration tests: one test binary (it links once), one module per feature.
//!
//! Where a test goes, by what it checks:
//! - reading files: `test_read` (text and encodings), `test_html`, `test_office` (DOCX, ODT,
//!   PDF; the LibreOffice-made files run under `make office-check`), `test_pdf_tables`
//!   (PDF tables from LibreOffice and pdfLaTeX, also under `make office-check`);
//! - splitting: `test_split`; the bundled corpus end to end: `test_corpus`;
//! - aligning: `test_align` (gold sets, tiling, `bitext eval`), `test_shapes` (parts of
//!   documents), `test_props` (property tests), `test_scores` (what scores mean);
//! - writing and reading memories and tables: `test_tm`, `test_memory` (what reaches the
//!   memory), `test_output` (devices, links, FIFOs), `test_calc` (LibreOffice Calc);
//! - many documents: `test_batch`, `test_pair` (pairing by content), `test_rerun` (a batch
//!   into a folder that holds files);
//! - what a reviewer sees: `test_report`, `test_editor` (the page driven in Chromium);
//! - the command line: `test_cli`; bad input, row by row of docs/bad-input.md: `test_bad_input`;
//! - the shape of the code: `test_layout`.
//!
//! Helpers: `workdir` (a scratch folder and the real binary), `sentence_file` (evaluation
//! material as sentence lists), `measure` (strict F1, a seeded random generator),
//! `webdriver` (a small WebDriver client).

mod measure;
mod sentence_file;
mod webdriver;
mod workdir;

mod test_align;
mod test_bad_input;
mod test_batch;
mod test_calc;
mod test_cli;
mod test_corpus;
mod test_editor;
mod test_html;
mod test_layout;
mod test_memory;
mod test_office;
mod test_output;
mod test_pair;
mod test_pdf_tables;
mod test_props;
mod test_read;
mod test_report;
mod test_rerun;
mod test_scores;
mod test_shapes;
mod test_split;
mod test_tm;
