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
///   bitext align article.ru.txt article.en.txt -o review.csv --min-score 0.5
///   bitext align --presegmented doc.ru doc.en --format links
///   bitext align article.ru.txt article.en.txt -o memory.tmx --report review.html
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
    format: Option<super::FormatArg>,
    #[command(flatten)]
    langs: super::Langs,
    #[command(flatten)]
    read: super::ReadArgs,
    /// Leave out translation units scoring below this (0 to 1) from TMX output.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_score: f32,
    /// Write CSV without the UTF-8 byte-order mark that spreadsheets need to see Cyrillic.
    #[arg(long)]
    no_bom: bool,
    /// Also write a self-contained HTML review page (side-by-side table, alignment path,
    /// filters); open it in any browser.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// The document name recorded in the output (default: the source file name without
    /// language and extension).
    #[arg(long)]
    name: Option<String>,
}

/// Runs `bitext align`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let format = super::output_format(args.format, &args.output, Format::Links)?;
    let opts = args.read.options(&args.langs)?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| bitext::pipeline::document_name(&args.src));
    let pair = align_files(
        &name,
        &args.src,
        &args.tgt,
        &args.langs.src_lang,
        &args.langs.tgt_lang,
        &opts,
    )?;
    for w in &pair.warnings {
        eprintln!("bitext: warning: {}: {w}", name);
    }
    let settings = bitext::tm::WriteSettings {
        min_score: args.min_score,
        bom: !args.no_bom,
        // A memory holds each pair once; a review table keeps every row.
        dedupe: format == Format::Tmx,
    };
    let report =
        bitext::tm::write_pairs(&args.output, format, std::slice::from_ref(&pair), &settings)?;
    for line in report.notes() {
        eprintln!("bitext: {line}");
    }
    if let Some(path) = &args.report {
        bitext::report::write_pair_report(path, &pair)?;
    }
    Ok(0)
}
