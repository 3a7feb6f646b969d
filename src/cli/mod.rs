//! Command-line interface: one file per subcommand, shared plumbing here.

use clap::{Parser, Subcommand};

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
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Split(args) => split::run(args),
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
    bitext::document::encoding_for_label(label)
        .ok_or_else(|| format!("unknown encoding '{label}' (use one of: {})", bitext::document::ENCODING_NAMES))
}
