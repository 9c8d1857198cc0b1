use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A variant whose file name is well formed but is not an emotion of the taxonomy
    /// (`rules/emotions.toml` plus the corpus's `[emotions]` in pairlint.toml), an alias of
    /// one, or a compound `head_modifier` such as `anticipatory_sexual`. Suggests the
    /// closest known name.
    ///
    /// ## Why it matters
    /// The training pipeline groups variants by emotion and by family. A typo
    /// (`furius.txt`) creates a one-file emotion that silently never joins its group.
    ///
    /// ## Example
    /// `the_comment/furius.txt`: did you mean `furious`? A new emotion the corpus needs goes
    /// in pairlint.toml:
    /// ```toml
    /// [emotions]
    /// sheepish = { family = "self_conscious_neg", valence = -0.3, arousal = 0.4 }
    /// ```
    pub static META = {
        name: "unknown-emotion",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "variant's file name is not an emotion in the taxonomy",
    }
}

pub struct UnknownEmotion;

impl Rule for UnknownEmotion {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for variant in &cx.scenario.variants {
            if variant.emotion.is_some() {
                continue;
            }
            let file = &cx.scenario.files[variant.file];
            let stem = file.stem();
            let help = match cx.taxonomy.suggest(stem) {
                Some(s) => format!("did you mean `{s}`? (rename to `{s}.txt`)"),
                None => format!(
                    "use a name from `pairlint rules`' taxonomy, or add `{stem}` under [emotions] in pairlint.toml"
                ),
            };
            out.push(
                META.report(
                    Location::whole(file.path.clone()),
                    format!("`{stem}` is not an emotion in the taxonomy"),
                )
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario};

    #[test]
    fn fires_with_a_did_you_mean() {
        let s = scenario(&[
            ("baseline.txt", "x"),
            ("furius.txt", "x"),
            ("anticipatory_sexaul.txt", "x"),
            ("spreadsheet.txt", "x"),
        ]);
        let d = check(&UnknownEmotion, &s);
        let helps: Vec<&str> = d.iter().map(|d| d.help.as_deref().unwrap()).collect();
        assert_eq!(d.len(), 3);
        assert!(helps[0].contains("`anticipatory_sexual`"), "{}", helps[0]);
        assert!(helps[1].contains("`furious`"), "{}", helps[1]);
        assert!(helps[2].contains("add `spreadsheet`"), "{}", helps[2]);
    }

    #[test]
    fn silent_on_names_aliases_and_compounds() {
        let s = scenario(&[
            ("baseline.txt", "x"),
            ("furious.txt", "x"),
            ("rage.txt", "x"),
            ("at_ease.txt", "x"),
            ("yearning_sexual.txt", "x"),
            ("Bad-Name.txt", "x"),
        ]);
        assert!(check(&UnknownEmotion, &s).is_empty());
    }
}
