//! pairlint: a linter for corpora of paired emotion scenarios.
//!
//! The modules are the pipeline's stages, listed here from the bottom up: each may use the
//! ones above it in this list and none below (ARCHITECTURE.md draws it; `tests/layers.rs`
//! checks it). A run goes `corpus` (load) -> `text` (tokenize once) -> `rules` (by scope,
//! reading `language`) -> `engine` (severities, allow, order) -> `diagnostic`s -> `render`.

// 1. A text, tokenized once: the Doc, its words and sentences, the dictionary.
pub mod text;
// 2. A finding's shape: severity, location, message (what every later stage passes on).
pub mod diagnostic;
// 3. What words mean: taxonomy, lexicon, label constructions, names, narrative features.
pub mod language;
// 4. Loading: which folders are scenarios, each file read once.
pub mod corpus;
// 5. The rules, by scope, with the context and settings they read.
pub mod rules;
// 6. Running the rules: configuration, the pipeline, corpus statistics.
pub mod engine;
// 7. Output: human, concise, JSON, SARIF, GitHub, the stats tables and the HTML report.
pub mod render;
// 8. The commands the CLI dispatches to, and the command line itself.
pub mod cli;
pub mod commands;
