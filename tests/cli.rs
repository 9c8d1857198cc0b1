//! Command-line behaviour as data: each `tests/cmd/*.toml` names the arguments, the
//! expected stdout, stderr and exit code (trycmd; `TRYCMD=overwrite` re-blesses them).
//! The cases run in `tests/cmd/corpus`, a small corpus with clean, noisy, warning-only,
//! strictly configured and misconfigured scenarios.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("pairlint", trycmd::cargo::cargo_bin!("pairlint"))
        .case("tests/cmd/*.toml");
}

/// Prose is one paragraph per line: a finding at column 700 must still show its span and its
/// label within the terminal's width, and no line may wrap.
#[test]
fn human_output_fits_the_terminal_width_on_long_paragraphs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/corpus");
    for width in [80usize, 100, 120] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pairlint"))
            .current_dir(&root)
            .args(["check", "prose", "--format", "human", "--color", "never"])
            .env("COLUMNS", width.to_string())
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        for line in stdout.lines() {
            assert!(
                line.chars().count() <= width,
                "{width} columns, {} chars: {line}",
                line.chars().count()
            );
        }
        for visible in [
            "felt furious",
            "names `furious`",
            "Bartholomew",
            "new name",
            "the baseline mentions it here",
            "the matching sentence has no `Marta`",
        ] {
            assert!(
                stdout.contains(visible),
                "{width}: `{visible}` missing:\n{stdout}"
            );
        }
    }
}
