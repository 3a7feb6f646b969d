//! Command-line interface: one file per subcommand, shared plumbing here.

use clap::{Parser, Subcommand};

mod align;
mod batch;
mod convert;
mod eval;
mod pair;
mod split;
mod srx;

/// Turn Russian and English versions of the same articles into translation memories.
///
/// Typical use:
///   bitext split --lang ru article.ru.txt                  the sentences that will be aligned
///   bitext align article.ru.txt article.en.txt -o memory.tmx
///   bitext align article.ru.txt article.en.txt -o review.csv   a table to review in a spreadsheet
///   bitext convert review.csv -o memory.tmx                the reviewed table back to a memory
///   bitext batch corpus/ -o out                            a whole folder of pairs
///
/// Every command has --help with examples.
#[derive(Parser, Debug)]
#[command(
    name = "bitext",
    version,
    about,
    long_about,
    verbatim_doc_comment,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Split(split::Args),
    Align(align::Args),
    Batch(batch::Args),
    Pair(pair::Args),
    Convert(convert::Args),
    Eval(eval::Args),
    Srx(srx::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    // Ctrl-C, `kill` (SIGTERM) or a closed terminal (SIGHUP): remove unfinished temporary
    // outputs, so no half-written file is left behind, and say what the run did leave.
    let _ = ctrlc::set_handler(|| {
        let left = bitext::output::remove_pending();
        eprintln!("bitext: interrupted; {left}");
        std::process::exit(130);
    });
    let result = match cli.command {
        Command::Split(args) => split::run(args),
        Command::Align(args) => align::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Pair(args) => pair::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Srx(args) => srx::run(args),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`| head -1`): a normal end, as for ripgrep.
        Err(err) if broken_pipe(&err) => 0,
        Err(err) => {
            eprintln!("bitext: {}", message(&err));
            2
        }
    }
}

/// An error and its causes on one line, as anyhow's `{:#}` writes them, ending at the first
/// of bitext's own errors: its cause already says in words what its source says in detail.
fn message(err: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for e in err.chain() {
        parts.push(e.to_string());
        if e.downcast_ref::<bitext::Error>().is_some() {
            break;
        }
    }
    parts.join(": ")
}

/// Refuses to write `output` over one of the files the run reads: the document would be
/// gone, replaced by what was made of it.
pub fn not_an_input(output: &std::path::Path, inputs: &[&std::path::Path]) -> anyhow::Result<()> {
    if bitext::output::is_stream(output) {
        return Ok(());
    }
    if inputs.iter().any(|i| bitext::output::same_file(i, output)) {
        anyhow::bail!(
            "{}: this is an input of the run; write the output to another file",
            output.display()
        );
    }
    Ok(())
}

/// Writes text to standard output, returning the error a closed pipe gives (`| head -1`)
/// instead of panicking as `println!` does, so that the run ends quietly.
pub fn print(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Whether an error is a write into a pipe whose reader has gone.
fn broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<bitext::Error>()
            .is_some_and(|e| e.is_broken_pipe())
            || e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A thread pool of `jobs` threads (default: all cores).
pub fn pool(jobs: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    Ok(rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?)
}

/// Parses an `--encoding` value.
pub fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    bitext::document::encoding_for_label(label).ok_or_else(|| {
        format!(
            "unknown encoding '{label}' (use one of: {})",
            bitext::document::ENCODING_NAMES
        )
    })
}

/// Parses a score threshold (`--min-score`, `--pair-min-score`): a number from 0 to 1.
pub fn parse_score(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err("scores run from 0 to 1".to_string()),
        Err(_) => Err("not a number (scores run from 0 to 1)".to_string()),
    }
}

/// The output format: `--format` if given, else the extension of `path`, else `default`
/// for standard output and other streams (a device, a FIFO).
pub fn output_format(
    flag: Option<bitext::tm::Format>,
    path: &std::path::Path,
    default: bitext::tm::Format,
) -> anyhow::Result<bitext::tm::Format> {
    if let Some(f) = flag {
        return Ok(f);
    }
    if bitext::output::is_stream(path) {
        return Ok(bitext::tm::Format::from_path(path).unwrap_or(default));
    }
    bitext::tm::Format::from_path(path).ok_or_else(|| {
        anyhow::anyhow!(
            "{}: cannot tell the format from the extension (use .tmx, .csv, .tsv, .xlsx, .jsonl, .links or --format)",
            path.display()
        )
    })
}

/// The language pair of a command: BCP-47 tags, which also name the TMX `xml:lang`, the
/// review-table columns and, in batch mode, the file suffixes looked for (NAME.ru.txt).
#[derive(clap::Args, Debug, Clone)]
pub struct Langs {
    /// Source language (BCP-47 tag such as ru or ru-RU).
    #[arg(long, default_value = "ru", value_parser = bitext::Lang::parse)]
    pub src_lang: bitext::Lang,
    /// Target language (BCP-47 tag such as en or en-GB).
    #[arg(long, default_value = "en", value_parser = bitext::Lang::parse)]
    pub tgt_lang: bitext::Lang,
}

impl Langs {
    /// The two languages as one pair of sides.
    pub fn sides(&self) -> bitext::sides::Sides<&bitext::Lang> {
        bitext::sides::Sides::new(&self.src_lang, &self.tgt_lang)
    }
}

/// How documents are read whatever their format: the format override and the notes of
/// office files.
#[derive(clap::Args, Debug, Clone)]
pub struct DocFlags {
    /// Read the inputs as this format instead of telling it from their content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<bitext::document::Format>,
    /// Leave footnotes and endnotes of DOCX, ODT, PDF and HTML files out (they follow the body otherwise).
    #[arg(long)]
    pub no_notes: bool,
    /// The most megabytes one part of a DOCX or ODT file may inflate to (default 256); a
    /// part beyond it, or a hundred times its packed size beyond a sixteenth of it, is refused
    /// as a zip bomb.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub max_inflate: u64,
}

impl DocFlags {
    /// The inflation limit in bytes.
    pub fn max_inflate_bytes(&self) -> u64 {
        self.max_inflate.saturating_mul(1 << 20).max(1)
    }
}

/// How documents are read and compared: the flags `align`, `batch` and `pair` share.
#[derive(clap::Args, Debug, Clone)]
pub struct DocumentArgs {
    /// Decode every input with this encoding instead of detecting it (utf-8, windows-1251,
    /// koi8-r, cp866, iso-8859-5, maccyrillic, utf-16le, utf-16be).
    #[arg(long, value_parser = parse_encoding, value_name = "ENCODING")]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Remove page chrome (menus, print links, foreign-script lines) before aligning or
    /// pairing.
    #[arg(long)]
    pub drop_foreign: bool,
    /// A bilingual dictionary: a dictd index as installed (e.g. `apt install mueller7-dict`,
    /// then --dict /usr/share/dictd/mueller7.index), hunalign's `target @ source` lines or
    /// `source<TAB>target`. Words match through their stems; in pairing, its word pairs
    /// count as shared features.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub doc: DocFlags,
}

impl DocumentArgs {
    /// The library's reading options.
    pub fn read_options(&self) -> bitext::document::ReadOptions {
        bitext::document::ReadOptions {
            encoding: self.encoding,
            drop_foreign: self.drop_foreign,
            format: self.doc.input_format,
            no_notes: self.doc.no_notes,
            keep_chrome: false,
            max_inflate: self.doc.max_inflate_bytes(),
        }
    }

    /// The dictionary of `--dict`, loaded for a language pair.
    pub fn dictionary(&self, langs: &Langs) -> anyhow::Result<Option<bitext::align::Dictionary>> {
        Ok(self
            .dict
            .as_deref()
            .map(|p| bitext::align::Dictionary::load(p, &langs.src_lang, &langs.tgt_lang))
            .transpose()?)
    }
}

/// How documents are read, split and aligned: the flags `align` and `batch` share.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Inputs are already one sentence per line (a blank line or a `<p>` line ends a paragraph).
    #[arg(long)]
    pub presegmented: bool,
    #[command(flatten)]
    pub document: DocumentArgs,
    /// Decode the source files with this encoding (over --encoding); the target side is
    /// still detected unless --tgt-encoding or --encoding names one.
    #[arg(long, value_parser = parse_encoding, value_name = "ENCODING")]
    pub src_encoding: Option<&'static encoding_rs::Encoding>,
    /// Decode the target files with this encoding (over --encoding).
    #[arg(long, value_parser = parse_encoding, value_name = "ENCODING")]
    pub tgt_encoding: Option<&'static encoding_rs::Encoding>,
    /// Split with SRX 2.0 rules (both languages must have a language map in the file).
    #[arg(long, value_name = "FILE")]
    pub srx: Option<std::path::PathBuf>,
    /// A lexicon of stem pairs (`source stem<TAB>target stem<TAB>weight` lines), such as one
    /// learned over a corpus; it counts as evidence beside the one each document learns.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<std::path::PathBuf>,
}

impl ReadArgs {
    /// The library's options for a language pair, with the SRX rules and dictionary loaded.
    pub fn options(&self, langs: &Langs) -> anyhow::Result<bitext::pipeline::PairOptions> {
        let srx = |lang: &bitext::Lang| {
            self.srx
                .as_deref()
                .map(|p| bitext::segment::SrxRules::load(p, lang.as_str()))
                .transpose()
        };
        Ok(bitext::pipeline::PairOptions {
            read: self.document.read_options(),
            presegmented: self.presegmented,
            src_encoding: self.src_encoding,
            tgt_encoding: self.tgt_encoding,
            src_srx: srx(&langs.src_lang)?,
            tgt_srx: srx(&langs.tgt_lang)?,
            align: bitext::align::AlignOptions {
                dict: self.document.dictionary(langs)?,
                lexicon: self
                    .lexicon
                    .as_deref()
                    .map(bitext::align::Lexicon::load)
                    .transpose()?,
                ..bitext::align::AlignOptions::default()
            },
        })
    }
}

/// What goes into a memory or review table and whom its units are credited to: the flags
/// `align`, `batch` and `convert` share.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// Leave out translation units scoring below this (0 to 1) from TMX output (and from the
    /// records of `batch --jsonl`); review tables always list every row, and units a
    /// reviewer edited or accepted are kept. A
    /// score is the chance that the unit is right: units scored 0.9 or more are right about
    /// 99 times in 100 (docs/scores.md).
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_score)]
    pub min_score: f32,
    /// Let page chrome (menus, print links) and text in the wrong script become translation
    /// units; without it they are only listed in review tables, marked `chrome`.
    #[arg(long)]
    pub keep_chrome: bool,
    /// Write CSV without the UTF-8 byte-order mark that spreadsheets need to see Cyrillic.
    #[arg(long)]
    pub no_bom: bool,
    /// The `creationid` and `changeid` of TMX units (default: the user's login name).
    #[arg(long, value_name = "NAME")]
    pub creator: Option<String>,
}

impl OutputArgs {
    /// The library's write settings; `dedupe` writes identical pairs once.
    pub fn settings(&self, dedupe: bool) -> bitext::tm::WriteSettings {
        bitext::tm::WriteSettings {
            min_score: self.min_score,
            keep_chrome: self.keep_chrome,
            bom: !self.no_bom,
            dedupe,
            creator: self.creator.clone(),
        }
    }
}
