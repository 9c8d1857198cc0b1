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

/// How well one family's variants stand apart, by the family model (language/family_model.rs).
#[derive(Debug, Serialize)]
pub struct FamilySeparability {
    pub family: String,
    pub variants: usize,
    pub scenarios: usize,
    /// Share of its variants predicted as itself, each with its own scenario held out.
    pub separability: f64,
    /// Mean cosine to its own family's mean difference minus that to the nearest other's.
    pub cohesion: f64,
    pub likely_to_scatter: bool,
}

/// Which families a steering vector is likely to find: the family model's out-of-sample
/// predictions over the corpus. Present when at least two families have variants in
/// `min_scenarios` scenarios or more.
#[derive(Debug, Serialize)]
pub struct Separability {
    /// Families learned, in the order of the matrix's rows and columns.
    pub families: Vec<FamilySeparability>,
    /// `confusion[i][j]`: variants named for family i that read as family j.
    pub confusion: Vec<Vec<usize>>,
    /// 1 / number of families: a family predicted as itself no more often scatters.
    pub chance: f64,
    pub min_scenarios: usize,
    /// Variants of families in too few scenarios to learn.
    pub unlearned_variants: usize,
}

impl Separability {
    pub fn scattering(&self) -> Vec<&str> {
        self.families
            .iter()
            .filter(|f| f.likely_to_scatter)
            .map(|f| f.family.as_str())
            .collect()
    }
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub scenarios: Vec<ScenarioStats>,
    pub families: Vec<FamilyStats>,
    pub variants: usize,
    pub mean_ratio: Option<f64>,
    pub separability: Option<Separability>,
}

/// The family model over these scenarios, summarised as the corpus pass summarises them, so
/// `stats` and `emotion-mismatch` see the same features.
fn separability(scenarios: &[Scenario], taxonomy: &Taxonomy) -> Option<Separability> {
    let settings = crate::rules::settings::Settings::default();
    let mut summaries = crate::rules::summary::Summaries::with_capacity(scenarios.len());
    for s in scenarios {
        let cx = crate::rules::Context::new(s, &settings, taxonomy);
        summaries.push(crate::rules::summary::summarize(
            &cx,
            s.dir.as_path().into(),
            &[],
        ));
    }
    let variants =
        crate::rules::corpus::emotion_mismatch::CorpusVariants::new(&summaries, taxonomy);
    let fit = crate::language::family_model::fit(&variants);
    if fit.families.len() < 2 {
        return None;
    }
    Some(Separability {
        families: fit
            .families
            .iter()
            .map(|f| FamilySeparability {
                family: f.family.clone(),
                variants: f.variants,
                scenarios: f.scenarios,
                separability: f.separability,
                cohesion: f.cohesion,
                likely_to_scatter: f.likely_to_scatter,
            })
            .collect(),
        confusion: fit.confusion,
        chance: fit.chance,
        min_scenarios: crate::language::family_model::MIN_SCENARIOS,
        unlearned_variants: fit.unlearned,
    })
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
    let all: Vec<f64> = out.iter().flat_map(|s| s.ratios()).collect();
    let mean_ratio = (!all.is_empty()).then(|| all.iter().sum::<f64>() / all.len() as f64);
    Stats {
        variants: out.iter().map(|s| s.variants.len()).sum(),
        scenarios: out,
        families: families.into_values().collect(),
        mean_ratio,
        separability: separability(scenarios, taxonomy),
    }
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// `n` scenarios with furious.txt and grateful.txt. With `separable`, each family's
    /// variants add their own kind of words (three of six, rotating); without, both add the
    /// same kind, so nothing tells the families apart.
    pub(crate) fn two_family_corpus(n: usize, separable: bool) -> Vec<Scenario> {
        const ANGER: [&str; 6] = ["ledger", "stapler", "invoice", "gravel", "pylon", "hinge"];
        const WARM: [&str; 6] = ["orchid", "lantern", "quilt", "harbour", "meadow", "violin"];
        (0..n)
            .map(|i| {
                let base = format!("Person {i} waited by the door. The clock showed four.");
                let add = |words: &[&str; 6], shift: usize| {
                    format!(
                        "{base} The {} and the {} were by the {}.\n",
                        words[(i + shift) % 6],
                        words[(i + shift + 1) % 6],
                        words[(i + shift + 2) % 6]
                    )
                };
                let furious = add(&ANGER, 0);
                let grateful = if separable {
                    add(&WARM, 0)
                } else {
                    add(&ANGER, 3)
                };
                let base = format!("{base}\n");
                crate::rules::testing::furious_grateful(
                    &format!("c{i:02}"),
                    &base,
                    &furious,
                    &grateful,
                )
            })
            .collect()
    }

    #[test]
    fn separability_of_families_the_corpus_tells_apart() {
        let stats = compute(&two_family_corpus(8, true), &Taxonomy::bundled());
        let sep = stats.separability.expect("two families in 8 scenarios");
        let names: Vec<&str> = sep.families.iter().map(|f| f.family.as_str()).collect();
        assert_eq!(names, ["anger", "social_pos"]);
        assert_eq!(sep.confusion, vec![vec![8, 0], vec![0, 8]]);
        assert!(
            sep.families
                .iter()
                .all(|f| f.separability == 1.0 && f.cohesion > 0.0)
        );
        assert!(sep.scattering().is_empty());
        assert_eq!(sep.chance, 0.5);
    }

    #[test]
    fn families_that_add_the_same_words_are_likely_to_scatter() {
        let stats = compute(&two_family_corpus(8, false), &Taxonomy::bundled());
        let sep = stats.separability.expect("two families in 8 scenarios");
        assert_eq!(sep.scattering(), ["anger", "social_pos"]);
        // Too few scenarios: no model, no matrix.
        let small = compute(&two_family_corpus(4, true), &Taxonomy::bundled());
        assert!(small.separability.is_none());
    }
}
