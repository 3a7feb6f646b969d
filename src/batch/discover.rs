//! Batch alignment of whole corpora: finding document pairs, aligning them in parallel and
//! summarising each document.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lang::Lang;

/// One document pair of a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct PairPaths {
    /// The document name (file name without language and extension).
    pub name: String,
    /// Source file.
    pub src: PathBuf,
    /// Target file.
    pub tgt: PathBuf,
    /// How sure content pairing was that the two files are versions of one document (the
    /// third column of a manifest `bitext pair` wrote); `None` when paired by name.
    pub score: Option<f32>,
}

/// The pairs found in an input, and files that had no partner.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Pairs sorted by name.
    pub pairs: Vec<PairPaths>,
    /// Files without a partner, sorted.
    pub unpaired: Vec<PathBuf>,
}

/// Finds document pairs in `input`: a folder of `NAME.<src>.txt` / `NAME.<tgt>.txt` files
/// (or `.html`, `.htm`, `.docx`, `.odt`, `.pdf`), a
/// folder with `<src>/` and `<tgt>/` subfolders of same-named files, or a manifest TSV of
/// `src_path<TAB>tgt_path` lines, optionally with a third `score` column as `bitext pair`
/// writes it (relative paths are taken from the manifest's folder).
pub fn discover(input: &Path, src: &Lang, tgt: &Lang) -> Result<Discovery> {
    if input.is_file() {
        return manifest(input);
    }
    if !input.is_dir() {
        return Err(Error::new(input, "No such file or directory"));
    }
    // Files and folders are named by the language as given or by its primary subtag
    // (`--src-lang ru-RU` finds NAME.ru.txt and ru/ as well as NAME.ru-RU.txt).
    let (scodes, tcodes) = (codes(src), codes(tgt));
    let folder = |codes: &[String]| codes.iter().map(|c| input.join(c)).find(|d| d.is_dir());
    if let (Some(sdir), Some(tdir)) = (folder(&scodes), folder(&tcodes)) {
        let d = subfolders(&sdir, &tdir)?;
        if d.pairs.is_empty() {
            return Err(Error::new(
                input,
                format!(
                    "no pairs found: no file of {}/ has a same-named partner in {}/ ({} files seen)",
                    sdir.display(),
                    tdir.display(),
                    d.unpaired.len()
                ),
            ));
        }
        return Ok(d);
    }
    let mut d = Discovery::default();
    let files = list(input)?;
    // NAME.<lang>.<ext> for every format read; the partner may be in another format
    // (a Russian DOCX with an English HTML page), the same format preferred.
    let split = |name: &str, codes: &[String]| -> Option<(String, &'static str)> {
        codes.iter().find_map(|code| {
            crate::document::Format::EXTENSIONS.iter().find_map(|ext| {
                name.strip_suffix(&format!(".{code}.{ext}"))
                    .map(|stem| (stem.to_string(), *ext))
            })
        })
    };
    let partner = |stem: &str, ext: &str, codes: &[String]| -> Option<PathBuf> {
        codes.iter().find_map(|code| {
            std::iter::once(ext)
                .chain(crate::document::Format::EXTENSIONS.iter().copied())
                .map(|e| input.join(format!("{stem}.{code}.{e}")))
                .find(|p| p.is_file())
        })
    };
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if let Some((stem, ext)) = split(name, &scodes) {
            match partner(&stem, ext, &tcodes) {
                Some(t) => d.pairs.push(PairPaths {
                    name: stem,
                    src: f.clone(),
                    tgt: t,
                    score: None,
                }),
                None => d.unpaired.push(f.clone()),
            }
        } else if let Some((stem, ext)) = split(name, &tcodes) {
            if partner(&stem, ext, &scodes).is_none() {
                d.unpaired.push(f.clone());
            }
        }
    }
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
                "no pairs found: {} files here ({}{more}), none named NAME.{src}.EXT with a \
                 NAME.{tgt}.EXT partner (EXT one of {}), and no {src}/ and {tgt}/ subfolders",
                files.len(),
                seen.join(", "),
                crate::document::Format::EXTENSIONS.join(" ")
            ),
        ));
    }
    d.pairs.sort_by(|a, b| a.name.cmp(&b.name));
    d.unpaired.sort();
    Ok(d)
}

/// The codes a language is found under in file and folder names: the tag as given, then its
/// primary subtag.
fn codes(lang: &Lang) -> Vec<String> {
    let mut out = vec![lang.as_str().to_string()];
    if lang.primary() != lang.as_str() {
        out.push(lang.primary().to_string());
    }
    out
}

fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    Ok(out)
}

fn subfolders(sdir: &Path, tdir: &Path) -> Result<Discovery> {
    let mut d = Discovery::default();
    for f in list(sdir)? {
        let name = f.file_name().expect("listed file").to_owned();
        let partner = tdir.join(&name);
        if partner.is_file() {
            d.pairs.push(PairPaths {
                name: crate::pipeline::document_name(&f),
                src: f,
                tgt: partner,
                score: None,
            });
        } else {
            d.unpaired.push(f);
        }
    }
    for f in list(tdir)? {
        if !sdir.join(f.file_name().expect("listed file")).is_file() {
            d.unpaired.push(f);
        }
    }
    d.unpaired.sort();
    Ok(d)
}

fn manifest(path: &Path) -> Result<Discovery> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut d = Discovery::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (s, t, score) = match fields[..] {
            [s, t] => (s, t, None),
            [s, t, score] => {
                let score = score.trim().parse::<f32>().map_err(|_| {
                    Error::at(
                        path,
                        (n + 1) as u64,
                        format!("the score '{score}' is not a number"),
                    )
                })?;
                (s, t, Some(score))
            }
            _ => {
                return Err(Error::at(
                    path,
                    (n + 1) as u64,
                    "expected src_path<TAB>tgt_path or src_path<TAB>tgt_path<TAB>score",
                ))
            }
        };
        let resolve = |p: &str| {
            let p = PathBuf::from(p.trim());
            if p.is_absolute() {
                p
            } else {
                base.join(p)
            }
        };
        let src = resolve(s);
        d.pairs.push(PairPaths {
            name: crate::pipeline::document_name(&src),
            src,
            tgt: resolve(t),
            score,
        });
    }
    if d.pairs.is_empty() {
        return Err(Error::new(path, "the manifest lists no pairs"));
    }
    Ok(d)
}
