//! bitext turns the Russian and English versions of the same articles into translation
//! memories: read → segment → align → export.
//!
//! ```
//! use bitext::{Lang, segment};
//! let en = Lang::parse("en").unwrap();
//! let s = segment::split_text("At 5 a.m. Mr. Smith went to the bank. He left.", &en);
//! assert_eq!(s, ["At 5 a.m. Mr. Smith went to the bank.", "He left."]);
//! ```

pub mod document;
pub mod error;
pub mod lang;
pub mod segment;

pub use document::Document;
pub use error::{Error, Result};
pub use lang::Lang;
pub use segment::Sentence;
