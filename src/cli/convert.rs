//! `bitext convert`: turn memories and review tables into one another.

use std::collections::HashSet;
use std::path::PathBuf;

use bitext::tm::{read_units, Format, Sink, WriteSettings};
use bitext::Lang;

/// Convert between TMX, CSV, TSV and JSON Lines (formats from the file extensions).
///
/// Several inputs are merged in the order given, identical (source, target) pairs kept once.
/// A reviewed CSV becomes a memory: rows marked `reject` and unaligned rows are dropped,
/// edited texts are kept. From a multilingual TMX, --src-lang and --tgt-lang pick the pair.
///
/// Examples:
///   bitext convert review.csv -o memory.tmx
///   bitext convert a.tmx b.tmx -o merged.tmx
///   bitext convert memory.tmx -o review.csv
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Input files (.tmx, .csv, .tsv, .jsonl).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file; its extension picks the format unless --format is given.
    #[arg(short, long)]
    output: PathBuf,
    /// Output format.
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Source language (BCP-47).
    #[arg(long, default_value = "ru", value_parser = Lang::parse)]
    src_lang: Lang,
    /// Target language (BCP-47).
    #[arg(long, default_value = "en", value_parser = Lang::parse)]
    tgt_lang: Lang,
    /// Leave out units scoring below this from TMX output.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_score: f32,
    /// Write CSV without a UTF-8 byte-order mark.
    #[arg(long)]
    no_bom: bool,
}

/// Runs `bitext convert`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let format = super::output_format(args.format, &args.output, Format::Tmx)?;
    if format == Format::Links {
        anyhow::bail!(
            "{}: links output needs an alignment; use bitext align",
            args.output.display()
        );
    }
    // Read every input first: a malformed one must stop the run before anything is written.
    let mut all = Vec::new();
    for path in &args.inputs {
        all.push(read_units(path, &args.src_lang, &args.tgt_lang)?);
    }
    let settings = WriteSettings {
        min_score: args.min_score,
        bom: !args.no_bom,
    };
    let mut sink = Sink::create(
        &args.output,
        format,
        &args.src_lang,
        &args.tgt_lang,
        &settings,
    )?;
    let mut seen = HashSet::new();
    let (mut rejected, mut duplicates) = (0, 0);
    for unit in all.iter().flatten() {
        if format == Format::Tmx && unit.is_rejected() {
            rejected += 1;
            continue;
        }
        if unit.is_pair() && !seen.insert((unit.src.clone(), unit.tgt.clone())) {
            duplicates += 1;
            continue;
        }
        sink.write_unit(unit)?;
    }
    let mut report = sink.finish()?;
    report.rejected += rejected;
    report.duplicates += duplicates;
    for line in report.notes() {
        eprintln!("bitext: {line}");
    }
    eprintln!(
        "bitext: wrote {} {} to {}",
        report.written,
        if format == Format::Tmx {
            "units"
        } else {
            "rows"
        },
        args.output.display()
    );
    Ok(0)
}
