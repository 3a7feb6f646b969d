//! Batch alignment of whole corpora: finding document pairs ([`discover`]), aligning them in
//! parallel and writing one memory, one review table, a summary and optional report pages
//! ([`run`]), or streaming pairs and units as JSON Lines ([`jsonl`]).

mod discover;
pub mod jsonl;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use discover::{discover, Discovery, PairPaths, Unpaired};

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::pipeline::{align_inputs, PairOptions};
use crate::summary::Summary;
use crate::tm::{Format, Sink, WriteSettings};

/// How a batch aligns and what it writes besides `memory.tmx`, `review.csv` and `summary.csv`.
#[derive(Debug)]
pub struct BatchOptions {
    /// Reading, splitting and aligning each pair.
    pub pair: PairOptions,
    /// Source language.
    pub src_lang: Lang,
    /// Target language.
    pub tgt_lang: Lang,
    /// Units scoring below this are left out of `memory.tmx`.
    pub min_score: f32,
    /// Let rows of page chrome become units of `memory.tmx`.
    pub keep_chrome: bool,
    /// The `creationid` of the memory's units; the login name when `None`.
    pub creator: Option<String>,
    /// Also write `review.xlsx`.
    pub xlsx: bool,
    /// Also write review pages into this folder (relative to the output folder):
    /// `NAME.html` per document and `index.html`.
    pub report: Option<PathBuf>,
}

/// What happens during a batch, for a progress display.
#[derive(Debug)]
pub enum Event<'a> {
    /// A pair was aligned and written; `sentences` counts both sides.
    Aligned {
        /// The document name.
        name: &'a str,
        /// Sentences on both sides.
        sentences: usize,
    },
    /// A doubtful pair was aligned anyway.
    Warning {
        /// The document name.
        name: &'a str,
        /// Why it is doubtful.
        warning: &'a str,
    },
    /// A pair could not be read or aligned and was skipped.
    Failed {
        /// The document name.
        name: &'a str,
        /// Why.
        error: &'a Error,
    },
}

/// The outcome of a batch.
#[derive(Debug, Default)]
pub struct BatchRun {
    /// One summary per pair, in input order (failed pairs included).
    pub summaries: Vec<Summary>,
    /// Pairs that failed.
    pub failed: usize,
    /// Sentences of the aligned pairs, both sides.
    pub sentences: usize,
    /// Translation units written to `memory.tmx`.
    pub units: usize,
    /// Lines worth telling the user about what the memory left out.
    pub notes: Vec<String>,
}

/// Aligns every pair into `outdir` in parallel (on the current rayon pool), in chunks written
/// in input order, so output is the same for any number of threads and memory holds one
/// chunk at a time. A pair that fails is summarised and skipped; files without a partner
/// get a row of `summary.csv` after the pairs; an output that cannot be written stops the
/// run.
pub fn run(
    found: &Discovery,
    opts: &BatchOptions,
    outdir: &Path,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<BatchRun> {
    std::fs::create_dir_all(outdir).map_err(|e| Error::io(outdir, &e))?;
    let settings = WriteSettings {
        min_score: opts.min_score,
        bom: true,
        dedupe: true,
        keep_chrome: opts.keep_chrome,
        creator: opts.creator.clone(),
    };
    // The review table keeps every row, duplicates included.
    let review_settings = WriteSettings {
        dedupe: false,
        ..settings.clone()
    };
    let (src, tgt) = (&opts.src_lang, &opts.tgt_lang);
    let sink = |name: &str, format: Format, settings: &WriteSettings| {
        Sink::create(&outdir.join(name), format, src, tgt, settings)
    };
    let mut memory = sink("memory.tmx", Format::Tmx, &settings)?;
    let mut review = sink("review.csv", Format::Csv, &review_settings)?;
    let mut workbook = if opts.xlsx {
        Some(sink("review.xlsx", Format::Xlsx, &review_settings)?)
    } else {
        None
    };
    let report_dir = outdir.join(opts.report.as_deref().unwrap_or(Path::new("report")));
    if opts.report.is_some() {
        std::fs::create_dir_all(&report_dir).map_err(|e| Error::io(&report_dir, &e))?;
    }
    let mut pages = std::collections::HashSet::new();
    let mut run = BatchRun::default();
    let chunk_size = rayon::current_num_threads().max(1) * 4;
    for chunk in found.pairs.chunks(chunk_size) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|p| {
                align_inputs(
                    &p.name,
                    (&p.src, src, p.src_encoding),
                    (&p.tgt, tgt, p.tgt_encoding),
                    &opts.pair,
                )
            })
            .collect();
        for (p, result) in chunk.iter().zip(results) {
            match result {
                Ok(pair) => {
                    for warning in &pair.warnings {
                        on_event(Event::Warning {
                            name: &pair.name,
                            warning,
                        });
                    }
                    memory.write_pair(&pair)?;
                    review.write_pair(&pair)?;
                    if let Some(book) = workbook.as_mut() {
                        book.write_pair(&pair)?;
                    }
                    if opts.report.is_some() {
                        let page = report_page(&report_dir, &pair.name);
                        crate::report::write_pair_report(&page, &pair)?;
                        pages.insert(page);
                    }
                    let sentences = pair.src.len() + pair.tgt.len();
                    run.sentences += sentences;
                    run.summaries
                        .push(Summary::of(&pair).with_pairing(&p.rule, p.score));
                    on_event(Event::Aligned {
                        name: &pair.name,
                        sentences,
                    });
                }
                Err(error) => {
                    run.failed += 1;
                    run.summaries.push(
                        Summary::failed(&p.name, &error.to_string()).with_pairing(&p.rule, p.score),
                    );
                    on_event(Event::Failed {
                        name: &p.name,
                        error: &error,
                    });
                }
            }
        }
    }
    run.summaries.extend(
        found
            .unpaired
            .iter()
            .map(|u| Summary::unpaired(&u.path, &u.missing)),
    );
    let tally = memory.finish()?;
    review.finish()?;
    if let Some(book) = workbook {
        book.finish()?;
    }
    write_summary(&outdir.join("summary.csv"), &run.summaries)?;
    if opts.report.is_some() {
        let index = report_dir.join("index.html");
        crate::report::write_index(&index, &run.summaries)?;
        pages.insert(index);
    }
    remove_stale(outdir, opts, &report_dir, &pages)?;
    run.units = tally.written;
    run.notes = tally.notes();
    Ok(run)
}

/// Learns one lexicon of stem pairs over a whole corpus: every pair is read and aligned once
/// (in parallel, on the current rayon pool), and the stems of the confident one-to-one links
/// of all documents are counted together, so words that recur across documents pair up even
/// where no single document repeats them. The corpus's sentences are held in memory while
/// it learns; pairs that cannot be read are left out (the run reports them later).
pub fn learn_lexicon(found: &Discovery, opts: &BatchOptions) -> crate::align::Lexicon {
    let (src, tgt) = (&opts.src_lang, &opts.tgt_lang);
    let docs: Vec<_> = found
        .pairs
        .par_iter()
        .filter_map(|p| {
            crate::pipeline::read_pair(
                (&p.src, src, p.src_encoding),
                (&p.tgt, tgt, p.tgt_encoding),
                &opts.pair,
            )
            .ok()
        })
        .collect();
    crate::align::lexicon::learn_corpus(&docs, src.primary(), tgt.primary(), &opts.pair.align)
}

/// Removes what an earlier run wrote into `outdir` and this one did not: `review.xlsx`
/// without `--xlsx`, report pages of documents no longer aligned (or all of them without
/// `--report`). Only files bitext itself wrote are touched.
fn remove_stale(
    outdir: &Path,
    opts: &BatchOptions,
    report_dir: &Path,
    written: &std::collections::HashSet<PathBuf>,
) -> Result<()> {
    let remove = |p: &Path| std::fs::remove_file(p).map_err(|e| Error::io(p, &e));
    let book = outdir.join("review.xlsx");
    if !opts.xlsx && book.is_file() {
        remove(&book)?;
    }
    let Ok(entries) = std::fs::read_dir(report_dir) else {
        return Ok(());
    };
    for page in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let html = page.extension().is_some_and(|x| x == "html");
        if html && !written.contains(&page) && crate::report::written_by_bitext(&page) {
            remove(&page)?;
        }
    }
    // A report folder left empty was bitext's own.
    if opts.report.is_none() {
        let _ = std::fs::remove_dir(report_dir);
    }
    Ok(())
}

/// The report page of a document inside `report/`.
fn report_page(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{}.html", crate::report::url_name(name)))
}

/// Writes `summary.csv`: one row per document.
pub fn write_summary(path: &Path, summaries: &[Summary]) -> Result<()> {
    crate::output::write_atomic(path, |w| {
        let mut csv = csv::Writer::from_writer(w);
        for s in summaries {
            csv.serialize(s).map_err(std::io::Error::other)?;
        }
        csv.flush()
    })
}
