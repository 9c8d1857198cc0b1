use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::interjections::Interjection;
use crate::language::labels::{LabelMatch, Labels};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Explicit labels of any emotion, in any text: constructions that name a state instead
    /// of showing it. "she felt furious", "he was terrified", "I'm shocked", "a wave of
    /// relief", "filled with dread", "to her relief", "tears of joy", "it was a kind of
    /// grief", "grief-stricken", "she said bitterly", negated labels ("wasn't angry"), emotion
    /// verbs with the one who feels them ("I adored the ending", "it bored me"), idioms ("my
    /// heart sank", "it weighed on her mind"), state nouns ("a sense of loss", "the team's
    /// excitement") and more, each construction defined with its own examples in
    /// `rules/labels.toml`. The one who feels may be implied: the reader or the audience ("you
    /// won't be sorry", "a movie to love", "enjoy it", "it fails to hold your interest"), or
    /// anyone a person noun names (about 7,300 of them in `rules/persons/`, "the flustered
    /// attorney"). The span covers the whole construction. Physical senses ("felt the
    /// rain", "the water felt warm"), homographs ("the coffee was bitter"), names ("Joy filled
    /// the glasses"), non-emotional nouns ("a wave of water"), words inside a hyphenated
    /// compound ("cross-checking") and stimulus adjectives that evaluate a thing or a person
    /// rather than name a state ("he was dreadful as the villain", "a boring film") are not
    /// labels; the experiencer forms ("bored", "annoyed") are. Formulas ("I'm afraid the shop
    /// is closed", "I'm sorry I'm late", "it's a shame", "pleased to announce", "don't worry")
    /// and evaluative idioms ("a misery to sit through"), and wishes ("I'd love to see a
    /// sequel"), are reported as info only. Interjections ("Good grief", "Woe is me") are left
    /// to `emotion-interjection`.
    ///
    /// ## Why it matters
    /// A label is the cheapest way for a text to carry an emotion and the worst for a steering
    /// vector: the difference of means then points at the word "furious" and at the
    /// construction "she felt X", not at the affect the story should show through attention,
    /// action and the body. Labels of *other* emotions leak just as much.
    ///
    /// ## Limits
    /// Patterns read words and their order, not meaning. On sentences written for the corpus
    /// (tests/labels) the rule finds 95% and more. On text nobody here wrote and it was not
    /// tuned on, it finds about three labels in four in reviews (75.5% of the 53 labels of 400
    /// review sentences) and fewer in text generated "in" an emotion, the text a corpus author
    /// gets (58% of 121 labels in 1,577 sentences of stories, accounts and voicemails), with
    /// false alarms on 2.0% and 0.3% of the other sentences (tests/labels/README.md). What it
    /// misses is a long tail of one-off wordings: an emotion noun with no holder in sight ("the
    /// long ache of the move"), idioms it has no entry for ("a fizz of delight"), verbs of
    /// effect ("enough to spellbind anyone"). A clean report is no proof that a text names no
    /// emotion; what it does report is a label about nine times in ten.
    ///
    /// ## Example
    /// `Owen felt furious when he read the comment.` Show it instead: `Owen read the comment
    /// twice, then closed the laptop hard enough to rattle the mug.`
    pub static META = {
        name: "emotion-label",
        scope: File,
        severity: Error,
        fixable: false,
        summary: "text names an emotion with an explicit label construction",
    }
}

pub struct EmotionLabel;

impl Rule for EmotionLabel {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        let mut found = Labels::bundled().find(doc);
        if !found.is_empty() {
            drop_interjections(&mut found, &crate::language::interjections::find(doc));
        }
        for m in found {
            let phrase = &doc.text[m.start..m.end];
            let mut d = META
                .report(
                    Location::in_doc(file.path.clone(), doc, m.start..m.end),
                    format!("explicit emotion label `{phrase}` ({})", m.construction),
                )
                .with_label(format!("names `{}`", m.word))
                .with_help("show the state through what the narrator notices and does instead of naming it");
            d.severity = m.severity;
            out.push(d);
        }
    }
}

/// An interjection ("Good grief", "Woe is me") is emotion-interjection's finding: a label
/// that overlaps one is not also reported.
fn drop_interjections(found: &mut Vec<LabelMatch>, interjections: &[Interjection]) {
    found.retain(|m| {
        !interjections
            .iter()
            .any(|i| i.start < m.end && m.start < i.end)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_on_labels_with_the_construction_as_span() {
        let s = scenario(&[(
            "calm.txt",
            "Owen felt furious. To her relief, the bus came. He wasn't angry. Tears of joy fell.\n",
        )]);
        assert_eq!(
            spans(&check(&EmotionLabel, &s)),
            [
                "calm.txt:felt furious",
                "calm.txt:To her relief",
                "calm.txt:He wasn't angry",
                "calm.txt:Tears of joy"
            ]
        );
    }

    #[test]
    fn an_interjection_is_not_also_a_label() {
        let label = |start, end| LabelMatch {
            construction: "idiom".into(),
            start,
            end,
            word: "grief".into(),
            severity: Severity::Error,
        };
        let mut found = vec![label(0, 10), label(20, 30)];
        let interjection = Interjection {
            start: 5,
            end: 10,
            announces: "surprise or awe",
        };
        drop_interjections(&mut found, &[interjection]);
        assert_eq!(found, [label(20, 30)]);
    }

    #[test]
    fn silent_on_near_misses_and_info_for_formulas() {
        let s = scenario(&[(
            "calm.txt",
            "She felt the rain. The coffee was bitter. Joy filled the glasses. A wave of water hit the wall.\n",
        )]);
        assert!(check(&EmotionLabel, &s).is_empty());
        let s = scenario(&[("calm.txt", "I'm afraid the shop is closed.\n")]);
        let d = check(&EmotionLabel, &s);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
