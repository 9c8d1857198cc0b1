//! How well `emotion-mismatch` finds variants that carry another emotion than their name
//! (ACCURACY.md, issue 13). Two experiments, both on texts held in memory (nothing is written):
//!
//!   cargo run --release --example mismatch_eval -- renames DIR [even|odd|all]
//!       DIR is a paired corpus whose variants are `pleased.txt` or `disappointed.txt` (the
//!       counterfactually-augmented IMDb pairs). Every other scenario (sorted by folder name)
//!       has its variant renamed to the opposite emotion; prints how many renamed and how many
//!       untouched variants the rule reports. `even`/`odd` keep only scenarios whose index
//!       is even/odd, so one half can be looked at while the other stays held out.
//!
//!   cargo run --release --example mismatch_eval -- learned DIR RATE
//!       The whole corpus at once, so the rule's corpus pass (the family model learned from
//!       the corpus, with each scenario held out in turn) runs too: a share RATE (0-1) of the
//!       scenarios, chosen by a fixed hash of the folder name, have their pleased/disappointed
//!       variant renamed to the opposite emotion; prints how many renamed and untouched
//!       variants each pass reports, and the model's separability of the two families.
//!
//!   cargo run --release --example mismatch_eval -- swaps DIR
//!       For every scenario of DIR and every pair of its variants from different families,
//!       swap the two texts (one swap at a time) and count a swap as detected when the rule
//!       reports either swapped file, the whole corpus checked each time (scenario pass and
//!       corpus pass, as `pairlint check` runs); prints the rate per family pair and overall,
//!       and the findings on the untouched corpus.
//!
//!   cargo run --release --example mismatch_eval -- neutral DIR NEUTRAL
//!       NEUTRAL holds, for some scenarios S of DIR, texts that tell S's event with no emotion
//!       (`NEUTRAL/S/*.txt` other than baseline.txt: a reworded baseline, a baseline with
//!       affect-free detail). Each such text in turn replaces each of S's variants (one at a
//!       time, the whole corpus checked each time); a replacement counts as detected when the
//!       rule reports the replaced file. Prints the rate per kind of text and per family, and
//!       which test reported it. `MISMATCH_SWAP_SCENARIOS=a,b` restricts it to those folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pairlint::corpus::{Entry, Scenario, assemble, discover, load_scenario};
use pairlint::diagnostic::Diagnostic;
use pairlint::engine::{RuleSet, check_scenario};
use pairlint::language::taxonomy::Taxonomy;
use pairlint::rules::Rule;
use pairlint::rules::settings::Settings;

const RULE: &str = "emotion-mismatch";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, root) = match args.as_slice() {
        [mode, root, ..] => (mode.as_str(), PathBuf::from(root)),
        _ => usage(),
    };
    let mut settings = Settings {
        select: Some(vec![RULE]),
        ..Settings::default()
    };
    // For ablations: `MISMATCH_MIN_SIBLING_GAP=99` turns the valence comparison of siblings off.
    if let Some(gap) = std::env::var("MISMATCH_MIN_SIBLING_GAP")
        .ok()
        .and_then(|g| g.parse().ok())
    {
        settings.mismatch_min_sibling_gap = gap;
    }
    // `MISMATCH_MIN_SHIFT=99` turns the valence comparison with the baseline off.
    if let Some(shift) = std::env::var("MISMATCH_MIN_SHIFT")
        .ok()
        .and_then(|g| g.parse().ok())
    {
        settings.mismatch_min_shift = shift;
    }
    let rule_set = RuleSet::new(&settings);
    let taxonomy = Taxonomy::bundled();
    let targets = discover(std::slice::from_ref(&root)).unwrap_or_else(|e| {
        eprintln!("{}", e.0);
        std::process::exit(2)
    });
    let dirs: Vec<PathBuf> = targets
        .scenarios
        .iter()
        .map(|(dir, _, _)| dir.to_path_buf())
        .collect();
    let run = |dir: &Path, files: &[(String, String)]| -> Vec<String> {
        let scenario = scenario_of(dir, files, &taxonomy);
        check_scenario(&scenario, &settings, &taxonomy, &rule_set)
            .iter()
            .map(finding_line)
            .collect()
    };
    let texts = |dir: &Path| -> Vec<(String, String)> {
        let scenario = load_scenario(dir, dir, None, &taxonomy, settings.max_file_bytes);
        scenario
            .files
            .iter()
            .filter_map(|f| Some((f.name.clone(), f.doc()?.text.to_string())))
            .collect()
    };
    // The same, with the rest of the corpus beside it and the corpus pass after the scenario
    // pass, as `pairlint check` runs: the findings on `dir` from both passes.
    let all_texts: Vec<Vec<(String, String)>> = if mode == "swaps" || mode == "neutral" {
        dirs.iter().map(|d| texts(d)).collect()
    } else {
        Vec::new()
    };
    let run_in_corpus = |dir: &Path, files: &[(String, String)]| -> Vec<String> {
        use pairlint::rules::summary::{Summaries, summarize};
        use pairlint::rules::{Context, CorpusContext};
        let mut summaries = Summaries::with_capacity(dirs.len());
        let mut mine = Vec::new();
        for (d, own) in dirs.iter().zip(&all_texts) {
            let files = if d.as_path() == dir { files } else { own };
            let scenario = scenario_of(d, files, &taxonomy);
            let found = check_scenario(&scenario, &settings, &taxonomy, &rule_set);
            let cx = Context::new(&scenario, &settings, &taxonomy);
            summaries.push(summarize(&cx, d.as_path().into(), &found));
            if d.as_path() == dir {
                mine = found;
            }
        }
        let cx = CorpusContext {
            summaries: &summaries,
            settings: &settings,
            taxonomy: &taxonomy,
        };
        the_rule().check_corpus(&cx, &mut mine);
        mine.iter()
            .filter(|d| d.location.path.parent() == Some(dir))
            .map(finding_line)
            .collect()
    };
    match mode {
        "renames" => {
            let half = args.get(2).map(String::as_str).unwrap_or("all");
            let (mut renamed, mut renamed_hit, mut kept, mut kept_hit) = (0, 0, 0, 0);
            let mut samples: Vec<String> = Vec::new();
            for (i, dir) in dirs.iter().enumerate() {
                if (half == "even" && i % 2 == 1) || (half == "odd" && i % 2 == 0) {
                    continue;
                }
                // Within the kept half, every other scenario is renamed.
                let rename = (i / 2) % 2 == 0;
                let mut files = texts(dir);
                if rename {
                    rename_to_opposite(&mut files);
                }
                let found = run(dir, &files);
                let hit = !found.is_empty();
                if rename {
                    renamed += 1;
                    renamed_hit += usize::from(hit);
                    if !hit && std::env::var_os("SHOW_MISSES").is_some() {
                        println!("  missed {}", dir.display());
                    }
                } else {
                    kept += 1;
                    kept_hit += usize::from(hit);
                    if hit && samples.len() < 20 {
                        samples.push(format!("untouched {}: {}", dir.display(), found[0]));
                    }
                }
            }
            println!(
                "renamed variants reported: {renamed_hit} of {renamed} ({:.1}%)",
                pct(renamed_hit, renamed)
            );
            println!(
                "untouched variants reported: {kept_hit} of {kept} ({:.1}%)",
                pct(kept_hit, kept)
            );
            for s in samples {
                println!("  {s}");
            }
        }
        "swaps" => {
            let mut by_pair: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
            // Swaps between a pleasant and an unpleasant emotion (valence beyond 0.3 either way).
            let (mut opposite, mut opposite_hit) = (0, 0);
            // Findings on the other, untouched variants of a scenario during its swaps.
            let mut bystanders = 0;
            let mut untouched = Vec::new();
            // `MISMATCH_SWAP_SCENARIOS=a,b`: swap only within these folders (the rest of the
            // corpus still trains the model), e.g. to score scenarios held back from tuning.
            let only: Option<Vec<String>> = std::env::var("MISMATCH_SWAP_SCENARIOS")
                .ok()
                .map(|v| v.split(',').map(str::to_string).collect());
            for dir in &dirs {
                let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
                if let (Some(only), Some(name)) = (&only, &name)
                    && !only.contains(name)
                {
                    continue;
                }
                let files = texts(dir);
                untouched.extend(
                    run_in_corpus(dir, &files)
                        .into_iter()
                        .map(|f| format!("{}: {f}", dir.display())),
                );
                let family = |name: &str| {
                    let stem = name.strip_suffix(".txt")?;
                    Some(taxonomy.resolve(stem)?.emotion.family)
                };
                let valence = |name: &str| {
                    let stem = name.strip_suffix(".txt")?;
                    Some(taxonomy.resolve(stem)?.emotion.valence)
                };
                for a in 0..files.len() {
                    for b in a + 1..files.len() {
                        let (Some(fa), Some(fb)) = (family(&files[a].0), family(&files[b].0))
                        else {
                            continue;
                        };
                        if fa == fb || files[a].0 == "baseline.txt" || files[b].0 == "baseline.txt"
                        {
                            continue;
                        }
                        let mut swapped = files.clone();
                        let text_a = swapped[a].1.clone();
                        swapped[a].1 = swapped[b].1.clone();
                        swapped[b].1 = text_a;
                        let found = run_in_corpus(dir, &swapped);
                        let swapped_file = |f: &String| {
                            f.starts_with(&format!("{}\t", files[a].0))
                                || f.starts_with(&format!("{}\t", files[b].0))
                        };
                        let hit = found.iter().any(swapped_file);
                        bystanders += found.iter().filter(|f| !swapped_file(f)).count();
                        if let (Some(va), Some(vb)) = (valence(&files[a].0), valence(&files[b].0))
                            && va.abs() >= 0.3
                            && vb.abs() >= 0.3
                            && va.signum() != vb.signum()
                        {
                            opposite += 1;
                            opposite_hit += usize::from(hit);
                        }
                        let key = if fa < fb { (fa, fb) } else { (fb, fa) };
                        let entry = by_pair.entry(key).or_default();
                        entry.0 += 1;
                        entry.1 += usize::from(hit);
                    }
                }
            }
            let (total, hits) = by_pair
                .values()
                .fold((0, 0), |acc, (n, h)| (acc.0 + n, acc.1 + h));
            for ((a, b), (n, h)) in &by_pair {
                println!("{a:>20} x {b:<20} {h}/{n}");
            }
            println!(
                "swaps detected: {hits} of {total} ({:.1}%)",
                pct(hits, total)
            );
            println!(
                "  between a pleasant and an unpleasant emotion: {opposite_hit} of {opposite} ({:.1}%)",
                pct(opposite_hit, opposite)
            );
            println!("findings on the other variants during the swaps: {bystanders}");
            println!("findings on the untouched corpus: {}", untouched.len());
            for f in untouched {
                println!("  {f}");
            }
        }
        "neutral" => {
            let neutral_root = PathBuf::from(args.get(2).unwrap_or_else(|| usage()));
            let only: Option<Vec<String>> = std::env::var("MISMATCH_SWAP_SCENARIOS")
                .ok()
                .map(|v| v.split(',').map(str::to_string).collect());
            // Kind of text -> (replacements, detected); family -> the same; message kind -> count.
            let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            let mut by_family: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            let mut by_test: BTreeMap<String, usize> = BTreeMap::new();
            let mut bystanders = 0;
            for dir in &dirs {
                let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                    continue;
                };
                if only.as_ref().is_some_and(|o| !o.contains(&name)) {
                    continue;
                }
                let Ok(listing) = std::fs::read_dir(neutral_root.join(&name)) else {
                    continue;
                };
                let mut neutral: Vec<(String, String)> = listing
                    .filter_map(Result::ok)
                    .filter_map(|e| {
                        let file = e.file_name().to_string_lossy().into_owned();
                        let kind = file.strip_suffix(".txt")?.to_string();
                        if kind == "baseline" {
                            return None;
                        }
                        Some((kind, std::fs::read_to_string(e.path()).ok()?))
                    })
                    .collect();
                neutral.sort();
                let files = texts(dir);
                for (kind, text) in &neutral {
                    for v in 0..files.len() {
                        let file = &files[v].0;
                        let Some(emotion) =
                            file.strip_suffix(".txt").and_then(|e| taxonomy.resolve(e))
                        else {
                            continue;
                        };
                        let mut replaced = files.clone();
                        replaced[v].1 = text.clone();
                        let found = run_in_corpus(dir, &replaced);
                        let mine: Vec<&String> = found
                            .iter()
                            .filter(|f| f.starts_with(&format!("{file}\t")))
                            .collect();
                        bystanders += found.len() - mine.len();
                        if std::env::var_os("SHOW_BYSTANDERS").is_some() {
                            for f in found.iter().filter(|f| !mine.contains(f)) {
                                println!("  bystander {name} ({kind} as {file}): {f}");
                            }
                        }
                        let hit = !mine.is_empty();
                        for kind_entry in [
                            by_kind.entry(kind.clone()).or_default(),
                            by_family
                                .entry(emotion.emotion.family.to_string())
                                .or_default(),
                        ] {
                            kind_entry.0 += 1;
                            kind_entry.1 += usize::from(hit);
                        }
                        if let Some(first) = mine.first() {
                            // The message up to its first colon says which test spoke.
                            let message = first.split('\t').nth(1).unwrap_or("");
                            let test = message.split(':').next().unwrap_or("");
                            let test: String = test
                                .split_whitespace()
                                .take(4)
                                .collect::<Vec<_>>()
                                .join(" ");
                            *by_test.entry(test).or_default() += 1;
                            if std::env::var_os("SHOW_FINDINGS").is_some() {
                                println!("  {name}/{file} ({kind}): {message}");
                            }
                        }
                    }
                }
            }
            for (family, (n, h)) in &by_family {
                println!("{family:>20} {h}/{n}");
            }
            let (mut total, mut hits) = (0, 0);
            for (kind, (n, h)) in &by_kind {
                println!("{kind}: {h} of {n} ({:.1}%)", pct(*h, *n));
                total += n;
                hits += h;
            }
            println!(
                "neutral replacements detected: {hits} of {total} ({:.1}%)",
                pct(hits, total)
            );
            for (test, n) in &by_test {
                println!("  {n} by: {test}");
            }
            println!("findings on the other variants during the replacements: {bystanders}");
        }
        "learned" => {
            let rate: f64 = args
                .get(2)
                .and_then(|r| r.parse().ok())
                .unwrap_or_else(|| usage());
            learned(&dirs, rate, &settings, &taxonomy, &rule_set, &texts);
        }
        _ => usage(),
    }
}

/// A fixed pseudo-random number in [0, 1) from a folder name (FNV-1a), so the renamed share is
/// the same on every run and machine.
fn unit_hash(name: &str) -> f64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn learned(
    dirs: &[PathBuf],
    rate: f64,
    settings: &Settings,
    taxonomy: &Taxonomy,
    rule_set: &RuleSet,
    texts: &dyn Fn(&Path) -> Vec<(String, String)>,
) {
    use pairlint::rules::summary::{Summaries, summarize};
    use pairlint::rules::{Context, CorpusContext};
    let rule = the_rule();
    let mut summaries = Summaries::with_capacity(dirs.len());
    // Per scenario: renamed?, reported by the scenario pass?
    let mut status: Vec<(PathBuf, bool, bool)> = Vec::new();
    for dir in dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
        let rename = unit_hash(&name.unwrap_or_default()) < rate;
        let mut files = texts(dir);
        if rename {
            rename_to_opposite(&mut files);
        }
        let scenario = scenario_of(dir, &files, taxonomy);
        let found = check_scenario(&scenario, settings, taxonomy, rule_set);
        let cx = Context::new(&scenario, settings, taxonomy);
        summaries.push(summarize(&cx, dir.as_path().into(), &found));
        status.push((dir.clone(), rename, !found.is_empty()));
    }
    let cx = CorpusContext {
        summaries: &summaries,
        settings,
        taxonomy,
    };
    let mut corpus_found = Vec::new();
    rule.check_corpus(&cx, &mut corpus_found);
    let by_corpus: std::collections::BTreeSet<PathBuf> = corpus_found
        .iter()
        .filter_map(|d| d.location.path.parent().map(Path::to_path_buf))
        .collect();
    let (mut renamed, mut kept) = ([0usize; 4], [0usize; 4]);
    for (dir, rename, by_scenario) in &status {
        let by_model = by_corpus.contains(dir);
        let counts = if *rename { &mut renamed } else { &mut kept };
        counts[0] += 1;
        counts[1] += usize::from(*by_scenario);
        counts[2] += usize::from(by_model);
        counts[3] += usize::from(*by_scenario || by_model);
    }
    for (what, c) in [("renamed", renamed), ("untouched", kept)] {
        println!(
            "{what} variants: {}; reported by the lexicon tests {} ({:.1}%), by the learned model {} ({:.1}%), by either {} ({:.1}%)",
            c[0],
            c[1],
            pct(c[1], c[0]),
            c[2],
            pct(c[2], c[0]),
            c[3],
            pct(c[3], c[0])
        );
    }
    let variants =
        pairlint::rules::corpus::emotion_mismatch::CorpusVariants::new(&summaries, taxonomy);
    let fit = pairlint::language::family_model::fit(&variants);
    for f in &fit.families {
        println!(
            "  {}: {} variants, predicted as itself {:.1}%, cohesion {:+.3}, threshold {:.2}{}",
            f.family,
            f.variants,
            f.separability * 100.0,
            f.cohesion,
            f.threshold,
            if f.trusted { "" } else { " (not trusted)" }
        );
    }
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        for d in corpus_found.iter().take(20) {
            println!("  {}: {}", d.location.path.display(), d.message);
        }
    }
}

/// A scenario folder `dir` holding these (file name, text) pairs, in memory.
fn scenario_of(dir: &Path, files: &[(String, String)], taxonomy: &Taxonomy) -> Scenario {
    let entries = files
        .iter()
        .map(|(name, text)| {
            Entry::File(name.clone(), dir.join(name), Ok(text.clone().into_bytes()))
        })
        .collect();
    assemble(dir, entries, None, taxonomy)
}

/// pleased.txt <-> disappointed.txt.
fn rename_to_opposite(files: &mut [(String, String)]) {
    for (name, _) in files.iter_mut() {
        *name = match name.as_str() {
            "pleased.txt" => "disappointed.txt".into(),
            "disappointed.txt" => "pleased.txt".into(),
            other => other.into(),
        };
    }
}

/// A finding as `file name<TAB>message`.
fn finding_line(d: &Diagnostic) -> String {
    let name = d
        .location
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    format!("{}\t{}", name.unwrap_or_default(), d.message)
}

fn the_rule() -> &'static dyn Rule {
    *pairlint::rules::ALL
        .iter()
        .find(|r| r.meta().name == RULE)
        .expect("the rule exists")
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: mismatch_eval renames DIR [even|odd|all] | mismatch_eval learned DIR RATE | mismatch_eval swaps DIR | mismatch_eval neutral DIR NEUTRAL"
    );
    std::process::exit(2)
}
