//! `bitext split`: print a document one sentence per line, a blank line between paragraphs.

use std::io::Write;
use std::path::PathBuf;

use bitext::document::{self, ReadOptions};
use bitext::segment::{self, Splitter, SrxRules};
use bitext::Lang;

/// Split a document into sentences, one per line, with a blank line between paragraphs.
///
/// The language is guessed from the script when --lang is absent. Examples:
///   bitext split article.ru.txt
///   bitext split --lang en --drop-foreign page.en.txt
///   bitext split --lang ru --srx omegat.srx article.ru.txt
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The document to split; `-` or nothing reads standard input.
    #[arg(default_value = "-")]
    file: PathBuf,
    /// Language of the document (BCP-47: ru, en, ru-RU, ...); guessed when absent.
    #[arg(long, value_parser = Lang::parse)]
    lang: Option<Lang>,
    /// Decode with this encoding instead of detecting it (utf-8, windows-1251, koi8-r, utf-16le).
    #[arg(long, value_parser = super::parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Remove page chrome: lines in the other script (a Russian menu on an English page) and
    /// known site furniture ("Печать E-mail", "« Пред. След. »").
    #[arg(long)]
    drop_foreign: bool,
    /// Split with the rules of an SRX 2.0 file (as exported from OmegaT, Okapi, LanguageTool).
    #[arg(long, value_name = "FILE")]
    srx: Option<PathBuf>,
}

/// Runs `bitext split`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let opts = ReadOptions {
        encoding: args.encoding,
        drop_foreign: args.drop_foreign,
    };
    let bytes = document::read_bytes(&args.file)?;
    let (text, encoding) = document::decode(&bytes, opts.encoding)
        .map_err(|cause| bitext::Error::new(&args.file, cause))?;
    let lang = args.lang.unwrap_or_else(|| Lang::guess(&text));
    let doc = document::parse(
        &args.file.display().to_string(),
        encoding,
        &text,
        &lang,
        &opts,
    );
    let srx = args
        .srx
        .as_ref()
        .map(|path| SrxRules::load(path, lang.as_str()))
        .transpose()?;
    let splitter = match &srx {
        Some(rules) => Splitter::Srx(rules),
        None => Splitter::builtin(&lang),
    };
    let sentences = segment::split_document(&doc, &splitter);
    bitext::pipeline::require_text(&args.file, &sentences)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut last = None;
    for s in &sentences {
        if last.is_some_and(|p| p != s.paragraph) {
            writeln!(out)?;
        }
        writeln!(out, "{}", s.text)?;
        last = Some(s.paragraph);
    }
    out.flush()?;
    Ok(0)
}
