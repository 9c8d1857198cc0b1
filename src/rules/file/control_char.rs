use crate::corpus::SourceFile;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Control characters (C0 and C1, except tab and line feed; a carriage return only when
    /// it is not part of `\r\n`) and invisible format characters: zero-width space and
    /// joiners, word joiner, a byte-order mark after the start, bidirectional controls.
    /// A run of such characters is one finding.
    ///
    /// ## Why it matters
    /// They are invisible when reading and copy-paste brings them in from web pages and
    /// chat tools. Each one is a token (or splits a word into odd tokens), so a variant that
    /// carries one differs from its baseline by something no reviewer can see.
    ///
    /// ## Example
    /// `the pull\u{200B}request` (a zero-width space from a chat client): retype the words.
    pub static META = {
        name: "control-char",
        scope: File,
        severity: Warning,
        fixable: true,
        summary: "text contains control or invisible format characters",
    }
}

pub struct ControlChar;

/// Is this an unwanted invisible character at this position?
pub fn is_unwanted(c: char, next: Option<char>, at_start: bool) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\u{FEFF}' => !at_start,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{00AD}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => true,
        c => c.is_control(),
    }
}

/// Only printable ASCII, tabs and line feeds? Checked a block at a time without an early exit
/// inside the block, which the compiler turns into vector instructions.
fn is_plain_ascii(bytes: &[u8]) -> bool {
    bytes.chunks(32).all(|block| {
        !block.iter().fold(false, |bad, &b| {
            bad | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b >= 0x7f)
        })
    })
}

fn describe(c: char) -> String {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "backspace",
        '\u{B}' => "vertical tab",
        '\u{C}' => "form feed",
        '\r' => "lone carriage return",
        '\u{1B}' => "escape",
        '\u{7F}' => "delete",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{00AD}' => "soft hyphen",
        '\u{FEFF}' => "zero-width no-break space",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
            "bidirectional control"
        }
        _ => "control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

impl Rule for ControlChar {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        let Some(doc) = file.doc() else { return };
        let text = &*doc.text;
        // Printable ASCII with tabs and line feeds holds nothing unwanted: one quick pass
        // spares most texts the character-by-character check.
        if is_plain_ascii(text.as_bytes()) {
            return;
        }
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if !is_unwanted(c, next, start == 0) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut count = 1;
            while let Some(&(i, n)) = chars.peek() {
                let after = text[i + n.len_utf8()..].chars().next();
                if !is_unwanted(n, after, false) {
                    break;
                }
                end = i + n.len_utf8();
                count += 1;
                chars.next();
            }
            let message = if count == 1 {
                format!("invisible character {}", describe(c))
            } else {
                format!(
                    "{count} invisible characters, starting with {}",
                    describe(c)
                )
            };
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, start..end),
                    message,
                )
                .with_help("delete it; it is invisible in most editors but not to a tokenizer"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    /// The block-wise quick pass agrees with a byte-by-byte check for every byte value, at
    /// every place in a block and across block edges.
    #[test]
    fn quick_pass_agrees_with_the_plain_check() {
        for b in 0..=255u8 {
            let expected = (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t';
            for at in [0, 1, 31, 32, 33, 63, 69] {
                let mut bytes = vec![b'a'; 70];
                bytes[at] = b;
                assert_eq!(is_plain_ascii(&bytes), expected, "byte {b:#x} at {at}");
            }
        }
        assert!(is_plain_ascii(b""));
    }

    #[test]
    fn fires_on_controls_and_invisible_format_chars() {
        let s = scenario(&[(
            "baseline.txt",
            "a\u{7}b pull\u{200B}request x\u{0}\u{0}y one\rtwo mid\u{FEFF}dle\n",
        )]);
        let d = check(&ControlChar, &s);
        assert_eq!(
            spans(&d),
            [
                "baseline.txt:\u{7}",
                "baseline.txt:\u{200B}",
                "baseline.txt:\u{0}\u{0}",
                "baseline.txt:\r",
                "baseline.txt:\u{FEFF}"
            ]
        );
        assert_eq!(d[0].message, "invisible character U+0007 (BEL)");
        assert!(d[2].message.starts_with("2 invisible characters"));
    }

    #[test]
    fn silent_on_tabs_newlines_crlf_leading_bom_and_unicode_text() {
        let s = scenario(&[(
            "baseline.txt",
            "\u{FEFF}Tab\there.\r\nCafé “quoted” — dash… ok\n",
        )]);
        assert!(check(&ControlChar, &s).is_empty());
    }
}
