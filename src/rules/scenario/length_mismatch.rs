use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Each variant's word count (Unicode words, UAX #29) against its baseline's. A variant
    /// outside the tolerance (default +-20%) is reported with both counts, the difference in
    /// percent and the allowed range; the baseline is labelled too.
    ///
    /// ## Why it matters
    /// Length is the best documented confound of emotion datasets: when furious texts run
    /// long and calm ones short, the mean difference encodes "more tokens" as much as
    /// affect. Holding each variant near its baseline's length removes it at the source.
    ///
    /// ## Example
    /// baseline.txt has 100 words and furious.txt 142: `142 words; baseline has 100 (+42%,
    /// allowed 80..=120)`. Cut 22 words.
    ///
    /// ## Options
    /// `[length] tolerance-percent` in pairlint.toml (default 20).
    pub static META = {
        name: "length-mismatch",
        scope: Scenario,
        severity: Error,
        fixable: false,
        summary: "variant's word count is outside the tolerance around its baseline's",
    }
}

pub struct LengthMismatch;

impl Rule for LengthMismatch {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let (Some(baseline), Some(base_doc)) = (s.baseline(), s.baseline_doc()) else {
            return;
        };
        let base = base_doc.word_count();
        if base == 0 {
            return; // empty-file reports it; there is nothing to compare with.
        }
        let t = cx.settings.length_tolerance_percent as usize;
        let min = (base * (100 - t.min(100))).div_ceil(100);
        let max = base * (100 + t) / 100;
        for variant in &s.variants {
            let file = &s.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let n = doc.word_count();
            if n == 0 || (min..=max).contains(&n) {
                continue;
            }
            let percent = (n as f64 - base as f64) * 100.0 / base as f64;
            let help = if n > max {
                format!("cut {} words, or widen [length] tolerance-percent", n - max)
            } else {
                format!("add {} words, or widen [length] tolerance-percent", min - n)
            };
            out.push(
                META.report(
                    Location::in_doc(file.path.clone(), doc, doc.body_span()),
                    format!(
                        "{n} words; baseline has {base} ({percent:+.0}%, allowed {min}..={max})"
                    ),
                )
                .with_label(format!("{n} words"))
                .with_help(help)
                .with_related(
                    Location::in_doc(baseline.path.clone(), base_doc, base_doc.body_span()),
                    format!("baseline ({base} words)"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::settings::Settings;
    use crate::rules::testing::{check, check_with, scenario, words};

    #[test]
    fn fires_outside_the_band_with_counts_percent_and_range() {
        let (b, long, short) = (words(100, 5), words(142, 5), words(79, 5));
        let s = scenario(&[
            ("baseline.txt", &b),
            ("furious.txt", &long),
            ("calm.txt", &short),
        ]);
        let d = check(&LengthMismatch, &s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "79 words; baseline has 100 (-21%, allowed 80..=120)",
                "142 words; baseline has 100 (+42%, allowed 80..=120)",
            ]
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("cut 22 words, or widen [length] tolerance-percent")
        );
        assert_eq!(
            d[1].related[0].location.path,
            std::path::Path::new("s/baseline.txt")
        );
        // The span covers the variant's text, without the final newline.
        let (start, end) = d[1].location.range.unwrap();
        assert_eq!((start.byte, end.byte), (0, long.trim_end().len()));
    }

    #[test]
    fn silent_at_the_edges_of_the_band_and_on_empty_texts() {
        let (b, lo, hi) = (words(100, 5), words(80, 5), words(120, 5));
        let s = scenario(&[
            ("baseline.txt", &b),
            ("calm.txt", &lo),
            ("furious.txt", &hi),
            ("sad.txt", ""),
        ]);
        assert!(check(&LengthMismatch, &s).is_empty());
    }

    #[test]
    fn tolerance_is_configurable() {
        let (b, v) = (words(100, 5), words(110, 5));
        let s = scenario(&[("baseline.txt", &b), ("calm.txt", &v)]);
        let settings = Settings {
            length_tolerance_percent: 5,
            ..Settings::default()
        };
        let d = check_with(&LengthMismatch, &s, &settings);
        assert_eq!(
            d[0].message,
            "110 words; baseline has 100 (+10%, allowed 95..=105)"
        );
    }
}
