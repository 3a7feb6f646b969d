//! `bitext align`: align two documents and write links, a translation memory or a review table.

use std::path::PathBuf;

use bitext::align::{AlignOptions, Dictionary};
use bitext::document::ReadOptions;
use bitext::pipeline::{align_files, PairOptions};
use bitext::tm::Format;
use bitext::Lang;

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
    format: Option<Format>,
    #[command(flatten)]
    langs: super::Langs,
    /// Inputs are already one sentence per line (a blank line or a `<p>` line ends a paragraph).
    #[arg(long)]
    presegmented: bool,
    /// A bilingual dictionary: hunalign's `target @ source` lines or `source<TAB>target`.
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    /// Leave out translation units scoring below this (0 to 1) from TMX output.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_score: f32,
    /// Decode both inputs with this encoding instead of detecting it.
    #[arg(long, value_parser = super::parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Remove page chrome (menus, print links, foreign-script lines) before aligning.
    #[arg(long)]
    drop_foreign: bool,
    /// Split with SRX 2.0 rules (both languages must have a language map in the file).
    #[arg(long, value_name = "FILE")]
    srx: Option<PathBuf>,
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
    let dict = args.dict.as_deref().map(Dictionary::load).transpose()?;
    let srx = |lang: &Lang| -> anyhow::Result<Option<bitext::segment::SrxRules>> {
        Ok(args
            .srx
            .as_deref()
            .map(|p| bitext::segment::SrxRules::load(p, lang.as_str()))
            .transpose()?)
    };
    let opts = PairOptions {
        read: ReadOptions {
            encoding: args.encoding,
            drop_foreign: args.drop_foreign,
        },
        presegmented: args.presegmented,
        src_srx: srx(&args.langs.src_lang)?,
        tgt_srx: srx(&args.langs.tgt_lang)?,
        align: AlignOptions {
            dict,
            ..AlignOptions::default()
        },
    };
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| bitext::tm::document_name(&args.src));
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
