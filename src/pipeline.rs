//! The whole data path for one document pair: read → segment → align, with the warnings a
//! user should see about doubtful input.

use std::path::Path;

use crate::align::AlignedPair;
use crate::align::{AlignOptions, Warning, WarningKind};
use crate::document::{self, ReadOptions};
use crate::error::Result;
use crate::lang::{script_counts, Lang, Script};
use crate::segment::{split_document, Sentence, Splitter};
use crate::sides::Sides;

/// How to read, split and align a pair.
#[derive(Debug, Default)]
pub struct PairOptions {
    /// Reading options (encoding, page noise).
    pub read: ReadOptions,
    /// Inputs are already one sentence per line.
    pub presegmented: bool,
    /// Source splitter rules from SRX instead of the built-in ones.
    pub src_srx: Option<crate::segment::SrxRules>,
    /// Target splitter rules from SRX instead of the built-in ones.
    pub tgt_srx: Option<crate::segment::SrxRules>,
    /// Aligner options (dictionary).
    pub align: AlignOptions,
    /// The source files' encoding, instead of `read.encoding` or detection.
    pub src_encoding: Option<&'static encoding_rs::Encoding>,
    /// The target files' encoding, instead of `read.encoding` or detection.
    pub tgt_encoding: Option<&'static encoding_rs::Encoding>,
}

/// Reads and splits one document with the splitter the options ask for.
pub fn sentences(
    path: &Path,
    lang: &Lang,
    opts: &PairOptions,
    srx: Option<&crate::segment::SrxRules>,
) -> Result<Vec<Sentence>> {
    read_sentences(path, lang, &opts.read, opts.presegmented, srx)
}

fn read_sentences(
    path: &Path,
    lang: &Lang,
    read: &ReadOptions,
    presegmented: bool,
    srx: Option<&crate::segment::SrxRules>,
) -> Result<Vec<Sentence>> {
    let doc = document::read(path, lang, read)?;
    let sentences = split(&doc, lang, presegmented, srx);
    require_script(path, lang, &sentences)?;
    require_text(path, &sentences)?;
    Ok(sentences)
}

/// Refuses a document in Cyrillic or Latin letters declared as a language written in another
/// script (Cyrillic text given `--src-lang ur`): read under that language, most of it would
/// be set aside as text in the wrong script.
pub fn require_script(path: &Path, lang: &Lang, sentences: &[Sentence]) -> Result<()> {
    let Some(script) = lang.other_script() else {
        return Ok(());
    };
    let (mut cyr, mut lat, mut other) = (0usize, 0usize, 0usize);
    for c in sentences.iter().flat_map(|s| s.text.chars()) {
        match Script::of(c) {
            Some(Script::Cyrillic) => cyr += 1,
            Some(Script::Latin) => lat += 1,
            None if c.is_alphabetic() => other += 1,
            None => {}
        }
    }
    if cyr + lat <= 4 * other {
        return Ok(());
    }
    let (found, guess) = if cyr > lat {
        ("Cyrillic", "ru")
    } else {
        ("Latin", "en")
    };
    Err(crate::Error::new(
        path,
        format!(
            "the text is in {found} script, but {lang} is written in {script} script: is the language right (e.g. {guess})?"
        ),
    ))
}

/// Refuses a document with nothing to align: empty, only whitespace, or only page chrome.
pub fn require_text(path: &Path, sentences: &[Sentence]) -> Result<()> {
    if sentences.is_empty() {
        return Err(crate::Error::new(
            path,
            "no text (the file is empty or holds only whitespace)",
        ));
    }
    if sentences.iter().all(|s| s.noise) {
        return Err(crate::Error::new(
            path,
            "no article text (only page chrome: menus, links, lines in another script)",
        ));
    }
    Ok(())
}

/// Splits a decoded document into sentences.
pub fn split(
    doc: &document::Document,
    lang: &Lang,
    presegmented: bool,
    srx: Option<&crate::segment::SrxRules>,
) -> Vec<Sentence> {
    if presegmented {
        return split_document(doc, &Splitter::Lines);
    }
    match srx {
        Some(rules) => split_document(doc, &Splitter::Srx(rules)),
        None => split_document(doc, &Splitter::builtin(lang)),
    }
}

/// Reads, splits and aligns two files, each side in its own encoding when the options name
/// one (`src_encoding`, `tgt_encoding`, else `read.encoding`).
pub fn align_files(
    name: &str,
    files: Sides<&Path>,
    langs: Sides<&Lang>,
    opts: &PairOptions,
) -> Result<AlignedPair> {
    align_inputs(
        name,
        (files.src, langs.src, None),
        (files.tgt, langs.tgt, None),
        opts,
    )
}

/// A file to read, its language, and an encoding for this file alone (a manifest column)
/// that comes before the options' encodings.
pub type Input<'a> = (&'a Path, &'a Lang, Option<&'static encoding_rs::Encoding>);

/// Reads, splits and aligns two files, as [`align_files`], with an encoding per file.
pub fn align_inputs(
    name: &str,
    src: Input<'_>,
    tgt: Input<'_>,
    opts: &PairOptions,
) -> Result<AlignedPair> {
    let (s, t) = read_pair(src, tgt, opts)?;
    let mut warnings = doubts(&s, &t, src.1, tgt.1);
    let (s, t) = if swapped(&warnings) {
        // Each file split again by the rules of the language it is in (the sides are
        // exchanged when aligned), so its sentences are those a CAT tool finds in it.
        let rules = (opts.tgt_srx.as_ref(), opts.src_srx.as_ref());
        let (s, t) = read_sides((src.0, tgt.1, src.2), (tgt.0, src.1, tgt.2), opts, rules)?;
        warnings = doubts(&s, &t, src.1, tgt.1);
        (s, t)
    } else {
        (s, t)
    };
    let mut pair = align_doubted(
        name,
        Sides::new(s, t),
        Sides::new(src.1, tgt.1),
        &opts.align,
        warnings,
    );
    let (a, b) = (src.0.to_path_buf(), tgt.0.to_path_buf());
    pair.files = Some(if swapped(&pair.warnings) {
        (b, a)
    } else {
        (a, b)
    });
    Ok(pair)
}

/// Reads and splits both files of a pair, each in its own encoding when one is named.
pub fn read_pair(
    src: Input<'_>,
    tgt: Input<'_>,
    opts: &PairOptions,
) -> Result<(Vec<Sentence>, Vec<Sentence>)> {
    let rules = (opts.src_srx.as_ref(), opts.tgt_srx.as_ref());
    read_sides(src, tgt, opts, rules)
}

/// As [`read_pair`], with the SRX rules each side is split by.
fn read_sides(
    src: Input<'_>,
    tgt: Input<'_>,
    opts: &PairOptions,
    rules: (
        Option<&crate::segment::SrxRules>,
        Option<&crate::segment::SrxRules>,
    ),
) -> Result<(Vec<Sentence>, Vec<Sentence>)> {
    // A side's encoding: the file's own (a manifest column), the side's, else `--encoding`.
    let side = |(path, lang, own): Input<'_>,
                encoding: Option<&'static encoding_rs::Encoding>,
                srx: Option<&crate::segment::SrxRules>| {
        let read = ReadOptions {
            encoding: own.or(encoding).or(opts.read.encoding),
            ..opts.read.clone()
        };
        read_sentences(path, lang, &read, opts.presegmented, srx)
    };
    let (s, t) = rayon::join(
        || side(src, opts.src_encoding, rules.0),
        || side(tgt, opts.tgt_encoding, rules.1),
    );
    Ok((s?, t?))
}

/// Reads, splits and aligns two texts held in memory (as `batch --jsonl` receives them): the
/// same decoding checks, splitting and aligning as for files; errors name the side (`src`,
/// `tgt`) as the file.
pub fn align_texts(
    name: &str,
    texts: Sides<&str>,
    langs: Sides<&Lang>,
    opts: &PairOptions,
) -> Result<AlignedPair> {
    let side = |label: &str, text: &str, lang: &Lang, srx: Option<&crate::segment::SrxRules>| {
        let label = Path::new(label);
        if text.trim().is_empty() {
            return Err(crate::Error::new(label, "empty document"));
        }
        // NFC, line endings, binary data, garbled text: as for a UTF-8 file; an HTML page
        // read as a page.
        let decoded = document::decode(text.as_bytes(), None).map_err(|e| e.in_file(label))?;
        let doc =
            document::from_text(&decoded.text, lang, &opts.read).map_err(|e| e.in_file(label))?;
        let sentences = split(&doc, lang, opts.presegmented, srx);
        require_script(label, lang, &sentences)?;
        require_text(label, &sentences)?;
        let note = decoded
            .warning
            .map(|w| Warning::new(WarningKind::Decoding, format!("{}: {w}", label.display())));
        Ok((sentences, note))
    };
    let (mut s, src_note) = side("src", texts.src, langs.src, opts.src_srx.as_ref())?;
    let (mut t, tgt_note) = side("tgt", texts.tgt, langs.tgt, opts.tgt_srx.as_ref())?;
    let mut warnings = doubts(&s, &t, langs.src, langs.tgt);
    if swapped(&warnings) {
        // Each text split again by the rules of the language it is in, as for files.
        s = side("src", texts.src, langs.tgt, opts.tgt_srx.as_ref())?.0;
        t = side("tgt", texts.tgt, langs.src, opts.src_srx.as_ref())?.0;
        warnings = doubts(&s, &t, langs.src, langs.tgt);
    }
    let mut pair = align_doubted(name, Sides::new(s, t), langs, &opts.align, warnings);
    pair.warnings.extend(src_note.into_iter().chain(tgt_note));
    Ok(pair)
}

/// Aligns two sentence lists, noting doubtful input as warnings.
pub fn align_sentences(
    name: &str,
    sentences: Sides<Vec<Sentence>>,
    langs: Sides<&Lang>,
    opts: &AlignOptions,
) -> AlignedPair {
    let warnings = doubts(&sentences.src, &sentences.tgt, langs.src, langs.tgt);
    align_doubted(name, sentences, langs, opts, warnings)
}

/// True when the [`doubts`] say the sides were given the wrong way round.
fn swapped(warnings: &[Warning]) -> bool {
    warnings.iter().any(|w| w.kind == WarningKind::Swapped)
}

/// As [`align_sentences`], with the [`doubts`] about the two lists already found.
fn align_doubted(
    name: &str,
    sentences: Sides<Vec<Sentence>>,
    langs: Sides<&Lang>,
    opts: &AlignOptions,
    mut warnings: Vec<Warning>,
) -> AlignedPair {
    let Sides { src, tgt } = sentences;
    let Sides {
        src: src_lang,
        tgt: tgt_lang,
    } = langs;
    let (mut src, mut tgt) = (src, tgt);
    if let Some(w) = warnings.iter_mut().find(|w| w.kind == WarningKind::Swapped) {
        // Each text goes under the language it is in: never a memory with the languages crossed.
        std::mem::swap(&mut src, &mut tgt);
        w.text.push_str(
            "; aligned with the sides exchanged, so each text is written under its own language",
        );
    }
    let (alignment, runs) =
        crate::align::align_with_runs(&src, &tgt, src_lang.primary(), tgt_lang.primary(), opts);
    let coverage = crate::align::coverage(&alignment, src.len(), tgt.len());
    warnings.extend(
        coverage
            .into_iter()
            .map(|w| Warning::new(WarningKind::Coverage, w)),
    );
    let moved = crate::moved::find(&runs);
    warnings.extend(
        moved
            .iter()
            .map(|m| Warning::new(WarningKind::Moved, m.warning())),
    );
    AlignedPair {
        name: name.to_string(),
        src_lang: src_lang.clone(),
        tgt_lang: tgt_lang.clone(),
        src,
        tgt,
        alignment,
        warnings,
        moved,
        files: None,
    }
}

/// Warnings about a pair that will be aligned anyway: same language on both sides, swapped
/// languages, sizes far apart, a side without words.
pub fn doubts(
    src: &[Sentence],
    tgt: &[Sentence],
    src_lang: &Lang,
    tgt_lang: &Lang,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let script = |sents: &[Sentence]| {
        let (mut c, mut l) = (0, 0);
        for s in sents.iter().filter(|s| !s.noise) {
            let (a, b) = script_counts(&s.text);
            c += a;
            l += b;
        }
        if c + l == 0 {
            None
        } else if c > l {
            Some(Script::Cyrillic)
        } else {
            Some(Script::Latin)
        }
    };
    let (ss, ts) = rayon::join(|| script(src), || script(tgt));
    if src_lang.script() != tgt_lang.script() {
        if ss.is_some() && ss == ts {
            out.push(Warning::new(WarningKind::SameLanguage, format!(
                "both sides look like the same language ({} script), though {} and {} were expected; aligning anyway",
                if ss == Some(Script::Cyrillic) { "Cyrillic" } else { "Latin" },
                src_lang,
                tgt_lang
            )));
        } else if ss == Some(tgt_lang.script()) && ts == Some(src_lang.script()) {
            out.push(Warning::new(
                WarningKind::Swapped,
                format!(
                    "the sides look swapped: the source reads like {tgt_lang} and the target like {src_lang}"
                ),
            ));
        }
    }
    for (side, sents, script, lang) in
        [("source", src, ss, src_lang), ("target", tgt, ts, tgt_lang)]
    {
        if script.is_none() && lang.other_script().is_none() && sents.iter().any(|s| !s.noise) {
            out.push(Warning::new(
                WarningKind::NoWords,
                format!("the {side} has no words, only numbers and marks: its links rest on numbers and lengths alone"),
            ));
        }
    }
    let (n, m) = (src.len().max(1) as f64, tgt.len().max(1) as f64);
    if n / m >= 10.0 || m / n >= 10.0 {
        out.push(Warning::new(WarningKind::SizesApart, format!(
            "sizes far apart ({} source and {} target sentences): many sentences will stay unaligned",
            src.len(),
            tgt.len()
        )));
    }
    out
}
