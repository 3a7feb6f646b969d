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

/// Temporary files not yet renamed into place, removed by [`remove_pending`] on Ctrl-C.
static PENDING: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes every temporary output file still pending; called when the user interrupts a run,
/// since the process then ends without running destructors.
pub fn remove_pending() {
    if let Ok(list) = PENDING.lock() {
        for p in list.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
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
    // Plain files, readable as the umask allows (temporary files are 0600 by default).
    #[cfg(unix)]
    let mode = std::os::unix::fs::PermissionsExt::from_mode(0o666);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bitext-").suffix(".part");
    #[cfg(unix)]
    builder.permissions(mode);
    let tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, &e))?;
    if let Ok(mut list) = PENDING.lock() {
        // Entries of files already renamed or dropped only cost a failed removal later.
        list.retain(|p| p.exists());
        list.push(tmp.path().to_path_buf());
    }
    Ok(tmp)
}
