use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A variant that uses a word of its own emotion: the name's word family (`fury`,
    /// `furiously` in furious.txt; `gratitude`, `ungrateful` in grateful.txt) or a core
    /// synonym (`rage`, `livid`), in any sense: "bitter coffee" in bitter.txt is still the
    /// token. A compound name bans both parts' words (anticipatory_sexual.txt avoids
    /// `anticipation` and `sexual`). Words match whole tokens only (`rage` never in
    /// `garage`); an unlisted regular inflection of a listed word (`grumpiest`) counts too.
    /// A word with an everyday sense joined into a hyphenated compound is read as part of
    /// the compound (`cross` in `cross-checking`); one without keeps its emotion
    /// (`rage-filled`).
    /// The word lists are in `rules/lexicon/`.
    ///
    /// ## Why it matters
    /// The emotion's own name is the strongest lexical shortcut there is: a vector trained on
    /// furious texts that say "fury" learns the token, and steering with it produces the word
    /// rather than the affect.
    ///
    /// ## Example
    /// In bitter.txt: `She drank the bitter coffee.` Use another detail (`the coffee had gone
    /// cold an hour ago`), or, if the word is truly needed, add an allow entry with a reason
    /// in scenario.toml.
    pub static META = {
        name: "emotion-vocabulary",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "variant uses a word of its own emotion's family or a core synonym",
    }
}

pub struct EmotionVocabulary;

impl Rule for EmotionVocabulary {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for variant in &cx.scenario.variants {
            let Some(resolved) = &variant.emotion else {
                continue;
            };
            let file = &cx.scenario.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let lexical = cx.lexical(variant.file);
            for (word, hits) in doc.words.iter().zip(lexical) {
                let Some(hit) = hits
                    .iter()
                    .filter(|h| resolved.parts.iter().any(|p| p == h.emotion))
                    .min_by_key(|h| h.tier)
                else {
                    continue;
                };
                let token = &doc.text[word.span()];
                let whose = if hit.emotion == resolved.name {
                    format!("`{}`, this file's emotion", hit.emotion)
                } else {
                    format!(
                        "`{}`, part of this file's emotion `{}`",
                        hit.emotion, resolved.name
                    )
                };
                let via = if crate::language::lexicon::lookup_form(word.lower(doc)) == hit.listed {
                    String::new()
                } else {
                    format!(" (through `{}`)", hit.listed)
                };
                out.push(
                    META.report(
                        Location::in_doc(file.path.clone(), doc, word.span()),
                        format!("`{token}` is {} {whose}{via}", hit.tier.describe()),
                    )
                    .with_label("the emotion's own vocabulary")
                    .with_help("show the emotion without its name; if the word is needed in another sense, add an [[allow]] entry with a reason"),
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
    fn fires_on_forms_synonyms_any_sense_and_compound_parts() {
        let s = scenario(&[
            (
                "furious.txt",
                "His fury grew. The rage was real. He typed furiously.\n",
            ),
            ("bitter.txt", "She drank the bitter coffee.\n"),
            (
                "anticipatory_sexual.txt",
                "The anticipation built. Nothing sexual was said.\n",
            ),
        ]);
        let d = check(&EmotionVocabulary, &s);
        assert_eq!(
            spans(&d),
            [
                "anticipatory_sexual.txt:anticipation",
                "anticipatory_sexual.txt:sexual",
                "bitter.txt:bitter",
                "furious.txt:fury",
                "furious.txt:rage",
                "furious.txt:furiously",
            ]
        );
        assert_eq!(
            d[3].message,
            "`fury` is a form of `furious`, this file's emotion"
        );
        assert_eq!(
            d[4].message,
            "`rage` is a synonym of `furious`, this file's emotion"
        );
        assert!(
            d[1].message
                .contains("part of this file's emotion `anticipatory_sexual`")
        );
    }

    #[test]
    fn a_compound_keeps_an_unambiguous_emotion_word_but_not_an_everyday_sense() {
        let s = scenario(&[
            (
                "angry.txt",
                "She was cross-checking the totals in a mad-cap rush.\n",
            ),
            ("furious.txt", "A rage-filled email arrived.\n"),
        ]);
        assert_eq!(spans(&check(&EmotionVocabulary, &s)), ["furious.txt:rage"]);
    }

    #[test]
    fn silent_on_substrings_lookalikes_and_other_emotions() {
        let s = scenario(&[
            (
                "furious.txt",
                "The garage was average. A curious cat sat on the storage box.\n",
            ),
            (
                "grateful.txt",
                "She grated the cheese over the grate by the compass.\n",
            ),
            ("unknwn.txt", "fury rage\n"),
        ]);
        assert!(check(&EmotionVocabulary, &s).is_empty());
    }
}
