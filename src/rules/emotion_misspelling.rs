use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::lexicon::Lexicon;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A near-miss of a word the variant may not use: edit distance 1 (2 for words of nine
    /// letters or more) from one of its own emotion's forms or synonyms, at least 5 letters,
    /// the same first letter, and not itself an English word. `furiuos` in furious.txt is
    /// reported; `curious` never is (a real word), and neither is `graceful` near `grateful`.
    ///
    /// ## Why it matters
    /// A misspelt banned word is still the banned word to a subword tokenizer: `furiuos`
    /// shares most of its pieces with `furious`. It also slips past the exact-match check,
    /// which makes it the easiest way for a label to survive review.
    ///
    /// ## Example
    /// In grateful.txt: `She was gratefull for the lift.` Rewrite the sentence without the word.
    pub static META = {
        name: "emotion-misspelling",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant has a likely misspelling of its own emotion's vocabulary",
    }
}

pub struct EmotionMisspelling;

/// The banned word `token` is one slip away from, if any.
pub fn near_miss<'a>(token: &str, banned: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let n = token.chars().count();
    if n < 5 || !token.chars().all(|c| c.is_ascii_lowercase()) || crate::dictionary::contains(token)
    {
        return None;
    }
    let first = token.chars().next();
    banned
        .filter(|b| b.chars().count() >= 5 && b.chars().next() == first && *b != token)
        .find(|b| {
            let limit = if n >= 9 { 2 } else { 1 };
            strsim::osa_distance(token, b) <= limit
        })
}

impl Rule for EmotionMisspelling {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let lexicon = Lexicon::bundled();
        for variant in &cx.scenario.variants {
            let Some(resolved) = &variant.emotion else {
                continue;
            };
            let file = &cx.scenario.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let banned = lexicon.banned_entries(resolved);
            for (i, word) in doc.words.iter().enumerate() {
                // A capitalised word mid-sentence is a name, not a misspelling.
                if doc.is_mid_sentence_capitalized(i) {
                    continue;
                }
                let token = crate::lexicon::lookup_form(&word.lower);
                let listed = banned
                    .iter()
                    .flat_map(|(_, e)| e.words.iter().map(|l| l.word.as_str()));
                let Some(target) = near_miss(token, listed) else {
                    continue;
                };
                let text = &doc.text[word.span()];
                out.push(
                    META.report(
                        Location::in_doc(file.path.clone(), doc, word.span()),
                        format!(
                            "`{text}` looks like a misspelling of `{target}`, which `{}` must avoid",
                            resolved.name
                        ),
                    )
                    .with_label(format!("close to `{target}`"))
                    .with_help("a misspelt banned word is still the banned word to a tokenizer; rewrite without it"),
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
    fn fires_on_near_misses_that_are_not_words() {
        let s = scenario(&[
            (
                "furious.txt",
                "He was furiuos and then, livd? No: lividd.\n",
            ),
            ("grateful.txt", "She was gratefull for the lift.\n"),
        ]);
        let d = check(&EmotionMisspelling, &s);
        assert_eq!(
            spans(&d),
            [
                "furious.txt:furiuos",
                "furious.txt:lividd",
                "grateful.txt:gratefull"
            ]
        );
        assert!(d[0].message.contains("misspelling of `furious`"));
    }

    #[test]
    fn silent_on_real_words_short_words_other_initials_and_names() {
        let s = scenario(&[
            (
                "furious.txt",
                "A curious furrow. The Furiuos Five played. Fury. urious.\n",
            ),
            ("grateful.txt", "A graceful grate. Gratitude? No.\n"),
        ]);
        // `Fury` is the file's own word (emotion-vocabulary), not a misspelling.
        assert!(check(&EmotionMisspelling, &s).is_empty());
    }
}
