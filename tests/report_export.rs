//! `pairlint report --html` (a self-contained page with the three views) and `pairlint export`
//! (JSON Lines for training, refused while errors remain).

use std::path::Path;
use std::process::Command;

fn pairlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn report_is_self_contained_with_heatmap_chart_and_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("report.html");
    let out = pairlint(&[
        "report",
        "--html",
        html.to_str().unwrap(),
        "tests/cmd/corpus/paired",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let page = std::fs::read_to_string(&html).unwrap();
    // No scripts, stylesheets or remote resources: it opens offline, from an attachment.
    for forbidden in ["<script", "<link", "src=\"http", "href=\"http", "url("] {
        assert!(!page.contains(forbidden), "page contains {forbidden}");
    }
    assert!(
        page.contains(
            "<p id=\"summary\">2 errors, 3 warnings, 0 infos in 8 files (2 scenarios)</p>"
        )
    );
    // Heatmap: 2 scenarios x 3 emotions, every cell filled, coloured, and titled.
    let table = section(&page, "<table id=\"coverage\">", "</table>");
    assert_eq!(table.matches("<th class=\"emotion\"").count(), 3);
    assert_eq!(
        table.matches("<tr><th>").count(),
        3,
        "the header row and two scenarios"
    );
    assert_eq!(table.matches("style=\"background:#").count(), 6);
    assert!(table.contains("title=\"noisy / curious: 54 words, ratio 2.08\""));
    // Chart: one point per variant; the one outside the band is marked.
    let svg = section(&page, "<svg id=\"ratios\"", "</svg>");
    assert_eq!(svg.matches("<circle class=\"point\"").count(), 6);
    assert_eq!(svg.matches("stroke=\"#b00020\"").count(), 1);
    assert!(svg.contains("<title>noisy / curious: 2.08</title>"));
    // Findings: every diagnostic, escaped.
    let findings = section(&page, "<table id=\"findings\">", "</table>");
    assert_eq!(findings.matches("<tr><td class=").count(), 5);
    assert!(findings.contains("<code>length-mismatch</code>"));
}

fn section<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let a = page.find(start).unwrap_or_else(|| panic!("no {start}"));
    let b = a + page[a..].find(end).unwrap();
    &page[a..b]
}

#[test]
fn export_refuses_while_errors_remain() {
    let out = pairlint(&["export", "tests/cmd/corpus/paired"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing exported");
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to export: 2 errors"));
    let forced = pairlint(&["export", "tests/cmd/corpus/paired", "--allow-errors"]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(String::from_utf8(forced.stdout).unwrap().lines().count(), 6);
}

#[test]
fn export_writes_one_faithful_record_per_variant_of_the_bundled_corpus() {
    let out = pairlint(&["export", "paired", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(records.len(), bundled_variants().len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for r in &records {
        for key in [
            "scenario",
            "emotion",
            "family",
            "path",
            "baseline_path",
            "text",
            "baseline",
        ] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
        assert!(r["valence"].is_f64() && r["arousal"].is_f64());
        let text = std::fs::read_to_string(root.join(r["path"].as_str().unwrap())).unwrap();
        assert_eq!(r["text"], text.as_str());
        let base =
            std::fs::read_to_string(root.join(r["baseline_path"].as_str().unwrap())).unwrap();
        assert_eq!(r["baseline"], base.as_str());
        assert!(r["words"].as_u64().unwrap() > 50);
    }
    let undressing: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["scenario"] == "the_undressing")
        .collect();
    assert_eq!(undressing.len(), 5);
    assert!(undressing.iter().all(|r| r["family"] == "sexual"));
}

#[test]
fn export_pairs_are_variant_and_baseline_with_their_labels() {
    let out = pairlint(&["export", "paired", "--format", "pairs"]);
    assert_eq!(out.status.code(), Some(0));
    let pairs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let full = pairlint(&["export", "paired"]);
    let records: Vec<serde_json::Value> = String::from_utf8(full.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pairs.len(), records.len());
    for (p, r) in pairs.iter().zip(&records) {
        let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["emotion", "family", "negative", "positive", "scenario"],
            "{p}"
        );
        assert_eq!(p["positive"], r["text"]);
        assert_eq!(p["negative"], r["baseline"]);
        for key in ["scenario", "emotion", "family"] {
            assert_eq!(p[key], r[key]);
        }
    }
}

#[test]
fn export_by_emotion_writes_one_file_per_emotion_and_nothing_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("by-emotion");
    let out = pairlint(&[
        "export",
        "paired",
        "--format",
        "pairs",
        "--by",
        "emotion",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let mut total = 0;
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for name in &files {
        let emotion = name.strip_suffix(".jsonl").expect("one .jsonl per emotion");
        for line in std::fs::read_to_string(dir.join(name)).unwrap().lines() {
            let p: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(p["emotion"], emotion);
            total += 1;
        }
    }
    assert_eq!(total, bundled_variants().len());
    assert!(files.contains(&"anticipatory_sexual.jsonl".to_string()));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!(
        "exported {} variants into {} files",
        bundled_variants().len(),
        files.len()
    )));
    // Only `emotion` splits an export; anything else is a usage error that writes nothing.
    let other = tmp.path().join("by-family");
    let out = pairlint(&[
        "export",
        "paired",
        "--by",
        "family",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!other.exists());
}

#[test]
fn the_python_training_example_reads_the_pairs_export() {
    let Ok(python) = which_python() else {
        assert!(
            std::env::var_os("PAIRLINT_REQUIRE_CONSUMERS").is_none(),
            "python3 is required here"
        );
        eprintln!("skipped: no python3");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let pairs = tmp.path().join("pairs.jsonl");
    let out = pairlint(&["export", "paired", "--format", "pairs"]);
    std::fs::write(&pairs, &out.stdout).unwrap();
    let run = Command::new(python)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["docs/training_example.py", pairs.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    let variants = bundled_variants();
    let emotions: std::collections::BTreeSet<&str> = variants
        .iter()
        .map(|(_, emotion)| emotion.as_str())
        .collect();
    let summary = format!("{} emotions, {} pairs\n", emotions.len(), variants.len());
    assert!(stdout.ends_with(&summary), "{stdout}");
    // One line per emotion with its family and pair count, e.g. the sexual family's variants.
    assert!(
        stdout.contains("anticipatory_sexual\tsexual\t1 pairs\t+"),
        "{stdout}"
    );
}

/// Every variant of the bundled corpus as (scenario, emotion), read from the folders: each
/// non-baseline `.txt` of each scenario folder under paired/.
fn bundled_variants() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("paired");
    let mut out = Vec::new();
    for scenario in std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()) {
        if !scenario.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&scenario)
            .unwrap()
            .map(|e| e.unwrap().path())
        {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(emotion) = name.strip_suffix(".txt")
                && emotion != "baseline"
            {
                let scenario = scenario.file_name().unwrap().to_string_lossy().into_owned();
                out.push((scenario, emotion.to_string()));
            }
        }
    }
    assert!(
        out.len() > 100,
        "the bundled corpus is found: {}",
        out.len()
    );
    out
}

fn which_python() -> Result<&'static str, ()> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
        .ok_or(())
}
