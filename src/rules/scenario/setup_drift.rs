use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A variant that keeps too few of its baseline's content words (nouns, verbs and
    /// adjectives that are not function words): the share of the baseline's content words
    /// the variant also uses, against a minimum (default 0.40). The message lists baseline
    /// words the variant dropped.
    ///
    /// ## Why it matters
    /// A paired variant tells the same event; when it keeps under half of the baseline's
    /// concrete vocabulary, the setting or the event itself has probably changed, and the
    /// difference of means learns the new setting along with the emotion (the "calm stories
    /// all set in cozy rooms" confound).
    ///
    /// ## Example
    /// The baseline: a review comment read at a desk. calm.txt: a walk along a beach at dusk.
    /// Overlap 0.12: rewrite the variant around the baseline's event.
    ///
    /// ## Options
    /// `[setup-drift] min-overlap` in pairlint.toml (0..1, default 0.4).
    pub static META = {
        name: "setup-drift",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant keeps too few of its baseline's content words",
    }
}

pub struct SetupDrift;

impl Rule for SetupDrift {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(baseline), Some(base_index), Some(base_doc)) =
            (s.baseline(), s.baseline, s.baseline_doc())
        else {
            return;
        };
        let base = cx.content_words(base_index);
        if base.len() < 5 {
            return; // too short to say anything
        }
        let min = cx.settings.setup_drift_min_overlap;
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc().filter(|d| d.word_count() > 0) else {
                continue;
            };
            let words = cx.content_words(variant.file);
            let kept = crate::language::features::shared_count(base, words);
            let overlap = kept as f64 / base.len() as f64;
            if overlap >= min {
                continue;
            }
            // `base` is sorted, so the sample is the first dropped words alphabetically.
            let sample: Vec<&str> = base
                .iter()
                .filter(|w| words.binary_search(w).is_err())
                .take(8)
                .copied()
                .collect();
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, doc.body_span()),
                    format!(
                        "keeps {kept} of the baseline's {} content words ({overlap:.2}, minimum {min:.2}); dropped: {}",
                        base.len(),
                        sample.join(", ")
                    ),
                )
                .with_label(format!("{overlap:.2} overlap"))
                .with_help("tell the baseline's event in the baseline's setting; change only how it is told")
                .with_related(
                    Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                    "the baseline",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    const BASE: &str = "Owen opened the review comment at his desk. Marta wanted the retry loop \
        rewritten before Friday. He read the comment twice and opened the file.\n";

    #[test]
    fn fires_when_the_setting_changes() {
        let s = scenario(&[
            ("baseline.txt", BASE),
            (
                "calm.txt",
                "The beach was empty at dusk. Waves folded over the sand and gulls drifted \
                 above the dunes while the light went orange.\n",
            ),
        ]);
        let d = check(&SetupDrift, &s);
        assert_eq!(spans(&d).len(), 1);
        assert!(
            d[0].message.starts_with("keeps 0 of the baseline's"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn silent_when_the_event_is_retold() {
        let s = scenario(&[
            ("baseline.txt", BASE),
            (
                "furious.txt",
                "Owen opened the review comment at his desk and his jaw set. Marta wanted \
                 the retry loop rewritten. Before Friday. He read the comment twice, then \
                 opened the file hard.\n",
            ),
        ]);
        assert!(check(&SetupDrift, &s).is_empty());
    }
}
