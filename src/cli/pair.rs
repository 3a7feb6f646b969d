//! `bitext pair`: pair the documents of two folders by content into a manifest.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use bitext::pair::{Pairing, PairingOptions};
use bitext::sides::Sides;

/// Pair the documents of two folders by content, when their file names do not match.
///
/// SRC_DIR and TGT_DIR are searched recursively for documents (.txt, .html, .docx, .odt,
/// .pdf, ...). Every document is fingerprinted by what survives translation: numbers and
/// dates, names and cognates (Cyrillic transliterated), dictionary pairs with --dict, its
/// title and size. Pairs are matched one to one, best score first; a pair scoring below
/// --pair-min-score (default 0.3) is not made.
///
/// Writes OUTPUT: src_path<TAB>tgt_path<TAB>score per pair, best first (paths inside
/// OUTPUT's folder relative to it), ready for `bitext batch OUTPUT -o OUTDIR`; documents
/// without a partner go to OUTPUT's NAME.unpaired.tsv (lang<TAB>path) and are counted
/// in a warning. Exit code 1 when no pair was found.
///
/// Examples:
///   bitext pair site/ru site/en -o manifest.tsv
///   bitext batch manifest.tsv -o out
///
/// See docs/batch.md.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Folder of source-language documents.
    src_dir: PathBuf,
    /// Folder of target-language documents.
    tgt_dir: PathBuf,
    /// The manifest to write.
    #[arg(short, long)]
    output: PathBuf,
    #[command(flatten)]
    langs: super::Langs,
    #[command(flatten)]
    pairing: PairingArgs,
    #[command(flatten)]
    document: super::DocumentArgs,
    /// Documents read at once (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
}

/// The flags of content pairing that `pair` and `batch --pair-by content` share.
#[derive(clap::Args, Debug, Clone)]
pub struct PairingArgs {
    /// Pairs scoring below this (0 to 1) are not made; their documents are listed as
    /// unpaired.
    #[arg(long, value_name = "X", default_value_t = bitext::pair::THRESHOLD, value_parser = super::parse_score)]
    pub pair_min_score: f32,
}

/// Runs `bitext pair`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let pool = super::pool(args.jobs)?;
    let dict = args.document.dictionary(&args.langs)?;
    let opts = options(&args.document, dict.as_ref(), &args.pairing);
    let progress = progress_bar(args.quiet);
    let pairing = pool.install(|| {
        bitext::pair::pair_folders(
            Sides::new(&args.src_dir, &args.tgt_dir),
            args.langs.sides(),
            &opts,
            show(&progress),
        )
    })?;
    progress.finish_and_clear();
    let left_out = write(&args.output, &pairing, &args.langs)?;
    if pairing.pairs.is_empty() {
        eprintln!(
            "bitext: no pair of documents scored {} or more",
            args.pairing.pair_min_score
        );
        return Ok(1);
    }
    if !args.quiet {
        let written = pairing.pairs.len() - left_out;
        eprintln!("{written} pairs -> {}", args.output.display());
    }
    Ok(0)
}

/// The library's pairing options from the shared reading flags and `--pair-min-score`.
pub fn options<'a>(
    document: &super::DocumentArgs,
    dict: Option<&'a bitext::align::Dictionary>,
    pairing: &PairingArgs,
) -> PairingOptions<'a> {
    PairingOptions {
        read: document.read_options(),
        lexicon: dict.map(|d| d as &dyn bitext::pair::Lexicon),
        threshold: pairing.pair_min_score,
    }
}

/// A progress bar of documents read on standard error, hidden when `quiet`.
pub fn progress_bar(quiet: bool) -> ProgressBar {
    let progress = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents read, ETA {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    progress
}

/// Shows pairing's events on `progress`, and reports unreadable files.
pub fn show(progress: &ProgressBar) -> impl FnMut(bitext::pair::Event<'_>) + '_ {
    move |event| match event {
        bitext::pair::Event::Found { documents } => progress.set_length(documents as u64),
        bitext::pair::Event::Read { .. } => progress.inc(1),
        bitext::pair::Event::Skipped { error } => {
            progress.suspend(|| eprintln!("bitext: {error} (skipped)"));
            progress.inc(1);
        }
    }
}

/// Writes the manifest and the unpaired list beside it, warning about documents left out;
/// returns how many pairs the manifest could not name.
pub fn write(output: &Path, pairing: &Pairing, langs: &super::Langs) -> anyhow::Result<usize> {
    // The manifest's folder is made if missing, as `batch -o` makes its own.
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !bitext::output::is_stream(output) {
            bitext::output::create_dir_all(dir)?;
        }
    }
    let unnamed = bitext::pair::write_manifest(output, pairing)?;
    if !unnamed.is_empty() {
        let shown: Vec<String> = (unnamed.iter())
            .flat_map(|(s, t)| [s.display().to_string(), t.display().to_string()])
            .collect();
        eprintln!(
            "bitext: warning: {} pairs left out of {}: a manifest line cannot name their files as they are (not UTF-8, or holding a tab or line break); rename them: {}",
            unnamed.len(),
            output.display(),
            bitext::output::first_of(shown.into_iter(), 10)
        );
    }
    let (s, t) = (pairing.unpaired_src.len(), pairing.unpaired_tgt.len());
    if bitext::output::is_stream(output) {
        // A manifest on standard output has no folder for its list: the warning names them.
        if s + t > 0 {
            let all: Vec<String> = (pairing.unpaired_src.iter())
                .chain(&pairing.unpaired_tgt)
                .map(|p| p.display().to_string())
                .collect();
            eprintln!(
                "bitext: warning: {} documents without a partner: {}",
                s + t,
                bitext::output::first_of(all.into_iter(), 10)
            );
        }
        return Ok(unnamed.len());
    }
    let unpaired = bitext::pair::unpaired_path(output);
    bitext::pair::write_unpaired(&unpaired, pairing, &langs.src_lang, &langs.tgt_lang)?;
    if s + t > 0 {
        let doubtful = match pairing.doubtful.len() {
            0 => String::new(),
            n => format!(
                "; {n} doubtful pairs not made, listed with the best candidate and its score"
            ),
        };
        eprintln!(
            "bitext: warning: {} documents without a partner ({s} {}, {t} {}), listed in {}{doubtful}",
            s + t,
            langs.src_lang,
            langs.tgt_lang,
            unpaired.display()
        );
    }
    Ok(unnamed.len())
}
