//! Time each rule over a corpus: `cargo run --release --example rule_costs -- paired [ROUNDS]`.
//! Loads and tokenizes once, then runs every rule alone ROUNDS times over all scenarios and
//! prints the cost per scenario, slowest first.

use std::path::PathBuf;
use std::time::Instant;

use pairlint::corpus::{discover, load_scenario};
use pairlint::language::taxonomy::Taxonomy;
use pairlint::rules::settings::Settings;
use pairlint::rules::{ALL, Context, Scope};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "paired".into()));
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(200);
    let settings = Settings::default();
    let taxonomy = Taxonomy::bundled();
    let targets = match discover(&[root]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", e.0);
            std::process::exit(2);
        }
    };
    let load = Instant::now();
    let scenarios: Vec<_> = targets
        .scenarios
        .iter()
        .map(|(d, r, _)| load_scenario(d, r, None, &taxonomy, settings.max_file_bytes))
        .collect();
    let load = load.elapsed();
    // The lexicon and label tables are static (compiled by build/), so this is ~0; it stays
    // timed so a regression to building them at run time shows here, not in one rule.
    let warm = Instant::now();
    let _ = pairlint::language::labels::Labels::bundled();
    let warm = warm.elapsed();
    let mut rows = Vec::new();
    for rule in ALL {
        let start = Instant::now();
        let mut findings = 0;
        for _ in 0..rounds {
            for s in &scenarios {
                let cx = Context::new(s, &settings, &taxonomy);
                let mut out = Vec::new();
                match rule.meta().scope {
                    Scope::File => s
                        .files
                        .iter()
                        .for_each(|f| rule.check_file(&cx, f, &mut out)),
                    Scope::Scenario => rule.check_scenario(&cx, &mut out),
                    Scope::Corpus => {}
                }
                findings += out.len();
            }
        }
        let per = start.elapsed().as_secs_f64() * 1e6 / (rounds as f64 * scenarios.len() as f64);
        rows.push((per, rule.meta().name, findings / rounds as usize));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "{} scenarios; load+tokenize {:.2} ms; lexicon+labels init {:.2} ms; {rounds} rounds",
        scenarios.len(),
        load.as_secs_f64() * 1e3,
        warm.as_secs_f64() * 1e3
    );
    println!("{:>12}  {:<22} findings", "µs/scenario", "rule");
    for (per, name, findings) in rows {
        println!("{per:>12.1}  {name:<22} {findings}");
    }
}
