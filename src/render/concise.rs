//! `path:line:col: severity: message [rule]`: gcc's convention, which VS Code's `$gcc`
//! problem matcher, vim's default errorformat and Emacs compilation-mode all parse.

use std::io::{self, Write};

use crate::diagnostic::path_str;
use crate::diagnostic::{Diagnostic, Summary};

pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in diagnostics {
        let path = path_str(&d.location.path);
        // Messages are one line; fold any stray newline so one finding stays one line.
        let message = d.message.replace('\n', " ");
        match d.location.start() {
            Some(p) => writeln!(
                out,
                "{path}:{}:{}: {}: {message} [{}]",
                p.line, p.column, d.severity, d.rule
            )?,
            // A finding about a whole file sits at 1:1, so editors can jump to the file; a
            // folder has no position to give.
            None if !d.location.path.is_dir() => {
                writeln!(out, "{path}:1:1: {}: {message} [{}]", d.severity, d.rule)?
            }
            None => writeln!(out, "{path}: {}: {message} [{}]", d.severity, d.rule)?,
        }
    }
    writeln!(out, "pairlint: {}", summary.line())
}
