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
