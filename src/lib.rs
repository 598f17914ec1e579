//! claimtrace: turns news articles into a provenance graph of attributed claims.
//!
//! The pipeline, one module a stage:
//! [`article`] (read and lay out the text) → [`segment`] (sentences, tokens, quotations) →
//! [`extract`] (attributions and unattributed assertions) → [`resolve`] (speaker entities) →
//! [`store`] (the reviewed claim store) and [`eval`] (scoring against brat annotations).
//! The data model lives in [`model`].

pub mod article;
pub mod cli;
pub mod dot;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod model;
pub mod render;
pub mod resolve;
pub mod review;
pub mod segment;
pub mod store;
pub mod tagger;
pub mod train;

pub use article::{Article, ArticleError};
pub use extract::extract;
pub use model::*;
