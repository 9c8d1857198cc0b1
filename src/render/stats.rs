//! The tables of `pairlint stats` (engine/stats.rs measures them): human, Markdown and JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::stats::{ScenarioStats, Separability, Stats};

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
    match &stats.separability {
        Some(sep) => separability_human(sep, out)?,
        None => writeln!(
            out,
            "\nFamily separability: needs two families with variants in {} scenarios or more",
            crate::language::family_model::MIN_SCENARIOS
        )?,
    }
    writeln!(
        out,
        "\npairlint: {} scenarios, {} variants, {} families, mean length ratio {}{}",
        stats.scenarios.len(),
        stats.variants,
        stats.families.len(),
        ratio_str(stats.mean_ratio),
        scatter_note(stats)
    )
}

/// The summary's call-out of the families likely to scatter, if any.
fn scatter_note(stats: &Stats) -> String {
    let Some(sep) = &stats.separability else {
        return String::new();
    };
    match sep.scattering().len() {
        0 => String::new(),
        1 => "; 1 family likely to scatter".to_string(),
        n => format!("; {n} families likely to scatter"),
    }
}

fn separability_human(sep: &Separability, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\nFamily separability (each variant's added words, predicted with its own scenario held out)"
    )?;
    writeln!(
        out,
        "  {:<3} {:<20} {:>8} {:>9} {:>9} {:>9}",
        "", "family", "variants", "scenarios", "as itself", "cohesion"
    )?;
    for (i, f) in sep.families.iter().enumerate() {
        writeln!(
            out,
            "  {:<3} {:<20} {:>8} {:>9} {:>8.1}% {:>+9.3}{}",
            i + 1,
            f.family,
            f.variants,
            f.scenarios,
            f.separability * 100.0,
            f.cohesion,
            if f.likely_to_scatter {
                "  likely to scatter"
            } else {
                ""
            }
        )?;
    }
    writeln!(
        out,
        "\n  Confusion: rows are the families files are named for, columns what they read as (numbers above)"
    )?;
    // Columns as narrow as the largest count allows: 17 families fit in 100 columns.
    let widest = sep
        .confusion
        .iter()
        .flatten()
        .max()
        .map_or(1, |n| n.to_string().len());
    let w = (widest + 1).max(4);
    let header: String = (1..=sep.families.len())
        .map(|j| format!("{j:>w$}"))
        .collect();
    writeln!(out, "  {:<24}{header}", "")?;
    for (i, row) in sep.confusion.iter().enumerate() {
        let cells: String = row.iter().map(|n| format!("{n:>w$}")).collect();
        writeln!(
            out,
            "  {:<3} {:<20}{cells}",
            i + 1,
            truncate(&sep.families[i].family, 20)
        )?;
    }
    writeln!(
        out,
        "  chance {:.1}%; {} variants of families in fewer than {} scenarios not learned",
        sep.chance * 100.0,
        sep.unlearned_variants,
        sep.min_scenarios
    )?;
    let scattering = sep.scattering();
    if !scattering.is_empty() {
        // Wrapped to the terminal's usual 100 columns.
        let mut line =
            String::from("\nLikely to scatter (near chance, or closer to another family):");
        let mut lines = Vec::new();
        for (i, name) in scattering.iter().enumerate() {
            let piece = if i + 1 < scattering.len() {
                format!(" {name},")
            } else {
                format!(" {name}")
            };
            if line.trim_start_matches('\n').chars().count() + piece.len() > 98 {
                lines.push(std::mem::replace(&mut line, " ".to_string()));
            }
            line.push_str(&piece);
        }
        lines.push(line);
        for l in lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
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
    if let Some(sep) = &stats.separability {
        writeln!(
            out,
            "\n| family | variants | scenarios | predicted as itself | cohesion | |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---|")?;
        for f in &sep.families {
            writeln!(
                out,
                "| {} | {} | {} | {:.1}% | {:+.3} | {} |",
                f.family,
                f.variants,
                f.scenarios,
                f.separability * 100.0,
                f.cohesion,
                if f.likely_to_scatter {
                    "likely to scatter"
                } else {
                    ""
                }
            )?;
        }
        let names: Vec<&str> = sep.families.iter().map(|f| f.family.as_str()).collect();
        writeln!(out, "\n| named \\ reads as | {} |", names.join(" | "))?;
        writeln!(out, "|---|{}", "---:|".repeat(names.len()))?;
        for (i, row) in sep.confusion.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(usize::to_string).collect();
            writeln!(out, "| {} | {} |", names[i], cells.join(" | "))?;
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

    #[test]
    fn separability_is_drawn_in_every_format_and_scattering_is_called_out() {
        use crate::engine::stats::tests::two_family_corpus;
        let stats = compute(&two_family_corpus(8, false), &Taxonomy::bundled());
        let mut human = Vec::new();
        render_human(&stats, &mut human).unwrap();
        let human = String::from_utf8(human).unwrap();
        assert!(human.contains("Family separability"), "{human}");
        assert!(
            human
                .lines()
                .last()
                .unwrap()
                .ends_with("; 2 families likely to scatter"),
            "{human}"
        );
        assert!(
            human.contains(
                "Likely to scatter (near chance, or closer to another family): anger, social_pos\n"
            ),
            "{human}"
        );
        assert!(human.lines().all(|l| l.chars().count() <= 100), "{human}");
        let mut md = Vec::new();
        render_markdown(&stats, &mut md).unwrap();
        let md = String::from_utf8(md).unwrap();
        assert!(
            md.contains("| named \\ reads as | anger | social_pos |"),
            "{md}"
        );
        let mut json = Vec::new();
        render_json(&stats, &mut json).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            json["separability"]["confusion"].as_array().unwrap().len(),
            2
        );
        assert_eq!(
            json["separability"]["families"][0]["likely_to_scatter"],
            true
        );
        // A separable corpus calls nothing out.
        let clean = compute(&two_family_corpus(8, true), &Taxonomy::bundled());
        let mut human = Vec::new();
        render_human(&clean, &mut human).unwrap();
        assert!(
            !String::from_utf8(human)
                .unwrap()
                .contains("likely to scatter")
        );
    }
}
