//! Which folders are scenarios: the PATHs of a run walked (sorted, hidden entries and symlinked
//! folders skipped) into the scenario folders to check, each with its corpus root and, for file
//! arguments, the files asked about.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use super::SCENARIO_TOML;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
