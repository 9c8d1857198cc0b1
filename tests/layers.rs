//! The crate's folders are the pipeline's stages, and a stage uses only the stages below it
//! (ARCHITECTURE.md, src/lib.rs). This test reads every source file under src/ and fails on a
//! path into a later stage, test code included, so the layering cannot rot unnoticed.

use std::path::{Path, PathBuf};

/// From the bottom up; a module may use its own stage and those listed before it.
const STAGES: &[&str] = &[
    "text",
    "diagnostic",
    "language",
    "corpus",
    "rules",
    "engine",
    "render",
    "commands",
    "cli",
];

fn rank(stage: &str) -> Option<usize> {
    STAGES.iter().position(|s| *s == stage)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The stage a source file belongs to: its folder under src/, or its own name there.
fn stage_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_string()
}

/// Every `crate::<module>` a text names (in `use` lines, paths and macros alike).
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + "crate::".len()..];
            let module: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `$crate::` in a macro is the same crate; `some_crate::` is another one.
            if before.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_')) {
                found.push((n + 1, module));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn no_module_uses_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    for file in &files {
        let stage = stage_of(&src, file);
        let Some(own) = rank(&stage) else {
            // lib.rs and main.rs only declare and start.
            assert!(
                stage == "lib" || stage == "main",
                "{} is in no stage: add it to a stage's folder or to STAGES",
                file.display()
            );
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (line, module) in crate_paths(&text) {
            let Some(used) = rank(&module) else {
                if !module.is_empty() && module != "declare_rule" {
                    violations.push(format!(
                        "{}:{line}: `crate::{module}` is no stage",
                        file.display()
                    ));
                }
                continue;
            };
            if used > own {
                violations.push(format!(
                    "{}:{line}: stage `{stage}` uses the later stage `{module}`",
                    file.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn every_stage_is_a_module_of_the_crate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for stage in STAGES {
        assert!(
            lib.contains(&format!("pub mod {stage};")),
            "src/lib.rs does not declare `{stage}`"
        );
        assert!(
            src.join(stage).is_dir() || src.join(format!("{stage}.rs")).is_file(),
            "no src/{stage}/ or src/{stage}.rs"
        );
    }
}

#[test]
fn the_checker_sees_paths() {
    // The scanner itself: a later stage in a `use`, a path in code, a macro's `$crate`.
    let text = "use crate::render::path;\nlet x = crate::text::Doc::new(s); // crate::cli\n$crate::diagnostic::Severity";
    let found: Vec<String> = crate_paths(text).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["render", "text", "diagnostic"]);
}
