//! Renderers: each is a view of the same `Diagnostic` list and `Summary` (and `html`, the
//! report page, of the corpus statistics too). Nothing here decides what is a finding.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod stats;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels (default on a terminal).
    Human,
    /// One line per finding: `path:line:col: severity: message [rule]`.
    Concise,
    /// One JSON document (schema in the interface contract).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations, plus a table in $GITHUB_STEP_SUMMARY.
    Github,
}

pub fn render(
    format: Format,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(diagnostics, summary, color, human::terminal_width(), out),
        Format::Concise => concise::render(diagnostics, summary, out),
        Format::Json => json::render(diagnostics, summary, out),
        Format::Sarif => sarif::render(diagnostics, out),
        Format::Github => github::render(diagnostics, summary, out),
    }
}
