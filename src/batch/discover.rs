//! Batch alignment of whole corpora: finding document pairs, aligning them in parallel and
//! summarising each document.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lang::Lang;

/// One document pair of a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairPaths {
    /// The document name (file name without language and extension).
    pub name: String,
    /// Source file.
    pub src: PathBuf,
    /// Target file.
    pub tgt: PathBuf,
}

/// The pairs found in an input, and files that had no partner.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Pairs sorted by name.
    pub pairs: Vec<PairPaths>,
    /// Files without a partner, sorted.
    pub unpaired: Vec<PathBuf>,
}

/// Finds document pairs in `input`: a folder of `NAME.<src>.txt` / `NAME.<tgt>.txt` files, a
/// folder with `<src>/` and `<tgt>/` subfolders of same-named files, or a manifest TSV of
/// `src_path<TAB>tgt_path` lines (relative paths are taken from the manifest's folder).
pub fn discover(input: &Path, src: &Lang, tgt: &Lang) -> Result<Discovery> {
    if input.is_file() {
        return manifest(input);
    }
    if !input.is_dir() {
        return Err(Error::new(input, "No such file or directory"));
    }
    let (sdir, tdir) = (input.join(src.as_str()), input.join(tgt.as_str()));
    if sdir.is_dir() && tdir.is_dir() {
        return subfolders(&sdir, &tdir);
    }
    let mut d = Discovery::default();
    let files = list(input)?;
    let suffix = |l: &Lang| format!(".{}.txt", l.as_str());
    let (ss, ts) = (suffix(src), suffix(tgt));
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if let Some(stem) = name.strip_suffix(&ss) {
            let partner = input.join(format!("{stem}{ts}"));
            if partner.is_file() {
                d.pairs.push(PairPaths {
                    name: stem.to_string(),
                    src: f.clone(),
                    tgt: partner,
                });
            } else {
                d.unpaired.push(f.clone());
            }
        } else if let Some(stem) = name.strip_suffix(&ts) {
            if !input.join(format!("{stem}{ss}")).is_file() {
                d.unpaired.push(f.clone());
            }
        }
    }
    if d.pairs.is_empty() && d.unpaired.is_empty() {
        return Err(Error::new(
            input,
            format!("no NAME{ss} / NAME{ts} files and no {src}/ and {tgt}/ subfolders here"),
        ));
    }
    d.pairs.sort_by(|a, b| a.name.cmp(&b.name));
    d.unpaired.sort();
    Ok(d)
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
        let (s, t) = line.split_once('\t').ok_or_else(|| {
            Error::new(
                path,
                format!("line {}: expected src_path<TAB>tgt_path", n + 1),
            )
        })?;
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
        });
    }
    if d.pairs.is_empty() {
        return Err(Error::new(path, "the manifest lists no pairs"));
    }
    Ok(d)
}
