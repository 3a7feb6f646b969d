//! The shape of the library: dependencies run one way, from the data path's start to its end
//! (lang → document → segment → align → pipeline → {pair, tm, summary, report, eval} → batch), and no
//! module imports one that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::workdir::repo;

/// Each top-level module of the library and its place on the data path: a module may use
/// only modules of a lower rank.
const ORDER: &[(&str, u8)] = &[
    ("error", 0),
    ("hash", 0),
    ("xml", 0),
    ("sides", 0),
    ("lang", 1),
    ("grade", 1),
    ("output", 1),
    ("document", 2),
    ("segment", 3),
    ("align", 4),
    ("moved", 5),
    ("pipeline", 6),
    ("pair", 7),
    ("summary", 7),
    ("tm", 7),
    ("report", 8),
    ("eval", 8),
    ("batch", 9),
];

/// Module name (`align/anchors`, `tm`) → source text, for every library file but the CLI.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(base).unwrap().with_extension("");
                let mut name = rel.to_string_lossy().replace('\\', "/");
                if let Some(parent) = name.strip_suffix("/mod") {
                    name = parent.to_string();
                }
                out.insert(name, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let src = repo().join("src");
    let mut out = BTreeMap::new();
    walk(&src, &src, &mut out);
    out.retain(|name, _| !name.starts_with("cli") && name != "main" && name != "lib");
    out
}

/// The identifiers following each `prefix` in the code (doc comments and comments skipped).
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            rest = &rest[i + prefix.len()..];
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !ident.is_empty() {
                out.push(ident);
            }
        }
    }
    out
}

fn has_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(c) = visit(n, edges, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn top_level_modules_depend_only_on_earlier_ones() {
    let rank: BTreeMap<&str, u8> = ORDER.iter().copied().collect();
    let mut wrong = Vec::new();
    for (name, text) in modules() {
        let top = name.split('/').next().unwrap();
        let Some(&r) = rank.get(top) else {
            panic!("module {top} has no place in ORDER: give it one");
        };
        for used in paths_after(&text, "crate::") {
            match rank.get(used.as_str()) {
                Some(&u) if used != top && u >= r => wrong.push(format!("{name} uses {used}")),
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies against the data path: {wrong:?}"
    );
}

#[test]
fn no_submodule_imports_one_that_imports_it_back() {
    let modules = modules();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in &modules {
        let Some((parent, _)) = name.rsplit_once('/') else {
            continue;
        };
        let mut used = paths_after(text, "super::");
        used.extend(paths_after(
            text,
            &format!("crate::{}::", parent.replace('/', "::")),
        ));
        for u in used {
            let sibling = format!("{parent}/{u}");
            if sibling != *name && modules.contains_key(&sibling) {
                edges.entry(name.clone()).or_default().insert(sibling);
            }
        }
    }
    assert_eq!(has_cycle(&edges), None, "a cycle between sibling modules");
}

#[test]
fn the_checks_see_real_imports() {
    // The scanner itself: it must find the imports it is meant to judge.
    let modules = modules();
    assert!(paths_after(&modules["pipeline"], "crate::").contains(&"align".to_string()));
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(has_cycle(&edges).is_some());
}

#[test]
fn makefile_asks_cargo_where_the_binary_is() {
    let out = std::process::Command::new("make")
        .args(["-n", "demo"])
        .current_dir(repo())
        .env("CARGO_TARGET_DIR", "/tmp/elsewhere-target")
        .output();
    let Ok(out) = out else {
        crate::workdir::skip("make is not installed");
        return;
    };
    let plan = String::from_utf8_lossy(&out.stdout);
    assert!(
        plan.contains("/tmp/elsewhere-target/release/bitext batch"),
        "{plan}"
    );
}

/// Prices live in `align/cost.rs` (and the fitted weights of the score in `align/score.rs`):
/// the search, the posterior, the passes and the driver hold no price of their own, so a
/// number written with a decimal point there (outside comments) is one in the wrong room.
#[test]
fn only_the_cost_model_sets_prices() {
    let modules = modules();
    for name in ["align/dp", "align/posterior", "align/passes", "align"] {
        let text = &modules[name];
        for (k, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let chars: Vec<char> = code.chars().collect();
            for (i, w) in chars.windows(3).enumerate() {
                let literal = w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit();
                let starts = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.');
                let word: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit() || **c == '.')
                    .collect();
                assert!(
                    !literal || !starts || word == "0.0" || word == "1.0",
                    "src/{name}.rs:{}: the number {word} looks like a price; name it in align/cost.rs",
                    k + 1
                );
            }
        }
    }
}

/// Code lines of a module's text: comments left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(k, line)| (k + 1, line.split("//").next().unwrap_or("")))
        .filter(|(_, code)| !code.trim().is_empty())
}

/// The pipeline is the orchestrator: only batch (which runs it over many pairs) uses it;
/// the rooms it calls on and the ones that present its results (tm, summary, report, pair)
/// never import it.
#[test]
fn only_batch_uses_the_pipeline() {
    for (name, text) in modules() {
        let top = name.split('/').next().unwrap();
        if top == "pipeline" || top == "batch" {
            continue;
        }
        assert!(
            !paths_after(&text, "crate::").contains(&"pipeline".to_string()),
            "src/{name}.rs uses the pipeline"
        );
    }
}

/// Where a sentence ends is decided by the lists of `segment/ends.rs`: the rarer end marks
/// appear nowhere else in the library, and no list bullet is written out again in the
/// splitter, the SRX export or the aligner's sentence count.
#[test]
fn sentence_end_characters_are_listed_only_in_ends() {
    for (name, text) in modules() {
        if name == "segment/ends" {
            continue;
        }
        let splitter = name.starts_with("segment") || name == "align/pieces";
        for (k, code) in code_lines(&text) {
            assert!(
                !code.contains(['‼', '⁇', '⁈', '⁉']),
                "src/{name}.rs:{k}: a sentence-end mark outside segment/ends.rs"
            );
            assert!(
                !splitter || !code.contains(['•', '▪', '◦', '‣', '●', '■', '►']),
                "src/{name}.rs:{k}: a list bullet outside segment/ends.rs"
            );
        }
    }
}

/// One XML escaper, in `xml.rs`: no other module writes an entity of its own.
#[test]
fn only_xml_escapes() {
    for (name, text) in modules() {
        if name == "xml" {
            continue;
        }
        for (k, code) in code_lines(&text) {
            assert!(
                !code.contains("\"&amp;\"")
                    && !code.contains("\"&lt;\"")
                    && !code.contains("fn escape("),
                "src/{name}.rs:{k}: an XML escaper outside xml.rs"
            );
        }
    }
}

/// One error type, in `error.rs`: its kinds and its `std::error::Error` impl are defined
/// nowhere else.
#[test]
fn only_error_defines_error_kinds() {
    for (name, text) in modules() {
        if name == "error" {
            continue;
        }
        for (k, code) in code_lines(&text) {
            assert!(
                !code.contains("enum ErrorKind")
                    && !code.contains("impl std::error::Error for")
                    && !code.contains("thiserror"),
                "src/{name}.rs:{k}: an error type outside error.rs"
            );
        }
    }
}
