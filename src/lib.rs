//! bitext turns the Russian and English versions of the same articles into translation
//! memories: read → segment → align → export.
//!
//! ```
//! use bitext::{Lang, segment};
//! let en = Lang::parse("en").unwrap();
//! let s = segment::split_text("At 5 a.m. Mr. Smith went to the bank. He left.", &en);
//! assert_eq!(s, ["At 5 a.m. Mr. Smith went to the bank.", "He left."]);
//! ```

pub mod align;
pub mod band;
pub mod batch;
pub mod document;
pub mod error;
pub mod eval;
pub mod lang;
pub mod moved;
pub mod output;
pub mod pair;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod summary;
pub mod tm;

pub use align::{align, Alignment, Link};
pub use document::Document;
pub use error::{Error, Result};
pub use lang::Lang;
pub use segment::Sentence;
