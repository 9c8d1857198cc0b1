use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A text that starts with a UTF-8 byte-order mark (U+FEFF).
    ///
    /// ## Why it matters
    /// The mark is invisible in an editor but it is a real character to a tokenizer: the
    /// first token of every affected text changes, and a model's activations on it differ
    /// between files that look identical. When only some files of a scenario carry it, the
    /// difference of means learns "starts with U+FEFF".
    ///
    /// ## Example
    /// A file saved by an editor set to "UTF-8 with BOM":
    /// `\xEF\xBB\xBFThe build finished at 3:12.` Save it as plain UTF-8.
    pub static META = {
        name: "bom",
        scope: File,
        severity: Warning,
        fixable: true,
        summary: "text starts with a byte-order mark",
    }
}

pub struct Bom;

impl Rule for Bom {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        if doc.text.starts_with('\u{FEFF}') {
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, 0..3),
                    "file starts with a byte-order mark (U+FEFF)",
                )
                .with_help("save the file as UTF-8 without a BOM"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_on_leading_bom() {
        let s = scenario(&[("baseline.txt", "\u{FEFF}The door shut.\n")]);
        assert_eq!(spans(&check(&Bom, &s)), ["baseline.txt:\u{FEFF}"]);
    }

    #[test]
    fn silent_without_bom_or_on_a_later_one() {
        // A U+FEFF inside the text is an invisible character (control-char), not a BOM.
        let s = scenario(&[
            ("baseline.txt", "The door shut.\n"),
            ("calm.txt", "The door\u{FEFF} shut.\n"),
        ]);
        assert!(check(&Bom, &s).is_empty());
    }
}
