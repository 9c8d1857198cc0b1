use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A scenario.toml that cannot be used: not valid TOML, an unknown key, a value of the
    /// wrong type, an `[[allow]]` entry without its required `reason`. Points at the spot
    /// the parser names. The scenario is still checked, without its declared anchors and
    /// allow entries.
    ///
    /// ## Why it matters
    /// A misspelt key (`anchor = [...]`) would otherwise be ignored, and the anchors it
    /// meant to protect would go unchecked without anyone noticing.
    ///
    /// ## Example
    /// ```toml
    /// anchor = ["the letter"]   # unknown key: the field is `anchors`
    /// ```
    pub static META = {
        name: "invalid-scenario-config",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "scenario.toml cannot be parsed or has unknown keys",
    }
}

pub struct InvalidScenarioConfig;

impl Rule for InvalidScenarioConfig {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(problem), Some(path)) = (&s.config_error, &s.config_path) else {
            return;
        };
        let location = match (&s.config_doc, &problem.span) {
            (Some(doc), Some(span)) => Location::in_doc(path.clone(), doc, span.clone()),
            _ => Location::whole(path.clone()),
        };
        out.push(META.report(
            location,
            format!("invalid scenario.toml: {}", problem.message.trim_end()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, scenario_with_toml, spans};

    #[test]
    fn fires_on_unknown_keys_and_missing_reason() {
        let s = scenario_with_toml(&[("baseline.txt", "x")], "anchor = [\"the letter\"]\n");
        let d = check(&InvalidScenarioConfig, &s);
        assert_eq!(spans(&d), ["scenario.toml:anchor"]);
        assert!(
            d[0].message.contains("unknown field `anchor`"),
            "{}",
            d[0].message
        );

        let s = scenario_with_toml(
            &[("baseline.txt", "x")],
            "[[allow]]\nrule = \"crlf\"\nfile = \"calm.txt\"\n",
        );
        let d = check(&InvalidScenarioConfig, &s);
        assert!(
            d[0].message.contains("missing field `reason`"),
            "{}",
            d[0].message
        );

        let s = scenario_with_toml(&[("baseline.txt", "x")], "anchors = [\"a\"\n");
        assert_eq!(check(&InvalidScenarioConfig, &s).len(), 1);
    }

    #[test]
    fn silent_on_valid_or_absent_config() {
        let s = scenario_with_toml(
            &[("baseline.txt", "x")],
            "description = \"d\"\nanchors = [\"Mara\"]\nnot-anchors = [\"Tuesday\"]\n\
             [[allow]]\nrule = \"crlf\"\nfile = \"calm.txt\"\nreason = \"kept on purpose\"\n",
        );
        assert!(check(&InvalidScenarioConfig, &s).is_empty());
        assert!(check(&InvalidScenarioConfig, &scenario(&[("baseline.txt", "x")])).is_empty());
    }
}
