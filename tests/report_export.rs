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
    assert_eq!(records.len(), 45);
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
