use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Spaces, tabs or other blank characters at the end of a line (before `\n`, `\r\n` or
    /// the end of the file). One finding per line, pointing at the blanks.
    ///
    /// ## Why it matters
    /// Trailing blanks are invisible to the author but tokenized by the model. A variant
    /// that ends its lines with spaces differs from its baseline in tokens that carry no
    /// affect, and last-token trainers read exactly that position.
    ///
    /// ## Example
    /// `She folded the letter.␠␠\n`: delete the two spaces.
    pub static META = {
        name: "trailing-whitespace",
        scope: File,
        severity: Warning,
        fixable: true,
        summary: "line ends with spaces or tabs",
    }
}

pub struct TrailingWhitespace;

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        let mut line_start = 0;
        for line in doc.text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let kept = content.trim_end_matches(|c: char| c.is_whitespace());
            if kept.len() < content.len() {
                let start = line_start + kept.len();
                let end = line_start + content.len();
                let what = if kept.is_empty() {
                    "blank line holds only whitespace"
                } else {
                    "trailing whitespace"
                };
                out.push(
                    META.report(Location::in_doc(file.path.clone(), doc, start..end), what)
                        .with_help("delete the whitespace at the end of the line"),
                );
            }
            line_start += line.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    #[test]
    fn fires_on_each_line_with_trailing_blanks() {
        let s = scenario(&[("baseline.txt", "One.  \nTwo.\t\r\n  \nThree.\u{A0}")]);
        let d = check(&TrailingWhitespace, &s);
        assert_eq!(
            spans(&d),
            [
                "baseline.txt:  ",
                "baseline.txt:\t",
                "baseline.txt:  ",
                "baseline.txt:\u{A0}"
            ]
        );
        assert_eq!(d[2].message, "blank line holds only whitespace");
        assert_eq!(d[1].location.start().unwrap().line, 2);
    }

    #[test]
    fn silent_on_clean_lines_and_inner_spaces() {
        let s = scenario(&[("baseline.txt", "One  two.\n\n\tIndented.\r\nLast")]);
        assert!(check(&TrailingWhitespace, &s).is_empty());
    }
}
