//! The one error type of the library: the file, the line where there is one, and the cause,
//! printed on one line (`memory.tmx: line 12: <tuv> without xml:lang`).
//!
//! As the `csv` crate's error, it carries an [`ErrorKind`]: what kind of failure it was and,
//! for a failure of the file system, a table, a workbook, JSON or XML, the underlying error, which
//! [`std::error::Error::source`] returns.

use std::path::{Path, PathBuf};

/// What an error about text held in memory names until [`Error::in_file`] names its file.
const UNNAMED: &str = "(text)";

/// What kind of failure an [`Error`] is, with the underlying error where there is one.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not something bitext can use (an empty file, a TMX without languages, a
    /// flag that does not fit); the error's cause says why.
    Invalid,
    /// Reading or writing a file failed (missing, not permitted, disk full, pipe closed).
    Io(std::io::Error),
    /// A CSV or TSV table could not be read or written.
    Csv(csv::Error),
    /// A workbook (XLSX, XLS, ODS) could not be read.
    XlsxRead(calamine::Error),
    /// An Excel workbook could not be written.
    XlsxWrite(rust_xlsxwriter::XlsxError),
    /// A line of JSON could not be read or written.
    Json(serde_json::Error),
    /// XML (a TMX memory, SRX rules, a part of an office file, pdftotext's output) is broken.
    Xml(quick_xml::Error),
}

/// An error that names the input or output it concerns, the line when known, and what went wrong.
#[derive(Debug)]
pub struct Error {
    /// The file (or `-` for standard input) the error is about.
    pub path: PathBuf,
    /// The line of the file where the problem is, when there is one (1-based).
    pub line: Option<u64>,
    /// What went wrong, in a few words.
    pub cause: String,
    /// What kind of failure it was, with the underlying error (boxed, as the csv crate does,
    /// so that results stay small).
    kind: Box<ErrorKind>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.cause)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::Invalid => None,
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Csv(e) => Some(e),
            ErrorKind::XlsxRead(e) => Some(e),
            ErrorKind::XlsxWrite(e) => Some(e),
            ErrorKind::Json(e) => Some(e),
            ErrorKind::Xml(e) => Some(e),
        }
    }
}

impl Error {
    /// Builds an error about `path` with a short cause.
    pub fn new(path: impl AsRef<Path>, cause: impl Into<String>) -> Self {
        Error {
            path: path.as_ref().to_path_buf(),
            line: None,
            cause: cause.into(),
            kind: Box::new(ErrorKind::Invalid),
        }
    }

    /// The same error with the underlying failure it comes from.
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = Box::new(kind);
        self
    }

    /// What kind of failure this is, with the underlying error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Builds an error about bytes or text held in memory, before the file they came from is
    /// known; [`Error::in_file`] names the file once the caller knows it.
    pub fn unnamed(cause: impl Into<String>) -> Self {
        Error::new(UNNAMED, cause)
    }

    /// Builds an error about line `line` of a text held in memory; [`Error::in_file`] names
    /// the file once the caller knows it.
    pub fn in_text(line: u64, cause: impl Into<String>) -> Self {
        Error::at(UNNAMED, line, cause)
    }

    /// The same error about `path`.
    pub fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        self.path = path.as_ref().to_path_buf();
        self
    }

    /// Builds an error about line `line` of `path`.
    pub fn at(path: impl AsRef<Path>, line: u64, cause: impl Into<String>) -> Self {
        Error {
            line: Some(line),
            ..Error::new(path, cause)
        }
    }

    /// Wraps an I/O error about `path`, spelling the common kinds the way shells do.
    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        let cause = match err.kind() {
            NotFound => "No such file or directory".to_string(),
            PermissionDenied => "Permission denied".to_string(),
            IsADirectory => "Is a directory".to_string(),
            _ => {
                let text = err.to_string();
                // Drop the "(os error N)" tail: users need the words, not the number.
                match text.find(" (os error") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                }
            }
        };
        Error::new(path, cause).with_kind(ErrorKind::Io(err))
    }

    /// Whether the reader of our output went away (`bitext split big.txt | head -1`): not a
    /// failure of the run, so the command ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        let pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
        match &*self.kind {
            ErrorKind::Io(e) => pipe(e),
            ErrorKind::Csv(e) => matches!(e.kind(), csv::ErrorKind::Io(e) if pipe(e)),
            ErrorKind::Json(e) => e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe),
            _ => false,
        }
    }
}

/// The result type of the library.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_with_file_line_and_cause() {
        assert_eq!(
            Error::at("m.tmx", 12, "<tuv> without xml:lang").to_string(),
            "m.tmx: line 12: <tuv> without xml:lang"
        );
        assert_eq!(
            Error::new("a.txt", "empty file").to_string(),
            "a.txt: empty file"
        );
    }

    #[test]
    fn errors_found_in_memory_take_their_file_later() {
        assert_eq!(
            Error::unnamed("empty file").in_file("a.txt").to_string(),
            "a.txt: empty file"
        );
        assert_eq!(
            Error::in_text(3, "no tab").in_file("d.tsv").to_string(),
            "d.tsv: line 3: no tab"
        );
    }

    #[test]
    fn io_errors_read_like_a_shell() {
        let missing = || std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            Error::io("x.txt", missing()).to_string(),
            "x.txt: No such file or directory"
        );
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(Error::io("-", pipe).is_broken_pipe());
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let table = Error::new("-", "cannot write").with_kind(ErrorKind::Csv(pipe.into()));
        assert!(table.is_broken_pipe());
        assert!(!Error::io("x.txt", missing()).is_broken_pipe());
        let e = Error::io("x.txt", missing());
        let source = std::error::Error::source(&e).expect("the I/O error");
        assert_eq!(
            source.downcast_ref::<std::io::Error>().map(|e| e.kind()),
            Some(std::io::ErrorKind::NotFound)
        );
    }
}
