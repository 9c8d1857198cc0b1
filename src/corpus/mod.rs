//! Loading: which folders are scenarios, and each file read once into a `SourceFile`.
//! Nothing here judges the corpus; problems become `Content` states or loader notes that rules
//! turn into diagnostics, so selection and severity apply to them like to any finding.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use walkdir::WalkDir;

use crate::language::taxonomy::{Resolved, Taxonomy, is_snake_case};
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

/// Where to look, resolved from the command line before anything is read.
/// A scenario folder, its corpus root and its focus files. Paths are shared (the root by
/// every scenario under it, the folder with the corpus pass's summaries).
pub type Target = (Arc<Path>, Arc<Path>, Option<BTreeSet<PathBuf>>);

#[derive(Debug, Default)]
pub struct Targets {
    /// Scenario folders in a stable order, each with its corpus root (for the symlink check)
    /// and, for file arguments, the files to focus on.
    pub scenarios: Vec<Target>,
}

/// A PATH that cannot be checked at all (exit 2).
#[derive(Debug)]
pub struct PathError(pub String);

/// Turn PATH arguments into scenario folders. A folder that directly holds `.txt` files or a
/// scenario.toml is a scenario; other folders are searched below.
pub fn discover(paths: &[PathBuf]) -> Result<Targets, PathError> {
    let mut targets = Targets::default();
    // Canonical folder -> its index in `targets.scenarios` (a map: a corpus has thousands).
    let mut seen: crate::text::tables::FxHashMap<PathBuf, usize> = Default::default();
    // One PATH names each folder once (the walk lists each folder once and does not follow
    // links): only several PATHs can name a scenario twice, and only then is each folder
    // resolved and remembered.
    let several = paths.len() > 1;
    let mut add = |targets: &mut Targets, dir: PathBuf, root: Arc<Path>, focus: Option<PathBuf>| {
        let key = if several {
            fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone())
        } else {
            PathBuf::new()
        };
        if let Some(&i) = seen.get(&key).filter(|_| several) {
            // The same scenario named twice: a folder wins over single files.
            let entry = &mut targets.scenarios[i].2;
            match (entry.as_mut(), focus) {
                (Some(set), Some(f)) => {
                    set.insert(f);
                }
                _ => *entry = None,
            }
            return;
        }
        if several {
            seen.insert(key, targets.scenarios.len());
        }
        targets
            .scenarios
            .push((dir.into(), root, focus.map(|f| BTreeSet::from([f]))));
    };
    for raw in paths {
        let path = display_path(raw);
        let meta = fs::metadata(&path).map_err(|e| {
            PathError(if e.kind() == std::io::ErrorKind::NotFound {
                format!("path `{}` does not exist", raw.display())
            } else {
                format!("cannot read `{}`: {e}", raw.display())
            })
        })?;
        if meta.is_dir() {
            let root: Arc<Path> = fs::canonicalize(&path)
                .unwrap_or_else(|_| path.clone())
                .into();
            for dir in scenario_dirs(&path) {
                // `check .` walks `./s`: print it as `s`, like the files inside it.
                add(&mut targets, display_path(&dir), root.clone(), None);
            }
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let root = fs::canonicalize(&dir)
                .unwrap_or_else(|_| dir.clone())
                .into();
            // scenario.toml governs every text of its scenario (anchors, allow entries): a
            // change to it is a change to the whole scenario.
            let focus =
                (path.file_name() != Some(std::ffi::OsStr::new(SCENARIO_TOML))).then_some(path);
            add(&mut targets, dir, root, focus);
        }
    }
    Ok(targets)
}

/// Folders below `root` (itself included) that hold a `.txt` file or scenario.toml, in walk
/// order (sorted by name, so the output is the same on every machine).
fn scenario_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A folder that cannot be listed (permissions, a path beyond PATH_MAX) may hold
            // scenarios: keep it as a target, so the loader reports it instead of the walk
            // skipping it in silence. What vanished mid-walk, or is no folder, is passed over.
            Err(e) => {
                let vanished = e
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                if let Some(path) = e.path()
                    && !vanished
                    && !fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
                    && dirs.last().map(PathBuf::as_path) != Some(path)
                {
                    dirs.push(path.to_path_buf());
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".txt") || name == SCENARIO_TOML {
            let parent = entry.path().parent().unwrap_or(root);
            if dirs.last().map(PathBuf::as_path) != Some(parent) {
                dirs.push(parent.to_path_buf());
            }
        }
    }
    // A subfolder can interrupt a folder's files in the walk (`a.txt`, `sub/`, `z.txt`), so a
    // folder may be listed twice: keep its first place. Sorting indices costs 4 bytes a
    // folder where a set of paths would cost a copy of every path.
    let mut order: Vec<u32> = (0..dirs.len() as u32).collect();
    order.sort_by(|&a, &b| dirs[a as usize].cmp(&dirs[b as usize]).then(a.cmp(&b)));
    let mut keep = vec![true; dirs.len()];
    for pair in order.windows(2) {
        if dirs[pair[0] as usize] == dirs[pair[1] as usize] {
            keep[pair[1] as usize] = false;
        }
    }
    let mut keep = keep.into_iter();
    dirs.retain(|_| keep.next().unwrap_or(true));
    dirs
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// The path as a user would type it: relative to the working directory when below it, and
/// without `./` segments.
pub fn display_path(path: &Path) -> PathBuf {
    // Asked for every file of a run: the working directory is read once (pairlint never
    // changes it).
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let path = if path.is_absolute() {
        match CWD.get_or_init(|| std::env::current_dir().ok()) {
            Some(cwd) => path
                .strip_prefix(cwd)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.to_path_buf()),
            None => path.to_path_buf(),
        }
    } else {
        path.to_path_buf()
    };
    // Already clean (no `.` segment, no empty segment from `//` or a trailing `/`): as is.
    let bytes = path.as_os_str().as_encoded_bytes();
    let body = bytes.strip_prefix(b"/").unwrap_or(bytes);
    if !body.is_empty()
        && body
            .split(|&b| b == b'/')
            .all(|seg| !seg.is_empty() && seg != b".")
    {
        return path;
    }
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

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
    // (name, path, is a folder)
    let mut entries: Vec<(String, PathBuf, bool)> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .filter_map(|e| {
                let is_dir = e.file_type().ok()?.is_dir();
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    e.path(),
                    is_dir,
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
                .map(|(name, path)| (name, path, false)),
        );
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files = Vec::new();
    let mut config = None;
    for (name, path, is_dir) in entries {
        if name.starts_with('.') || is_dir {
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
                None => read_limited(&path, root, max_bytes),
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
fn read_limited(path: &Path, root: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
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
    if meta.len() > max_bytes {
        return Err(format!(
            "file is {} bytes, above the {max_bytes}-byte cap ([files] max-bytes); not read",
            meta.len()
        ));
    }
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_whose_files_a_subfolder_interrupts_is_one_scenario() {
        let root = tempfile::tempdir().unwrap();
        let a = root.path().join("a");
        fs::create_dir_all(a.join("m_sub")).unwrap();
        for (path, text) in [
            ("a/baseline.txt", "One.\n"),
            ("a/m_sub/baseline.txt", "Two.\n"),
            ("a/z.txt", "Three.\n"),
        ] {
            fs::write(root.path().join(path), text).unwrap();
        }
        let found = |paths: &[PathBuf]| -> Vec<PathBuf> {
            discover(paths)
                .unwrap()
                .scenarios
                .iter()
                .map(|(dir, _, _)| dir.strip_prefix(root.path()).unwrap().to_path_buf())
                .collect()
        };
        let expected = [PathBuf::from("a"), PathBuf::from("a/m_sub")];
        assert_eq!(found(&[root.path().to_path_buf()]), expected);
        // Named twice, by the folder and by the corpus: still one scenario each.
        assert_eq!(found(&[root.path().to_path_buf(), a.clone()]), expected);
    }
}
