//! The cross-file rules on real review pairs (tests/real-pairs, CAD IMDb data,
//! Apache-2.0, attribution in its README), and properties over paired/ that hold by design:
//! every inferred anchor is found in its own baseline; a renamed person and a variant
//! rewritten into the present are always caught.

mod common;
use common::copy_tree;
use std::path::{Path, PathBuf};

use pairlint::corpus::{discover, load_scenario};
use pairlint::engine::{RuleSet, check_scenario};
use pairlint::language::entities::{CaseEvidence, inferred, names};
use pairlint::language::taxonomy::Taxonomy;
use pairlint::rules::settings::Settings;

const CROSS_FILE: &[&str] = &[
    "missing-anchor",
    "new-entity",
    "pov-shift",
    "tense-shift",
    "setup-drift",
    "length-mismatch",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `scenario/file rule message` for every finding of `rules` under `dir`, sorted.
fn findings(dir: &Path, rules: &[&'static str]) -> Vec<String> {
    let settings = Settings {
        select: Some(rules.to_vec()),
        ..Settings::default()
    };
    let rule_set = RuleSet::new(&settings);
    let taxonomy = Taxonomy::bundled();
    let targets = discover(&[dir.to_path_buf()]).expect("corpus exists");
    let mut out = Vec::new();
    for (scenario_dir, rel, _) in &targets.scenarios {
        let scenario = load_scenario(scenario_dir, rel, None, &taxonomy, settings.max_file_bytes);
        for d in check_scenario(&scenario, &settings, &taxonomy, &rule_set) {
            // `scenario/file`: the last two components of the path.
            let parts: Vec<String> = d
                .location
                .path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let path = parts[parts.len().saturating_sub(2)..].join("/");
            out.push(format!("{path} {}", d.message));
            let last = out.last_mut().unwrap();
            *last = last.replacen(' ', &format!(" [{}] ", d.rule), 1);
        }
    }
    out.sort();
    out
}

#[test]
fn real_pairs_give_exactly_the_expected_findings() {
    let dir = root().join("tests/real-pairs");
    let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap()
        .lines()
        .map(|l| {
            // expected.txt lines: `scenario/file message [rule]`
            let (rest, rule) = l.rsplit_once(" [").unwrap();
            let (path, message) = rest.split_once(' ').unwrap();
            format!("{path} [{}] {message}", rule.trim_end_matches(']'))
        })
        .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(findings(&dir, CROSS_FILE), expected);
}

/// The baselines of paired/ and of the real pairs.
fn baselines() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for corpus in ["paired", "tests/real-pairs"] {
        for entry in std::fs::read_dir(root().join(corpus)).unwrap() {
            let path = entry.unwrap().path().join("baseline.txt");
            if path.exists() {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 50, "{} baselines", out.len());
    out
}

#[test]
fn every_inferred_anchor_is_found_in_its_own_baseline() {
    for path in baselines() {
        let doc = pairlint::text::Doc::new(std::fs::read_to_string(&path).unwrap());
        let evidence = CaseEvidence::new([&doc]);
        let anchors = inferred(&doc, &evidence, true, true);
        for anchor in &anchors {
            assert!(
                anchor.find(&doc).is_some(),
                "{}: `{}` not found in its own baseline",
                path.display(),
                anchor.label
            );
        }
    }
}

/// A copy of paired/ scenario `name` in a fresh folder, for mutating.
fn copy_scenario(name: &str, into: &Path) -> PathBuf {
    let to = into.join(name);
    copy_tree(&root().join("paired").join(name), &to);
    to
}

fn scenarios() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("paired"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("baseline.txt").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The first variant of a scenario folder, alphabetically.
fn first_variant(dir: &Path) -> PathBuf {
    let mut variants: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name().is_some_and(|n| n != "baseline.txt")
        })
        .collect();
    variants.sort();
    variants.remove(0)
}

/// Replace whole words `from` by `to` in `text`, plurals too: `Sundays` still mentions
/// `Sunday`, so renaming one and not the other would rename nothing.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().next_back();
        let tail = &rest[at + from.len()..];
        let after = tail.strip_prefix('s').unwrap_or(tail).chars().next();
        let boundary =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if boundary { to } else { from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn renaming_the_first_named_entity_in_one_variant_is_caught_in_every_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let mut caught = 0;
    let all = scenarios();
    for name in &all {
        let dir = copy_scenario(name, tmp.path());
        let base =
            pairlint::text::Doc::new(std::fs::read_to_string(dir.join("baseline.txt")).unwrap());
        let evidence = CaseEvidence::new([&base]);
        let first = names(&base, &evidence)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{name}: the baseline names nobody"));
        // The name itself, without a possessive: renaming `Pia` renames `Pia's` too, while
        // renaming only `Pia's` would leave the name elsewhere in the text.
        let span = &base.text[first.span(&base)];
        let label = span
            .strip_suffix("'s")
            .or_else(|| span.strip_suffix("\u{2019}s"))
            .unwrap_or(span)
            .to_string();
        let variant = first_variant(&dir);
        let text = std::fs::read_to_string(&variant).unwrap();
        assert!(text.contains(&label), "{name}: variant lacks `{label}`");
        std::fs::write(&variant, replace_word(&text, &label, "Bartholomew")).unwrap();
        let found = findings(&dir, &["missing-anchor", "new-entity"]);
        let missing = found
            .iter()
            .any(|f| f.contains("[missing-anchor]") && f.contains(&format!("`{label}")));
        // Quoted as written: `Bartholomew's` where the name stood in the possessive.
        let new = found
            .iter()
            .any(|f| f.contains("[new-entity]") && f.contains("`Bartholomew"));
        assert!(missing && new, "{name}: renaming `{label}` gave {found:?}");
        caught += 1;
    }
    println!("renames caught: {caught} of {}", all.len());
    assert_eq!(caught, all.len());
}

/// `text` with its past-tense verbs put into the present: the auxiliaries, the irregular pasts
/// of rules/verbs/irregular.txt and regular `-ed` forms, agreeing with the word before.
fn to_present(text: &str) -> String {
    let irregular: Vec<(String, Vec<String>)> =
        std::fs::read_to_string(root().join("rules/verbs/irregular.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut f = l.split_whitespace().map(str::to_string);
                (f.next().unwrap(), f.collect())
            })
            .collect();
    let third = |base: &str| -> String {
        if base.ends_with(['s', 'x', 'z', 'o']) || base.ends_with("sh") || base.ends_with("ch") {
            format!("{base}es")
        } else if base.ends_with('y') && !base[..base.len() - 1].ends_with(['a', 'e', 'o', 'u']) {
            format!("{}ies", &base[..base.len() - 1])
        } else {
            format!("{base}s")
        }
    };
    let mut out = String::new();
    let mut previous = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, previous: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        let plural_subject = matches!(previous.as_str(), "i" | "we" | "you" | "they");
        let present = match lower.as_str() {
            "was" => Some(if previous == "i" {
                "am".to_string()
            } else if plural_subject {
                "are".into()
            } else {
                "is".into()
            }),
            "were" => Some("are".into()),
            "had" => Some(if plural_subject {
                "have".into()
            } else {
                "has".into()
            }),
            "did" => Some(if plural_subject {
                "do".into()
            } else {
                "does".into()
            }),
            _ => irregular
                .iter()
                .find(|(_, pasts)| pasts.contains(&lower))
                .map(|(base, _)| {
                    if plural_subject {
                        base.clone()
                    } else {
                        third(base)
                    }
                })
                .or_else(|| {
                    let stem = lower.strip_suffix("ed")?;
                    let base = [stem.to_string(), format!("{stem}e")]
                        .into_iter()
                        .find(|b| b.len() > 2 && pairlint::text::dictionary::contains(b))?;
                    Some(if plural_subject {
                        base.clone()
                    } else {
                        third(&base)
                    })
                }),
        };
        match present {
            Some(p) if word.starts_with(char::is_uppercase) => {
                let mut c = p.chars();
                out.extend(c.next().unwrap().to_uppercase());
                out.push_str(c.as_str());
            }
            Some(p) => out.push_str(&p),
            None => out.push_str(word),
        }
        *previous = lower;
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut previous, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut previous, &mut out);
    out
}

#[test]
fn rewriting_one_variant_into_the_present_is_caught_in_every_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let mut caught = 0;
    let all = scenarios();
    for name in &all {
        let dir = copy_scenario(name, tmp.path());
        let variant = first_variant(&dir);
        let text = std::fs::read_to_string(&variant).unwrap();
        std::fs::write(&variant, to_present(&text)).unwrap();
        let found = findings(&dir, &["tense-shift"]);
        assert!(
            found
                .iter()
                .any(|f| f.contains("told in the present tense")),
            "{name}: {found:?}\n{}",
            to_present(&text)
        );
        caught += 1;
    }
    println!("tense rewrites caught: {caught} of {}", all.len());
    assert_eq!(caught, all.len());
}
