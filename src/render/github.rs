//! `--format github`: workflow commands that GitHub Actions turns into annotations, escaped as
//! the actions toolkit does. GitHub shows only ten annotations of each kind per step, so the
//! full report also goes to `$GITHUB_STEP_SUMMARY` as a Markdown table when that is set.

use std::io::{self, Write};

use crate::diagnostic::path_str;
use crate::diagnostic::{Diagnostic, Severity, Summary};

/// Message data: `%`, CR and LF (actions/toolkit `escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values also escape `:` and `,` (actions/toolkit `escapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in diagnostics {
        let mut props = vec![format!(
            "file={}",
            escape_property(&path_str(&d.location.path))
        )];
        if let Some((s, e)) = d.location.range {
            props.push(format!("line={}", s.line));
            props.push(format!("endLine={}", e.line));
            props.push(format!("col={}", s.column));
            props.push(format!("endColumn={}", e.column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("pairlint ({})", d.rule))
        ));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{} {}::{}",
            command(d.severity),
            props.join(","),
            escape_data(&message)
        )?;
    }
    writeln!(out, "pairlint: {}", summary.line())?;
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        file.write_all(step_summary(diagnostics, summary).as_bytes())?;
    }
    Ok(())
}

/// GitHub caps a step summary at 1 MiB; stop the table well before that.
const SUMMARY_LIMIT: usize = 900 * 1024;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn step_summary(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let mut md = format!("## pairlint\n\n{}\n\n", summary.line());
    if diagnostics.is_empty() {
        return md;
    }
    md.push_str("| severity | rule | location | message |\n|---|---|---|---|\n");
    for (i, d) in diagnostics.iter().enumerate() {
        let place = match d.location.start() {
            Some(p) => format!("{}:{}:{}", path_str(&d.location.path), p.line, p.column),
            None => path_str(&d.location.path),
        };
        let row = format!(
            "| {} | `{}` | `{}` | {} |\n",
            d.severity,
            d.rule,
            cell(&place),
            cell(&d.message)
        );
        if md.len() + row.len() > SUMMARY_LIMIT {
            md.push_str(&format!(
                "\n{} more findings not shown (summary size limit).\n",
                diagnostics.len() - i
            ));
            break;
        }
        md.push_str(&row);
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
