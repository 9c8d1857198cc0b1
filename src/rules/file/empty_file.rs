use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A text with no words: zero bytes, or only whitespace and punctuation.
    ///
    /// ## Why it matters
    /// An empty variant contributes activations on nothing but special tokens, pulling the
    /// emotion's mean toward the model's resting state; an empty baseline leaves every
    /// variant of the scenario without a contrast. It is usually a file created and never
    /// written, or a save that failed.
    ///
    /// ## Example
    /// `furious.txt` of 0 bytes. Write the text or delete the file.
    pub static META = {
        name: "empty-file",
        scope: File,
        severity: Error,
        fixable: false,
        summary: "text has no words",
    }
}

pub struct EmptyFile;

impl Rule for EmptyFile {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        if doc.word_count() > 0 {
            return;
        }
        let message = if doc.text.is_empty() {
            "file is empty".to_string()
        } else {
            format!(
                "file has no words ({} bytes of whitespace or punctuation)",
                doc.text.len()
            )
        };
        out.push(
            META.report(
                Location::in_doc(file.path.clone(), doc, 0..doc.text.len()),
                message,
            )
            .with_help("write the text, or delete the file"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_on_empty_and_wordless_files() {
        let s = scenario(&[("baseline.txt", ""), ("calm.txt", " \n…\n")]);
        let d = check(&EmptyFile, &s);
        assert_eq!(spans(&d), ["baseline.txt:", "calm.txt: \n…\n"]);
        assert_eq!(d[0].message, "file is empty");
    }

    #[test]
    fn silent_on_one_word_or_a_number() {
        let s = scenario(&[("baseline.txt", "Door.\n"), ("calm.txt", "42\n")]);
        assert!(check(&EmptyFile, &s).is_empty());
    }
}
