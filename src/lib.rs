//! pairlint: a linter for corpora of paired emotion scenarios.
//!
//! Pipeline (see ARCHITECTURE.md): `corpus` loads each scenario and reads every file once,
//! `text` tokenizes each text once, `engine` runs the rules of `rules` by scope, and
//! `render` prints the resulting `diagnostic`s.

pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod dictionary;
pub mod engine;
pub mod entities;
pub mod features;
pub mod fix;
pub mod interjections;
pub mod labels;
pub mod lexicon;
pub mod lsp;
pub mod render;
pub mod report;
pub mod rules;
// The data files' shapes, shared with build.rs; most of it only build.rs reads.
#[allow(dead_code)]
mod schema;
pub mod sentences;
pub mod stats;
pub mod summary;
pub mod tables;
pub mod taxonomy;
pub mod text;
pub mod words;
