//! `bitext batch`: align a whole corpus in parallel, with progress and a summary.

use std::fmt::Write as _;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use bitext::batch::{discover, BatchOptions, Event};
use bitext::sides::Sides;
use bitext::summary::{Outcome, Summary};

/// Align every document pair of a corpus, in parallel.
///
/// INPUT is a folder of NAME.ru.txt / NAME.en.txt pairs (also NAME_ru.docx, NAME-RU.html,
/// NAME.rus.pdf, NAME.ru; any format bitext reads), a folder with ru/ and en/ (or rus/ and
/// eng/) subfolders of same-named files, or a manifest TSV: src_path<TAB>tgt_path per line,
/// or a header line naming the columns first:
///   src_path<TAB>tgt_path<TAB>name<TAB>src_encoding<TAB>tgt_encoding
/// Files without a partner are listed as rows of summary.csv; paired_by says which rule
/// paired each document.
/// OUTDIR receives:
///   memory.tmx    every translation unit, with the document in an x-document prop
///   review.csv    one review table for the whole corpus, a `document` column first
///   summary.csv   per document: sentences, links by type, mean score, low scores,
///                 expected wrong rows (the sum of 1 - score), unaligned sentences,
///                 warnings, errors
///   review.xlsx   with --xlsx: the same table as an Excel workbook
///   report/       with --report: an HTML review page per document and index.html
/// Output is identical whatever --jobs is. A pair that fails is reported and skipped;
/// the exit code is then 1.
///
/// With --jsonl, JSON Lines of pairs are read on stdin
///   {"id": "...", "src": "text", "tgt": "text", "src_lang": "ru", "tgt_lang": "en"}
/// and units are written on stdout as JSON Lines, one document's units together, flushed
/// per document. A sentence left unaligned comes back too, with "status": "unaligned"
/// (page chrome with "status": "chrome"), so every sentence of a pair is returned once;
/// a failed pair gives {"id": "...", "error": "..."}. This is the interface of Spark's
/// RDD.pipe, Hadoop Streaming and GNU parallel.
///
/// Examples:
///   bitext batch corpora/pairs -o out
///   bitext batch manifest.tsv -o out --jobs 8 --min-score 0.3
///   bitext batch site/ru site/en -o out --pair-by content
///   cat pairs.jsonl | bitext batch --jsonl > units.jsonl
///
/// See docs/batch.md.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Folder of pairs or manifest TSV (not with --jsonl, which reads standard input);
    /// with --pair-by content, the folder of source documents.
    #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
    input: Option<PathBuf>,
    /// With --pair-by content: the folder of target documents.
    tgt_dir: Option<PathBuf>,
    /// How documents are paired: by `name` (NAME.ru.txt / NAME.en.txt, ru/ and en/
    /// subfolders, a manifest) or by `content` (INPUT and TGT_DIR are two folders of
    /// unrelated names; pairs are found as `bitext pair` finds them, written to
    /// OUTDIR/manifest.tsv and OUTDIR/manifest.unpaired.tsv, and their score fills the
    /// pair_score column of summary.csv).
    #[arg(long, value_enum, default_value_t = PairBy::Name)]
    pair_by: PairBy,
    #[command(flatten)]
    pairing: super::pair::PairingArgs,
    /// Output folder (created if missing).
    #[arg(
        short,
        long,
        required_unless_present = "jsonl",
        conflicts_with = "jsonl"
    )]
    output: Option<PathBuf>,
    /// Read pairs as JSON Lines on stdin and write units as JSON Lines on stdout.
    #[arg(long)]
    jsonl: bool,
    /// Pairs aligned at once (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    #[command(flatten)]
    langs: super::Langs,
    #[command(flatten)]
    out: super::OutputArgs,
    #[command(flatten)]
    read: super::ReadArgs,
    /// Also write the review table as an Excel workbook, OUTDIR/review.xlsx (one sheet,
    /// a `document` column first, like review.csv).
    #[arg(long)]
    xlsx: bool,
    /// Also write HTML review pages into DIR (default OUTDIR/report; a relative DIR is
    /// inside OUTDIR): NAME.html per document and index.html with the summary table.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "report")]
    report: Option<PathBuf>,
    /// Learn one lexicon of stem pairs over the whole corpus first (from the confident
    /// one-to-one links of a first alignment of every pair) and align every pair with it.
    #[arg(long, conflicts_with = "lexicon")]
    learn_lexicon: bool,
    /// Write the lexicon learned over the corpus to FILE (implies --learn-lexicon); reuse it
    /// on another corpus with --lexicon FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "lexicon")]
    save_lexicon: Option<PathBuf>,
    /// Replace files in OUTDIR that bitext did not write there, or that changed since it
    /// did (a review table someone edited, their own memory.tmx). Without it such a file is
    /// kept and this run's version is written beside it as NAME.new.EXT, with a warning.
    #[arg(long)]
    force: bool,
    /// No progress bar and no summary table.
    #[arg(short, long)]
    quiet: bool,
}

/// How `batch` finds its document pairs.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairBy {
    /// By file names (or a manifest).
    Name,
    /// By what the documents say (two folders of unrelated names).
    Content,
}

/// Runs `bitext batch`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let pool = super::pool(args.jobs)?;
    let mut opts = BatchOptions {
        pair: args.read.options(&args.langs)?,
        src_lang: args.langs.src_lang.clone(),
        tgt_lang: args.langs.tgt_lang.clone(),
        min_score: args.out.min_score,
        keep_chrome: args.out.keep_chrome,
        bom: !args.out.no_bom,
        creator: args.out.creator.clone(),
        xlsx: args.xlsx,
        report: args.report.clone(),
        force: args.force,
        also_written: Vec::new(),
        inputs: Vec::new(),
    };
    if args.jsonl {
        let totals = pool.install(|| {
            bitext::batch::jsonl::stream(
                std::io::BufReader::new(std::io::stdin()),
                std::io::BufWriter::new(std::io::stdout().lock()),
                &opts,
            )
        })?;
        if totals.failed > 0 {
            eprintln!("bitext: {} of {} pairs failed", totals.failed, totals.pairs);
            return Ok(1);
        }
        return Ok(0);
    }
    let input = args.input.as_deref().expect("clap requires it");
    let outdir = args.output.as_deref().expect("clap requires it");
    let found = match args.pair_by {
        PairBy::Name => {
            if let Some(extra) = &args.tgt_dir {
                anyhow::bail!(
                    "{}: a second folder is only read with --pair-by content",
                    extra.display()
                );
            }
            if input.is_file() {
                // A manifest (perhaps one an earlier run wrote into the output folder) and its
                // list of unpaired files are this run's input, never its stale outputs.
                opts.inputs = vec![input.to_path_buf(), bitext::pair::unpaired_path(input)];
            }
            discover(input, &opts.src_lang, &opts.tgt_lang)?
        }
        PairBy::Content => {
            let Some(tgt_dir) = &args.tgt_dir else {
                anyhow::bail!(
                    "--pair-by content takes two folders: bitext batch SRC_DIR TGT_DIR -o OUTDIR --pair-by content"
                );
            };
            let dict = opts.pair.align.dict.as_ref();
            let pairing_opts = super::pair::options(&args.read.document, dict, &args.pairing);
            let progress = super::pair::progress_bar(args.quiet);
            let (pairing, found) = pool.install(|| {
                bitext::pair::discover_by_content(
                    Sides::new(input, tgt_dir),
                    Sides::new(&opts.src_lang, &opts.tgt_lang),
                    &pairing_opts,
                    super::pair::show(&progress),
                )
            })?;
            progress.finish_and_clear();
            bitext::output::create_dir_all(outdir)?;
            let manifest = manifest_path(outdir, args.force);
            super::pair::write(&manifest, &pairing, &args.langs)?;
            let written = [manifest.clone(), bitext::pair::unpaired_path(&manifest)];
            // Recorded at once, so a later run knows them as bitext's own even if this one
            // stops before its outputs are in place.
            let mut record = bitext::batch::record::Record::load(outdir);
            for p in &written {
                record.add(p);
            }
            record.save()?;
            opts.also_written.extend(written);
            if pairing.pairs.is_empty() {
                anyhow::bail!(
                    "{}: no pair of documents scored {} or more; nothing to align",
                    input.display(),
                    args.pairing.pair_min_score
                );
            }
            found
        }
    };
    if !args.quiet {
        let rules: Vec<String> = found
            .rules()
            .iter()
            .map(|(rule, n)| format!("{rule} ({n})"))
            .collect();
        eprintln!(
            "bitext: {} pairs found by {}",
            found.pairs.len(),
            rules.join(", ")
        );
    }
    // Content pairing has said this already, naming manifest.unpaired.tsv.
    if !found.unpaired.is_empty() && args.pair_by == PairBy::Name {
        let list: Vec<String> = found
            .unpaired
            .iter()
            .map(|u| u.path.display().to_string())
            .collect();
        eprintln!(
            "bitext: warning: {} files without a partner, not aligned (listed in summary.csv): {}",
            list.len(),
            list.join(", ")
        );
    }
    let pairs = &found.pairs;
    if args.learn_lexicon || args.save_lexicon.is_some() {
        if !args.quiet {
            eprintln!("bitext: learning a lexicon over {} pairs", pairs.len());
        }
        let lexicon = pool.install(|| bitext::batch::learn_lexicon(&found, &opts));
        if let Some(path) = &args.save_lexicon {
            bitext::output::write_atomic(path, |w| w.write_all(lexicon.to_tsv().as_bytes()))?;
        }
        if !args.quiet {
            eprintln!(
                "bitext: learned {} stem pairs{}",
                lexicon.pairs.len(),
                args.save_lexicon
                    .as_ref()
                    .map(|p| format!(", saved to {}", p.display()))
                    .unwrap_or_default()
            );
        }
        opts.pair.align.lexicon = Some(lexicon);
    }
    let progress = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(pairs.len() as u64)
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} pairs, {msg}, ETA {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let started = std::time::Instant::now();
    let mut sentences = 0usize;
    let run = pool.install(|| {
        bitext::batch::run(&found, &opts, outdir, |event| match event {
            Event::Aligned { sentences: n, .. } => {
                sentences += n;
                progress.inc(1);
                let rate = sentences as f64 / started.elapsed().as_secs_f64().max(1e-9);
                progress.set_message(format!("{rate:.0} sentences/s"));
            }
            Event::Warning { name, warning } => {
                progress.suspend(|| eprintln!("bitext: warning: {name}: {warning}"))
            }
            Event::Failed { error, .. } => {
                progress.suspend(|| eprintln!("bitext: {error}"));
                progress.inc(1);
            }
        })
    })?;
    progress.finish_and_clear();
    if run.nothing_written {
        eprintln!(
            "bitext: {} of {} pairs failed; nothing was written, {} is as it was",
            run.failed,
            pairs.len(),
            outdir.display()
        );
        return Ok(1);
    }
    for line in &run.notes {
        eprintln!("bitext: {line}");
    }
    if !run.kept.is_empty() {
        eprintln!("bitext: warning: {}", kept(&run.kept));
    }
    if !run.left_alone.is_empty() {
        eprintln!("bitext: warning: {}", left_alone(&run.left_alone));
    }
    let hour = std::time::Duration::from_secs(3600);
    let (stale, bytes) = bitext::output::stale_parts(outdir, hour);
    if !stale.is_empty() {
        eprintln!(
            "bitext: warning: {} holds {} temporary file{} ({:.1} MB) untouched for over an hour, left by a run that was killed, which bitext does not remove: {}",
            outdir.display(),
            stale.len(),
            if stale.len() == 1 { "" } else { "s" },
            bytes as f64 / 1e6,
            bitext::output::first_of(stale.iter().map(|p| p.display().to_string()), 3)
        );
    }
    if !run.removed.is_empty() && !args.quiet {
        eprintln!(
            "bitext: removed {} that an earlier run wrote and this one does not: {}",
            if run.removed.len() == 1 {
                "1 file".to_string()
            } else {
                format!("{} files", run.removed.len())
            },
            bitext::output::first_of(run.removed.iter().map(|p| p.display().to_string()), 10)
        );
    }
    if !args.quiet {
        let mut text = summary_table(&run.summaries);
        let _ = writeln!(
            text,
            "{} pairs, {} sentences, {} translation units in {:.2}s -> {}",
            pairs.len(),
            run.sentences,
            run.units,
            started.elapsed().as_secs_f64(),
            outdir.display()
        );
        super::print(&text)?;
    }
    // Files content pairing could not read were listed as it went: they fail the run too.
    let unreadable = found.unpaired.iter().filter(|u| u.unreadable).count();
    if run.failed > 0 || unreadable > 0 {
        let mut parts = Vec::new();
        if run.failed > 0 {
            parts.push(format!("{} of {} pairs failed", run.failed, pairs.len()));
        }
        if unreadable > 0 {
            parts.push(format!(
                "{unreadable} {} could not be read (listed in summary.csv)",
                if unreadable == 1 { "file" } else { "files" }
            ));
        }
        eprintln!("bitext: {}", parts.join("; "));
        return Ok(1);
    }
    Ok(0)
}

/// Where content pairing writes its manifest in `outdir`: `manifest.tsv`, unless that (or
/// its `.unpaired.tsv`) holds a file bitext did not write there or that changed since; then
/// `manifest.new.tsv` (or `manifest.new2.tsv`, ...), with a warning naming the kept file.
fn manifest_path(outdir: &std::path::Path, force: bool) -> PathBuf {
    let record = bitext::batch::record::Record::load(outdir);
    let free = |p: &std::path::Path| force || !p.is_file() || record.unchanged(p);
    let usable = |m: &std::path::Path| free(m) && free(&bitext::pair::unpaired_path(m));
    let first = outdir.join("manifest.tsv");
    if usable(&first) {
        return first;
    }
    let mut taken = std::collections::HashSet::new();
    loop {
        let m = bitext::batch::free_beside(&first, &record, &taken);
        if usable(&m) || taken.len() > 1000 {
            let kept = if free(&first) {
                bitext::pair::unpaired_path(&first)
            } else {
                first.clone()
            };
            eprintln!(
                "bitext: warning: kept {} (bitext did not write it, or it changed since); the pairs go to {} (--force replaces it)",
                kept.display(),
                m.display()
            );
            return m;
        }
        taken.insert(m);
    }
}

/// The warning about files kept, with this run's version written beside them.
fn kept(kept: &[bitext::batch::Kept]) -> String {
    let why = |k: &bitext::batch::Kept| {
        if k.edited {
            "changed since bitext wrote it"
        } else {
            "not written by bitext"
        }
    };
    if let [one] = kept {
        return format!(
            "kept {} ({}); this run's version is {} (--force replaces it)",
            one.path.display(),
            why(one),
            one.beside.display()
        );
    }
    let shown = kept.iter().map(|k| {
        format!(
            "{} ({}) -> {}",
            k.path.display(),
            why(k),
            k.beside.display()
        )
    });
    format!(
        "kept {} files, this run's versions beside them as NAME.new.EXT (--force replaces them): {}",
        kept.len(),
        bitext::output::first_of(shown, 10)
    )
}

/// The warning about files a run does not write and did not remove.
fn left_alone(paths: &[PathBuf]) -> String {
    if let [one] = paths {
        return format!(
            "left {} as it is (not written by this run, and not an unchanged output of an earlier one)",
            one.display()
        );
    }
    format!(
        "left {} files as they are (not written by this run, and not unchanged outputs of an earlier one): {}",
        paths.len(),
        bitext::output::first_of(paths.iter().map(|p| p.display().to_string()), 10)
    )
}

/// The per-document summary as a table for the terminal.
fn summary_table(rows: &[Summary]) -> String {
    let mut out = String::new();
    let width = rows
        .iter()
        .map(|s| s.document.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let _ = writeln!(
        out,
        "{:width$}  {:>5} {:>5}  {:>4} {:>4} {:>4} {:>5}  {:>5} {:>5}  {:>5} {:>4} {:>6}",
        "document",
        "src",
        "tgt",
        "1-1",
        "2-1",
        "1-2",
        "other",
        "unsrc",
        "untgt",
        "score",
        "low",
        "wrong?"
    );
    for s in rows {
        if !s.error.is_empty() {
            let label = if s.outcome == Outcome::NotAligned {
                ""
            } else {
                "FAILED: "
            };
            let _ = writeln!(out, "{:width$}  {label}{}", s.document, s.error);
            continue;
        }
        let _ = writeln!(
            out,
            "{:width$}  {:>5} {:>5}  {:>4} {:>4} {:>4} {:>5}  {:>5} {:>5}  {:>5} {:>4} {:>6}",
            s.document,
            s.src_sentences,
            s.tgt_sentences,
            s.one_to_one,
            s.two_to_one,
            s.one_to_two,
            s.other,
            s.unaligned_src,
            s.unaligned_tgt,
            s.mean_score,
            s.low_score,
            s.expected_wrong
        );
    }
    out
}
