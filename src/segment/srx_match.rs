//! Matching SRX patterns with look-arounds without a backtracking engine: a pattern is a tree
//! whose leaves are its look-around-free parts, each run by a lazy DFA, and whose inner nodes
//! (sequences, alternatives, repeats, look-arounds) combine the sets of positions the leaves
//! reach. "Does the text before match, ending here?" walks the tree backwards from the
//! position; "does the text after match, starting here?" walks it forwards. Every leaf is
//! compiled once for all rules that share it, and only when first needed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use fancy_regex::{Expr, LookAround};
use regex_automata::hybrid::dfa::{Cache, OverlappingState, DFA};
use regex_automata::{nfa::thompson, Anchored, Input, MatchKind};

/// A pattern as a tree of look-around-free leaves.
#[derive(Debug)]
pub(super) enum Node {
    Leaf(Arc<Leaf>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        child: Box<Node>,
        lo: usize,
        hi: usize,
    },
    Look {
        behind: bool,
        negative: bool,
        inner: Box<Node>,
    },
}

/// A look-around-free part of a pattern, with its DFAs (built when first needed) and their
/// working memory.
pub(super) struct Leaf {
    pattern: String,
    fwd: OnceLock<Option<DFA>>,
    rev: OnceLock<Option<DFA>>,
    fwd_caches: Mutex<Vec<Cache>>,
    rev_caches: Mutex<Vec<Cache>>,
}

impl std::fmt::Debug for Leaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Leaf({:?})", self.pattern)
    }
}

/// Leaves by pattern, so rules that share a part (a list of abbreviations) share its DFAs.
pub(super) type Leaves = HashMap<String, Arc<Leaf>>;

/// Positions, sorted and without repeats.
type Set = Vec<usize>;

impl Node {
    /// The tree of a pattern, or `None` when it holds something besides look-arounds that the
    /// DFAs cannot run (back-references, atomic groups, ...).
    pub(super) fn build(pattern: &str, leaves: &mut Leaves) -> Option<Node> {
        let tree = Expr::parse_tree(pattern).ok()?;
        Node::of(tree.expr, leaves)
    }

    fn of(expr: Expr, leaves: &mut Leaves) -> Option<Node> {
        if plain(&expr)? {
            let mut text = String::new();
            expr.to_str(&mut text, 0);
            let leaf = leaves
                .entry(text.clone())
                .or_insert_with(|| {
                    Arc::new(Leaf {
                        pattern: text,
                        fwd: OnceLock::new(),
                        rev: OnceLock::new(),
                        fwd_caches: Mutex::new(Vec::new()),
                        rev_caches: Mutex::new(Vec::new()),
                    })
                })
                .clone();
            return Some(Node::Leaf(leaf));
        }
        Some(match expr {
            Expr::Concat(v) => Node::Concat(
                v.into_iter()
                    .map(|e| Node::of(e, leaves))
                    .collect::<Option<_>>()?,
            ),
            Expr::Alt(v) => Node::Alt(
                v.into_iter()
                    .map(|e| Node::of(e, leaves))
                    .collect::<Option<_>>()?,
            ),
            Expr::Group(e) => Node::of(*e, leaves)?,
            Expr::Repeat { child, lo, hi, .. } => Node::Repeat {
                child: Box::new(Node::of(*child, leaves)?),
                lo,
                hi,
            },
            Expr::LookAround(inner, kind) => {
                let (behind, negative) = match kind {
                    LookAround::LookAhead => (false, false),
                    LookAround::LookAheadNeg => (false, true),
                    LookAround::LookBehind => (true, false),
                    LookAround::LookBehindNeg => (true, true),
                };
                Node::Look {
                    behind,
                    negative,
                    inner: Box::new(Node::of(*inner, leaves)?),
                }
            }
            _ => return None,
        })
    }

    /// Whether the pattern matches some text ending at `pos`.
    pub(super) fn ends_at(&self, text: &str, pos: usize) -> bool {
        !self.back(text, vec![pos]).is_empty()
    }

    /// Whether the pattern matches some text starting at `pos`.
    pub(super) fn starts_at(&self, text: &str, pos: usize) -> bool {
        !self.fwd(text, vec![pos]).is_empty()
    }

    /// The positions where a match can start that ends at one of `ends`.
    fn back(&self, text: &str, ends: Set) -> Set {
        if ends.is_empty() {
            return ends;
        }
        match self {
            Node::Leaf(leaf) => leaf.reach(text, &ends, true),
            Node::Concat(v) => v.iter().rev().fold(ends, |set, n| n.back(text, set)),
            Node::Alt(v) => union(v.iter().map(|n| n.back(text, ends.clone()))),
            Node::Repeat { child, lo, hi } => repeat(ends, *lo, *hi, |s| child.back(text, s)),
            Node::Look { .. } => self.look(text, ends),
        }
    }

    /// The positions where a match can end that starts at one of `starts`.
    fn fwd(&self, text: &str, starts: Set) -> Set {
        if starts.is_empty() {
            return starts;
        }
        match self {
            Node::Leaf(leaf) => leaf.reach(text, &starts, false),
            Node::Concat(v) => v.iter().fold(starts, |set, n| n.fwd(text, set)),
            Node::Alt(v) => union(v.iter().map(|n| n.fwd(text, starts.clone()))),
            Node::Repeat { child, lo, hi } => repeat(starts, *lo, *hi, |s| child.fwd(text, s)),
            Node::Look { .. } => self.look(text, starts),
        }
    }

    /// The positions of `at` where a look-around holds.
    fn look(&self, text: &str, mut at: Set) -> Set {
        let Node::Look {
            behind,
            negative,
            inner,
        } = self
        else {
            return at;
        };
        at.retain(|&p| {
            let found = if *behind {
                inner.ends_at(text, p)
            } else {
                inner.starts_at(text, p)
            };
            found != *negative
        });
        at
    }
}

/// Whether an expression holds no look-around; `None` when it holds something the DFAs
/// cannot run.
fn plain(expr: &Expr) -> Option<bool> {
    Some(match expr {
        Expr::LookAround(..) => false,
        Expr::Concat(v) | Expr::Alt(v) => {
            let mut all = true;
            for e in v {
                all &= plain(e)?;
            }
            all
        }
        Expr::Group(e) => plain(e)?,
        Expr::Repeat { child, .. } => plain(child)?,
        Expr::Empty
        | Expr::Any { .. }
        | Expr::Assertion(
            fancy_regex::Assertion::StartText
            | fancy_regex::Assertion::EndText
            | fancy_regex::Assertion::StartLine { .. }
            | fancy_regex::Assertion::EndLine { .. },
        )
        | Expr::Literal { .. }
        | Expr::Delegate { .. } => true,
        _ => return None,
    })
}

fn union(sets: impl Iterator<Item = Set>) -> Set {
    let mut out: Set = sets.flatten().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The positions `lo` to `hi` steps of `step` away from `from`.
fn repeat(from: Set, lo: usize, hi: usize, step: impl Fn(Set) -> Set) -> Set {
    let mut seen: Set = Vec::new();
    let mut out: Set = if lo == 0 { from.clone() } else { Vec::new() };
    let mut cur = from;
    let mut k = 0;
    while k < hi && !cur.is_empty() {
        k += 1;
        cur = step(cur);
        if k >= lo {
            // Beyond the minimum, a position reached before leads nowhere new.
            cur.retain(|p| seen.binary_search(p).is_err());
            seen = union([seen, cur.clone()].into_iter());
            out = union([out, cur.clone()].into_iter());
        }
    }
    out
}

impl Leaf {
    /// The positions a match of the leaf reaches from each of `from`: its starts, matched
    /// backwards from ends (`back`), or its ends, matched forwards from starts.
    fn reach(&self, text: &str, from: &[usize], back: bool) -> Set {
        let (cell, caches) = if back {
            (&self.rev, &self.rev_caches)
        } else {
            (&self.fwd, &self.fwd_caches)
        };
        let Some(dfa) = cell
            .get_or_init(|| {
                DFA::builder()
                    .configure(DFA::config().match_kind(MatchKind::All))
                    .thompson(
                        thompson::Config::new()
                            .reverse(back)
                            .which_captures(thompson::WhichCaptures::None),
                    )
                    .build(&self.pattern)
                    .ok()
            })
            .as_ref()
        else {
            return Vec::new();
        };
        let mut cache = caches
            .lock()
            .ok()
            .and_then(|mut c| c.pop())
            .unwrap_or_else(|| dfa.create_cache());
        let mut out = Vec::new();
        for &p in from {
            let input = if back {
                Input::new(text).range(..p)
            } else {
                Input::new(text).range(p..)
            }
            .anchored(Anchored::Yes);
            let mut state = OverlappingState::start();
            loop {
                let found = if back {
                    dfa.try_search_overlapping_rev(&mut cache, &input, &mut state)
                } else {
                    dfa.try_search_overlapping_fwd(&mut cache, &input, &mut state)
                };
                match (found, state.get_match()) {
                    (Ok(()), Some(m)) if text.is_char_boundary(m.offset()) => out.push(m.offset()),
                    (Ok(()), Some(_)) => {}
                    _ => break,
                }
            }
        }
        if let Ok(mut c) = caches.lock() {
            c.push(cache);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(p: &str) -> Node {
        Node::build(p, &mut Leaves::new()).unwrap()
    }

    #[test]
    fn look_arounds_decide_like_a_backtracking_engine() {
        let text = "Mr. Smith met No. 5 and Dr.Who. т. д. и т. д.";
        let cases = [
            r"(?<![\p{L}\p{N}])(?:Mr|Dr|No)\.",
            r"(?<![\p{L}\p{N}.])(?<!(?<![\p{L}\p{N}])\p{L}\.\s)(?:т|д)\.",
            r"(?<=[^\s]\.)(?=\p{Lu})Who\.",
            r"(?:^|\s)(?!Mr\.)\p{L}{2,4}\.",
            r"(?:(?<![^\s])\p{L}+\s+){0,3}No\.",
        ];
        for p in cases {
            let n = node(p);
            let before = fancy_regex::Regex::new(&format!("(?:{p})$")).unwrap();
            let after = fancy_regex::Regex::new(&format!("^(?:{p})")).unwrap();
            for pos in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (head, tail) = text.split_at(pos);
                assert_eq!(
                    n.ends_at(head, pos),
                    before.is_match(head).unwrap(),
                    "{p} before {pos}"
                );
                assert_eq!(
                    n.starts_at(tail, 0),
                    after.is_match(tail).unwrap(),
                    "{p} after {pos}"
                );
            }
        }
    }
}
