//! `--fix` and `--diff`: they change only mechanical bytes, write nothing when previewing, and
//! an interrupted fix (aborted between writes, or killed at a random moment) leaves every file
//! either wholly old or wholly new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pairlint"))
}

/// A corpus of `scenarios` scenarios whose variants all need fixing; returns, per file, its
/// original text and the text a completed fix must produce.
fn dirty_corpus(root: &Path, scenarios: usize) -> BTreeMap<PathBuf, (String, String)> {
    let mut files = BTreeMap::new();
    for s in 0..scenarios {
        let dir = root.join(format!("s{s:04}"));
        std::fs::create_dir_all(&dir).unwrap();
        let base = format!("Ines found letter {s} in the drawer.\nShe read it and put it back.\n");
        std::fs::write(dir.join("baseline.txt"), &base).unwrap();
        files.insert(dir.join("baseline.txt"), (base.clone(), base));
        for emotion in ["calm", "curious", "wistful"] {
            let old = format!(
                "\u{FEFF}Ines found letter {s} in the drawer.  \r\nShe read it\u{200B} and put it back.\t\r\n"
            );
            let new =
                format!("Ines found letter {s} in the drawer.\nShe read it and put it back.\n");
            let path = dir.join(format!("{emotion}.txt"));
            std::fs::write(&path, &old).unwrap();
            files.insert(path, (old, new));
        }
    }
    files
}

fn assert_each_file_old_or_new(files: &BTreeMap<PathBuf, (String, String)>) -> (usize, usize) {
    let (mut old_count, mut new_count) = (0, 0);
    for (path, (old, new)) in files {
        let now = std::fs::read_to_string(path).unwrap();
        if now == *old {
            old_count += 1;
        } else if now == *new {
            new_count += 1;
        } else {
            panic!(
                "{} is neither the old nor the new text: {now:?}",
                path.display()
            );
        }
    }
    (old_count, new_count)
}

#[test]
fn fix_changes_only_mechanical_bytes_and_reports_what_remains() {
    let tmp = tempfile::tempdir().unwrap();
    let files = dirty_corpus(tmp.path(), 3);
    let out = bin()
        .current_dir(tmp.path())
        .args(["check", ".", "--fix", "--format", "concise"])
        .output()
        .unwrap();
    let (old, new) = assert_each_file_old_or_new(&files);
    assert_eq!(
        (old, new),
        (3, 9),
        "every variant fixed, baselines untouched"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("fixed 9 files"), "{stderr}");
    assert!(
        stderr.contains("s0000/calm.txt (bom, crlf, control-char, trailing-whitespace)"),
        "{stderr}"
    );
    // The mechanical findings are gone; what remains (the generated variants are copies of
    // each other, which near-duplicate reports) is still reported.
    for fixed in ["[bom]", "[crlf]", "[control-char]", "[trailing-whitespace]"] {
        assert!(!stdout.contains(fixed), "{fixed} remains:\n{stdout}");
    }
    assert!(stdout.contains("[near-duplicate]"), "{stdout}");
    assert!(stdout.contains("pairlint: 0 errors"), "{stdout}");
    assert_eq!(out.status.code(), Some(0));
    // Nothing left behind.
    for entry in walk(tmp.path()) {
        assert!(
            !entry.to_string_lossy().contains("pairlint-"),
            "{}",
            entry.display()
        );
    }
}

#[test]
fn diff_previews_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let files = dirty_corpus(tmp.path(), 1);
    let out = bin()
        .current_dir(tmp.path())
        .args(["check", ".", "--diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "changes would be made");
    assert_eq!(
        assert_each_file_old_or_new(&files),
        (4, 0),
        "nothing written"
    );
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("--- s0000/calm.txt\n+++ s0000/calm.txt\n@@ -1,2 +1,2 @@\n"),
        "{diff}"
    );
    assert!(
        diff.contains("+Ines found letter 0 in the drawer.\n"),
        "{diff}"
    );
}

#[test]
fn fix_respects_rule_selection() {
    let tmp = tempfile::tempdir().unwrap();
    let files = dirty_corpus(tmp.path(), 1);
    bin()
        .current_dir(tmp.path())
        .args(["check", ".", "--fix", "--select", "crlf"])
        .output()
        .unwrap();
    let calm = &tmp.path().join("s0000/calm.txt");
    let now = std::fs::read_to_string(calm).unwrap();
    assert_eq!(
        now,
        files[calm].0.replace("\r\n", "\n"),
        "only CRLF was fixed"
    );
}

#[test]
fn an_abort_between_write_and_rename_leaves_files_old_or_new() {
    for abort_after in [0, 1, 5, 11] {
        let tmp = tempfile::tempdir().unwrap();
        let files = dirty_corpus(tmp.path(), 4);
        let status = bin()
            .current_dir(tmp.path())
            .args(["check", ".", "--fix"])
            .env("PAIRLINT_FIX_ABORT_AFTER", abort_after.to_string())
            .output()
            .unwrap()
            .status;
        assert!(!status.success(), "the run was aborted");
        let (_, new) = assert_each_file_old_or_new(&files);
        assert_eq!(
            new, abort_after,
            "files before the abort point are wholly new"
        );
        // The temporary file is hidden, so a later check neither reads nor reports it.
        let later = bin()
            .current_dir(tmp.path())
            .args([
                "check",
                ".",
                "--format",
                "concise",
                "--select",
                "bad-file-name",
            ])
            .output()
            .unwrap();
        assert!(
            String::from_utf8(later.stdout)
                .unwrap()
                .contains("0 errors, 0 warnings")
        );
    }
}

#[test]
fn a_kill_at_a_random_moment_leaves_files_old_or_new() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut interrupted = 0;
    for _ in 0..8 {
        let tmp = tempfile::tempdir().unwrap();
        let files = dirty_corpus(tmp.path(), 150);
        let mut child = bin()
            .current_dir(tmp.path())
            .args(["check", ".", "--fix", "--format", "concise"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 60));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let status = child.wait().unwrap();
        if !status.success() {
            interrupted += 1;
        }
        assert_each_file_old_or_new(&files);
    }
    assert!(interrupted > 0, "at least one run was killed mid-way");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
