use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::taxonomy::is_snake_case;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Files in a scenario folder whose names pairlint cannot read as a baseline or an
    /// emotion: a `.txt` name that is not lowercase snake_case (`Furious.txt`,
    /// `anticipatory-sexual.txt`, `grateful 2.txt`), and files that are neither `.txt` nor
    /// `scenario.toml` (`furious.TXT`, `notes.docx`). Hidden files and Markdown notes are
    /// left alone. A well-formed name that is not in the taxonomy is `unknown-emotion`.
    ///
    /// ## Why it matters
    /// The file name is the label the training pipeline reads. A name it cannot parse is a
    /// variant silently dropped from training, or a baseline mistaken for a variant.
    ///
    /// ## Example
    /// `the_comment/Furious.txt`: rename it to `furious.txt`.
    pub static META = {
        name: "bad-file-name",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "file name is not a lowercase snake_case emotion name with .txt",
    }
}

pub struct BadFileName;

/// The name the author probably meant: lowercase, separators folded to `_`, `.txt`.
fn suggested_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => name,
    };
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    format!("{}.txt", out.trim_end_matches('_'))
}

impl Rule for BadFileName {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for file in &cx.scenario.files {
            if file.name == crate::corpus::BASELINE || is_snake_case(file.stem()) {
                continue;
            }
            out.push(
                META.report(
                    Location::whole(file.path.clone()),
                    format!("`{}` is not a lowercase snake_case emotion name", file.name),
                )
                .with_help(format!("rename it to `{}`", suggested_name(&file.name))),
            );
        }
        for path in &cx.scenario.stray {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let lower = name.to_lowercase();
            let help = if lower.ends_with(".txt") {
                format!("rename it to `{}`", suggested_name(&name))
            } else {
                "move it out of the scenario folder; a scenario holds .txt texts and scenario.toml"
                    .to_string()
            };
            out.push(
                META.report(
                    Location::whole(path.clone()),
                    format!("`{name}` is neither a `.txt` text nor scenario.toml"),
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
    fn fires_on_unparseable_names_with_a_rename() {
        let s = scenario(&[
            ("Furious.txt", "x"),
            ("anticipatory-sexual.txt", "x"),
            ("grateful 2.txt", "x"),
            ("calm.TXT", "x"),
            ("notes.docx", "x"),
        ]);
        let d = check(&BadFileName, &s);
        let helps: Vec<&str> = d.iter().map(|d| d.help.as_deref().unwrap()).collect();
        assert_eq!(
            helps,
            [
                "rename it to `furious.txt`",
                "rename it to `anticipatory_sexual.txt`",
                "rename it to `calm.txt`",
                "rename it to `grateful_2.txt`",
                "move it out of the scenario folder; a scenario holds .txt texts and scenario.toml",
            ]
        );
    }

    #[test]
    fn silent_on_baseline_snake_case_and_unknown_but_well_formed() {
        // `furius.txt` is well-formed; unknown-emotion reports it.
        let s = scenario(&[
            ("baseline.txt", "x"),
            ("in_flow.txt", "x"),
            ("anticipatory_sexual.txt", "x"),
            ("furius.txt", "x"),
        ]);
        assert!(check(&BadFileName, &s).is_empty());
    }
}
