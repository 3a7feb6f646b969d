//! Output targets that are not plain new files: devices, FIFOs, symbolic links, files with
//! other permissions or several hard links, and the names of standard output.

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::process::Command;

use crate::workdir::{corpus, run, skip, Workdir};

/// `bitext align` of one corpus pair into `out`, run in the scratch folder: a TMX memory
/// unless `out` names a review table.
fn align_to(w: &Workdir, out: &str) -> Command {
    let mut c = w.bitext();
    c.arg("align")
        .arg(corpus("pairs/yamal-lng.ru.txt"))
        .arg(corpus("pairs/yamal-lng.en.txt"))
        .args(["-o", out]);
    if !out.ends_with(".csv") {
        c.args(["--format", "tmx"]);
    }
    c
}

/// The memory the pair gives on standard output, its dates blanked.
fn memory(w: &Workdir) -> String {
    let (code, out, err) = run(&mut align_to(w, "-"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("<tu>") || out.contains("<tu "), "{out}");
    undated(&out)
}

/// A memory with its `creationdate`/`changedate` values blanked, so two runs compare equal.
fn undated(tmx: &str) -> String {
    let mut out = String::with_capacity(tmx.len());
    let mut rest = tmx;
    while let Some(i) = rest.find("date=\"") {
        out.push_str(&rest[..i + 6]);
        rest = &rest[i + 6..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_character_device_stays_a_device() {
    let w = Workdir::new();
    let dev = w.path("null");
    // A private copy of the null device (major 1, minor 3); making one needs root.
    let made = Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !made {
        skip("making a character device with mknod needs root");
        return;
    }
    let (code, _, err) = run(&mut align_to(&w, "null"));
    assert_eq!(code, 0, "{err}");
    let ft = std::fs::symlink_metadata(&dev).unwrap().file_type();
    assert!(ft.is_char_device(), "the device was replaced");
    assert_eq!(
        w.files(),
        vec!["null".to_string()],
        "no temporary file left"
    );
}

#[test]
fn a_fifo_reader_gets_the_whole_memory() {
    let w = Workdir::new();
    let fifo = w.path("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = run(&mut align_to(&w, "pipe"));
    assert_eq!(code, 0, "{err}");
    let got = reader.join().unwrap();
    assert_eq!(undated(&got), memory(&w));
    assert!(got.trim_end().ends_with("</tmx>"));
    let ft = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(ft.is_fifo(), "the FIFO was replaced");
}

#[test]
fn a_symlink_stays_a_link_and_its_target_is_updated() {
    let w = Workdir::new();
    let target = w.write("memories/2026-11.tmx", "old memory");
    std::os::unix::fs::symlink("memories/2026-11.tmx", w.path("current.tmx")).unwrap();
    let (code, _, err) = run(&mut align_to(&w, "current.tmx"));
    assert_eq!(code, 0, "{err}");
    let meta = std::fs::symlink_metadata(w.path("current.tmx")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        undated(&std::fs::read_to_string(&target).unwrap()),
        memory(&w)
    );
    let left: Vec<_> = std::fs::read_dir(w.path("memories")).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left beside the target");
}

#[test]
fn permissions_of_a_replaced_file_are_kept() {
    let w = Workdir::new();
    let f = w.write("m.tmx", "old");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, err) = run(&mut align_to(&w, "m.tmx"));
    assert_eq!(code, 0, "{err}");
    let meta = std::fs::metadata(&f).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640);
    assert_eq!(undated(&w.read("m.tmx")), memory(&w));
}

#[test]
fn every_hard_link_sees_the_new_memory() {
    let w = Workdir::new();
    let a = w.write("a.tmx", "old");
    std::fs::hard_link(&a, w.path("b.tmx")).unwrap();
    let (code, _, err) = run(&mut align_to(&w, "a.tmx"));
    assert_eq!(code, 0, "{err}");
    let new = memory(&w);
    assert_eq!(undated(&w.read("a.tmx")), new);
    assert_eq!(undated(&w.read("b.tmx")), new);
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    assert_eq!(w.files(), vec!["a.tmx".to_string(), "b.tmx".to_string()]);
}

#[test]
fn dev_stdout_is_standard_output() {
    let w = Workdir::new();
    let (code, out, err) = run(&mut align_to(&w, "/dev/stdout"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(undated(&out), memory(&w));
    assert!(w.files().is_empty());
}

#[test]
fn dev_stdout_redirected_to_a_file_fills_that_file() {
    // Standard output going to a regular file: the file receives the memory and is not
    // replaced by a rename into /dev.
    let w = Workdir::new();
    let f = std::fs::File::create(w.path("out.tmx")).unwrap();
    let status = align_to(&w, "/dev/stdout").stdout(f).status().unwrap();
    assert!(status.success());
    assert_eq!(undated(&w.read("out.tmx")), memory(&w));
}

#[test]
fn reports_and_tables_follow_the_same_rules() {
    let w = Workdir::new();
    let target = w.write("keep/review.csv", "old");
    std::os::unix::fs::symlink("keep/review.csv", w.path("review.csv")).unwrap();
    let report = w.write("report.html", "old");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = align_to(&w, "review.csv");
    cmd.args(["--report", "report.html"]);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(w.path("review.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(target)
        .unwrap()
        .starts_with("\u{feff}document,"));
    assert_eq!(
        std::fs::metadata(&report).unwrap().mode() & 0o777,
        0o600,
        "report permissions kept"
    );
    assert!(w.read("report.html").contains("<html"));
}

#[test]
fn convert_replaces_a_named_file_only_when_the_new_one_is_complete() {
    // A single-file command writes where the user named it: the file is replaced, through a
    // temporary file renamed into place, so a failure leaves the old one whole.
    let w = Workdir::new();
    let (code, _, err) = run(&mut align_to(&w, "m.tmx"));
    assert_eq!(code, 0, "{err}");
    w.write("out.csv", "old");
    w.write("cut.tmx", "<tmx version=\"1.4\">\n<header/>\n<body><tu>");
    let (code, _, _) = run(w.bitext().args(["convert", "cut.tmx", "-o", "out.csv"]));
    assert_eq!(code, 2);
    assert_eq!(w.read("out.csv"), "old");
    let (code, _, err) = run(w.bitext().args(["convert", "m.tmx", "-o", "out.csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(w.read("out.csv").contains("yamal") || w.read("out.csv").lines().count() > 5);
    assert_eq!(
        w.files(),
        vec![
            "cut.tmx".to_string(),
            "m.tmx".to_string(),
            "out.csv".to_string()
        ]
    );
}
