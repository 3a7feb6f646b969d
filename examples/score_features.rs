//! The evidence behind every row's score on gold-aligned documents, with whether the row is
//! right: what `scripts/fit-scores.py` fits the score's weights on.
//!
//! Usage: cargo run --release --example score_features -- DIR SRC TGT [SET]
//! DIR holds `NAME.SRC`, `NAME.TGT` (one sentence a line) and `NAME.gold`; prints CSV rows
//! `set,document,pair,right,<inputs...>` (inputs in the order of `bitext::align::score`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use bitext::align::{align_scored, AlignOptions};
use bitext::eval::read_links;
use bitext::pipeline::{read_pair, PairOptions};
use bitext::Lang;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, src, tgt, rest @ ..] = args.as_slice() else {
        eprintln!("usage: score_features DIR SRC TGT [SET]");
        std::process::exit(2);
    };
    let set = rest.first().cloned().unwrap_or_else(|| dir.clone());
    let dir = PathBuf::from(dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".gold").map(str::to_string)
        })
        .collect();
    names.sort();
    let opts = PairOptions {
        presegmented: true,
        ..PairOptions::default()
    };
    let (sl, tl) = (Lang::parse(src).unwrap(), Lang::parse(tgt).unwrap());
    let rows: Vec<String> = {
        use rayon::prelude::*;
        names
            .par_iter()
            .map(|name| document(&dir, name, (src, &sl), (tgt, &tl), &opts, &set))
            .collect()
    };
    print!("set,document,pair,right");
    for f in bitext::align::score::FEATURES {
        print!(",{f}");
    }
    println!();
    for r in rows {
        print!("{r}");
    }
}

/// The rows of one document, as CSV lines.
fn document(
    dir: &Path,
    name: &str,
    (src, sl): (&str, &Lang),
    (tgt, tl): (&str, &Lang),
    opts: &PairOptions,
    set: &str,
) -> String {
    let sp = dir.join(format!("{name}.{src}"));
    let tp = dir.join(format!("{name}.{tgt}"));
    let (s, t) = read_pair((&sp, sl, None), (&tp, tl, None), opts).expect("readable gold set");
    let gold: HashSet<(Vec<usize>, Vec<usize>)> = read_links(&dir.join(format!("{name}.gold")))
        .expect("gold links")
        .into_iter()
        .collect();
    let (alignment, evidence) =
        align_scored(&s, &t, sl.primary(), tl.primary(), &AlignOptions::default());
    let mut out = String::new();
    for (link, e) in alignment.links.iter().zip(evidence) {
        let key = (link.src.clone().collect(), link.tgt.clone().collect());
        let right = gold.contains(&key);
        out.push_str(&format!("{set},{name},{},{}", e.pair as u8, right as u8));
        for v in &e.values {
            out.push_str(&format!(",{v:.5}"));
        }
        out.push('\n');
    }
    out
}
