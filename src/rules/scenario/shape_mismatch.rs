use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Each variant's sentence count (UAX #29 sentences that hold a word) against its
    /// baseline's: the ratio must lie in 0.5..=2.0 by default.
    ///
    /// ## Why it matters
    /// Sentence shape may move with the emotion (clipped for panic, long for reverie), but a
    /// baseline of 5 sentences retold in 25 changes rhythm, punctuation counts and the
    /// positions a trainer reads so much that form, not affect, dominates the difference.
    ///
    /// ## Example
    /// baseline.txt has 8 sentences and panicked.txt 19: `19 sentences; baseline has 8
    /// (ratio 2.38, allowed 0.50..=2.00)`. Join some fragments.
    ///
    /// ## Options
    /// `[shape] min-ratio` and `max-ratio` in pairlint.toml.
    pub static META = {
        name: "shape-mismatch",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant's sentence count is far from its baseline's",
    }
}

pub struct ShapeMismatch;

impl Rule for ShapeMismatch {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(baseline), Some(base_doc)) = (s.baseline(), s.baseline_doc()) else {
            return;
        };
        let base = base_doc.sentence_count();
        if base == 0 {
            return;
        }
        let (lo, hi) = (cx.settings.shape_min_ratio, cx.settings.shape_max_ratio);
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let n = doc.sentence_count();
            let ratio = n as f64 / base as f64;
            if n == 0 || (lo..=hi).contains(&ratio) {
                continue;
            }
            let help = if ratio > hi {
                "join fragments: keep the rhythm of the emotion without multiplying sentences"
            } else {
                "split long sentences so the variant keeps the baseline's shape"
            };
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, doc.body_span()),
                    format!(
                        "{n} sentences; baseline has {base} (ratio {ratio:.2}, allowed {lo:.2}..={hi:.2})"
                    ),
                )
                .with_label(format!("{n} sentences"))
                .with_help(help)
                .with_related(
                    Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                    format!("baseline ({base} sentences)"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, words};

    #[test]
    fn fires_when_the_ratio_leaves_the_band() {
        let (b, many, few) = (words(60, 6), words(65, 13), words(60, 2));
        let s = scenario(&[
            ("baseline.txt", &b),
            ("panicked.txt", &many),
            ("calm.txt", &few),
        ]);
        let d = check(&ShapeMismatch, &s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "2 sentences; baseline has 6 (ratio 0.33, allowed 0.50..=2.00)",
                "13 sentences; baseline has 6 (ratio 2.17, allowed 0.50..=2.00)",
            ]
        );
    }

    #[test]
    fn silent_within_the_band_and_for_abbreviations_inside_words() {
        let (b, v1, v2) = (words(60, 6), words(60, 3), words(60, 12));
        let s = scenario(&[
            ("baseline.txt", &b),
            ("calm.txt", &v1),
            ("panicked.txt", &v2),
            (
                "sad.txt",
                "It cost 3.50 at 9:40. Then version 2.1.3 shipped. Fine. Done. Yes. Ok.\n",
            ),
        ]);
        assert!(check(&ShapeMismatch, &s).is_empty());
    }
}
