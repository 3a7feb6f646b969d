//! Command-line interface: one file per subcommand, shared plumbing here.

use clap::{Parser, Subcommand};

mod align;
mod batch;
mod convert;
mod eval;
mod split;

/// Turn Russian and English versions of the same articles into translation memories.
///
/// Typical use:
///   bitext split --lang ru article.ru.txt
///   bitext align article.ru.txt article.en.txt -o memory.tmx
#[derive(Parser, Debug)]
#[command(name = "bitext", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Split(split::Args),
    Align(align::Args),
    Batch(batch::Args),
    Convert(convert::Args),
    Eval(eval::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    // Ctrl-C: remove unfinished temporary outputs, so no half-written file is left behind.
    let _ = ctrlc::set_handler(|| {
        bitext::output::remove_pending();
        eprintln!("bitext: interrupted; no output was written");
        std::process::exit(130);
    });
    let result = match cli.command {
        Command::Split(args) => split::run(args),
        Command::Align(args) => align::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Eval(args) => eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("bitext: {err:#}");
            2
        }
    }
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
            "{}: cannot tell the format from the extension (use .tmx, .csv, .tsv, .jsonl, .links or --format)",
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

/// How documents are read whatever their format: the format override and the notes of
/// office files.
#[derive(clap::Args, Debug, Clone)]
pub struct DocFlags {
    /// Read the inputs as this format instead of telling it from their content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<bitext::document::Format>,
    /// Leave footnotes and endnotes of DOCX and ODT files out (they follow the body otherwise).
    #[arg(long)]
    pub no_notes: bool,
}
