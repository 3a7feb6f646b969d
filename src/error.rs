//! Errors of the pipeline: each names the file and the cause in one line.

use std::path::{Path, PathBuf};

/// An error that names the input or output it concerns and what went wrong.
#[derive(Debug, thiserror::Error)]
#[error("{}: {cause}", path.display())]
pub struct Error {
    /// The file (or `-` for standard input) the error is about.
    pub path: PathBuf,
    /// What went wrong, in a few words.
    pub cause: String,
}

impl Error {
    /// Builds an error about `path` with a short cause.
    pub fn new(path: impl AsRef<Path>, cause: impl Into<String>) -> Self {
        Error {
            path: path.as_ref().to_path_buf(),
            cause: cause.into(),
        }
    }

    /// Wraps an I/O error about `path`, spelling the common kinds the way shells do.
    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Self {
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
        Error::new(path, cause)
    }
}

/// The result type of the library.
pub type Result<T> = std::result::Result<T, Error>;
