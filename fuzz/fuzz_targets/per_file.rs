//! Arbitrary bytes as the texts of one scenario, through `assemble` and every rule.
//!
//! The input is split at the first 0x1E byte (ASCII record separator) into the baseline and
//! the variant text; without one, baseline and variant get the same bytes. The variant is
//! written as `furious.txt` and, under a name the first byte picks, a second emotion, so
//! both file-scope and cross-file rules see it. Besides not panicking, every diagnostic must
//! point inside its file, on char boundaries, at the line and column its byte offset has, and
//! every output format must render the findings.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pairlint::rules::settings::Settings;
use pairlint::corpus::{Entry, Scenario, assemble};
use pairlint::diagnostic::{Location, Summary};
use pairlint::engine::{RuleSet, check_scenario};
use pairlint::render::{self, Format};
use pairlint::language::taxonomy::Taxonomy;
use pairlint::text::Position;

const SECOND: &[&str] = &[
    "grateful",
    "anxious",
    "anticipatory_sexual",
    "lonely",
    "proud",
    "calm",
    "bitter",
    "not_an_emotion",
];

/// A range must lie inside its file, on char boundaries, at the line and column its byte
/// offset has. An undecoded file (invalid-utf8) is pointed into by raw byte offsets: the
/// start lies in its valid prefix and the end just past the bad sequence, one column on.
fn check_location(scenario: &Scenario, raw: &[(&str, &[u8])], location: &Location) {
    let Some((start, end)) = location.range else {
        return;
    };
    let at = |text: &str, p: Position| {
        let before = &text[..p.byte];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        assert_eq!((p.line, p.column), (line, column), "{location:?}");
    };
    assert!(start.byte <= end.byte, "{location:?}");
    match scenario.files.iter().find(|f| f.path == location.path) {
        Some(file) => match file.doc() {
            Some(doc) => {
                assert!(end.byte <= doc.text.len(), "{location:?}");
                assert!(doc.text.is_char_boundary(start.byte), "{location:?}");
                assert!(doc.text.is_char_boundary(end.byte), "{location:?}");
                at(&doc.text, start);
                at(&doc.text, end);
            }
            None => {
                let bytes = raw
                    .iter()
                    .find(|(name, _)| *name == file.name)
                    .map(|(_, b)| *b)
                    .expect("every file came from the input");
                assert!(end.byte <= bytes.len(), "{location:?}");
                let prefix = std::str::from_utf8(&bytes[..start.byte])
                    .expect("an undecoded file's finding starts in its valid prefix");
                at(prefix, start);
                assert_eq!((end.line, end.column), (start.line, start.column + 1));
            }
        },
        None => {
            let doc = scenario
                .config_doc
                .as_ref()
                .unwrap_or_else(|| panic!("a range into an unknown file: {location:?}"));
            assert!(end.byte <= doc.text.len() && doc.text.is_char_boundary(end.byte));
            at(&doc.text, start);
            at(&doc.text, end);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (baseline, variant) = match data.iter().position(|&b| b == 0x1E) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let second = SECOND[data.first().map_or(0, |&b| b as usize) % SECOND.len()];
    let dir = Path::new("s");
    let file = |name: &str, bytes: &[u8]| {
        Entry::File(name.to_string(), dir.join(name), Ok(bytes.to_vec()))
    };
    static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(Taxonomy::bundled);
    let taxonomy = &*TAXONOMY;
    let settings = Settings::default();
    let second = format!("{second}.txt");
    let raw: [(&str, &[u8]); 3] = [
        ("baseline.txt", baseline),
        ("furious.txt", variant),
        (&second, variant),
    ];
    let scenario = assemble(
        dir,
        raw.iter().map(|(name, bytes)| file(name, bytes)).collect(),
        None::<(PathBuf, Result<Vec<u8>, String>)>,
        taxonomy,
    );
    let diagnostics = check_scenario(&scenario, &settings, taxonomy, &RuleSet::new(&settings));
    for d in &diagnostics {
        check_location(&scenario, &raw, &d.location);
        for r in &d.related {
            check_location(&scenario, &raw, &r.location);
        }
    }
    let mut summary = Summary::default();
    summary.count(&diagnostics);
    for format in [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ] {
        render::render(format, &diagnostics, &summary, true, &mut std::io::sink())
            .expect("rendering into a sink succeeds");
    }
});
