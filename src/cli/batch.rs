//! `bitext batch`: align a whole corpus in parallel, with progress and a summary.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use bitext::align::{AlignOptions, Dictionary};
use bitext::batch::{discover, PairPaths, Summary};
use bitext::document::ReadOptions;
use bitext::pipeline::{align_files, align_sentences, split, PairOptions};
use bitext::tm::{units, Format, Sink, WriteSettings};
use bitext::Lang;

/// Align every document pair of a corpus, in parallel.
///
/// INPUT is a folder of NAME.ru.txt / NAME.en.txt pairs, a folder with ru/ and en/
/// subfolders of same-named files, or a manifest TSV (src_path<TAB>tgt_path per line).
/// OUTDIR receives:
///   memory.tmx    every translation unit, with the document in an x-document prop
///   review.csv    one review table for the whole corpus, a `document` column first
///   summary.csv   per document: sentences, links by type, mean score, low scores,
///                 unaligned sentences, warnings, errors
///   review.xlsx   with --xlsx: the same table as an Excel workbook
///   report/       with --report: an HTML review page per document and index.html
/// Output is identical whatever --jobs is. A pair that fails is reported and skipped;
/// the exit code is then 1.
///
/// With --jsonl, JSON Lines of pairs are read on stdin
///   {"id": "...", "src": "text", "tgt": "text", "src_lang": "ru", "tgt_lang": "en"}
/// and units are written on stdout as JSON Lines, one document's units together, flushed
/// per document; a failed pair gives {"id": "...", "error": "..."}. This is the interface
/// of Spark's RDD.pipe, Hadoop Streaming and GNU parallel.
///
/// Examples:
///   bitext batch corpora/pairs -o out
///   bitext batch manifest.tsv -o out --jobs 8 --min-score 0.3
///   cat pairs.jsonl | bitext batch --jsonl > units.jsonl
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Folder of pairs or manifest TSV (not used with --jsonl).
    #[arg(required_unless_present = "jsonl")]
    input: Option<PathBuf>,
    /// Output folder (created if missing).
    #[arg(short, long, required_unless_present = "jsonl")]
    output: Option<PathBuf>,
    /// Read pairs as JSON Lines on stdin and write units as JSON Lines on stdout.
    #[arg(long)]
    jsonl: bool,
    /// Pairs aligned at once (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    #[command(flatten)]
    langs: super::Langs,
    /// A bilingual dictionary: hunalign's `target @ source` lines or `source<TAB>target`.
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    /// Leave out translation units scoring below this from memory.tmx.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_score: f32,
    /// Remove page chrome (menus, print links, foreign-script lines) before aligning.
    #[arg(long)]
    drop_foreign: bool,
    /// Inputs are already one sentence per line.
    #[arg(long)]
    presegmented: bool,
    /// Also write the review table as an Excel workbook, OUTDIR/review.xlsx (one sheet,
    /// a `document` column first, like review.csv).
    #[arg(long)]
    xlsx: bool,
    /// Also write HTML review pages: OUTDIR/report/NAME.html per document and
    /// OUTDIR/report/index.html with the summary table linking them.
    #[arg(long)]
    report: bool,
    /// No progress bar and no summary table.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `bitext batch`.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let dict = args.dict.as_deref().map(Dictionary::load).transpose()?;
    let opts = PairOptions {
        read: ReadOptions {
            encoding: None,
            drop_foreign: args.drop_foreign,
        },
        presegmented: args.presegmented,
        align: AlignOptions {
            dict,
            ..AlignOptions::default()
        },
        ..PairOptions::default()
    };
    if args.jsonl {
        return pool.install(|| stream_jsonl(&args, &opts, jobs));
    }
    let input = args.input.as_deref().expect("clap requires it");
    let outdir = args.output.as_deref().expect("clap requires it");
    let found = discover(input, &args.langs.src_lang, &args.langs.tgt_lang)?;
    if !found.unpaired.is_empty() {
        let list: Vec<String> = found
            .unpaired
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprintln!(
            "bitext: warning: {} files without a partner, skipped: {}",
            list.len(),
            list.join(", ")
        );
    }
    std::fs::create_dir_all(outdir).map_err(|e| bitext::Error::io(outdir, &e))?;
    pool.install(|| run_corpus(&args, &opts, &found.pairs, outdir, jobs))
}

fn run_corpus(
    args: &Args,
    opts: &PairOptions,
    pairs: &[PairPaths],
    outdir: &Path,
    jobs: usize,
) -> anyhow::Result<i32> {
    let settings = WriteSettings {
        min_score: args.min_score,
        bom: true,
        dedupe: true,
    };
    // The review table keeps every row, duplicates included.
    let review_settings = WriteSettings {
        dedupe: false,
        ..settings.clone()
    };
    let (src, tgt) = (&args.langs.src_lang, &args.langs.tgt_lang);
    let mut memory = Sink::create(&outdir.join("memory.tmx"), Format::Tmx, src, tgt, &settings)?;
    let mut review = Sink::create(
        &outdir.join("review.csv"),
        Format::Csv,
        src,
        tgt,
        &review_settings,
    )?;
    let mut workbook = if args.xlsx {
        Some(Sink::create(
            &outdir.join("review.xlsx"),
            Format::Xlsx,
            src,
            tgt,
            &review_settings,
        )?)
    } else {
        None
    };
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
    let report_dir = outdir.join("report");
    if args.report {
        std::fs::create_dir_all(&report_dir).map_err(|e| bitext::Error::io(&report_dir, &e))?;
    }
    let started = std::time::Instant::now();
    let mut sentences = 0usize;
    let mut summaries = Vec::with_capacity(pairs.len());
    let mut failed = 0;
    // Pairs go through in chunks: each chunk is aligned in parallel, then written in input
    // order, so output is the same for any --jobs and memory holds one chunk at a time.
    for chunk in pairs.chunks(jobs * 4) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|p| align_files(&p.name, &p.src, &p.tgt, src, tgt, opts))
            .collect();
        for (p, result) in chunk.iter().zip(results) {
            match result {
                Ok(pair) => {
                    for w in &pair.warnings {
                        progress.suspend(|| eprintln!("bitext: warning: {}: {w}", pair.name));
                    }
                    memory.write_pair(&pair)?;
                    review.write_pair(&pair)?;
                    if let Some(book) = workbook.as_mut() {
                        book.write_pair(&pair)?;
                    }
                    if args.report {
                        let page = report_dir
                            .join(format!("{}.html", bitext::report::url_name(&pair.name)));
                        bitext::report::write_pair_report(&page, &pair)?;
                    }
                    sentences += pair.src.len() + pair.tgt.len();
                    summaries.push(Summary::of(&pair));
                }
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("bitext: {e}"));
                    summaries.push(Summary::failed(&p.name, &e.to_string()));
                }
            }
            progress.inc(1);
            let rate = sentences as f64 / started.elapsed().as_secs_f64().max(1e-9);
            progress.set_message(format!("{rate:.0} sentences/s"));
        }
    }
    progress.finish_and_clear();
    let report = memory.finish()?;
    review.finish()?;
    if let Some(book) = workbook {
        book.finish()?;
    }
    bitext::output::write_atomic(&outdir.join("summary.csv"), |w| {
        let mut csv = csv::Writer::from_writer(w);
        for s in &summaries {
            csv.serialize(s).map_err(std::io::Error::other)?;
        }
        csv.flush()
    })?;
    if args.report {
        bitext::report::write_index(&report_dir.join("index.html"), &summaries)?;
    }
    for line in report.notes() {
        eprintln!("bitext: {line}");
    }
    if !args.quiet {
        print_summary(&summaries);
        println!(
            "{} pairs, {} sentences, {} translation units in {:.2}s -> {}",
            pairs.len(),
            sentences,
            report.written,
            started.elapsed().as_secs_f64(),
            outdir.display()
        );
    }
    if failed > 0 {
        eprintln!("bitext: {failed} of {} pairs failed", pairs.len());
        return Ok(1);
    }
    Ok(0)
}

fn print_summary(rows: &[Summary]) {
    let width = rows
        .iter()
        .map(|s| s.document.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    println!(
        "{:width$}  {:>5} {:>5}  {:>4} {:>4} {:>4} {:>5}  {:>5} {:>5}  {:>5} {:>4}",
        "document", "src", "tgt", "1-1", "2-1", "1-2", "other", "unsrc", "untgt", "score", "low"
    );
    for s in rows {
        if !s.error.is_empty() {
            println!("{:width$}  FAILED: {}", s.document, s.error);
            continue;
        }
        println!(
            "{:width$}  {:>5} {:>5}  {:>4} {:>4} {:>4} {:>5}  {:>5} {:>5}  {:>5} {:>4}",
            s.document,
            s.src_sentences,
            s.tgt_sentences,
            s.l11,
            s.l21,
            s.l12,
            s.other,
            s.unaligned_src,
            s.unaligned_tgt,
            s.mean_score,
            s.low_score
        );
    }
}

/// One pair of the JSON Lines stream.
#[derive(serde::Deserialize)]
struct JsonPair {
    id: serde_json::Value,
    src: String,
    tgt: String,
    src_lang: Option<String>,
    tgt_lang: Option<String>,
}

fn stream_jsonl(args: &Args, opts: &PairOptions, jobs: usize) -> anyhow::Result<i32> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut lines = stdin.lock().lines();
    let (mut total, mut failed) = (0usize, 0usize);
    loop {
        let mut chunk = Vec::new();
        for line in lines.by_ref() {
            let line = line?;
            if !line.trim().is_empty() {
                chunk.push(line);
            }
            if chunk.len() >= jobs * 4 {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Vec<String>> = chunk
            .par_iter()
            .map(|line| align_json(line, args, opts))
            .collect();
        for records in results {
            total += 1;
            if records.len() == 1 && records[0].contains("\"error\":") {
                failed += 1;
            }
            for r in records {
                writeln!(out, "{r}")?;
            }
            out.flush()?;
        }
    }
    if failed > 0 {
        eprintln!("bitext: {failed} of {total} pairs failed");
        return Ok(1);
    }
    Ok(0)
}

/// Aligns one JSON pair and returns its output records (units, or one error record).
fn align_json(line: &str, args: &Args, opts: &PairOptions) -> Vec<String> {
    let pair: JsonPair = match serde_json::from_str(line) {
        Ok(p) => p,
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned());
            return vec![
                serde_json::json!({"id": id, "error": format!("bad input record: {e}")})
                    .to_string(),
            ];
        }
    };
    let id = match &pair.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let lang = |given: &Option<String>, default: &Lang| match given {
        Some(tag) => Lang::parse(tag),
        None => Ok(default.clone()),
    };
    let (src_lang, tgt_lang) = match (
        lang(&pair.src_lang, &args.langs.src_lang),
        lang(&pair.tgt_lang, &args.langs.tgt_lang),
    ) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => {
            return vec![serde_json::json!({"id": pair.id, "error": e}).to_string()]
        }
    };
    if pair.src.trim().is_empty() || pair.tgt.trim().is_empty() {
        return vec![
            serde_json::json!({"id": pair.id, "error": "empty document on one side"}).to_string(),
        ];
    }
    // Inline texts go through the same decoding checks as files: NFC, line endings, binary data.
    let decode = |text: &str| bitext::document::decode(text.as_bytes(), Some(encoding_rs::UTF_8));
    let (src_text, tgt_text) = match (decode(&pair.src), decode(&pair.tgt)) {
        (Ok((s, _)), Ok((t, _))) => (s, t),
        (Err(e), _) => {
            return vec![
                serde_json::json!({"id": pair.id, "error": format!("src: {e}")}).to_string(),
            ]
        }
        (_, Err(e)) => {
            return vec![
                serde_json::json!({"id": pair.id, "error": format!("tgt: {e}")}).to_string(),
            ]
        }
    };
    let doc = |text: &str, lang: &Lang| {
        let d = bitext::document::parse(&id, "UTF-8", text, lang, &opts.read);
        split(&d, lang, opts.presegmented, None)
    };
    let aligned = align_sentences(
        &id,
        doc(&src_text, &src_lang),
        doc(&tgt_text, &tgt_lang),
        &src_lang,
        &tgt_lang,
        &opts.align,
    );
    units(&aligned)
        .into_iter()
        .filter(|u| u.is_pair() && u.score >= args.min_score)
        .map(|u| {
            serde_json::json!({
                "id": pair.id, "document": u.document, "link": u.link, "src_index": u.src_index,
                "tgt_index": u.tgt_index, "score": u.score, "src_lang": src_lang.as_str(),
                "tgt_lang": tgt_lang.as_str(), "src": u.src, "tgt": u.tgt,
            })
            .to_string()
        })
        .collect()
}
