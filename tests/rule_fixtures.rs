//! Every rule against its on-disk fixtures: `tests/fixtures/<rule>/fires` must produce at
//! least one finding of that rule (the findings are snapshotted, so a change in span or
//! message is reviewed) and `tests/fixtures/<rule>/passes` (near-misses) none. All rules
//! run, as a user would run them; only the fixture's own rule is looked at.

use std::path::Path;
use std::process::Command;

fn findings_of(rule: &str, dir: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "concise", "--color", "never"])
        .arg(dir)
        .output()
        .expect("pairlint runs");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}: exit {:?}\n{}",
        dir.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let tag = format!("[{rule}]");
    String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .filter(|l| l.ends_with(&tag))
        .map(str::to_string)
        .collect()
}

fn fixture_rules() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut rules: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.file_type()
                .unwrap()
                .is_dir()
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    rules.sort();
    rules
}

#[test]
fn every_rule_has_fires_and_passes_fixtures() {
    let fixtures = fixture_rules();
    for rule in pairlint::rules::ALL {
        let name = rule.meta().name;
        assert!(
            fixtures.iter().any(|f| f == name),
            "tests/fixtures/{name}/ is missing"
        );
    }
    for f in &fixtures {
        assert!(
            pairlint::rules::find(f).is_some(),
            "fixture `{f}` names no rule"
        );
        for case in ["fires", "passes"] {
            let dir = Path::new("tests/fixtures").join(f).join(case);
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(&dir).is_dir(),
                "{} is missing",
                dir.display()
            );
        }
    }
}

#[test]
fn fires_fixtures_trigger_their_rule() {
    for rule in fixture_rules() {
        let dir = Path::new("tests/fixtures").join(&rule).join("fires");
        let lines = findings_of(&rule, &dir);
        assert!(
            !lines.is_empty(),
            "{} did not trigger {rule}",
            dir.display()
        );
        insta::assert_snapshot!(format!("fires__{rule}"), lines.join("\n"));
    }
}

#[test]
fn passes_fixtures_stay_silent() {
    for rule in fixture_rules() {
        let dir = Path::new("tests/fixtures").join(&rule).join("passes");
        let lines = findings_of(&rule, &dir);
        assert!(
            lines.is_empty(),
            "{} should not trigger {rule}:\n{}",
            dir.display(),
            lines.join("\n")
        );
    }
}
