//! `--format human`: ariadne reports with source snippets. A finding about a variant and
//! its baseline is one report that labels both files, which is why ariadne (multi-file
//! reports out of the box) is the renderer.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

use super::path_str;
use crate::diagnostic::{Diagnostic, Location, Severity, Summary};

fn kind(severity: Severity) -> ReportKind<'static> {
    match severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
        Severity::Info => ReportKind::Advice,
    }
}

/// Char offsets of each line start of one text (lines end at `\n`, as `Position` counts them).
fn line_char_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut chars = 0;
    for c in text.chars() {
        chars += 1;
        if c == '\n' {
            starts.push(chars);
        }
    }
    starts
}

/// A location as an ariadne span in chars. ariadne runs in char indexing: in its byte mode,
/// 0.6 reads the char offset of a label in a second file as a byte offset, which misplaces
/// the baseline's line and column and panics when that offset falls inside a multibyte
/// character (curly quotes or a dash before an anchor in the baseline are enough).
fn label_span(
    location: &Location,
    line_starts: &BTreeMap<String, Vec<usize>>,
) -> Option<(String, Range<usize>)> {
    let (start, end) = location.range?;
    let source = location.source.as_ref()?;
    let id = path_str(&location.path);
    let mut end_byte = end.byte;
    // A span over several lines (a whole text for length-mismatch) is shown by its first
    // line: the snippet says *where*, the message already says *what*.
    if end.line > start.line {
        end_byte = source[start.byte..]
            .find('\n')
            .map_or(end.byte, |i| start.byte + i);
    }
    let end_byte = end_byte.max(start.byte);
    let first = line_starts.get(&id)?.get(start.line - 1)? + start.column - 1;
    let len = source.get(start.byte..end_byte)?.chars().count();
    Some((id, first..first + len))
}

pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default()
        .with_index_type(IndexType::Char)
        .with_color(color);
    let mut sources: BTreeMap<String, Arc<str>> = BTreeMap::new();
    for d in diagnostics {
        for loc in std::iter::once(&d.location).chain(d.related.iter().map(|r| &r.location)) {
            if let Some(src) = &loc.source {
                sources
                    .entry(path_str(&loc.path))
                    .or_insert_with(|| src.clone());
            }
        }
    }
    let line_starts: BTreeMap<String, Vec<usize>> = sources
        .iter()
        .map(|(id, text)| (id.clone(), line_char_starts(text)))
        .collect();
    let mut cache = ariadne::sources(
        sources
            .iter()
            .map(|(id, text)| (id.clone(), text.to_string())),
    );
    let primary_color = |s: Severity| match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
    };
    for d in diagnostics {
        let Some(span) = label_span(&d.location, &line_starts) else {
            write_plain(d, color, out)?;
            continue;
        };
        let mut report = Report::build(kind(d.severity), span.clone())
            .with_config(config)
            .with_code(d.rule)
            .with_message(&d.message)
            .with_label(
                Label::new(span)
                    .with_message(d.label.as_deref().unwrap_or(&d.message))
                    .with_color(primary_color(d.severity)),
            );
        for r in &d.related {
            match label_span(&r.location, &line_starts) {
                Some(rs) => {
                    report = report.with_label(
                        Label::new(rs)
                            .with_message(&r.message)
                            .with_color(Color::Cyan),
                    )
                }
                None => {
                    report =
                        report.with_note(format!("{}: {}", path_str(&r.location.path), r.message))
                }
            }
        }
        if let Some(help) = &d.help {
            report = report.with_help(help);
        }
        report.finish().write(&mut cache, &mut *out)?;
    }
    if !diagnostics.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "pairlint: {}", summary.line())
}

/// A finding with no snippet to show (a folder, an unreadable or undecodable file).
fn write_plain(d: &Diagnostic, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let (on, off) = match (color, d.severity) {
        (false, _) => ("", ""),
        (true, Severity::Error) => ("\x1b[31m", "\x1b[0m"),
        (true, Severity::Warning) => ("\x1b[33m", "\x1b[0m"),
        (true, Severity::Info) => ("\x1b[34m", "\x1b[0m"),
    };
    let title = match d.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Advice",
    };
    writeln!(out, "{on}[{}] {title}:{off} {}", d.rule, d.message)?;
    let place = match d.location.start() {
        Some(p) => format!("{}:{}:{}", path_str(&d.location.path), p.line, p.column),
        None => path_str(&d.location.path),
    };
    writeln!(out, "   ╭─[ {place} ]")?;
    for r in &d.related {
        writeln!(
            out,
            "   │ note: {}: {}",
            path_str(&r.location.path),
            r.message
        )?;
    }
    if let Some(help) = &d.help {
        writeln!(out, "   │ Help: {help}")?;
    }
    writeln!(out, "───╯")
}
