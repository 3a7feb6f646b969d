//! The manifest of a corpus, read and written here: `src_path<TAB>tgt_path<TAB>score` lines
//! as `bitext pair` writes them and `bitext batch` reads them (a header line may name more
//! columns), and the list of documents left without a partner.

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use super::corpus::{Discovery, PairPaths, PairingRule};
use super::Pairing;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Writes the pairs, best first, one `src_path<TAB>tgt_path<TAB>score` line each. Paths
/// inside the manifest's folder are written relative to it (as `bitext batch` resolves them),
/// others absolute. A pair with a path no line can name as it is (not UTF-8, or holding a
/// tab or line break) is left out rather than written as another name; its paths (source,
/// target) are returned, so that the caller can say which.
pub fn write_manifest(path: &Path, pairing: &Pairing) -> Result<Vec<(PathBuf, PathBuf)>> {
    let base = base_of(path);
    let mut unnamed = Vec::new();
    crate::output::write_atomic(path, |w| {
        for p in &pairing.pairs {
            match (exact(&p.src, &base), exact(&p.tgt, &base)) {
                (Some(src), Some(tgt)) => writeln!(w, "{src}\t{tgt}\t{:.3}", p.score)?,
                _ => unnamed.push((p.src.clone(), p.tgt.clone())),
            }
        }
        Ok(())
    })?;
    Ok(unnamed)
}

/// A document path as a manifest line holds it, when one can: in UTF-8, with no tab or line
/// break.
fn exact(path: &Path, base: &Option<PathBuf>) -> Option<String> {
    let shown = relative(path, base);
    let text = shown.to_str()?;
    (!text.contains(['\t', '\n', '\r'])).then(|| text.to_string())
}

/// Writes the documents without a partner, one `lang<TAB>path` line each, source side first;
/// a document of a doubtful pair gets its best candidate and the score as two more fields.
pub fn write_unpaired(
    path: &Path,
    pairing: &Pairing,
    src_lang: &Lang,
    tgt_lang: &Lang,
) -> Result<()> {
    let base = base_of(path);
    crate::output::write_atomic(path, |w| {
        for (lang, files) in [
            (src_lang, &pairing.unpaired_src),
            (tgt_lang, &pairing.unpaired_tgt),
        ] {
            for f in files {
                let doubt = pairing.doubtful.iter().find_map(|d| {
                    let other = if &d.src == f {
                        &d.tgt
                    } else if &d.tgt == f {
                        &d.src
                    } else {
                        return None;
                    };
                    Some(format!("\t{}\t{:.3}", shown(other, &base), d.score))
                });
                writeln!(
                    w,
                    "{lang}\t{}{}",
                    shown(f, &base),
                    doubt.unwrap_or_default()
                )?;
            }
        }
        Ok(())
    })
}

/// Where the unpaired list goes for a manifest: `NAME.unpaired.tsv` beside `NAME.tsv`.
///
/// ```
/// use std::path::Path;
/// assert_eq!(bitext::pair::unpaired_path(Path::new("out/manifest.tsv")), Path::new("out/manifest.unpaired.tsv"));
/// ```
pub fn unpaired_path(manifest: &Path) -> PathBuf {
    let stem = manifest
        .file_stem()
        .map_or_else(|| "manifest".into(), |s| s.to_string_lossy().into_owned());
    manifest.with_file_name(format!("{stem}.unpaired.tsv"))
}

/// The manifest's folder, absolute, for relative paths.
fn base_of(manifest: &Path) -> Option<PathBuf> {
    let dir = manifest.parent().filter(|d| !d.as_os_str().is_empty());
    dir.unwrap_or(Path::new(".")).canonicalize().ok()
}

/// A document path as the manifest shows it.
fn shown(path: &Path, base: &Option<PathBuf>) -> String {
    relative(path, base).display().to_string()
}

/// A document path relative to the manifest's folder when inside it, else absolute.
fn relative(path: &Path, base: &Option<PathBuf>) -> PathBuf {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match base.as_ref().and_then(|b| abs.strip_prefix(b).ok()) {
        Some(rel) => rel.to_path_buf(),
        None => abs,
    }
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

/// Reads a manifest: `src_path<TAB>tgt_path` lines, optionally a third `score` column as
/// `bitext pair` writes it, or a header line naming the columns first. Relative paths are
/// taken from the manifest's folder.
pub fn read_manifest(path: &Path) -> Result<Discovery> {
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
        // A spreadsheet saving TSV quotes a field that holds a quote or a space: the quotes
        // go, a doubled one inside becomes one.
        let unquoted: Vec<String> = line
            .split('\t')
            .map(|f| {
                let f = f.trim();
                match f.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
                    Some(inner) => inner.replace("\"\"", "\""),
                    None => f.to_string(),
                }
            })
            .collect();
        let fields: Vec<&str> = unquoted.iter().map(String::as_str).collect();
        // A header: the first line naming both path columns (`src_path`/`tgt_path`, or `src`
        // and `tgt`), never a pair of files of those names.
        let names_columns = fields.iter().any(|f| f.eq_ignore_ascii_case("src_path"))
            || (fields.iter().any(|f| Column::parse(f) == Some(Column::Src))
                && fields.iter().any(|f| Column::parse(f) == Some(Column::Tgt)));
        if std::mem::take(&mut first) && names_columns {
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
            pair.name = crate::document::document_name(&pair.src);
        }
        d.pairs.push(pair);
    }
    if d.pairs.is_empty() {
        return Err(Error::new(path, "the manifest lists no pairs"));
    }
    distinct_names(&mut d.pairs);
    Ok(d)
}

/// Gives documents that share a name (`x/a.ru.txt` and `y/a.ru.txt` both make `a`) their
/// folder in front (`x/a`, `y/a`), and a pair listed twice its line, so that memories, review
/// tables and report pages keep them apart.
fn distinct_names(pairs: &mut [PairPaths]) {
    use std::collections::HashMap;
    let count = |pairs: &[PairPaths]| {
        let mut n: HashMap<String, usize> = HashMap::new();
        for p in pairs {
            *n.entry(p.name.clone()).or_default() += 1;
        }
        n
    };
    let shared = count(pairs);
    for p in pairs.iter_mut().filter(|p| shared[&p.name] > 1) {
        if let Some(folder) = p.src.parent().and_then(|f| f.file_name()) {
            p.name = format!("{}/{}", folder.to_string_lossy(), p.name);
        }
    }
    let shared = count(pairs);
    for p in pairs.iter_mut().filter(|p| shared[&p.name] > 1) {
        if let PairingRule::ManifestLine(line) = p.rule {
            p.name = format!("{} (line {line})", p.name);
        }
    }
}
