//! Corpus-scope rules: each reads the per-scenario summaries of the whole corpus
//! (`Rule::check_corpus`).

pub mod ending_confound;
pub mod near_duplicate;
pub mod shortcut_token;
pub mod surface_confound;
