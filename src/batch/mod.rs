//! Batch alignment of whole corpora: finding document pairs ([`discover`]), aligning them in
//! parallel and writing one memory, one review table, a summary and optional report pages
//! ([`run`]), or streaming pairs and units as JSON Lines ([`jsonl`]).

mod discover;
pub mod jsonl;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use discover::{discover, Discovery, PairPaths};

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::pipeline::{align_files, PairOptions};
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
    /// Also write `review.xlsx`.
    pub xlsx: bool,
    /// Also write `report/NAME.html` per document and `report/index.html`.
    pub report: bool,
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
/// chunk at a time. A pair that fails is summarised and skipped; an output that cannot be
/// written stops the run.
pub fn run(
    pairs: &[PairPaths],
    opts: &BatchOptions,
    outdir: &Path,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<BatchRun> {
    std::fs::create_dir_all(outdir).map_err(|e| Error::io(outdir, &e))?;
    let settings = WriteSettings {
        min_score: opts.min_score,
        bom: true,
        dedupe: true,
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
    let report_dir = outdir.join("report");
    if opts.report {
        std::fs::create_dir_all(&report_dir).map_err(|e| Error::io(&report_dir, &e))?;
    }
    let mut run = BatchRun::default();
    let chunk_size = rayon::current_num_threads().max(1) * 4;
    for chunk in pairs.chunks(chunk_size) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|p| align_files(&p.name, &p.src, &p.tgt, src, tgt, &opts.pair))
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
                    if opts.report {
                        let page = report_page(&report_dir, &pair.name);
                        crate::report::write_pair_report(&page, &pair)?;
                    }
                    let sentences = pair.src.len() + pair.tgt.len();
                    run.sentences += sentences;
                    run.summaries.push(Summary::of(&pair));
                    on_event(Event::Aligned {
                        name: &pair.name,
                        sentences,
                    });
                }
                Err(error) => {
                    run.failed += 1;
                    run.summaries
                        .push(Summary::failed(&p.name, &error.to_string()));
                    on_event(Event::Failed {
                        name: &p.name,
                        error: &error,
                    });
                }
            }
        }
    }
    let tally = memory.finish()?;
    review.finish()?;
    if let Some(book) = workbook {
        book.finish()?;
    }
    write_summary(&outdir.join("summary.csv"), &run.summaries)?;
    if opts.report {
        crate::report::write_index(&report_dir.join("index.html"), &run.summaries)?;
    }
    run.units = tally.written;
    run.notes = tally.notes();
    Ok(run)
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
