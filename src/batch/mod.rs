//! Batch alignment of whole corpora: finding document pairs ([`discover`]), aligning them in
//! parallel and writing one memory, one review table, a summary and optional report pages
//! ([`run`]), or streaming pairs and units as JSON Lines ([`jsonl`]).

pub mod jsonl;
pub mod record;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::pair::{discover, Discovery, PairPaths, PairingRule, Unpaired};

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
    /// Start `review.csv` with a UTF-8 byte-order mark, so spreadsheets read Cyrillic.
    pub bom: bool,
    /// The `creationid` of the memory's units; the login name when `None`.
    pub creator: Option<String>,
    /// Also write `review.xlsx`.
    pub xlsx: bool,
    /// Also write review pages into this folder (relative to the output folder):
    /// `NAME.html` per document and `index.html`.
    pub report: Option<PathBuf>,
    /// Replace files in the output folder that bitext did not write there, or that changed
    /// since it did; without it, this run's version of such a file goes beside it as
    /// NAME.new.EXT and the file stays as it is.
    pub force: bool,
    /// Files the caller wrote into the output folder for this run (the manifest of content
    /// pairing), to be recorded as bitext's own with the outputs.
    pub also_written: Vec<PathBuf>,
    /// Files this run reads (a manifest, and the list of unpaired files beside it): never
    /// removed as outputs of an earlier run, even when one wrote them into the folder.
    pub inputs: Vec<PathBuf>,
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
    pub notes: Vec<crate::tm::Note>,
    /// Files in the output folder that this run did not write and left as they are, though
    /// an earlier run may have written them: bitext did not write them, or they changed since.
    pub left_alone: Vec<PathBuf>,
    /// Outputs of an earlier run, unchanged since, that this run no longer writes and removed.
    pub removed: Vec<PathBuf>,
    /// Outputs whose target held a file bitext did not write, or one changed since it did:
    /// the file kept, and where this run's version went instead.
    pub kept: Vec<Kept>,
    /// True when every pair failed: nothing was written, so an earlier run's memory and
    /// tables stay as they were instead of giving way to empty ones.
    pub nothing_written: bool,
}

/// A file in the output folder kept as it is, with this run's version written beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The file kept (not written by bitext, or changed since it was).
    pub path: PathBuf,
    /// Where this run's version of it went: `review.new.csv` beside `review.csv`.
    pub beside: PathBuf,
    /// Whether bitext wrote the kept file and someone changed it since (otherwise bitext
    /// never wrote it, or the folder has no record of it).
    pub edited: bool,
}

/// Aligns every pair into `outdir` in parallel (on the current rayon pool), in chunks written
/// in input order, so output is the same for any number of threads and memory holds one
/// chunk at a time. A pair that fails is summarised and skipped; files without a partner
/// get a row of `summary.csv` after the pairs; an output that cannot be written stops the
/// run. Every output is written to a temporary file and all are put in place together at
/// the end, so a run that fails or is interrupted, or whose every pair fails, leaves the
/// folder as it was; outputs of an
/// earlier run that this one no longer writes are then removed if [`record`] shows them
/// unchanged since, and left alone (listed in [`BatchRun::left_alone`]) otherwise.
pub fn run(
    found: &Discovery,
    opts: &BatchOptions,
    outdir: &Path,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<BatchRun> {
    crate::output::create_dir_all(outdir)?;
    let settings = WriteSettings {
        min_score: opts.min_score,
        bom: opts.bom,
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
        crate::output::create_dir_all(&report_dir)?;
    }
    let mut pages = Vec::new();
    let page_names = crate::report::page_names(found.pairs.iter().map(|p| p.name.as_str()));
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
                            warning: &warning.text,
                        });
                    }
                    memory.write_pair(&pair)?;
                    review.write_pair(&pair)?;
                    if let Some(book) = workbook.as_mut() {
                        book.write_pair(&pair)?;
                    }
                    if opts.report.is_some() {
                        let page = report_dir.join(format!("{}.html", page_names[&pair.name]));
                        pages.push(crate::report::stage_pair_report(&page, &pair)?);
                    }
                    let sentences = pair.src.len() + pair.tgt.len();
                    run.sentences += sentences;
                    run.summaries
                        .push(Summary::of(&pair).with_pairing(&p.rule.to_string(), p.score));
                    on_event(Event::Aligned {
                        name: &pair.name,
                        sentences,
                    });
                }
                Err(error) => {
                    run.failed += 1;
                    run.summaries.push(
                        Summary::failed(&p.name, &error.to_string())
                            .with_pairing(&p.rule.to_string(), p.score)
                            .with_files(&p.src, &p.tgt),
                    );
                    on_event(Event::Failed {
                        name: &p.name,
                        error: &error,
                    });
                }
            }
        }
    }
    run.summaries
        .extend(found.unpaired.iter().map(|u| match &u.reason {
            Some(reason) => Summary::not_aligned(&u.path, u.is_src, reason.clone()),
            None => Summary::unpaired(&u.path, &u.missing, u.is_src),
        }));
    if !found.pairs.is_empty() && run.failed == found.pairs.len() {
        // The unfinished outputs go with their temporary files.
        run.nothing_written = true;
        return Ok(run);
    }
    let (tally, memory) = memory.finish_staged()?;
    let mut staged = pages;
    if let Some(book) = workbook {
        staged.push(book.finish_staged()?.1);
    }
    staged.push(review.finish_staged()?.1);
    staged.push(stage_summary(&outdir.join("summary.csv"), &run.summaries)?);
    staged.push(memory);
    // The index is made last, once it is known where each page went: a page whose place
    // holds someone's file is written beside it, and the index links that one.
    let index = |kept: &[Kept]| -> Result<crate::output::Staged> {
        let mut names = page_names.clone();
        for (doc, stem) in page_names.iter() {
            let page = report_dir.join(format!("{stem}.html"));
            if let Some(k) = kept.iter().find(|k| k.path == page) {
                let beside = k.beside.file_stem().unwrap_or_default();
                names.insert(doc.clone(), beside.to_string_lossy().into_owned());
            }
        }
        crate::report::stage_index(&report_dir.join("index.html"), &run.summaries, &names)
    };
    let index = opts
        .report
        .is_some()
        .then_some(&index as &dyn Fn(&[Kept]) -> _);
    (run.left_alone, run.removed, run.kept) =
        put_in_place(outdir, opts, &report_dir, staged, index)?;
    run.units = tally.written;
    run.notes = tally.notes();
    Ok(run)
}

/// Puts a run's outputs in place together (an interrupt waits until they all are), removes
/// what an earlier run wrote and this one did not, and records what is now bitext's own.
/// A target that holds a file bitext did not write (by the record), or one changed since, is
/// kept unless `opts.force`: the output goes beside it. `index`, when given, makes one more
/// output once the others are in place, from where the kept ones went. Returns the files left
/// alone, the files removed and the files kept.
#[allow(clippy::type_complexity)]
fn put_in_place(
    outdir: &Path,
    opts: &BatchOptions,
    report_dir: &Path,
    staged: Vec<crate::output::Staged>,
    index: Option<&dyn Fn(&[Kept]) -> Result<crate::output::Staged>>,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>, Vec<Kept>)> {
    let _phase = crate::output::commit_phase();
    let mut placing = Placing {
        earlier: record::Record::load(outdir),
        now: record::Record::new(outdir),
        written: std::collections::HashSet::new(),
        kept: Vec::new(),
    };
    for path in &opts.also_written {
        placing.now.add(path);
        placing.written.insert(path.clone());
    }
    for s in staged {
        placing.place(s, opts.force)?;
    }
    if let Some(make) = index {
        let s = make(&placing.kept)?;
        placing.place(s, opts.force)?;
    }
    let Placing {
        earlier,
        now,
        written,
        kept,
    } = placing;
    let (left, removed) = remove_stale(outdir, opts, report_dir, &written, &earlier)?;
    now.save()?;
    Ok((left, removed, kept))
}

/// What putting a run's outputs in place has done so far.
struct Placing {
    earlier: record::Record,
    now: record::Record,
    written: std::collections::HashSet<PathBuf>,
    kept: Vec<Kept>,
}

impl Placing {
    /// Puts one output in place, or beside its target when that holds someone's file.
    fn place(&mut self, s: crate::output::Staged, force: bool) -> Result<()> {
        let path = s.path().to_path_buf();
        if !force && path.is_file() && !self.earlier.unchanged(&path) {
            // Someone's file, or someone's edits: this run's version goes beside it.
            let beside = free_beside(&path, &self.earlier, &self.written);
            s.commit_beside(&beside)?;
            self.now.add(&beside);
            self.written.insert(beside.clone());
            self.now.carry(&self.earlier, &path);
            self.kept.push(Kept {
                edited: self.earlier.edited(&path),
                path: path.clone(),
                beside,
            });
            self.written.insert(path);
            return Ok(());
        }
        s.commit()?;
        self.now.add(&path);
        self.written.insert(path);
        Ok(())
    }
}

/// Where a run puts an output whose target holds a file it must keep: `review.csv` becomes
/// `review.new.csv`, or `review.new2.csv` (and so on) when that too holds a file bitext did not
/// write or that changed since.
pub fn free_beside(
    path: &Path,
    earlier: &record::Record,
    written: &std::collections::HashSet<PathBuf>,
) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let mark = if n == 1 { String::new() } else { n.to_string() };
        let beside = path.with_file_name(format!("{stem}.new{mark}{ext}"));
        let free = !beside.exists() || earlier.unchanged(&beside);
        if (free && !written.contains(&beside)) || n >= 1000 {
            return beside;
        }
        n += 1;
    }
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

/// Removes what an earlier run wrote into `outdir` and this one did not (`review.xlsx` without
/// `--xlsx`, report pages of documents no longer aligned or all of them without `--report`),
/// but only files the `earlier` record names and that are unchanged since, and never a file
/// this run reads. Returns the files that look like such outputs but were left alone (not in
/// the record, or changed since) and the files removed.
fn remove_stale(
    outdir: &Path,
    opts: &BatchOptions,
    report_dir: &Path,
    written: &std::collections::HashSet<PathBuf>,
    earlier: &record::Record,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut candidates: Vec<PathBuf> = earlier.paths().map(Path::to_path_buf).collect();
    let book = outdir.join("review.xlsx");
    if !opts.xlsx {
        candidates.push(book);
    }
    if let Ok(entries) = std::fs::read_dir(report_dir) {
        candidates.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "html")
                        && crate::report::written_by_bitext(p)
                }),
        );
    }
    candidates.sort();
    candidates.dedup();
    let mut left = Vec::new();
    let mut removed = Vec::new();
    for path in candidates {
        if written.contains(&path) || !path.is_file() {
            continue;
        }
        if opts
            .inputs
            .iter()
            .any(|i| crate::output::same_file(i, &path))
        {
            continue;
        }
        if !earlier.unchanged(&path) {
            left.push(path);
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        removed.push(path.clone());
        // A folder bitext made for its pages goes with the last of them.
        if let Some(dir) = path
            .parent()
            .filter(|d| *d != outdir && d.starts_with(outdir))
        {
            let _ = std::fs::remove_dir(dir);
        }
    }
    Ok((left, removed))
}

/// Writes `summary.csv`: one row per document.
pub fn write_summary(path: &Path, summaries: &[Summary]) -> Result<()> {
    stage_summary(path, summaries)?.commit()
}

/// Writes `summary.csv` into a temporary file, put in place on commit.
pub fn stage_summary(path: &Path, summaries: &[Summary]) -> Result<crate::output::Staged> {
    crate::output::write_staged(path, |w| {
        let mut csv = csv::Writer::from_writer(w);
        for s in summaries {
            csv.serialize(s).map_err(std::io::Error::other)?;
        }
        csv.flush()
    })
}
