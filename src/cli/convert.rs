//! `bitext convert`: turn memories and review tables into one another.

use std::path::PathBuf;

use bitext::tm::{Format, Sink, TableOptions};

/// Convert between TMX, CSV, TSV and JSON Lines (formats from the file extensions).
///
/// Several inputs are merged in the order given, identical (source, target) pairs kept once.
/// A reviewed CSV becomes a memory: rows marked `reject` and unaligned rows are dropped,
/// edited texts are kept, and units a person edited (`review` column, as the review page
/// saves it) or accepted (`status` ok) carry an `x-reviewed` prop. From a multilingual TMX, --src-lang and --tgt-lang pick the pair.
///
/// Tables saved by spreadsheets are understood: `,` `;` or tab separators, a byte-order
/// mark or none, windows-1251, quoted fields, header names in any case and order; and
/// .xlsx workbooks (first sheet).
///
/// Examples:
///   bitext convert review.csv -o memory.tmx
///   bitext convert doc.reviewed.csv -o memory.tmx   (saved from the review page)
///   bitext convert review.xlsx -o memory.tmx
///   bitext convert a.tmx b.tmx -o merged.tmx
///   bitext convert memory.tmx -o review.csv
///
/// See docs/tmx-and-cat-tools.md and docs/review.md.
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
    format: Option<bitext::tm::Format>,
    #[command(flatten)]
    langs: super::Langs,
    #[command(flatten)]
    out: super::OutputArgs,
    /// Field separator of CSV inputs (default: sniffed from the header line: `,` `;` or tab).
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Encoding of CSV/TSV inputs (default: UTF-8, or windows-1251 when the bytes are not UTF-8).
    #[arg(long, value_parser = super::parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Keep identical (source, target) pairs: memory then stays flat however many units
    /// stream through (removing duplicates keeps an 8-byte fingerprint per unit).
    #[arg(long)]
    keep_duplicates: bool,
    /// Say nothing when all goes well (warnings are still shown).
    #[arg(short, long)]
    quiet: bool,
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
    // A memory holds each pair once; a review table keeps every row, as in `align`.
    let settings = args
        .out
        .settings(format == Format::Tmx && !args.keep_duplicates);
    if args.out.min_score > 0.0 && format != Format::Tmx {
        eprintln!(
            "bitext: warning: --min-score applies to TMX output only; a review table lists every row (sort it by score)"
        );
    }
    // Units stream from the inputs to the output. The output appears only when every input
    // has been read: a malformed one stops the run and leaves nothing behind.
    let table = TableOptions {
        delimiter: args.delimiter,
        encoding: args.encoding,
        // Memories merged into a memory keep their units as they were; a table says what
        // it cannot hold of them.
        keep_tmx: true,
    };
    let open =
        |path: &PathBuf| bitext::tm::open(path, &args.langs.src_lang, &args.langs.tgt_lang, &table);
    let mut first = Some(open(&args.inputs[0])?);
    // The output keeps the language tags of the first input as they were spelled (a memory's
    // srclang, a table's column names: ru-RU stays ru-RU) when they name the languages
    // asked for and no variant was asked for (`--tgt-lang en-GB` is written as en-GB).
    let same = |tag: &str, want: &bitext::Lang| {
        bitext::Lang::parse(tag)
            .ok()
            .filter(|l| l.primary() == want.primary() && want.as_str() == want.primary())
    };
    let (src, tgt) = (&args.langs.src_lang, &args.langs.tgt_lang);
    let (src_lang, tgt_lang) = match first.as_ref().and_then(|u| u.text_columns()) {
        Some((s, t)) => (
            same(s, src).unwrap_or_else(|| src.clone()),
            same(t, tgt).unwrap_or_else(|| tgt.clone()),
        ),
        None if format == Format::Tmx
            && Format::from_path(&args.inputs[0]) == Some(Format::Tmx) =>
        {
            let header = bitext::tm::tmx_reader::header_srclang(&args.inputs[0]);
            (
                header
                    .and_then(|tag| same(&tag, src))
                    .unwrap_or_else(|| src.clone()),
                tgt.clone(),
            )
        }
        None => (src.clone(), tgt.clone()),
    };
    let mut sink = Sink::create(&args.output, format, &src_lang, &tgt_lang, &settings)?;
    for path in &args.inputs {
        let units = match first.take() {
            Some(units) => units,
            None => open(path)?,
        };
        if !units.unused_columns().is_empty() {
            let names: Vec<String> = units
                .unused_columns()
                .iter()
                .map(|c| format!("'{c}'"))
                .collect();
            eprintln!(
                "bitext: warning: {}: left out {} that a review table does not hold: {}",
                path.display(),
                if names.len() == 1 {
                    "a column"
                } else {
                    "columns"
                },
                bitext::output::first_of(names.into_iter(), 6)
            );
        }
        if format == Format::Tmx && units.is_table() {
            // A review table (small, read whole anyway): the suggested links a reviewer
            // accepted become units; the others stay unaligned rows, never units.
            let rows = units.collect::<bitext::Result<Vec<_>>>()?;
            for unit in bitext::tm::review::accept_suggestions(rows) {
                sink.write_unit(&unit)?;
            }
            continue;
        }
        for unit in units {
            sink.write_unit(&unit?)?;
        }
    }
    let report = sink.finish()?;
    for line in report.notes() {
        if !args.quiet || line.warning {
            eprintln!("bitext: {line}");
        }
    }
    if args.quiet {
        return Ok(0);
    }
    eprintln!(
        "bitext: wrote {} {}{} to {}",
        report.written,
        if format == Format::Tmx { "unit" } else { "row" },
        if report.written == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(0)
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        _ => Err(format!("'{s}' is not a separator (use , ; or tab)")),
    }
}
