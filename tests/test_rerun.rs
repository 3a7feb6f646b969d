//! A batch into a folder that already holds files: nothing it did not write is deleted, and
//! an interrupted run leaves the folder as it was.

use std::process::Command;

use crate::workdir::{corpus, run, Workdir};

/// `bitext batch` of four corpus pairs (a manifest) into `out`, quietly.
fn batch(w: &Workdir, extra: &[&str]) -> (i32, String, String) {
    let mut lines = String::new();
    for name in FOUR {
        let ru = corpus(&format!("pairs/{name}.ru.txt"));
        let en = corpus(&format!("pairs/{name}.en.txt"));
        lines.push_str(&format!("{}\t{}\n", ru.display(), en.display()));
    }
    w.write("four.tsv", lines);
    run(w
        .bitext()
        .args(["batch", "four.tsv", "-o", "out", "--quiet"])
        .args(extra))
}

const FOUR: [&str; 4] = [
    "abe-visit-2013",
    "amur-border-trade",
    "yamal-lng",
    "joint-sea-2013",
];

#[test]
fn a_batch_never_deletes_a_file_it_did_not_write() {
    let w = Workdir::new();
    w.write("out/review.xlsx", "notes\n");
    w.write("out/report/abe-visit-2013.html", "<p>my own page</p>");
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/review.xlsx"), "notes\n");
    assert_eq!(
        w.read("out/report/abe-visit-2013.html"),
        "<p>my own page</p>"
    );
    let warning = err
        .lines()
        .find(|l| l.contains("as it is"))
        .unwrap_or_else(|| panic!("no warning: {err}"));
    assert!(
        warning.starts_with("bitext: warning: left ") && warning.contains("review.xlsx"),
        "{warning}"
    );
    // A page that carries bitext's mark but is in no record of this folder is kept too.
    w.write(
        "out/report/old.html",
        format!("{}\n<p>old</p>", bitext::report::GENERATOR),
    );
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(w.path("out/report/old.html").exists());
    assert!(err.contains("old.html") && err.contains("2 files"), "{err}");
}

#[test]
fn an_output_edited_since_bitext_wrote_it_is_left_alone() {
    let w = Workdir::new();
    let (code, _, err) = batch(&w, &["--xlsx", "--report"]);
    assert_eq!(code, 0, "{err}");
    // The reviewer saves the workbook again (another size, a later time); pages stay as written.
    let book = w.path("out/review.xlsx");
    let mut bytes = std::fs::read(&book).unwrap();
    bytes.extend_from_slice(b"saved by a spreadsheet");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&book, &bytes).unwrap();
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&book).unwrap(), bytes);
    assert!(
        err.contains("warning: left") && err.contains("review.xlsx"),
        "{err}"
    );
    // The pages bitext wrote and nobody touched are gone, with their folder.
    assert!(!w.path("out/report").exists());
    // A file touched without a change in size is still a changed file.
    let (code, _, err) = batch(&w, &["--report"]);
    assert_eq!(code, 0, "{err}");
    let page = w.path("out/report/yamal-lng.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &page,
        text.replacen("<title>", "<title>!", 1)
            .replacen("</p>", "p>", 1),
    )
    .unwrap();
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(page.exists(), "{err}");
    assert!(!w.path("out/report/abe-visit-2013.html").exists());
}

#[test]
fn an_interrupted_batch_with_report_leaves_the_folder_as_it_was() {
    // Four pairs, then one whose source is a FIFO nobody writes to: the first chunk (four
    // pairs with one job) is aligned and written before the run blocks on the fifth.
    let w = Workdir::new();
    assert!(Command::new("mkfifo")
        .arg(w.path("stuck.ru.txt"))
        .status()
        .unwrap()
        .success());
    let mut lines = String::new();
    for name in FOUR {
        let ru = corpus(&format!("pairs/{name}.ru.txt"));
        let en = corpus(&format!("pairs/{name}.en.txt"));
        lines.push_str(&format!("{}\t{}\n", ru.display(), en.display()));
    }
    let en = corpus("pairs/power-of-siberia.en.txt");
    lines.push_str(&format!("stuck.ru.txt\t{}\n", en.display()));
    w.write("manifest.tsv", lines);
    let child = w
        .bitext()
        .args([
            "batch",
            "manifest.tsv",
            "-o",
            "out",
            "--jobs",
            "1",
            "--quiet",
            "--report",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the four pages of the first chunk are written, then interrupt.
    let started = std::time::Instant::now();
    let count = || std::fs::read_dir(w.path("out/report")).map_or(0, |d| d.count());
    while count() < FOUR.len() && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert_eq!(err.trim(), "bitext: interrupted; no output was written");
    assert!(!w.path("out").exists(), "left behind: {:?}", w.files());
}

/// A reviewer's edits to an output survive the next run: the run writes its own version
/// beside the edited file and says so, and later runs keep leaving the edited file alone.
#[test]
fn an_output_a_reviewer_edited_is_not_overwritten_by_the_next_run() {
    let w = Workdir::new();
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    let edited = format!("{}reviewed by A. Petrova\n", w.read("out/review.csv"));
    w.write("out/review.csv", &edited);
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/review.csv"), edited);
    assert!(w.read("out/review.new.csv").starts_with('\u{feff}'));
    assert!(
        err.contains("warning: kept ")
            && err.contains("review.csv (changed since bitext wrote it)")
            && err.contains("review.new.csv"),
        "{err}"
    );
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/review.csv"), edited);
    assert!(w.path("out/memory.tmx").exists());
}

/// Files of the user's own in the output folder before the first run (their own review table
/// and memory) are never overwritten: the run writes its versions beside them and names them.
/// A folder an older bitext wrote, with no record of its outputs, is treated the same way;
/// `--force` replaces them.
#[test]
fn a_file_bitext_did_not_write_is_kept_and_the_output_goes_beside_it() {
    let w = Workdir::new();
    w.write("out/review.csv", "my notes\n");
    w.write("out/memory.tmx", "<tmx>my own memory</tmx>");
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/review.csv"), "my notes\n");
    assert_eq!(w.read("out/memory.tmx"), "<tmx>my own memory</tmx>");
    assert!(w.read("out/review.new.csv").starts_with('\u{feff}'));
    assert!(w.read("out/memory.new.tmx").contains("</tu>"));
    let warning = err
        .lines()
        .find(|l| l.contains("kept"))
        .unwrap_or_else(|| panic!("no warning: {err}"));
    assert!(
        warning.starts_with("bitext: warning: kept 2 files")
            && warning.contains("review.csv (not written by bitext)")
            && warning.contains("memory.new.tmx")
            && warning.contains("--force"),
        "{warning}"
    );
    // The next run still keeps them, and replaces its own versions beside them.
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/review.csv"), "my notes\n");
    assert!(!w.path("out/review.new2.csv").exists(), "{:?}", w.files());
    // A version beside that someone edited is kept too.
    w.write("out/review.new.csv", "edited beside\n");
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/review.new.csv"), "edited beside\n");
    assert!(
        w.read("out/review.new2.csv").starts_with('\u{feff}'),
        "{err}"
    );
    // --force replaces them.
    let (code, _, err) = batch(&w, &["--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(w.read("out/review.csv").starts_with('\u{feff}'));
    assert!(w.read("out/memory.tmx").contains("</tu>"));
    assert!(!err.contains("kept"), "{err}");
    // A folder of outputs without a record (written by an older bitext): whether someone
    // edited them cannot be told, so they are kept.
    std::fs::remove_file(w.path("out/.bitext-outputs.tsv")).unwrap();
    let summary = w.read("out/summary.csv");
    let (code, _, err) = batch(&w, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("summary.csv (not written by bitext)") && err.contains("summary.new.csv"),
        "{err}"
    );
    assert_eq!(w.read("out/summary.csv"), summary);
}

/// A batch run again from the manifest an earlier run wrote into the same folder keeps that
/// manifest and its list of unpaired files: they are this run's input.
#[test]
fn a_rerun_from_its_own_manifest_keeps_it() {
    let w = Workdir::new();
    for (name, other) in [
        ("abe-visit-2013", "x1"),
        ("yamal-lng", "x2"),
        ("joint-sea-2013", "x3"),
    ] {
        w.write(
            &format!("ru/{name}.txt"),
            std::fs::read(corpus(&format!("pairs/{name}.ru.txt"))).unwrap(),
        );
        w.write(
            &format!("en/{other}.txt"),
            std::fs::read(corpus(&format!("pairs/{name}.en.txt"))).unwrap(),
        );
    }
    let (code, _, err) = run(w.bitext().args([
        "batch",
        "ru",
        "en",
        "-o",
        "out",
        "--pair-by",
        "content",
        "--quiet",
    ]));
    assert_eq!(code, 0, "{err}");
    let manifest = w.read("out/manifest.tsv");
    assert!(w.path("out/manifest.unpaired.tsv").exists());
    let (code, _, err) = run(w.bitext().args([
        "batch",
        "out/manifest.tsv",
        "-o",
        "out",
        "--min-score",
        "0.5",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.read("out/manifest.tsv"), manifest);
    assert!(w.path("out/manifest.unpaired.tsv").exists());
    assert!(!err.contains("removed"), "{err}");
}

/// A rerun in which every pair fails (the documents read with the wrong format) leaves the
/// memory and the tables of the run before as they were, instead of empty ones.
#[test]
fn a_rerun_whose_every_pair_fails_keeps_the_outputs_before_it() {
    let w = Workdir::new();
    let (code, _, err) = batch(&w, &["--report"]);
    assert_eq!(code, 0, "{err}");
    let before: Vec<(String, String)> = ["memory.tmx", "review.csv", "summary.csv"]
        .iter()
        .map(|f| (f.to_string(), w.read(&format!("out/{f}"))))
        .collect();
    assert!(before[0].1.contains("<tu "));
    let (code, _, err) = batch(&w, &["--input-format", "docx", "--report"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.lines()
            .last()
            .is_some_and(|l| l.contains("4 of 4 pairs failed; nothing was written")),
        "{err}"
    );
    for (f, text) in &before {
        assert_eq!(&w.read(&format!("out/{f}")), text, "{f} changed");
    }
    assert!(w.path("out/report/abe-visit-2013.html").exists());
    let stray: Vec<_> = std::fs::read_dir(w.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// A report page whose place holds someone's file is written beside it, and the index links
/// the page written, not the file kept.
#[test]
fn the_index_links_a_page_written_beside_a_kept_one() {
    let w = Workdir::new();
    w.write("out/report/abe-visit-2013.html", "<p>my own page</p>");
    let (code, _, err) = batch(&w, &["--report"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        w.read("out/report/abe-visit-2013.html"),
        "<p>my own page</p>"
    );
    assert!(w.path("out/report/abe-visit-2013.new.html").exists());
    let index = w.read("out/report/index.html");
    assert!(
        index.contains("href=\"abe-visit-2013.new.html\""),
        "{index}"
    );
    assert!(!index.contains("href=\"abe-visit-2013.html\""));
    assert!(index.contains("href=\"yamal-lng.html\""));
    // A rerun keeps the same places and knows the index as its own.
    let (code, _, err) = batch(&w, &["--report"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("index"), "{err}");
    assert!(w
        .read("out/report/index.html")
        .contains("href=\"abe-visit-2013.new.html\""));
}
