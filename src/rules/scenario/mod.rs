//! Scenario-scope rules: each compares a baseline with its variants, or the scenario's files
//! and names with each other (`Rule::check_scenario`).

pub mod bad_file_name;
pub mod baseline_affect;
pub mod emotion_misspelling;
pub mod emotion_vocabulary;
pub mod invalid_scenario_config;
pub mod length_mismatch;
pub mod missing_anchor;
pub mod missing_baseline;
pub mod new_entity;
pub mod pov_shift;
pub mod setup_drift;
pub mod shape_mismatch;
pub mod sibling_leak;
pub mod tense_shift;
pub mod unknown_emotion;
pub mod unused_allow;
pub mod variant_count;
