use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::summary::EndingSummary;
use crate::rules::{CorpusContext, Rule};

declare_rule! {
    /// ## What it checks
    /// For each emotion carried by enough scenarios (default 3), how its variants end
    /// compared with their baselines: the final punctuation mark (`!`, `?`, `…`), the length
    /// of the last sentence, and a recurring final word. It reports an emotion whose
    /// endings differ from their baselines the same way across scenarios: three quarters or
    /// more of its variants end with a mark at most a quarter of their baselines end with; the
    /// last sentence is under half (or over twice) the baseline's in every scenario; or
    /// three quarters end on the same word their baselines do not end on.
    ///
    /// ## Why it matters
    /// Many steering pipelines read the activation at the last token. If every excited text
    /// ends with "!" and its baseline with ".", the excited direction is in large part the
    /// direction of an exclamation mark at the end of a text.
    ///
    /// ## Example
    /// excited.txt ends with `!` in 4 of 4 scenarios, their baselines in 0: end some with a
    /// plain full stop, or vary where the excitement lands.
    ///
    /// ## Options
    /// `[confounds] min-scenarios` in pairlint.toml (default 3).
    pub static META = {
        name: "ending-confound",
        scope: Corpus,
        severity: Warning,
        fixable: false,
        summary: "an emotion's texts end differently from their baselines in the same way across scenarios",
    }
}

pub struct EndingConfound;

/// One scenario of an emotion: the scenario's name and index, the variant, the variant's
/// and the baseline's endings.
type Row<'a> = (
    (String, usize),
    &'a crate::rules::summary::TextSummary,
    &'a EndingSummary,
    &'a EndingSummary,
);

fn list(names: &[&str]) -> String {
    names.join(", ")
}

impl Rule for EndingConfound {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_corpus(&self, cx: &CorpusContext, out: &mut Vec<Diagnostic>) {
        let min = cx.settings.confound_min_scenarios;
        let summaries = cx.summaries;
        for (emotion, members) in summaries.by_emotion() {
            // Scenarios where both the variant and its baseline have an ending.
            let rows: Vec<Row> = members
                .iter()
                .filter_map(|&(s, v)| {
                    let variant = summaries.variant(s, v);
                    let base = summaries.baseline(s)?.ending.as_ref()?;
                    Some((
                        (summaries.name(s), s),
                        variant,
                        variant.ending.as_ref()?,
                        base,
                    ))
                })
                .collect();
            let n = rows.len();
            if n < min {
                continue;
            }
            let mut findings: Vec<String> = Vec::new();
            // (a) a final mark the variants share and their baselines do not.
            let mut marks: Vec<char> = rows.iter().map(|r| r.2.mark).collect();
            marks.sort_unstable();
            marks.dedup();
            for mark in marks {
                let v: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.2.mark == mark)
                    .map(|r| r.0.0.as_str())
                    .collect();
                let b = rows.iter().filter(|r| r.3.mark == mark).count();
                if v.len() * 4 >= n * 3 && v.len() >= min && b * 4 <= n {
                    let shown = if mark == ' ' {
                        "a word".to_string()
                    } else {
                        format!("`{mark}`")
                    };
                    findings.push(format!(
                        "`{emotion}` texts end with {shown} in {} of {n} scenarios ({}); their baselines in {b} of {n}",
                        v.len(),
                        list(&v)
                    ));
                }
            }
            // (b) a last sentence consistently much shorter or longer than the baseline's.
            let ratios: Vec<f64> = rows
                .iter()
                .map(|r| r.2.last_sentence_words as f64 / r.3.last_sentence_words.max(1) as f64)
                .collect();
            if ratios.iter().all(|r| *r < 0.5) || ratios.iter().all(|r| *r > 2.0) {
                let direction = if ratios[0] < 0.5 {
                    "under half"
                } else {
                    "over twice"
                };
                let mean_variant = rows
                    .iter()
                    .map(|r| r.2.last_sentence_words as usize)
                    .sum::<usize>() as f64
                    / n as f64;
                let mean_base = rows
                    .iter()
                    .map(|r| r.3.last_sentence_words as usize)
                    .sum::<usize>() as f64
                    / n as f64;
                findings.push(format!(
                    "`{emotion}` texts end on a sentence {direction} the length of their baseline's last sentence in {n} of {n} scenarios (mean {mean_variant:.1} words against {mean_base:.1})"
                ));
            }
            // (c) a recurring final word the baselines do not end on.
            let mut words: Vec<(&str, u32)> = rows
                .iter()
                .map(|r| (summaries.word(r.2.last_word), r.2.last_word))
                .collect();
            words.sort_unstable();
            words.dedup();
            for (word, id) in words {
                let v: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.2.last_word == id && r.3.last_word != id)
                    .map(|r| r.0.0.as_str())
                    .collect();
                if v.len() * 4 >= n * 3 && v.len() >= min {
                    findings.push(format!(
                        "`{emotion}` texts end on the word `{word}` in {} of {n} scenarios ({}); their baselines do not",
                        v.len(),
                        list(&v)
                    ));
                }
            }
            for message in findings {
                let Some(first) = summaries.ending_location(rows[0].0.1, rows[0].1) else {
                    continue;
                };
                let mut d = META
                    .report(first, message)
                    .with_label("this ending")
                    .with_help(
                        "vary how these texts end; a last-token trainer reads exactly there",
                    );
                for r in &rows[1..] {
                    if let Some(loc) = summaries.ending_location(r.0.1, r.1) {
                        d = d.with_related(loc, format!("ending in `{}`", r.0.0));
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
    use crate::rules::testing::{check_corpus, scenario};

    fn corpus(endings: &[(&str, &str)]) -> Vec<crate::corpus::Scenario> {
        endings
            .iter()
            .map(|(base_end, variant_end)| {
                let base = format!("Owen read the note at the desk and put it away. {base_end}\n");
                let var =
                    format!("Owen read the note at the desk and put it away. {variant_end}\n");
                scenario(&[
                    ("baseline.txt", &base),
                    ("excited.txt", &var),
                    ("calm.txt", &base),
                ])
            })
            .collect()
    }

    #[test]
    fn fires_on_a_shared_exclamation_ending() {
        let s = corpus(&[
            ("Then he went home.", "Then he ran home!"),
            ("Then he left.", "Then he was off!"),
            ("The day ended.", "What a day it was!"),
        ]);
        let d = check_corpus(&EndingConfound, &s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .starts_with("`excited` texts end with `!` in 3 of 3 scenarios"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].related.len(), 2);
    }

    #[test]
    fn fires_on_clipped_last_sentences_and_recurring_last_words() {
        let s = corpus(&[
            (
                "Then he walked slowly all the way home along the river path.",
                "Home again.",
            ),
            (
                "Then he took the long bus ride back across the city.",
                "Back again.",
            ),
            (
                "Afterwards he sat in the car for a while before driving off.",
                "Off again.",
            ),
        ]);
        let messages: Vec<String> = check_corpus(&EndingConfound, &s)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("under half the length")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("end on the word `again` in 3 of 3")),
            "{messages:?}"
        );
    }

    #[test]
    fn silent_below_support_or_when_baselines_end_the_same() {
        let few = corpus(&[("Then he left.", "He ran!"), ("Then he left.", "He ran!")]);
        assert!(check_corpus(&EndingConfound, &few).is_empty());
        let same = corpus(&[
            ("Then he left!", "Then he ran home!"),
            ("Then he left!", "Then he was off!"),
            ("Then he left!", "What a day it was!"),
        ]);
        assert!(check_corpus(&EndingConfound, &same).is_empty());
    }
}
