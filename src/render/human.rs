//! `--format human`: ariadne reports with source snippets. A finding about a variant and
//! its baseline is one report that labels both files, which is why ariadne (multi-file
//! reports out of the box) is the renderer.

use std::io::{self, Write};
use std::ops::Range;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

use crate::diagnostic::path_str;
use crate::diagnostic::{Diagnostic, Location, Severity, Summary};

fn kind(severity: Severity) -> ReportKind<'static> {
    match severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
        Severity::Info => ReportKind::Advice,
    }
}

/// The width snippets are fitted to: the terminal's when standard output is one, else
/// `COLUMNS`, else 100 (a pipe, a file, a CI log).
pub fn terminal_width() -> usize {
    use std::io::IsTerminal;
    let from_terminal = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(std::io::stdout()))
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    let from_env = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
    };
    from_terminal
        .or_else(from_env)
        .filter(|&w| w > 0)
        .unwrap_or(100)
        .clamp(40, 400)
}

/// One label's snippet: the stretch of its line that fits the width, cut at whole words with
/// `…` at a cut end, and the label's char range within it.
#[derive(Debug, PartialEq, Eq)]
struct Window {
    /// The line number (1-based) and column (1-based, in chars) of the label in its file.
    line: usize,
    column: usize,
    text: String,
    span: Range<usize>,
}

/// The part of the label at `location` that a `width`-column snippet can show. A span over
/// several lines (a whole text) is shown by its first line; a span longer than the window by
/// its start.
fn window(location: &Location, width: usize, label: &str) -> Option<Window> {
    let (start, end) = location.range?;
    let source = location.source.as_ref()?;
    let line_start = source[..start.byte].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start.byte..]
        .find('\n')
        .map_or(source.len(), |i| start.byte + i);
    let line: Vec<char> = source[line_start..line_end]
        .trim_end_matches('\r')
        .chars()
        .collect();
    // A span may start at the line's end (a trailing `\r` trimmed, a zero-width span).
    let span_start = (start.column - 1).min(line.len());
    let span_end = if end.line > start.line {
        line.len()
    } else {
        (end.column - 1).min(line.len())
    }
    .max(span_start);
    // The label's text follows the underline on the line below: the underline stops where
    // the text would no longer fit, and the span starts early enough in the window for it.
    let label_len = label.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let underline = |at: usize, end: usize| -> usize {
        let most = width.saturating_sub(at + label_len + 3).max(1);
        end.min(at + most).max(at + 1)
    };
    let max_lead = width.saturating_sub(label_len + 6 + (span_end - span_start).min(12));
    if line.len() <= width && span_start <= max_lead {
        return Some(Window {
            line: start.line,
            column: start.column,
            text: line.iter().collect(),
            span: span_start..underline(span_start, span_end),
        });
    }
    // Some context before the span (a quarter of the width at most), then as much as fits.
    let lead = (width / 4).min(span_start).min(max_lead);
    let mut from = span_start - lead;
    // Near the end of the line, fill the window with more of what comes before.
    let room = width.saturating_sub(4);
    if line.len() - from < room {
        from = line
            .len()
            .saturating_sub(room)
            .min(span_start)
            .max(span_start.saturating_sub(max_lead));
    }
    // Start on a word: skip forward past the word the cut falls in.
    if from > 0 {
        while from < span_start && !line[from - 1].is_whitespace() {
            from += 1;
        }
    }
    let prefix = if from > 0 { "… " } else { "" };
    let room = width.saturating_sub(prefix.chars().count() + 2);
    let mut to = (from + room).min(line.len());
    if to < line.len() {
        // End on a word, but never before the span's first word.
        let mut cut = to;
        while cut > span_start + 1 && !line[cut].is_whitespace() {
            cut -= 1;
        }
        if cut > span_start + 1 {
            to = cut;
        }
    }
    let to = to.max(from);
    let suffix = if to < line.len() { " …" } else { "" };
    let body: String = line[from..to].iter().collect();
    let shift = prefix.chars().count();
    let text = format!("{prefix}{}{suffix}", body.trim_end());
    let at = span_start - from + shift;
    let visible_end = span_end.min(to).max(span_start + 1) - from + shift;
    Some(Window {
        line: start.line,
        column: start.column,
        text,
        span: at..underline(at, visible_end),
    })
}

/// The snippets of one report as ariadne sources: each label gets its own source (named by a
/// placeholder that is replaced by `path:line:column` after rendering), holding its window on
/// the line it has in its file.
struct Windows {
    sources: Vec<(String, ariadne::Source<String>)>,
    /// (placeholder, the real `path:line:column`).
    names: Vec<(String, String)>,
}

impl Windows {
    fn new() -> Windows {
        Windows {
            sources: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Add `window` of the file at `path`; returns the span to label, in the source's chars.
    fn add(&mut self, path: &str, window: &Window) -> (String, Range<usize>) {
        let id = format!("\u{1}{}\u{1}", self.sources.len());
        // Blank lines before the window put it on its own line number.
        let padding = window.line - 1;
        let text = format!("{}{}\n", "\n".repeat(padding), window.text);
        self.sources.push((id.clone(), ariadne::Source::from(text)));
        self.names.push((
            id.clone(),
            format!("{path}:{}:{}", window.line, window.column),
        ));
        (id, padding + window.span.start..padding + window.span.end)
    }

    /// `rendered` with each placeholder and the line and column ariadne put after it
    /// replaced by the label's real place.
    fn restore(&self, rendered: &str) -> String {
        let mut out = rendered.to_string();
        for (id, real) in &self.names {
            while let Some(at) = out.find(id.as_str()) {
                let rest = &out[at + id.len()..];
                // `:line:col` follows the name in ariadne's header.
                let tail = rest
                    .char_indices()
                    .take_while(|(i, c)| c.is_ascii_digit() || (*c == ':' && *i < 24))
                    .map(|(i, c)| i + c.len_utf8())
                    .last()
                    .unwrap_or(0);
                out.replace_range(at..at + id.len() + tail, real);
            }
        }
        out
    }
}

impl ariadne::Cache<String> for &mut Windows {
    type Storage = String;

    fn fetch(&mut self, id: &String) -> Result<&ariadne::Source<String>, impl std::fmt::Debug> {
        self.sources
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, source)| source)
            .ok_or_else(|| format!("no snippet {id:?}"))
    }

    fn display<'a>(&self, id: &'a String) -> Option<impl std::fmt::Display + 'a> {
        Some(id.clone())
    }
}

pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default()
        .with_index_type(IndexType::Char)
        .with_label_attach(ariadne::LabelAttach::Start)
        .with_color(color);
    let primary_color = |s: Severity| match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
    };
    // The snippet's text gets what the gutter (line number and bars) leaves of the width.
    let text_width = |line: usize| width.saturating_sub(line.to_string().len() + 5).max(20);
    for d in diagnostics {
        let label = d.label.as_deref().unwrap_or(&d.message);
        let Some(primary) = d
            .location
            .range
            .and_then(|(start, _)| window(&d.location, text_width(start.line), label))
        else {
            write_plain(d, color, width, out)?;
            continue;
        };
        let mut windows = Windows::new();
        let span = windows.add(&path_str(&d.location.path), &primary);
        let mut report = Report::build(kind(d.severity), span.clone())
            .with_config(config)
            .with_code(d.rule)
            // `[rule] Error: ` comes first on the line.
            .with_message(wrap(
                &d.message,
                width.saturating_sub(d.rule.len() + 12).max(30),
            ))
            .with_label(
                Label::new(span)
                    .with_message(label)
                    .with_color(primary_color(d.severity)),
            );
        for r in &d.related {
            // A related label over more than two screen lines is a whole text (the baseline a
            // length is compared with): a note names it; a snippet would underline a paragraph.
            let whole_text = r.location.range.is_some_and(|(start, end)| {
                end.line > start.line || end.column.saturating_sub(start.column) > 2 * width
            });
            let related = r
                .location
                .range
                .filter(|_| !whole_text)
                .and_then(|(start, _)| window(&r.location, text_width(start.line), &r.message));
            match related {
                Some(w) => {
                    let span = windows.add(&path_str(&r.location.path), &w);
                    report = report.with_label(
                        Label::new(span)
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
            // The margin and "Help: " take up to 14 columns.
            report = report.with_help(wrap(help, width.saturating_sub(14).max(30)));
        }
        let mut rendered = Vec::new();
        report.finish().write(&mut windows, &mut rendered)?;
        out.write_all(
            windows
                .restore(&String::from_utf8_lossy(&rendered))
                .as_bytes(),
        )?;
    }
    if !diagnostics.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "pairlint: {}", summary.line())
}

/// `text` broken at spaces into lines of at most `width` chars (a longer word stays whole).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

/// A finding with no snippet to show (a folder, an unreadable or undecodable file).
fn write_plain(d: &Diagnostic, color: bool, width: usize, out: &mut dyn Write) -> io::Result<()> {
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
    let message = wrap(&d.message, width.saturating_sub(d.rule.len() + 12).max(30));
    writeln!(out, "{on}[{}] {title}:{off} {message}", d.rule)?;
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
        let help = wrap(help, width.saturating_sub(14).max(30)).replace('\n', "\n   │       ");
        writeln!(out, "   │ Help: {help}")?;
    }
    writeln!(out, "───╯")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Doc;

    /// A span that starts where the shown line ends: the `\r`s of `\r\r\n` are not shown, and
    /// a finding on them (crlf) still gets a window (found by the properties test).
    #[test]
    fn spans_past_the_trimmed_line_end_get_a_window() {
        let text = "furiouslyletterletterOwenletterOwenOwenOwenOwenOwen.Owen.Owen\r\r\nOwen";
        let doc = Doc::new(text);
        let at = text.find('\r').unwrap();
        for width in [20, 40, 100] {
            for span in [at..at + 1, at..at + 2, at + 1..at + 2, at..at] {
                let location = Location::in_doc("a.txt".into(), &doc, span.clone());
                let w = window(&location, width, "a label").expect("a window");
                assert!(
                    w.span.start <= w.text.chars().count(),
                    "{span:?} at {width}: {w:?}"
                );
            }
        }
    }
}
