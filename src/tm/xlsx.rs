//! Review workbooks: the review table as an Excel sheet (bold frozen header, wrapped text,
//! score bands, highlighted unaligned rows, an ok/reject drop-down), and reading one back.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::table::{header, rows_units};
use super::Unit;
use crate::grade::Grade;

/// The sheet name: one sheet for all documents, with a `document` column (Excel's limit is
/// 31 characters without `[]:*?/\`; this name keeps well within it).
pub const SHEET: &str = "review";

/// Writes review rows into one worksheet, then the workbook to any writer.
pub struct XlsxWriter {
    sheet: Worksheet,
    row: u32,
    text: Format,
    unaligned: Format,
    scores: [Format; 4],
}

fn fill(colour: u32) -> Format {
    Format::new()
        .set_background_color(Color::RGB(colour))
        .set_font_color(Color::White)
        .set_num_format("0.00")
        .set_align(rust_xlsxwriter::FormatAlign::Top)
}

impl XlsxWriter {
    /// Starts a sheet with the review table's header: bold, frozen, columns sized for text.
    pub fn new(src: &str, tgt: &str) -> Result<XlsxWriter, XlsxError> {
        let mut sheet = Worksheet::new();
        sheet.set_name(SHEET)?;
        let bold = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xEEEEEE))
            .set_border_bottom(FormatBorder::Thin);
        for (col, name) in header(src, tgt).iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, name, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (col, width) in [
            (0, 18.0),
            (1, 6.0),
            (2, 9.0),
            (3, 9.0),
            (4, 7.0),
            (5, 60.0),
            (6, 60.0),
            (7, 9.0),
            (8, 9.0),
        ] {
            sheet.set_column_width(col, width)?;
        }
        let choices = DataValidation::new().allow_list_strings(&["ok", "reject"])?;
        sheet.add_data_validation(1, 7, 1_048_575, 7, &choices)?;
        let top = rust_xlsxwriter::FormatAlign::Top;
        Ok(XlsxWriter {
            sheet,
            row: 1,
            text: Format::new().set_text_wrap().set_align(top),
            unaligned: Format::new()
                .set_text_wrap()
                .set_align(top)
                .set_background_color(Color::RGB(0xFFF4E5)),
            // The same bands as the HTML report: green, amber, red, grey for unaligned.
            scores: Grade::ALL.map(|b| fill(b.rgb())),
        })
    }

    /// Writes one row.
    pub fn unit(&mut self, u: &Unit) -> Result<(), XlsxError> {
        let r = self.row;
        let text = if u.is_pair() {
            &self.text
        } else {
            &self.unaligned
        };
        // A row without a score (a unit of another tool's memory, a row a reviewer made) is
        // no doubtful one: it takes the plain format of an unaligned row's score.
        let band = match u.score {
            Some(s) => Grade::of(s, u.is_pair()),
            None => Grade::Unaligned,
        };
        let score = &self.scores[Grade::ALL.iter().position(|&b| b == band).unwrap_or(3)];
        let link = u.link.map(|k| k.to_string()).unwrap_or_default();
        let (src_index, tgt_index) = (
            super::review::index_cell(&u.src_index),
            super::review::index_cell(&u.tgt_index),
        );
        let cells = [&u.document, &link, &src_index, &tgt_index];
        for (col, value) in cells.into_iter().enumerate() {
            self.sheet
                .write_string_with_format(r, col as u16, value, text)?;
        }
        match u.score {
            Some(s) => self
                .sheet
                .write_number_with_format(r, 4, round3(s), score)?,
            // No score is an empty cell, so the row never sorts as the worst.
            None => self.sheet.write_blank(r, 4, text)?,
        };
        self.sheet.write_string_with_format(r, 5, &u.src, text)?;
        self.sheet.write_string_with_format(r, 6, &u.tgt, text)?;
        self.sheet
            .write_string_with_format(r, 7, u.status.as_cell(), text)?;
        self.sheet
            .write_string_with_format(r, 8, u.review.as_cell(), text)?;
        if u.suggest.is_some() {
            self.sheet.write_string_with_format(
                r,
                9,
                super::review::index_cell(&u.suggest),
                text,
            )?;
        }
        self.row += 1;
        Ok(())
    }

    /// Writes the workbook.
    pub fn finish<W: std::io::Write + Send>(self, out: W) -> Result<(), XlsxError> {
        let mut book = Workbook::new();
        book.push_worksheet(self.sheet);
        book.save_to_writer(out)
    }
}

/// A score with the three decimals TMX and CSV show, without binary float noise
/// (0.923, not 0.9229999780654907).
fn round3(score: f32) -> f64 {
    format!("{score:.3}").parse().unwrap_or(0.0)
}

/// Reads the first sheet of a workbook (XLSX, XLS or ODS, as saved by Excel or LibreOffice)
/// as review rows.
/// The most cells a sheet may span (its rows times its columns, empty ones included, as a
/// reader lays them out): far above any review table, far below what would fill memory.
const MAX_CELLS: u64 = 50_000_000;

/// Refuses a workbook that would cost unbounded memory to read: a part that inflates like a
/// zip bomb, or a sheet whose cells span an area no review table fills (one cell at
/// `XFD200000` makes a reader lay out three billion).
fn check_workbook(path: &Path) -> crate::Result<()> {
    let bytes = crate::document::read_bytes(path)?;
    if !bytes.starts_with(b"PK") {
        // Not a zip: the workbook reader says what it is.
        return Ok(());
    }
    crate::document::check_parts(&bytes, "XLSX", |name, body| {
        if !name.starts_with("xl/worksheets/") {
            return Ok(());
        }
        let (rows, cols) = sheet_extent(body);
        if rows * cols > MAX_CELLS {
            return Err(crate::Error::unnamed(format!(
                "{name} spans {rows} rows by {cols} columns: refused (a review table has a few columns)"
            )));
        }
        Ok(())
    })
    .map_err(|e| e.in_file(path))
}

/// The last row and column a sheet's cells name (`<c r="C12">`), counted from 1.
fn sheet_extent(xml: &[u8]) -> (u64, u64) {
    let (mut rows, mut cols) = (0u64, 0u64);
    let mut at = 0;
    while let Some(k) = xml[at..].windows(3).position(|w| w == b"<c ") {
        let start = at + k + 3;
        let end = xml[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(xml.len(), |e| start + e);
        let tag = &xml[start..end];
        if let Some(r) = tag.windows(3).position(|w| w == b"r=\"") {
            let reference = tag[r + 3..].iter().take_while(|&&b| b != b'"');
            let (mut col, mut row) = (0u64, 0u64);
            for &b in reference {
                match b {
                    b'A'..=b'Z' => col = (col * 26 + (b - b'A') as u64 + 1).min(1 << 40),
                    b'0'..=b'9' => row = (row * 10 + (b - b'0') as u64).min(1 << 40),
                    _ => {}
                }
            }
            rows = rows.max(row);
            cols = cols.max(col);
        }
        at = end;
    }
    (rows, cols)
}

pub fn xlsx_units(path: &Path, src: &str, tgt: &str) -> crate::Result<super::table::TableUnits> {
    let fail = |cause: String| crate::Error::new(path, cause);
    let failed = |what: &str, e: calamine::Error| {
        fail(format!("{what}: {e}")).with_kind(crate::error::ErrorKind::XlsxRead(e))
    };
    check_workbook(path)?;
    let mut book = open_workbook_auto(path).map_err(|e| failed("not a readable workbook", e))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| fail("the workbook has no sheet".to_string()))?
        .map_err(|e| failed("cannot read the first sheet", e))?;
    let cell = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::Float(f) => f.to_string(),
        // A cell a spreadsheet took for a date ("14.11.2013", or an index "3-4") holds a
        // serial day number: written as the date it stands for, never as that number.
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        other => other.to_string(),
    };
    let mut rows = range.rows();
    let headers: Vec<String> = rows
        .next()
        .ok_or_else(|| fail("the sheet is empty".to_string()))?
        .iter()
        .map(cell)
        .collect();
    let rows: Vec<Vec<String>> = rows.map(|r| r.iter().map(cell).collect()).collect();
    rows_units(&headers, rows, path, src, tgt)
}
