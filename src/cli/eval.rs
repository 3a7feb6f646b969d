//! `bitext eval`: score predicted links against gold links, strict and lax, and say whether
//! their scores mean what they say.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bitext::eval::scores::{detection, diagram, judge, read_rows, scored, Judged};
use bitext::eval::{read_links, Counts};

/// Score alignments against gold links (strict and lax precision, recall, F1), and check
/// their scores on a hand-checked sample.
///
/// GOLD and TEST are files in the link format (`[0, 1]:[2]` per line) or folders: every
/// NAME.gold in the gold folder is paired with NAME.align (or .links, .gold, .txt, .csv) in
/// the test folder. Counts are summed over documents before dividing.
///
/// When the test files are tables with scores (`bitext align --format csv`, or a review
/// table), eval also prints what the scores tell: the share of right rows in each score band
/// (≥ 0.9, 0.7–0.9, 0.5–0.7, < 0.5) against the band's mean score, how many of the wrong
/// rows the lowest-scored tenth holds, and the calibration error. A score means what it says
/// when a band's share of right rows is close to its mean score. --diagram draws the same as
/// a picture (docs/scores.md explains the score).
///
/// Examples:
///   bitext eval --gold corpora/gold --test out/links
///   bitext align a.ru.txt a.en.txt --format csv -o checked/a.csv
///   bitext eval --gold checked/a.gold --test checked/a.csv --diagram bands.svg
///
/// See docs/scores.md and docs/figures.md.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Gold link file or folder.
    #[arg(long)]
    gold: PathBuf,
    /// Predicted link file or folder.
    #[arg(long)]
    test: PathBuf,
    /// Print the figures as one JSON line on standard output as well.
    #[arg(long)]
    json: bool,
    /// Write a reliability diagram (score band against share of right rows) as SVG here;
    /// needs test tables with scores.
    #[arg(long, value_name = "FILE.svg")]
    diagram: Option<PathBuf>,
}

/// Runs `bitext eval`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let pairs = pairs(&args.gold, &args.test)?;
    let mut counts = Counts::default();
    let mut judged: Vec<Judged> = Vec::new();
    for (g, t) in &pairs {
        let gold = read_links(g)?;
        if is_table(t) {
            // Every row is a link of the alignment; rows without a score (added by a
            // reviewer) count for precision and recall, not for the score figures.
            let rows = read_rows(t)?;
            let links: Vec<_> = rows.iter().map(|(l, _)| l.clone()).collect();
            counts.add(&gold, &links);
            judged.extend(judge(&gold, &scored(rows)));
        } else {
            counts.add(&gold, &read_links(t)?);
        }
    }
    let s = counts.scores();
    let mut out = String::new();
    let _ = writeln!(out, "{} documents", s.files);
    let _ = writeln!(out, "            strict   lax");
    let _ = writeln!(
        out,
        "precision   {:.3}   {:.3}",
        s.precision_strict, s.precision_lax
    );
    let _ = writeln!(
        out,
        "recall      {:.3}   {:.3}",
        s.recall_strict, s.recall_lax
    );
    let _ = writeln!(out, "f1          {:.3}   {:.3}", s.f1_strict, s.f1_lax);
    let scored = (!judged.is_empty()).then(|| detection(&judged));
    if let Some(d) = &scored {
        let _ = write!(out, "scores: {d}");
    }
    super::print(&out)?;
    if let Some(path) = &args.diagram {
        if judged.is_empty() {
            anyhow::bail!(
                "{}: no scores to draw (give tables with a score column, from --format csv)",
                args.test.display()
            );
        }
        let name = args
            .test
            .file_name()
            .unwrap_or(args.test.as_os_str())
            .to_string_lossy()
            .into_owned();
        let svg = diagram(&[(name.as_str(), &judged)]);
        bitext::output::write_atomic(path, |w| w.write_all(svg.as_bytes()))?;
        eprintln!(
            "bitext: wrote the reliability diagram to {}",
            path.display()
        );
    }
    if args.json {
        let mut v = serde_json::to_value(s)?;
        if let Some(d) = scored {
            v["scores"] = serde_json::to_value(d)?;
        }
        super::print(&format!("{v}\n"))?;
    }
    Ok(0)
}

/// A review table (CSV or TSV) rather than a link file.
fn is_table(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

/// The prediction's extensions in a test folder, tables with scores first; a gold file is
/// never its own prediction (a folder may hold both).
const TEST_EXTENSIONS: [&str; 6] = ["csv", "tsv", "align", "links", "txt", "gold"];

fn pairs(gold: &Path, test: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    if !gold.is_dir() {
        return Ok(vec![(gold.to_path_buf(), test.to_path_buf())]);
    }
    let mut names: Vec<String> = std::fs::read_dir(gold)
        .map_err(|e| bitext::Error::io(gold, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|f| f.strip_suffix(".gold"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    if names.is_empty() {
        anyhow::bail!("{}: no .gold files in this folder", gold.display());
    }
    names
        .into_iter()
        .map(|n| {
            let g = gold.join(format!("{n}.gold"));
            let found = TEST_EXTENSIONS
                .iter()
                .map(|e| test.join(format!("{n}.{e}")))
                .find(|p| p.exists() && !bitext::output::same_file(p, &g));
            let t = found.ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: no prediction for {n} (looked for {n}.{})",
                    test.display(),
                    TEST_EXTENSIONS.join(format!(", {n}.").as_str())
                )
            })?;
            Ok((g, t))
        })
        .collect()
}
