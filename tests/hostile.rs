//! Hostile inputs: the real binary on corpora built to break it. Every run must end within
//! 20 s, exit 0, 1 or 2 (never a panic or a signal), explain itself with a finding or an error
//! message, and leave the tree exactly as it found it (contents and modification times).

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Read;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(20);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The diagnostics of a `--format json` run.
    fn diagnostics(&self) -> Vec<Value> {
        let doc: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout));
        doc["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The messages of findings of `rule` whose path ends with `suffix`.
    fn findings(&self, rule: &str, suffix: &str) -> Vec<String> {
        self.diagnostics()
            .iter()
            .filter(|d| d["rule"] == rule && d["path"].as_str().unwrap_or("").ends_with(suffix))
            .map(|d| d["message"].as_str().unwrap_or("").to_string())
            .collect()
    }
}

/// Run pairlint in `cwd`, polling for at most 20 s; fail on a timeout, a signal, a panic or an
/// exit code other than 0, 1 and 2.
fn run<S: AsRef<OsStr>>(cwd: &Path, args: &[S]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pairlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pairlint starts");
    // Drain both pipes on threads, so a long report cannot stall the child on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for pairlint") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "pairlint {:?} did not finish within {TIMEOUT:?}",
                args.iter().map(|a| a.as_ref()).collect::<Vec<_>>()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert!(!stderr.contains("panicked"), "pairlint panicked:\n{stderr}");
    let code = status
        .code()
        .unwrap_or_else(|| panic!("pairlint was killed by a signal ({status:?}):\n{stderr}"));
    assert!(matches!(code, 0..=2), "exit code {code}:\n{stderr}");
    Run {
        code,
        stdout,
        stderr,
    }
}

/// What a path is, as far as a no-write check needs: a file's bytes (or, above 1 MiB, its
/// length), a link's target, and every entry's modification time. Nothing is opened but
/// regular files, so FIFOs and links are safe to snapshot.
#[derive(Debug, PartialEq)]
enum Node {
    Dir(SystemTime),
    File(SystemTime, u64, Option<Vec<u8>>),
    Link(SystemTime, PathBuf),
    Other(SystemTime, String),
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, Node> {
    fn walk(path: &Path, out: &mut BTreeMap<PathBuf, Node>) {
        let meta = fs::symlink_metadata(path).unwrap();
        let mtime = meta.modified().unwrap();
        let kind = meta.file_type();
        let node = if kind.is_symlink() {
            Node::Link(mtime, fs::read_link(path).unwrap())
        } else if kind.is_dir() {
            for entry in fs::read_dir(path).unwrap() {
                walk(&entry.unwrap().path(), out);
            }
            Node::Dir(mtime)
        } else if kind.is_file() {
            let bytes = (meta.len() <= 1 << 20).then(|| fs::read(path).unwrap());
            Node::File(mtime, meta.len(), bytes)
        } else {
            Node::Other(mtime, format!("{kind:?}"))
        };
        out.insert(path.to_path_buf(), node);
    }
    let mut out = BTreeMap::new();
    walk(root, &mut out);
    out
}

/// Run pairlint on a tree and check it wrote nothing there.
fn run_unchanged<S: AsRef<OsStr>>(root: &Path, args: &[S]) -> Run {
    let before = snapshot(root);
    let result = run(root, args);
    let after = snapshot(root);
    assert!(
        before == after,
        "pairlint changed the tree:\nbefore {before:#?}\nafter {after:#?}"
    );
    result
}

const BASELINE: &str = "Owen read the note from Marta at 9:40. He put it back in the drawer.\n";
const VARIANT: &str =
    "Owen read the note from Marta at 9:40 again. He put it back in the drawer.\n";

/// `root/corpus/s/` with a baseline and three clean variants; returns the scenario folder.
fn corpus(root: &Path) -> PathBuf {
    let dir = root.join("corpus").join("s");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("baseline.txt"), BASELINE).unwrap();
    for emotion in ["calm", "proud", "lonely"] {
        fs::write(dir.join(format!("{emotion}.txt")), VARIANT).unwrap();
    }
    dir
}

fn check_json(root: &Path) -> Run {
    run_unchanged(root, &["check", "corpus", "--format", "json"])
}

#[test]
fn a_fifo_is_reported_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    let status = Command::new("mkfifo")
        .arg(dir.join("furious.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.findings("unreadable-file", "furious.txt"),
        ["cannot read file: not a regular file (a FIFO, socket or device); not read"]
    );
    // The rest of the scenario is still checked.
    assert!(r.stdout.contains("\"files\": 5"), "{}", r.stdout);
}

#[test]
fn a_symlink_loop_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    std::os::unix::fs::symlink("bitter.txt", dir.join("furious.txt")).unwrap();
    std::os::unix::fs::symlink("furious.txt", dir.join("bitter.txt")).unwrap();
    // A folder that links to itself is not walked into.
    std::os::unix::fs::symlink(".", dir.join("again")).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    for name in ["furious.txt", "bitter.txt"] {
        let found = r.findings("unreadable-file", name);
        assert_eq!(found.len(), 1, "{name}: {}", r.stdout);
        assert!(
            found[0].contains("symlink cannot be resolved") && found[0].contains("not followed"),
            "{found:?}"
        );
    }
    assert_eq!(
        r.findings("bad-file-name", "again").len(),
        1,
        "{}",
        r.stdout
    );
}

#[test]
fn a_symlink_out_of_the_corpus_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "Owen's bank PIN is 4321.\n").unwrap();
    std::os::unix::fs::symlink("../../outside/secret.txt", dir.join("furious.txt")).unwrap();
    // A link to a folder inside the corpus is no text either.
    std::os::unix::fs::symlink("..", dir.join("grateful.txt")).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.findings("unreadable-file", "furious.txt"),
        [
            "cannot read file: symlink points outside the corpus (to `../../outside/secret.txt`); not followed"
        ]
    );
    assert_eq!(
        r.findings("unreadable-file", "grateful.txt"),
        ["cannot read file: symlink to a folder, not a text; not read"]
    );
    assert!(!r.stdout.contains("4321"), "{}", r.stdout);
}

#[test]
fn a_file_above_the_configured_cap_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    fs::write(
        tmp.path().join("corpus/pairlint.toml"),
        "[files]\nmax-bytes = 1000\n",
    )
    .unwrap();
    fs::write(dir.join("furious.txt"), "Owen waited. ".repeat(400)).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.findings("unreadable-file", "furious.txt"),
        [
            "cannot read file: file is 5200 bytes, above the 1000-byte cap ([files] max-bytes); not read"
        ]
    );
}

#[test]
fn a_200_mb_sparse_file_under_the_default_cap_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    let big = dir.join("furious.txt");
    let file = fs::File::create(&big).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    // An access time older than the modification time: any read moves it forward
    // (relatime), so an unchanged atime shows the file was never read.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    file.set_times(fs::FileTimes::new().set_accessed(old))
        .unwrap();
    drop(file);
    let atime_tracked = {
        let probe = dir.join("probe.md");
        fs::write(&probe, "x").unwrap();
        let f = fs::File::options().write(true).open(&probe).unwrap();
        f.set_times(fs::FileTimes::new().set_accessed(old)).unwrap();
        drop(f);
        fs::read(&probe).unwrap();
        let tracked = fs::metadata(&probe).unwrap().accessed().unwrap() != old;
        fs::remove_file(&probe).unwrap();
        tracked
    };
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.findings("unreadable-file", "furious.txt"),
        [
            "cannot read file: file is 209715200 bytes, above the 8388608-byte cap ([files] max-bytes); not read"
        ]
    );
    if atime_tracked {
        assert_eq!(
            fs::metadata(&big).unwrap().accessed().unwrap(),
            old,
            "the file was read"
        );
    }
}

#[test]
fn a_binary_file_is_invalid_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    // Fixed pseudo-random bytes (xorshift), starting with a byte that is never UTF-8.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut bytes = vec![0xFF];
    bytes.extend((0..4096).map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    }));
    fs::write(dir.join("furious.txt"), &bytes).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.findings("invalid-utf8", "furious.txt"),
        ["file is not valid UTF-8: invalid byte 0xFF at line 1, column 1"]
    );
}

#[test]
fn nul_bytes_are_reported_as_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    fs::write(dir.join("calm.txt"), VARIANT.replace(' ', "\0 ")).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 0, "{}", r.stdout);
    let found = r.findings("control-char", "calm.txt");
    assert!(!found.is_empty(), "{}", r.stdout);
    assert!(found.iter().all(|m| m.contains("U+0000")), "{found:?}");
}

#[test]
fn names_that_are_not_utf8_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    let name = OsStr::from_bytes(b"gr\xFFteful.txt");
    fs::write(dir.join(name), VARIANT).unwrap();
    let folder = tmp
        .path()
        .join("corpus")
        .join(OsString::from_vec(b"caf\xE9".to_vec()));
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("baseline.txt"), BASELINE).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.findings("bad-file-name", "teful.txt"),
        ["`gr\u{FFFD}teful.txt` is not a lowercase snake_case emotion name"]
    );
    // The other folder is found and checked too.
    assert!(r.stdout.contains("\"scenarios\": 2"), "{}", r.stdout);
}

#[test]
fn a_scenario_under_a_thousand_nested_folders_is_found() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = tmp.path().join("corpus");
    for _ in 0..1000 {
        dir.push("d");
    }
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("baseline.txt"), BASELINE).unwrap();
    fs::write(dir.join("calm.txt"), VARIANT).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("\"scenarios\": 1"), "{}", r.stdout);
    assert_eq!(r.findings("variant-count", "/d/d").len(), 1, "{}", r.stdout);
}

#[test]
fn folders_nested_beyond_path_max_are_reported_not_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("corpus")).unwrap();
    // 1,000 levels of 6 bytes: 6,000 bytes of path, above Linux's PATH_MAX (4096). Each
    // 500 levels are reached through a short link outside the corpus, so every path this
    // test itself uses stays short.
    let mut dir = tmp.path().join("corpus");
    for chunk in 0..2 {
        for _ in 0..500 {
            dir.push("level");
        }
        fs::create_dir_all(&dir).unwrap();
        let shortcut = tmp.path().join(format!("shortcut{chunk}"));
        std::os::unix::fs::symlink(&dir, &shortcut).unwrap();
        dir = shortcut;
    }
    fs::write(dir.join("baseline.txt"), BASELINE).unwrap();
    let r = run(tmp.path(), &["check", "corpus", "--format", "json"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let found = r.findings("unreadable-file", "level");
    assert_eq!(found.len(), 1, "{}", r.stdout);
    assert!(found[0].contains("cannot list folder"), "{found:?}");
}

#[test]
fn an_empty_corpus_folder_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("corpus")).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 0);
    assert!(r.diagnostics().is_empty());
    assert!(
        r.stderr.contains("no scenarios found under corpus"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_path_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run_unchanged(tmp.path(), &["check", "nowhere", "--format", "json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("path `nowhere` does not exist"),
        "{}",
        r.stderr
    );
}

#[test]
fn files_deleted_during_a_run_never_crash_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let mut scenarios = Vec::new();
    for i in 0..2000 {
        let dir = root.join(format!("s{i:04}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("baseline.txt"), BASELINE).unwrap();
        for emotion in ["calm", "proud", "lonely", "curious", "bitter"] {
            fs::write(dir.join(format!("{emotion}.txt")), VARIANT).unwrap();
        }
        scenarios.push(dir);
    }
    let done = Arc::new(AtomicBool::new(false));
    let deleter = {
        let done = done.clone();
        std::thread::spawn(move || {
            // From the end of the walk, so most deletions land before pairlint gets there:
            // single files, whole folders, and a folder emptied while it is being listed.
            for (n, dir) in scenarios.iter().rev().enumerate() {
                if done.load(Ordering::Relaxed) {
                    break;
                }
                match n % 3 {
                    0 => drop(fs::remove_file(dir.join("calm.txt"))),
                    1 => drop(fs::remove_dir_all(dir)),
                    _ => {
                        for emotion in ["baseline", "proud", "bitter"] {
                            let _ = fs::remove_file(dir.join(format!("{emotion}.txt")));
                        }
                    }
                }
                if n.is_multiple_of(50) {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        })
    };
    let r = run(tmp.path(), &["check", "corpus", "--format", "json"]);
    done.store(true, Ordering::Relaxed);
    deleter.join().unwrap();
    // Exit 0/1/2 and no panic are checked by `run`; the report is still one JSON document.
    let _ = r.diagnostics();
}

#[test]
fn a_malformed_scenario_toml_is_a_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    fs::write(
        dir.join("scenario.toml"),
        "anchors = [\"Owen\"\nallow = 3\n",
    )
    .unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    let found = r.findings("invalid-scenario-config", "scenario.toml");
    assert_eq!(found.len(), 1, "{}", r.stdout);
    assert!(found[0].starts_with("invalid scenario.toml"), "{found:?}");
}

#[test]
fn a_huge_scenario_toml_is_checked_in_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path());
    // 5 MB of allow entries, none of which suppresses anything.
    let entry = |i: usize| {
        format!(
            "[[allow]]\nrule = \"new-entity\"\nfile = \"calm.txt\"\nmatch = \"Name{i}\"\nreason = \"reviewed\"\n"
        )
    };
    let mut toml = String::new();
    let mut entries = 0;
    while toml.len() < 5_000_000 {
        toml.push_str(&entry(entries));
        entries += 1;
    }
    fs::write(dir.join("scenario.toml"), &toml).unwrap();
    let r = run_unchanged(
        tmp.path(),
        &["check", "corpus", "--format", "json", "--statistics"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["statistics"][0]["rule"], "unused-allow");
    assert_eq!(doc["statistics"][0]["count"], entries);

    // 5 MB of nested arrays: the parser's depth limit, not the stack, stops it.
    fs::write(
        dir.join("scenario.toml"),
        format!("anchors = {}\n", "[".repeat(5_000_000)),
    )
    .unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 1);
    let found = r.findings("invalid-scenario-config", "scenario.toml");
    assert_eq!(found.len(), 1, "{}", r.stdout);
    assert!(found[0].contains("recursion"), "{found:?}");
}

#[test]
fn a_malformed_pairlint_toml_exits_2_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    fs::write(
        tmp.path().join("corpus/pairlint.toml"),
        "[length]\ntolerance-percent = \"wide\"\n",
    )
    .unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("invalid config `corpus/pairlint.toml`") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
    // Not UTF-8 at all.
    fs::write(
        tmp.path().join("corpus/pairlint.toml"),
        b"\xFF\xFE[length]\n",
    )
    .unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read config"), "{}", r.stderr);
}

#[test]
fn a_huge_pairlint_toml_is_read_or_refused_briefly() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let config = tmp.path().join("corpus/pairlint.toml");
    // 5 MB of valid [emotions] entries: read, and the corpus checked with them.
    let mut toml = String::from("[emotions]\n");
    let mut i = 0usize;
    while toml.len() < 5_000_000 {
        let name: String = format!("{i:x}")
            .chars()
            .map(|c| (b'a' + c.to_digit(16).unwrap() as u8) as char)
            .collect();
        toml.push_str(&format!(
            "extra_{name} = {{ family = \"anger\", valence = -0.5, arousal = 0.5 }}\n"
        ));
        i += 1;
    }
    fs::write(&config, &toml).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"scenarios\": 1"), "{}", r.stdout);

    // 5 MB on one line with an error at its end: exit 2 with a short message, not the
    // line quoted back.
    let line = format!("ignore = [{} 5]\n", "\"new-entity\", ".repeat(400_000));
    fs::write(&config, &line).unwrap();
    let r = check_json(tmp.path());
    assert_eq!(r.code, 2);
    assert!(r.stderr.len() < 1000, "{} bytes of stderr", r.stderr.len());
    assert!(
        r.stderr.contains("invalid config `corpus/pairlint.toml`")
            && r.stderr.contains("line 1, column"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_config_flag_naming_a_fifo_exits_2_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let fifo = tmp.path().join("config.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for command in ["check", "stats"] {
        let r = run_unchanged(
            tmp.path(),
            &[
                OsStr::new(command),
                OsStr::new("corpus"),
                OsStr::new("--config"),
                fifo.as_os_str(),
            ],
        );
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("not a regular file (a FIFO, socket or device)"),
            "{}",
            r.stderr
        );
    }
}
