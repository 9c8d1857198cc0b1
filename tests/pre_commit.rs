//! The pre-commit hook, run the way users run it: the real `pre-commit` (from PyPI, installed by
//! .ci/run; see `PAIRLINT_PRE_COMMIT`) builds pairlint from a git repository holding this tree's
//! `.pre-commit-hooks.yaml`, installs itself in a throwaway repository, and guards its commits.

mod common;
use common::copy_tree;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const BASELINE: &str = "Ines found the letter from Daniel in the desk drawer at 9:15.\n\
She read it once, folded it along its creases and put it back.\n";
const CALM: &str = "Ines found the letter from Daniel in the desk drawer at 9:15.\n\
She read it slowly, folded it along its old creases and set it back.\n";
const CURIOUS: &str = "Ines found the letter from Daniel in the desk drawer at 9:15.\n\
She read it twice, held it to the lamp, then folded it and put it back.\n";
const WISTFUL: &str = "At 9:15 Ines found the letter from Daniel in the desk drawer.\n\
She read it once, traced its creases, and put it back where it had been.\n";

fn git(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args([
            "-c",
            "user.name=pairlint test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        // Fixed dates give the hook repository the same commit, so pre-commit's build cache
        // is reused between runs of this test.
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
    // `git commit` runs the installed hook, which runs pre-commit with this environment.
    cmd.env("PRE_COMMIT_HOME", pre_commit_home());
    // .ci/run's release build of the wheel: cargo (rust hook) and maturin (python hook) reuse
    // its compiled dependencies instead of building them again.
    if let Some(target) = std::env::var_os("PAIRLINT_RELEASE_TARGET_DIR") {
        cmd.env("CARGO_TARGET_DIR", target);
    }
    cmd.output().expect("git runs")
}

fn pre_commit_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-home")
}

fn ok(out: Output, what: &str) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// The hook repository: what pre-commit needs to build pairlint (with cargo for `pairlint`,
/// with pip and maturin for `pairlint-python`), committed with fixed dates so that the same tree
/// is the same commit. It is kept under CARGO_TARGET_TMPDIR at a path named by that commit, so
/// pre-commit's environments (PRE_COMMIT_HOME, kept there too) are reused while the sources do
/// not change, and test processes running at once (nextest) share it without racing.
fn hook_repo() -> &'static (PathBuf, String) {
    static REPO: OnceLock<(PathBuf, String)> = OnceLock::new();
    REPO.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let staging = tempfile::Builder::new()
            .prefix("staging-hooks-")
            .tempdir_in(tmp)
            .unwrap();
        let hooks = staging.path();
        for file in [
            "Cargo.toml",
            "Cargo.lock",
            "pyproject.toml",
            "README.md",
            ".pre-commit-hooks.yaml",
        ] {
            std::fs::copy(root.join(file), hooks.join(file)).unwrap();
        }
        for dir in ["build", "src", "rules", "examples", "benches"] {
            copy_tree(&root.join(dir), &hooks.join(dir));
        }
        ok(git(hooks, &["init", "-q"]), "git init");
        ok(git(hooks, &["add", "-A"]), "git add");
        ok(
            git(hooks, &["commit", "-q", "-m", "pairlint"]),
            "git commit",
        );
        let rev = String::from_utf8(git(hooks, &["rev-parse", "HEAD"]).stdout).unwrap();
        let rev = rev.trim().to_string();
        let dest = tmp.join(format!("pairlint-hooks-{rev}"));
        if !dest.join(".git").exists() {
            // Another process may win the rename; its copy is the same commit.
            let _ = std::fs::rename(staging.keep(), &dest);
        }
        assert!(dest.join(".git").exists());
        (dest, rev)
    })
}

fn pre_commit_or_skip() -> Option<OsString> {
    let Some(pre_commit) = std::env::var_os("PAIRLINT_PRE_COMMIT") else {
        assert!(
            std::env::var_os("PAIRLINT_REQUIRE_CONSUMERS").is_none(),
            "CI must provide pre-commit (see .ci/run)"
        );
        eprintln!("skipped: set PAIRLINT_PRE_COMMIT to a pre-commit executable to run it");
        return None;
    };
    Some(pre_commit)
}

#[test]
fn hook_blocks_a_bad_commit_and_lets_a_good_one_through() {
    let Some(pre_commit) = pre_commit_or_skip() else {
        return;
    };
    guards_commits(
        &pre_commit,
        "pairlint",
        "pairlint (paired emotion scenarios)",
    );
}

/// The `language: python` hook: pre-commit pip-installs this repository (pyproject.toml, built by
/// maturin) into a virtual environment of its own and runs the `pairlint` it put there.
#[test]
fn python_hook_blocks_a_bad_commit_and_lets_a_good_one_through() {
    let Some(pre_commit) = pre_commit_or_skip() else {
        return;
    };
    let home = guards_commits(
        &pre_commit,
        "pairlint-python",
        "pairlint (paired emotion scenarios, installed with pip)",
    );
    // The hook ran from a Python environment that pip built, holding pairlint's dist-info and
    // its binary.
    let envs: Vec<PathBuf> = std::fs::read_dir(&home)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            std::fs::read_dir(&path).ok().map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("py_env-"))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .flatten()
        .collect();
    assert!(
        envs.iter().any(|env| env.join("bin/pairlint").is_file()
            && std::fs::read_dir(env.join("lib"))
                .unwrap()
                .filter_map(|e| e.ok())
                .any(|py| {
                    std::fs::read_dir(py.path().join("site-packages"))
                        .map(|d| {
                            d.filter_map(|e| e.ok()).any(|e| {
                                let name = e.file_name().to_string_lossy().into_owned();
                                name.starts_with("pairlint-") && name.ends_with(".dist-info")
                            })
                        })
                        .unwrap_or(false)
                })),
        "no pip-built pairlint environment in {}: {envs:?}",
        home.display()
    );
}

/// A corpus repository guarded by the hook `id`: a good commit goes through, a bad one is
/// refused with the finding named, and a changed baseline reports its variants. Returns the
/// PRE_COMMIT_HOME used.
fn guards_commits(pre_commit: &OsStr, id: &str, name: &str) -> PathBuf {
    let (hooks, rev) = hook_repo();
    let tmp = tempfile::tempdir().unwrap();

    // The user's corpus repository.
    let repo = tmp.path().join("corpus");
    let scenario = repo.join("paired/letter");
    std::fs::create_dir_all(&scenario).unwrap();
    ok(git(&repo, &["init", "-q"]), "git init");
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {id}\n",
            hooks.display(),
        ),
    )
    .unwrap();
    for (name, text) in [
        ("baseline.txt", BASELINE),
        ("calm.txt", CALM),
        ("curious.txt", CURIOUS),
        ("wistful.txt", WISTFUL),
    ] {
        std::fs::write(scenario.join(name), text).unwrap();
    }
    // Not a corpus text: outside `paired/`, the hook's `files` pattern leaves it alone.
    std::fs::write(repo.join("requirements.txt"), "numpy\n").unwrap();
    let home = pre_commit_home();
    let pre = |args: &[&str]| {
        Command::new(pre_commit)
            .current_dir(&repo)
            .args(args)
            .env("PRE_COMMIT_HOME", &home)
            .output()
            .expect("pre-commit runs")
    };
    ok(pre(&["install"]), "pre-commit install");

    // A good commit goes through; the hook really ran (and built pairlint) on the texts.
    ok(git(&repo, &["add", "-A"]), "git add");
    let good = ok(
        git(&repo, &["commit", "-m", "good texts"]),
        "the good commit",
    );
    assert!(good.contains(name) && good.contains("Passed"), "{good}");

    // A label in one variant: the commit is refused and the finding named.
    std::fs::write(
        scenario.join("calm.txt"),
        CALM.replace("She read", "She felt furious and read"),
    )
    .unwrap();
    ok(git(&repo, &["add", "-A"]), "git add");
    let bad = git(&repo, &["commit", "-m", "a label"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&bad.stdout),
        String::from_utf8_lossy(&bad.stderr)
    );
    assert!(
        !bad.status.success(),
        "the bad commit must be refused:\n{text}"
    );
    assert!(
        text.contains("paired/letter/calm.txt:2:5: error: explicit emotion label `felt furious`"),
        "{text}"
    );
    let head = String::from_utf8(git(&repo, &["log", "--oneline"]).stdout).unwrap();
    assert_eq!(head.lines().count(), 1, "only the good commit landed");

    // Only the baseline changes: its variants are loaded and the cross-file finding on them
    // (now far longer than the baseline) is reported.
    ok(git(&repo, &["checkout", "--", "."]), "git checkout");
    std::fs::write(scenario.join("calm.txt"), CALM).unwrap();
    ok(git(&repo, &["reset", "-q"]), "git reset");
    std::fs::write(
        scenario.join("baseline.txt"),
        "Ines found the letter from Daniel at 9:15.\n",
    )
    .unwrap();
    ok(
        git(&repo, &["add", "paired/letter/baseline.txt"]),
        "git add",
    );
    let cross = git(&repo, &["commit", "-m", "short baseline"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&cross.stdout),
        String::from_utf8_lossy(&cross.stderr)
    );
    assert!(!cross.status.success(), "{text}");
    assert!(
        text.contains("paired/letter/calm.txt:1:1: error: 27 words; baseline has 9"),
        "{text}"
    );
    home
}
