//! `bitext split`: print a document one sentence per line, a blank line between paragraphs.

use std::io::Write;
use std::path::PathBuf;

use bitext::document::{self, ReadOptions};
use bitext::segment::{self, Splitter, SrxRules};
use bitext::Lang;

/// Split a document into sentences, one per line, with a blank line between paragraphs.
///
/// Plain text, HTML pages, DOCX, ODT and PDF are read (the format is told from the content);
/// what is printed is the text the aligner splits, split as it splits it. On an HTML page the
/// menus, footers and other parts around the article are printed too, though the aligner
/// leaves them out (--drop-foreign leaves them out here as well, with the lines in the other
/// script). The language is guessed from the script when --lang is absent. Examples:
///   bitext split article.ru.txt
///   bitext split --lang en --drop-foreign page.en.html
///   bitext split --lang en --drop-foreign --show-dropped page.en.html
///   bitext split --lang ru article.ru.docx
///   bitext split --lang ru --srx omegat.srx article.ru.txt
///
/// See docs/splitting.md.
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
    /// With --drop-foreign: list the removed page chrome on stderr, one `dropped:` line each.
    #[arg(long, requires = "drop_foreign")]
    show_dropped: bool,
    #[command(flatten)]
    doc: super::DocFlags,
    /// Split with the rules of an SRX 2.0 file (as exported from OmegaT, Okapi, LanguageTool).
    #[arg(long, value_name = "FILE")]
    srx: Option<PathBuf>,
}

/// Runs `bitext split`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let opts = ReadOptions {
        encoding: args.encoding,
        drop_foreign: args.drop_foreign,
        format: args.doc.input_format,
        no_notes: args.doc.no_notes,
        keep_chrome: true,
        max_inflate: args.doc.max_inflate_bytes(),
    };
    let bytes = document::read_bytes(&args.file)?;
    // The language is guessed from the text as read; chrome is only marked, never dropped,
    // while guessing.
    let lang = match &args.lang {
        Some(l) => l.clone(),
        None => {
            let en = Lang::parse("en").expect("en is a tag");
            let probe = ReadOptions {
                drop_foreign: false,
                ..opts.clone()
            };
            let (doc, _) = document::from_bytes(&args.file, &bytes, &en, &probe)?;
            let text: Vec<&str> = doc
                .paragraphs
                .iter()
                .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
                .collect();
            Lang::guess(&text.join("\n"))
        }
    };
    let (doc, warning) = document::from_bytes(&args.file, &bytes, &lang, &opts)?;
    if let Some(w) = warning {
        eprintln!("bitext: warning: {}: {w}", args.file.display());
    }
    if args.show_dropped {
        for d in &doc.dropped {
            eprintln!("dropped: {d}");
        }
    }
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
