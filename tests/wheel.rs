//! The Python wheel (pyproject.toml, maturin `bindings = "bin"`), installed the way a user
//! installs it: into a fresh virtual environment that has nothing else, with no Rust toolchain on
//! PATH, then `pairlint check paired` run from another directory. .ci/run builds the wheel with
//! `maturin build --release` and passes its path in `PAIRLINT_WHEEL`.

mod common;
use common::copy_tree;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// PATH without cargo or rustc: only the system's directories.
const SYSTEM_PATH: &str = "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin";

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn wheel_installs_pairlint_into_an_empty_virtualenv() {
    let Some(wheel) = std::env::var_os("PAIRLINT_WHEEL") else {
        assert!(
            std::env::var_os("PAIRLINT_REQUIRE_CONSUMERS").is_none(),
            "CI must build the wheel (see .ci/run)"
        );
        eprintln!("skipped: set PAIRLINT_WHEEL to a wheel built by `maturin build` to test it");
        return;
    };
    let wheel = PathBuf::from(wheel);
    let python = std::env::var_os("PAIRLINT_PYTHON").unwrap_or_else(|| "python3".into());
    let tmp = tempfile::tempdir().unwrap();
    let venv = tmp.path().join("venv");

    // An environment with no packages at all (not even pip), and the wheel installed into it
    // by the outer pip, from the file only.
    let out = Command::new(&python)
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv)
        .output()
        .unwrap();
    assert!(out.status.success(), "venv: {}", text(&out));
    let out = Command::new(&python)
        .args(["-m", "pip", "--python"])
        .arg(venv.join("bin/python"))
        .args(["install", "--no-index", "--no-deps", "--quiet"])
        .arg(&wheel)
        .env("PATH", SYSTEM_PATH)
        .output()
        .unwrap();
    assert!(out.status.success(), "pip install: {}", text(&out));

    // site-packages holds pairlint's metadata and nothing else; the binary is in bin/.
    let site = std::fs::read_dir(venv.join("lib"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("site-packages");
    let installed: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(installed, [format!("pairlint-{version}.dist-info")]);
    assert!(venv.join("bin/pairlint").is_file());

    // From a directory that is not this repository, with the venv's bin/ first on PATH (as
    // `activate` does) and no cargo: `pairlint check paired` on a copy of the corpus.
    let work = tmp.path().join("corpus-repo");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("paired"),
        &work.join("paired"),
    );
    let path = format!("{}:{SYSTEM_PATH}", venv.join("bin").display());
    let run = |dir: &Path, args: &[&str]| {
        Command::new("pairlint")
            .current_dir(dir)
            .args(args)
            .env_clear()
            .env("PATH", &path)
            .output()
            .expect("pairlint is on the venv's PATH")
    };
    let out = run(&work, &["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("pairlint {version}")
    );
    let out = run(&work, &["check", "paired", "--format", "concise"]);
    let wheel_report = text(&out);
    // The same report as the binary cargo built for these tests.
    let reference = Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .current_dir(&work)
        .args(["check", "paired", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), reference.status.code(), "{wheel_report}");
    assert_eq!(wheel_report, text(&reference));
    assert_eq!(
        out.status.code(),
        Some(0),
        "paired/ is clean: {wheel_report}"
    );
    assert!(
        wheel_report.contains(" in ") && wheel_report.contains("scenarios)"),
        "{wheel_report}"
    );

    // The rules compiled into the binary work on a corpus with findings as well.
    let bad = work.join("paired").join("broken");
    copy_tree(&work.join("paired").join(first_scenario(&work)), &bad);
    std::fs::write(
        bad.join("calm.txt"),
        "She felt furious and read the letter.\n",
    )
    .unwrap();
    let out = run(&work, &["check", "paired", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out)
            .contains("paired/broken/calm.txt:1:5: error: explicit emotion label `felt furious`"),
        "{}",
        text(&out)
    );
}

/// A scenario folder of the corpus that has a calm.txt variant to overwrite.
fn first_scenario(work: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(work.join("paired"))
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            (e.path().join("baseline.txt").is_file()).then(|| e.file_name().into_string().unwrap())
        })
        .collect();
    names.sort();
    names.into_iter().next().expect("paired/ has a scenario")
}
