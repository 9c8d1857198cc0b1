//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Rules carry their
//! metadata, results their regions (1-based, columns in Unicode code points), findings that
//! compare two files point at the baseline through `relatedLocations`, and fingerprints are
//! stable across runs and line shifts.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::path_str;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules;

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptors() -> Vec<Value> {
    rules::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            // `id` is the stable kebab-case name; SARIF wants `name` to differ from it (even in
            // case), so it gets a prefixed CamelCase form: `PairlintLengthMismatch`.
            let title: String = std::iter::once("pairlint")
                .chain(m.name.split('-'))
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect();
            json!({
                "id": m.name,
                "name": title,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.explanation_text() },
                "help": { "text": m.explanation_text(), "markdown": m.explanation_text() },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "scope": m.scope.as_str(), "fixable": m.fixable },
            })
        })
        .collect()
}

fn artifact(location: &Location) -> Value {
    let mut uri = path_str(&location.path);
    if location.range.is_none() && location.source.is_none() && location.path.is_dir() {
        uri.push('/');
    }
    json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
}

fn physical(location: &Location) -> Value {
    let mut p = json!({ "artifactLocation": artifact(location) });
    let folder = location.range.is_none() && location.path.is_dir();
    if location.range.is_none() && !folder {
        // A finding about a whole file (a bad name, an unreadable file) sits on its first line.
        p["region"] = json!({ "startLine": 1 });
    }
    if let Some((start, end)) = location.range {
        p["region"] = json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
            "byteOffset": start.byte,
            "byteLength": end.byte - start.byte,
        });
    }
    p
}

/// FNV-1a: small, dependency-free and stable across platforms and releases.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// rule + path + the flagged text (or the message) + which occurrence of that triple: survives
/// edits elsewhere in the file, changes when the finding itself changes.
fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let flagged = match (&d.location.range, &d.location.source) {
                (Some((s, e)), Some(src)) => src[s.byte..e.byte].to_string(),
                _ => String::new(),
            };
            let path = path_str(&d.location.path);
            let base = fnv1a(&[d.rule, &path, &flagged, &d.message]);
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            format!("{base:016x}:{n}")
        })
        .collect()
}

pub fn document(diagnostics: &[Diagnostic], notifications: &[String]) -> Value {
    let prints = fingerprints(diagnostics);
    let results: Vec<Value> = diagnostics
        .iter()
        .zip(prints)
        .map(|(d, print)| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut r = json!({
                "ruleId": d.rule,
                "ruleIndex": rules::ALL.iter().position(|r| r.meta().name == d.rule),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [ { "physicalLocation": physical(&d.location) } ],
                "partialFingerprints": { "pairlint/v1": print },
            });
            if !d.related.is_empty() {
                r["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        json!({
                            "id": i + 1,
                            "message": { "text": rel.message },
                            "physicalLocation": physical(&rel.location),
                        })
                    })
                    .collect();
            }
            r
        })
        .collect();
    let root = std::env::current_dir()
        .ok()
        .map(|d| format!("file://{}/", path_str(&d).trim_end_matches('/')))
        .unwrap_or_else(|| "file:///".to_string());
    let notes: Vec<Value> = notifications
        .iter()
        .map(|n| json!({ "level": "error", "message": { "text": n } }))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "pairlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/pairlint",
                "rules": rule_descriptors(),
            } },
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root } },
            "results": results,
            "invocations": [ {
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notes,
            } ],
        } ],
    })
}

pub fn render(diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(diagnostics, &[]))
        .map_err(io::Error::other)?;
    writeln!(out)
}

/// A run that could not check anything (a bad config, a missing PATH) as SARIF, so a CI
/// upload step still has a log that says why.
pub fn render_failure(message: &str, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(&[], &[message.to_string()]))
        .map_err(io::Error::other)?;
    writeln!(out)
}
