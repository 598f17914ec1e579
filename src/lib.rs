//! claimtrace: turns news articles into a provenance graph of attributed claims.
//!
//! The pipeline, one module a stage:
//! [`article`] (read and lay out the text) → [`segment`] (sentences, tokens, quotations) →
//! [`extract`] (attributions and unattributed assertions) → [`resolve`] (speaker entities) →
//! [`store`] (the reviewed claim store) and [`eval`] (scoring against brat annotations).
//! The data model lives in [`model`]; the editorial attribution audit in [`audit`].

pub mod article;
pub mod audit;
pub mod cli;
pub mod eval;
pub mod extract;
pub mod lexicon;
pub mod model;
pub mod resolve;
pub mod segment;
pub mod store;

pub use article::{Article, ArticleError};
pub use extract::extract;
pub use model::*;
