//! The pipeline: load each scenario, run the enabled rules at their scopes, apply
//! severities and allow entries, keep what the user asked about, sort. Takes the corpus
//! targets and each scenario's configuration (`config`, pairlint.toml) and hands the renderers
//! the sorted `Diagnostic`s with their `Summary`; `stats` measures coverage and lengths for
//! `pairlint stats` and the report.

pub mod config;
pub mod stats;

use std::path::Path;

use rayon::prelude::*;

use crate::corpus::{Scenario, Targets, load_scenario};
use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::engine::config::ConfigError;
use crate::language::taxonomy::Taxonomy;
use crate::rules::settings::{Level, Settings};
use crate::rules::{self, Context, Rule, Scope};

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

    /// The enabled rules that work across the corpus.
    pub fn corpus_rules(&self) -> Vec<&'static dyn Rule> {
        self.rules
            .iter()
            .filter(|(r, _)| r.meta().scope == Scope::Corpus)
            .map(|(r, _)| *r)
            .collect()
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

/// Scenarios checked between two in-order merges: enough to keep both cores busy, few
/// enough that the texts in flight stay small.
const CHUNK: usize = 256;

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
        // The bundled taxonomy was validated at build time; only added names need a check.
        if !settings.extra_emotions.is_empty() {
            taxonomy.extend(&settings.extra_emotions).map_err(|e| {
                ConfigError(format!(
                    "invalid config `{}`: [emotions]: {e}",
                    config_path.unwrap_or(Path::new("")).display()
                ))
            })?;
        }
        Ok(Profile::new(settings, taxonomy))
    }
}

/// Check every target scenario; `profile_of[i]` indexes the profile of the i-th target.
pub fn run(targets: &Targets, profiles: &[Profile], profile_of: &[usize]) -> Outcome {
    run_with(targets, profiles, profile_of, true)
}

/// `run`, keeping the texts findings point into only when `keep_sources` (the snippets of
/// human output, the flagged text of SARIF fingerprints). A finding otherwise holds its text
/// alive until the end of the run; thousands of them in a large corpus would be megabytes.
pub fn run_with(
    targets: &Targets,
    profiles: &[Profile],
    profile_of: &[usize],
    keep_sources: bool,
) -> Outcome {
    let mut diagnostics = Vec::new();
    let mut summary = Summary::default();
    // Corpus rules need the whole corpus: with file arguments (pre-commit) they would judge
    // a fragment, so they run only when whole folders are checked.
    let corpus_rules = profiles
        .first()
        .map(|p| p.rule_set.corpus_rules())
        .unwrap_or_default();
    let whole = targets
        .scenarios
        .iter()
        .all(|(_, _, focus)| focus.is_none());
    let summarize = whole && !corpus_rules.is_empty();
    let mut summaries = crate::rules::summary::Summaries::with_capacity(if summarize {
        targets.scenarios.len()
    } else {
        0
    });
    // Scenarios are independent: check them in parallel, a chunk at a time so memory stays
    // bounded by the chunk, and collect in order so output does not depend on the threads.
    // Filing a chunk's results (interning its summaries) is sequential: it overlaps with
    // checking the next chunk instead of leaving the workers idle.
    let check_one = |((dir, root, focus), p): &(&crate::corpus::Target, &usize)| {
        let profile = &profiles[**p];
        let scenario = load_scenario(
            dir,
            root,
            focus.clone(),
            &profile.taxonomy,
            profile.settings.max_file_bytes,
        );
        let cx = Context::new(&scenario, &profile.settings, &profile.taxonomy);
        let (found, allows_used) = check_in(&cx, &profile.rule_set);
        let summary = summarize.then(|| {
            crate::rules::summary::summarize(&cx, dir.clone(), &found).with_allows_used(allows_used)
        });
        (scenario.files.len(), found, summary)
    };
    let mut file = |results: Vec<(usize, Vec<Diagnostic>, Option<_>)>| {
        for (files, mut found, scenario_summary) in results {
            summary.scenarios += 1;
            summary.files += files;
            if !keep_sources {
                found.iter_mut().for_each(Diagnostic::drop_sources);
            }
            diagnostics.extend(found);
            if let Some(pending) = scenario_summary {
                summaries.push(pending);
            }
        }
    };
    let jobs: Vec<_> = targets.scenarios.iter().zip(profile_of).collect();
    let mut previous = Vec::new();
    for chunk in jobs.chunks(CHUNK) {
        let done = std::mem::take(&mut previous);
        // One scenario (an editor's or pre-commit's usual run) gains nothing from threads,
        // and starting the pool would cost more than checking it.
        if chunk.len() == 1 {
            file(done);
            previous = chunk.iter().map(check_one).collect();
            continue;
        }
        let (results, ()) = rayon::join(
            || chunk.par_iter().map(check_one).collect::<Vec<_>>(),
            || file(done),
        );
        previous = results;
    }
    file(previous);
    if whole && !corpus_rules.is_empty() {
        let profile = &profiles[0];
        diagnostics.extend(check_corpus(&summaries, profile, &corpus_rules));
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    summary.count(&diagnostics);
    Outcome {
        diagnostics,
        summary,
    }
}

/// The corpus pass: rules over summaries, then each scenario's allow entries for corpus
/// rules (judged here, since only here those rules have run), then severities.
fn check_corpus(
    summaries: &crate::rules::summary::Summaries,
    profile: &Profile,
    corpus_rules: &[&'static dyn Rule],
) -> Vec<Diagnostic> {
    let cx = rules::CorpusContext {
        summaries,
        settings: &profile.settings,
        taxonomy: &profile.taxonomy,
    };
    let mut found = Vec::new();
    for rule in corpus_rules {
        rule.check_corpus(&cx, &mut found);
    }
    let is_corpus_rule = |name: &str| corpus_rules.iter().any(|r| r.meta().name == name);
    let report_unused = profile
        .rule_set
        .is_enabled(rules::scenario::unused_allow::META.name);
    // A finding goes to the scenario whose folder holds its file, so that scenario's allow
    // entries can cover it; only scenarios with entries need to be looked up.
    let with_allows: std::collections::HashMap<&Path, usize> = summaries
        .scenarios()
        .enumerate()
        .filter(|(_, s)| !s.allows.is_empty())
        .map(|(i, s)| (&*s.dir, i))
        .collect();
    let mut by_scenario: std::collections::BTreeMap<usize, Vec<Diagnostic>> =
        with_allows.values().map(|&i| (i, Vec::new())).collect();
    let mut out = Vec::new();
    for d in found {
        match d
            .location
            .path
            .parent()
            .and_then(|dir| with_allows.get(dir))
        {
            Some(i) => by_scenario.entry(*i).or_default().push(d),
            None => out.push(d),
        }
    }
    for (i, mut mine) in by_scenario {
        // Entries that already covered a finding of the scenario pass only suppress here.
        let scenario = summaries.scenario(i);
        let (mut used, mut fresh) = (Vec::new(), Vec::new());
        for (n, entry) in scenario.allows.iter().enumerate() {
            if is_corpus_rule(&entry.0.rule) {
                if scenario.allow_used(n) {
                    used.push(entry.clone());
                } else {
                    fresh.push(entry.clone());
                }
            }
        }
        rules::scenario::unused_allow::apply(&used, &mut mine, &is_corpus_rule, false);
        out.extend(rules::scenario::unused_allow::apply(
            &fresh,
            &mut mine,
            &is_corpus_rule,
            report_unused,
        ));
        out.extend(mine);
    }
    apply_severities(&mut out, &profile.rule_set);
    out
}

fn apply_severities(out: &mut [Diagnostic], rule_set: &RuleSet) {
    for d in out {
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
}

/// All findings for one loaded scenario, after severities, allow entries and focus.
pub fn check_scenario(
    scenario: &Scenario,
    settings: &Settings,
    taxonomy: &Taxonomy,
    rule_set: &RuleSet,
) -> Vec<Diagnostic> {
    check_in(&Context::new(scenario, settings, taxonomy), rule_set).0
}

/// The same, in a context the caller keeps (its per-text caches serve the summary too), and
/// which of scenario.toml's allow entries covered a finding of this pass: an entry for a corpus
/// rule that also reports in the scenario pass (emotion-mismatch) may have done its work here,
/// and the corpus pass must not call it unused.
fn check_in(cx: &Context, rule_set: &RuleSet) -> (Vec<Diagnostic>, Vec<bool>) {
    let scenario = cx.scenario;
    let mut out = Vec::new();
    for (rule, _) in &rule_set.rules {
        match rule.meta().scope {
            Scope::File => {
                for file in &scenario.files {
                    rule.check_file(cx, file, &mut out);
                }
            }
            // A folder that could not be listed has no texts for scenario rules to judge.
            Scope::Scenario | Scope::Corpus if scenario.unlisted => {}
            Scope::Scenario | Scope::Corpus => rule.check_scenario(cx, &mut out),
        }
    }
    // Entries for corpus rules are judged in the corpus pass, where those rules finish.
    let entries = rules::scenario::unused_allow::entries(scenario);
    let allows_used: Vec<bool> = entries
        .iter()
        .map(|(entry, _)| {
            out.iter()
                .any(|d| rules::scenario::unused_allow::covers(entry, d))
        })
        .collect();
    let unused = rules::scenario::unused_allow::apply(
        &entries,
        &mut out,
        &|name| {
            rule_set.is_enabled(name) && rules::find(name).is_some_and(|m| m.scope != Scope::Corpus)
        },
        rule_set.is_enabled(rules::scenario::unused_allow::META.name),
    );
    out.extend(unused);
    apply_severities(&mut out, rule_set);
    if let Some(focus) = &scenario.focus {
        out.retain(|d| is_tied_to(d, focus, &scenario.dir));
    }
    (out, allows_used)
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
