//! `bitext eval`: score predicted links against gold links, strict and lax.

use std::path::{Path, PathBuf};

use bitext::eval::{read_links, Counts};

/// Score alignments against gold links (strict and lax precision, recall, F1).
///
/// GOLD and TEST are files in the link format (`[0, 1]:[2]` per line) or folders: every
/// NAME.gold in the gold folder is paired with NAME.align (or .links, .gold, .txt) in the
/// test folder. Counts are summed over documents before dividing.
///
/// Example:
///   bitext eval --gold corpora/gold --test out/links
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
}

/// Runs `bitext eval`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let pairs = pairs(&args.gold, &args.test)?;
    let mut counts = Counts::default();
    for (g, t) in &pairs {
        counts.add(&read_links(g)?, &read_links(t)?);
    }
    let s = counts.scores();
    println!("{} documents", s.files);
    println!("            strict   lax");
    println!(
        "precision   {:.3}   {:.3}",
        s.precision_strict, s.precision_lax
    );
    println!("recall      {:.3}   {:.3}", s.recall_strict, s.recall_lax);
    println!("f1          {:.3}   {:.3}", s.f1_strict, s.f1_lax);
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    }
    Ok(0)
}

fn pairs(gold: &Path, test: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    if !gold.is_dir() {
        return Ok(vec![(gold.to_path_buf(), test.to_path_buf())]);
    }
    let mut names: Vec<String> = std::fs::read_dir(gold)
        .map_err(|e| bitext::Error::io(gold, &e))?
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
            let found = ["align", "links", "gold", "txt"]
                .iter()
                .map(|e| test.join(format!("{n}.{e}")))
                .find(|p| p.exists());
            let t = found.ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: no prediction for {n} (looked for {n}.align)",
                    test.display()
                )
            })?;
            Ok((gold.join(format!("{n}.gold")), t))
        })
        .collect()
}
