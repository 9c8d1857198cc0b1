use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::language::features::SURFACE_NAMES;
use crate::rules::{CorpusContext, Rule};

declare_rule! {
    /// ## What it checks
    /// For each emotion carried by enough scenarios (default 3), surface features of its
    /// variants against their baselines: exclamation marks, question marks and ellipses (per
    /// 100 words), the share of words in dialogue, mean sentence length, and all-capital words
    /// (per 100 words). It reports a feature that moves the same way against the baseline in
    /// every scenario of the emotion, by at least a minimum amount on average (1 mark per 100
    /// words; 0.5 for ellipses and capitals; 0.10 of dialogue; a quarter of the baseline's
    /// sentence length).
    ///
    /// ## Why it matters
    /// A shift that every scenario of an emotion shares is one the difference of means picks
    /// up cleanly: if every panicked text has half the sentence length of its baseline, the
    /// panicked direction encodes short sentences, and steering with it chops sentences up.
    ///
    /// ## Example
    /// `excited` raises exclamation marks against the baseline in 4 of 4 scenarios (mean +3.1
    /// per 100 words): let some excited texts carry their energy without them.
    ///
    /// ## Options
    /// `[confounds] min-scenarios` in pairlint.toml (default 3).
    pub static META = {
        name: "surface-confound",
        scope: Corpus,
        severity: Warning,
        fixable: false,
        summary: "a surface feature shifts the same way against the baseline in every scenario of an emotion",
    }
}

pub struct SurfaceConfound;

/// Minimum mean shift per feature (in SURFACE_NAMES order); sentence length is relative.
const MIN_SHIFT: [f64; 6] = [1.0, 1.0, 0.5, 0.10, 0.25, 0.5];
const SENTENCE_LENGTH: usize = 4;

impl Rule for SurfaceConfound {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_corpus(&self, cx: &CorpusContext, out: &mut Vec<Diagnostic>) {
        let min = cx.settings.confound_min_scenarios;
        let summaries = cx.summaries;
        for (emotion, members) in summaries.by_emotion() {
            // (scenario, variant, scenario name, shift of each feature)
            let rows: Vec<(usize, usize, String, [f64; 6])> = members
                .iter()
                .filter_map(|&(s, v)| {
                    let base = summaries.baseline(s)?.surface().values();
                    let variant = summaries.variant(s, v);
                    let values = variant.surface().values();
                    let mut delta = [0.0; 6];
                    for f in 0..6 {
                        delta[f] = if f == SENTENCE_LENGTH {
                            values[f] / base[f].max(1.0) - 1.0
                        } else {
                            values[f] - base[f]
                        };
                    }
                    Some((s, v, summaries.name(s), delta))
                })
                .collect();
            let n = rows.len();
            if n < min {
                continue;
            }
            for f in 0..6 {
                let deltas: Vec<f64> = rows.iter().map(|r| r.3[f]).collect();
                let up = deltas.iter().all(|d| *d > 0.0);
                let down = deltas.iter().all(|d| *d < 0.0);
                let mean = deltas.iter().sum::<f64>() / n as f64;
                if !(up || down) || mean.abs() < MIN_SHIFT[f] {
                    continue;
                }
                let fmt = |d: f64| {
                    if f == SENTENCE_LENGTH {
                        format!("{:+.0}%", d * 100.0)
                    } else if f == 3 {
                        format!("{:+.2}", d)
                    } else {
                        format!("{d:+.1}")
                    }
                };
                let unit = match f {
                    SENTENCE_LENGTH => "",
                    3 => " of words",
                    _ => " per 100 words",
                };
                let per: Vec<String> = rows
                    .iter()
                    .map(|r| format!("{} {}", r.2, fmt(r.3[f])))
                    .collect();
                let mut d = META
                    .report(
                        summaries.whole(rows[0].0, summaries.variant(rows[0].0, rows[0].1)),
                        format!(
                            "`{emotion}` {} {} against the baseline in {n} of {n} scenarios (mean {}{unit}: {})",
                            if up { "raises" } else { "lowers" },
                            SURFACE_NAMES[f],
                            fmt(mean),
                            per.join(", ")
                        ),
                    )
                    .with_help("let the emotion show in other ways in some scenarios so this feature stops marking it");
                for r in &rows[1..] {
                    d = d.with_related(
                        summaries.whole(r.0, summaries.variant(r.0, r.1)),
                        format!("`{emotion}` in `{}`", r.2),
                    );
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check_corpus, scenario};

    fn corpus(variants: &[&str]) -> Vec<crate::corpus::Scenario> {
        variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let base = format!("Scenario {i} began at the station. The train came in late. Everyone got on and the doors closed.\n");
                scenario(&[("baseline.txt", &base), ("excited.txt", v), ("calm.txt", &base)])
            })
            .collect()
    }

    #[test]
    fn fires_on_exclamations_in_every_scenario() {
        let s = corpus(&[
            "It began at the station! The train came in late! Everyone got on and the doors closed.\n",
            "It began at the station. The train came in late! Everyone got on! The doors closed.\n",
            "At the station the train came in late! Everyone got on and the doors closed!\n",
        ]);
        let messages: Vec<String> = check_corpus(&SurfaceConfound, &s)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert!(
            messages.iter().any(|m| m.starts_with(
                "`excited` raises exclamation marks against the baseline in 3 of 3 scenarios"
            )),
            "{messages:?}"
        );
    }

    #[test]
    fn silent_when_the_shift_is_not_shared() {
        let s = corpus(&[
            "It began at the station! The train came in late! Everyone got on and the doors closed.\n",
            "It began at the station. The train came in late. Everyone got on and the doors closed.\n",
            "At the station the train came in late. Everyone got on and the doors closed.\n",
        ]);
        let messages: Vec<String> = check_corpus(&SurfaceConfound, &s)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert!(
            !messages.iter().any(|m| m.contains("exclamation")),
            "{messages:?}"
        );
    }
}
