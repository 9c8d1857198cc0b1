//! `pairlint stats`: what the corpus covers (scenario x emotion, grouped by family) and how
//! long each variant is against its baseline. A view of the loaded corpus, no judgement.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::Scenario;
use crate::render::path_str;
use crate::taxonomy::Taxonomy;

#[derive(Debug, Serialize)]
pub struct VariantStats {
    pub emotion: String,
    pub family: Option<String>,
    pub words: usize,
    pub sentences: usize,
    /// Words relative to the baseline's (`None` without a readable baseline).
    pub ratio: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct ScenarioStats {
    pub scenario: String,
    pub path: String,
    pub baseline_words: Option<usize>,
    pub baseline_sentences: Option<usize>,
    pub variants: Vec<VariantStats>,
}

impl ScenarioStats {
    fn ratios(&self) -> impl Iterator<Item = f64> + '_ {
        self.variants.iter().filter_map(|v| v.ratio)
    }

    pub fn min_ratio(&self) -> Option<f64> {
        self.ratios().min_by(f64::total_cmp)
    }

    pub fn max_ratio(&self) -> Option<f64> {
        self.ratios().max_by(f64::total_cmp)
    }
}

#[derive(Debug, Serialize)]
pub struct FamilyStats {
    pub family: String,
    /// Emotion -> the scenarios that carry it.
    pub emotions: BTreeMap<String, Vec<String>>,
    pub variants: usize,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub scenarios: Vec<ScenarioStats>,
    pub families: Vec<FamilyStats>,
    pub variants: usize,
    pub mean_ratio: Option<f64>,
}

pub fn compute(scenarios: &[Scenario], taxonomy: &Taxonomy) -> Stats {
    let mut out = Vec::new();
    let mut families: BTreeMap<String, FamilyStats> = BTreeMap::new();
    for s in scenarios {
        let name = s
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path_str(&s.dir));
        let base = s.baseline_doc();
        let base_words = base.map(|d| d.word_count());
        let mut variants = Vec::new();
        for v in &s.variants {
            let file = &s.files[v.file];
            let (words, sentences) = file
                .doc()
                .map_or((0, 0), |d| (d.word_count(), d.sentence_count()));
            let family = v.emotion.as_ref().map(|e| e.emotion.family.clone());
            let emotion = v
                .emotion
                .as_ref()
                .map_or_else(|| file.stem().to_string(), |e| e.name.clone());
            let ratio = base_words
                .filter(|&b| b > 0 && file.doc().is_some())
                .map(|b| words as f64 / b as f64);
            let fam = family.clone().unwrap_or_else(|| "unknown".to_string());
            let entry = families.entry(fam.clone()).or_insert_with(|| FamilyStats {
                family: fam,
                emotions: BTreeMap::new(),
                variants: 0,
            });
            entry.variants += 1;
            entry
                .emotions
                .entry(emotion.clone())
                .or_default()
                .push(name.clone());
            variants.push(VariantStats {
                emotion,
                family,
                words,
                sentences,
                ratio,
            });
        }
        out.push(ScenarioStats {
            scenario: name,
            path: path_str(&s.dir),
            baseline_words: base_words,
            baseline_sentences: base.map(|d| d.sentence_count()),
            variants,
        });
    }
    // Families in the taxonomy's order of declaration is alphabetical (BTreeMap); keep it.
    let _ = taxonomy;
    let all: Vec<f64> = out.iter().flat_map(|s| s.ratios()).collect();
    let mean_ratio = (!all.is_empty()).then(|| all.iter().sum::<f64>() / all.len() as f64);
    Stats {
        variants: out.iter().map(|s| s.variants.len()).sum(),
        scenarios: out,
        families: families.into_values().collect(),
        mean_ratio,
    }
}

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
    use crate::rules::testing::{scenario, words};

    #[test]
    fn counts_coverage_and_ratios() {
        let (b, v) = (words(100, 5), words(110, 5));
        let s = scenario(&[("baseline.txt", &b), ("furious.txt", &v), ("calm.txt", &b)]);
        let stats = compute(&[s], &Taxonomy::bundled());
        assert_eq!(stats.variants, 2);
        let sc = &stats.scenarios[0];
        assert_eq!(sc.baseline_words, Some(100));
        assert_eq!(sc.min_ratio(), Some(1.0));
        assert_eq!(sc.max_ratio(), Some(1.1));
        let families: Vec<&str> = stats.families.iter().map(|f| f.family.as_str()).collect();
        assert_eq!(families, ["anger", "low_pos"]);
        assert!((stats.mean_ratio.unwrap() - 1.05).abs() < 1e-9);
        let mut md = Vec::new();
        render_markdown(&stats, &mut md).unwrap();
        assert!(
            String::from_utf8(md)
                .unwrap()
                .contains("| s | furious | anger | 110 | 1.10 |")
        );
    }
}
