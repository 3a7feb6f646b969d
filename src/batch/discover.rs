//! Finding the document pairs of a corpus: by file names, by language subfolders or from a
//! manifest.

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use crate::error::{Error, Result};
use crate::lang::Lang;

/// One document pair of a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct PairPaths {
    /// The document name (file name without language and extension, or a manifest's name).
    pub name: String,
    /// Source file.
    pub src: PathBuf,
    /// Target file.
    pub tgt: PathBuf,
    /// How sure content pairing was that the two files are versions of one document (the
    /// third column of a manifest `bitext pair` wrote); `None` when paired by name.
    pub score: Option<f32>,
    /// The rule that paired the files.
    pub rule: PairingRule,
    /// The source file's encoding, when a manifest names it.
    pub src_encoding: Option<&'static Encoding>,
    /// The target file's encoding, when a manifest names it.
    pub tgt_encoding: Option<&'static Encoding>,
}

/// What paired two files, written in summary.csv's `paired_by` column as its `Display` words
/// it: `NAME_ru.docx + NAME_en.docx`, `ru/NAME.txt + en/NAME.txt`, `manifest line 3`,
/// `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingRule {
    /// Their names, spelled as the two patterns say (`NAME_ru.docx + NAME_en.docx`).
    Names(String),
    /// A line of a manifest (1-based).
    ManifestLine(usize),
    /// What they say: content pairing (`--pair-by content`).
    Content,
}

impl std::fmt::Display for PairingRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairingRule::Names(spelling) => f.write_str(spelling),
            PairingRule::ManifestLine(n) => write!(f, "manifest line {n}"),
            PairingRule::Content => f.write_str("content"),
        }
    }
}

/// A file of a corpus that has no partner in the other language.
#[derive(Debug, Clone, PartialEq)]
pub struct Unpaired {
    /// The file.
    pub path: PathBuf,
    /// The language whose version is missing.
    pub missing: Lang,
    /// Whether the file is on the source side.
    pub is_src: bool,
    /// Why the file was left out when it was not for want of a partner (it could not be
    /// read), as `not aligned: …`.
    pub reason: Option<String>,
}

/// The pairs found in an input, and files that had no partner.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Pairs sorted by name.
    pub pairs: Vec<PairPaths>,
    /// Files without a partner, sorted by path.
    pub unpaired: Vec<Unpaired>,
}

impl Discovery {
    /// The rules that paired files and how many pairs each made, most used first.
    pub fn rules(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in &self.pairs {
            let rule = p.rule.to_string();
            match counts.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, n)) => *n += 1,
                None => counts.push((rule, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }
}

/// Finds document pairs in `input`: a folder of files marked with their language
/// (`NAME.ru.txt`, `NAME_ru.docx`, `NAME-RU.html`, `NAME.rus.pdf`, `NAME.ru`), a folder with
/// language subfolders (`ru/` and `en/`, `rus/` and `eng/`, `RU/` and `EN/`) of files with
/// the same name, or a manifest TSV of `src_path<TAB>tgt_path` lines (optionally a third
/// `score` column as `bitext pair` writes it, or a header line naming the columns `src_path`,
/// `tgt_path`, `name`, `score`, `src_encoding`, `tgt_encoding`). Relative manifest paths are
/// taken from the manifest's folder.
pub fn discover(input: &Path, src: &Lang, tgt: &Lang) -> Result<Discovery> {
    if input.is_file() {
        return manifest(input);
    }
    if !input.is_dir() {
        return Err(Error::new(input, "No such file or directory"));
    }
    let (scodes, tcodes) = (src.file_codes(), tgt.file_codes());
    if let (Some(sdir), Some(tdir)) = (subfolder(input, &scodes)?, subfolder(input, &tcodes)?) {
        let sfiles = folder_files(&sdir, &scodes)?;
        let tfiles = folder_files(&tdir, &tcodes)?;
        let seen = sfiles.len() + tfiles.len();
        let deeper = nested_files(&sdir) + nested_files(&tdir);
        let d = matched(sfiles, tfiles, src, tgt);
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
                in_subfolders(nested_files(input)),
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
}

/// Reads the language marker of a file name: `NAME` + `.`, `_` or `-` + a code of the
/// language (any case) + an optional format extension.
fn marked(path: &Path, codes: &[String]) -> Option<Marked> {
    let file = path.file_name()?.to_str()?;
    let (base, ext) = split_extension(file);
    let lower = base.to_ascii_lowercase();
    codes.iter().find_map(|code| {
        let cut = lower.len().checked_sub(code.len() + 1)?;
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

/// Pairs source and target files of the same document name, the same format first; the rest
/// is unpaired. Pairs come sorted by name, unpaired files by path.
fn matched(src: Vec<Marked>, mut tgt: Vec<Marked>, src_lang: &Lang, tgt_lang: &Lang) -> Discovery {
    let mut d = Discovery::default();
    let mut lonely_src = Vec::new();
    // Same name and format first, then same name in any format.
    let mut pending = Vec::new();
    for s in src {
        match tgt.iter().position(|t| t.stem == s.stem && t.ext == s.ext) {
            Some(i) => d.pairs.push(pair(s, tgt.remove(i))),
            None => pending.push(s),
        }
    }
    for s in pending {
        match tgt.iter().position(|t| t.stem == s.stem) {
            Some(i) => d.pairs.push(pair(s, tgt.remove(i))),
            None => lonely_src.push(s),
        }
    }
    d.unpaired.extend(lonely_src.into_iter().map(|m| Unpaired {
        path: m.path,
        missing: tgt_lang.clone(),
        is_src: true,
        reason: None,
    }));
    d.unpaired.extend(tgt.into_iter().map(|m| Unpaired {
        path: m.path,
        missing: src_lang.clone(),
        is_src: false,
        reason: None,
    }));
    d.pairs
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.src.cmp(&b.src)));
    d.unpaired.sort_by(|a, b| a.path.cmp(&b.path));
    d
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

/// The files of a folder, sorted.
fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    entries(dir, Path::is_file)
}

/// How many files the subfolders of `dir` hold, at any depth (hidden ones left out): files
/// name pairing does not look at.
fn nested_files(dir: &Path) -> usize {
    let mut count = 0;
    let mut todo: Vec<PathBuf> = entries(dir, Path::is_dir).unwrap_or_default();
    while let Some(d) = todo.pop() {
        let hidden = d
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || std::fs::symlink_metadata(&d).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        count += entries(&d, Path::is_file).map_or(0, |f| f.len());
        todo.extend(entries(&d, Path::is_dir).unwrap_or_default());
    }
    count
}

/// `, and N more in subfolders` when there are such files.
fn in_subfolders(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(", and {n} more in subfolders, which name pairing does not search"),
    }
}

/// The entries of a folder that `keep` accepts, sorted.
fn entries(dir: &Path, keep: fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| keep(p))
        .collect();
    out.sort();
    Ok(out)
}

/// The columns a manifest may have.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Src,
    Tgt,
    Name,
    Score,
    SrcEncoding,
    TgtEncoding,
}

impl Column {
    fn parse(name: &str) -> Option<Column> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "src_path" | "src" => Column::Src,
            "tgt_path" | "tgt" => Column::Tgt,
            "name" | "document" => Column::Name,
            "score" | "pair_score" => Column::Score,
            "src_encoding" => Column::SrcEncoding,
            "tgt_encoding" => Column::TgtEncoding,
            _ => return None,
        })
    }
}

fn manifest(path: &Path) -> Result<Discovery> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut d = Discovery::default();
    let mut header: Option<Vec<Column>> = None;
    let mut first = true;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |message: String| Error::at(path, (n + 1) as u64, message);
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if std::mem::take(&mut first) && fields.iter().any(|f| f.eq_ignore_ascii_case("src_path")) {
            let columns = fields
                .iter()
                .map(|f| {
                    Column::parse(f).ok_or_else(|| {
                        at(format!(
                            "unknown column '{f}' (columns: src_path, tgt_path, name, score, \
                             src_encoding, tgt_encoding)"
                        ))
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            if !columns.contains(&Column::Src) || !columns.contains(&Column::Tgt) {
                return Err(at("the header needs both src_path and tgt_path".into()));
            }
            header = Some(columns);
            continue;
        }
        let columns = match &header {
            Some(columns) => columns.clone(),
            None => match fields.len() {
                2 => vec![Column::Src, Column::Tgt],
                3 => vec![Column::Src, Column::Tgt, Column::Score],
                _ => {
                    return Err(at(
                        "expected src_path<TAB>tgt_path[<TAB>score], or a header \
                                   line naming the columns"
                            .into(),
                    ))
                }
            },
        };
        if fields.len() > columns.len() {
            return Err(at(format!(
                "{} fields where the header names {}",
                fields.len(),
                columns.len()
            )));
        }
        let resolve = |p: &str| {
            let p = PathBuf::from(p);
            if p.is_absolute() {
                p
            } else {
                base.join(p)
            }
        };
        let mut pair = PairPaths {
            name: String::new(),
            src: PathBuf::new(),
            tgt: PathBuf::new(),
            score: None,
            rule: PairingRule::ManifestLine(n + 1),
            src_encoding: None,
            tgt_encoding: None,
        };
        let encoding = |label: &str| -> Result<Option<&'static Encoding>> {
            if label.is_empty() {
                return Ok(None);
            }
            crate::document::encoding_for_label(label)
                .map(Some)
                .ok_or_else(|| at(format!("unknown encoding '{label}'")))
        };
        for (column, field) in columns.iter().zip(&fields) {
            match column {
                Column::Src => pair.src = resolve(field),
                Column::Tgt => pair.tgt = resolve(field),
                Column::Name => pair.name = field.to_string(),
                Column::Score if field.is_empty() => {}
                Column::Score => {
                    pair.score = Some(
                        field
                            .parse::<f32>()
                            .map_err(|_| at(format!("the score '{field}' is not a number")))?,
                    )
                }
                Column::SrcEncoding => pair.src_encoding = encoding(field)?,
                Column::TgtEncoding => pair.tgt_encoding = encoding(field)?,
            }
        }
        if pair.src.as_os_str().is_empty() || pair.tgt.as_os_str().is_empty() {
            return Err(at("a source and a target path are needed".into()));
        }
        if pair.name.is_empty() {
            pair.name = crate::pipeline::document_name(&pair.src);
        }
        d.pairs.push(pair);
    }
    if d.pairs.is_empty() {
        return Err(Error::new(path, "the manifest lists no pairs"));
    }
    Ok(d)
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
