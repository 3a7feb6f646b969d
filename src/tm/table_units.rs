//! The rows of a review table read back (CSV, TSV or a workbook), with the names of its two
//! text columns as the header spells them, and a check that a spreadsheet did not replace a
//! column's letters by question marks when it saved the table in a code page without them.

use std::path::{Path, PathBuf};

use super::Unit;
use crate::error::{Error, Result};

/// The units of a review table, read one at a time; after the last row, an error if a text
/// column holds mostly `?` where its letters were.
pub struct TableUnits {
    /// The header names of the source and target text columns, as written (`ru-RU`, `en`).
    pub text_columns: (String, String),
    /// Columns of the table that a review table does not hold (a reviewer's `comment`):
    /// read past, and named in a warning.
    pub unused: Vec<String>,
    inner: Box<dyn Iterator<Item = Result<Unit>>>,
    path: PathBuf,
    /// Question marks and letters seen in each text column.
    counts: [(usize, usize); 2],
    done: bool,
}

impl TableUnits {
    /// The same rows, with the columns the table has beyond a review table's named.
    pub fn with_unused(mut self, unused: Vec<String>) -> TableUnits {
        self.unused = unused;
        self
    }

    /// Wraps the rows of the table at `path` whose text columns are named `text_columns`.
    pub fn new(
        path: &Path,
        text_columns: (String, String),
        inner: impl Iterator<Item = Result<Unit>> + 'static,
    ) -> TableUnits {
        TableUnits {
            text_columns,
            unused: Vec::new(),
            inner: Box::new(inner),
            path: path.to_path_buf(),
            counts: [(0, 0); 2],
            done: false,
        }
    }

    /// The error for a column whose letters were replaced, if one was.
    fn replaced_letters(&self) -> Option<Error> {
        let names = [&self.text_columns.0, &self.text_columns.1];
        self.counts
            .iter()
            .zip(names)
            .find(|((marks, letters), _)| *marks >= 4 && marks > letters)
            .map(|((marks, letters), name)| {
                Error::new(
                    &self.path,
                    format!(
                        "column '{name}' holds question marks where its letters were ({marks} '?' against {letters} letters): the table was saved in a code page without those letters; save it again as UTF-8 CSV or as XLSX"
                    ),
                )
            })
    }
}

impl Iterator for TableUnits {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Result<Unit>> {
        if self.done {
            return None;
        }
        match self.inner.next() {
            Some(Ok(u)) => {
                for (count, text) in self.counts.iter_mut().zip([&u.src, &u.tgt]) {
                    for c in text.chars() {
                        if c == '?' {
                            count.0 += 1;
                        } else if c.is_alphabetic() {
                            count.1 += 1;
                        }
                    }
                }
                Some(Ok(u))
            }
            Some(Err(e)) => Some(Err(e)),
            None => {
                self.done = true;
                self.replaced_letters().map(Err)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(src: &str, tgt: &str) -> Result<Unit> {
        Ok(Unit {
            src: src.into(),
            tgt: tgt.into(),
            ..Unit::default()
        })
    }

    #[test]
    fn a_column_of_question_marks_is_refused_after_the_last_row() {
        let rows = vec![unit("?????? ??? ?", "Two words."), unit("??????.", "Why?")];
        let names = ("ru-RU".to_string(), "en-US".to_string());
        let all: Vec<_> =
            TableUnits::new(Path::new("t.csv"), names.clone(), rows.into_iter()).collect();
        assert_eq!(all.len(), 3);
        let e = all[2].as_ref().unwrap_err().to_string();
        assert!(
            e.starts_with("t.csv: column 'ru-RU' holds question marks"),
            "{e}"
        );
        let fine = vec![unit("Почему?", "Why?"), unit("Что? Где? Когда?", "What?")];
        assert!(TableUnits::new(Path::new("t.csv"), names, fine.into_iter()).all(|r| r.is_ok()));
    }
}
