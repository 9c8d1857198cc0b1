//! The CI-facing formats, checked the way their consumers read them: GitHub annotations are
//! parsed with the runner's workflow-command rules, SARIF with Microsoft's SARIF validator in
//! its GitHub-ingestion mode (installed by .ci/run; see `PAIRLINT_SARIF_MULTITOOL`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const CORPUS: &str = "tests/cmd/corpus";

fn pairlint(dir: &Path, args: &[&str], envs: &[(&str, &Path)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pairlint"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("pairlint runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 output"),
    )
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS)
}

/// The runner's `ActionCommand.TryParseV2`: `::name k=v,k=v::data`, unescaping `%25`, `%0D`,
/// `%0A` in data and additionally `%3A`, `%2C` in property values.
fn parse_workflow_command(line: &str) -> Option<(String, BTreeMap<String, String>, String)> {
    let rest = line.strip_prefix("::")?;
    let end = rest.find("::")?;
    let (head, data) = (&rest[..end], &rest[end + 2..]);
    let (name, props) = match head.split_once(' ') {
        Some((n, p)) => (n, p),
        None => (head, ""),
    };
    let unescape_data = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%")
    };
    let unescape_prop = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let mut map = BTreeMap::new();
    for pair in props.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=')?;
        map.insert(k.to_ascii_lowercase(), unescape_prop(v));
    }
    Some((name.to_string(), map, unescape_data(data)))
}

#[test]
fn github_annotations_parse_with_the_runner_rules_and_match_json() {
    let dir = corpus();
    let summary = tempfile::NamedTempFile::new().unwrap();
    let (code, out) = pairlint(
        &dir,
        &["check", "paired", "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", summary.path())],
    );
    assert_eq!(code, 1);
    let (_, json) = pairlint(&dir, &["check", "paired", "--format", "json"], &[]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let expected = json["diagnostics"].as_array().unwrap();
    let commands: Vec<_> = out.lines().filter_map(parse_workflow_command).collect();
    assert_eq!(commands.len(), expected.len(), "one annotation per finding");
    for ((name, props, data), d) in commands.iter().zip(expected) {
        let level = match d["severity"].as_str().unwrap() {
            "info" => "notice",
            other => other,
        };
        assert_eq!(name, level);
        assert_eq!(props["file"], d["path"].as_str().unwrap());
        assert!(
            dir.join(&props["file"]).exists(),
            "{} exists",
            props["file"]
        );
        if d["line"].is_null() {
            // A finding about a whole file: no position properties at all.
            assert!(!props.contains_key("line") && !props.contains_key("col"));
        } else {
            assert_eq!(props["line"], d["line"].to_string());
            assert_eq!(props["col"], d["column"].to_string());
            assert_eq!(props["endline"], d["end_line"].to_string());
            assert_eq!(props["endcolumn"], d["end_column"].to_string());
        }
        assert_eq!(
            props["title"],
            format!("pairlint ({})", d["rule"].as_str().unwrap())
        );
        let message = format!(
            "{}\nhelp: {}",
            d["message"].as_str().unwrap(),
            d["help"].as_str().unwrap()
        );
        assert_eq!(data, &message, "message and help survive escaping");
    }
    // "108%" must have been escaped as %25 and come back intact.
    assert!(commands.iter().any(|(_, _, d)| d.contains("+108%")));
    let table = std::fs::read_to_string(summary.path()).unwrap();
    assert!(table.starts_with("## pairlint\n"));
    assert_eq!(
        table
            .lines()
            .filter(|l| l.starts_with("| error") || l.starts_with("| warning"))
            .count(),
        expected.len(),
        "the step summary lists every finding"
    );
}

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let mut full = vec!["check", "--format", "sarif"];
    full.extend_from_slice(args);
    let (_, out) = pairlint(dir, &full, &[]);
    serde_json::from_str(&out).expect("SARIF is JSON")
}

fn fingerprints(log: &Value) -> BTreeSet<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["pairlint/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn sarif_has_rules_regions_related_locations_and_stable_fingerprints() {
    let dir = corpus();
    let log = sarif(&dir, &["paired"]);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), pairlint::rules::ALL.len());
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string());
        assert!(
            r["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .contains("## Why it matters")
        );
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    // Four findings in noisy/, and noisy/ repeats clean/ (near-duplicate, a whole file).
    assert_eq!(results.len(), 5);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        if let Some(column) = region["startColumn"].as_u64() {
            assert!(column >= 1);
            assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
        }
    }
    let length = results
        .iter()
        .find(|r| r["ruleId"] == "length-mismatch")
        .unwrap();
    let related = &length["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        related["artifactLocation"]["uri"],
        "paired/noisy/baseline.txt"
    );
    assert_eq!(related["region"]["startLine"], 1);
    assert_eq!(
        fingerprints(&log).len(),
        results.len(),
        "fingerprints are unique"
    );

    // Same findings after the text moves down a line: same fingerprints.
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("paired");
    copy_dir(&dir.join("paired"), &copy);
    let before = fingerprints(&sarif(tmp.path(), &["paired"]));
    assert_eq!(
        before,
        fingerprints(&log),
        "independent of the working directory"
    );
    let curious = copy.join("noisy/curious.txt");
    let text = std::fs::read_to_string(&curious).unwrap();
    std::fs::write(&curious, format!("\n{text}")).unwrap();
    let shifted = sarif(tmp.path(), &["paired"]);
    let line = shifted["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "missing-anchor")
        .unwrap()["locations"][0]["physicalLocation"]["region"]["startLine"]
        .clone();
    assert_eq!(line, 2, "the finding moved");
    assert_eq!(fingerprints(&shifted), before, "its fingerprint did not");
}

#[test]
fn sarif_reports_tool_failures_as_notifications() {
    let (code, out) = pairlint(
        &corpus(),
        &["check", "missing/dir", "--format", "sarif"],
        &[],
    );
    assert_eq!(code, 2);
    let log: Value = serde_json::from_str(&out).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(note.contains("missing/dir"), "{note}");
}

#[test]
fn sarif_passes_microsofts_validator_with_github_rules() {
    let Some(tool) = std::env::var_os("PAIRLINT_SARIF_MULTITOOL") else {
        assert!(
            std::env::var_os("PAIRLINT_REQUIRE_CONSUMERS").is_none(),
            "CI must provide the SARIF validator (see .ci/run)"
        );
        eprintln!("skipped: set PAIRLINT_SARIF_MULTITOOL to Sarif.Multitool to run it");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let log_path = tmp.path().join("pairlint.sarif");
    // Findings of every shape: in-file spans, cross-file, whole files, folders, bad bytes.
    let (_, out) = pairlint(
        root,
        &[
            "check",
            "--format",
            "sarif",
            "tests/cmd/corpus/paired",
            "tests/fixtures/missing-baseline/fires",
            "tests/fixtures/invalid-utf8/fires",
            "tests/fixtures/unknown-emotion/fires",
            "tests/fixtures/emotion-label/fires",
        ],
        &[],
    );
    std::fs::write(&log_path, out).unwrap();
    let report = tmp.path().join("validation.sarif");
    let status = Command::new(tool)
        .arg("validate")
        .arg(&log_path)
        .args(["--rule-kind", "Gh;Sarif", "-o"])
        .arg(&report)
        .status()
        .expect("the validator runs");
    assert!(status.success());
    let validation: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let ours: Value = serde_json::from_str(&std::fs::read_to_string(&log_path).unwrap()).unwrap();
    let problems: Vec<String> = validation["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            // A finding about a whole scenario folder has no region to give (SARIF2017 asks
            // for one); it is accepted for folder results only. Anything else is a defect.
            if r["ruleId"] != "SARIF2017" || r["message"]["id"] != "Warning_MissingRegion" {
                return true;
            }
            let pointer = r["message"]["arguments"][0].as_str().unwrap_or_default();
            let index: Option<usize> = pointer
                .strip_prefix("runs[0].results[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse().ok());
            let uri = index.map(|i| {
                ours["runs"][0]["results"][i]["locations"][0]["physicalLocation"]
                    ["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            });
            !uri.is_some_and(|u| u.ends_with('/'))
        })
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(
        problems.is_empty(),
        "validator findings:\n{}",
        problems.join("\n")
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
