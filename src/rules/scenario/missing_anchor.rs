use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::entities::{
    Anchor, Number, Origin, aligned_sentence, are_ordinary_words, inferred, numbers, respelling_in,
};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Anchor entities that a variant never mentions. Anchors are the scenario.toml
    /// `anchors` list plus what pairlint infers from the baseline: its proper names and its
    /// numbers. Matching ignores case, a leading article or possessive (`the letter` is found
    /// as `his letter`), possessive `'s` and a plural `s`. The finding points at the variant
    /// sentence that best matches the baseline sentence where the anchor appears, and labels
    /// that baseline mention. A name spelt differently in the variant (`Appolonia` for
    /// `Appelonia`: same first letter, one edit, two from ten letters) is reported as a
    /// respelling at the variant's spelling; one respelt into ordinary words (`Survillence
    /// Cameras` as `Surveillance Cameras`) is a typo corrected and is not reported.
    ///
    /// Names are inferred on evidence, not position, by the procedure `pairlint rule
    /// new-entity` sets out: shouted words and capitalised ordinary words (`EVERYONE`,
    /// `Excellent`, `Too`) are not names; a name that opens every sentence (`Mara unfolded
    /// the letter.`) is; several capitalised words (`Harvey Keitel`) are one anchor, kept by
    /// a variant that mentions all of it or its distinctive part (`Keitel`).
    ///
    /// Numbers are words with a digit, as the tokenizer splits them, joined by one `:`, `/`,
    /// `.` or `,` (`9:40`, `8/10`, `9.0`), with a following `'s` (`1930's`), and are matched
    /// in that form: `8/10` is not kept by `2/10` or by `8`, and `80s` in `80s-touch` is
    /// found as `80s`; a word that only contains a digit (`channel4`) is no number. An inferred anchor is always found in its own baseline; only a
    /// declared anchor the baseline lacks is reported there.
    ///
    /// ## Why it matters
    /// The variant must describe the same event. A renamed character, a lost object or a
    /// changed time moves the variant's activations away from the baseline along
    /// directions that have nothing to do with the emotion, and the steering vector learns
    /// "Mara is gone" alongside "furious".
    ///
    /// ## Example
    /// The baseline says `Marta left a comment on line 88`; furious.txt says `she left a
    /// comment`. Both `Marta` and `88` are missing. An inferred word that is not an entity
    /// (a capitalised product name used once) can be excluded in scenario.toml:
    /// ```toml
    /// not-anchors = ["Tuesday"]
    /// ```
    ///
    /// ## Options
    /// `[anchors] infer-names` and `infer-numbers` in pairlint.toml (default true).
    pub static META = {
        name: "missing-anchor",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "variant never mentions an anchor entity of its baseline",
    }
}

pub struct MissingAnchor;

impl Rule for MissingAnchor {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(baseline), Some(base_doc)) = (s.baseline(), s.baseline_doc()) else {
            return;
        };
        let excluded: Vec<Vec<String>> = s
            .config
            .not_anchors
            .iter()
            .map(|a| Anchor::declared(a).keys)
            .collect();
        let mut anchors: Vec<Anchor> = s
            .config
            .anchors
            .iter()
            .map(|a| Anchor::declared(a))
            .filter(|a| !a.keys.is_empty())
            .collect();
        for anchor in inferred(
            base_doc,
            cx.case_evidence(),
            cx.settings.infer_names,
            cx.settings.infer_numbers,
        ) {
            // Skip a name already covered by a declared anchor ("Haas" in "Dr. Haas").
            let covered = anchors.iter().any(|d| {
                d.keys
                    .windows(anchor.keys.len())
                    .any(|w| w == anchor.keys.as_slice())
            });
            if !covered && !excluded.contains(&anchor.keys) {
                anchors.push(anchor);
            }
        }
        // Each variant's numbers, found once for all the number anchors.
        let variant_numbers: Vec<Vec<Number>> = s
            .variants
            .iter()
            .map(|v| s.files[v.file].doc().map(numbers).unwrap_or_default())
            .collect();
        for anchor in &anchors {
            let Some(base_span) = anchor.find(base_doc) else {
                // Only a declared anchor can be absent from the baseline: an inferred one was
                // found there by the same tokenizer that looks for it (a test proves it).
                if anchor.origin != Origin::Declared {
                    continue;
                }
                out.push(
                    META.report(
                        Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                        format!(
                            "declared anchor `{}` never appears in the baseline",
                            anchor.label
                        ),
                    )
                    .with_help(
                        "mention it in the baseline, or remove it from scenario.toml `anchors`",
                    ),
                );
                continue;
            };
            let base_sentence = base_doc.word_sentence[base_doc
                .words
                .partition_point(|w| w.start < base_span.start)];
            let kind = match anchor.origin {
                Origin::Declared => "declared anchor",
                Origin::Name => "name",
                Origin::Number => "number",
            };
            for (variant, doc_numbers) in s.variants.iter().zip(&variant_numbers) {
                let file = &s.files[variant.file];
                let Some(doc) = file.doc() else { continue };
                if doc.word_count() == 0 || anchor.find_in(doc, doc_numbers).is_some() {
                    continue;
                }
                if anchor.origin == Origin::Name {
                    // The same name spelt another way is one finding, here, not also a new
                    // entity (new-entity leaves it alone).
                    let words = anchor.label.split_whitespace().count();
                    if let Some(at) = respelling_in(doc, &anchor.label, words) {
                        // Respelt into ordinary words (`Best Cinematopghaphy` as `Best
                        // Cinematography`): a typo corrected, not a name changed.
                        if are_ordinary_words(doc, at.clone()) {
                            continue;
                        }
                        let span = doc.words[at.start].start..doc.words[at.end - 1].end;
                        let text = &doc.text[span.clone()];
                        out.push(
                            META.report(
                                Location::in_doc(file.path.clone(), doc, span.clone()),
                                format!(
                                    "name `{}` from the baseline is spelt `{text}` here",
                                    anchor.label
                                ),
                            )
                            .with_label(format!("the baseline spells it `{}`", anchor.label))
                            .with_help("spell names as the baseline does: another spelling is other tokens")
                            .with_related(
                                Location::in_doc(baseline.path.clone(), base_doc, base_span.clone()),
                                "the baseline's spelling",
                            ),
                        );
                        continue;
                    }
                }
                let span = aligned_sentence(base_doc, base_sentence, doc);
                let help = match anchor.origin {
                    Origin::Declared => {
                        "keep every anchor of scenario.toml in every variant".to_string()
                    }
                    _ => format!(
                        "keep the baseline's people, objects and numbers in every variant, or list `{}` under not-anchors in scenario.toml if it is not an entity",
                        anchor.label
                    ),
                };
                out.push(
                    META.report(
                        Location::in_doc(file.path.clone(), doc, span),
                        format!(
                            "{kind} `{}` from the baseline never appears in this variant",
                            anchor.label
                        ),
                    )
                    .with_label(format!("the matching sentence has no `{}`", anchor.label))
                    .with_help(help)
                    .with_related(
                        Location::in_doc(baseline.path.clone(), base_doc, base_span.clone()),
                        "the baseline mentions it here",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::settings::Settings;
    use crate::rules::testing::{check, check_with, scenario, scenario_with_toml, spans};

    const BASE: &str = "Owen read the comment. The note from Marta was on line 88.\n";

    #[test]
    fn fires_on_missing_inferred_names_and_numbers() {
        let s = scenario(&[
            ("baseline.txt", BASE),
            (
                "furious.txt",
                "Owen read the comment twice. The note was on line 80.\n",
            ),
        ]);
        let d = check(&MissingAnchor, &s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "name `Marta` from the baseline never appears in this variant",
                "number `88` from the baseline never appears in this variant",
            ]
        );
        // Points at the variant sentence aligned with the baseline's mention.
        assert_eq!(spans(&d)[0], "furious.txt:The note was on line 80.");
        let (start, end) = d[0].related[0].location.range.unwrap();
        assert_eq!(&BASE[start.byte..end.byte], "Marta");
    }

    #[test]
    fn fires_on_declared_anchors_in_variants_and_baseline() {
        let s = scenario_with_toml(
            &[
                ("baseline.txt", BASE),
                ("calm.txt", "Owen read it. Marta wrote on line 88.\n"),
            ],
            "anchors = [\"the comment\", \"the blue dish\"]\n",
        );
        let d = check(&MissingAnchor, &s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "declared anchor `the blue dish` never appears in the baseline",
                "declared anchor `the comment` from the baseline never appears in this variant",
            ]
        );
    }

    #[test]
    fn silent_when_anchors_are_kept_in_other_forms() {
        let s = scenario_with_toml(
            &[
                ("baseline.txt", BASE),
                (
                    "calm.txt",
                    "MARTA'S note sat on Line 88. Owen read her comments slowly.\n",
                ),
            ],
            "anchors = [\"the comment\"]\nnot-anchors = []\n",
        );
        assert!(check(&MissingAnchor, &s).is_empty());
    }

    #[test]
    fn not_anchors_and_settings_switch_inference_off() {
        let variant = ("calm.txt", "Owen read the comment. The note was there.\n");
        let s = scenario_with_toml(
            &[("baseline.txt", BASE), variant],
            "not-anchors = [\"Marta\", \"88\"]\n",
        );
        assert!(check(&MissingAnchor, &s).is_empty());
        let s = scenario(&[("baseline.txt", BASE), variant]);
        let settings = Settings {
            infer_names: false,
            infer_numbers: false,
            ..Settings::default()
        };
        assert!(check_with(&MissingAnchor, &s, &settings).is_empty());
    }
}
