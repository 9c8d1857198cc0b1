//! The bundled corpus is pairlint's largest end-to-end test: it must lint clean, and the full
//! report is snapshotted so any rule change that alters the verdict on real texts is reviewed.

use std::process::Command;

#[test]
fn bundled_corpus_is_clean_and_its_report_is_stable() {
    let out = Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "paired",
            "--format",
            "concise",
            "--fail-on",
            "warning",
        ])
        .output()
        .expect("pairlint runs");
    let report = String::from_utf8(out.stdout).expect("utf-8 report");
    insta::assert_snapshot!("paired_report", report);
    assert_eq!(
        out.status.code(),
        Some(0),
        "paired/ must have no errors or warnings:\n{report}"
    );
}

/// Scenarios are checked in parallel; the report must not depend on how many threads ran.
#[test]
fn output_is_identical_whatever_the_thread_count() {
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_pairlint"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "paired", "tests/fixtures", "--format", "json"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("pairlint runs");
        String::from_utf8(out.stdout).expect("utf-8 report")
    };
    let one = run("1");
    assert!(
        one.contains("nearly repeats scenario"),
        "the corpus pass ran"
    );
    for threads in ["2", "3", "8"] {
        assert_eq!(run(threads), one, "{threads} threads");
    }
}
