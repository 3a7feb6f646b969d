//! `bitext align`: align two documents and write links, a translation memory or a review table.

use std::path::PathBuf;

use bitext::pipeline::align_files;
use bitext::tm::Format;

/// Align the sentences of a document and its translation.
///
/// Both files are decoded (UTF-8, UTF-16, windows-1251, KOI8-R are detected), split into
/// sentences and aligned with length and lexical evidence. The output format follows the
/// extension of -o (.tmx, .csv, .tsv, .jsonl, .links) unless --format is given.
///
/// Examples:
///   bitext align article.ru.txt article.en.txt -o memory.tmx
///   bitext align article.ru.txt article.en.txt -o review.csv
///   bitext align --presegmented doc.ru doc.en --format links
///   bitext align article.ru.txt article.en.txt -o memory.tmx --report review.html
///
/// See docs/formats.md and docs/review.md.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The source document (default language: ru).
    src: PathBuf,
    /// The target document (default language: en).
    tgt: PathBuf,
    /// Where to write; `-` (the default) is standard output.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Output format; taken from the extension of --output when absent (links on stdout).
    #[arg(short, long, value_enum)]
    format: Option<bitext::tm::Format>,
    #[command(flatten)]
    langs: super::Langs,
    #[command(flatten)]
    out: super::OutputArgs,
    #[command(flatten)]
    read: super::ReadArgs,
    /// Also write a self-contained HTML review page (side-by-side table, alignment path,
    /// filters); open it in any browser.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// The document name recorded in the output (default: the source file name without
    /// language and extension).
    #[arg(long)]
    name: Option<String>,
    /// Say nothing on success (no "wrote N units" line).
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `bitext align`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let format = super::output_format(args.format, &args.output, Format::Links)?;
    let inputs = [args.src.as_path(), args.tgt.as_path()];
    super::not_an_input(&args.output, &inputs)?;
    if let Some(report) = &args.report {
        super::not_an_input(report, &inputs)?;
    }
    let opts = args.read.options(&args.langs)?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| bitext::document::document_name(&args.src));
    let files = bitext::sides::Sides::new(args.src.as_path(), args.tgt.as_path());
    let pair = align_files(&name, files, args.langs.sides(), &opts)?;
    for w in &pair.warnings {
        eprintln!("bitext: warning: {}: {w}", name);
    }
    // A memory holds each pair once; a review table keeps every row.
    let settings = args.out.settings(format == Format::Tmx);
    if args.out.min_score > 0.0 && format != Format::Tmx {
        eprintln!(
            "bitext: warning: --min-score applies to TMX output only; a review table lists every row (sort it by score)"
        );
    }
    let tally =
        bitext::tm::write_pairs(&args.output, format, std::slice::from_ref(&pair), &settings)?;
    for line in tally.notes() {
        eprintln!("bitext: {line}");
    }
    if let Some(path) = &args.report {
        bitext::report::write_pair_report(path, &pair)?;
    }
    if !args.quiet && !bitext::output::is_stream(&args.output) {
        let what = match format {
            Format::Tmx => "translation units",
            Format::Links => "links",
            _ => "rows",
        };
        eprintln!(
            "bitext: wrote {} {what} to {}",
            tally.written,
            args.output.display()
        );
    }
    Ok(0)
}
