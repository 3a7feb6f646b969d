//! Which file goes with which: a corpus's pairs found by names ([`discover()`]), read from a
//! manifest ([`read_manifest`], written by [`write_manifest`]), or by content when names tell
//! nothing ([`pair_folders`], [`discover_by_content`]).
//!
//! By content, every document gets a [`Fingerprint`] of what survives translation (numbers and dates,
//! names and cognates folded to one spelling across scripts, dictionary concepts, title,
//! size). Features both sides share are weighted by rarity; an inverted index on them gives
//! each source document its candidates, which are scored and matched one to one, greedily
//! by score, down to a threshold. Documents left over are reported, never forced into a pair.

mod corpus;
mod discover;
pub mod fingerprint;
mod manifest;
pub mod score;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use corpus::{Discovery, PairPaths, PairingRule, Unpaired};
pub use discover::discover;
pub use fingerprint::{Fingerprint, Lexicon};
pub use manifest::{read_manifest, unpaired_path, write_manifest, write_unpaired};

use crate::align::Side;
use crate::document::ReadOptions;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::sides::Sides;

/// The score below which no pair is made by default.
pub const THRESHOLD: f32 = 0.3;

/// File extensions taken as documents when a folder is searched.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "html", "htm", "xhtml", "docx", "odt", "pdf",
];

/// How to read and pair two folders.
#[derive(Default)]
pub struct PairingOptions<'a> {
    /// Reading options (encoding, page chrome).
    pub read: ReadOptions,
    /// Word-to-concept evidence, such as a bilingual dictionary.
    pub lexicon: Option<&'a dyn Lexicon>,
    /// Pairs scoring below this are not made (0 means [`THRESHOLD`]).
    pub threshold: f32,
}

/// One pair of documents found by content.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Source file.
    pub src: PathBuf,
    /// Target file.
    pub tgt: PathBuf,
    /// How sure the pairing is, 0 to 1.
    pub score: f32,
}

/// The outcome of pairing two folders.
#[derive(Debug, Default)]
pub struct Pairing {
    /// Pairs, best score first.
    pub pairs: Vec<Pair>,
    /// Source documents without a partner, sorted.
    pub unpaired_src: Vec<PathBuf>,
    /// Target documents without a partner, sorted.
    pub unpaired_tgt: Vec<PathBuf>,
    /// Files that could not be read, skipped.
    pub skipped: Vec<Error>,
    /// Pairs not made for want of certainty (another candidate scores nearly as well, or the
    /// score is far below the collection's own pairs): each document's best candidate and the
    /// score, for the unpaired list. Their documents are among the unpaired ones.
    pub doubtful: Vec<Pair>,
}

/// What happens while pairing, for a progress display.
#[derive(Debug)]
pub enum Event<'a> {
    /// The documents found on both sides, before reading.
    Found {
        /// Documents on both sides.
        documents: usize,
    },
    /// A document was read and fingerprinted.
    Read {
        /// The file.
        path: &'a Path,
    },
    /// A document could not be read and is left out.
    Skipped {
        /// Why.
        error: &'a Error,
    },
}

/// Pairs the documents of `src_dir` (in `src_lang`) with those of `tgt_dir` (in
/// `tgt_lang`), searching both folders recursively for files with a
/// [document extension](DOCUMENT_EXTENSIONS).
pub fn pair_folders(
    dirs: Sides<&Path>,
    langs: Sides<&Lang>,
    opts: &PairingOptions<'_>,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Pairing> {
    let Sides {
        src: src_dir,
        tgt: tgt_dir,
    } = dirs;
    let Sides {
        src: src_lang,
        tgt: tgt_lang,
    } = langs;
    for dir in [src_dir, tgt_dir] {
        if !dir.is_dir() {
            let cause = if dir.exists() {
                "not a folder (pairing takes two folders of documents)"
            } else {
                "No such file or directory"
            };
            return Err(Error::new(dir, cause));
        }
    }
    let (sc, tc) = (canonical(src_dir)?, canonical(tgt_dir)?);
    if sc == tc {
        return Err(Error::new(
            tgt_dir,
            format!(
                "the same folder as {} (give the {src_lang} folder and the {tgt_lang} folder)",
                src_dir.display()
            ),
        ));
    }
    let src_files = documents(src_dir, &tc)?;
    let tgt_files = documents(tgt_dir, &sc)?;
    on_event(Event::Found {
        documents: src_files.len() + tgt_files.len(),
    });
    let mut skipped = Vec::new();
    let src = fingerprints(
        &src_files,
        src_lang,
        Side::Source,
        opts,
        &mut skipped,
        &mut on_event,
    );
    let tgt = fingerprints(
        &tgt_files,
        tgt_lang,
        Side::Target,
        opts,
        &mut skipped,
        &mut on_event,
    );
    for (fps, dir) in [(&src, src_dir), (&tgt, tgt_dir)] {
        if fps.is_empty() {
            return Err(Error::new(dir, "no readable document here"));
        }
    }
    let mut pairing = pair_fingerprints(src, tgt, opts.threshold, skipped);
    confirm(&mut pairing, src_lang, tgt_lang, &opts.read);
    Ok(pairing)
}

/// The least share of a document's sentences that a pair's own alignment must link rightly,
/// by its links' scores, on at least one side: a translation, even an abridged one, accounts
/// for most of the shorter text sentence by sentence, where two articles on one story, alike
/// in their names and numbers, link a sentence here and there with confidence and the rest
/// with doubt. Two thirds, as a moved passage must be matched (see [`crate::moved`]).
pub const MIN_COVERAGE: f32 = 2.0 / 3.0;

/// Reads, splits and aligns a pair as `align` would, and returns the share of the
/// better-covered document's sentences (page chrome aside) that its links hold rightly: each
/// linked sentence counts its link's score, the chance that the link is right; 0 to 1.
pub fn coverage(
    src: &Path,
    tgt: &Path,
    src_lang: &Lang,
    tgt_lang: &Lang,
    read: &ReadOptions,
) -> Result<f32> {
    // One pass of the aligner, without relearning stems from its own links: coverage needs
    // the links' scores, not the last refinement of their boundaries.
    let opts = crate::align::AlignOptions {
        learn: false,
        ..Default::default()
    };
    let sentences = |path: &Path, lang: &Lang| -> Result<Vec<crate::segment::Sentence>> {
        let doc = crate::document::read(path, lang, read)?;
        let splitter = crate::segment::Splitter::builtin(lang);
        Ok(crate::segment::split_document(&doc, &splitter))
    };
    let (s, t) = rayon::join(|| sentences(src, src_lang), || sentences(tgt, tgt_lang));
    let (s, t) = (s?, t?);
    let alignment =
        crate::align::align_langs(&s, &t, src_lang.primary(), tgt_lang.primary(), &opts);
    let text = |sents: &[crate::segment::Sentence], r: &std::ops::Range<usize>| {
        sents[r.clone()].iter().filter(|x| !x.noise).count()
    };
    let (mut linked_src, mut linked_tgt) = (0.0, 0.0);
    for l in alignment.links.iter().filter(|l| l.is_pair()) {
        linked_src += l.score * text(&s, &l.src) as f32;
        linked_tgt += l.score * text(&t, &l.tgt) as f32;
    }
    let share = |n: f32, of: usize| n / of.max(1) as f32;
    Ok(share(linked_src, text(&s, &(0..s.len()))).max(share(linked_tgt, text(&t, &(0..t.len())))))
}

/// Aligns every pair (in parallel) and sets aside as doubtful those whose alignment covers
/// less than [`MIN_COVERAGE`] of either document, or that cannot be aligned: their documents
/// join the unpaired ones, listed with this candidate and its score.
fn confirm(pairing: &mut Pairing, src_lang: &Lang, tgt_lang: &Lang, read: &ReadOptions) {
    let sure: Vec<bool> = pairing
        .pairs
        .par_iter()
        .map(|p| {
            coverage(&p.src, &p.tgt, src_lang, tgt_lang, read).is_ok_and(|c| c >= MIN_COVERAGE)
        })
        .collect();
    if sure.iter().all(|&s| s) {
        return;
    }
    let pairs = std::mem::take(&mut pairing.pairs);
    for (p, sure) in pairs.into_iter().zip(sure) {
        if sure {
            pairing.pairs.push(p);
        } else {
            pairing.unpaired_src.push(p.src.clone());
            pairing.unpaired_tgt.push(p.tgt.clone());
            pairing.doubtful.push(p);
        }
    }
    pairing.unpaired_src.sort();
    pairing.unpaired_tgt.sort();
}

/// Pairs the documents of two folders by content, as [`pair_folders`], and returns the
/// pairing (for its manifest) with the corpus it makes for `bitext batch`: each pair named
/// after its source file and paired by [`PairingRule::Content`], documents without a
/// partner and files that could not be read listed as unpaired.
pub fn discover_by_content(
    dirs: Sides<&Path>,
    langs: Sides<&Lang>,
    opts: &PairingOptions<'_>,
    on_event: impl FnMut(Event<'_>),
) -> Result<(Pairing, Discovery)> {
    let pairing = pair_folders(dirs, langs, opts, on_event)?;
    let discovery = pairing.discovery(dirs, langs);
    Ok((pairing, discovery))
}

impl Pairing {
    /// The pairs, best first, and the documents left over as a corpus's [`Discovery`]: what
    /// [`discover`] finds by names, found by content in `src_dir` and `tgt_dir`.
    pub fn discovery(&self, dirs: Sides<&Path>, langs: Sides<&Lang>) -> Discovery {
        let (src_dir, tgt_dir) = (dirs.src, dirs.tgt);
        let (src_lang, tgt_lang) = (langs.src, langs.tgt);
        let pairs = self
            .pairs
            .iter()
            .map(|p| PairPaths {
                name: crate::document::document_name(&p.src),
                src: p.src.clone(),
                tgt: p.tgt.clone(),
                score: Some(p.score),
                rule: PairingRule::Content,
                src_encoding: None,
                tgt_encoding: None,
            })
            .collect();
        let lonely = |paths: &[PathBuf], is_src: bool| {
            paths
                .iter()
                .map(|p| Unpaired {
                    path: p.clone(),
                    missing: if is_src { tgt_lang } else { src_lang }.clone(),
                    is_src,
                    reason: None,
                    unreadable: false,
                })
                .collect::<Vec<_>>()
        };
        let mut unpaired = lonely(&self.unpaired_src, true);
        unpaired.extend(lonely(&self.unpaired_tgt, false));
        unpaired.extend(self.skipped.iter().map(|e| Unpaired {
            path: e.path.clone(),
            missing: tgt_lang.clone(),
            // The deeper folder when one holds the other.
            is_src: e.path.starts_with(src_dir)
                && !(e.path.starts_with(tgt_dir)
                    && tgt_dir.components().count() > src_dir.components().count()),
            reason: Some(format!("not aligned: cannot be read: {}", e.cause)),
            unreadable: true,
        }));
        Discovery { pairs, unpaired }
    }
}

/// Pairs fingerprints already taken (the second half of [`pair_folders`]).
pub fn pair_fingerprints(
    src: Vec<Fingerprint>,
    tgt: Vec<Fingerprint>,
    threshold: f32,
    skipped: Vec<Error>,
) -> Pairing {
    let threshold = if threshold > 0.0 {
        threshold
    } else {
        THRESHOLD
    };
    let candidates = score::candidates(&src, &tgt);
    let (matched, doubtful) = score::greedy(candidates, src.len(), tgt.len(), threshold);
    let doubtful = doubtful
        .into_iter()
        .map(|c| Pair {
            src: src[c.src].path.clone(),
            tgt: tgt[c.tgt].path.clone(),
            score: c.score,
        })
        .collect();
    let (mut src_used, mut tgt_used) = (vec![false; src.len()], vec![false; tgt.len()]);
    let mut pairs = Vec::with_capacity(matched.len());
    for c in matched {
        src_used[c.src] = true;
        tgt_used[c.tgt] = true;
        pairs.push(Pair {
            src: src[c.src].path.clone(),
            tgt: tgt[c.tgt].path.clone(),
            score: c.score,
        });
    }
    let left = |fps: &[Fingerprint], used: &[bool]| {
        let mut v: Vec<PathBuf> = fps
            .iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(f, _)| f.path.clone())
            .collect();
        v.sort();
        v
    };
    Pairing {
        unpaired_src: left(&src, &src_used),
        unpaired_tgt: left(&tgt, &tgt_used),
        pairs,
        skipped,
        doubtful,
    }
}

/// Fingerprints files in parallel, in chunks so the progress display moves; files that
/// cannot be read go to `skipped`.
fn fingerprints(
    files: &[PathBuf],
    lang: &Lang,
    side: Side,
    opts: &PairingOptions<'_>,
    skipped: &mut Vec<Error>,
    on_event: &mut impl FnMut(Event<'_>),
) -> Vec<Fingerprint> {
    let mut out = Vec::with_capacity(files.len());
    let chunk = rayon::current_num_threads().max(1) * 16;
    for files in files.chunks(chunk) {
        let results: Vec<Result<Fingerprint>> = files
            .par_iter()
            .map(|p| fingerprint::of_file(p, lang, side, &opts.read, opts.lexicon))
            .collect();
        for result in results {
            match result {
                Ok(fp) => {
                    on_event(Event::Read { path: &fp.path });
                    out.push(fp);
                }
                Err(e) => {
                    on_event(Event::Skipped { error: &e });
                    skipped.push(e);
                }
            }
        }
    }
    out
}

fn canonical(dir: &Path) -> Result<PathBuf> {
    dir.canonicalize().map_err(|e| Error::io(dir, e))
}

/// The documents under `dir`, recursively and sorted, leaving out hidden files and the
/// folder `other` (the other side, when one folder holds the other). A folder reached twice
/// (a symbolic link back up the tree) is read once.
fn documents(dir: &Path, other: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut seen = std::collections::HashSet::new();
    while let Some(d) = stack.pop() {
        if !seen.insert(d.canonicalize().unwrap_or_else(|_| d.clone())) {
            continue;
        }
        let entries = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
        for entry in entries.flatten() {
            let p = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            if p.is_dir() {
                if p.canonicalize().map_or(true, |c| c != other) {
                    stack.push(p);
                }
            } else if is_document(&p) {
                out.push(p);
            }
        }
    }
    if out.is_empty() {
        return Err(Error::new(
            dir,
            format!(
                "no documents here (looked for .{} files)",
                DOCUMENT_EXTENSIONS.join(", .")
            ),
        ));
    }
    out.sort();
    Ok(out)
}

fn is_document(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
