use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::entities::{has_key, name_words};
use crate::rules::{Context, Rule};
use crate::text::entity_key;

declare_rule! {
    /// ## What it checks
    /// A proper name in a variant (a word capitalised mid-sentence, or at a sentence start
    /// when it is capitalised mid-sentence elsewhere in the text) that the baseline never
    /// uses, in any case. Reported once per name per variant, at its first use. All-caps
    /// words are skipped in variants: there they are more often shouting than acronyms.
    ///
    /// ## Why it matters
    /// A new person, place or brand is new content: the variant no longer differs from its
    /// baseline only in affect, and the name's tokens leak into the emotion's direction.
    ///
    /// ## Example
    /// The baseline has Owen and Marta; furious.txt adds `he would tell Priya`. Keep the cast
    /// of the baseline, or add Priya to the baseline too.
    pub static META = {
        name: "new-entity",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant names a person, place or thing its baseline never mentions",
    }
}

pub struct NewEntity;

impl Rule for NewEntity {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(baseline), Some(base_doc)) = (s.baseline(), s.baseline_doc()) else {
            return;
        };
        // Whether the baseline has each name key asked about so far: variants share their cast.
        let mut in_baseline: Vec<(&str, bool)> = Vec::new();
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let mut reported: Vec<&str> = Vec::new();
            for i in name_words(doc, false) {
                let key = entity_key(doc.words[i].lower(doc));
                // A key already reported is not in the baseline: skip it before asking.
                if reported.contains(&key) {
                    continue;
                }
                let known = match in_baseline.iter().find(|(k, _)| *k == key) {
                    Some(&(_, known)) => known,
                    None => {
                        let known = (0..base_doc.words.len()).any(|j| has_key(base_doc, j, key));
                        in_baseline.push((key, known));
                        known
                    }
                };
                if known {
                    continue;
                }
                reported.push(key);
                let name = &doc.text[doc.words[i].span()];
                out.push(
                    META.report(
                        Location::in_doc(file.path.clone(), doc, doc.words[i].span()),
                        format!("`{name}` is not in the baseline"),
                    )
                    .with_label("new name")
                    .with_help("keep the baseline's cast and places, or add it to the baseline too")
                    .with_related(
                        Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                        "the baseline has no such name",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// The findings (file, span, message) as the rule made them before it remembered which
    /// names the baseline has.
    fn reference(s: &crate::corpus::Scenario) -> Vec<(String, std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        let Some(base_doc) = s.baseline_doc() else {
            return out;
        };
        let known: BTreeSet<&str> = base_doc
            .words
            .iter()
            .map(|w| entity_key(w.lower(base_doc)))
            .collect();
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let mut reported = BTreeSet::new();
            for i in name_words(doc, false) {
                let key = entity_key(doc.words[i].lower(doc));
                if known.contains(key) || !reported.insert(key) {
                    continue;
                }
                let name = &doc.text[doc.words[i].span()];
                out.push((
                    file.path.display().to_string(),
                    doc.words[i].span(),
                    format!("`{name}` is not in the baseline"),
                ));
            }
        }
        out
    }

    proptest! {
        #[test]
        fn findings_match_the_reference(
            base in crate::features::tests::narrative_text(),
            one in crate::features::tests::narrative_text(),
            two in crate::features::tests::narrative_text(),
        ) {
            let s = scenario(&[
                ("baseline.txt", base.as_str()),
                ("furious.txt", one.as_str()),
                ("calm.txt", two.as_str()),
            ]);
            let found: Vec<_> = check(&NewEntity, &s)
                .into_iter()
                .map(|d| {
                    let (start, end) = d.location.range.unwrap();
                    (d.location.path.display().to_string(), start.byte..end.byte, d.message)
                })
                .collect();
            let mut expected = reference(&s);
            // `check` sorts the findings.
            let mut found = found;
            found.sort_by_key(|(f, r, m)| (f.clone(), r.start, r.end, m.clone()));
            expected.sort_by_key(|(f, r, m)| (f.clone(), r.start, r.end, m.clone()));
            prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn fires_once_per_new_name() {
        let s = scenario(&[
            ("baseline.txt", "Owen read the note from Marta.\n"),
            (
                "furious.txt",
                "Owen read the note from Marta and thought of Priya. Priya knew. He told Priya.\n",
            ),
        ]);
        let d = check(&NewEntity, &s);
        assert_eq!(spans(&d), ["furious.txt:Priya"]);
        assert_eq!(d[0].message, "`Priya` is not in the baseline");
    }

    #[test]
    fn silent_on_known_names_sentence_starts_quotes_and_shouting() {
        let s = scenario(&[
            (
                "baseline.txt",
                "Owen read the note from Marta by the fountain.\n",
            ),
            (
                "furious.txt",
                "Owen read it. Marta's note, by the Fountain. He typed NO. She said “Fine.” Then: Nothing.\n",
            ),
        ]);
        assert!(check(&NewEntity, &s).is_empty());
    }
}
