//! Runs `emotion-label` over sentences read from stdin, one per line (`id<TAB>text`, or just
//! text), and prints what it finds, to study the rule on a pool of real sentences:
//!
//! `id<TAB>E|I|-<TAB>constructions[matched words]<TAB>emotion words<TAB>text`
//!
//! E: an error-level label; I: only an info-level formula; -: nothing. The emotion words are the
//! lexicon's (any tier), so sentences holding one the rule does not read as a label are easy to
//! pick out. Nothing is written to disk.
//!
//! `cargo run --release --example label_probe < sentences.tsv`

use pairlint::diagnostic::Severity;
use pairlint::language::labels::Labels;
use pairlint::language::lexicon::Lexicon;
use pairlint::text::Doc;
use std::io::{BufRead, Write};

fn main() {
    let labels = Labels::bundled();
    let lexicon = Lexicon::bundled();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let Ok(line) = line else { break };
        let (id, text) = match line.split_once('\t') {
            Some((id, text)) => (id.to_string(), text.to_string()),
            None => ((n + 1).to_string(), line),
        };
        let doc = Doc::new(text.as_str());
        let found = labels.find(&doc);
        let flag = if found.iter().any(|m| m.severity == Severity::Error) {
            "E"
        } else if found.is_empty() {
            "-"
        } else {
            "I"
        };
        let constructions: Vec<String> = found
            .iter()
            .map(|m| format!("{}[{}]", m.construction, &doc.text[m.start..m.end]))
            .collect();
        let words: Vec<String> = doc
            .words
            .iter()
            .map(|w| w.lower(&doc))
            .filter(|w| !lexicon.analyze(w).is_empty())
            .map(str::to_string)
            .collect();
        let _ = writeln!(
            out,
            "{id}\t{flag}\t{}\t{}\t{text}",
            constructions.join(","),
            words.join(",")
        );
    }
}
