use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::entities::{
    aligned_sentence, decode_char_references, is_respelling, names, names_outside,
};
use crate::rules::{Context, Rule};
use crate::text::Doc;
use crate::text::tables::FxHashSet;

declare_rule! {
    /// ## What it checks
    /// A proper name in a variant that the baseline never mentions, in any case. Reported
    /// once per name per variant, at its first use. A name of several words (`Harvey
    /// Keitel`) is one name, and it is in the baseline when all its words are, or one of its
    /// words that is no ordinary word (`Keitel`). A name the baseline spells differently
    /// (`Napolean` for `Nepolean`) is left to missing-anchor, which reports the respelling.
    ///
    /// Names are found on evidence, not position (the same procedure infers missing-anchor's
    /// names), across all the scenario's texts:
    /// - A word in capitals is emphasis (`GREAT`, `NEVER`, `WOULDN'T`) unless it is short and
    ///   no ordinary word: an acronym (`HBO`, `BAFTA`). Chat abbreviations (`LOL`, `OTH`) and
    ///   interjections are no names.
    /// - A capitalised word that is no ordinary word (the dictionary does not have it in
    ///   lower case: `Marta`, `Keitel`, `Saturday`) is a name mid-sentence. At a sentence
    ///   start, or after an opening bracket, where a capital says nothing, it is a name when
    ///   the dictionary knows it only with a capital, when the scenario capitalises it
    ///   mid-sentence elsewhere, or when it is capitalised twice and never in lower case
    ///   (`Zorvath opened the letter. Zorvath read it.`). A misspelt word opening one
    ///   sentence is not a name.
    /// - A capitalised ordinary word (`Excellent`, `Too`, `Ford`, `Grace`) is a name alone
    ///   only when the dictionary also lists it as a name, the scenario capitalises it twice
    ///   or more mid-sentence and never writes it in lower case.
    /// - Neighbouring capitalised words are one name when one of them is a name or two stand
    ///   mid-sentence (`Friday Night Lights`, `Pulp Fiction`); a leading `The` is dropped.
    /// - Capitals in a loud sentence (four or more capitalised words making up most of it,
    ///   or half its words in capitals) are emphasis: `Great Acting, Great Story Here`.
    ///
    /// ## Why it matters
    /// A new person, place or brand is new content: the variant no longer differs from its
    /// baseline only in affect, and the name's tokens leak into the emotion's direction.
    ///
    /// ## Example
    /// The baseline has Owen and Marta; furious.txt adds `he would tell Priya`. Keep the cast
    /// of the baseline, or add Priya to the baseline too.
    ///
    /// ## Limits
    /// A name written only once, at a sentence start, and also an ordinary word (`Rose`,
    /// `Will`) is not found; nor is a lower-case name. List such names as `anchors` in
    /// scenario.toml to have missing-anchor hold every variant to them.
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
        // Whether the baseline mentions each name asked about so far: variants share their cast.
        let mut in_baseline: Vec<(Vec<String>, bool)> = Vec::new();
        // The baseline's names as written: a respelling of one is missing-anchor's finding.
        let mut base_names: Option<Vec<String>> = None;
        // The baseline with its character references decoded, if it has any (made once).
        let mut decoded_base: Option<Option<Doc>> = None;
        // The baseline's sentences, as written (made once).
        let mut base_sentences: Option<FxHashSet<&str>> = None;
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let mut reported: Vec<&[String]> = Vec::new();
            // A sentence the baseline has word for word mentions only names it has: its
            // names need not be found (most of a variant is its baseline's sentences).
            let shared = base_sentences.get_or_insert_with(|| {
                base_doc
                    .sentences
                    .iter()
                    .map(|r| base_doc.text[r.clone()].trim())
                    .collect::<FxHashSet<&str>>()
            });
            let found = names_outside(doc, cx.case_evidence(), |s| {
                shared.contains(doc.text[doc.sentences[s].clone()].trim())
            });
            for name in &found {
                // A name already reported is not in the baseline: skip it before asking.
                if reported.contains(&name.keys.as_slice()) {
                    continue;
                }
                let known = match in_baseline.iter().find(|(k, _)| *k == name.keys) {
                    Some(&(_, known)) => known,
                    None => {
                        let anchor = name.anchor(doc);
                        // A baseline that writes a letter as `&#305;` still names the same one.
                        let decoded = decoded_base.get_or_insert_with(|| {
                            decode_char_references(&base_doc.text).map(|t| Doc::new(t.as_str()))
                        });
                        let known = anchor.find(base_doc).is_some()
                            || decoded.as_ref().is_some_and(|d| anchor.find(d).is_some());
                        in_baseline.push((name.keys.clone(), known));
                        known
                    }
                };
                if known {
                    continue;
                }
                reported.push(&name.keys);
                let span = name.span(doc);
                let text = &doc.text[span.clone()];
                let base_names = base_names.get_or_insert_with(|| {
                    names(base_doc, cx.case_evidence())
                        .iter()
                        .map(|n| base_doc.text[n.span(base_doc)].to_string())
                        .collect()
                });
                if base_names.iter().any(|b| is_respelling(b, text)) {
                    continue;
                }
                out.push(
                    META.report(
                        Location::in_doc(file.path.clone(), doc, span),
                        format!("`{text}` is not in the baseline"),
                    )
                    .with_label("new name")
                    .with_help("keep the baseline's cast and places, or add it to the baseline too")
                    .with_related(
                        Location::in_doc(
                            baseline.path.clone(),
                            base_doc,
                            aligned_sentence(doc, doc.word_sentence[name.words.start], base_doc),
                        ),
                        "the matching baseline sentence has no such name",
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
    fn a_letter_written_as_a_character_reference_is_the_same_name() {
        let s = scenario(&[
            ("baseline.txt", "Alt&#305;oklar directed it for Marta.\n"),
            ("furious.txt", "Altıoklar directed it for Marta.\n"),
            ("calm.txt", "Altıoklar directed it for Priya.\n"),
        ]);
        assert_eq!(spans(&check(&NewEntity, &s)), ["calm.txt:Priya"]);
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
