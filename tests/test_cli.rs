//! Small things a user notices on the command line: what is said on success, help text,
//! flags that go together, reruns into the same folder.

use crate::workdir::{corpus, repo, run, Workdir};

fn pair() -> [std::path::PathBuf; 2] {
    [
        corpus("pairs/abe-visit-2013.ru.txt"),
        corpus("pairs/abe-visit-2013.en.txt"),
    ]
}

#[test]
fn align_says_what_it_wrote_unless_quiet() {
    let w = Workdir::new();
    let (code, _, err) = run(w.bitext().arg("align").args(pair()).args(["-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let units = w.read("m.tmx").matches("<tu ").count();
    assert!(
        err.contains(&format!("wrote {units} translation units to m.tmx")),
        "{err}"
    );
    let (_, _, err) = run(w
        .bitext()
        .arg("align")
        .args(pair())
        .args(["-o", "q.tmx", "--quiet"]));
    assert_eq!(err, "");
}

#[test]
fn min_score_on_a_review_table_is_explained() {
    let w = Workdir::new();
    let (code, _, err) =
        run(w
            .bitext()
            .arg("align")
            .args(pair())
            .args(["-o", "r.csv", "--min-score", "0.5"]));
    assert_eq!(code, 0);
    assert!(
        err.contains("--min-score applies to TMX output only"),
        "{err}"
    );
    // Every sentence is still in the table.
    assert!(w.read("r.csv").lines().count() > 30);
    // And when a reviewed table is converted into another table.
    let (code, _, err) =
        run(w
            .bitext()
            .args(["convert", "r.csv", "-o", "r2.csv", "--min-score", "0.5"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("--min-score applies to TMX output only"),
        "{err}"
    );
    assert_eq!(
        w.read("r2.csv").lines().count(),
        w.read("r.csv").lines().count()
    );
}

#[test]
fn workbook_scores_carry_no_float_noise() {
    let w = Workdir::new();
    let (code, _, err) = run(w.bitext().arg("align").args(pair()).args(["-o", "r.xlsx"]));
    assert_eq!(code, 0, "{err}");
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book = open_workbook_auto(w.path("r.xlsx")).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let mut seen = 0;
    for row in sheet.rows().skip(1) {
        if let Data::Float(f) = row[4] {
            assert_eq!(f, format!("{f:.3}").parse::<f64>().unwrap(), "{f}");
            seen += 1;
        }
    }
    assert!(seen > 30);
}

#[test]
fn top_level_help_lists_one_example_per_line() {
    let (code, out, _) = run(Workdir::new().bitext().arg("--help"));
    assert_eq!(code, 0);
    let examples: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("bitext "))
        .collect();
    assert!(examples.len() >= 4, "{out}");
    assert!(
        examples.iter().all(|l| l.matches("bitext ").count() == 1),
        "{out}"
    );
}

/// Each subcommand's long help ends by naming the docs pages that explain it, and they exist.
#[test]
fn every_subcommand_help_ends_with_its_docs_pages() {
    let w = Workdir::new();
    for command in ["split", "align", "batch", "pair", "convert", "eval", "srx"] {
        let (code, out, _) = run(w.bitext().args([command, "--help"]));
        assert_eq!(code, 0, "{command}");
        let about = out.split("Usage:").next().unwrap().trim_end();
        let last = about.lines().last().unwrap_or("");
        let pages = last
            .strip_prefix("See ")
            .and_then(|l| l.strip_suffix('.'))
            .unwrap_or_else(|| panic!("bitext {command} --help ends with {last:?}"));
        for page in pages.split(" and ") {
            assert!(
                page.starts_with("docs/") && repo().join(page).is_file(),
                "bitext {command} --help names {page}"
            );
        }
    }
}

#[test]
fn jsonl_mode_refuses_a_folder_and_names_bad_lines() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "--jsonl"])
        .arg(corpus("pairs"))
        .args(["-o", "out"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be used with"), "{err}");
    let out = w
        .bitext()
        .args(["batch", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"\n\n{\"id\": \"a\", \"src\": \"x\"\n")?;
            child.wait_with_output()
        })
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let rec: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let error = rec["error"].as_str().unwrap();
    assert!(error.starts_with("line 3: bad input record"), "{error}");
    assert!(!error.contains("line 1"), "{error}");
}

#[test]
fn a_rerun_removes_what_it_no_longer_writes() {
    let w = Workdir::new();
    let dir = corpus("pairs");
    let (code, _, err) = run(w
        .bitext()
        .arg("batch")
        .arg(&dir)
        .args(["-o", "out", "--quiet", "--xlsx", "--report"]));
    assert_eq!(code, 0, "{err}");
    assert!(w.path("out/review.xlsx").exists() && w.path("out/report/index.html").exists());
    // A file of the user's own in the report folder is never touched.
    w.write("out/report/notes.html", "<p>my notes</p>");
    let (code, _, err) = run(w
        .bitext()
        .arg("batch")
        .arg(&dir)
        .args(["-o", "out", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    assert!(!w.path("out/review.xlsx").exists());
    assert!(!w.path("out/report/index.html").exists());
    assert!(!w.path("out/report/abe-visit-2013.html").exists());
    assert!(w.path("out/report/notes.html").exists());
    // --report takes a folder, like align's --report takes a file.
    let (code, _, err) = run(w
        .bitext()
        .arg("batch")
        .arg(&dir)
        .args(["-o", "out", "--quiet", "--report", "pages"]));
    assert_eq!(code, 0, "{err}");
    assert!(w.path("out/pages/index.html").exists());
}

#[test]
fn a_score_threshold_outside_0_to_1_is_refused() {
    let w = Workdir::new();
    let ru = corpus("pairs/yamal-lng.ru.txt");
    let en = corpus("pairs/yamal-lng.en.txt");
    w.write("ru/a.txt", std::fs::read(&ru).unwrap());
    w.write("en/b.txt", std::fs::read(&en).unwrap());
    let align = |x: &str| {
        let mut c = w.bitext();
        c.arg("align")
            .arg(&ru)
            .arg(&en)
            .args(["-o", "m.tmx", &format!("--min-score={x}")]);
        c
    };
    for x in ["2", "-0.1", "NaN", "inf", "0.5x"] {
        let (code, _, err) = run(&mut align(x));
        assert_eq!(code, 2, "{x}: {err}");
        assert!(
            err.contains("--min-score") && err.contains("0 to 1"),
            "{err}"
        );
        assert!(!w.path("m.tmx").exists());
    }
    let (code, _, err) = run(&mut align("1"));
    assert_eq!(code, 0, "{err}");
    for args in [
        &["batch", "ru", "-o", "out", "--min-score", "1.5"][..],
        &["convert", "m.tmx", "-o", "n.tmx", "--min-score", "7"],
        &["pair", "ru", "en", "-o", "p.tsv", "--pair-min-score", "30"],
        &[
            "batch",
            "ru",
            "en",
            "-o",
            "out",
            "--pair-by",
            "content",
            "--pair-min-score=-1",
        ],
    ] {
        let (code, _, err) = run(w.bitext().args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("0 to 1"), "{args:?}: {err}");
    }
    assert!(!w.path("out").exists() && !w.path("n.tmx").exists() && !w.path("p.tsv").exists());
}

#[test]
fn output_formats_are_listed_in_full_and_convert_can_be_quiet() {
    let w = Workdir::new();
    let [ru, en] = pair();
    let (code, _, err) = run(w
        .bitext()
        .arg("align")
        .arg(&ru)
        .arg(&en)
        .args(["-o", "x.docx"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".xlsx") && err.contains(".tmx"), "{err}");
    let (code, _, err) = run(w
        .bitext()
        .arg("align")
        .arg(&ru)
        .arg(&en)
        .args(["-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(w.bitext().args(["convert", "m.tmx", "-o", "r.csv", "-q"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(w.path("r.csv").exists());
    let (code, _, err) = run(w.bitext().args(["convert", "m.tmx", "-o", "r.docx"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".xlsx"), "{err}");
}
