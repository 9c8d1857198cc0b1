//! `--format json`: one document, `version` 1, shape fixed by the interface contract.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::path_str;
use crate::diagnostic::{Diagnostic, Summary};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    byte_start: Option<usize>,
    byte_end: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = Document {
        version: 1,
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let range = d.location.range;
                JsonDiagnostic {
                    rule: d.rule,
                    severity: d.severity.as_str(),
                    path: path_str(&d.location.path),
                    line: range.map(|(s, _)| s.line),
                    column: range.map(|(s, _)| s.column),
                    end_line: range.map(|(_, e)| e.line),
                    end_column: range.map(|(_, e)| e.column),
                    byte_start: range.map(|(s, _)| s.byte),
                    byte_end: range.map(|(_, e)| e.byte),
                    message: &d.message,
                    help: d.help.as_deref(),
                    related: d
                        .related
                        .iter()
                        .map(|r| JsonRelated {
                            path: path_str(&r.location.path),
                            line: r.location.start().map(|p| p.line),
                            column: r.location.start().map(|p| p.column),
                            message: &r.message,
                        })
                        .collect(),
                }
            })
            .collect(),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
