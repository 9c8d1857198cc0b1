//! Corpus-scope rules: each reads the per-scenario summaries of the whole corpus
//! (`Rule::check_corpus`); some also judge each scenario on its own as it is checked
//! (`Rule::check_scenario`), which runs even when only some files are checked.

pub mod emotion_mismatch;
pub mod ending_confound;
pub mod near_duplicate;
pub mod shortcut_token;
pub mod surface_confound;
