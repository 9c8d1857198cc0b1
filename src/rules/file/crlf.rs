use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A text with Windows line endings (`\r\n`). Reported once per file, at the first one,
    /// with the number of lines affected.
    ///
    /// ## Why it matters
    /// `\r` is a token to most tokenizers. If some texts of a scenario were saved on Windows
    /// and others were not, every line break differs between variant and baseline, and the
    /// steering vector partly encodes the editor that saved the file.
    ///
    /// ## Example
    /// `The kettle clicked off.\r\nShe poured the water.\r\n`: save with LF endings
    /// (`git config core.autocrlf input` prevents it for good).
    pub static META = {
        name: "crlf",
        scope: File,
        severity: Warning,
        fixable: true,
        summary: "text uses CRLF line endings",
    }
}

pub struct Crlf;

impl Rule for Crlf {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        let Some(first) = doc.text.find("\r\n") else {
            return;
        };
        let count = doc.text.matches("\r\n").count();
        let lines = if count == 1 { "line" } else { "lines" };
        out.push(
            META.report(
                Location::in_doc(file.path.clone(), doc, first..first + 2),
                format!("file uses CRLF line endings ({count} {lines})"),
            )
            .with_help("save the file with LF (`\\n`) line endings"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_once_per_file_at_the_first_crlf() {
        let s = scenario(&[("baseline.txt", "One.\r\nTwo.\r\nThree.\n")]);
        let d = check(&Crlf, &s);
        assert_eq!(spans(&d), ["baseline.txt:\r\n"]);
        assert_eq!(d[0].message, "file uses CRLF line endings (2 lines)");
        assert_eq!(d[0].location.start().unwrap().line, 1);
    }

    #[test]
    fn silent_on_lf_and_on_a_lone_cr() {
        // A lone `\r` is an invisible control character, reported by control-char.
        let s = scenario(&[("baseline.txt", "One.\nTwo.\rThree.\n")]);
        assert!(check(&Crlf, &s).is_empty());
    }
}
