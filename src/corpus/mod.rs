//! Loading: which folders are scenarios (`discover`), and each file read once into a
//! `SourceFile` with its `Doc` (`load`, which an editor's unsaved texts can overlay). Takes the
//! PATHs of a run and hands the rules `Scenario`s. Nothing here judges the corpus; problems
//! become `Content` states or loader notes that rules turn into diagnostics, so selection and
//! severity apply to them like to any finding. This file holds the loaded shapes.

mod discover;
mod load;

pub use discover::{PathError, Target, Targets, discover, display_path};
pub use load::{Entry, Overlay, assemble, load_scenario, load_scenario_with};

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;

use crate::language::taxonomy::Resolved;
use crate::text::{Doc, Position};

pub const BASELINE: &str = "baseline.txt";
pub const SCENARIO_TOML: &str = "scenario.toml";

/// What reading a file produced.
#[derive(Debug)]
pub enum Content {
    Text(Doc),
    /// Not UTF-8: where the first bad byte is, counted in the valid prefix.
    InvalidUtf8 {
        position: Position,
        bad_bytes: Vec<u8>,
    },
    /// Could not be read at all (permissions, a FIFO, too large, a symlink out of the corpus).
    Unreadable(String),
}

#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user would type it.
    pub path: PathBuf,
    pub name: String,
    pub content: Content,
}

impl SourceFile {
    pub fn doc(&self) -> Option<&Doc> {
        match &self.content {
            Content::Text(doc) => Some(doc),
            _ => None,
        }
    }

    pub fn stem(&self) -> &str {
        self.name.strip_suffix(".txt").unwrap_or(&self.name)
    }
}

/// An emotion variant: a `.txt` file other than the baseline with a well-formed name.
#[derive(Debug)]
pub struct Variant {
    pub file: usize,
    /// `None` when the name is not in the taxonomy (unknown-emotion reports it).
    pub emotion: Option<Resolved>,
}

/// An `[[allow]]` entry in scenario.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowEntry {
    pub rule: String,
    pub file: String,
    #[serde(rename = "match")]
    pub matches: Option<String>,
    pub reason: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScenarioConfig {
    pub description: Option<String>,
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Capitalised words or numbers of the baseline that are not anchors (inference opt-out).
    #[serde(default)]
    pub not_anchors: Vec<String>,
    #[serde(default)]
    pub allow: Vec<toml::Spanned<AllowEntry>>,
}

/// scenario.toml that could not be used: the parser's message and where it points.
#[derive(Debug)]
pub struct ConfigProblem {
    pub message: String,
    pub span: Option<std::ops::Range<usize>>,
}

#[derive(Debug)]
pub struct Scenario {
    /// The folder, as the user would type it.
    pub dir: PathBuf,
    /// Every `.txt` file, sorted by name.
    pub files: Vec<SourceFile>,
    pub baseline: Option<usize>,
    pub variants: Vec<Variant>,
    /// Files that are neither `.txt` nor scenario.toml (nor hidden or Markdown notes).
    pub stray: Vec<PathBuf>,
    pub config: ScenarioConfig,
    pub config_path: Option<PathBuf>,
    /// The text of scenario.toml, for findings that point into it.
    pub config_doc: Option<Doc>,
    pub config_error: Option<ConfigProblem>,
    /// With file arguments (pre-commit), only findings tied to these files are reported.
    pub focus: Option<BTreeSet<PathBuf>>,
    /// The folder could not be listed: its one entry is the folder itself, `Unreadable`, and
    /// scenario-scope rules have nothing to judge (no baseline is not a missing baseline).
    pub unlisted: bool,
}

impl Scenario {
    pub fn baseline(&self) -> Option<&SourceFile> {
        self.baseline.map(|i| &self.files[i])
    }

    pub fn baseline_doc(&self) -> Option<&Doc> {
        self.baseline().and_then(SourceFile::doc)
    }
}
