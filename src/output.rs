//! Writing output files safely. One helper, [`Output`], decides how each target is written:
//! a regular file through a temporary file renamed into place when complete (so a failure
//! never leaves half a file), a device, FIFO or socket directly, a symbolic link by replacing
//! the file it points to, and a file with several hard links in place.

use std::fs::{File, Metadata};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// An output file being written; its content becomes visible at the target on [`Output::commit`].
pub struct Output {
    path: PathBuf,
    kind: Kind,
}

enum Kind {
    /// `-` and the names of standard output.
    Stdout,
    /// An existing device, FIFO, socket or file-descriptor name, written as it is.
    Direct(File),
    /// A temporary file renamed onto `dest` (the target with symbolic links resolved).
    Replace {
        tmp: tempfile::NamedTempFile,
        dest: PathBuf,
        old: Option<Metadata>,
    },
    /// A temporary file whose content is copied into `dest`, a file with other hard links.
    InPlace {
        tmp: tempfile::NamedTempFile,
        dest: PathBuf,
    },
}

impl Output {
    /// Prepares to write `path`; nothing at `path` changes until [`Output::commit`], except for
    /// targets that are not regular files (a device or a pipe receives the output as it is written).
    pub fn create(path: &Path) -> Result<Output> {
        let kind = if is_stdout(path) {
            Kind::Stdout
        } else if names_descriptor(path) {
            Kind::Direct(open_direct(path, true)?)
        } else {
            let dest = resolve_links(path)?;
            match std::fs::metadata(&dest) {
                Ok(m) if m.is_dir() => {
                    return Err(Error::new(path, "cannot write: Is a directory"))
                }
                Ok(m) if !m.is_file() => Kind::Direct(open_direct(path, false)?),
                Ok(m) if hard_links(&m) > 1 => Kind::InPlace {
                    tmp: temp_beside(path, &dest)?,
                    dest,
                },
                Ok(m) => Kind::Replace {
                    tmp: temp_beside(path, &dest)?,
                    dest,
                    old: Some(m),
                },
                Err(_) => Kind::Replace {
                    tmp: temp_beside(path, &dest)?,
                    dest,
                    old: None,
                },
            }
        };
        Ok(Output {
            path: path.to_path_buf(),
            kind,
        })
    }

    /// A writer for the content (unbuffered: wrap it in a `BufWriter`).
    pub fn writer(&self) -> Result<Box<dyn Write + Send>> {
        let file = match &self.kind {
            Kind::Stdout => return Ok(Box::new(std::io::stdout())),
            Kind::Direct(f) => f.try_clone(),
            Kind::Replace { tmp, .. } | Kind::InPlace { tmp, .. } => tmp.as_file().try_clone(),
        };
        let file = file.map_err(|e| Error::io(&self.path, e))?;
        Ok(Box::new(file))
    }

    /// Makes the written content the target's: renames the temporary file into place (keeping
    /// the old file's permissions and, where allowed, its owner) or copies it into a hard-linked file.
    pub fn commit(self) -> Result<()> {
        self.finish()?.commit()
    }

    /// Completes the content without putting it in place yet: the temporary file is flushed to
    /// disk and closed (so thousands of staged files hold no open descriptors), and
    /// [`Staged::commit`] later renames it into place.
    pub fn finish(self) -> Result<Staged> {
        let path = self.path;
        let io = |e: std::io::Error| Error::io(&path, e);
        let kind = match self.kind {
            Kind::Stdout => {
                std::io::stdout().flush().map_err(io)?;
                StagedKind::Done
            }
            Kind::Direct(mut f) => {
                f.flush().map_err(io)?;
                StagedKind::Done
            }
            Kind::Replace { tmp, dest, old } => {
                tmp.as_file().sync_all().map_err(io)?;
                if let Some(old) = old {
                    keep_owner_and_mode(tmp.as_file(), &old);
                }
                StagedKind::Replace {
                    tmp: tmp.into_temp_path(),
                    dest,
                }
            }
            Kind::InPlace { tmp, dest } => StagedKind::InPlace {
                tmp: tmp.into_temp_path(),
                dest,
            },
        };
        Ok(Staged { path, kind })
    }
}

/// An output written in full but not yet in place; dropped uncommitted, it leaves the target
/// as it was.
pub struct Staged {
    path: PathBuf,
    kind: StagedKind,
}

enum StagedKind {
    /// Written straight to its target (standard output, a device or a pipe).
    Done,
    /// A closed temporary file to rename onto `dest`.
    Replace {
        tmp: tempfile::TempPath,
        dest: PathBuf,
    },
    /// A closed temporary file to copy into `dest`, a file with other hard links.
    InPlace {
        tmp: tempfile::TempPath,
        dest: PathBuf,
    },
}

impl Staged {
    /// The target as the user gave it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the content at `other` instead of the target, which stays as it is (a file
    /// someone edited since bitext wrote it).
    pub fn commit_beside(self, other: &Path) -> Result<()> {
        match self.kind {
            StagedKind::Done => Ok(()),
            StagedKind::Replace { tmp, .. } | StagedKind::InPlace { tmp, .. } => {
                tmp.persist(other).map_err(|e| Error::io(other, e.error))
            }
        }
    }

    /// Puts the content in place: renames the temporary file onto the target, or copies it
    /// into a hard-linked target.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let io = |e: std::io::Error| Error::io(&path, e);
        match self.kind {
            StagedKind::Done => return Ok(()),
            StagedKind::Replace { tmp, dest } => {
                tmp.persist(&dest).map_err(|e| Error::io(&path, e.error))?;
            }
            StagedKind::InPlace { tmp, dest } => {
                let mut src = File::open(&tmp).map_err(io)?;
                let mut out = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(&dest)
                    .map_err(io)?;
                std::io::copy(&mut src, &mut out).map_err(io)?;
                out.sync_all().map_err(io)?;
                drop(tmp);
            }
        }
        if let Ok(mut list) = COMMITTED.lock() {
            list.push(path);
        }
        Ok(())
    }
}

/// Writes `path` through `fill`; a regular file appears only if `fill` and the flush succeed.
/// `-` (or `/dev/stdout`) writes to standard output instead.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    write_staged(path, fill)?.commit()
}

/// Writes the content of `path` through `fill` into a temporary file, to be put in place
/// by [`Staged::commit`] (streams such as `-` receive it at once).
pub fn write_staged<F>(path: &Path, fill: F) -> Result<Staged>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let out = Output::create(path)?;
    let mut w = BufWriter::new(out.writer()?);
    let label = if is_stdout(path) {
        Path::new("<stdout>")
    } else {
        path
    };
    fill(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(label, e))?;
    drop(w);
    out.finish()
}

/// Whether `a` and `b` name one existing file (through `..`, links or another spelling).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether `path` is a stream rather than a file: standard output, a descriptor name, or an
/// existing device, FIFO or socket (its format then cannot come from an extension).
pub fn is_stream(path: &Path) -> bool {
    is_stdout(path)
        || names_descriptor(path)
        || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// `-` and the names that mean this process's standard output.
fn is_stdout(path: &Path) -> bool {
    let p = path.as_os_str();
    p == "-" || p == "/dev/stdout" || p == "/dev/fd/1" || p == "/proc/self/fd/1"
}

/// Names of open file descriptors (`/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`): written
/// through as they are, never replaced, whatever they point at.
fn names_descriptor(path: &Path) -> bool {
    let s = path.to_string_lossy();
    s == "/dev/stderr"
        || s.starts_with("/dev/fd/")
        || (s.starts_with("/proc/") && s.contains("/fd/"))
}

fn open_direct(path: &Path, append: bool) -> Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

/// The file a path finally names, following symbolic links (also one that points at a file
/// not yet made).
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&current).map_err(|e| Error::io(path, e))?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::new(
        path,
        "cannot write: too many levels of symbolic links",
    ))
}

#[cfg(unix)]
fn hard_links(m: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(m)
}

#[cfg(not(unix))]
fn hard_links(_: &Metadata) -> u64 {
    1
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anyone else the owner is already theirs.
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    let _ = file.set_permissions(old.permissions());
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: &Metadata) {
    let _ = file.set_permissions(old.permissions());
}

/// Temporary files not yet renamed into place, removed by [`remove_pending`] on Ctrl-C.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Folders made for outputs by [`create_dir_all`], removed on Ctrl-C when still empty.
static MADE_DIRS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Outputs put in place so far by this process, in order.
static COMMITTED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Held while a set of outputs is put in place together, so an interrupt waits for the set.
static COMMIT_PHASE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds off an interrupt until the guard is dropped: outputs committed meanwhile appear
/// together or (if the run ends first) not at all. Putting files in place takes milliseconds.
pub fn commit_phase() -> std::sync::MutexGuard<'static, ()> {
    COMMIT_PHASE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes `dir` and its missing parents, remembering the folders it made so that an interrupt
/// can remove them again while they are empty.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    let mut missing = Vec::new();
    let mut p = dir;
    while !p.as_os_str().is_empty() && !p.exists() {
        missing.push(p.to_path_buf());
        match p.parent() {
            Some(parent) => p = parent,
            None => break,
        }
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::new(
            dir,
            "a file, not a folder: name a folder for the outputs",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if let Ok(mut list) = MADE_DIRS.lock() {
        // Outermost first, as they were made; removed in the reverse order.
        list.extend(missing.into_iter().rev());
    }
    Ok(())
}

/// Removes every temporary output file still pending, and the folders made for outputs that
/// are left empty; called when the user interrupts a run, since the process then ends without
/// running destructors. Waits for a [`commit_phase`] under way, then returns one line saying
/// what the interrupted run left: nothing, or the outputs it had put in place.
pub fn remove_pending() -> String {
    let _phase = commit_phase();
    if let Ok(list) = PENDING.lock() {
        for p in list.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
    if let Ok(list) = MADE_DIRS.lock() {
        for d in list.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
    let done = COMMITTED.lock().map(|l| l.clone()).unwrap_or_default();
    if done.is_empty() {
        return "no output was written".to_string();
    }
    format!(
        "written in full before the interrupt: {}; nothing else was written",
        first_of(done.iter().map(|p| p.display().to_string()), 6)
    )
}

/// How the name of a temporary file bitext writes an output through begins and ends.
const TEMP_NAME: (&str, &str) = (".bitext-", ".part");

/// The temporary files bitext writes outputs through (`.bitext-*.part`) that lie in `dir`
/// untouched for longer than `age`, with their total size in bytes: what a run that was
/// killed outright left behind. They are listed, never removed.
pub fn stale_parts(dir: &Path, age: std::time::Duration) -> (Vec<PathBuf>, u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), 0);
    };
    let now = std::time::SystemTime::now();
    let mut found: Vec<(PathBuf, u64)> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_NAME.0) && name.ends_with(TEMP_NAME.1)
        })
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            let idle = now.duration_since(meta.modified().ok()?).ok()?;
            (idle > age).then(|| (e.path(), meta.len()))
        })
        .collect();
    found.sort();
    let bytes = found.iter().map(|(_, n)| n).sum();
    (found.into_iter().map(|(p, _)| p).collect(), bytes)
}

/// Up to `at_most` items joined by commas, then " and N more" for the rest: how a message
/// names a long list of files.
pub fn first_of(items: impl ExactSizeIterator<Item = String>, at_most: usize) -> String {
    let total = items.len();
    let shown: Vec<String> = items.take(at_most).collect();
    match total - shown.len() {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

/// A temporary file in the folder of `dest`, to be renamed onto it when complete; errors
/// name `path`, the target as the user gave it.
fn temp_beside(path: &Path, dest: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::new(path, "cannot write: the folder does not exist"));
    }
    // Plain files, readable as the umask allows (temporary files are 0600 by default).
    #[cfg(unix)]
    let mode = std::os::unix::fs::PermissionsExt::from_mode(0o666);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_NAME.0).suffix(TEMP_NAME.1);
    #[cfg(unix)]
    builder.permissions(mode);
    let tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    if let Ok(mut list) = PENDING.lock() {
        // Entries of files already renamed or dropped only cost a failed removal later;
        // they are dropped now and then, so the list stays short.
        if list.len() >= 64 && list.len().is_power_of_two() {
            list.retain(|p| p.exists());
        }
        list.push(tmp.path().to_path_buf());
    }
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        write_atomic(path, |w| w.write_all(text.as_bytes())).unwrap();
    }

    #[test]
    fn a_new_file_appears_complete() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tmx");
        write(&p, "one");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.tmx");
        write(&p, "old");
        let r = write_atomic(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk on fire"))
        });
        assert!(r.unwrap_err().to_string().contains("disk on fire"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = Output::create(dir.path()).err().unwrap();
        assert!(
            e.to_string().ends_with("cannot write: Is a directory"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let e = Output::create(&dir.path().join("no/such/m.tmx"))
            .err()
            .unwrap();
        assert!(e.to_string().contains("the folder does not exist"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_gets_its_file_made() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("memories")).unwrap();
        let link = dir.path().join("current.tmx");
        std::os::unix::fs::symlink("memories/2026-11.tmx", &link).unwrap();
        write(&link, "new");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let target = dir.path().join("memories/2026-11.tmx");
        assert_eq!(std::fs::read_to_string(target).unwrap(), "new");
    }

    #[test]
    fn names_of_standard_output_and_descriptors() {
        assert!(is_stdout(Path::new("-")));
        assert!(is_stdout(Path::new("/dev/stdout")));
        assert!(!is_stdout(Path::new("stdout")));
        assert!(names_descriptor(Path::new("/dev/stderr")));
        assert!(names_descriptor(Path::new("/proc/self/fd/5")));
        assert!(!names_descriptor(Path::new("/procedures/fd/x")));
    }
}
