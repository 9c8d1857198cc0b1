//! `--fix` and `--diff` for the mechanical rules (bom, crlf, trailing-whitespace,
//! control-char). They change bytes no reader sees and never touch the prose. Writes are
//! atomic: a temporary file in the same folder, flushed and synced, then renamed over the
//! original with its permissions, so an interrupted run leaves each file wholly old or new.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::output_error;
use crate::corpus;
use crate::engine;
use crate::engine::config::ConfigError;
use crate::rules;

/// The result of fixing one text: the new text and which rules changed it.
#[derive(Debug, PartialEq)]
pub struct Fixed {
    pub text: String,
    pub rules: Vec<&'static str>,
}

/// Apply every enabled mechanical fix to `text`; `None` when nothing changes.
pub fn fix_text(text: &str, enabled: &dyn Fn(&str) -> bool) -> Option<Fixed> {
    let mut out = text.to_string();
    let mut applied = Vec::new();
    let mut step = |name: &'static str, f: &dyn Fn(&str) -> String, out: &mut String| {
        if enabled(name) {
            let next = f(out);
            if next != *out {
                applied.push(name);
                *out = next;
            }
        }
    };
    step(
        rules::file::bom::META.name,
        &|t| t.strip_prefix('\u{FEFF}').unwrap_or(t).to_string(),
        &mut out,
    );
    step(
        rules::file::crlf::META.name,
        &|t| t.replace("\r\n", "\n"),
        &mut out,
    );
    step(
        rules::file::control_char::META.name,
        &strip_controls,
        &mut out,
    );
    step(
        rules::file::trailing_whitespace::META.name,
        &strip_trailing_whitespace,
        &mut out,
    );
    (!applied.is_empty()).then_some(Fixed {
        text: out,
        rules: applied,
    })
}

/// Delete invisible characters; a lone carriage return becomes a line feed so the words it
/// separated stay apart.
fn strip_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if rules::file::control_char::is_unwanted(c, next, first) {
            if c == '\r' {
                out.push('\n');
            }
        } else {
            out.push(c);
        }
        first = false;
    }
    out
}

fn strip_trailing_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (content, ending) = match line.strip_suffix("\r\n") {
            Some(c) => (c, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(c) => (c, "\n"),
                None => (line, ""),
            },
        };
        out.push_str(content.trim_end_matches(|c: char| c.is_whitespace()));
        out.push_str(ending);
    }
    out
}

/// Replace `path`'s contents atomically, keeping its permissions.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Hidden, so the loader never mistakes a leftover for a text.
    let tmp = dir.join(format!(".{name}.pairlint-{}.tmp", std::process::id()));
    let permissions = fs::metadata(path)?.permissions();
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::set_permissions(&tmp, permissions)?;
        fault_point();
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Test hook: `PAIRLINT_FIX_ABORT_AFTER=N` aborts the process between writing the N+1-th
/// temporary file and renaming it, the worst moment for an interruption.
fn fault_point() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    if let Some(n) = std::env::var("PAIRLINT_FIX_ABORT_AFTER")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        && WRITES.fetch_add(1, Ordering::SeqCst) >= n
    {
        std::process::abort();
    }
}

/// A unified diff of `old` -> `new` (three lines of context), as `diff -u` prints it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // Longest common subsequence table; texts are small.
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // Edit script: (tag, old index, new index).
    let mut ops: Vec<(char, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', i, j));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', i, j));
            i += 1;
        } else {
            ops.push(('+', i, j));
            j += 1;
        }
    }
    let show = |line: &str| {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let mut s = body.replace('\r', "\\r");
        if !line.ends_with('\n') {
            s.push_str("\n\\ No newline at end of file");
        }
        s
    };
    let mut out = format!("--- {path}\n+++ {path}\n");
    let changes: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut k = 0;
    while k < changes.len() {
        let start = changes[k].saturating_sub(3);
        let mut end = changes[k];
        while k < changes.len() && changes[k] <= end + 6 {
            end = changes[k];
            k += 1;
        }
        let end = (end + 4).min(ops.len());
        let hunk = &ops[start..end];
        let old_len = hunk.iter().filter(|o| o.0 != '+').count();
        let new_len = hunk.iter().filter(|o| o.0 != '-').count();
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            hunk[0].1 + 1,
            hunk[0].2 + 1
        ));
        for (tag, oi, nj) in hunk {
            let line = if *tag == '+' { b[*nj] } else { a[*oi] };
            out.push_str(&format!("{tag}{}\n", show(line)));
        }
    }
    out
}

/// Fix (or, with `preview`, print the diff of) every text the mechanical fixes change.
/// Returns how many files change. With file arguments only those files are touched.
pub fn apply(
    targets: &corpus::Targets,
    profiles: &[engine::Profile],
    profile_of: &[usize],
    preview: bool,
    out: &mut dyn Write,
) -> Result<usize, ConfigError> {
    let mut files = 0;
    for ((dir, root, focus), &p) in targets.scenarios.iter().zip(profile_of) {
        let profile = &profiles[p];
        let scenario = corpus::load_scenario(
            dir,
            root,
            focus.clone(),
            &profile.taxonomy,
            profile.settings.max_file_bytes,
        );
        for file in &scenario.files {
            let Some(doc) = file.doc() else { continue };
            if focus.as_ref().is_some_and(|f| !f.contains(&file.path)) {
                continue;
            }
            let enabled = |rule: &str| profile.rule_set.is_enabled(rule);
            let Some(fixed) = crate::commands::fix::fix_text(&doc.text, &enabled) else {
                continue;
            };
            files += 1;
            let path = crate::diagnostic::path_str(&file.path);
            if preview {
                write!(
                    out,
                    "{}",
                    crate::commands::fix::unified_diff(&path, &doc.text, &fixed.text)
                )
                .map_err(output_error)?;
            } else {
                crate::commands::fix::write_atomic(&file.path, &fixed.text)
                    .map_err(|e| ConfigError(format!("cannot fix `{path}`: {e}")))?;
                eprintln!("pairlint: fixed {path} ({})", fixed.rules.join(", "));
            }
        }
    }
    let noun = if files == 1 { "file" } else { "files" };
    if preview {
        eprintln!("pairlint: {files} {noun} would be fixed");
    } else {
        eprintln!("pairlint: fixed {files} {noun}; what remains follows");
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: &str) -> bool {
        true
    }

    #[test]
    fn fixes_bytes_and_leaves_prose_alone() {
        let text = "\u{FEFF}One  \r\nTwo\u{200B}words.\t\r\nThree\rfour.\n";
        let fixed = fix_text(text, &all).unwrap();
        assert_eq!(fixed.text, "One\nTwowords.\nThree\nfour.\n");
        assert_eq!(
            fixed.rules,
            ["bom", "crlf", "control-char", "trailing-whitespace"]
        );
        assert_eq!(fix_text("Clean text.\n", &all), None);
    }

    #[test]
    fn only_enabled_rules_fix() {
        let fixed = fix_text("a \r\n", &|r| r == "crlf").unwrap();
        assert_eq!(fixed.text, "a \n");
        assert_eq!(fixed.rules, ["crlf"]);
    }

    #[test]
    fn atomic_write_keeps_permissions_and_leaves_no_temp_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calm.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let d = unified_diff("s/calm.txt", "a\nb \nc\n", "a\nb\nc\n");
        assert_eq!(
            d,
            "--- s/calm.txt\n+++ s/calm.txt\n@@ -1,3 +1,3 @@\n a\n-b \n+b\n c\n"
        );
    }
}
