use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::features::jaccard;
use crate::rules::{Context, CorpusContext, Rule};

declare_rule! {
    /// ## What it checks
    /// Texts that are nearly the same, by the overlap (Jaccard) of their word 3-shingles:
    /// two variants of a scenario, a variant and its own baseline (the emotion never made it
    /// into the text), and, across the corpus, two scenarios whose baselines nearly match
    /// (a copied scenario). The default threshold is 0.80.
    ///
    /// ## Why it matters
    /// Two near-identical variants give two emotions the same activations, so their
    /// directions cannot separate; a variant that barely differs from its baseline contributes
    /// almost nothing but noise; a duplicated scenario counts one event twice and over-weights
    /// it in every mean.
    ///
    /// ## Example
    /// bitter.txt is resentful.txt with four words changed: similarity 0.86. Rewrite one of
    /// them around what that emotion notices.
    ///
    /// ## Options
    /// `[near-duplicate] threshold` in pairlint.toml (0..1, default 0.8).
    pub static META = {
        name: "near-duplicate",
        scope: Corpus,
        severity: Warning,
        fixable: false,
        summary: "two texts (variants, or a variant and its baseline, or two scenarios) are nearly identical",
    }
}

pub struct NearDuplicate;

impl Rule for NearDuplicate {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    /// Pairs inside one scenario, compared exactly.
    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let threshold = cx.settings.near_duplicate_threshold;
        // Baseline first, then the variants, each with its shingles.
        let texts: Vec<(usize, &crate::text::Doc, _)> = s
            .baseline
            .into_iter()
            .chain(s.variants.iter().map(|v| v.file))
            .filter_map(|i| {
                let doc = s.files[i].doc().filter(|d| d.word_count() >= 10)?;
                Some((i, doc, cx.shingles(i)))
            })
            .collect();
        for (a, (ia, da, sa)) in texts.iter().enumerate() {
            for (ib, db, sb) in &texts[a + 1..] {
                let sim = jaccard(sa, sb);
                if sim < threshold {
                    continue;
                }
                let (fa, fb) = (&s.files[*ia], &s.files[*ib]);
                // Report on the later file of the pair (a variant, never the baseline).
                out.push(
                    META.report(
                        Location::in_doc(fb.path.clone(), db, db.body_span()),
                        format!(
                            "nearly identical to `{}` (shingle similarity {sim:.2}, threshold {threshold:.2})",
                            fa.name
                        ),
                    )
                    .with_label(format!("{sim:.2} similar"))
                    .with_help(if Some(*ia) == s.baseline {
                        "the variant barely differs from its baseline: let the emotion change what is noticed and done"
                    } else {
                        "two emotions with the same text cannot be told apart: rewrite one around what its emotion notices"
                    })
                    .with_related(
                        Location::in_doc(fa.path.clone(), da, da.body_span()),
                        format!("`{}`", fa.name),
                    ),
                );
            }
        }
    }

    /// Scenarios whose baselines nearly match: for each scenario, the earlier scenarios that
    /// share a MinHash band with it are candidates; the best match above the threshold is
    /// reported once. Each bucket keeps only its first scenario, so a corpus of thousands of
    /// copies costs and reports linearly, not one finding per pair.
    fn check_corpus(&self, cx: &CorpusContext, out: &mut Vec<Diagnostic>) {
        let threshold = cx.settings.near_duplicate_threshold;
        // (scenario index, signature) of every scenario with a baseline.
        let summaries = cx.summaries;
        let signatures: Vec<(usize, &[u32; 64])> = (0..summaries.len())
            .filter_map(|s| Some((s, summaries.minhash(s)?)))
            .collect();
        let similarity = |a: &[u32; 64], b: &[u32; 64]| {
            a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / 64.0
        };
        // Band by band, so only one band's keys are in memory: sorting (key, position) puts
        // each bucket's scenarios together with its first scenario leading.
        let mut best: Vec<Option<(f64, usize)>> = vec![None; signatures.len()];
        let mut keys: Vec<(u128, u32)> = Vec::with_capacity(signatures.len());
        for band in 0..16 {
            keys.clear();
            keys.extend(signatures.iter().enumerate().map(|(j, (_, sig))| {
                let key = sig[band * 4..band * 4 + 4]
                    .iter()
                    .fold(0u128, |k, &m| (k << 32) | u128::from(m));
                (key, j as u32)
            }));
            keys.sort_unstable();
            for bucket in keys.chunk_by(|a, b| a.0 == b.0) {
                let first = bucket[0].1 as usize;
                for &(_, j) in &bucket[1..] {
                    let j = j as usize;
                    let sim = similarity(signatures[j].1, signatures[first].1);
                    if sim >= threshold && best[j].is_none_or(|(b, _)| sim > b) {
                        best[j] = Some((sim, first));
                    }
                }
            }
        }
        for (j, found) in best.into_iter().enumerate() {
            let Some((sim, first)) = found else { continue };
            let (s, a) = (signatures[j].0, signatures[first].0);
            let (Some(bb), Some(ba)) = (summaries.baseline(s), summaries.baseline(a)) else {
                continue;
            };
            let (name, other) = (summaries.name(s), summaries.name(a));
            out.push(
                META.report(
                    Location::whole(summaries.path(s, bb)),
                    format!(
                        "scenario `{name}` nearly repeats scenario `{other}` (baseline similarity about {sim:.2}, threshold {threshold:.2})",
                    ),
                )
                .with_help("a repeated event is counted twice in every mean: merge the scenarios or tell a different event")
                .with_related(Location::whole(summaries.path(a, ba)), format!("baseline of `{other}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario};

    const BASE: &str = "Owen opened the review at his desk and read the comment from Marta about \
        the retry loop, then he opened the file and began to rewrite it.\n";

    #[test]
    fn fires_on_copied_variants_and_unchanged_variants() {
        let bitter = "Owen opened the review at his desk and read the comment from Marta about \
            the retry loop, then he opened the file and began, slowly, to rewrite it.\n";
        let s = scenario(&[
            ("baseline.txt", BASE),
            ("bitter.txt", bitter),
            ("resentful.txt", bitter),
        ]);
        let d = check(&NearDuplicate, &s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.len(), 3, "{messages:?}");
        assert!(messages.iter().any(|m| m.starts_with("nearly identical to `bitter.txt` (shingle similarity 1.00")));
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("nearly identical to `baseline.txt`"))
        );
    }

    #[test]
    fn repeated_scenarios_are_reported_once_each_against_the_first() {
        use crate::rules::testing::{check_corpus, scenario_in};
        let copies: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|dir| scenario_in(dir, &[("baseline.txt", BASE.as_bytes())], None))
            .collect();
        let other = scenario_in(
            "d",
            &[(
                "baseline.txt",
                b"A storm broke over the harbour at night and the ferries stayed in port until the morning tide.\n",
            )],
            None,
        );
        let all: Vec<_> = copies.into_iter().chain(std::iter::once(other)).collect();
        let messages: Vec<String> = check_corpus(&NearDuplicate, &all)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            messages,
            [
                "scenario `b` nearly repeats scenario `a` (baseline similarity about 1.00, threshold 0.80)",
                "scenario `c` nearly repeats scenario `a` (baseline similarity about 1.00, threshold 0.80)",
            ]
        );
    }

    #[test]
    fn silent_on_real_retellings() {
        let s = scenario(&[
            ("baseline.txt", BASE),
            (
                "furious.txt",
                "Owen opened the review and his jaw locked. Marta, again, about the retry \
                 loop. He shoved the chair back, opened the file and started tearing it apart.\n",
            ),
        ]);
        assert!(check(&NearDuplicate, &s).is_empty());
    }
}
