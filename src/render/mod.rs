//! Renderers: each is a view of the same `Diagnostic` list and `Summary`.

pub mod concise;
pub mod human;
pub mod json;

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
}

pub fn render(
    format: Format,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(diagnostics, summary, color, out),
        Format::Concise => concise::render(diagnostics, summary, out),
        Format::Json => json::render(diagnostics, summary, out),
    }
}

/// A path as printed: forward slashes on every platform.
pub fn path_str(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
