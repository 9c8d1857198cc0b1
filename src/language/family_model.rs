//! Which family a variant reads as, learned from the corpus itself: a naive Bayes model over
//! what each variant adds to its baseline (its new content words, and the cue family of each:
//! `rules/cues.toml` and the lexicon), predicting each variant with its own scenario held out.
//!
//! From those out-of-sample predictions come
//! - the variants whose prediction disagrees with their name confidently, by confident
//!   learning (Northcutt, Jiang and Chuang, "Confident Learning: Estimating Uncertainty in
//!   Dataset Labels", JAIR 2021): a family's threshold is the mean probability the model gives
//!   that family on the variants named for it, and a variant named `i` is suspect when the
//!   model gives another family `j` at least `j`'s threshold and `i` less than `i`'s;
//! - a family x family confusion matrix, and per family how often its variants are predicted
//!   as itself (separability) and how much closer they lie to their own family's mean
//!   difference than to the nearest other family's (cohesion): the families a steering vector
//!   will find, and those likely to scatter.
//!
//! Naive Bayes is chosen because leaving a scenario out is exact and cheap: the counts are
//! sums over variants, so the scenario's own counts are subtracted, its variants scored, and
//! the counts restored. Deterministic, no model file, no dependency.

use std::collections::BTreeMap;

use crate::language::cues;
use crate::language::lexicon::Lexicon;

/// Families with variants in fewer scenarios than this are not learned: a handful of texts
/// by one author teach the model that author's scenario, not the family.
pub const MIN_SCENARIOS: usize = 5;
/// Laplace smoothing of the word counts.
const SMOOTHING: f64 = 0.5;
/// How far above chance a family's separability must be before the model's verdicts about it
/// are trusted: with two families, chance is 50% and a verdict needs 75%.
const TRUSTED_ABOVE_CHANCE: f64 = 0.25;

/// One variant: its scenario, its family (by name), and the features it adds to its baseline.
#[derive(Debug, Clone)]
pub struct Example {
    pub scenario: usize,
    pub family: String,
    /// Ids of the words it adds (any numbering the caller keeps; the same word, the same id).
    pub words: Vec<u32>,
    /// The cue families of those words, each once per word (a family twice if two words cue it).
    pub cue_families: Vec<&'static str>,
}

/// The cue families of an added word: its family in `rules/cues.toml`, and the families of the
/// lexicon emotions it names.
pub fn cue_families_of(word: &str, out: &mut Vec<&'static str>) {
    let start = out.len();
    if let Some(family) = cues::cue(word).and_then(|c| c.family) {
        out.push(family);
    }
    let lexicon = Lexicon::bundled();
    for hit in lexicon.analyze(word) {
        if let Some(&family) = lexicon.family_of_entry.get(hit.emotion) {
            out.push(family);
        }
    }
    out[start..].sort_unstable();
    let mut kept = start;
    for i in start..out.len() {
        if i == start || out[i] != out[kept - 1] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// A family the model learned, with how well it stands apart.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyFit {
    pub family: String,
    pub variants: usize,
    pub scenarios: usize,
    /// The share of its variants predicted (most probable family) as itself.
    pub separability: f64,
    /// Mean over its variants of cosine similarity to its own family's mean (without the
    /// variant) minus that to the nearest other family's mean: above 0, its variants cluster.
    pub cohesion: f64,
    /// The confident-learning threshold: the mean probability of this family on its variants.
    pub threshold: f64,
    /// Separability at or below chance plus a margin, or cohesion at or below zero.
    pub likely_to_scatter: bool,
    /// Separable enough that the model's verdicts about it are reported.
    pub trusted: bool,
}

/// A variant the model confidently reads as another family than its name's.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspect {
    /// Index into the examples.
    pub example: usize,
    pub reads_as: String,
    pub probability: f64,
    pub own_probability: f64,
    /// The added words that most favour `reads_as` over the variant's own family, strongest
    /// first (word ids as given).
    pub evidence: Vec<u32>,
}

/// What the model found over the corpus.
#[derive(Debug, Clone, Default)]
pub struct Fit {
    /// The learned families, alphabetised; indexes of the matrices below.
    pub families: Vec<FamilyFit>,
    /// `confusion[i][j]`: variants named for family i predicted as family j.
    pub confusion: Vec<Vec<usize>>,
    /// 1 / number of families.
    pub chance: f64,
    pub suspects: Vec<Suspect>,
    /// Variants of families with too few scenarios to learn, left out.
    pub unlearned: usize,
}

/// Dense counts, token-major (`of[t * k + c]`: how many of family c's variants add token t,
/// so one token's counts for every family sit together), the families' totals, and the
/// logarithms the model needs: counts are whole numbers, so `ln(n + smoothing)` is a table.
struct Counts {
    of: Vec<u32>,
    total: Vec<u64>,
    k: usize,
    ln_smoothed: Vec<f64>,
}

impl Counts {
    fn add(&mut self, c: usize, tokens: &[usize], remove: bool) {
        for &t in tokens {
            let n = &mut self.of[t * self.k + c];
            *n = if remove { *n - 1 } else { *n + 1 };
        }
        let total = &mut self.total[c];
        *total = if remove {
            *total - tokens.len() as u64
        } else {
            *total + tokens.len() as u64
        };
    }

    /// `ln P(token | family)` with Laplace smoothing, given the family's `ln` denominator.
    fn log_likelihood(&self, c: usize, t: usize, ln_denominator: f64) -> f64 {
        self.ln_smoothed[self.of[t * self.k + c] as usize] - ln_denominator
    }

    fn ln_denominator(&self, c: usize, space: usize) -> f64 {
        (self.total[c] as f64 + SMOOTHING * space as f64).ln()
    }
}

/// Learn from `examples` and predict each with its own scenario held out.
pub fn fit(examples: &[Example]) -> Fit {
    // The families with enough scenarios.
    let mut scenarios_of: BTreeMap<&str, std::collections::BTreeSet<usize>> = BTreeMap::new();
    for e in examples {
        scenarios_of
            .entry(&e.family)
            .or_default()
            .insert(e.scenario);
    }
    let families: Vec<&str> = scenarios_of
        .iter()
        .filter(|(_, s)| s.len() >= MIN_SCENARIOS)
        .map(|(f, _)| *f)
        .collect();
    let learned: Vec<usize> = (0..examples.len())
        .filter(|&i| families.contains(&examples[i].family.as_str()))
        .collect();
    let unlearned = examples.len() - learned.len();
    if families.len() < 2 {
        return Fit {
            unlearned: examples.len(),
            ..Fit::default()
        };
    }
    let k = families.len();
    let class_of = |e: &Example| families.binary_search(&e.family.as_str()).ok();

    // Token space: word ids, then one token per cue family after them.
    let word_space = learned
        .iter()
        .flat_map(|&i| examples[i].words.iter().copied())
        .max()
        .map_or(0, |m| m as usize + 1);
    let cue_names: Vec<&'static str> = {
        let mut names: Vec<&'static str> = learned
            .iter()
            .flat_map(|&i| examples[i].cue_families.iter().copied())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let space = word_space + cue_names.len();
    let tokens_of = |e: &Example| -> Vec<usize> {
        let mut t: Vec<usize> = e.words.iter().map(|&w| w as usize).collect();
        t.extend(
            e.cue_families
                .iter()
                .filter_map(|f| cue_names.binary_search(f).ok())
                .map(|c| word_space + c),
        );
        t
    };
    let token_lists: Vec<Vec<usize>> = examples.iter().map(tokens_of).collect();

    let mut counts = Counts {
        of: vec![0; space * k],
        total: vec![0; k],
        k,
        // A count is at most the number of learned variants.
        ln_smoothed: (0..=learned.len())
            .map(|n| (n as f64 + SMOOTHING).ln())
            .collect(),
    };
    let add = |counts: &mut Counts, i: usize, remove: bool| {
        if let Some(c) = class_of(&examples[i]) {
            counts.add(c, &token_lists[i], remove);
        }
    };
    for &i in &learned {
        add(&mut counts, i, false);
    }

    // Out-of-sample probabilities, a scenario at a time.
    let mut by_scenario: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &learned {
        by_scenario.entry(examples[i].scenario).or_default().push(i);
    }
    let mut probabilities: Vec<Vec<f64>> = vec![Vec::new(); examples.len()];
    let mut scores = vec![0.0; k];
    for members in by_scenario.values() {
        for &i in members {
            add(&mut counts, i, true);
        }
        let ln_denominators: Vec<f64> = (0..k).map(|c| counts.ln_denominator(c, space)).collect();
        for &i in members {
            for (c, score) in scores.iter_mut().enumerate() {
                *score = -(token_lists[i].len() as f64) * ln_denominators[c];
            }
            for &t in &token_lists[i] {
                let row = &counts.of[t * k..(t + 1) * k];
                for (score, &n) in scores.iter_mut().zip(row) {
                    *score += counts.ln_smoothed[n as usize];
                }
            }
            probabilities[i] = softmax(&scores);
        }
        for &i in members {
            add(&mut counts, i, false);
        }
    }

    // Thresholds, confusion, separability.
    let mut threshold = vec![0.0; k];
    let mut named = vec![0usize; k];
    let mut confusion = vec![vec![0usize; k]; k];
    for &i in &learned {
        let c = class_of(&examples[i]).expect("learned");
        named[c] += 1;
        threshold[c] += probabilities[i][c];
        confusion[c][argmax(&probabilities[i])] += 1;
    }
    for c in 0..k {
        threshold[c] /= named[c].max(1) as f64;
    }
    let chance = 1.0 / k as f64;
    let cohesion = cohesion(examples, &learned, &token_lists, k, space, &class_of);
    let family_fits: Vec<FamilyFit> = (0..k)
        .map(|c| {
            let separability = confusion[c][c] as f64 / named[c].max(1) as f64;
            FamilyFit {
                family: families[c].to_string(),
                variants: named[c],
                scenarios: scenarios_of[families[c]].len(),
                separability,
                cohesion: cohesion[c],
                threshold: threshold[c],
                likely_to_scatter: separability <= chance + 0.05 || cohesion[c] <= 0.0,
                trusted: separability >= chance + TRUSTED_ABOVE_CHANCE,
            }
        })
        .collect();

    // Confident learning: suspects are off the diagonal of the confident joint.
    let mut suspects = Vec::new();
    for &i in &learned {
        let own = class_of(&examples[i]).expect("learned");
        let p = &probabilities[i];
        if p[own] >= threshold[own] || !family_fits[own].trusted {
            continue;
        }
        let confident = (0..k)
            .filter(|&j| j != own && p[j] >= threshold[j] && family_fits[j].trusted)
            .max_by(|&a, &b| p[a].total_cmp(&p[b]));
        let Some(j) = confident else {
            continue;
        };
        // The words most in favour of j against the own family, counted without this
        // variant's scenario as its prediction was.
        let members = &by_scenario[&examples[i].scenario];
        for &m in members {
            add(&mut counts, m, true);
        }
        let (ln_j, ln_own) = (
            counts.ln_denominator(j, space),
            counts.ln_denominator(own, space),
        );
        let mut evidence: Vec<(f64, u32)> = examples[i]
            .words
            .iter()
            .map(|&w| {
                let t = w as usize;
                (
                    counts.log_likelihood(j, t, ln_j) - counts.log_likelihood(own, t, ln_own),
                    w,
                )
            })
            .filter(|(gain, _)| *gain > 0.0)
            .collect();
        for &m in members {
            add(&mut counts, m, false);
        }
        evidence.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        suspects.push(Suspect {
            example: i,
            reads_as: families[j].to_string(),
            probability: p[j],
            own_probability: p[own],
            evidence: evidence.iter().take(6).map(|&(_, w)| w).collect(),
        });
    }

    Fit {
        families: family_fits,
        confusion,
        chance,
        suspects,
        unlearned,
    }
}

fn softmax(scores: &[f64]) -> Vec<f64> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.iter().map(|e| e / sum).collect()
}

/// The first index of the largest value.
fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

/// Per family: the mean over its variants of (cosine to its own family's centroid without the
/// variant) minus (cosine to the nearest other family's centroid). Each variant is a binary
/// vector of its tokens, normalised, so every variant weighs the same in a centroid.
fn cohesion(
    examples: &[Example],
    learned: &[usize],
    token_lists: &[Vec<usize>],
    k: usize,
    space: usize,
    class_of: &dyn Fn(&Example) -> Option<usize>,
) -> Vec<f64> {
    let mut centroid = vec![vec![0.0f64; space]; k];
    for &i in learned {
        let c = class_of(&examples[i]).expect("learned");
        let n = token_lists[i].len();
        if n == 0 {
            continue;
        }
        let w = 1.0 / (n as f64).sqrt();
        for &t in &token_lists[i] {
            centroid[c][t] += w;
        }
    }
    let norm2: Vec<f64> = centroid
        .iter()
        .map(|v| v.iter().map(|x| x * x).sum())
        .collect();
    let mut sum = vec![0.0; k];
    let mut n_of = vec![0usize; k];
    for &i in learned {
        let own = class_of(&examples[i]).expect("learned");
        let n = token_lists[i].len();
        n_of[own] += 1;
        if n == 0 {
            continue;
        }
        let w = 1.0 / (n as f64).sqrt();
        let cosine_to = |c: usize| {
            let dot: f64 = token_lists[i].iter().map(|&t| centroid[c][t] * w).sum();
            if c == own {
                // The centroid without this variant: subtract its own unit vector.
                let dot_rest = dot - 1.0;
                let norm_rest = (norm2[c] - 2.0 * dot + 1.0).max(0.0).sqrt();
                if norm_rest == 0.0 {
                    0.0
                } else {
                    dot_rest / norm_rest
                }
            } else if norm2[c] == 0.0 {
                0.0
            } else {
                dot / norm2[c].sqrt()
            }
        };
        let nearest_other = (0..k)
            .filter(|&c| c != own)
            .map(cosine_to)
            .fold(f64::NEG_INFINITY, f64::max);
        sum[own] += cosine_to(own) - nearest_other;
    }
    (0..k).map(|c| sum[c] / n_of[c].max(1) as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus of `scenarios` scenarios, each with one variant per family, whose added words
    /// are drawn from the family's own words (ids 0-9 for the first family, 10-19 for the
    /// second, ...) and from shared setup words (100+).
    fn corpus(families: &[&str], scenarios: usize) -> Vec<Example> {
        let mut out = Vec::new();
        for s in 0..scenarios {
            for (f, &family) in families.iter().enumerate() {
                let own = (0..3).map(|j| (f * 10 + (s + j) % 10) as u32);
                let shared = [100 + (s % 7) as u32, 110 + (s % 5) as u32];
                out.push(Example {
                    scenario: s,
                    family: family.to_string(),
                    words: own.chain(shared).collect(),
                    cue_families: Vec::new(),
                });
            }
        }
        out
    }

    #[test]
    fn separable_families_are_learned_and_clean_labels_raise_nothing() {
        let examples = corpus(&["anger", "joy", "sadness"], 12);
        let fit = fit(&examples);
        assert_eq!(fit.families.len(), 3);
        for f in &fit.families {
            assert!(f.separability > 0.9, "{f:?}");
            assert!(
                f.cohesion > 0.0 && !f.likely_to_scatter && f.trusted,
                "{f:?}"
            );
        }
        assert!(fit.suspects.is_empty(), "{:?}", fit.suspects);
        assert_eq!(fit.confusion[0][0], 12);
    }

    #[test]
    fn a_mislabelled_variant_is_a_suspect_read_as_its_real_family() {
        let mut examples = corpus(&["anger", "joy", "sadness"], 12);
        // Scenario 3's sadness text filed as anger (and its anger text dropped).
        examples.retain(|e| !(e.scenario == 3 && e.family == "anger"));
        let moved = examples
            .iter()
            .position(|e| e.scenario == 3 && e.family == "sadness")
            .unwrap();
        examples[moved].family = "anger".to_string();
        let fit = fit(&examples);
        assert_eq!(fit.suspects.len(), 1, "{:?}", fit.suspects);
        let s = &fit.suspects[0];
        assert_eq!((s.example, s.reads_as.as_str()), (moved, "sadness"));
        assert!(s.probability > s.own_probability);
        // The evidence is sadness's own words (ids 20-29), never the shared setup.
        assert!(!s.evidence.is_empty());
        assert!(s.evidence.iter().all(|w| (20..30).contains(w)), "{s:?}");
    }

    #[test]
    fn families_that_share_their_words_scatter_and_raise_nothing() {
        // Two families whose variants add the same kind of words: no model can tell them
        // apart, so neither is trusted and nobody is accused.
        let mut examples = Vec::new();
        for s in 0..20 {
            for family in ["calm", "content"] {
                let words = vec![(s % 6) as u32, ((s * 7 + family.len()) % 6) as u32];
                examples.push(Example {
                    scenario: s,
                    family: family.to_string(),
                    words,
                    cue_families: Vec::new(),
                });
            }
        }
        let fit = fit(&examples);
        assert!(
            fit.families.iter().all(|f| f.likely_to_scatter),
            "{:?}",
            fit.families
        );
        assert!(fit.families.iter().all(|f| !f.trusted));
        assert!(fit.suspects.is_empty());
    }

    #[test]
    fn families_in_too_few_scenarios_are_not_learned() {
        let mut examples = corpus(&["anger", "joy"], 12);
        examples.extend(corpus(&["awe"], MIN_SCENARIOS - 1));
        let fit = fit(&examples);
        assert_eq!(fit.families.len(), 2);
        assert_eq!(fit.unlearned, MIN_SCENARIOS - 1);
        // One family alone is nothing to tell apart.
        let fit = super::fit(&corpus(&["anger"], 12));
        assert!(fit.families.is_empty() && fit.suspects.is_empty());
    }

    #[test]
    fn cue_families_of_a_word_are_sorted_and_unique() {
        let mut out = Vec::new();
        cue_families_of("slammed", &mut out);
        assert!(out.contains(&"anger"), "{out:?}");
        let mut sorted = out.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(out, sorted);
        out.clear();
        cue_families_of("table", &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
