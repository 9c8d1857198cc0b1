//! Reading one scenario folder: every entry once, under the size cap, never through a FIFO or a
//! symlink out of the corpus, decoded and tokenized into `SourceFile`s, with scenario.toml
//! parsed; an editor's unsaved texts (`Overlay`) replace the files they name.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::*;
use crate::language::taxonomy::{Taxonomy, is_snake_case};
use crate::text::{Doc, Position};

/// Texts held in memory that take precedence over the files on disk (an editor's unsaved
/// buffers), keyed by absolute path.
pub type Overlay = std::collections::HashMap<PathBuf, String>;

/// Read one scenario folder: every entry once.
pub fn load_scenario(
    dir: &Path,
    root: &Path,
    focus: Option<BTreeSet<PathBuf>>,
    taxonomy: &Taxonomy,
    max_bytes: u64,
) -> Scenario {
    load_scenario_with(dir, root, focus, taxonomy, max_bytes, &Overlay::new())
}

/// The same, with in-memory texts replacing (or adding to) the folder's files.
pub fn load_scenario_with(
    dir: &Path,
    root: &Path,
    focus: Option<BTreeSet<PathBuf>>,
    taxonomy: &Taxonomy,
    max_bytes: u64,
    overlay: &Overlay,
) -> Scenario {
    // (name, path, what the listing says it is: None for a buffer held in memory)
    let mut entries: Vec<(String, PathBuf, Option<fs::FileType>)> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .filter_map(|e| {
                let kind = e.file_type().ok()?;
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    e.path(),
                    Some(kind),
                ))
            })
            .collect(),
        Err(e) => {
            let mut scenario = assemble(dir, Vec::new(), None, taxonomy);
            scenario.focus = focus;
            scenario.unlisted = true;
            scenario.files.push(SourceFile {
                path: dir.to_path_buf(),
                name: String::new(),
                content: Content::Unreadable(format!("cannot list folder: {e}")),
            });
            return scenario;
        }
    };
    // Open buffers for files not yet saved in this folder join the listing.
    if !overlay.is_empty() {
        let absolute_dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let on_disk: BTreeSet<String> = entries.iter().map(|e| e.0.clone()).collect();
        entries.extend(
            overlay
                .keys()
                .filter(|p| p.parent() == Some(absolute_dir.as_path()))
                .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), p.clone())))
                .filter(|(name, _)| !on_disk.contains(name))
                .map(|(name, path)| (name, path, None)),
        );
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files = Vec::new();
    let mut config = None;
    for (name, path, kind) in entries {
        if name.starts_with('.') || kind.is_some_and(|k| k.is_dir()) {
            continue;
        }
        let path = display_path(&path);
        if name == SCENARIO_TOML || name.ends_with(".txt") {
            // Only an editor's run has texts in memory, keyed by absolute path.
            let in_memory = if overlay.is_empty() {
                None
            } else {
                overlay.get(&std::path::absolute(&path).unwrap_or_else(|_| path.clone()))
            };
            let bytes = match in_memory {
                Some(text) => Ok(text.clone().into_bytes()),
                None => {
                    let listed_regular = kind.is_some_and(|k| k.is_file());
                    read_limited(&path, root, max_bytes, listed_regular)
                }
            };
            if name == SCENARIO_TOML {
                config = Some((path, bytes));
            } else {
                files.push(Entry::File(name, path, bytes));
            }
        } else if !name.ends_with(".md") {
            files.push(Entry::Stray(path));
        }
    }
    let mut scenario = assemble(dir, files, config, taxonomy);
    scenario.focus = focus;
    scenario
}

/// A folder entry as read from disk or handed over in memory (tests, the editor).
pub enum Entry {
    /// A `.txt` file: name, path, and its bytes or why they could not be read.
    File(String, PathBuf, Result<Vec<u8>, String>),
    /// Anything that is neither `.txt` nor scenario.toml.
    Stray(PathBuf),
}

/// Build a scenario from entries already read: classify files, parse scenario.toml.
pub fn assemble(
    dir: &Path,
    entries: Vec<Entry>,
    config: Option<(PathBuf, Result<Vec<u8>, String>)>,
    taxonomy: &Taxonomy,
) -> Scenario {
    let mut scenario = Scenario {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        baseline: None,
        variants: Vec::new(),
        stray: Vec::new(),
        config: ScenarioConfig::default(),
        config_path: None,
        config_doc: None,
        config_error: None,
        focus: None,
        unlisted: false,
    };
    for entry in entries {
        match entry {
            Entry::File(name, path, bytes) => {
                let content = match bytes {
                    Ok(bytes) => decode(bytes),
                    Err(why) => Content::Unreadable(why),
                };
                scenario.files.push(SourceFile {
                    path,
                    name,
                    content,
                });
            }
            Entry::Stray(path) => scenario.stray.push(path),
        }
    }
    if let Some((path, bytes)) = config {
        match bytes.map(String::from_utf8) {
            Ok(Ok(text)) => {
                let doc = Doc::new(text);
                match toml::from_str::<ScenarioConfig>(&doc.text) {
                    Ok(config) => scenario.config = config,
                    Err(e) => {
                        scenario.config_error = Some(ConfigProblem {
                            message: e.message().to_string(),
                            span: e.span(),
                        })
                    }
                }
                scenario.config_doc = Some(doc);
            }
            Ok(Err(_)) => {
                scenario.config_error = Some(ConfigProblem {
                    message: "not valid UTF-8".into(),
                    span: None,
                })
            }
            Err(why) => {
                scenario.config_error = Some(ConfigProblem {
                    message: why,
                    span: None,
                })
            }
        }
        scenario.config_path = Some(path);
    }
    for (index, file) in scenario.files.iter().enumerate() {
        if file.name == BASELINE {
            scenario.baseline = Some(index);
        } else if is_snake_case(file.stem()) {
            scenario.variants.push(Variant {
                file: index,
                emotion: taxonomy.resolve(file.stem()),
            });
        }
    }
    scenario
}

/// Read a regular file, refusing what could hang or flood: FIFOs and devices, files above the
/// size cap, and symlinks that lead out of the corpus.
///
/// A file the folder listing already showed as a regular file (not a link) is opened at once
/// and measured through its handle: two fewer lookups of its path, which on a corpus of
/// thousands of small texts is most of the system time.
fn read_limited(
    path: &Path,
    root: &Path,
    max_bytes: u64,
    listed_regular: bool,
) -> Result<Vec<u8>, String> {
    if listed_regular {
        let file = fs::File::open(path).map_err(|e| e.to_string())?;
        let meta = file.metadata().map_err(|e| e.to_string())?;
        return read_measured(file, &meta, max_bytes);
    }
    let link = fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if link.file_type().is_symlink() {
        let target = fs::canonicalize(path)
            .map_err(|e| format!("symlink cannot be resolved ({e}); not followed"))?;
        if !target.starts_with(root) {
            // Name the link as written, not the resolved path: it is what the user sees.
            let written = fs::read_link(path).unwrap_or(target);
            return Err(format!(
                "symlink points outside the corpus (to `{}`); not followed",
                written.display()
            ));
        }
    }
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        // Only a symlink gets here: folders themselves are skipped when listing.
        return Err("symlink to a folder, not a text; not read".into());
    }
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, socket or device); not read".into());
    }
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    read_measured(file, &meta, max_bytes)
}

/// Read an open file whose metadata is known, within the size cap.
fn read_measured(file: fs::File, meta: &fs::Metadata, max_bytes: u64) -> Result<Vec<u8>, String> {
    if !meta.is_file() {
        // Replaced by something else between the listing and the opening.
        return Err("not a regular file (a FIFO, socket or device); not read".into());
    }
    if meta.len() > max_bytes {
        return Err(format!(
            "file is {} bytes, above the {max_bytes}-byte cap ([files] max-bytes); not read",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Take one byte more than the cap, so a file that grew after the size check is caught.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "file grew above the {max_bytes}-byte cap while being read; not read"
        ));
    }
    Ok(bytes)
}

fn decode(bytes: Vec<u8>) -> Content {
    match String::from_utf8(bytes) {
        Ok(text) => Content::Text(Doc::new(text)),
        Err(e) => {
            let utf8 = e.utf8_error();
            let valid = utf8.valid_up_to();
            let bytes = e.into_bytes();
            // The prefix is valid UTF-8 by definition; count lines and columns there.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let bad_len = utf8.error_len().unwrap_or(bytes.len() - valid);
            Content::InvalidUtf8 {
                position: Position {
                    line: prefix.matches('\n').count() + 1,
                    column: prefix[line_start..].chars().count() + 1,
                    byte: valid,
                },
                bad_bytes: bytes[valid..valid + bad_len].to_vec(),
            }
        }
    }
}
