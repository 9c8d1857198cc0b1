use crate::corpus::{Content, SourceFile};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A text that is not valid UTF-8. The finding points at the first bad byte (line and
    /// column counted in the valid text before it) and names its value. The file's text is
    /// not checked by other rules until it decodes.
    ///
    /// ## Why it matters
    /// Training code either crashes on such a file or replaces the bytes with U+FFFD,
    /// silently changing the text the model sees. Legacy encodings (Latin-1, Windows-1252)
    /// are the usual cause: a curly quote pasted from a word processor.
    ///
    /// ## Example
    /// `She said \x93fine\x94.` (Windows-1252 quotes). Re-save the file as UTF-8.
    pub static META = {
        name: "invalid-utf8",
        scope: File,
        severity: Error,
        fixable: false,
        summary: "text is not valid UTF-8",
    }
}

pub struct InvalidUtf8;

impl Rule for InvalidUtf8 {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Content::InvalidUtf8 {
            position,
            bad_bytes,
        } = &file.content
        else {
            return;
        };
        let hex: Vec<String> = bad_bytes.iter().map(|b| format!("0x{b:02X}")).collect();
        let mut end = *position;
        end.byte += bad_bytes.len();
        end.column += 1;
        let location = Location {
            path: file.path.clone(),
            range: Some((*position, end)),
            source: None,
        };
        out.push(
            META.report(
                location,
                format!(
                    "file is not valid UTF-8: invalid byte {} at line {}, column {}",
                    hex.join(" "),
                    position.line,
                    position.column
                ),
            )
            .with_help("re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario_bytes};

    #[test]
    fn points_at_the_first_bad_byte() {
        let s = scenario_bytes(
            &[("baseline.txt", b"First line.\nShe said \x93fine\x94.\n")],
            None,
        );
        let d = check(&InvalidUtf8, &s);
        assert_eq!(d.len(), 1);
        let (start, _) = d[0].location.range.unwrap();
        assert_eq!((start.line, start.column, start.byte), (2, 10, 21));
        assert_eq!(
            d[0].message,
            "file is not valid UTF-8: invalid byte 0x93 at line 2, column 10"
        );
    }

    #[test]
    fn silent_on_valid_multibyte_text() {
        let s = scenario_bytes(&[("baseline.txt", "Café “fine” ☕\n".as_bytes())], None);
        assert!(check(&InvalidUtf8, &s).is_empty());
    }
}
