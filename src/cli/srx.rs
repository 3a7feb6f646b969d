//! `bitext srx`: write the built-in segmentation rules as one SRX 2.0 file.

use std::path::PathBuf;

use bitext::Lang;

/// Write the built-in sentence-splitting rules as SRX 2.0, for a CAT tool to load.
///
/// OmegaT, Trados and memoQ then cut new documents into the same sentences the translation
/// memory holds. The file's comments list what SRX cannot express. Examples:
///   bitext srx -o bitext.srx
///   bitext srx --lang ru -o bitext-ru.srx
///   bitext split --lang en --srx bitext.srx article.en.txt
///
/// See docs/tmx-and-cat-tools.md.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Where to write the rules; `-` writes to standard output.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Only the rules of this language (ru or en); both when absent.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    let lang = Lang::parse(s)?;
    match lang.primary() {
        "ru" | "en" => Ok(lang),
        other => Err(format!("no built-in rules for '{other}' (use ru or en)")),
    }
}

/// Runs `bitext srx`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let langs: Vec<&str> = match &args.lang {
        Some(lang) => vec![lang.primary()],
        None => vec!["ru", "en"],
    };
    let srx = bitext::segment::srx_export::to_srx(&langs);
    bitext::output::write_atomic(&args.output, |w| w.write_all(srx.as_bytes()))?;
    Ok(0)
}
