//! Finding the document pairs of a corpus: by file names, by language subfolders or from a
//! manifest.

use std::path::{Path, PathBuf};

use super::corpus::{Discovery, PairPaths, PairingRule, Unpaired};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Finds document pairs in `input`: a folder of files marked with their language
/// (`NAME.ru.txt`, `NAME_ru.docx`, `NAME-RU.html`, `NAME.rus.pdf`, `NAME.ru`), a folder with
/// language subfolders (`ru/` and `en/`, `rus/` and `eng/`, `RU/` and `EN/`) of files with
/// the same name, or a manifest TSV of `src_path<TAB>tgt_path` lines (optionally a third
/// `score` column as `bitext pair` writes it, or a header line naming the columns `src_path`,
/// `tgt_path`, `name`, `score`, `src_encoding`, `tgt_encoding`). Relative manifest paths are
/// taken from the manifest's folder.
pub fn discover(input: &Path, src: &Lang, tgt: &Lang) -> Result<Discovery> {
    if input.is_file() {
        return super::manifest::read_manifest(input);
    }
    if !input.is_dir() {
        return Err(Error::new(input, "No such file or directory"));
    }
    let (scodes, tcodes) = (src.file_codes(), tgt.file_codes());
    if let (Some(sdir), Some(tdir)) = (subfolder(input, &scodes)?, subfolder(input, &tcodes)?) {
        let sfiles = folder_files(&sdir, &scodes)?;
        let tfiles = folder_files(&tdir, &tcodes)?;
        let seen = sfiles.len() + tfiles.len();
        let (s_deeper, t_deeper) = (nested_files(&sdir), nested_files(&tdir));
        let deeper = s_deeper.len() + t_deeper.len();
        let mut d = matched(sfiles, tfiles, src, tgt);
        if d.pairs.is_empty() {
            return Err(Error::new(
                input,
                format!(
                    "no pairs found: no file of {}/ has a same-named partner in {}/ ({seen} files seen{}); \
                     versions named differently are paired by what they say: bitext batch {} {} -o OUTDIR --pair-by content",
                    sdir.display(),
                    tdir.display(),
                    in_subfolders(deeper),
                    sdir.display(),
                    tdir.display(),
                ),
            ));
        }
        // Files name pairing does not read get a row of the summary, never silence: those
        // in subfolders of the language folders, and marked ones beside those folders.
        let skipped = |path: PathBuf, is_src: bool, why: &str| Unpaired {
            path,
            missing: if is_src { tgt.clone() } else { src.clone() },
            is_src,
            reason: Some(format!("{why} (a manifest can list it)")),
            unreadable: false,
        };
        let deep = "in a subfolder, which name pairing does not search";
        d.unpaired
            .extend(s_deeper.into_iter().map(|p| skipped(p, true, deep)));
        d.unpaired
            .extend(t_deeper.into_iter().map(|p| skipped(p, false, deep)));
        let beside = "beside the language folders, which name pairing reads instead";
        for f in list(input)? {
            if marked(&f, &scodes).is_some() {
                d.unpaired.push(skipped(f, true, beside));
            } else if marked(&f, &tcodes).is_some() {
                d.unpaired.push(skipped(f, false, beside));
            }
        }
        return Ok(d);
    }
    let files = list(input)?;
    let mut sfiles = Vec::new();
    let mut tfiles = Vec::new();
    for f in &files {
        if let Some(m) = marked(f, &scodes) {
            sfiles.push(m);
        } else if let Some(m) = marked(f, &tcodes) {
            tfiles.push(m);
        }
    }
    let d = matched(sfiles, tfiles, src, tgt);
    if d.pairs.is_empty() {
        let seen: Vec<String> = files
            .iter()
            .take(5)
            .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let more = if files.len() > seen.len() {
            ", …"
        } else {
            ""
        };
        return Err(Error::new(
            input,
            format!(
                "no pairs found: {} files here ({}{more}){}, none named NAME.{src}.EXT (or \
                 NAME_{src}, NAME-{src}, NAME.{}) with a partner for {tgt}, and no {src}/ and \
                 {tgt}/ subfolders; two folders of versions named differently are paired by \
                 what they say: bitext batch {src_dir}_DIR {tgt_dir}_DIR -o OUTDIR --pair-by content",
                files.len(),
                seen.join(", "),
                in_subfolders(nested_files(input).len()),
                scodes.get(2).unwrap_or(&scodes[0]),
                src_dir = src.primary().to_uppercase(),
                tgt_dir = tgt.primary().to_uppercase(),
            ),
        ));
    }
    Ok(d)
}

/// A file whose name says its language: the document name, how the name was spelled with
/// `NAME` in place of the document name, and the format extension.
#[derive(Debug)]
struct Marked {
    path: PathBuf,
    stem: String,
    spelling: String,
    ext: String,
    /// What parts the name from the language mark (`.`, `_`, `-`), or `/` for a file named
    /// by its language folder alone.
    sep: char,
}

/// Reads the language marker of a file name: `NAME` + `.`, `_` or `-` + a code of the
/// language (any case) + an optional format extension.
fn marked(path: &Path, codes: &[String]) -> Option<Marked> {
    // A name that is not UTF-8 (a Windows archive unpacked elsewhere) is read with its odd
    // bytes replaced, so that it still pairs by its marks instead of dropping out unseen.
    let file = path.file_name()?.to_string_lossy();
    let file = file.as_ref();
    let (base, ext) = split_extension(file);
    let lower = base.to_ascii_lowercase();
    codes.iter().find_map(|code| {
        // The code is ASCII: a cut inside a letter of the name (Cyrillic, say) is no mark.
        let cut = lower
            .len()
            .checked_sub(code.len() + 1)
            .filter(|&cut| lower.is_char_boundary(cut))?;
        let sep = lower[cut..].chars().next()?;
        let stem = &base[..cut];
        if !matches!(sep, '.' | '_' | '-') || !lower[cut + 1..].eq(code) || stem.is_empty() {
            return None;
        }
        Some(Marked {
            path: path.to_path_buf(),
            stem: stem.to_string(),
            spelling: format!("NAME{}{}", &base[cut..], dotted(ext)),
            ext: ext.to_ascii_lowercase(),
            sep,
        })
    })
}

/// A file name without its format extension (one bitext reads, any case), and the extension.
fn split_extension(file: &str) -> (&str, &str) {
    match file.rsplit_once('.') {
        Some((base, ext))
            if !base.is_empty()
                && crate::document::Format::EXTENSIONS
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(ext)) =>
        {
            (base, ext)
        }
        _ => (file, ""),
    }
}

fn dotted(ext: &str) -> String {
    if ext.is_empty() {
        String::new()
    } else {
        format!(".{ext}")
    }
}

/// The files of a language subfolder, named by their name without a language marker.
fn folder_files(dir: &Path, codes: &[String]) -> Result<Vec<Marked>> {
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(list(dir)?
        .into_iter()
        .map(|path| match marked(&path, codes) {
            Some(m) => Marked {
                spelling: format!("{folder}/{}", m.spelling),
                ..m
            },
            None => {
                let file = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (base, ext) = split_extension(&file);
                Marked {
                    stem: base.to_string(),
                    spelling: format!("{folder}/NAME{}", dotted(ext)),
                    ext: ext.to_ascii_lowercase(),
                    path,
                    sep: '/',
                }
            }
        })
        .collect())
}

/// The first subfolder of `dir` named by one of the codes (any case).
fn subfolder(dir: &Path, codes: &[String]) -> Result<Option<PathBuf>> {
    let dirs = entries(dir, Path::is_dir)?;
    Ok(codes.iter().find_map(|code| {
        dirs.iter()
            .find(|d| {
                d.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.eq_ignore_ascii_case(code))
            })
            .cloned()
    }))
}

/// Pairs source and target files of the same document name: the same format and the same
/// way of marking the language first (`a.ru.txt` with `a.en.txt` before `a-EN.txt`), then the
/// same format, then any format, then names that differ in case only; the rest is unpaired.
/// Pairs come sorted by name, unpaired files by path; pairs that share a name are told
/// apart (see [`distinct_names`]).
fn matched(src: Vec<Marked>, mut tgt: Vec<Marked>, src_lang: &Lang, tgt_lang: &Lang) -> Discovery {
    let mut d = Discovery::default();
    let passes: [fn(&Marked, &Marked) -> bool; 4] = [
        |s, t| s.stem == t.stem && s.ext == t.ext && s.sep == t.sep,
        |s, t| s.stem == t.stem && s.ext == t.ext,
        |s, t| s.stem == t.stem,
        // Names that differ in case only (`Report.en.txt`, `report.ru.txt`), as a file
        // system that ignores case would take them: one document saved by two people.
        |s, t| s.stem.to_lowercase() == t.stem.to_lowercase(),
    ];
    let mut left = src;
    for same in passes {
        let mut still = Vec::new();
        for s in left {
            match tgt.iter().position(|t| same(&s, t)) {
                Some(i) => d.pairs.push(pair(s, tgt.remove(i))),
                None => still.push(s),
            }
        }
        left = still;
    }
    let lonely_src = left;
    d.unpaired.extend(lonely_src.into_iter().map(|m| Unpaired {
        path: m.path,
        missing: tgt_lang.clone(),
        is_src: true,
        reason: None,
        unreadable: false,
    }));
    d.unpaired.extend(tgt.into_iter().map(|m| Unpaired {
        path: m.path,
        missing: src_lang.clone(),
        is_src: false,
        reason: None,
        unreadable: false,
    }));
    d.pairs
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.src.cmp(&b.src)));
    distinct_names(&mut d.pairs);
    d.unpaired.sort_by(|a, b| a.path.cmp(&b.path));
    d
}

/// Gives pairs that share a document name (`a.ru.txt` + `a.en.txt` beside `a.ru.html` +
/// `a.en.html`) names of their own, so their rows, units and report pages are told apart:
/// the name with the source file's format (`a.txt`, `a.html`), or with the source file's
/// name when the formats are the same too (`a (a_ru.txt)`).
fn distinct_names(pairs: &mut [PairPaths]) {
    use std::collections::HashMap;
    let mut names: HashMap<&str, usize> = HashMap::new();
    for p in pairs.iter() {
        *names.entry(p.name.as_str()).or_default() += 1;
    }
    let shared: Vec<bool> = pairs.iter().map(|p| names[p.name.as_str()] > 1).collect();
    let file = |p: &PairPaths| {
        p.src
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let by_format: Vec<Option<String>> = pairs
        .iter()
        .zip(&shared)
        .map(|(p, &shared)| {
            shared.then(|| {
                let ext = split_extension(&file(p)).1.to_ascii_lowercase();
                format!("{}{}", p.name, dotted(&ext))
            })
        })
        .collect();
    let mut formats: HashMap<&str, usize> = HashMap::new();
    for name in by_format.iter().flatten() {
        *formats.entry(name.as_str()).or_default() += 1;
    }
    for k in 0..pairs.len() {
        let Some(name) = &by_format[k] else { continue };
        let clash = formats[name.as_str()] > 1;
        pairs[k].name = if clash {
            format!("{} ({})", pairs[k].name, file(&pairs[k]))
        } else {
            name.clone()
        };
    }
}

fn pair(s: Marked, t: Marked) -> PairPaths {
    PairPaths {
        name: s.stem,
        src: s.path,
        tgt: t.path,
        score: None,
        rule: PairingRule::Names(format!("{} + {}", s.spelling, t.spelling)),
        src_encoding: None,
        tgt_encoding: None,
    }
}

/// The files of a folder, sorted; a symbolic link that leads nowhere (to a missing file, or
/// round a loop) counts as a file, so that its pair fails with the cause named instead of the
/// link going unseen.
fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    entries(dir, |p| p.is_file() || (!p.exists() && p.is_symlink()))
}

/// The files the subfolders of `dir` hold, at any depth (hidden ones and symbolic links to
/// folders left out), sorted: files name pairing does not look at.
fn nested_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo: Vec<PathBuf> = entries(dir, Path::is_dir).unwrap_or_default();
    while let Some(d) = todo.pop() {
        // Hidden folders never come: `entries` leaves them out.
        if std::fs::symlink_metadata(&d).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        found.extend(entries(&d, Path::is_file).unwrap_or_default());
        todo.extend(entries(&d, Path::is_dir).unwrap_or_default());
    }
    found.sort();
    found
}

/// `, and N more in subfolders` when there are such files.
fn in_subfolders(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(", and {n} more in subfolders, which name pairing does not search"),
    }
}

/// The entries of a folder that `keep` accepts, sorted; hidden ones (`.DS_Store`, the `._`
/// copies macOS makes) are no documents and are left out, as content pairing leaves them.
fn entries(dir: &Path, keep: fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| keep(p))
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).unwrap()
    }

    #[test]
    fn language_markers_are_read_in_their_usual_spellings() {
        let ru = lang("ru").file_codes();
        for (file, stem, spelling) in [
            ("a.ru.txt", "a", "NAME.ru.txt"),
            ("Report_RU.DOCX", "Report", "NAME_RU.DOCX"),
            ("report-ru.html", "report", "NAME-ru.html"),
            ("x.y.rus.pdf", "x.y", "NAME.rus.pdf"),
            ("notes.ru", "notes", "NAME.ru"),
            ("notes_russian.odt", "notes", "NAME_russian.odt"),
        ] {
            let m = marked(Path::new(file), &ru).unwrap_or_else(|| panic!("{file}"));
            assert_eq!((m.stem.as_str(), m.spelling.as_str()), (stem, spelling));
        }
        for file in ["ru.txt", "guru.txt", "a.ru.md", "a.en.txt", "aru.txt"] {
            assert!(marked(Path::new(file), &ru).is_none(), "{file}");
        }
    }

    #[test]
    fn same_format_is_paired_first_and_the_rest_reported() {
        let m = |f: &str, codes: &[String]| marked(Path::new(f), codes).unwrap();
        let (ru, en) = (lang("ru").file_codes(), lang("en").file_codes());
        let d = matched(
            vec![m("a.ru.html", &ru), m("a.ru.txt", &ru), m("b.ru.txt", &ru)],
            vec![m("a.en.txt", &en), m("c_eng.txt", &en)],
            &lang("ru"),
            &lang("en"),
        );
        assert_eq!(d.pairs.len(), 1);
        assert_eq!(d.pairs[0].src, Path::new("a.ru.txt"));
        assert_eq!(d.pairs[0].rule.to_string(), "NAME.ru.txt + NAME.en.txt");
        let lonely: Vec<_> = d
            .unpaired
            .iter()
            .map(|u| (u.path.to_str().unwrap(), u.missing.as_str()))
            .collect();
        assert_eq!(
            lonely,
            [("a.ru.html", "en"), ("b.ru.txt", "en"), ("c_eng.txt", "ru")]
        );
    }
}
