use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::features::tense_outside;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A variant whose dominant narrative tense differs from its baseline's. Tense comes from
    /// the finite verbs outside dialogue: auxiliaries (was/is, had/has), regular past forms
    /// whose stem is a word (`opened`), irregular past forms (`sat`, `left`, `felt`; the list
    /// is rules/verbs/irregular.txt), and present forms after a subject pronoun or a name
    /// (`she opens`, `Mara waits`, `I walk`). Both texts need at least 4 such verbs and a
    /// clear majority (70%) in one tense; the message gives the counts ("7 of 9 finite verbs
    /// present; the baseline: 11 of 12 past").
    ///
    /// ## Why it matters
    /// Tense changes a large share of the tokens of a text without any change of affect; if
    /// the excited variants are told in the present and their baselines in the past, the
    /// excited direction learns "present tense".
    ///
    /// ## Example
    /// baseline.txt: `The tests passed and she closed the ticket.` excited.txt: `The tests
    /// pass and she closes the ticket.` Keep the past.
    pub static META = {
        name: "tense-shift",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant is told in a different tense than its baseline",
    }
}

pub struct TenseShift;

/// The share of finite verbs that must agree before a text's tense counts.
const CLEAR: f64 = 0.7;
/// The finite verbs a text needs before its tense counts.
const MIN_VERBS: usize = 4;

impl Rule for TenseShift {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(base_index), Some(baseline), Some(base_doc)) =
            (s.baseline, s.baseline(), s.baseline_doc())
        else {
            return;
        };
        let base_counts = tense_outside(base_doc, cx.dialogue(base_index));
        let Some(expected) = base_counts.tense(MIN_VERBS, CLEAR) else {
            return;
        };
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let counts = tense_outside(doc, cx.dialogue(variant.file));
            let Some(found) = counts.tense(MIN_VERBS, CLEAR) else {
                continue;
            };
            if found == expected {
                continue;
            }
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, doc.body_span()),
                    format!(
                        "told in the {} tense ({}); the baseline: {}",
                        found.describe(),
                        counts.describe(found),
                        base_counts.describe(expected)
                    ),
                )
                .with_label(format!("{} tense", found.describe()))
                .with_help("keep the baseline's tense")
                .with_related(
                    Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                    format!("{} tense", expected.describe()),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario};

    const PAST: &str = "The tests passed at noon. She opened the log and waited. It was green. \
        She closed the ticket.\n";

    #[test]
    fn fires_on_a_switch_to_the_present() {
        let s = scenario(&[
            ("baseline.txt", PAST),
            (
                "excited.txt",
                "The tests pass at noon. She is at the log. It is green. It is done. She is up.\n",
            ),
        ]);
        let d = check(&TenseShift, &s);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.starts_with("told in the present tense"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn silent_on_present_tense_dialogue_and_mixed_texts() {
        let s = scenario(&[
            ("baseline.txt", PAST),
            (
                "excited.txt",
                "The tests passed at noon. “It is green, it is done, it is ours,” she said. \
                 She opened the log and waited.\n",
            ),
        ]);
        assert!(check(&TenseShift, &s).is_empty());
    }
}
