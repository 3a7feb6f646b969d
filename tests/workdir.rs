//! A scratch folder per test, with helpers to write inputs and run the real binary.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder that holds a test's inputs and outputs.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    /// The bitext binary, run inside this folder.
    pub fn bitext(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_bitext"));
        c.current_dir(self.dir.path());
        c
    }

    /// Files in the folder (names), sorted.
    pub fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared evaluation material beside the repository.
pub fn shared() -> PathBuf {
    std::env::var_os("BITEXT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("..").join("shared"))
}

/// Whether every test must run in full (`make test` sets `BITEXT_FULL_TESTS=1`): then a
/// missing prerequisite fails the test instead of skipping it.
fn full_run() -> bool {
    std::env::var_os("BITEXT_FULL_TESTS").is_some_and(|v| v == "1")
}

/// Skips the calling test with a one-line reason, or fails it in a full run.
pub fn skip(reason: &str) {
    assert!(!full_run(), "cannot run in full: {reason}");
    // Written past the test harness's capture, so the reason shows in a passing run too.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

/// `sub` inside the shared evaluation material, or `None` (after a one-line reason) when the
/// material is not beside the repository.
pub fn shared_or_skip(sub: &str) -> Option<PathBuf> {
    let p = shared().join(sub);
    if p.exists() {
        Some(p)
    } else {
        skip(&format!(
            "{} is missing (the shared evaluation material)",
            p.display()
        ));
        None
    }
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run bitext");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn corpus(name: &str) -> PathBuf {
    repo().join("corpora").join(name)
}

/// The NAME of every NAME.gold file in a folder, sorted.
pub fn gold_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            e.unwrap()
                .file_name()
                .into_string()
                .unwrap()
                .strip_suffix(".gold")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// Writes review rows as a plain CSV (no byte-order mark), as a reviewer's tool might save them.
pub fn write_review_csv(path: &Path, rows: &[bitext::tm::Unit]) {
    let cells: Vec<[String; 10]> = rows.iter().map(bitext::tm::table::record).collect();
    write_review_rows(path, &cells);
}

/// Writes review rows given cell by cell (the header's first columns; the others are left
/// empty) as a plain CSV, so a test can write what a spreadsheet makes of a cell (a date in
/// the link column).
pub fn write_review_rows<const N: usize>(path: &Path, rows: &[[String; N]]) {
    let mut csv = csv::Writer::from_path(path).unwrap();
    let header = bitext::tm::table::header("ru", "en");
    csv.write_record(&header).unwrap();
    for row in rows {
        let mut cells = row.to_vec();
        cells.resize(header.len().max(N), String::new());
        csv.write_record(&cells).unwrap();
    }
    csv.flush().unwrap();
}
