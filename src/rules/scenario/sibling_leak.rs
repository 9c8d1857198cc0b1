use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::lexicon::Tier;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A variant that uses the own-name forms of *another* variant of the same scenario:
    /// `bitter` in furious.txt when the scenario also has bitter.txt. Words the variant's own
    /// emotion bans are left to emotion-vocabulary.
    ///
    /// ## Why it matters
    /// Siblings are contrasted against the same baseline; when furious.txt says "bitter", the
    /// furious and bitter directions share a token and the contrast between two close
    /// emotions, the hardest one to learn, blurs.
    ///
    /// ## Example
    /// the_comment/ has furious.txt and bitter.txt; furious.txt says `a bitter taste`. Choose
    /// another detail.
    pub static META = {
        name: "sibling-leak",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant uses the name words of a sibling variant's emotion",
    }
}

pub struct SiblingLeak;

impl Rule for SiblingLeak {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        for variant in &s.variants {
            let (Some(own), Some(doc)) = (&variant.emotion, s.files[variant.file].doc()) else {
                continue;
            };
            let file = &s.files[variant.file];
            let lexical = cx.lexical(variant.file);
            for sibling in &s.variants {
                let Some(other) = &sibling.emotion else {
                    continue;
                };
                if sibling.file == variant.file || other.name == own.name {
                    continue;
                }
                let sibling_file = &s.files[sibling.file];
                for (word, hits) in doc.words.iter().zip(lexical) {
                    // Words the variant's own emotion bans (or shares with the sibling, like
                    // the `sexual` of two compounds) are emotion-vocabulary's.
                    if hits
                        .iter()
                        .any(|h| own.parts.iter().any(|p| p == h.emotion))
                    {
                        continue;
                    }
                    let Some(hit) = hits.iter().find(|h| {
                        h.tier == Tier::Form && other.parts.iter().any(|p| p == h.emotion)
                    }) else {
                        continue;
                    };
                    let mut d = META
                        .report(
                            Location::in_doc(file.path.clone(), doc, word.span()),
                            format!(
                                "`{}` is a form of `{}`, the emotion of sibling `{}`",
                                &doc.text[word.span()],
                                hit.emotion,
                                sibling_file.name
                            ),
                        )
                        .with_label(format!("`{}` vocabulary", hit.emotion))
                        .with_help("keep each variant clear of its siblings' names so their contrast stays sharp");
                    if let Some(sd) = sibling_file.doc() {
                        d = d.with_related(
                            Location::in_doc(sibling_file.path.clone(), sd, sd.body_span()),
                            "the sibling variant",
                        );
                    }
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_on_a_siblings_name_forms() {
        let s = scenario(&[
            ("baseline.txt", "x"),
            ("furious.txt", "A bitter taste stayed.\n"),
            ("bitter.txt", "He was calm about it.\n"),
            ("calm.txt", "Nothing.\n"),
        ]);
        let d = check(&SiblingLeak, &s);
        assert_eq!(spans(&d), ["bitter.txt:calm", "furious.txt:bitter"]);
        assert_eq!(
            d[1].message,
            "`bitter` is a form of `bitter`, the emotion of sibling `bitter.txt`"
        );
    }

    #[test]
    fn silent_on_non_siblings_synonyms_and_shared_compound_parts() {
        let s = scenario(&[
            ("furious.txt", "A sad song played. The rancour was old.\n"),
            ("bitter.txt", "Nothing here.\n"),
            ("horny_sexual.txt", "x"),
            (
                "anticipatory_sexual.txt",
                "Something sexual hung in the air.\n",
            ),
        ]);
        // `sad` has no sibling here; `rancour` is only a synonym of bitter; `sexual` is the
        // compound's own part (emotion-vocabulary reports it).
        assert!(check(&SiblingLeak, &s).is_empty());
    }
}
