use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::features::person_outside;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A variant narrated in a different person than its baseline: first person (I, we),
    /// second (you) or third (she, he, they), judged from pronouns outside dialogue. Both
    /// texts need clear evidence: first (or second) person takes three such pronouns and
    /// twice as many as of the other; third person takes fifteen words of narration with
    /// she/he/they and no first- or second-person pronoun (an impersonal text is not
    /// compared). A text in between (one stray "me") is not compared. The message gives the counts.
    ///
    /// ## Why it matters
    /// Person is one of the strongest stylistic signals a model picks up. A furious variant
    /// told as "I" against a baseline told as "she" makes the furious direction partly a
    /// first-person direction; published emotion datasets show exactly this pronoun skew.
    ///
    /// ## Example
    /// baseline.txt: `Ruth found the letter.` bitter.txt: `I found the letter.` Keep Ruth.
    pub static META = {
        name: "pov-shift",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant is narrated in a different person than its baseline",
    }
}

pub struct PovShift;

impl Rule for PovShift {
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
        if base_doc.word_count() == 0 {
            return;
        }
        let base_counts = person_outside(base_doc, cx.dialogue(base_index));
        let Some(expected) = base_counts.person() else {
            return; // the baseline's narrator is not clear enough to compare against
        };
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc().filter(|d| d.word_count() > 0) else {
                continue;
            };
            let counts = person_outside(doc, cx.dialogue(variant.file));
            let Some(found) = counts.person() else {
                continue;
            };
            if found == expected {
                continue;
            }
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, doc.body_span()),
                    format!(
                        "narrated in {} ({}); the baseline is in {} ({})",
                        found.describe(),
                        counts.describe(),
                        expected.describe(),
                        base_counts.describe()
                    ),
                )
                .with_label(found.describe())
                .with_help("keep the baseline's narrator")
                .with_related(
                    Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                    expected.describe(),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario};

    #[test]
    fn fires_on_a_change_of_narrator() {
        let s = scenario(&[
            (
                "baseline.txt",
                "Ruth found the letter in the drawer. She read it twice and put it back under the scarves.\n",
            ),
            (
                "bitter.txt",
                "I found the letter in the drawer. I read it twice, my hands cold, and put it back.\n",
            ),
        ]);
        let d = check(&PovShift, &s);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "narrated in first person (I/we) (3 I/we pronouns outside dialogue); the baseline is in third person (she/he/they) (1 she/he/they and no I/we/you in 18 words of narration)"
        );
    }

    #[test]
    fn silent_when_only_dialogue_uses_i() {
        let s = scenario(&[
            (
                "baseline.txt",
                "Ruth found the letter. She read it twice.\n",
            ),
            (
                "bitter.txt",
                "Ruth found the letter. “I know,” she said. “I always knew.”\n",
            ),
        ]);
        assert!(check(&PovShift, &s).is_empty());
    }
}
