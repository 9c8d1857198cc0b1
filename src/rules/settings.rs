//! The resolved settings every rule reads, with their defaults (engine/config.rs reads them
//! from pairlint.toml), and the level each rule runs at.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Severity;
use crate::language::taxonomy::Emotion;
use crate::rules::RuleMeta;

/// A severity in configuration, where a rule may also be switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// The resolved settings every rule reads.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the settings came from, for messages (`None`: defaults).
    pub source: Option<PathBuf>,
    /// Rules explicitly selected (`None`: every rule).
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
    pub levels: BTreeMap<&'static str, Level>,
    pub length_tolerance_percent: u32,
    pub shape_min_ratio: f64,
    pub shape_max_ratio: f64,
    pub variants_min: usize,
    pub variants_max: usize,
    pub infer_names: bool,
    pub infer_numbers: bool,
    pub max_file_bytes: u64,
    /// Shingle similarity (0..1) at which two texts count as near-duplicates.
    pub near_duplicate_threshold: f64,
    /// Share of the baseline's content words a variant must keep.
    pub setup_drift_min_overlap: f64,
    /// Scenarios an emotion needs before corpus statistics say anything about it.
    pub confound_min_scenarios: usize,
    /// Cue words of another family (or of the other valence) a variant must add before
    /// emotion-mismatch reports it.
    pub mismatch_min_cues: usize,
    /// Valence shift against the baseline (VADER scale, summed) that contradicts a variant's
    /// emotion for emotion-mismatch.
    pub mismatch_min_shift: f64,
    /// Valence gap by which an unpleasant emotion's text must exceed a pleasant sibling's
    /// before emotion-mismatch reports the pair.
    pub mismatch_min_sibling_gap: f64,
    pub extra_emotions: BTreeMap<String, Emotion>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            source: None,
            select: None,
            ignore: Vec::new(),
            levels: BTreeMap::new(),
            length_tolerance_percent: 20,
            shape_min_ratio: 0.5,
            shape_max_ratio: 2.0,
            variants_min: 3,
            variants_max: 10,
            infer_names: true,
            infer_numbers: true,
            max_file_bytes: 8 * 1024 * 1024,
            near_duplicate_threshold: 0.8,
            setup_drift_min_overlap: 0.4,
            confound_min_scenarios: 3,
            mismatch_min_cues: 3,
            mismatch_min_shift: 4.0,
            mismatch_min_sibling_gap: 3.0,
            extra_emotions: BTreeMap::new(),
        }
    }
}
impl Settings {
    /// Is this rule switched on, and at what severity?
    pub fn level(&self, rule: &RuleMeta) -> Level {
        let selected = self.select.as_ref().is_none_or(|s| s.contains(&rule.name));
        if !selected || self.ignore.contains(&rule.name) {
            return Level::Off;
        }
        self.levels
            .get(rule.name)
            .copied()
            .unwrap_or(Level::On(rule.severity))
    }
}
