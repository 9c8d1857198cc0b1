//! The rules. One file per rule, in the folder of its scope: `file/` (one text), `scenario/`
//! (a baseline with its variants), `corpus/` (every scenario's summary). Each declares its
//! metadata with `declare_rule!` (the doc comment becomes the explanation `pairlint rule NAME`
//! prints) and implements `Rule` for that scope. This file holds the trait and `ALL`, the
//! registry; `context` what a rule sees, `settings` the options it reads, `summary` what the
//! corpus rules keep of each scenario. Rules take a loaded `Scenario` and hand on `Diagnostic`s;
//! they never print.

use serde::Serialize;

use crate::corpus::SourceFile;
use crate::diagnostic::{Diagnostic, Location, Severity};

pub mod context;
pub mod corpus;
pub mod file;
pub mod scenario;
pub mod settings;
pub mod summary;

pub use context::{Context, CorpusContext};

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

/// Every rule, alphabetised by name. A meta-test checks each file here is listed.
pub static ALL: &[&dyn Rule] = &[
    &scenario::bad_file_name::BadFileName,
    &scenario::baseline_affect::BaselineAffect,
    &file::bom::Bom,
    &file::control_char::ControlChar,
    &file::crlf::Crlf,
    &file::emotion_interjection::EmotionInterjection,
    &file::emotion_label::EmotionLabel,
    &corpus::emotion_mismatch::EmotionMismatch,
    &scenario::emotion_misspelling::EmotionMisspelling,
    &scenario::emotion_vocabulary::EmotionVocabulary,
    &file::empty_file::EmptyFile,
    &corpus::ending_confound::EndingConfound,
    &scenario::invalid_scenario_config::InvalidScenarioConfig,
    &file::invalid_utf8::InvalidUtf8,
    &scenario::length_mismatch::LengthMismatch,
    &scenario::missing_anchor::MissingAnchor,
    &scenario::missing_baseline::MissingBaseline,
    &corpus::near_duplicate::NearDuplicate,
    &scenario::new_entity::NewEntity,
    &scenario::pov_shift::PovShift,
    &scenario::setup_drift::SetupDrift,
    &scenario::shape_mismatch::ShapeMismatch,
    &corpus::shortcut_token::ShortcutToken,
    &scenario::sibling_leak::SiblingLeak,
    &corpus::surface_confound::SurfaceConfound,
    &scenario::tense_shift::TenseShift,
    &file::trailing_whitespace::TrailingWhitespace,
    &scenario::unknown_emotion::UnknownEmotion,
    &file::unreadable_file::UnreadableFile,
    &scenario::unused_allow::UnusedAllow,
    &scenario::variant_count::VariantCount,
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
    fn every_rule_file_is_registered_in_the_folder_of_its_scope() {
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut files = 0;
        for scope in [Scope::File, Scope::Scenario, Scope::Corpus] {
            for entry in std::fs::read_dir(rules.join(scope.as_str())).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                let Some(stem) = name.strip_suffix(".rs") else {
                    continue;
                };
                if stem == "mod" {
                    continue;
                }
                files += 1;
                let rule = stem.replace('_', "-");
                let path = format!("src/rules/{}/{name}", scope.as_str());
                let meta = find(&rule).unwrap_or_else(|| panic!("{path} is not in ALL"));
                assert_eq!(meta.scope, scope, "{path} declares another scope");
            }
        }
        assert_eq!(files, ALL.len(), "a rule in ALL has no file of its own");
        // Only the rules' shared parts sit beside the scope folders.
        for entry in std::fs::read_dir(&rules).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let shared = [
                "mod.rs",
                "context.rs",
                "settings.rs",
                "summary.rs",
                "testing.rs",
            ];
            let scopes = ["file", "scenario", "corpus"];
            assert!(
                shared.contains(&name.as_str()) || scopes.contains(&name.as_str()),
                "src/rules/{name}: a rule belongs in the folder of its scope"
            );
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
