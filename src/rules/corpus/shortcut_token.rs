use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::language::lexicon::Lexicon;
use crate::rules::{CorpusContext, Rule};

declare_rule! {
    /// ## What it checks
    /// A content word that one emotion's variants use across scenarios while the rest of the
    /// corpus does not: present in at least three quarters of that emotion's variants (and in
    /// at least `min-scenarios` of them, default 3), absent from most of their baselines, in
    /// at most a quarter of the other emotions' variants, and over-represented by a weighted
    /// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008)
    /// with z of at least 1.96. Words of the emotion's own lexicon are left to
    /// emotion-vocabulary.
    ///
    /// ## Why it matters
    /// The steering vector learns whatever separates an emotion's texts from the rest. When
    /// every furious text "slams" something, the furious direction is partly the direction of
    /// "slammed", and steering with it produces slamming rather than fury.
    ///
    /// ## Example
    /// `slammed` appears in 4 of 4 furious variants, 0 of their baselines and 1 of 36 other
    /// variants (z = 2.6): find a different action in some of them.
    ///
    /// ## Options
    /// `[confounds] min-scenarios` in pairlint.toml (default 3).
    pub static META = {
        name: "shortcut-token",
        scope: Corpus,
        severity: Warning,
        fixable: false,
        summary: "a word marks one emotion's texts across scenarios and rarely appears elsewhere",
    }
}

pub struct ShortcutToken;

/// Total pseudo-count of the prior.
const PRIOR: f64 = 10.0;
const Z: f64 = 1.96;

/// Weighted log-odds z-score of a word in group i against group j, by document counts.
pub fn log_odds_z(yi: f64, ni: f64, yj: f64, nj: f64, background: f64) -> f64 {
    let a = PRIOR * background.clamp(1e-6, 0.999);
    let delta = ((yi + a) / (ni + PRIOR - yi - a)).ln() - ((yj + a) / (nj + PRIOR - yj - a)).ln();
    let variance = 1.0 / (yi + a) + 1.0 / (yj + a);
    delta / variance.sqrt()
}

impl Rule for ShortcutToken {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_corpus(&self, cx: &CorpusContext, out: &mut Vec<Diagnostic>) {
        let min = cx.settings.confound_min_scenarios;
        let lexicon = Lexicon::bundled();
        let summaries = cx.summaries;
        let total_variants: usize = (0..summaries.len())
            .map(|s| summaries.variants(s).len())
            .sum();
        let total_docs = total_variants
            + (0..summaries.len())
                .filter(|&s| summaries.baseline(s).is_some())
                .count();
        // Document frequency of each word over every text, for the prior. Word ids are dense,
        // so counts are arrays indexed by id.
        let words = summaries.vocabulary.word_count();
        let mut everywhere = vec![0usize; words];
        let mut in_variants = vec![0usize; words];
        for s in 0..summaries.len() {
            for w in summaries
                .baseline(s)
                .into_iter()
                .flat_map(|b| summaries.content(b))
            {
                everywhere[w as usize] += 1;
            }
            for w in summaries
                .variants(s)
                .iter()
                .flat_map(|v| summaries.content(v))
            {
                everywhere[w as usize] += 1;
                in_variants[w as usize] += 1;
            }
        }
        // Per emotion, reused and reset through the lists of touched ids: how many of the
        // emotion's variants and of their baselines hold each word. Counts, not lists of
        // scenarios: an emotion in thousands of scenarios would need megabytes for those.
        let mut in_variant = vec![0usize; words];
        let mut in_baseline = vec![0usize; words];
        let mut variant_words: Vec<u32> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        for (emotion, members) in summaries.by_emotion() {
            let n = members.len();
            if n < min {
                continue;
            }
            let own: Vec<(&str, &crate::language::lexicon::Entry)> = lexicon
                .entries
                .get_key_value(emotion.as_str())
                .map(|(k, e)| vec![(k, e)])
                .unwrap_or_default();
            for w in touched.drain(..) {
                in_baseline[w as usize] = 0;
            }
            for w in variant_words.drain(..) {
                in_variant[w as usize] = 0;
            }
            for &(s, v) in &members {
                for w in summaries.content(summaries.variant(s, v)) {
                    if in_variant[w as usize] == 0 {
                        variant_words.push(w);
                    }
                    in_variant[w as usize] += 1;
                }
                if let Some(b) = summaries.baseline(s) {
                    for w in summaries.content(b) {
                        in_baseline[w as usize] += 1;
                        touched.push(w);
                    }
                }
            }
            variant_words.sort_unstable();
            let others = total_variants - n;
            for &word_id in &variant_words {
                let yi = in_variant[word_id as usize];
                if yi < min || yi * 4 < n * 3 {
                    continue;
                }
                let in_base = in_baseline[word_id as usize];
                if in_base * 2 > yi {
                    continue; // the scenarios' own vocabulary, not the emotion's
                }
                let all = everywhere[word_id as usize];
                let yj = in_variants[word_id as usize] - yi;
                if others == 0 || yj * 4 > others {
                    continue;
                }
                let word = summaries.word(word_id);
                if own
                    .iter()
                    .any(|(e, entry)| lexicon.match_entry(e, entry, word).is_some())
                {
                    continue;
                }
                let z = log_odds_z(
                    yi as f64,
                    n as f64,
                    yj as f64,
                    others as f64,
                    all as f64 / total_docs.max(1) as f64,
                );
                if z < Z {
                    continue;
                }
                // Only for a finding: the scenarios whose variant holds the word, in order.
                let scenarios: Vec<usize> = members
                    .iter()
                    .filter(|&&(s, v)| {
                        summaries
                            .content(summaries.variant(s, v))
                            .any(|w| w == word_id)
                    })
                    .map(|&(s, _)| s)
                    .collect();
                let names: Vec<String> = scenarios.iter().map(|&s| summaries.name(s)).collect();
                let first = members
                    .iter()
                    .find(|(s, _)| *s == scenarios[0])
                    .map(|&(s, v)| summaries.whole(s, summaries.variant(s, v)));
                let Some(first) = first else { continue };
                let mut d = META
                    .report(
                        first,
                        format!(
                            "`{word}` appears in {yi} of {n} `{emotion}` variants ({}), {in_base} of their baselines and {yj} of {others} other variants (log-odds z = {z:.1})",
                            names.join(", ")
                        ),
                    )
                    .with_help("vary the detail across scenarios so the emotion's direction does not learn the word");
                for &(s, v) in &members {
                    if s != scenarios[0] && scenarios.contains(&s) {
                        d = d.with_related(
                            summaries.whole(s, summaries.variant(s, v)),
                            format!("`{word}` in `{}`", summaries.name(s)),
                        );
                    }
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check_corpus, scenario_in};

    fn corpus(furious_extra: &[&str]) -> Vec<crate::corpus::Scenario> {
        let events = [
            (
                "desk",
                "Owen read the review comment at his desk before lunch.",
            ),
            (
                "ticket",
                "Mara found the parking ticket under the wiper in the rain.",
            ),
            (
                "invoice",
                "Tom opened the invoice from the builder on the kitchen table.",
            ),
            (
                "voicemail",
                "Ines heard the voicemail from the landlord on the train home.",
            ),
        ];
        // Calm and curious details differ per scenario, as in a well-made corpus.
        let calm = [
            "The radiator ticked.",
            "Water ran off the roof.",
            "A dog barked twice.",
            "Fields slid past.",
        ];
        let curious = [
            "He scrolled up.",
            "She checked the date.",
            "He counted the lines.",
            "She replayed it.",
        ];
        events
            .iter()
            .zip(furious_extra)
            .zip(calm.iter().zip(curious))
            .map(|(((name, event), extra), (c, q))| {
                let base = format!("{event} Then the afternoon went on.\n");
                let files = [
                    ("baseline.txt", base.clone()),
                    ("furious.txt", format!("{event} {extra}\n")),
                    ("calm.txt", format!("{event} {c}\n")),
                    ("curious.txt", format!("{event} {q}\n")),
                ];
                let bytes: Vec<(&str, &[u8])> =
                    files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
                scenario_in(name, &bytes, None)
            })
            .collect()
    }

    #[test]
    fn fires_on_a_word_every_furious_text_uses() {
        let s = corpus(&[
            "He slammed the drawer shut.",
            "She slammed the car door.",
            "He slammed the lid down.",
            "She slammed the phone onto the seat.",
        ]);
        let d = check_corpus(&ShortcutToken, &s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "`slammed` appears in 4 of 4 `furious` variants (desk, ticket, invoice, voicemail), 0 of their baselines and 0 of 8 other variants (log-odds z = 2.3)"
        );
        assert_eq!(d[0].related.len(), 3);
    }

    #[test]
    fn silent_when_the_word_varies_or_belongs_to_the_scenarios() {
        let s = corpus(&[
            "He slammed the drawer shut.",
            "She kicked the tyre.",
            "He threw the pen at the wall.",
            "She ripped the envelope in two.",
        ]);
        assert!(check_corpus(&ShortcutToken, &s).is_empty());
        // `afternoon` is in every variant, but also in their baselines and other emotions.
        assert!(log_odds_z(4.0, 4.0, 0.0, 12.0, 0.2) > Z);
        assert!(log_odds_z(3.0, 4.0, 4.0, 16.0, 0.3) < Z);
    }
}
