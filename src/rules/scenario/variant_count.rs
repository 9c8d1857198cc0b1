use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// The number of emotion variants in a scenario (every well-named `.txt` other than the
    /// baseline) against a range, 3..=10 by default.
    ///
    /// ## Why it matters
    /// A scenario carries the emotions it can credibly carry. Below three, the scenario adds
    /// a baseline's worth of topic for little contrast; above ten, variants are forced onto
    /// events that do not support them and the texts drift toward labels and melodrama.
    ///
    /// ## Example
    /// `the_comment/` with `baseline.txt` and only `furious.txt`: add the emotions the event
    /// supports, or fold the text into a richer scenario.
    ///
    /// ## Options
    /// `[variants] min` and `max` in pairlint.toml.
    pub static META = {
        name: "variant-count",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "scenario carries too few or too many emotion variants",
    }
}

pub struct VariantCount;

impl Rule for VariantCount {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let n = cx.scenario.variants.len();
        let (min, max) = (cx.settings.variants_min, cx.settings.variants_max);
        if (min..=max).contains(&n) {
            return;
        }
        let variants = if n == 1 { "variant" } else { "variants" };
        let help = if n < min {
            "add the emotions this event can credibly carry, or lower [variants] min"
        } else {
            "split the emotions across scenarios whose events carry them, or widen [variants] max"
        };
        out.push(
            META.report(
                Location::whole(cx.scenario.dir.clone()),
                format!("{n} emotion {variants}; a scenario carries {min}..={max}"),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::settings::Settings;
    use crate::rules::testing::{check, check_with, scenario};

    #[test]
    fn fires_below_and_above_the_range() {
        let few = scenario(&[("baseline.txt", "x"), ("calm.txt", "y"), ("sad.txt", "z")]);
        let d = check(&VariantCount, &few);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "2 emotion variants; a scenario carries 3..=10"
        );

        let names = [
            "calm", "sad", "happy", "furious", "bitter", "proud", "grateful", "loving", "lonely",
            "bored", "curious",
        ];
        let files: Vec<(String, &str)> = names.iter().map(|n| (format!("{n}.txt"), "x")).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let d = check(&VariantCount, &scenario(&refs));
        assert_eq!(
            d[0].message,
            "11 emotion variants; a scenario carries 3..=10"
        );
    }

    #[test]
    fn silent_inside_the_range_and_with_configured_bounds() {
        let three = scenario(&[
            ("baseline.txt", "x"),
            ("calm.txt", "y"),
            ("sad.txt", "z"),
            ("proud.txt", "z"),
        ]);
        assert!(check(&VariantCount, &three).is_empty());
        let two = scenario(&[("baseline.txt", "x"), ("calm.txt", "y"), ("sad.txt", "z")]);
        let settings = Settings {
            variants_min: 2,
            ..Settings::default()
        };
        assert!(check_with(&VariantCount, &two, &settings).is_empty());
    }
}
