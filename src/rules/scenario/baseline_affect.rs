use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::language::lexicon::Lexicon;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// baseline.txt using emotion words. An error for a form or synonym of one of its own
    /// scenario's variant emotions (`furious` in a baseline that has furious.txt); a warning
    /// for any other word the lexicon lists as naming an emotion, unless it is marked
    /// ambiguous there (`content`, `kind`, `patient` have everyday senses) or used as a name.
    ///
    /// ## Why it matters
    /// Every variant is measured against the baseline. An emotion word in the baseline
    /// subtracts that emotion from every direction of the scenario: "furious" in the baseline
    /// cancels part of what furious.txt contributes, and any affect there makes the neutral
    /// reference less neutral for all of them.
    ///
    /// ## Example
    /// baseline.txt of the_comment: `Owen was annoyed by the comment.` Keep it factual: `Owen
    /// read the comment.`
    pub static META = {
        name: "baseline-affect",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "baseline uses emotion words (its variants' own: error; others: warning)",
    }
}

pub struct BaselineAffect;

impl Rule for BaselineAffect {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let lexicon = Lexicon::bundled();
        let s = cx.scenario;
        let (Some(index), Some(doc)) = (s.baseline, s.baseline_doc()) else {
            return;
        };
        let baseline = &s.files[index];
        let lexical = cx.lexical(index);
        for (i, (word, hits)) in doc.words.iter().zip(lexical).enumerate() {
            if hits.is_empty() {
                continue;
            }
            let token = &doc.text[word.span()];
            let own = s.variants.iter().find_map(|v| {
                let resolved = v.emotion.as_ref()?;
                hits.iter()
                    .filter(|h| resolved.parts.iter().any(|p| p == h.emotion))
                    .min_by_key(|h| h.tier)
                    .map(|hit| (*hit, &s.files[v.file]))
            });
            if let Some((hit, variant_file)) = own {
                let mut d = META
                    .report(
                        Location::in_doc(baseline.path.clone(), doc, word.span()),
                        format!(
                            "`{token}` is {} `{}`, the emotion of `{}`; the baseline must stay neutral",
                            hit.tier.describe(),
                            hit.emotion,
                            variant_file.name
                        ),
                    )
                    .with_label("a variant's emotion word")
                    .with_help("describe the event without affect; the variants carry it");
                if let Some(vd) = variant_file.doc() {
                    d = d.with_related(
                        Location::in_doc(variant_file.path.clone(), vd, vd.body_span()),
                        "the variant it would cancel",
                    );
                }
                out.push(d);
                continue;
            }
            let key = crate::language::lexicon::lookup_form(word.lower(doc));
            // A name ("Joy handed him a cup") is no affect. The error tier above still counts
            // it: to the model the token is the same whatever it refers to.
            let capitalised = token.starts_with(|c: char| c.is_uppercase());
            let name = doc.is_mid_sentence_capitalized(i)
                || (capitalised && crate::text::dictionary::is_name(key));
            if lexicon.ambiguous.contains(key) || name {
                continue;
            }
            // Only listed words themselves: an inflection found by suffix is enough for a
            // variant's own vocabulary, not for a warning about general affect.
            if let Some(hit) = hits.iter().find(|h| h.listed == key) {
                let mut d = META
                    .report(
                        Location::in_doc(baseline.path.clone(), doc, word.span()),
                        format!(
                            "`{token}` is {} `{}`; the baseline should be neutral",
                            hit.tier.describe(),
                            hit.emotion
                        ),
                    )
                    .with_label("affective word")
                    .with_help("describe the event without affect");
                d.severity = Severity::Warning;
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn error_for_variant_words_warning_for_other_affect() {
        let s = scenario(&[
            (
                "baseline.txt",
                "Owen was furious. Then he felt delighted.\n",
            ),
            ("furious.txt", "x"),
            ("calm.txt", "y"),
        ]);
        let d = check(&BaselineAffect, &s);
        assert_eq!(
            spans(&d),
            ["baseline.txt:furious", "baseline.txt:delighted"]
        );
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[1].severity, Severity::Warning);
        assert!(d[0].message.contains("the emotion of `furious.txt`"));
    }

    #[test]
    fn silent_on_neutral_text_ambiguous_words_and_names() {
        let s = scenario(&[
            (
                "baseline.txt",
                "The patient read the content of the letter. Joy handed him a kind of cup.\n",
            ),
            ("furious.txt", "x"),
        ]);
        assert!(check(&BaselineAffect, &s).is_empty());
    }

    #[test]
    fn an_everyday_word_in_a_compound_is_no_variants_emotion_word() {
        let s = scenario(&[
            ("baseline.txt", "She was cross-checking the totals.\n"),
            (
                "angry.txt",
                "She was cross-checking the totals, jaw tight.\n",
            ),
        ]);
        assert!(check(&BaselineAffect, &s).is_empty());
        let s = scenario(&[
            ("baseline.txt", "She was cross about the totals.\n"),
            ("angry.txt", "She was checking the totals, jaw tight.\n"),
        ]);
        assert_eq!(spans(&check(&BaselineAffect, &s)), ["baseline.txt:cross"]);
    }
}
