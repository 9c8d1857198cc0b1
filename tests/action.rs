//! The GitHub Action (action.yml at the repository root): its metadata checked against the
//! action metadata schema's required keys, and its steps run the way the runner runs them by
//! tests/action_runner.py (PyYAML; the Python is `PAIRLINT_PYTHON`, set by .ci/run) against a
//! scratch repository. The install step really runs `cargo install --path` on this tree; with
//! `PAIRLINT_RELEASE_TARGET_DIR` (the wheel's release build in .ci/run) it reuses that build.

mod common;
use common::copy_tree;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> Option<PathBuf> {
    let Some(python) = std::env::var_os("PAIRLINT_PYTHON") else {
        assert!(
            std::env::var_os("PAIRLINT_REQUIRE_CONSUMERS").is_none(),
            "CI must provide a Python with PyYAML (see .ci/run)"
        );
        eprintln!("skipped: set PAIRLINT_PYTHON to a Python that has PyYAML to run the action");
        return None;
    };
    Some(PathBuf::from(python))
}

fn check_metadata(python: &Path, action: &Path) -> (bool, String) {
    let out = Command::new(python)
        .arg(root().join("tests/action_runner.py"))
        .arg("check")
        .arg(action)
        .output()
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn action_metadata_has_the_schema_required_keys() {
    let Some(python) = python() else { return };
    let action = root().join("action.yml");
    let (ok, text) = check_metadata(&python, &action);
    assert!(ok && text.is_empty(), "action.yml: {text}");

    // The checker is not blind: each broken copy is refused for its own reason.
    let yml = std::fs::read_to_string(&action).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            yml.replacen("  using: composite", "  using: node20", 1),
            "expected `composite`",
        ),
        (
            yml.replacen("      shell: bash\n", "", 1),
            "has `run` but no `shell`",
        ),
        (
            yml.replacen("    description: The lowest severity", "    x: ", 1),
            "input `fail-on` has no description",
        ),
        (
            yml.replacen("description: Lint paired", "descr: Lint paired", 1),
            "missing required key `description`",
        ),
        (
            yml.replacen("inputs.fail-on }}", "inputs.fail_on }}", 1),
            "undeclared input `fail_on`",
        ),
    ];
    for (broken, reason) in cases {
        assert_ne!(broken, yml, "the mutation for {reason:?} changed nothing");
        let path = tmp.path().join("action.yml");
        std::fs::write(&path, broken).unwrap();
        let (ok, text) = check_metadata(&python, &path);
        assert!(!ok && text.contains(reason), "{reason}: got {text}");
    }
}

/// A scratch corpus repository: the CLI tests' corpus with errors (`paired/`) and one with only
/// a warning (`warnings/`).
fn scratch_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("tests/cmd/corpus");
    copy_tree(&corpus.join("paired"), &dir.path().join("paired"));
    copy_tree(&corpus.join("warnings"), &dir.path().join("warnings"));
    let git = Command::new("git")
        .current_dir(dir.path())
        .args(["init", "-q"])
        .status()
        .unwrap();
    assert!(git.success());
    dir
}

/// Runs the action in `workspace` with these inputs; returns the runner's report.
fn run_action(python: &Path, workspace: &Path, inputs: &[(&str, &str)]) -> Value {
    let report = tempfile::NamedTempFile::new().unwrap();
    let target = std::env::var_os("PAIRLINT_RELEASE_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("action-target"));
    let mut cmd = Command::new(python);
    cmd.arg(root().join("tests/action_runner.py"))
        .arg("run")
        .arg(root().join("action.yml"))
        .arg("--workspace")
        .arg(workspace)
        .arg("--report")
        .arg(report.path())
        .env("CARGO_TARGET_DIR", target)
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in inputs {
        cmd.arg("--input").arg(format!("{k}={v}"));
    }
    let out = cmd.output().expect("python runs");
    assert!(
        out.status.success(),
        "the runner failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(report.path()).unwrap()).unwrap()
}

fn step<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name} in {report:#}"))
}

/// What the test build of pairlint reports on the same paths, as JSON.
fn expected(workspace: &Path, paths: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .current_dir(workspace)
        .args(["check", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn action_annotates_summarises_and_fails_on_errors() {
    let Some(python) = python() else { return };
    let repo = scratch_repo();
    let ws = repo.path();
    let report = run_action(&python, ws, &[]);

    // The install step built pairlint into the runner's temp dir and put it on PATH (through
    // GITHUB_PATH) for the steps after it.
    assert_eq!(step(&report, "Install pairlint")["exit_code"], 0);
    let installed = Path::new(report["runner_temp"].as_str().unwrap()).join("pairlint/bin");
    assert!(installed.join("pairlint").is_file(), "{report:#}");
    assert!(
        step(&report, "pairlint check")["path"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{}:", installed.display())),
        "{report:#}"
    );
    let check = step(&report, "pairlint check");
    assert_eq!(check["exit_code"], 0, "the check step keeps the exit code");
    let diagnostics = expected(ws, &["paired"]);
    assert!(diagnostics.iter().any(|d| d["severity"] == "error"));
    let annotations: Vec<&str> = check["stdout"]
        .as_str()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
        .collect();
    assert_eq!(annotations.len(), diagnostics.len(), "{annotations:#?}");
    for (line, d) in annotations.iter().zip(&diagnostics) {
        let level = d["severity"].as_str().unwrap();
        let file = d["path"].as_str().unwrap();
        assert!(
            line.starts_with(&format!("::{level} file={file}")),
            "{line} for {d}"
        );
        assert!(
            ws.join(file).exists(),
            "annotation paths are workspace-relative"
        );
    }

    // The job summary has the table, one row per finding.
    let summary = report["summary"].as_str().unwrap();
    assert!(summary.starts_with("## pairlint\n"), "{summary}");
    let rows = summary
        .lines()
        .filter(|l| l.starts_with("| error") || l.starts_with("| warning"))
        .count();
    assert_eq!(rows, diagnostics.len(), "{summary}");

    // fail-on is error and there are errors: the action fails, in its last step, and the
    // SARIF steps (off by default) never ran.
    assert_eq!(report["conclusion"], "failure");
    assert_eq!(report["outputs"]["exit-code"], "1");
    assert_eq!(step(&report, "Result")["exit_code"], 1);
    assert_eq!(step(&report, "pairlint SARIF")["ran"], false);
    assert!(step(&report, "Upload SARIF to code scanning")["with"].is_null());
    assert_eq!(report["outputs"]["sarif-file"], "");
}

#[test]
fn action_exit_follows_fail_on() {
    let Some(python) = python() else { return };
    let repo = scratch_repo();
    let ws = repo.path();
    assert!(
        expected(ws, &["warnings"])
            .iter()
            .all(|d| d["severity"] == "warning")
    );
    for (fail_on, code, conclusion) in [
        ("error", "0", "success"),
        ("warning", "1", "failure"),
        ("info", "1", "failure"),
        // Not a severity: pairlint refuses to run (exit 2) and the action fails.
        ("fatal", "2", "failure"),
    ] {
        let report = run_action(&python, ws, &[("paths", "warnings"), ("fail-on", fail_on)]);
        assert_eq!(report["outputs"]["exit-code"], code, "fail-on {fail_on}");
        assert_eq!(report["conclusion"], conclusion, "fail-on {fail_on}");
        let out = step(&report, "pairlint check")["stdout"].as_str().unwrap();
        assert_eq!(
            out.lines().filter(|l| l.starts_with("::warning ")).count(),
            if code == "2" { 0 } else { 1 },
            "{out}"
        );
    }

    // Several paths, and extra arguments passed through.
    let report = run_action(
        &python,
        ws,
        &[
            ("paths", "warnings\n paired"),
            ("args", "--select new-entity"),
            ("fail-on", "warning"),
        ],
    );
    let out = step(&report, "pairlint check")["stdout"].as_str().unwrap();
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(
        annotations.len(),
        expected(ws, &["warnings", "paired", "--select", "new-entity"]).len()
    );
    assert!(annotations.len() >= 2, "{out}");
    assert!(annotations.iter().all(|l| l.contains("(new-entity)")));
    assert_eq!(report["outputs"]["exit-code"], "1");
}

#[test]
fn action_writes_sarif_and_hands_it_to_the_upload() {
    let Some(python) = python() else { return };
    let repo = scratch_repo();
    let ws = repo.path();
    let report = run_action(&python, ws, &[("sarif", "true")]);
    let file = report["outputs"]["sarif-file"].as_str().unwrap();
    assert!(!file.is_empty(), "{report:#}");
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "pairlint");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        expected(ws, &["paired"]).len()
    );
    let upload = step(&report, "Upload SARIF to code scanning");
    assert_eq!(
        upload["uses"].as_str().unwrap().split('@').next(),
        Some("github/codeql-action/upload-sarif")
    );
    assert_eq!(upload["with"]["sarif_file"], file);
    // Findings still fail the action after the upload.
    assert_eq!(report["conclusion"], "failure");
    assert_eq!(step(&report, "Result")["exit_code"], 1);
}
