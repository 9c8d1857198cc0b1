//! `pairlint lsp`: a language server over stdio, so editors show findings as you type.
//!
//! It keeps the texts of open documents in an [`Overlay`] and, whenever a scenario's file is
//! opened, changed, saved or closed, re-checks that whole scenario exactly as `check` would
//! (same pairlint.toml discovery, loader and engine) and publishes diagnostics for every file
//! in it: a change to baseline.txt changes what its variants are compared with.
//!
//! Files changed by other programs (`git checkout`, a script) reach it as
//! `workspace/didChangeWatchedFiles`, which it asks the client for at start-up when the client
//! can register watchers: a changed baseline on disk re-checks its open variants.
//!
//! The loop is single-threaded on purpose: checking one scenario takes milliseconds, and
//! handling messages in order keeps the overlay and the published state simple.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, Initialized, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{Initialize, RegisterCapability, Request as _, Shutdown};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, InitializeResult, MessageType,
    NumberOrString, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

use crate::corpus::{self, Overlay, SCENARIO_TOML};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::engine::config::FILE_NAME as CONFIG_FILE;
use crate::engine::{self, Profile};
use crate::rules::settings::Settings;

/// The editor keeps the server's stderr as its log.
macro_rules! log {
    ($($arg:tt)*) => { eprintln!("pairlint lsp: {}", format_args!($($arg)*)) };
}

/// Run the server on stdin/stdout until the client says `exit` or closes the stream; returns
/// the process exit code (0 only after a proper shutdown, as the protocol asks).
pub fn run() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let mut server = Server::new(connection);
    let outcome = server.serve();
    // Dropping the connection closes the writer's channel, so the writer thread can finish.
    drop(server);
    match outcome {
        // The reader thread has stopped (after `exit` or at end of input): joining it also
        // waits for the writer to flush the last responses.
        End::Exit(code) | End::Disconnected(code) => match io_threads.join() {
            Ok(()) => code,
            Err(e) => {
                log!("connection failed: {e}");
                1
            }
        },
        // stdout is gone; the reader may still be blocked on stdin, so do not wait for it.
        End::WriteFailed => 1,
    }
}

/// Why the message loop stopped.
enum End {
    Exit(i32),
    Disconnected(i32),
    WriteFailed,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

/// The writer thread is gone (stdout closed): nothing more can reach the client.
struct WriteFailed;

struct Server {
    connection: Connection,
    phase: Phase,
    /// Open documents' texts by absolute path; they replace the files on disk when loading.
    overlay: Overlay,
    /// Scenario folders (absolute) to re-check before reading the next message.
    dirty: BTreeSet<PathBuf>,
    /// Per scenario folder, the files last given a non-empty list, so a later publish can
    /// clear files that dropped out of the scenario (an unsaved new file that was closed).
    published: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// The pairlint.toml error last shown per scenario folder, so typing does not repeat it.
    config_errors: HashMap<PathBuf, String>,
    /// Whether the client lets the server register file watchers (its initialize params).
    can_watch_files: bool,
}

impl Server {
    fn new(connection: Connection) -> Server {
        Server {
            connection,
            phase: Phase::Uninitialized,
            overlay: Overlay::new(),
            dirty: BTreeSet::new(),
            published: HashMap::new(),
            config_errors: HashMap::new(),
            can_watch_files: false,
        }
    }

    fn serve(&mut self) -> End {
        loop {
            let Ok(first) = self.connection.receiver.recv() else {
                log!("input ended before `exit`");
                return End::Disconnected(1);
            };
            // Take every message already waiting before checking, so a burst of keystrokes
            // re-checks each scenario once, with the newest text.
            let mut next = Some(first);
            while let Some(message) = next {
                match self.handle(message) {
                    Ok(None) => {}
                    Ok(Some(code)) => return End::Exit(code),
                    Err(WriteFailed) => return End::WriteFailed,
                }
                next = self.connection.receiver.try_recv().ok();
            }
            if self.flush().is_err() {
                return End::WriteFailed;
            }
        }
    }

    /// Handle one message; `Some(code)` when the client sent `exit`.
    fn handle(&mut self, message: Message) -> Result<Option<i32>, WriteFailed> {
        match message {
            Message::Request(request) => self.request(request).map(|()| None),
            Message::Notification(n) if n.method == Exit::METHOD => {
                Ok(Some(if self.phase == Phase::ShutDown { 0 } else { 1 }))
            }
            Message::Notification(n) => {
                if self.phase == Phase::Running {
                    self.notification(n);
                }
                Ok(None)
            }
            // The server sends no requests, so there is nothing to match a response with.
            Message::Response(_) => Ok(None),
        }
    }

    fn request(&mut self, request: Request) -> Result<(), WriteFailed> {
        let id = request.id.clone();
        match (self.phase, request.method.as_str()) {
            (Phase::Uninitialized, Initialize::METHOD) => {
                self.phase = Phase::Running;
                let params: Option<lsp_types::InitializeParams> =
                    serde_json::from_value(request.params).ok();
                self.can_watch_files = params
                    .and_then(|p| p.capabilities.workspace)
                    .and_then(|w| w.did_change_watched_files)
                    .and_then(|d| d.dynamic_registration)
                    .unwrap_or(false);
                self.reply(Response::new_ok(id, initialize_result()))
            }
            (Phase::Uninitialized, _) => self.error(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet",
            ),
            (Phase::ShutDown, _) => {
                self.error(id, ErrorCode::InvalidRequest, "the server is shut down")
            }
            (Phase::Running, Initialize::METHOD) => {
                self.error(id, ErrorCode::InvalidRequest, "initialize was already sent")
            }
            (Phase::Running, Shutdown::METHOD) => {
                self.phase = Phase::ShutDown;
                self.dirty.clear();
                self.reply(Response::new_ok(id, ()))
            }
            (Phase::Running, method) => self.error(
                id,
                ErrorCode::MethodNotFound,
                &format!("pairlint does not handle `{method}`"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
            serde_json::from_value(n.params)
                .map_err(|e| log!("ignoring malformed `{}`: {e}", n.method))
                .ok()
        }
        match n.method.as_str() {
            Initialized::METHOD if self.can_watch_files => {
                // Ask to hear of scenario files and settings changed on disk by other programs.
                let watchers = ["**/*.txt", "**/scenario.toml", "**/pairlint.toml"]
                    .into_iter()
                    .map(|glob| lsp_types::FileSystemWatcher {
                        glob_pattern: lsp_types::GlobPattern::String(glob.to_string()),
                        kind: None,
                    })
                    .collect();
                let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
                let params = lsp_types::RegistrationParams {
                    registrations: vec![lsp_types::Registration {
                        id: "pairlint-watched-files".to_string(),
                        method: DidChangeWatchedFiles::METHOD.to_string(),
                        register_options: serde_json::to_value(options).ok(),
                    }],
                };
                let request = Request::new(
                    RequestId::from("pairlint-watch".to_string()),
                    RegisterCapability::METHOD.to_string(),
                    params,
                );
                if self.connection.sender.send(request.into()).is_err() {
                    log!("cannot ask the client to watch files");
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeWatchedFilesParams>(n) else {
                    return;
                };
                for change in p.changes {
                    let Some(path) = file_path(&change.uri) else {
                        continue;
                    };
                    // Only scenarios with an open document are shown; others wait until opened.
                    let open: BTreeSet<PathBuf> = self
                        .overlay
                        .keys()
                        .filter_map(|p| p.parent())
                        .map(Path::to_path_buf)
                        .collect();
                    if path.file_name().is_some_and(|name| name == CONFIG_FILE) {
                        self.dirty.extend(open);
                    } else if is_scenario_file(&path)
                        && let Some(dir) = path.parent()
                        && open.contains(dir)
                    {
                        self.dirty.insert(dir.to_path_buf());
                    }
                }
            }
            DidOpenTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n) else {
                    return;
                };
                if let Some(path) = scenario_file(&p.text_document.uri) {
                    self.dirty.extend(path.parent().map(Path::to_path_buf));
                    self.overlay.insert(path, p.text_document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n) else {
                    return;
                };
                let Some(path) = scenario_file(&p.text_document.uri) else {
                    return;
                };
                // Sync is FULL: the last change holds the whole new text.
                match p.content_changes.into_iter().last() {
                    Some(change) if change.range.is_none() => {
                        self.dirty.extend(path.parent().map(Path::to_path_buf));
                        self.overlay.insert(path, change.text);
                    }
                    Some(_) => log!(
                        "ignoring an incremental change to {} (the server asked for full text)",
                        path.display()
                    ),
                    None => {}
                }
            }
            DidSaveTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(n) else {
                    return;
                };
                let Some(path) = file_path(&p.text_document.uri) else {
                    return;
                };
                if path.file_name().is_some_and(|name| name == CONFIG_FILE) {
                    // Settings changed: every scenario with an open file may read them.
                    let open = self.overlay.keys().filter_map(|p| p.parent());
                    self.dirty.extend(open.map(Path::to_path_buf));
                } else if is_scenario_file(&path) {
                    self.dirty.extend(path.parent().map(Path::to_path_buf));
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n) else {
                    return;
                };
                if let Some(path) = scenario_file(&p.text_document.uri) {
                    self.overlay.remove(&path);
                    // Re-publish from disk: the saved text may differ from the buffer's.
                    self.dirty.extend(path.parent().map(Path::to_path_buf));
                }
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace` and the rest need no action.
            _ => {}
        }
    }

    /// Re-check every scenario touched since the last flush.
    fn flush(&mut self) -> Result<(), WriteFailed> {
        for dir in std::mem::take(&mut self.dirty) {
            self.check(&dir)?;
        }
        Ok(())
    }

    /// Check one scenario folder and publish a list for each of its files.
    fn check(&mut self, dir: &Path) -> Result<(), WriteFailed> {
        let config_path = Settings::discover(dir);
        let profile = match Profile::load(config_path.as_deref(), &None, &[]) {
            Ok(profile) => profile,
            Err(e) => {
                // Without settings nothing can be checked; say why once, keep the old lists.
                let message = format!("pairlint: {e}");
                log!("{e}");
                if self.config_errors.get(dir) != Some(&message) {
                    self.config_errors
                        .insert(dir.to_path_buf(), message.clone());
                    self.notify::<ShowMessage>(ShowMessageParams {
                        typ: MessageType::ERROR,
                        message,
                    })?;
                }
                return Ok(());
            }
        };
        self.config_errors.remove(dir);
        // A rule that panics on some text must not take the editor's server down with it.
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lint(dir, &profile, &self.overlay)
        }));
        let Ok(files) = checked else {
            log!("checking {} failed (see above)", dir.display());
            return Ok(());
        };
        let previous = self.published.remove(dir).unwrap_or_default();
        let mut by_file: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> =
            previous.into_iter().map(|p| (p, Vec::new())).collect();
        by_file.extend(files);
        let mut non_empty = BTreeSet::new();
        for (path, diagnostics) in by_file {
            let Some(uri) = path_to_uri(&path) else {
                log!("cannot make a URI of {}", path.display());
                continue;
            };
            if !diagnostics.is_empty() {
                non_empty.insert(path);
            }
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(
                uri,
                diagnostics,
                None,
            ))?;
        }
        self.published.insert(dir.to_path_buf(), non_empty);
        Ok(())
    }

    fn notify<N: lsp_types::notification::Notification>(
        &self,
        params: N::Params,
    ) -> Result<(), WriteFailed> {
        let message = Notification::new(N::METHOD.to_string(), params);
        self.connection
            .sender
            .send(message.into())
            .map_err(|_| WriteFailed)
    }

    fn reply(&self, response: Response) -> Result<(), WriteFailed> {
        self.connection
            .sender
            .send(response.into())
            .map_err(|_| WriteFailed)
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: &str) -> Result<(), WriteFailed> {
        self.reply(Response::new_err(id, code as i32, message.to_string()))
    }
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    will_save: None,
                    will_save_wait_until: None,
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                },
            )),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "pairlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}

/// Load and check one scenario as `check` does; the LSP diagnostics per absolute file path,
/// with an entry (maybe empty) for every file of the scenario.
fn lint(
    dir: &Path,
    profile: &Profile,
    overlay: &Overlay,
) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    // The symlink guard's root: the folder itself, as for `pairlint check FILE`.
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let scenario = corpus::load_scenario_with(
        dir,
        &root,
        None,
        &profile.taxonomy,
        profile.settings.max_file_bytes,
        overlay,
    );
    let mut diagnostics = engine::check_scenario(
        &scenario,
        &profile.settings,
        &profile.taxonomy,
        &profile.rule_set,
    );
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

    let dir = absolute(&scenario.dir);
    let mut by_file: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = scenario
        .files
        .iter()
        .map(|f| absolute(&f.path))
        .chain(scenario.config_path.as_deref().map(absolute))
        // An unlistable folder shows up as a "file" at the folder's own path.
        .filter(|p| *p != dir)
        .map(|p| (p, Vec::new()))
        .collect();
    // Findings about the whole folder have no file of their own; the baseline stands for it.
    let baseline = scenario.baseline().map(|f| absolute(&f.path));
    let mut lines = LineIndexes::default();
    for d in &diagnostics {
        let mut path = absolute(&d.location.path);
        if path == dir {
            match &baseline {
                Some(b) => path = b.clone(),
                None => continue,
            }
        }
        let converted = to_lsp(d, &mut lines);
        by_file.entry(path).or_default().push(converted);
    }
    by_file
}

fn to_lsp(d: &Diagnostic, lines: &mut LineIndexes) -> lsp_types::Diagnostic {
    let message = match &d.help {
        Some(help) => format!("{}\n{help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: lsp_types::Location::new(
                    path_to_uri(&absolute(&r.location.path))?,
                    lines.range(&r.location),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: lines.range(&d.location),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: None,
        source: Some("pairlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Line starts per source text (by the `Arc`'s address), built once per publish: a file with
/// many findings is scanned once, not once per finding.
#[derive(Default)]
struct LineIndexes(HashMap<*const u8, Vec<usize>>);

impl LineIndexes {
    /// pairlint's byte range as an LSP range: 0-based lines and UTF-16 columns. A location
    /// without a range (a whole file or folder) is 0:0-0:0.
    fn range(&mut self, location: &Location) -> lsp_types::Range {
        let Some((start, end)) = location.range else {
            return lsp_types::Range::default();
        };
        match &location.source {
            Some(text) => {
                let starts = self
                    .0
                    .entry(Arc::as_ptr(text).cast::<u8>())
                    .or_insert_with(|| line_starts(text));
                lsp_types::Range::new(
                    position(text, starts, start.byte),
                    position(text, starts, end.byte),
                )
            }
            // No text (an undecodable file): the resolved scalar-value columns are the best
            // there is, and the same as UTF-16 for the usual Latin-1 or cp1252 prefix.
            None => {
                let at = |p: crate::text::Position| {
                    lsp_types::Position::new(
                        p.line.saturating_sub(1) as u32,
                        p.column.saturating_sub(1) as u32,
                    )
                };
                lsp_types::Range::new(at(start), at(end))
            }
        }
    }
}

/// Byte offsets where lines begin, with LSP's line ends: `\n`, `\r\n` and a lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The LSP position of a byte offset: its line, and UTF-16 code units from the line's start.
fn position(text: &str, starts: &[usize], byte: usize) -> lsp_types::Position {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let line = starts.partition_point(|&s| s <= byte) - 1;
    let column: usize = text[starts[line]..byte]
        .chars()
        // The `\r` of a `\r\n` is part of the line end, not a column.
        .filter(|&c| c != '\r')
        .map(char::len_utf16)
        .sum();
    lsp_types::Position::new(line as u32, column as u32)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn is_scenario_file(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n == SCENARIO_TOML || (n.ends_with(".txt") && !n.starts_with('.')))
}

/// The absolute path of a `file:` URI that names a scenario file (a `.txt` or scenario.toml).
fn scenario_file(uri: &Uri) -> Option<PathBuf> {
    file_path(uri).filter(|p| is_scenario_file(p))
}

/// The absolute path of a `file:` URI; `None` (logged) for other schemes and remote hosts.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let path = uri_to_path(uri.as_str());
    if path.is_none() {
        log!("ignoring `{}`: not a local file URI", uri.as_str());
    }
    path
}

fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let scheme_end = uri.find(':')?;
    if !uri[..scheme_end].eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = uri[scheme_end + 1..].strip_prefix("//")?;
    let (authority, path) = rest.split_at(rest.find('/')?);
    if !(authority.is_empty() || authority.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    let path = {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    };
    #[cfg(not(unix))]
    let path = {
        let text = String::from_utf8(bytes).ok()?;
        // `/C:/x` names `C:/x`.
        let drive = text.len() > 2 && text.as_bytes()[2] == b':';
        PathBuf::from(if drive { &text[1..] } else { &text[..] })
    };
    path.is_absolute().then(|| absolute(&path))
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// A `file:` URI for an absolute path; every byte but unreserved ones and `/` is escaped.
fn path_to_uri(path: &Path) -> Option<Uri> {
    let raw = path.as_os_str().as_encoded_bytes();
    let mut uri = String::from("file://");
    if cfg!(windows) && !raw.starts_with(b"/") {
        uri.push('/');
    }
    for &b in raw {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(b as char)
            }
            b'\\' if cfg!(windows) => uri.push('/'),
            b':' if cfg!(windows) => uri.push(':'),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, byte: usize) -> (u32, u32) {
        let p = position(text, &line_starts(text), byte);
        (p.line, p.character)
    }

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "Café “x” 𝄞 felt";
        let at = text.find("felt").unwrap();
        // C a f é ␠ “ x ” ␠ 𝄞(2 units) ␠
        assert_eq!(pos(text, at), (0, 12));
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\r\nbc\rd\ne";
        assert_eq!(pos(text, text.find('b').unwrap()), (1, 0));
        assert_eq!(pos(text, text.find('d').unwrap()), (2, 0));
        assert_eq!(pos(text, text.find('e').unwrap()), (3, 0));
        // The `\n` of `\r\n` is the end of line 0, after its one character.
        assert_eq!(pos(text, 2), (0, 1));
        // Past the end and inside a character are clamped, never a panic.
        assert_eq!(pos("é", 1), (0, 0));
        assert_eq!(pos("é", 99), (0, 1));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = std::path::absolute("/tmp/a b/Café #1/baseline.txt").unwrap();
        let uri = path_to_uri(&path).unwrap();
        #[cfg(unix)]
        assert_eq!(
            uri.as_str(),
            "file:///tmp/a%20b/Caf%C3%A9%20%231/baseline.txt"
        );
        assert_eq!(uri_to_path(uri.as_str()), Some(path));
        #[cfg(unix)]
        assert_eq!(
            uri_to_path("file://localhost/x/y%2Ez.txt"),
            Some(PathBuf::from("/x/y.z.txt"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file://server/share/x.txt"), None);
        assert_eq!(uri_to_path("file:///x/%zz"), None);
    }
}
