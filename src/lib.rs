//! bitext turns the Russian and English versions of the same articles into translation
//! memories: read → segment → align → export.
//!
//! # Where things are
//!
//! The data path, one module per arrow (`pipeline` tells it in one page):
//!
//! - [`document`] reads a file into a [`Document`]: decoding and encodings (`decode.rs`),
//!   one reader per format (`text.rs`, `html.rs`, `office.rs`, `pdf.rs`), page chrome.
//! - [`segment`] splits a document into [`Sentence`]s: the built-in splitter
//!   (`builtin.rs`) and its per-language rules, abbreviations and word endings
//!   (`segment/rules/*.txt`), the characters that end, close and open a sentence and list
//!   bullets (`ends.rs`, read by the splitter, the SRX export and the aligner), SRX rules read
//!   (`srx.rs`) and written for CAT tools (`srx_export.rs`).
//! - [`align`] links two sentence lists: what a link costs — the price of a 2-1 link, of a
//!   sentence left out, of a shared number — is in `align/cost.rs`; the search over the band
//!   in `dp.rs`; the passes before it in `passes.rs`; lexical anchors in `anchors.rs`; a
//!   row's score (the probability that it is right) in `score.rs`, from `posterior.rs` and
//!   `elsewhere.rs` (unaligned sentences whose translation stands elsewhere).
//! - [`tm`] turns links into units and writes them: TMX in `tm/tmx.rs` (read back by
//!   `tmx_reader.rs`), review tables in `table.rs` and `xlsx.rs`, one streaming sink.
//!
//! Around it: [`pipeline`] (the path for one pair), [`batch`] (many pairs, in parallel),
//! [`pair`] (which file goes with which: by names in `discover.rs`, a manifest read and
//! written in `manifest.rs`, by content in `mod.rs`), [`report`] (the HTML review page),
//! [`summary`] (a pair's figures), [`moved`] (passages moved in a translation, named for the
//! reviewer and offered in review tables), [`eval`] (figures against gold links, and whether scores
//! mean what they say), [`grade`] (score grades and their colours), [`lang`], [`output`]
//! (files written whole or not at all), [`hash`] (a stable hash), [`xml`] (the one XML
//! escaper), [`sides`] (a source and a target passed as one) and [`error`] (the one error
//! type). The command line lives in `src/cli/`, one file per subcommand.
//!
//! ```
//! use bitext::{Lang, segment};
//! let en = Lang::parse("en").unwrap();
//! let s = segment::split_text("At 5 a.m. Mr. Smith went to the bank. He left.", &en);
//! assert_eq!(s, ["At 5 a.m. Mr. Smith went to the bank.", "He left."]);
//! ```

pub mod align;
pub mod batch;
pub mod document;
pub mod error;
pub mod eval;
pub mod grade;
pub mod hash;
pub mod lang;
pub mod moved;
pub mod output;
pub mod pair;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod sides;
pub mod summary;
pub mod tm;
pub mod xml;

pub use align::{align, Alignment, Link};
pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;
pub use segment::Sentence;
