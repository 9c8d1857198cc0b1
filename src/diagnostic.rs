//! The one diagnostic type every renderer reads. Positions are resolved when a rule reports,
//! while the text is at hand, so renderers never need the tokenizer.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::text::{Doc, Position};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: a resolved start and (exclusive) end, plus the text it points into when
/// the file decoded, for renderers that show snippets.
#[derive(Debug, Clone)]
pub struct Location {
    pub path: PathBuf,
    pub range: Option<(Position, Position)>,
    pub source: Option<Arc<str>>,
}

impl Location {
    /// A location with no line: a whole scenario folder, or a file that has no text.
    pub fn whole(path: PathBuf) -> Location {
        Location {
            path,
            range: None,
            source: None,
        }
    }

    pub fn in_doc(path: PathBuf, doc: &Doc, span: std::ops::Range<usize>) -> Location {
        Location {
            path,
            range: Some((doc.position(span.start), doc.position(span.end))),
            source: Some(doc.text.clone()),
        }
    }

    pub fn start(&self) -> Option<Position> {
        self.range.map(|(s, _)| s)
    }
}

#[derive(Debug, Clone)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    /// A short text for the underline in snippet output (the message when absent).
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// Forget the texts the finding points into (its positions stay): for output that shows
    /// no snippet.
    pub fn drop_sources(&mut self) {
        self.location.source = None;
        for r in &mut self.related {
            r.location.source = None;
        }
        // Kept to the end of the run: no room to grow.
        self.related.shrink_to_fit();
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    /// The sort key: path (component-wise, so `a/x` sorts before `a-b/x` as the walk does),
    /// then position, then rule name and message for ties.
    pub fn sort_key(&self) -> (&std::path::Path, usize, usize, &str, &str) {
        let (start, end) = self
            .location
            .range
            .map(|(s, e)| (s.byte, e.byte))
            .unwrap_or((0, 0));
        (&self.location.path, start, end, self.rule, &self.message)
    }
}

/// Counts for the closing summary line and the JSON `summary` object.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Summary {
    pub scenarios: usize,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// `3 errors, 1 warning, 0 infos in 22 files (4 scenarios)`.
    pub fn line(&self) -> String {
        fn plural(n: usize, word: &str) -> String {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        }
        format!(
            "{}, {}, {} in {} ({})",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file"),
            plural(self.scenarios, "scenario"),
        )
    }
}

/// A path as printed: forward slashes on every platform.
pub fn path_str(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
