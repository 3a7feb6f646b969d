//! Writing output files safely: into a temporary file beside the target, renamed into place
//! only when complete, so a failure never leaves half a file behind.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `path` through `fill`; the file appears only if `fill` and the flush succeed.
/// `-` writes to standard output instead.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    if path.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut w = BufWriter::new(stdout.lock());
        return fill(&mut w)
            .and_then(|_| w.flush())
            .map_err(|e| Error::io("<stdout>", &e));
    }
    let tmp = temp_beside(path)?;
    let mut w = BufWriter::new(tmp);
    fill(&mut w).map_err(|e| Error::io(path, &e))?;
    let tmp = w.into_inner().map_err(|e| Error::io(path, e.error()))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, &e))?;
    tmp.persist(path).map_err(|e| Error::io(path, &e.error))?;
    Ok(())
}

/// A temporary file in the folder of `path`, to be renamed onto `path` when complete.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::new(path, "cannot write: the folder does not exist"));
    }
    if path.is_dir() {
        return Err(Error::new(path, "cannot write: Is a directory"));
    }
    tempfile::Builder::new()
        .prefix(".bitext-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, &e))
}
