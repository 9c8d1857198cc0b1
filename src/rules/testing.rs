//! Helpers for the tests beside each rule: build a scenario in memory, run one rule on it.

use std::path::Path;

use crate::corpus::{Entry, Scenario, assemble};
use crate::diagnostic::Diagnostic;
use crate::language::taxonomy::Taxonomy;
use crate::rules::settings::Settings;
use crate::rules::{Context, Rule};

/// A scenario folder `s/` holding these `(file name, text)` pairs.
pub fn scenario(files: &[(&str, &str)]) -> Scenario {
    scenario_bytes(
        &files
            .iter()
            .map(|(n, t)| (*n, t.as_bytes()))
            .collect::<Vec<_>>(),
        None,
    )
}

/// The same, with a scenario.toml.
pub fn scenario_with_toml(files: &[(&str, &str)], toml: &str) -> Scenario {
    scenario_bytes(
        &files
            .iter()
            .map(|(n, t)| (*n, t.as_bytes()))
            .collect::<Vec<_>>(),
        Some(toml),
    )
}

pub fn scenario_bytes(files: &[(&str, &[u8])], toml: Option<&str>) -> Scenario {
    scenario_in("s", files, toml)
}

/// A scenario folder `dir` with a baseline and a furious and a grateful variant: the shape
/// of the corpora the learned tests build (anger and social_pos, two families).
pub fn furious_grateful(dir: &str, baseline: &str, furious: &str, grateful: &str) -> Scenario {
    scenario_in(
        dir,
        &[
            ("baseline.txt", baseline.as_bytes()),
            ("furious.txt", furious.as_bytes()),
            ("grateful.txt", grateful.as_bytes()),
        ],
        None,
    )
}

/// A scenario in folder `dir` (corpus tests need several with distinct names).
pub fn scenario_in(dir: &str, files: &[(&str, &[u8])], toml: Option<&str>) -> Scenario {
    let dir = Path::new(dir);
    let entries = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            if name.ends_with(".txt") {
                Entry::File(name.to_string(), path, Ok(bytes.to_vec()))
            } else {
                Entry::Stray(path)
            }
        })
        .collect();
    let config = toml.map(|t| (dir.join("scenario.toml"), Ok(t.as_bytes().to_vec())));
    assemble(dir, entries, config, &Taxonomy::bundled())
}

/// Run one rule, at its scope, with default settings.
pub fn check(rule: &dyn Rule, scenario: &Scenario) -> Vec<Diagnostic> {
    check_with(rule, scenario, &Settings::default())
}

pub fn check_with(rule: &dyn Rule, scenario: &Scenario, settings: &Settings) -> Vec<Diagnostic> {
    let taxonomy = Taxonomy::bundled();
    let cx = Context::new(scenario, settings, &taxonomy);
    let mut out = Vec::new();
    for file in &scenario.files {
        rule.check_file(&cx, file, &mut out);
    }
    rule.check_scenario(&cx, &mut out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// What each finding points at: `file:matched text` (or `file` for a whole file or folder).
pub fn spans(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let file = d.location.path.file_name().map_or_else(
                || d.location.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            match (&d.location.range, &d.location.source) {
                (Some((s, e)), Some(src)) => format!("{file}:{}", &src[s.byte..e.byte]),
                _ => file,
            }
        })
        .collect()
}

/// A text of `n` words in `s` sentences, for length and shape tests.
pub fn words(n: usize, sentences: usize) -> String {
    let per = n.div_ceil(sentences.max(1));
    let mut out = String::new();
    let mut left = n;
    while left > 0 {
        let take = per.min(left);
        // Capitalised starts: UAX #29 does not break before a lowercase word.
        let sentence: Vec<&str> = std::iter::once("Word")
            .chain(std::iter::repeat_n("word", take - 1))
            .collect();
        out.push_str(&sentence.join(" "));
        out.push_str(". ");
        left -= take;
    }
    out.trim_end().to_string() + "\n"
}

/// Run one corpus rule over these scenarios, the way the engine's corpus pass does.
pub fn check_corpus(rule: &dyn Rule, scenarios: &[Scenario]) -> Vec<Diagnostic> {
    let mut summaries = crate::rules::summary::Summaries::default();
    for s in scenarios {
        let settings = Settings::default();
        let taxonomy = crate::language::taxonomy::Taxonomy::bundled();
        let cx = crate::rules::Context::new(s, &settings, &taxonomy);
        // The rule's own scenario pass, whose findings the summary notes.
        let mut found = Vec::new();
        rule.check_scenario(&cx, &mut found);
        summaries.push(crate::rules::summary::summarize(
            &cx,
            s.dir.as_path().into(),
            &found,
        ));
    }
    let settings = Settings::default();
    let taxonomy = crate::language::taxonomy::Taxonomy::bundled();
    let cx = crate::rules::CorpusContext {
        summaries: &summaries,
        settings: &settings,
        taxonomy: &taxonomy,
    };
    let mut out = Vec::new();
    rule.check_corpus(&cx, &mut out);
    out
}
