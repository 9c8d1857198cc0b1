//! The rule registry. One file per rule in this folder; each declares its metadata with
//! `declare_rule!` (the doc comment becomes the explanation `pairlint rule NAME` prints) and
//! implements `Rule` for the scope it works at.

use std::sync::OnceLock;

use serde::Serialize;

use crate::config::Settings;
use crate::corpus::{Scenario, SourceFile};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::taxonomy::Taxonomy;

pub mod bad_file_name;
pub mod baseline_affect;
pub mod bom;
pub mod control_char;
pub mod crlf;
pub mod emotion_interjection;
pub mod emotion_label;
pub mod emotion_misspelling;
pub mod emotion_vocabulary;
pub mod empty_file;
pub mod ending_confound;
pub mod invalid_scenario_config;
pub mod invalid_utf8;
pub mod length_mismatch;
pub mod missing_anchor;
pub mod missing_baseline;
pub mod near_duplicate;
pub mod new_entity;
pub mod pov_shift;
pub mod setup_drift;
pub mod shape_mismatch;
pub mod shortcut_token;
pub mod sibling_leak;
pub mod surface_confound;
pub mod tense_shift;
pub mod trailing_whitespace;
pub mod unknown_emotion;
pub mod unreadable_file;
pub mod unused_allow;
pub mod variant_count;

#[cfg(test)]
pub mod testing;

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One text on its own.
    File,
    /// A baseline with all its variants; a finding may label spans in several files.
    Scenario,
    /// The whole corpus.
    Corpus,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::File => "file",
            Scope::Scenario => "scenario",
            Scope::Corpus => "corpus",
        }
    }
}

/// A rule's stable identity and documentation.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// Stable kebab-case name; once released it keeps its meaning.
    pub name: &'static str,
    pub scope: Scope,
    pub severity: Severity,
    pub fixable: bool,
    /// One line, lowercase, no final period.
    pub summary: &'static str,
    /// Markdown: what it checks, why it matters for steering vectors, an example, options.
    pub explanation: &'static str,
}

impl RuleMeta {
    /// Start a finding of this rule; the engine applies configured severity afterwards.
    pub fn report(&'static self, location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: self.name,
            severity: self.severity,
            location,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// The explanation with the doc-comment indentation removed.
    pub fn explanation_text(&self) -> String {
        self.explanation
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// Declares a rule's metadata; the doc comment is kept as its explanation (clippy's
/// `declare_clippy_lint!` idea, without a proc-macro).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            name: $name:literal,
            scope: $scope:ident,
            severity: $severity:ident,
            fixable: $fixable:literal,
            summary: $summary:literal $(,)?
        }
    ) => {
        pub static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            name: $name,
            scope: $crate::rules::Scope::$scope,
            severity: $crate::diagnostic::Severity::$severity,
            fixable: $fixable,
            summary: $summary,
            explanation: concat!($($doc, "\n"),*),
        };
    };
}

/// What every rule can see: the scenario it runs on, settings and the taxonomy, and what
/// several rules (and the corpus summary) read of each text — the lexicon's reading, content
/// words, shingles — computed once, on first use.
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub settings: &'a Settings,
    pub taxonomy: &'a Taxonomy,
    lexical: Vec<OnceLock<Vec<Vec<crate::lexicon::LexHit>>>>,
    content_words: Vec<OnceLock<Vec<&'a str>>>,
    shingles: Vec<OnceLock<Vec<u64>>>,
    dialogue: Vec<OnceLock<Vec<std::ops::Range<usize>>>>,
    case_evidence: OnceLock<crate::entities::CaseEvidence<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(scenario: &'a Scenario, settings: &'a Settings, taxonomy: &'a Taxonomy) -> Self {
        Context {
            scenario,
            settings,
            taxonomy,
            lexical: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            content_words: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            shingles: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            dialogue: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            case_evidence: OnceLock::new(),
        }
    }

    /// How the scenario's texts write their capitalised words: the evidence its proper names
    /// are judged by (`entities::names`).
    pub fn case_evidence(&self) -> &crate::entities::CaseEvidence<'a> {
        self.case_evidence.get_or_init(|| {
            let scenario: &'a Scenario = self.scenario;
            crate::entities::CaseEvidence::new(scenario.files.iter().filter_map(|f| f.doc()))
        })
    }

    /// The content words of file `index` (`features::content_words`; empty without text).
    pub fn content_words(&self, index: usize) -> &[&'a str] {
        self.content_words[index].get_or_init(|| {
            let doc = self.scenario.files[index].doc();
            doc.map(crate::features::content_words).unwrap_or_default()
        })
    }

    /// The word 3-shingles of file `index` (`features::shingles`; empty without text).
    pub fn shingles(&self, index: usize) -> &[u64] {
        self.shingles[index].get_or_init(|| {
            let doc = self.scenario.files[index].doc();
            doc.map(crate::features::shingles).unwrap_or_default()
        })
    }

    /// The word ranges of file `index` inside quotation marks (`features::dialogue`; empty
    /// without text).
    pub fn dialogue(&self, index: usize) -> &[std::ops::Range<usize>] {
        self.dialogue[index].get_or_init(|| {
            let doc = self.scenario.files[index].doc();
            doc.map(crate::features::dialogue).unwrap_or_default()
        })
    }

    /// For file `index` of the scenario, the emotions each word names (empty when none).
    pub fn lexical(&self, index: usize) -> &[Vec<crate::lexicon::LexHit>] {
        self.lexical[index].get_or_init(|| {
            let lexicon = crate::lexicon::Lexicon::bundled();
            match self.scenario.files[index].doc() {
                Some(doc) => doc
                    .words
                    .iter()
                    .map(|w| lexicon.analyze(w.lower(doc)))
                    .collect(),
                None => Vec::new(),
            }
        })
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// File scope: called once per `.txt` file of the scenario.
    fn check_file(&self, _cx: &Context, _file: &SourceFile, _out: &mut Vec<Diagnostic>) {}

    /// Scenario scope: called once per scenario (corpus rules may check pairs within a
    /// scenario here too).
    fn check_scenario(&self, _cx: &Context, _out: &mut Vec<Diagnostic>) {}

    /// Corpus scope: called once, after every scenario, on their summaries.
    fn check_corpus(&self, _cx: &CorpusContext, _out: &mut Vec<Diagnostic>) {}
}

/// What corpus rules see: one small summary per scenario, and the settings of the run.
pub struct CorpusContext<'a> {
    pub summaries: &'a crate::summary::Summaries,
    pub settings: &'a Settings,
}

/// Every rule, alphabetised by name. A meta-test checks each file here is listed.
pub static ALL: &[&dyn Rule] = &[
    &bad_file_name::BadFileName,
    &baseline_affect::BaselineAffect,
    &bom::Bom,
    &control_char::ControlChar,
    &crlf::Crlf,
    &emotion_interjection::EmotionInterjection,
    &emotion_label::EmotionLabel,
    &emotion_misspelling::EmotionMisspelling,
    &emotion_vocabulary::EmotionVocabulary,
    &empty_file::EmptyFile,
    &ending_confound::EndingConfound,
    &invalid_scenario_config::InvalidScenarioConfig,
    &invalid_utf8::InvalidUtf8,
    &length_mismatch::LengthMismatch,
    &missing_anchor::MissingAnchor,
    &missing_baseline::MissingBaseline,
    &near_duplicate::NearDuplicate,
    &new_entity::NewEntity,
    &pov_shift::PovShift,
    &setup_drift::SetupDrift,
    &shape_mismatch::ShapeMismatch,
    &shortcut_token::ShortcutToken,
    &sibling_leak::SiblingLeak,
    &surface_confound::SurfaceConfound,
    &tense_shift::TenseShift,
    &trailing_whitespace::TrailingWhitespace,
    &unknown_emotion::UnknownEmotion,
    &unreadable_file::UnreadableFile,
    &unused_allow::UnusedAllow,
    &variant_count::VariantCount,
];

pub fn find(name: &str) -> Option<&'static RuleMeta> {
    ALL.iter().map(|r| r.meta()).find(|m| m.name == name)
}

pub fn suggest(name: &str) -> Option<&'static str> {
    ALL.iter()
        .map(|r| r.meta().name)
        .map(|n| (strsim::jaro_winkler(name, n), n))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_unique_and_documented() {
        let names: Vec<&str> = ALL.iter().map(|r| r.meta().name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted, "ALL must be alphabetised and unique");
        for rule in ALL {
            let m = rule.meta();
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is kebab-case",
                m.name
            );
            assert!(
                !m.summary.ends_with('.') && m.summary.starts_with(|c: char| c.is_lowercase()),
                "{}: summary is lowercase with no final period",
                m.name
            );
            let text = m.explanation_text();
            for section in ["## What it checks", "## Why it matters", "## Example"] {
                assert!(text.contains(section), "{} lacks `{section}`", m.name);
            }
        }
    }

    #[test]
    fn every_rule_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            if stem == "mod" || stem == "testing" {
                continue;
            }
            let rule = stem.replace('_', "-");
            assert!(find(&rule).is_some(), "src/rules/{name} is not in ALL");
        }
    }

    #[test]
    fn interface_severities_are_kept() {
        // The stable names and default severities promised in the interface contract.
        let expected = [
            ("missing-baseline", Severity::Error),
            ("unknown-emotion", Severity::Error),
            ("bad-file-name", Severity::Error),
            ("empty-file", Severity::Error),
            ("invalid-utf8", Severity::Error),
            ("variant-count", Severity::Warning),
            ("bom", Severity::Warning),
            ("crlf", Severity::Warning),
            ("trailing-whitespace", Severity::Warning),
            ("control-char", Severity::Warning),
            ("unused-allow", Severity::Warning),
            ("length-mismatch", Severity::Error),
            ("shape-mismatch", Severity::Warning),
            ("missing-anchor", Severity::Error),
            ("new-entity", Severity::Warning),
            ("emotion-label", Severity::Error),
            ("emotion-vocabulary", Severity::Error),
            ("emotion-misspelling", Severity::Warning),
            ("sibling-leak", Severity::Warning),
            ("baseline-affect", Severity::Error),
            ("near-duplicate", Severity::Warning),
            ("setup-drift", Severity::Warning),
            ("pov-shift", Severity::Warning),
            ("tense-shift", Severity::Warning),
            ("ending-confound", Severity::Warning),
            ("shortcut-token", Severity::Warning),
            ("surface-confound", Severity::Warning),
        ];
        for (name, severity) in expected {
            assert_eq!(find(name).unwrap().severity, severity, "{name}");
        }
        for fixable in ["bom", "crlf", "trailing-whitespace", "control-char"] {
            assert!(find(fixable).unwrap().fixable, "{fixable}");
        }
    }
}
