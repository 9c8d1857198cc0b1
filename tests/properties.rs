//! Properties of the whole rule set on texts nobody wrote by hand: for arbitrary Unicode, for
//! text assembled from words, punctuation, line endings, emoji and combining marks, and for
//! arbitrary bytes, checking a scenario (a baseline and two variants) through the library
//! never panics, every diagnostic points inside its file on char boundaries at the line and
//! column its byte offsets have, and the same input always gives the same output.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use pairlint::corpus::{Entry, Scenario, assemble};
use pairlint::diagnostic::{Diagnostic, Location, Summary};
use pairlint::engine::{RuleSet, check_scenario};
use pairlint::language::taxonomy::Taxonomy;
use pairlint::render::{self, Format};
use pairlint::rules::settings::Settings;
use pairlint::text::Position;
use proptest::prelude::*;

static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(Taxonomy::bundled);

const FILES: [&str; 3] = ["baseline.txt", "furious.txt", "grateful.txt"];

fn scenario(texts: &[Vec<u8>; 3]) -> Scenario {
    let dir = Path::new("s");
    let entries = FILES
        .iter()
        .zip(texts)
        .map(|(name, bytes)| Entry::File(name.to_string(), dir.join(name), Ok(bytes.clone())))
        .collect();
    assemble(dir, entries, None, &TAXONOMY)
}

fn check(texts: &[Vec<u8>; 3]) -> (Scenario, Vec<Diagnostic>) {
    let settings = Settings::default();
    let scenario = scenario(texts);
    let mut diagnostics = check_scenario(&scenario, &settings, &TAXONOMY, &RuleSet::new(&settings));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (scenario, diagnostics)
}

/// Line and column of a byte offset, recomputed from the text.
fn line_column(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Is this location inside its file, on char boundaries, with the right line and column?
fn check_location(texts: &[Vec<u8>; 3], location: &Location) -> Result<(), TestCaseError> {
    let Some((start, end)) = location.range else {
        return Ok(());
    };
    let index = FILES
        .iter()
        .position(|f| Path::new("s").join(f) == location.path)
        .ok_or_else(|| TestCaseError::fail(format!("unknown path: {location:?}")))?;
    let bytes = &texts[index];
    prop_assert!(
        start.byte <= end.byte && end.byte <= bytes.len(),
        "{location:?}"
    );
    let at = |text: &str, p: Position| -> Result<(), TestCaseError> {
        prop_assert!(text.is_char_boundary(p.byte), "{location:?}");
        prop_assert_eq!(
            (p.line, p.column),
            line_column(text, p.byte),
            "{:?}",
            location
        );
        Ok(())
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            prop_assert_eq!(location.source.as_deref(), Some(text));
            at(text, start)?;
            at(text, end)?;
        }
        // invalid-utf8 points at the first bad sequence: its start lies in the valid prefix,
        // its end just past the bad bytes, one column on.
        Err(e) => {
            prop_assert_eq!(start.byte, e.valid_up_to());
            let prefix = std::str::from_utf8(&bytes[..start.byte]).unwrap();
            at(prefix, start)?;
            prop_assert_eq!((end.line, end.column), (start.line, start.column + 1));
        }
    }
    Ok(())
}

/// Every format, rendered: what a user would see from this scenario.
fn rendered(diagnostics: &[Diagnostic]) -> Vec<u8> {
    let mut summary = Summary {
        scenarios: 1,
        files: FILES.len(),
        ..Summary::default()
    };
    summary.count(diagnostics);
    let mut out = Vec::new();
    for format in [
        Format::Concise,
        Format::Json,
        Format::Human,
        Format::Github,
        Format::Sarif,
    ] {
        render::render(format, diagnostics, &summary, true, &mut out).unwrap();
    }
    out
}

fn properties(texts: [Vec<u8>; 3]) -> Result<(), TestCaseError> {
    let (_, first) = check(&texts);
    for d in &first {
        check_location(&texts, &d.location)?;
        for r in &d.related {
            check_location(&texts, &r.location)?;
        }
    }
    // A second scenario from the same bytes: no state, hash order or clock leaks in.
    let (_, second) = check(&texts);
    prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
    prop_assert_eq!(rendered(&first), rendered(&second));
    Ok(())
}

/// Pieces that exercise the tokenizer and the rules: plain and emotion words, names,
/// numbers, label constructions, punctuation, quotes, line endings, emoji sequences,
/// combining marks, invisible and control characters.
const PIECES: &[&str] = &[
    "Owen",
    "Marta",
    "read",
    "the",
    "note",
    "letter",
    "drawer",
    "at",
    "9:40",
    "3.5",
    "1,000",
    "felt",
    "furious",
    "furiously",
    "fury",
    "rage",
    "livid",
    "grateful",
    "gratitude",
    "thankful",
    "anger",
    "a wave of",
    "with",
    "said",
    "angrily",
    "she",
    "he",
    "was",
    "so",
    "Dr.",
    "St.",
    "I",
    "I'm",
    "didn't",
    "Mara’s",
    "NO",
    "OK",
    "e.g.",
    "grate",
    "garage",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    ".",
    ".",
    ",",
    "!",
    "?",
    ";",
    ":",
    "—",
    "–",
    "-",
    "…",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "🇫🇷",
    "👍🏽",
    "e\u{301}",
    "\u{301}",
    "\u{0308}\u{0308}",
    "ǅ",
    "İ",
    "ß",
    "ﬁ",
    "Σ",
    "日本語",
    "مرحبا",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{2028}",
    "\u{FFFD}",
];

fn assembled() -> BoxedStrategy<String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120)
        .prop_map(|p| p.concat())
        .boxed()
}

fn unicode() -> BoxedStrategy<String> {
    prop::collection::vec(any::<char>(), 0..300)
        .prop_map(String::from_iter)
        .boxed()
}

/// Three texts: independent, or variants made from the baseline with a few pieces changed
/// (so cross-file rules compare texts that mostly agree).
fn scenario_texts(text: BoxedStrategy<String>) -> impl Strategy<Value = [Vec<u8>; 3]> {
    let independent = (text.clone(), text.clone(), text.clone())
        .prop_map(|(a, b, c)| [a.into_bytes(), b.into_bytes(), c.into_bytes()]);
    let derived = (
        text.clone(),
        text.clone(),
        text,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(base, x, y, at)| {
            let cut = base
                .char_indices()
                .map(|(i, _)| i)
                .nth(at.index(base.chars().count().max(1)))
                .unwrap_or(base.len());
            let one = format!("{}{x}{}", &base[..cut], &base[cut..]);
            let two = format!("{base}{y}");
            [base.into_bytes(), one.into_bytes(), two.into_bytes()]
        });
    prop_oneof![independent, derived]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_unicode(texts in scenario_texts(unicode())) {
        properties(texts)?;
    }

    #[test]
    fn assembled_prose(texts in scenario_texts(assembled())) {
        properties(texts)?;
    }

    #[test]
    fn arbitrary_bytes(
        texts in (
            prop::collection::vec(any::<u8>(), 0..400),
            prop::collection::vec(any::<u8>(), 0..400),
            prop::collection::vec(any::<u8>(), 0..400),
        ).prop_map(|(a, b, c)| [a, b, c])
    ) {
        properties(texts)?;
    }
}

/// The harness is not vacuous: a scenario with known problems yields findings, each in one of
/// its files or about the folder, and each passes the location check.
#[test]
fn a_known_scenario_has_findings_the_checks_accept() {
    let texts = [
        b"Owen read the note at 9:40.\n".to_vec(),
        b"Owen felt furious. He read the note with Priya.\r\n".to_vec(),
        b"\xFFOwen\n".to_vec(),
    ];
    let (_, diagnostics) = check(&texts);
    let known: Vec<PathBuf> = FILES.iter().map(|f| Path::new("s").join(f)).collect();
    let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule).collect();
    for rule in ["crlf", "emotion-label", "invalid-utf8", "new-entity"] {
        assert!(rules.contains(&rule), "{rule} not in {rules:?}");
    }
    for d in &diagnostics {
        assert!(
            known.contains(&d.location.path) || d.location.path == Path::new("s"),
            "{:?}",
            d.location
        );
        check_location(&texts, &d.location).unwrap();
    }
}

/// Found by `assembled_prose`: the human renderer panicked (ariadne 0.6 in byte mode read a
/// char offset as a byte offset for the label in the second file) when the baseline had
/// multibyte characters before the anchor a variant lacks. Curly quotes and a dash suffice.
#[test]
fn human_output_survives_multibyte_text_before_a_label_in_the_baseline() {
    let texts = [
        "Owen said “fine” — and Marta left the room at noon.\n"
            .as_bytes()
            .to_vec(),
        b"Owen said fine and left the room at noon.\n".to_vec(),
        "Owen🇫🇷 said fine, and Marta left the room at noon.\n"
            .as_bytes()
            .to_vec(),
    ];
    let (_, diagnostics) = check(&texts);
    assert!(diagnostics.iter().any(|d| d.rule == "missing-anchor"));
    let mut out = Vec::new();
    render::render(
        Format::Human,
        &diagnostics,
        &Summary::default(),
        false,
        &mut out,
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    // The baseline's label sits at Marta's column, counted in chars.
    assert!(out.contains("─[ s/baseline.txt:1:24 ]"), "{out}");
}
