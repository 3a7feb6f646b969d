//! The JSON Lines interface of a batch (Spark's `RDD.pipe`, Hadoop Streaming, GNU parallel):
//! pairs in, one [`PairRecord`] per line; units out, one [`UnitRecord`] per line, a
//! document's units together, with the sentences left unaligned and the page chrome marked
//! by `status`, so that every sentence of a pair comes back once; a pair that fails gives one
//! [`ErrorRecord`].

use std::io::{BufRead, Write};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::pipeline::align_texts;
use crate::sides::Sides;
use crate::tm::review::{index_cell, Status};
use crate::tm::units;

use super::BatchOptions;

/// One input line: a document pair as texts.
#[derive(Debug, serde::Deserialize)]
pub struct PairRecord {
    /// The caller's name for the pair, echoed in every output record (any JSON value).
    pub id: serde_json::Value,
    /// Source text.
    pub src: String,
    /// Target text.
    pub tgt: String,
    /// Source language (default: the batch's).
    pub src_lang: Option<String>,
    /// Target language (default: the batch's).
    pub tgt_lang: Option<String>,
}

/// One output line: a translation unit, or a sentence that is none (`status`). Keys are
/// written in alphabetical order.
#[derive(Debug, serde::Serialize)]
pub struct UnitRecord {
    /// The document name (the pair's id as text).
    pub document: String,
    /// The pair's id as given.
    pub id: serde_json::Value,
    /// Link type, such as `1-1` or `2-1`.
    pub link: String,
    /// Alignment confidence in [0, 1].
    pub score: f32,
    /// Source text.
    pub src: String,
    /// Source sentence indices.
    pub src_index: String,
    /// Source language.
    pub src_lang: String,
    /// `unaligned` for a sentence with no counterpart (the other side empty, the score the
    /// chance that it truly has none), `chrome` for page chrome or text in the wrong script
    /// (without `--keep-chrome`); absent on a translation unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// Target text.
    pub tgt: String,
    /// Target sentence indices.
    pub tgt_index: String,
    /// Target language.
    pub tgt_lang: String,
    /// What was doubtful about the pair (written only when something was).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The output line of a pair that failed.
#[derive(Debug, serde::Serialize)]
pub struct ErrorRecord {
    /// Why the pair failed.
    pub error: String,
    /// The pair's id, or null when the line was not a readable record.
    pub id: serde_json::Value,
}

/// What one input line gives.
#[derive(Debug)]
pub enum Outcome {
    /// The rows of an aligned pair: its units at or above the minimum score, its unaligned
    /// sentences and its chrome.
    Units(Vec<UnitRecord>),
    /// A pair that failed.
    Failed(ErrorRecord),
}

/// Totals of a stream.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StreamTotals {
    /// Pairs read.
    pub pairs: usize,
    /// Pairs that failed.
    pub failed: usize,
}

/// Aligns one input line (`number` counts from 1, for errors).
pub fn align_line(line: &str, number: usize, opts: &BatchOptions) -> Outcome {
    let (src_lang, tgt_lang) = (&opts.src_lang, &opts.tgt_lang);
    let fail = |id: serde_json::Value, error: String| Outcome::Failed(ErrorRecord { error, id });
    let pair: PairRecord = match serde_json::from_str(line) {
        Ok(p) => p,
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(serde_json::Value::Null);
            // serde's "at line 1 column N" would name the record's own line, not the input's.
            let text = e.to_string();
            let cause = text
                .rfind(" at line ")
                .map_or(text.as_str(), |i| &text[..i]);
            return fail(
                id,
                format!(
                    "line {number}: bad input record: {cause} (column {})",
                    e.column()
                ),
            );
        }
    };
    let name = match &pair.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let lang = |given: &Option<String>, default: &Lang| match given {
        Some(tag) => Lang::parse(tag),
        None => Ok(default.clone()),
    };
    let (src_lang, tgt_lang) = match (
        lang(&pair.src_lang, src_lang),
        lang(&pair.tgt_lang, tgt_lang),
    ) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return fail(pair.id, e),
    };
    if pair.src.trim().is_empty() || pair.tgt.trim().is_empty() {
        return fail(pair.id, "empty document on one side".to_string());
    }
    let texts = Sides::new(pair.src.as_str(), pair.tgt.as_str());
    let aligned = match align_texts(&name, texts, Sides::new(&src_lang, &tgt_lang), &opts.pair) {
        Ok(a) => a,
        Err(e) => return fail(pair.id, e.to_string()),
    };
    let records = units(&aligned)
        .into_iter()
        .filter_map(|u| {
            // Page chrome stays out of memories, as in memory.tmx, and is marked as such.
            let status = if !opts.keep_chrome && u.status == Status::Chrome {
                Some("chrome")
            } else if !u.is_pair() {
                Some("unaligned")
            } else if u.score.unwrap_or(0.0) < opts.min_score {
                return None;
            } else {
                None
            };
            Some((u, status))
        })
        .map(|(u, status)| UnitRecord {
            document: u.document,
            id: pair.id.clone(),
            link: u.link.map(|k| k.to_string()).unwrap_or_default(),
            score: u.score.unwrap_or(0.0),
            src: u.src,
            src_index: index_cell(&u.src_index),
            src_lang: src_lang.as_str().to_string(),
            status,
            tgt: u.tgt,
            tgt_index: index_cell(&u.tgt_index),
            tgt_lang: tgt_lang.as_str().to_string(),
            warnings: aligned.warnings.iter().map(|w| w.text.clone()).collect(),
        })
        .collect();
    Outcome::Units(records)
}

/// Reads pairs from `input` and writes units to `out`, aligning chunks of lines in parallel
/// (on the current rayon pool) and writing them in input order, flushed per document. A
/// chunk takes the lines that have come in, never waiting for more: a client that sends one
/// pair and waits gets its units at once.
pub fn stream(
    input: impl BufRead + Send,
    mut out: impl Write,
    opts: &BatchOptions,
) -> Result<StreamTotals> {
    let io = |e: std::io::Error| Error::io("-", e);
    let chunk_size = rayon::current_num_threads().max(1) * 4;
    let mut totals = StreamTotals::default();
    std::thread::scope(|scope| {
        // Lines are read on a thread of their own, a few chunks ahead at most.
        let (send, lines) = std::sync::mpsc::sync_channel(chunk_size * 2);
        scope.spawn(move || {
            for (k, line) in input.lines().enumerate() {
                let stop = line.is_err();
                if send.send((k + 1, line)).is_err() || stop {
                    break;
                }
            }
        });
        let take = |chunk: &mut Vec<(usize, String)>,
                    (number, line): (usize, std::io::Result<String>)|
         -> Result<()> {
            let line = line.map_err(io)?;
            if !line.trim().is_empty() {
                chunk.push((number, line));
            }
            Ok(())
        };
        while let Ok(first) = lines.recv() {
            let mut chunk = Vec::new();
            take(&mut chunk, first)?;
            while chunk.len() < chunk_size {
                match lines.try_recv() {
                    Ok(next) => take(&mut chunk, next)?,
                    Err(_) => break,
                }
            }
            let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|(number, line)| align_line(line, *number, opts))
                .collect();
            for outcome in outcomes {
                totals.pairs += 1;
                match outcome {
                    Outcome::Units(records) => {
                        for r in records {
                            write_record(&mut out, &r).map_err(io)?;
                        }
                    }
                    Outcome::Failed(record) => {
                        totals.failed += 1;
                        write_record(&mut out, &record).map_err(io)?;
                    }
                }
                out.flush().map_err(io)?;
            }
        }
        Ok(totals)
    })
}

fn write_record(out: &mut impl Write, record: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}
