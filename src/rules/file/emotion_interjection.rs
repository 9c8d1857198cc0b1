use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::interjections;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Interjections that announce an affect, in any text and inside dialogue too: "Ugh",
    /// "Alas", "Yay", "Phew", "Hooray", "Oh no", "Yikes", "Argh", "Ew", "Aww", "Wow", ... with
    /// stretched spellings ("ughhh", "yaaay"). The list, grouped by the affect each announces,
    /// is data in `rules/interjections.toml`, each group with examples that must and must not
    /// match. Words with other senses count only where an interjection stands: "Wow, look"
    /// but not "to wow the judges"; "Meh." but not "the plot was meh". An interjection this
    /// rule reports is not also reported by `emotion-label`.
    ///
    /// ## Why it matters
    /// Generated corpora open nearly every disgusted text with "Ugh," and every sad one with
    /// "Alas,". The difference of means then points at that one token, which a steering vector
    /// learns as easily as the word "disgusted", and which the baseline never has.
    ///
    /// ## Example
    /// `"Ugh," Owen said, and pushed the plate away.` Let the action carry it: `Owen pushed
    /// the plate away and wiped his fingers on his jeans.`
    ///
    /// ## Options
    /// None. Turn the rule off or change its severity in pairlint.toml (`[severity]`), or
    /// allow one reviewed interjection with an `[[allow]]` entry in scenario.toml.
    pub static META = {
        name: "emotion-interjection",
        scope: File,
        severity: Warning,
        fixable: false,
        summary: "text uses an interjection that announces an emotion (ugh, alas, yay, oh no)",
    }
}

pub struct EmotionInterjection;

impl Rule for EmotionInterjection {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        for i in interjections::find(doc) {
            let phrase = &doc.text[i.start..i.end];
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, i.start..i.end),
                    format!("interjection `{phrase}` announces {}", i.announces),
                )
                .with_label(format!("announces {}", i.announces))
                .with_help("cut the interjection and let what the character does or notices carry the reaction"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_in_narration_and_dialogue() {
        let s = scenario(&[(
            "disgusted.txt",
            "Ugh, the bin again. \"Oh no,\" said Ana. Alas, it rained.\n",
        )]);
        let d = check(&EmotionInterjection, &s);
        assert_eq!(
            spans(&d),
            [
                "disgusted.txt:Ugh",
                "disgusted.txt:Oh no",
                "disgusted.txt:Alas"
            ]
        );
        assert_eq!(d[0].message, "interjection `Ugh` announces disgust");
    }

    #[test]
    fn silent_on_other_senses() {
        let s = scenario(&[(
            "calm.txt",
            "The trick will wow the judges. Oh, the bus came. The plot was meh at best.\n",
        )]);
        assert!(check(&EmotionInterjection, &s).is_empty());
    }
}
