use crate::corpus::{AllowEntry, Scenario};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// An `[[allow]]` entry in scenario.toml that suppressed nothing in this run: the text
    /// was fixed, the file renamed, the `match` no longer occurs, or the entry names a rule
    /// that does not exist. Entries for rules switched off in this run are not judged.
    ///
    /// ## Why it matters
    /// Suppressions live outside the texts so the corpus stays clean, but a stale entry is a
    /// hole waiting for the next regression: it would silence a new finding that nobody has
    /// reviewed.
    ///
    /// ## Example
    /// ```toml
    /// [[allow]]
    /// rule = "new-entity"
    /// file = "furious.txt"
    /// match = "Priya"
    /// reason = "Priya is the reviewer's manager, named in the comment itself"
    /// ```
    /// Once furious.txt no longer names Priya, the entry is reported: delete it.
    pub static META = {
        name: "unused-allow",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "scenario.toml allow entry suppresses nothing",
    }
}

/// Reported by the engine after suppression (see `apply`), not by a pass over the texts.
pub struct UnusedAllow;

impl Rule for UnusedAllow {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
}

/// Does an allow entry cover this finding? Same rule, same file name, and when `match` is
/// given, the flagged text (or the message) contains it, ignoring case.
/// Whether the entry covers this finding (same rule, same file, and its `match` if any).
pub fn covers(entry: &AllowEntry, d: &Diagnostic) -> bool {
    if entry.rule != d.rule {
        return false;
    }
    let file = d
        .location
        .path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if file != entry.file.as_str() {
        return false;
    }
    let Some(needle) = &entry.matches else {
        return true;
    };
    let needle = needle.to_lowercase();
    let flagged = match (&d.location.range, &d.location.source) {
        (Some((s, e)), Some(src)) => src[s.byte..e.byte].to_lowercase(),
        _ => String::new(),
    };
    flagged.contains(&needle) || d.message.to_lowercase().contains(&needle)
}

/// A scenario's allow entries with where each one is written in scenario.toml.
pub fn entries(scenario: &Scenario) -> Vec<(AllowEntry, Location)> {
    scenario
        .config
        .allow
        .iter()
        .map(|entry| {
            let location = match (&scenario.config_doc, &scenario.config_path) {
                (Some(doc), Some(path)) => Location::in_doc(path.clone(), doc, entry.span()),
                (_, Some(path)) => Location::whole(path.clone()),
                _ => Location::whole(scenario.dir.clone()),
            };
            (entry.get_ref().clone(), location)
        })
        .collect()
}

/// Drop the findings an allow entry covers; report entries that covered nothing when
/// `report_unused` is set. `judged` says which rules' entries this pass may call unused
/// (rules that ran in it).
pub fn apply(
    allows: &[(AllowEntry, Location)],
    diagnostics: &mut Vec<Diagnostic>,
    judged: &dyn Fn(&str) -> bool,
    report_unused: bool,
) -> Vec<Diagnostic> {
    let mut unused = Vec::new();
    for (entry, location) in allows {
        let before = diagnostics.len();
        diagnostics.retain(|d| !covers(entry, d));
        if before != diagnostics.len() || !report_unused {
            continue;
        }
        let rule = &entry.rule;
        let known = crate::rules::find(rule).is_some();
        if known && !judged(rule) {
            continue;
        }
        let message = if !known {
            format!("allow entry names unknown rule `{rule}`")
        } else {
            match &entry.matches {
                Some(m) => format!(
                    "allow entry for `{rule}` in `{}` matching `{m}` suppresses nothing",
                    entry.file
                ),
                None => format!(
                    "allow entry for `{rule}` in `{}` suppresses nothing",
                    entry.file
                ),
            }
        };
        unused.push(
            META.report(location.clone(), message)
                .with_help("delete the entry; the finding it was written for is gone"),
        );
    }
    unused
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::file::trailing_whitespace::TrailingWhitespace;
    use crate::rules::testing::{check, scenario_with_toml, spans};

    const TOML: &str = "[[allow]]\nrule = \"trailing-whitespace\"\nfile = \"calm.txt\"\nreason = \"r\"\n\
        [[allow]]\nrule = \"trailing-whitespace\"\nfile = \"sad.txt\"\nreason = \"gone\"\n\
        [[allow]]\nrule = \"trailing-whitepsace\"\nfile = \"calm.txt\"\nreason = \"typo\"\n";

    #[test]
    fn suppresses_matches_and_reports_stale_entries() {
        let s = scenario_with_toml(
            &[("calm.txt", "One. \nTwo. \n"), ("sad.txt", "Ok.\n")],
            TOML,
        );
        let mut d = check(&TrailingWhitespace, &s);
        assert_eq!(d.len(), 2);
        let unused = apply(&entries(&s), &mut d, &|_| true, true);
        assert!(d.is_empty());
        let messages: Vec<&str> = unused.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "allow entry for `trailing-whitespace` in `sad.txt` suppresses nothing",
                "allow entry names unknown rule `trailing-whitepsace`",
            ]
        );
        assert!(
            spans(&unused)[0].starts_with("scenario.toml:[[allow]]")
                || spans(&unused)[0].contains("sad.txt")
        );
    }

    #[test]
    fn match_narrows_and_disabled_rules_are_not_judged() {
        let toml = "[[allow]]\nrule = \"trailing-whitespace\"\nfile = \"calm.txt\"\nmatch = \"\\t\"\nreason = \"r\"\n";
        let s = scenario_with_toml(&[("calm.txt", "One. \nTwo.\t\n")], toml);
        let mut d = check(&TrailingWhitespace, &s);
        let unused = apply(&entries(&s), &mut d, &|_| true, true);
        assert_eq!(spans(&d), ["calm.txt: "]);
        assert!(unused.is_empty());

        let s = scenario_with_toml(&[("calm.txt", "Ok.\n")], TOML);
        let mut none = Vec::new();
        let unused = apply(
            &entries(&s),
            &mut none,
            &|rule| rule != "trailing-whitespace",
            true,
        );
        assert_eq!(unused.len(), 1, "only the unknown-rule entry is judged");
    }
}
