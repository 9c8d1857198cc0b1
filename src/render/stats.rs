//! The tables of `pairlint stats` (engine/stats.rs measures them): human, Markdown and JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::stats::{ScenarioStats, Stats};

fn ratio_str(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_string(), |r| format!("{r:.2}"))
}

fn opt(n: Option<usize>) -> String {
    n.map_or_else(|| "-".to_string(), |n| n.to_string())
}

/// One scenario's row, the same cells for the human and the Markdown table.
fn scenario_row(s: &ScenarioStats) -> [String; 6] {
    [
        s.scenario.clone(),
        opt(s.baseline_words),
        opt(s.baseline_sentences),
        s.variants.len().to_string(),
        ratio_str(s.min_ratio()),
        ratio_str(s.max_ratio()),
    ]
}

pub fn render_human(stats: &Stats, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Scenarios")?;
    writeln!(
        out,
        "  {:<24} {:>8} {:>9} {:>8} {:>9} {:>9}",
        "scenario", "baseline", "sentences", "variants", "min ratio", "max ratio"
    )?;
    for s in &stats.scenarios {
        let [name, words, sentences, variants, min, max] = scenario_row(s);
        writeln!(
            out,
            "  {name:<24} {words:>8} {sentences:>9} {variants:>8} {min:>9} {max:>9}"
        )?;
    }
    writeln!(out, "\nCoverage by family")?;
    for f in &stats.families {
        writeln!(
            out,
            "  {} ({} emotions, {} variants)",
            f.family,
            f.emotions.len(),
            f.variants
        )?;
        for (emotion, scenarios) in &f.emotions {
            writeln!(out, "    {:<22} {}", emotion, scenarios.join(", "))?;
        }
    }
    writeln!(out, "\nLength ratio per variant (words / baseline words)")?;
    for s in &stats.scenarios {
        let cells: Vec<String> = s
            .variants
            .iter()
            .map(|v| format!("{} {}", v.emotion, ratio_str(v.ratio)))
            .collect();
        writeln!(out, "  {:<24} {}", s.scenario, cells.join(", "))?;
    }
    writeln!(
        out,
        "\npairlint: {} scenarios, {} variants, {} families, mean length ratio {}",
        stats.scenarios.len(),
        stats.variants,
        stats.families.len(),
        ratio_str(stats.mean_ratio)
    )
}

pub fn render_markdown(stats: &Stats, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| scenario | baseline words | sentences | variants | min ratio | max ratio |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|")?;
    for s in &stats.scenarios {
        writeln!(out, "| {} |", scenario_row(s).join(" | "))?;
    }
    writeln!(out, "\n| family | emotion | scenarios |")?;
    writeln!(out, "|---|---|---|")?;
    for f in &stats.families {
        for (emotion, scenarios) in &f.emotions {
            writeln!(
                out,
                "| {} | {} | {} |",
                f.family,
                emotion,
                scenarios.join(", ")
            )?;
        }
    }
    writeln!(out, "\n| scenario | emotion | family | words | ratio |")?;
    writeln!(out, "|---|---|---|---:|---:|")?;
    for s in &stats.scenarios {
        for v in &s.variants {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                s.scenario,
                v.emotion,
                v.family.as_deref().unwrap_or("unknown"),
                v.words,
                ratio_str(v.ratio)
            )?;
        }
    }
    Ok(())
}

pub fn render_json(stats: &Stats, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        #[serde(flatten)]
        stats: &'a Stats,
    }
    serde_json::to_writer_pretty(&mut *out, &Doc { version: 1, stats })
        .map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stats::compute;
    use crate::language::taxonomy::Taxonomy;
    use crate::rules::testing::{scenario, words};

    #[test]
    fn markdown_rows_show_words_and_ratio() {
        let (b, v) = (words(100, 5), words(110, 5));
        let s = scenario(&[("baseline.txt", &b), ("furious.txt", &v), ("calm.txt", &b)]);
        let stats = compute(&[s], &Taxonomy::bundled());
        let mut md = Vec::new();
        render_markdown(&stats, &mut md).unwrap();
        assert!(
            String::from_utf8(md)
                .unwrap()
                .contains("| s | furious | anger | 110 | 1.10 |")
        );
    }
}
