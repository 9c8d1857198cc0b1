//! What the corpus covers (scenario x emotion, grouped by family) and how long each variant is
//! against its baseline: the measurements behind `pairlint stats` and the report
//! (render/stats.rs and render/html.rs print them). A view of the loaded corpus, no judgement.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::corpus::Scenario;
use crate::diagnostic::path_str;
use crate::language::taxonomy::Taxonomy;

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
    }
}
