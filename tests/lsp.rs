//! `pairlint lsp` driven by a scripted JSON-RPC client over the real binary's stdio: open a
//! variant, edit its baseline in memory, check ranges in UTF-16, shut down cleanly.
//! Every read has a deadline, so a broken server fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const DEADLINE: Duration = Duration::from_secs(20);

const BASELINE: &str = "Maria walked into the Café “Roma” and ordered a coffee.\n\
She sat by the window and watched the rain.\n";

/// 54 words against the baseline's 19: far outside the default 20% tolerance.
const FURIOUS: &str = "Maria walked into the Café “Roma” and ordered a coffee, and the coffee was late again.\n\
She sat by the window and watched the rain hammer the glass while the waiter ignored her twice.\n\
She counted the minutes on the clock above the counter and drummed her fingers on the table until they hurt.\n";

/// A baseline as long as FURIOUS, so the two now match.
const LONG_BASELINE: &str = "Maria walked into the Café “Roma” and ordered a coffee, and the coffee came after a while.\n\
She sat by the window and watched the rain fall on the glass while the waiter served the other tables.\n\
She looked at the clock above the counter and rested her fingers on the table until it arrived.\n";

/// A label after characters whose UTF-16 length differs from their byte and scalar counts:
/// `é`, `“”` (2 or 3 bytes, 1 unit) and `𝄞` (4 bytes, 1 scalar value, 2 units).
const ANGRY: &str = "She sat by the window and watched the rain.\n\
Maria hummed 𝄞 in the Café “Roma” and felt furious.\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// What the server logged, shown when a test fails.
    stderr: Arc<Mutex<String>>,
    next_id: i64,
}

impl Client {
    fn spawn(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pairlint"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pairlint lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let log = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut text = String::new();
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buf) {
                text.push_str(&String::from_utf8_lossy(&buf[..n]));
                *log.lock().unwrap() = text.clone();
            }
        });
        let (tx, messages) = channel();
        // Reads Content-Length framed messages until the server closes stdout.
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("a JSON body");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            stderr,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn recv(&mut self) -> Value {
        match self.messages.recv_timeout(DEADLINE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server within 20 s"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Send a request and return its response, skipping notifications that come first.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.recv();
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit within 20 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The next diagnostics published for `uri` (lists for the scenario's other files are
    /// skipped).
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.recv();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("server stderr:\n{}", self.stderr.lock().unwrap());
        }
    }
}

fn uri(path: &Path) -> String {
    // The temporary folder's path has no characters that need escaping.
    format!("file://{}", path.display())
}

fn open(client: &mut Client, path: &Path, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri(path), "languageId": "plaintext", "version": 1, "text": text,
        }}),
    );
}

fn with_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Option<&'a Value> {
    diagnostics.iter().find(|d| d["code"] == rule)
}

/// The LSP position (line, UTF-16 column) of a byte offset, computed independently here.
fn utf16_position(text: &str, byte: usize) -> Value {
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": before[line_start..].encode_utf16().count(),
    })
}

#[test]
fn publishes_scenario_diagnostics_as_documents_change() {
    let tmp = tempfile::tempdir().unwrap();
    // Canonical, so the URIs the server sends back compare equal to ours (macOS's /var).
    let root = tmp.path().canonicalize().unwrap();
    // An empty pairlint.toml pins the defaults, whatever lies above the temporary folder.
    std::fs::write(root.join("pairlint.toml"), "").unwrap();
    let dir = root.join("the_cafe");
    std::fs::create_dir(&dir).unwrap();
    let (baseline, furious, angry) = (
        dir.join("baseline.txt"),
        dir.join("furious.txt"),
        dir.join("angry.txt"),
    );
    std::fs::write(&baseline, BASELINE).unwrap();
    std::fs::write(&furious, FURIOUS).unwrap();
    std::fs::write(&angry, ANGRY).unwrap();

    let mut client = Client::spawn(&root);

    // 1. Handshake: full text sync and the server's name.
    let init = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&root), "capabilities": {} }),
    );
    let result = &init["result"];
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["openClose"],
        true
    );
    assert_eq!(result["serverInfo"]["name"], "pairlint");
    client.notify("initialized", json!({}));

    // 2. The long variant is opened: length-mismatch over its whole body, pointing at the
    //    baseline.
    open(&mut client, &furious, FURIOUS);
    let diagnostics = client.diagnostics_for(&uri(&furious));
    let length = with_rule(&diagnostics, "length-mismatch")
        .unwrap_or_else(|| panic!("length-mismatch in {diagnostics:#?}"));
    assert_eq!(length["severity"], 1, "error");
    assert_eq!(length["source"], "pairlint");
    assert_eq!(
        length["range"],
        json!({
            "start": { "line": 0, "character": 0 },
            "end": utf16_position(FURIOUS, FURIOUS.trim_end().len()),
        })
    );
    assert!(
        length["message"]
            .as_str()
            .unwrap()
            .starts_with("54 words; baseline has 19"),
        "{length:#}"
    );
    assert!(
        length["message"].as_str().unwrap().contains("\ncut "),
        "help on a second line: {length:#}"
    );
    assert_eq!(
        length["relatedInformation"][0]["location"]["uri"],
        uri(&baseline)
    );

    // 3. Open the baseline, then lengthen it in the editor only: the VARIANT is re-published
    //    without the finding, though nothing changed on disk.
    open(&mut client, &baseline, BASELINE);
    let diagnostics = client.diagnostics_for(&uri(&furious));
    assert!(with_rule(&diagnostics, "length-mismatch").is_some());
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri(&baseline), "version": 2 },
            "contentChanges": [{ "text": LONG_BASELINE }],
        }),
    );
    let diagnostics = client.diagnostics_for(&uri(&furious));
    assert!(
        with_rule(&diagnostics, "length-mismatch").is_none(),
        "stale length-mismatch: {diagnostics:#?}"
    );

    // 4. Closing the unsaved baseline goes back to the text on disk.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri(&baseline) } }),
    );
    let diagnostics = client.diagnostics_for(&uri(&furious));
    assert!(with_rule(&diagnostics, "length-mismatch").is_some());

    // 5. UTF-16 columns: `felt furious` on line 2, after é, “”, and 𝄞 (two code units).
    open(&mut client, &angry, ANGRY);
    let diagnostics = client.diagnostics_for(&uri(&angry));
    let label = with_rule(&diagnostics, "emotion-label")
        .unwrap_or_else(|| panic!("emotion-label in {diagnostics:#?}"));
    let start = ANGRY.find("felt furious").unwrap();
    assert_eq!(
        label["range"],
        json!({
            "start": utf16_position(ANGRY, start),
            "end": utf16_position(ANGRY, start + "felt furious".len()),
        })
    );
    // 38 scalar values precede the label on its line; 𝄞 counts twice in UTF-16.
    assert_eq!(
        label["range"]["start"],
        json!({ "line": 1, "character": 39 })
    );

    // 6. shutdown, exit: status 0.
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown:#}");
    client.notify("exit", Value::Null);
    let status = client.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn exit_without_shutdown_and_malformed_params_do_not_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let mut client = Client::spawn(tmp.path());
    // A request before initialize is refused, not fatal.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.request("initialize", json!({ "capabilities": {} }));
    client.notify("initialized", json!({}));
    // Params of the wrong shape and a URI that is not a file are logged and ignored.
    client.notify("textDocument/didOpen", json!({ "textDocument": 42 }));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": "untitled:Untitled-1", "languageId": "plaintext", "version": 1, "text": "x",
        }}),
    );
    let unknown = client.request("textDocument/hover", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // `exit` without `shutdown` is exit code 1, as the protocol asks.
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_for_exit().code(), Some(1));
    let deadline = Instant::now() + DEADLINE;
    let logged = loop {
        let logged = client.stderr.lock().unwrap().clone();
        if logged.contains("not a local file URI") || Instant::now() > deadline {
            break logged;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        logged.contains("ignoring malformed `textDocument/didOpen`")
            && logged.contains("ignoring `untitled:Untitled-1`: not a local file URI"),
        "stderr: {logged}"
    );
}

#[test]
fn a_broken_config_is_shown_and_saving_the_fix_rechecks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    let config = root.join("pairlint.toml");
    std::fs::write(&config, "bogus = 1\n").unwrap();
    let dir = root.join("the_cafe");
    std::fs::create_dir(&dir).unwrap();
    let (baseline, furious) = (dir.join("baseline.txt"), dir.join("furious.txt"));
    std::fs::write(&baseline, BASELINE).unwrap();
    std::fs::write(&furious, FURIOUS).unwrap();

    let mut client = Client::spawn(&root);
    client.request("initialize", json!({ "capabilities": {} }));
    client.notify("initialized", json!({}));
    open(&mut client, &furious, FURIOUS);
    let shown = loop {
        let message = client.recv();
        assert_ne!(
            message["method"], "textDocument/publishDiagnostics",
            "published without settings: {message:#}"
        );
        if message["method"] == "window/showMessage" {
            break message;
        }
    };
    assert_eq!(shown["params"]["type"], 1, "an error: {shown:#}");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `bogus`"),
        "{shown:#}"
    );

    // Fixing pairlint.toml and saving it re-checks the open scenario.
    std::fs::write(&config, "").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&config) } }),
    );
    let diagnostics = client.diagnostics_for(&uri(&furious));
    assert!(with_rule(&diagnostics, "length-mismatch").is_some());
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.wait_for_exit().success());
}

#[test]
fn a_baseline_changed_on_disk_rechecks_its_open_variants() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    std::fs::write(root.join("pairlint.toml"), "").unwrap();
    let dir = root.join("the_cafe");
    std::fs::create_dir(&dir).unwrap();
    let (baseline, furious) = (dir.join("baseline.txt"), dir.join("furious.txt"));
    std::fs::write(&baseline, BASELINE).unwrap();
    std::fs::write(&furious, FURIOUS).unwrap();

    let mut client = Client::spawn(&root);
    client.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&root), "capabilities": {
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
        }}),
    );
    client.notify("initialized", json!({}));
    // The server asks to watch the scenario files and settings; the client agrees.
    let register = loop {
        let message = client.recv();
        if message["method"] == "client/registerCapability" {
            break message;
        }
    };
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(globs, ["**/*.txt", "**/scenario.toml", "**/pairlint.toml"]);
    client.send(json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));

    // The long variant is open and too long for the baseline on disk.
    open(&mut client, &furious, FURIOUS);
    let diagnostics = client.diagnostics_for(&uri(&furious));
    assert!(
        with_rule(&diagnostics, "length-mismatch").is_some(),
        "{diagnostics:#?}"
    );

    // `git checkout` writes a longer baseline; the editor never opened it.
    std::fs::write(&baseline, LONG_BASELINE).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [ { "uri": uri(&baseline), "type": 2 } ] }),
    );
    let diagnostics = client.diagnostics_for(&uri(&furious));
    assert!(
        with_rule(&diagnostics, "length-mismatch").is_none(),
        "re-checked against the new baseline: {diagnostics:#?}"
    );

    // A change in a scenario with no open document publishes nothing; the next message the
    // client sees is the reply to its shutdown.
    let other = root.join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("baseline.txt"), BASELINE).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [ { "uri": uri(&other.join("baseline.txt")), "type": 1 } ] }),
    );
    let shutdown_id = client.next_id;
    client.next_id += 1;
    client.send(json!({ "jsonrpc": "2.0", "id": shutdown_id, "method": "shutdown" }));
    let reply = client.recv();
    assert_eq!(
        reply["id"],
        json!(shutdown_id),
        "nothing published first: {reply:#}"
    );
    client.notify("exit", Value::Null);
    assert!(client.wait_for_exit().success());
}
