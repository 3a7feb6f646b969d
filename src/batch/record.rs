//! The record a batch keeps in its output folder of the files it wrote there, with each
//! file's size and modification time: a later run removes an output it no longer writes only
//! when the record names it and the file is unchanged since, so nothing a person made or
//! edited is ever deleted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Result;

/// The record's file name inside the output folder.
pub const FILE_NAME: &str = ".bitext-outputs.tsv";

/// The first line of the record, saying what it is to whoever opens it.
const HEADER: &str = "# files bitext wrote into this folder (bytes, modification time in ns, path); a later batch removes one it no longer writes only if it is unchanged";

/// What a file looked like when bitext had written it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: i128,
}

impl Stamp {
    /// The stamp of the file at `path` now, or `None` when it is not a readable regular file.
    pub fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        if !m.is_file() {
            return None;
        }
        let modified = match m.modified().ok()?.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        Some(Stamp {
            size: m.len(),
            modified,
        })
    }
}

/// The files bitext wrote into one output folder, by path.
#[derive(Debug, Default)]
pub struct Record {
    outdir: PathBuf,
    files: BTreeMap<PathBuf, Stamp>,
}

impl Record {
    /// An empty record for `outdir`.
    pub fn new(outdir: &Path) -> Record {
        Record {
            outdir: outdir.to_path_buf(),
            files: BTreeMap::new(),
        }
    }

    /// The record an earlier run left in `outdir`; empty when there is none or it cannot be
    /// read (then nothing counts as bitext's own).
    pub fn load(outdir: &Path) -> Record {
        let mut record = Record::new(outdir);
        let Ok(text) = std::fs::read_to_string(outdir.join(FILE_NAME)) else {
            return record;
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.splitn(3, '\t');
            let (Some(size), Some(modified), Some(path)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            if let (Ok(size), Ok(modified)) = (size.parse(), modified.parse()) {
                record
                    .files
                    .insert(outdir.join(path), Stamp { size, modified });
            }
        }
        record
    }

    /// Notes the file at `path` as bitext's own, as it is now.
    pub fn add(&mut self, path: &Path) {
        if let Some(stamp) = Stamp::of(path) {
            self.files.insert(path.to_path_buf(), stamp);
        }
    }

    /// The recorded files, as paths inside (or, for a report folder elsewhere, outside) the
    /// output folder.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    /// Keeps what `earlier` recorded of `path` (an edited output this run left alone stays
    /// recorded as edited, so a later run leaves it alone too).
    pub fn carry(&mut self, earlier: &Record, path: &Path) {
        if let Some(&stamp) = earlier.files.get(path) {
            self.files.insert(path.to_path_buf(), stamp);
        }
    }

    /// Whether the file at `path` is recorded but no longer as bitext left it (someone edited
    /// it since).
    pub fn edited(&self, path: &Path) -> bool {
        self.files.contains_key(path) && !self.unchanged(path)
    }

    /// Whether the file at `path` is recorded and still exactly as bitext left it.
    pub fn unchanged(&self, path: &Path) -> bool {
        self.files
            .get(path)
            .is_some_and(|&stamp| Stamp::of(path) == Some(stamp))
    }

    /// Writes the record into the output folder.
    pub fn save(&self) -> Result<()> {
        let mut text = format!("{HEADER}\n");
        for (path, stamp) in &self.files {
            let name = path.strip_prefix(&self.outdir).unwrap_or(path);
            // A name that cannot be written on one line is left out: never removed later.
            let Some(name) = name.to_str().filter(|n| !n.contains(['\n', '\r'])) else {
                continue;
            };
            text.push_str(&format!("{}\t{}\t{name}\n", stamp.size, stamp.modified));
        }
        crate::output::write_atomic(&self.outdir.join(FILE_NAME), |w| {
            w.write_all(text.as_bytes())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_after_it_was_recorded_is_not_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let a = out.join("a.csv");
        let b = out.join("report/b.html");
        std::fs::create_dir(out.join("report")).unwrap();
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "page").unwrap();
        let mut r = Record::new(out);
        r.add(&a);
        r.add(&b);
        r.save().unwrap();
        let r = Record::load(out);
        assert_eq!(r.paths().count(), 2);
        assert!(r.unchanged(&a) && r.unchanged(&b));
        std::fs::write(&a, "two").unwrap();
        assert!(!r.unchanged(&a));
        assert!(!r.unchanged(&out.join("other.csv")));
    }
}
