//! Writing a pairing: the manifest `src_path<TAB>tgt_path<TAB>score` that `bitext batch`
//! reads, and the list of documents left without a partner.

use std::path::{Path, PathBuf};

use super::Pairing;
use crate::error::Result;
use crate::lang::Lang;

/// Writes the pairs, best first, one `src_path<TAB>tgt_path<TAB>score` line each. Paths
/// inside the manifest's folder are written relative to it (as `bitext batch` resolves them),
/// others absolute.
pub fn write_manifest(path: &Path, pairing: &Pairing) -> Result<()> {
    let base = base_of(path);
    crate::output::write_atomic(path, |w| {
        for p in &pairing.pairs {
            writeln!(
                w,
                "{}\t{}\t{:.3}",
                shown(&p.src, &base),
                shown(&p.tgt, &base),
                p.score
            )?;
        }
        Ok(())
    })
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
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match base.as_ref().and_then(|b| abs.strip_prefix(b).ok()) {
        Some(rel) => rel.display().to_string(),
        None => abs.display().to_string(),
    }
}
