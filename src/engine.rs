//! The pipeline: load each scenario, run the enabled rules at their scopes, apply
//! severities and allow entries, keep what the user asked about, sort.

use std::path::Path;

use crate::config::{ConfigError, Level, Settings};
use crate::corpus::{Scenario, Targets, load_scenario};
use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::rules::{self, Context, Rule, Scope};
use crate::taxonomy::Taxonomy;

/// The enabled rules with the severity each reports at.
pub struct RuleSet {
    rules: Vec<(&'static dyn Rule, Severity)>,
}

impl RuleSet {
    pub fn new(settings: &Settings) -> RuleSet {
        let rules = rules::ALL
            .iter()
            .filter_map(|r| match settings.level(r.meta()) {
                Level::On(severity) => Some((*r, severity)),
                Level::Off => None,
            })
            .collect();
        RuleSet { rules }
    }

    pub fn is_enabled(&self, name: &str) -> bool {
        self.rules.iter().any(|(r, _)| r.meta().name == name)
    }

    fn severity(&self, name: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.meta().name == name)
            .map(|(_, s)| *s)
    }
}

pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

/// Everything one configuration decides: settings, the taxonomy extended by its
/// `[emotions]`, and the enabled rules. Scenarios under different pairlint.toml files get
/// different profiles.
pub struct Profile {
    pub settings: Settings,
    pub taxonomy: Taxonomy,
    pub rule_set: RuleSet,
}

impl Profile {
    pub fn new(settings: Settings, taxonomy: Taxonomy) -> Profile {
        let rule_set = RuleSet::new(&settings);
        Profile {
            settings,
            taxonomy,
            rule_set,
        }
    }

    /// Settings from one pairlint.toml (or the defaults) with the command line's overrides.
    pub fn load(
        config_path: Option<&Path>,
        select: &Option<Vec<&'static str>>,
        ignore: &[&'static str],
    ) -> Result<Profile, ConfigError> {
        let mut settings = match config_path {
            Some(p) => Settings::load(p)?,
            None => Settings::default(),
        };
        if select.is_some() {
            settings.select = select.clone();
        }
        settings.ignore.extend_from_slice(ignore);
        let mut taxonomy = Taxonomy::bundled();
        taxonomy.extend(&settings.extra_emotions).map_err(|e| {
            ConfigError(format!(
                "invalid config `{}`: [emotions]: {e}",
                config_path.unwrap_or(Path::new("")).display()
            ))
        })?;
        Ok(Profile::new(settings, taxonomy))
    }
}

/// Check every target scenario; `profile_of[i]` indexes the profile of the i-th target.
pub fn run(targets: &Targets, profiles: &[Profile], profile_of: &[usize]) -> Outcome {
    let mut diagnostics = Vec::new();
    let mut summary = Summary::default();
    for ((dir, root, focus), &p) in targets.scenarios.iter().zip(profile_of) {
        let profile = &profiles[p];
        let scenario = load_scenario(
            dir,
            root,
            focus.clone(),
            &profile.taxonomy,
            profile.settings.max_file_bytes,
        );
        summary.scenarios += 1;
        summary.files += scenario.files.len();
        diagnostics.extend(check_scenario(
            &scenario,
            &profile.settings,
            &profile.taxonomy,
            &profile.rule_set,
        ));
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    summary.count(&diagnostics);
    Outcome {
        diagnostics,
        summary,
    }
}

/// All findings for one loaded scenario, after severities, allow entries and focus.
pub fn check_scenario(
    scenario: &Scenario,
    settings: &Settings,
    taxonomy: &Taxonomy,
    rule_set: &RuleSet,
) -> Vec<Diagnostic> {
    let cx = Context {
        scenario,
        settings,
        taxonomy,
    };
    let mut out = Vec::new();
    for (rule, _) in &rule_set.rules {
        match rule.meta().scope {
            Scope::File => {
                for file in &scenario.files {
                    rule.check_file(&cx, file, &mut out);
                }
            }
            Scope::Scenario => rule.check_scenario(&cx, &mut out),
            Scope::Corpus => {}
        }
    }
    let unused = rules::unused_allow::apply(
        scenario,
        &mut out,
        &|name| rule_set.is_enabled(name),
        rule_set.is_enabled(rules::unused_allow::META.name),
    );
    out.extend(unused);
    for d in &mut out {
        // The configured severity replaces the rule's default; a finding the rule itself
        // downgraded (a politeness formula reported as info) keeps its lower level, capped
        // by the configured one.
        let default = rules::find(d.rule).map(|m| m.severity);
        if let Some(configured) = rule_set.severity(d.rule) {
            d.severity = if Some(d.severity) == default {
                configured
            } else {
                d.severity.min(configured)
            };
        }
    }
    if let Some(focus) = &scenario.focus {
        out.retain(|d| is_tied_to(d, focus, &scenario.dir));
    }
    out
}

/// With file arguments, keep findings about those files, findings that label them (a
/// variant compared against a changed baseline), and findings about the whole scenario.
fn is_tied_to(
    d: &Diagnostic,
    focus: &std::collections::BTreeSet<std::path::PathBuf>,
    dir: &Path,
) -> bool {
    d.location.path == dir
        || focus.contains(&d.location.path)
        || d.related.iter().any(|r| focus.contains(&r.location.path))
}
