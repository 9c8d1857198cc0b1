use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A scenario folder (a folder holding `.txt` texts or a scenario.toml) without
    /// `baseline.txt`. The finding is about the folder, so it has no line.
    ///
    /// ## Why it matters
    /// The steering direction is mean(variant) - mean(baseline) within each scenario. With
    /// no baseline, every variant of the folder is either dropped or compared against
    /// another scenario's event, which puts topic into the vector.
    ///
    /// ## Example
    /// `paired/the_comment/` holds `furious.txt` and `bitter.txt` but no `baseline.txt`:
    /// write the neutral version of the event.
    pub static META = {
        name: "missing-baseline",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "scenario folder has no baseline.txt",
    }
}

pub struct MissingBaseline;

impl Rule for MissingBaseline {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        if cx.scenario.baseline.is_some() {
            return;
        }
        let n = cx.scenario.variants.len();
        let variants = if n == 1 {
            "variant has"
        } else {
            "variants have"
        };
        out.push(
            META.report(
                Location::whole(cx.scenario.dir.clone()),
                format!("scenario has no baseline.txt; its {n} {variants} nothing to be compared against"),
            )
            .with_help("write baseline.txt: the same event told neutrally"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario};

    #[test]
    fn fires_on_a_folder_without_baseline() {
        let s = scenario(&[("furious.txt", "x"), ("calm.txt", "y")]);
        let d = check(&MissingBaseline, &s);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.path, std::path::Path::new("s"));
        assert!(d[0].location.range.is_none());
        assert!(d[0].message.contains("its 2 variants"));
    }

    #[test]
    fn silent_with_baseline_even_if_misnamed_variants() {
        let s = scenario(&[("baseline.txt", "x"), ("Furious.txt", "y")]);
        assert!(check(&MissingBaseline, &s).is_empty());
    }
}
