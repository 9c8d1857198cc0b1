//! The concise format as editors read it: real vim's quickfix parser, VS Code's `$gcc`
//! problem-matcher pattern and the matcher shipped in docs/vscode-problem-matcher.json.

use std::path::Path;
use std::process::Command;

fn concise() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/corpus"))
        .args(["check", "paired", "--format", "concise"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// (file, line, column, severity letter or word, message) per finding line.
fn expected() -> Vec<(String, u32, u32, String, String)> {
    concise()
        .lines()
        .filter(|l| !l.starts_with("pairlint:"))
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let file = parts.next().unwrap().to_string();
            let line = parts.next().unwrap().parse().unwrap();
            let col = parts.next().unwrap().parse().unwrap();
            let rest = parts.next().unwrap().trim_start();
            let (severity, message) = rest.split_once(": ").unwrap();
            (file, line, col, severity.to_string(), message.to_string())
        })
        .collect()
}

#[test]
fn vim_quickfix_reads_every_finding() {
    if Command::new("vim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("PAIRLINT_REQUIRE_CONSUMERS").is_none(),
            "CI machines have vim"
        );
        eprintln!("skipped: vim is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let errors = tmp.path().join("errors.txt");
    let result = tmp.path().join("quickfix.txt");
    std::fs::write(&errors, concise()).unwrap();
    // The errorformat README recommends: %t takes the e/w letter of error/warning.
    let script = format!(
        "set errorformat^=%f:%l:%c:\\ %trror:\\ %m,%f:%l:%c:\\ %tarning:\\ %m\n\
         cgetfile {}\n\
         for e in getqflist()\n\
           if e.valid\n\
             call append(line('$'), printf('%s|%d|%d|%s|%s', bufname(e.bufnr), e.lnum, e.col, e.type, e.text))\n\
           endif\n\
         endfor\n\
         1delete\n\
         write! {}\n\
         qa!\n",
        errors.display(),
        result.display()
    );
    let script_path = tmp.path().join("read.vim");
    std::fs::write(&script_path, script).unwrap();
    let status = Command::new("vim")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/corpus"))
        .args(["-Es", "-N", "-u", "NONE", "-S"])
        .arg(&script_path)
        .status()
        .unwrap();
    assert!(status.success());
    let rows: Vec<String> = std::fs::read_to_string(&result)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let want: Vec<String> = expected()
        .into_iter()
        .map(|(f, l, c, s, m)| format!("{f}|{l}|{c}|{}|{m}", &s[..1]))
        .collect();
    assert_eq!(rows, want);
}

#[test]
fn vscode_gcc_and_shipped_problem_matchers_read_every_finding() {
    // VS Code's built-in `$gcc` pattern (vscode-cpptools).
    let gcc =
        regex::Regex::new(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$").unwrap();
    let shipped: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/vscode-problem-matcher.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let pattern = shipped["tasks"][0]["problemMatcher"]["pattern"]["regexp"]
        .as_str()
        .unwrap();
    let ours = regex::Regex::new(pattern).unwrap();
    let lines: Vec<String> = concise()
        .lines()
        .filter(|l| !l.starts_with("pairlint:"))
        .map(str::to_string)
        .collect();
    for (line, (file, lnum, col, severity, message)) in lines.iter().zip(expected()) {
        let g = gcc
            .captures(line)
            .unwrap_or_else(|| panic!("$gcc misses {line}"));
        assert_eq!(
            (&g[1], &g[2], &g[3], &g[4]),
            (
                file.as_str(),
                &*lnum.to_string(),
                &*col.to_string(),
                severity.as_str()
            )
        );
        let o = ours
            .captures(line)
            .unwrap_or_else(|| panic!("matcher misses {line}"));
        assert_eq!(&o[1], file);
        assert_eq!(&o[4], severity);
        let rule = message.rsplit_once(" [").unwrap().1.trim_end_matches(']');
        assert_eq!(&o[6], rule);
    }
    // Four findings in noisy/ and one whole-file finding (noisy/ repeats clean/).
    assert_eq!(lines.len(), 5);
}
