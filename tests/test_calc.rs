//! Review files through LibreOffice Calc itself: what a linguist's spreadsheet saves must
//! come back into bitext unchanged. Run by `make calc-check`, which installs Debian's
//! libreoffice-calc-nogui when it is missing.

use std::path::Path;
use std::process::Command;

use bitext::tm::{read_units, Unit};
use bitext::Lang;

use crate::workdir::{corpus, run, write_review_csv, Workdir};

fn langs() -> (Lang, Lang) {
    (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap())
}

/// Runs `soffice --headless --convert-to FILTER` on `input` into `outdir`.
fn calc(w: &Workdir, input: &str, filter: &str, infilter: Option<&str>, outdir: &str) {
    std::fs::create_dir_all(w.path(outdir)).unwrap();
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        w.path("lo-profile").display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        filter,
        "--outdir",
    ])
    .arg(w.path(outdir));
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    let out = cmd.arg(w.path(input)).output().expect("run soffice");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Calc's CSV import: `,` separated, `"` quoted, UTF-8, from line 1, all eight columns text.
const IMPORT_UTF8: &str = "CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2";

/// The (source, target) pairs a memory made from these rows holds: no rejects, no chrome.
fn pairs(units: &[Unit]) -> Vec<(String, String)> {
    units
        .iter()
        .filter(|u| {
            u.is_pair() && !u.is_rejected() && u.status != bitext::tm::review::Status::Chrome
        })
        .map(|u| (u.src.clone(), u.tgt.clone()))
        .collect()
}

fn tmx_pairs(w: &Workdir, input: &str) -> Vec<(String, String)> {
    let out = format!("{input}.tmx");
    let (code, _, err) = run(w.bitext().args(["convert", input, "-o", &out]));
    assert_eq!(code, 0, "{input}: {err}");
    let (s, t) = langs();
    pairs(&read_units(&w.path(&out), &s, &t).unwrap())
}

fn align(w: &Workdir, out: &str) {
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", out])
        .arg(corpus("pairs/okhotsk-fisheries.ru.txt"))
        .arg(corpus("pairs/okhotsk-fisheries.en.txt")));
    assert_eq!(code, 0, "{err}");
}

#[test]
#[ignore = "needs LibreOffice; run with make calc-check"]
fn csv_saved_by_calc_with_semicolons_and_commas_converts_to_the_same_units() {
    let w = Workdir::new();
    align(&w, "review.csv");
    let original = tmx_pairs(&w, "review.csv");
    assert!(original.len() > 30);
    // Saved as CSV with ";" (59) and with "," (44), UTF-8 (76), quoting every text cell.
    for (sep, dir) in [(59, "semicolon"), (44, "comma")] {
        calc(
            &w,
            "review.csv",
            &format!("csv:Text - txt - csv (StarCalc):{sep},34,76,1,,0,true,true"),
            Some(IMPORT_UTF8),
            dir,
        );
        let saved = format!("{dir}/review.csv");
        let text = w.read(&saved);
        assert!(text
            .lines()
            .next()
            .unwrap()
            .contains(if sep == 59 { ';' } else { ',' }));
        assert_eq!(tmx_pairs(&w, &saved), original, "{dir}");
    }
}

#[test]
#[ignore = "needs LibreOffice; run with make calc-check"]
fn xlsx_opened_in_calc_shows_the_same_cells() {
    let w = Workdir::new();
    align(&w, "review.xlsx");
    align(&w, "review.csv");
    calc(
        &w,
        "review.xlsx",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false",
        None,
        "calc",
    );
    let (s, t) = langs();
    let ours = read_units(&w.path("review.csv"), &s, &t).unwrap();
    let calcs = read_units(&w.path("calc/review.csv"), &s, &t).unwrap();
    assert_eq!(ours.len(), calcs.len());
    for (a, b) in ours.iter().zip(&calcs) {
        assert_eq!(
            (&a.document, &a.link, &a.src_index, &a.tgt_index),
            (&b.document, &b.link, &b.src_index, &b.tgt_index)
        );
        assert_eq!((&a.src, &a.tgt, &a.status), (&b.src, &b.tgt, &b.status));
        assert!(
            match (a.score, b.score) {
                (Some(x), Some(y)) => (x - y).abs() < 0.001,
                (x, y) => x == y,
            },
            "{:?} vs {:?}",
            a.score,
            b.score
        );
    }
}

#[test]
#[ignore = "needs LibreOffice; run with make calc-check"]
fn xlsx_saved_by_calc_after_review_carries_the_edits() {
    let w = Workdir::new();
    align(&w, "review.csv");
    let (s, t) = langs();
    let mut rows = read_units(&w.path("review.csv"), &s, &t).unwrap();
    let pair_rows: Vec<usize> = (0..rows.len()).filter(|&k| rows[k].is_pair()).collect();
    rows[pair_rows[3]].status = bitext::tm::review::Status::Rejected;
    rows[pair_rows[5]].tgt = "An edited translation, “quoted” & checked.".into();
    let rejected = (
        rows[pair_rows[3]].src.clone(),
        rows[pair_rows[3]].tgt.clone(),
    );
    write_review_csv(&w.path("edited.csv"), &rows);
    calc(
        &w,
        "edited.csv",
        "xlsx:Calc MS Excel 2007 XML",
        Some(IMPORT_UTF8),
        "calc",
    );
    assert!(Path::new(&w.path("calc/edited.xlsx")).is_file());
    let got = tmx_pairs(&w, "calc/edited.xlsx");
    let want: Vec<(String, String)> = pairs(&rows);
    assert_eq!(got, want);
    assert!(got
        .iter()
        .any(|(_, t)| t == "An edited translation, “quoted” & checked."));
    assert!(!got.contains(&rejected));
}
