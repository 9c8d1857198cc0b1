//! The cross-file rules on real paired text:
//! `cargo run --release --example accuracy -- PATH [SAMPLE]`.
//!
//! Runs missing-anchor, new-entity, pov-shift, tense-shift, setup-drift and length-mismatch
//! over the corpus at PATH with default settings, and prints, per rule, its findings and
//! their rate per 1,000 pairs (a pair is one variant with its baseline), then SAMPLE findings
//! (default 100) drawn evenly across the sorted list, one line each, for review by hand. It
//! also counts the anchors inferred from each baseline that are not found in that baseline
//! (there must be none).
//! ACCURACY.md records a run on real data and the review of its sample.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pairlint::corpus::{discover, load_scenario};
use pairlint::engine::{RuleSet, check_scenario};
use pairlint::language::entities::{CaseEvidence, inferred};
use pairlint::language::taxonomy::Taxonomy;
use pairlint::rules::settings::Settings;

const RULES: &[&str] = &[
    "missing-anchor",
    "new-entity",
    "pov-shift",
    "tense-shift",
    "setup-drift",
    "length-mismatch",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: accuracy PATH [SAMPLE]");
        std::process::exit(2);
    };
    let sample: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let settings = Settings {
        select: Some(RULES.to_vec()),
        ..Settings::default()
    };
    let rule_set = RuleSet::new(&settings);
    let taxonomy = Taxonomy::bundled();
    let targets = match discover(&[root]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", e.0);
            std::process::exit(2);
        }
    };
    let mut pairs = 0usize;
    // Every anchor inferred from a baseline must be found in that baseline again.
    let (mut anchors, mut unmatched) = (0usize, Vec::new());
    let mut counts: BTreeMap<&str, usize> = RULES.iter().map(|r| (*r, 0)).collect();
    let mut findings: Vec<String> = Vec::new();
    for (dir, rel, _) in &targets.scenarios {
        let scenario = load_scenario(dir, rel, None, &taxonomy, settings.max_file_bytes);
        if let Some(base) = scenario.baseline_doc() {
            pairs += scenario.variants.len();
            let evidence = CaseEvidence::new(scenario.files.iter().filter_map(|f| f.doc()));
            for anchor in inferred(base, &evidence, true, true) {
                anchors += 1;
                if anchor.find(base).is_none() {
                    unmatched.push(format!("{}: {}", dir.display(), anchor.label));
                }
            }
        }
        for d in check_scenario(&scenario, &settings, &taxonomy, &rule_set) {
            *counts.entry(d.rule).or_default() += 1;
            findings.push(format!(
                "{}\t{}\t{}",
                d.rule,
                d.location.path.display(),
                d.message
            ));
        }
    }
    findings.sort();
    println!("{pairs} pairs in {} scenarios", targets.scenarios.len());
    println!(
        "{anchors} anchors inferred from the baselines, {} not found in their own baseline",
        unmatched.len()
    );
    for u in &unmatched {
        println!("  not found: {u}");
    }
    println!("{:<16} {:>8} {:>14}", "rule", "findings", "per 1,000 pairs");
    for (rule, n) in &counts {
        let rate = if pairs == 0 {
            0.0
        } else {
            *n as f64 * 1000.0 / pairs as f64
        };
        println!("{rule:<16} {n:>8} {rate:>14.1}");
    }
    if sample > 0 && !findings.is_empty() {
        let step = (findings.len() as f64 / sample as f64).max(1.0);
        println!(
            "\nsample of {} findings (every {step:.1}th):",
            sample.min(findings.len())
        );
        for k in 0..sample.min(findings.len()) {
            println!("{}", findings[(k as f64 * step) as usize]);
        }
    }
}
