//! claimtrace: turns news articles into a provenance graph of attributed claims.
//!
//! The pipeline, one module a stage:
//! [`article`] (read and lay out the text) → [`segment`] (sentences, tokens, quotations) →
//! [`extract`] (attributions and unattributed assertions) → [`resolve`] (speaker entities) →
//! [`store`] (the reviewed claim store) and [`eval`] (scoring against brat annotations);
//! [`figures`], [`measures`] and [`consistency`] compare the figures sources give, and
//! [`report`] renders the comparison.
//! The data model lives in [`model`].
//! The editorial attribution audit is [`audit`]; the main job, [`pipeline`].

pub mod article;
pub mod audit;
pub mod cli;
pub mod consistency;
pub mod dot;
pub mod eval;
pub mod export;
pub mod extract;
pub mod figures;
pub mod graph;
pub mod lexicon;
pub mod measures;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod resolve;
pub mod review;
pub mod segment;
pub mod store;
pub mod tagger;
pub mod train;
pub mod wordclass;
pub mod wordcluster;

pub use article::{Article, ArticleError};
pub use extract::extract;
pub use model::*;
