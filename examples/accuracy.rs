//! The cross-file rules on real paired text:
//! `cargo run --release --example accuracy -- PATH [SAMPLE]`.
//!
//! Runs missing-anchor, new-entity, pov-shift, tense-shift, setup-drift and length-mismatch
//! over the corpus at PATH with default settings, and prints, per rule, its findings and
//! their rate per 1,000 pairs (a pair is one variant with its baseline), then SAMPLE findings
//! (default 100) drawn evenly across the sorted list, one line each, for review by hand.
//! ACCURACY.md records a run on real data and the review of its sample.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pairlint::config::Settings;
use pairlint::corpus::{discover, load_scenario};
use pairlint::engine::{RuleSet, check_scenario};
use pairlint::taxonomy::Taxonomy;

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
    let mut counts: BTreeMap<&str, usize> = RULES.iter().map(|r| (*r, 0)).collect();
    let mut findings: Vec<String> = Vec::new();
    for (dir, rel, _) in &targets.scenarios {
        let scenario = load_scenario(dir, rel, None, &taxonomy, settings.max_file_bytes);
        if scenario.baseline_doc().is_some() {
            pairs += scenario.variants.len();
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
