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
//!
//! The same model serves a second question (`read_unlabelled`): trained on variants labelled
//! by which way their rated words clearly move the valence, it reads the variants it was not
//! trained on.

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
/// How much likelier (in natural log odds) two siblings' texts must be with their families
/// exchanged than as named before the pair is reported: ln 100, a hundred to one. Naive Bayes
/// is overconfident, so this is a margin, not a calibrated probability.
const SWAP_LOG_ODDS: f64 = 4.605;
/// The margin for a pair reported only where a second, independent reading agrees (the
/// rule's valence: the pleasant emotion's text reads less pleasant than the unpleasant
/// one's): ln 10.
const WEAK_SWAP_LOG_ODDS: f64 = 2.303;
/// The share of all sibling pairs of different learned families that the model must read in
/// the order they are named (as named likelier than exchanged) before any pair is reported.
const MIN_PAIRS_IN_ORDER: f64 = 0.75;
/// Of the other variants the model reads as a family (its most probable), the share that must
/// be named for it before a single variant's reading as that family is reported: where the
/// model's readings as a family are often of other families' texts, one more such reading says
/// more about the model than about the name.
const MIN_READING_PRECISION: f64 = 0.9;

/// What the model reads of each variant: its scenario, its family, the words it adds to its
/// baseline (ids in any numbering the caller keeps: the same word, the same id) and the cue
/// families of those words (a family twice if two words cue it). The corpus pass computes
/// them on demand from its summaries (`emotion_mismatch::CorpusVariants`), so a large corpus
/// keeps no second copy of its words; the tests below pack them in memory.
pub trait Variants {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn scenario(&self, i: usize) -> u32;
    /// Its family, or `None` for a variant the model is not to read (no known family).
    fn family(&self, i: usize) -> Option<&str>;
    /// How many cue families `read` numbers (its cue ids run from 0 to this).
    fn cue_families(&self) -> usize;
    /// Variant i's added words, sorted and without repeats, into `words`, and the ids of
    /// their cue families into `cues`.
    fn read(&self, i: usize, words: &mut Vec<u32>, cues: &mut Vec<u8>);
    /// The cue ids that are evidence of their own, not of a word (a change of the text's
    /// rhythm): evidence names cue c in this range as `CUE_EVIDENCE + c`.
    fn shown_cues(&self) -> std::ops::Range<usize> {
        0..0
    }
}

/// Evidence ids from here up name a cue (`Variants::shown_cues`), not a word.
pub const CUE_EVIDENCE: u32 = u32::MAX - 255;

/// A word's stem for the model's counts: a regular suffix off (`-ing`, `-ed`, `-ly`, `-s`,
/// `-es`, `-ingly`, `-edly`, leaving at least four letters), then a doubled final consonant
/// single and a final `e` off, so `grin`, `grinned`, `grinning` and `grins` are one word, as
/// are `smile`, `smiled`, `smiling`. Crude on purpose: with a handful of variants per family
/// the forms of one word must share their evidence; a wrong merge of two rare words costs
/// little. Not a dictionary stemmer (`went` stays `went`).
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    for suffix in ["ingly", "edly", "ing", "ed", "ly", "es", "s"] {
        if w.len() >= suffix.len() + 4 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    let b = w.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1]) {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
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
    /// The variant's number in the `Variants` read.
    pub example: usize,
    pub reads_as: String,
    pub probability: f64,
    pub own_probability: f64,
    /// The added words that most favour `reads_as` over the variant's own family, strongest
    /// first (word ids as given).
    pub evidence: Vec<u32>,
}

/// Two siblings (same scenario, different learned families) whose texts the model, with their
/// scenario held out, reads far better with the families exchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct SwappedPair {
    /// The two variants' numbers in the `Variants` read.
    pub first: usize,
    pub second: usize,
    /// ln of how much likelier the texts are with the families exchanged than as named.
    pub log_odds: f64,
    /// The words of each that most favour the other's family over its own, strongest first.
    pub first_evidence: Vec<u32>,
    pub second_evidence: Vec<u32>,
    /// Set when `second`'s family is too rare in the corpus to be learned: the family `first`
    /// reads as. Then `log_odds` says how much likelier `second` reads as `first`'s family
    /// than `first` does (there is no model of `second`'s own family to exchange).
    pub first_reads_as: Option<String>,
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
    /// Siblings of two learned families that read as each other's, by `SWAP_LOG_ODDS` or more.
    pub swapped: Vec<SwappedPair>,
    /// Siblings that read as each other's by `WEAK_SWAP_LOG_ODDS` or more but less than
    /// `SWAP_LOG_ODDS`: to be reported only where another reading agrees.
    pub weakly_swapped: Vec<SwappedPair>,
    /// Variants of families with too few scenarios to learn, left out.
    pub unlearned: usize,
}

impl Fit {
    /// A learned family's confident-learning threshold (the mean probability the model gives
    /// it on its own variants); 0 for a family it did not learn.
    pub fn threshold(&self, family: &str) -> f64 {
        self.families
            .iter()
            .find(|f| f.family == family)
            .map_or(0.0, |f| f.threshold)
    }
}

/// The model's reading of a variant it was not trained on.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub example: usize,
    pub reads_as: String,
    pub probability: f64,
    /// The words that most favour `reads_as` over the next most probable family, strongest
    /// first (word ids as given); words the model never saw are not evidence.
    pub evidence: Vec<u32>,
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
    fn add(&mut self, c: usize, tokens: impl Iterator<Item = usize>, len: usize, remove: bool) {
        for t in tokens {
            let n = &mut self.of[t * self.k + c];
            *n = if remove { *n - 1 } else { *n + 1 };
        }
        let total = &mut self.total[c];
        *total = if remove {
            *total - len as u64
        } else {
            *total + len as u64
        };
    }

    /// `ln P(token | family)` with Laplace smoothing, given the family's `ln` denominator.
    fn log_likelihood(&self, c: usize, t: usize, ln_denominator: f64) -> f64 {
        self.ln_smoothed[self.of[t * self.k + c] as usize] - ln_denominator
    }

    /// Of these (word, token) pairs, the words that most favour family `favoured` over
    /// `against`, strongest first, at most six; then any shown cue (`CUE_EVIDENCE` ids, a
    /// change of rhythm) that favours it too, however weak: a whole-text trait is easy to
    /// overlook among words, and the reader should know it counted.
    fn evidence(
        &self,
        words: &[(u32, usize)],
        favoured: usize,
        against: usize,
        ln_denominators: &[f64],
    ) -> Vec<u32> {
        let mut gains: Vec<(f64, u32)> = words
            .iter()
            .map(|&(w, t)| {
                let gain = self.log_likelihood(favoured, t, ln_denominators[favoured])
                    - self.log_likelihood(against, t, ln_denominators[against]);
                (gain, w)
            })
            .filter(|(gain, _)| *gain > 0.0)
            .collect();
        gains.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let (cues, words): (Vec<_>, Vec<_>) = gains.iter().partition(|(_, w)| *w >= CUE_EVIDENCE);
        words
            .iter()
            .take(6)
            .chain(&cues)
            .map(|&&(_, w)| w)
            .collect()
    }

    fn ln_denominator(&self, c: usize, space: usize) -> f64 {
        (self.total[c] as f64 + SMOOTHING * space as f64).ln()
    }
}

/// Learn from `variants` and predict each with its own scenario held out.
pub fn fit(variants: &impl Variants) -> Fit {
    learn(variants, Purpose::HoldOut).0
}

/// Learn from the variants with a family, all at once, and read the variants without one.
pub fn read_unlabelled(variants: &impl Variants) -> Vec<Prediction> {
    learn(variants, Purpose::ReadUnlabelled).1
}

/// What `learn` is for: each labelled variant predicted with its scenario held out (the
/// confusion, separability, cohesion and suspects of `Fit`), or only the unlabelled read.
#[derive(PartialEq)]
enum Purpose {
    HoldOut,
    ReadUnlabelled,
}

fn learn(variants: &impl Variants, purpose: Purpose) -> (Fit, Vec<Prediction>) {
    let n = variants.len();
    // Family ids by first appearance, and the scenarios of each.
    // Family ids by first appearance (u8::MAX: no family; a taxonomy has far fewer).
    let mut family_names: Vec<&str> = Vec::new();
    let mut family_of: Vec<u8> = Vec::with_capacity(n);
    for i in 0..n {
        let id = match variants.family(i) {
            None => u8::MAX,
            Some(name) => match family_names.iter().position(|f| *f == name) {
                Some(id) => id as u8,
                None if family_names.len() < usize::from(u8::MAX) => {
                    family_names.push(name);
                    (family_names.len() - 1) as u8
                }
                None => u8::MAX,
            },
        };
        family_of.push(id);
    }
    // Variants in scenario order (stable), to count each family's scenarios and, below, to
    // hold one scenario out at a time.
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_cached_key(|&i| variants.scenario(i as usize));
    let mut scenarios_of = vec![0usize; family_names.len()];
    let mut last_scenario: Vec<Option<u32>> = vec![None; family_names.len()];
    for &i in &order {
        if family_of[i as usize] == u8::MAX {
            continue;
        }
        let (f, s) = (
            family_of[i as usize] as usize,
            variants.scenario(i as usize),
        );
        if last_scenario[f] != Some(s) {
            last_scenario[f] = Some(s);
            scenarios_of[f] += 1;
        }
    }
    // The families with enough scenarios are the classes, alphabetised.
    let mut families: Vec<usize> = (0..family_names.len())
        .filter(|&f| scenarios_of[f] >= MIN_SCENARIOS)
        .collect();
    families.sort_by(|a, b| family_names[*a].cmp(family_names[*b]));
    let mut class_of_family: Vec<Option<usize>> = vec![None; family_names.len()];
    for (c, &f) in families.iter().enumerate() {
        class_of_family[f] = Some(c);
    }
    let class_of = |i: usize| {
        class_of_family
            .get(family_of[i] as usize)
            .copied()
            .flatten()
    };
    // The learned variants, grouped by scenario.
    order.retain(|&i| class_of(i as usize).is_some());
    let learned = order;
    let with_family = family_of.iter().filter(|&&f| f != u8::MAX).count();
    let unlearned = with_family - learned.len();
    if families.len() < 2 {
        let fit = Fit {
            unlearned: with_family,
            ..Fit::default()
        };
        return (fit, Vec::new());
    }
    let k = families.len();

    // Token space: the cue families, then the words the learned variants add, numbered densely
    // as they are first read. The counts and centroids grow with it, so one read of every
    // learned variant numbers its words and counts them.
    let cue_space = variants.cue_families();
    let mut dense: Vec<u32> = Vec::new();
    let mut counts = Counts {
        of: vec![0; cue_space * k],
        total: vec![0; k],
        k,
        // A count is at most the number of learned variants.
        ln_smoothed: (0..=learned.len())
            .map(|n| (n as f64 + SMOOTHING).ln())
            .collect(),
    };
    let hold_out_all = purpose == Purpose::HoldOut;
    let mut centroids = Centroids::new(k, if hold_out_all { cue_space } else { 0 });
    let (mut words, mut cues) = (Vec::new(), Vec::new());
    let mut t: Vec<usize> = Vec::new();
    for i in learned.iter().map(|&i| i as usize) {
        words.clear();
        cues.clear();
        variants.read(i, &mut words, &mut cues);
        t.clear();
        for &w in &words {
            let w = w as usize;
            if w >= dense.len() {
                dense.resize(w + 1, u32::MAX);
            }
            if dense[w] == u32::MAX {
                dense[w] = (counts.of.len() / k - cue_space) as u32;
                counts.of.resize(counts.of.len() + k, 0);
                if hold_out_all {
                    centroids.grow();
                }
            }
            t.push(cue_space + dense[w] as usize);
        }
        t.extend(cues.iter().map(|&c| c as usize));
        let c = class_of(i).expect("learned");
        counts.add(c, t.iter().copied(), t.len(), false);
        if hold_out_all {
            centroids.add(c, &t);
        }
    }
    let space = counts.of.len() / k;
    // A learned word's token (every word of a learned variant has one by now).
    let token_of = |w: u32| cue_space + dense[w as usize] as usize;
    // Any word's token, if the model has counts for it: an unseen word says nothing.
    let known_token = |w: u32| {
        let d = *dense.get(w as usize)?;
        (d != u32::MAX).then_some(cue_space + d as usize)
    };
    // The cues that are evidence of their own (rhythm), as evidence ids with their tokens.
    let shown = variants.shown_cues();
    let shown_cue = |c: &u8| {
        let c = usize::from(*c);
        shown.contains(&c).then_some((CUE_EVIDENCE + c as u32, c))
    };
    // A variant's tokens, read again each time they are needed rather than kept.
    let tokens = |i: usize| -> Vec<usize> {
        let (mut words, mut cues) = (Vec::new(), Vec::new());
        variants.read(i, &mut words, &mut cues);
        words
            .iter()
            .map(|&w| token_of(w))
            .chain(cues.iter().map(|&c| c as usize))
            .collect()
    };
    // The added words of learned variant i that most favour family `favoured` over
    // `against`, under counts with its scenario held out (for the few variants reported).
    let evidence_of =
        |counts: &Counts, i: usize, favoured: usize, against: usize, ln_den: &[f64]| {
            let (mut words, mut cues) = (Vec::new(), Vec::new());
            variants.read(i, &mut words, &mut cues);
            let seen: Vec<(u32, usize)> = words
                .iter()
                .map(|&w| (w, token_of(w)))
                .chain(cues.iter().filter_map(shown_cue))
                .collect();
            counts.evidence(&seen, favoured, against, ln_den)
        };

    centroids.finish();
    let groups: Vec<&[u32]> = learned
        .chunk_by(|a, b| variants.scenario(*a as usize) == variants.scenario(*b as usize))
        .collect();

    // Out-of-sample probabilities, a scenario at a time. Only each variant's probability of
    // its own family and its most probable family are kept (an n x k array would be the
    // largest thing here); the few variants that may be suspects are scored again below.
    // A token no training variant has (a word only the held-out scenario uses) says nothing
    // about the family: scored, its smoothed count would favour the family with the fewest
    // tokens.
    let score = |counts: &Counts, t: &[usize], ln_denominators: &[f64], out: &mut [f32]| {
        let mut scores = vec![0.0f64; k];
        for &t in t {
            let row = &counts.of[t * k..(t + 1) * k];
            if row.iter().all(|&count| count == 0) {
                continue;
            }
            for ((score, &count), d) in scores.iter_mut().zip(row).zip(ln_denominators) {
                *score += counts.ln_smoothed[count as usize] - d;
            }
        }
        softmax_into(&scores, out);
    };
    if !hold_out_all {
        let ln_denominators: Vec<f64> = (0..k).map(|c| counts.ln_denominator(c, space)).collect();
        let mut unlabelled = Vec::new();
        let mut p = vec![0.0f32; k];
        let (mut words, mut cues) = (Vec::new(), Vec::new());
        for i in (0..n).filter(|&i| family_of[i] == u8::MAX) {
            words.clear();
            cues.clear();
            variants.read(i, &mut words, &mut cues);
            let seen: Vec<(u32, usize)> = words
                .iter()
                .filter_map(|&w| Some((w, known_token(w)?)))
                .collect();
            let t: Vec<usize> = seen
                .iter()
                .map(|&(_, t)| t)
                .chain(cues.iter().map(|&c| c as usize))
                .collect();
            if t.is_empty() {
                continue;
            }
            score(&counts, &t, &ln_denominators, &mut p);
            let best = argmax(&p);
            let runner_up = (0..k)
                .filter(|&c| c != best)
                .max_by(|&a, &b| p[a].total_cmp(&p[b]))
                .unwrap_or(best);
            unlabelled.push(Prediction {
                example: i,
                reads_as: family_names[families[best]].to_string(),
                probability: f64::from(p[best]),
                evidence: counts.evidence(&seen, best, runner_up, &ln_denominators),
            });
        }
        return (Fit::default(), unlabelled);
    }

    // Hold a scenario out: its members' tokens (read once), and the denominators without them.
    let hold_out = |counts: &mut Counts, members: &[u32]| {
        let held: Vec<(usize, usize, Vec<usize>)> = members
            .iter()
            .map(|&i| {
                let i = i as usize;
                (i, class_of(i).expect("learned"), tokens(i))
            })
            .collect();
        for (_, c, t) in &held {
            counts.add(*c, t.iter().copied(), t.len(), true);
        }
        let ln_denominators: Vec<f64> = (0..k).map(|c| counts.ln_denominator(c, space)).collect();
        (held, ln_denominators)
    };
    let restore = |counts: &mut Counts, held: &[(usize, usize, Vec<usize>)]| {
        for (_, c, t) in held {
            counts.add(*c, t.iter().copied(), t.len(), false);
        }
    };
    // Variants of families too rare to learn, by scenario: compared with their learned
    // siblings below.
    let mut unlearned_by_scenario: Vec<(u32, usize)> = (0..n)
        .filter(|&i| family_of[i] != u8::MAX && class_of(i).is_none())
        .map(|i| (variants.scenario(i), i))
        .collect();
    unlearned_by_scenario.sort_unstable();
    let mut own_probability = vec![0.0f32; n];
    let mut predicted = vec![0u8; n];
    let mut cohesion_sum = vec![0.0; k];
    let mut p = vec![0.0f32; k];
    // The held-out scenario's probabilities, variant after variant, to compare siblings.
    let mut held_p: Vec<f32> = Vec::new();
    let mut swap_candidates: Vec<SwappedPair> = Vec::new();
    let (mut sibling_pairs, mut pairs_in_order) = (0usize, 0usize);
    for members in &groups {
        let (held, ln_denominators) = hold_out(&mut counts, members);
        held_p.clear();
        for (i, c, t) in &held {
            score(&counts, t, &ln_denominators, &mut p);
            own_probability[*i] = p[*c];
            predicted[*i] = argmax(&p) as u8;
            cohesion_sum[*c] += centroids.margin(*c, t);
            held_p.extend_from_slice(&p);
        }
        // Siblings of different families that read the other way round. Their scenario's
        // setup cancels between them, so the two texts compared with each other are a far
        // surer test than either text alone against every family.
        for (x, (a, ca, _)) in held.iter().enumerate() {
            for (y, (b, cb, _)) in held.iter().enumerate().skip(x + 1) {
                if ca == cb {
                    continue;
                }
                let (pa, pb) = (&held_p[x * k..(x + 1) * k], &held_p[y * k..(y + 1) * k]);
                // Each text's own leaning: how much more it reads as the other's family.
                let (a_leans, b_leans) = (ln(pa[*cb]) - ln(pa[*ca]), ln(pb[*ca]) - ln(pb[*cb]));
                let log_odds = a_leans + b_leans;
                sibling_pairs += 1;
                if log_odds < 0.0 {
                    pairs_in_order += 1;
                }
                // Both must lean the other way: one text far from its family (a swapped-in
                // text) must not make a bystander sibling its partner.
                if log_odds < WEAK_SWAP_LOG_ODDS || a_leans <= 0.0 || b_leans <= 0.0 {
                    continue;
                }
                let first_evidence = evidence_of(&counts, *a, *cb, *ca, &ln_denominators);
                let second_evidence = evidence_of(&counts, *b, *ca, *cb, &ln_denominators);
                swap_candidates.push(SwappedPair {
                    first: *a,
                    second: *b,
                    log_odds,
                    first_evidence,
                    second_evidence,
                    first_reads_as: None,
                });
            }
        }
        // A sibling of a family too rare to learn (no model of it to exchange) that reads as
        // a learned sibling's family, which that sibling itself does not, and far more surely
        // than it: the learned text went elsewhere, and the text in its place reads as it.
        let scenario = variants.scenario(members[0] as usize);
        let from = unlearned_by_scenario.partition_point(|&(s, _)| s < scenario);
        for &(_, r) in unlearned_by_scenario[from..]
            .iter()
            .take_while(|&&(s, _)| s == scenario)
        {
            let (mut words, mut cues) = (Vec::new(), Vec::new());
            variants.read(r, &mut words, &mut cues);
            let known: Vec<(u32, usize)> = words
                .iter()
                .filter_map(|&w| Some((w, known_token(w)?)))
                .collect();
            let t: Vec<usize> = known
                .iter()
                .map(|&(_, t)| t)
                .chain(cues.iter().map(|&c| usize::from(c)))
                .collect();
            if t.is_empty() {
                continue;
            }
            score(&counts, &t, &ln_denominators, &mut p);
            let r_reads = argmax(&p);
            for (x, (a, ca, _)) in held.iter().enumerate() {
                let pa = &held_p[x * k..(x + 1) * k];
                let a_reads = argmax(pa);
                let log_odds = ln(p[*ca]) - ln(pa[*ca]);
                if r_reads != *ca || a_reads == *ca || log_odds < SWAP_LOG_ODDS {
                    continue;
                }
                let runner_up = (0..k)
                    .filter(|&c| c != *ca)
                    .max_by(|&a, &b| p[a].total_cmp(&p[b]))
                    .unwrap_or(*ca);
                let evidence: Vec<(u32, usize)> = known
                    .iter()
                    .copied()
                    .chain(cues.iter().filter_map(shown_cue))
                    .collect();
                swap_candidates.push(SwappedPair {
                    first: *a,
                    second: r,
                    log_odds,
                    first_evidence: evidence_of(&counts, *a, a_reads, *ca, &ln_denominators),
                    second_evidence: counts.evidence(&evidence, *ca, runner_up, &ln_denominators),
                    first_reads_as: Some(family_names[families[a_reads]].to_string()),
                });
            }
        }
        restore(&mut counts, &held);
    }

    // Thresholds, confusion, separability.
    let mut threshold = vec![0.0; k];
    let mut named = vec![0usize; k];
    let mut confusion = vec![vec![0usize; k]; k];
    for i in learned.iter().map(|&i| i as usize) {
        let c = class_of(i).expect("learned");
        named[c] += 1;
        threshold[c] += f64::from(own_probability[i]);
        confusion[c][predicted[i] as usize] += 1;
    }
    for c in 0..k {
        threshold[c] /= named[c].max(1) as f64;
    }
    let chance = 1.0 / k as f64;
    let cohesion: Vec<f64> = (0..k)
        .map(|c| cohesion_sum[c] / named[c].max(1) as f64)
        .collect();
    let family_fits: Vec<FamilyFit> = (0..k)
        .map(|c| {
            let separability = confusion[c][c] as f64 / named[c].max(1) as f64;
            FamilyFit {
                family: family_names[families[c]].to_string(),
                variants: named[c],
                scenarios: scenarios_of[families[c]],
                separability,
                cohesion: cohesion[c],
                threshold: threshold[c],
                likely_to_scatter: separability <= chance + 0.05 || cohesion[c] <= 0.0,
                trusted: separability >= chance + TRUSTED_ABOVE_CHANCE,
            }
        })
        .collect();

    // A single variant is read as family j only where the model's other readings as j are
    // mostly of variants named j (the precision of the confusion matrix's column, without the
    // variant itself, which is one of the readings).
    let read_as: Vec<usize> = (0..k)
        .map(|j| (0..k).map(|c| confusion[c][j]).sum())
        .collect();
    let precise = |j: usize| {
        let others = read_as[j].saturating_sub(1);
        others > 0 && confusion[j][j] as f64 / others as f64 >= MIN_READING_PRECISION
    };
    // Sibling pairs are reported only where the model reads most sibling pairs the way they
    // are named: if it cannot order them, a reversed pair says nothing.
    let (swapped, weakly_swapped) =
        if pairs_in_order as f64 >= MIN_PAIRS_IN_ORDER * sibling_pairs as f64 {
            swap_candidates
                .into_iter()
                .partition(|pair| pair.log_odds >= SWAP_LOG_ODDS)
        } else {
            (Vec::new(), Vec::new())
        };

    // Confident learning: suspects are off the diagonal of the confident joint. Only a variant
    // below its own family's threshold can be one; its scenario is held out again to score it.
    // The family it is reported as must also be its most probable one, and a precise reading.
    let mut suspects = Vec::new();
    for members in &groups {
        // A suspect's most probable family is another: the held-out prediction already says
        // which variants can be one, so only their scenarios are held out again.
        let below = |i: usize| {
            let own = class_of(i).expect("learned");
            family_fits[own].trusted
                && f64::from(own_probability[i]) < threshold[own]
                && usize::from(predicted[i]) != own
        };
        if !members.iter().any(|&i| below(i as usize)) {
            continue;
        }
        let (held, ln_denominators) = hold_out(&mut counts, members);
        for (i, own, t) in held.iter().filter(|(i, _, _)| below(*i)) {
            let (i, own) = (*i, *own);
            score(&counts, t, &ln_denominators, &mut p);
            let j = argmax(&p);
            if j == own || f64::from(p[j]) < threshold[j] || !family_fits[j].trusted || !precise(j)
            {
                continue;
            }
            // The words most in favour of j against the own family, with the scenario held
            // out as for its prediction.
            suspects.push(Suspect {
                example: i,
                reads_as: family_names[families[j]].to_string(),
                probability: f64::from(p[j]),
                own_probability: f64::from(p[own]),
                evidence: evidence_of(&counts, i, j, own, &ln_denominators),
            });
        }
        restore(&mut counts, &held);
    }
    suspects.sort_by_key(|s| s.example);

    let fit = Fit {
        families: family_fits,
        confusion,
        chance,
        suspects,
        swapped,
        weakly_swapped,
        unlearned,
    };
    (fit, Vec::new())
}

/// ln of a probability, a zero one floored at the smallest positive float.
fn ln(p: f32) -> f64 {
    f64::from(p.max(f32::MIN_POSITIVE)).ln()
}

fn softmax_into(scores: &[f64], out: &mut [f32]) {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = scores.iter().map(|s| (s - max).exp()).sum();
    for (o, s) in out.iter_mut().zip(scores) {
        *o = ((s - max).exp() / sum) as f32;
    }
}

/// The first index of the largest value.
fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

/// The families' centroids of their variants' token vectors, each variant a binary vector
/// normalised to length 1 so every variant weighs the same, for cohesion: how much closer a
/// variant lies to its own family's centroid (without itself) than to the nearest other's.
struct Centroids {
    /// `v[t * k + c]`, so a new token adds a row.
    v: Vec<f32>,
    norm2: Vec<f64>,
    k: usize,
}

impl Centroids {
    fn new(k: usize, space: usize) -> Centroids {
        Centroids {
            v: vec![0.0; k * space],
            norm2: vec![0.0; k],
            k,
        }
    }

    /// Room for one more token.
    fn grow(&mut self) {
        self.v.resize(self.v.len() + self.k, 0.0);
    }

    fn add(&mut self, c: usize, tokens: &[usize]) {
        if tokens.is_empty() {
            return;
        }
        let w = 1.0 / (tokens.len() as f32).sqrt();
        for &t in tokens {
            self.v[t * self.k + c] += w;
        }
    }

    fn finish(&mut self) {
        for (c, norm2) in self.norm2.iter_mut().enumerate() {
            *norm2 = self
                .v
                .iter()
                .skip(c)
                .step_by(self.k)
                .map(|&x| f64::from(x) * f64::from(x))
                .sum();
        }
    }

    /// Cosine to the own family's centroid without this variant, minus cosine to the
    /// nearest other family's centroid.
    fn margin(&self, own: usize, tokens: &[usize]) -> f64 {
        if tokens.is_empty() {
            return 0.0;
        }
        let w = 1.0 / (tokens.len() as f64).sqrt();
        let cosine_to = |c: usize| {
            let dot: f64 = tokens
                .iter()
                .map(|&t| f64::from(self.v[t * self.k + c]) * w)
                .sum();
            if c == own {
                // The centroid without this variant: subtract its own unit vector.
                let dot_rest = dot - 1.0;
                let norm_rest = (self.norm2[c] - 2.0 * dot + 1.0).max(0.0).sqrt();
                if norm_rest < 1e-9 {
                    0.0
                } else {
                    dot_rest / norm_rest
                }
            } else if self.norm2[c] == 0.0 {
                0.0
            } else {
                dot / self.norm2[c].sqrt()
            }
        };
        let nearest_other = (0..self.k)
            .filter(|&c| c != own)
            .map(cosine_to)
            .fold(f64::NEG_INFINITY, f64::max);
        cosine_to(own) - nearest_other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant as the model sees it, packed so a corpus of tens of thousands of variants
    /// costs a few bytes per added word: its scenario, its family, the words it adds to its
    /// baseline (ids in any numbering the caller keeps: the same word, the same id) and the cue
    /// families of those words (a family twice if two words cue it).
    #[derive(Debug, Clone, Default)]
    pub struct Examples {
        family_names: Vec<String>,
        cue_names: Vec<&'static str>,
        scenario: Vec<u32>,
        family: Vec<u16>,
        /// Example i's words, sorted and delta-coded (`text::ids`), are
        /// `words[word_end[i - 1]..word_end[i]]`; the same for cues.
        word_end: Vec<u32>,
        words: Vec<u8>,
        cue_end: Vec<u32>,
        cues: Vec<u8>,
    }

    impl Examples {
        pub fn push(
            &mut self,
            scenario: usize,
            family: &str,
            words: &[u32],
            cue_families: &[&'static str],
        ) {
            let family = match self.family_names.iter().position(|f| f == family) {
                Some(i) => i,
                None => {
                    self.family_names.push(family.to_string());
                    self.family_names.len() - 1
                }
            };
            self.scenario.push(scenario as u32);
            self.family.push(family as u16);
            let mut sorted = words.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            crate::text::ids::encode_sorted(&sorted, &mut self.words);
            self.word_end.push(self.words.len() as u32);
            for &cue in cue_families {
                let id = match self.cue_names.iter().position(|c| *c == cue) {
                    Some(i) => i,
                    None => {
                        self.cue_names.push(cue);
                        self.cue_names.len() - 1
                    }
                };
                self.cues.push(id as u8);
            }
            self.cue_end.push(self.cues.len() as u32);
        }
    }

    impl Variants for Examples {
        fn len(&self) -> usize {
            self.scenario.len()
        }

        fn scenario(&self, i: usize) -> u32 {
            self.scenario[i]
        }

        fn family(&self, i: usize) -> Option<&str> {
            Some(&self.family_names[self.family[i] as usize])
        }

        fn cue_families(&self) -> usize {
            self.cue_names.len()
        }

        fn read(&self, i: usize, words: &mut Vec<u32>, cues: &mut Vec<u8>) {
            let start = if i == 0 { 0 } else { self.word_end[i - 1] };
            words.extend(crate::text::ids::decode_sorted(
                &self.words[start as usize..self.word_end[i] as usize],
            ));
            let start = if i == 0 { 0 } else { self.cue_end[i - 1] };
            cues.extend_from_slice(&self.cues[start as usize..self.cue_end[i] as usize]);
        }
    }

    /// One variant, unpacked, so tests can move and drop variants before packing them.
    #[derive(Debug, Clone)]
    struct Example {
        scenario: usize,
        family: String,
        words: Vec<u32>,
        cue_families: Vec<&'static str>,
    }

    fn example(scenario: usize, family: &str, words: Vec<u32>) -> Example {
        Example {
            scenario,
            family: family.to_string(),
            words,
            cue_families: Vec::new(),
        }
    }

    fn fit(examples: &[Example]) -> Fit {
        let mut packed = Examples::default();
        for e in examples {
            packed.push(e.scenario, &e.family, &e.words, &e.cue_families);
        }
        super::fit(&packed)
    }

    /// A corpus of `scenarios` scenarios, each with one variant per family, whose added words
    /// are drawn from the family's own words (ids 0-9 for the first family, 10-19 for the
    /// second, ...) and from shared setup words (100+).
    fn corpus(families: &[&str], scenarios: usize) -> Vec<Example> {
        let mut out = Vec::new();
        for s in 0..scenarios {
            for (f, &family) in families.iter().enumerate() {
                let own = (0..3).map(|j| (f * 10 + (s + j) % 10) as u32);
                let shared = [100 + (s % 7) as u32, 110 + (s % 5) as u32];
                out.push(example(s, family, own.chain(shared).collect()));
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
    fn swapped_siblings_are_reported_as_a_pair_and_clean_siblings_are_not() {
        let clean = corpus(&["anger", "joy", "sadness"], 12);
        assert!(fit(&clean).swapped.is_empty());
        let mut swapped = clean.clone();
        let (a, b) = (
            swapped
                .iter()
                .position(|e| e.scenario == 4 && e.family == "anger")
                .unwrap(),
            swapped
                .iter()
                .position(|e| e.scenario == 4 && e.family == "joy")
                .unwrap(),
        );
        swapped[a].family = "joy".to_string();
        swapped[b].family = "anger".to_string();
        let fit = fit(&swapped);
        assert_eq!(fit.swapped.len(), 1, "{:?}", fit.swapped);
        let pair = &fit.swapped[0];
        assert_eq!((pair.first, pair.second), (a, b));
        assert!(pair.log_odds >= SWAP_LOG_ODDS);
        // Each text's evidence is its real family's words: the anger text (named joy) adds
        // ids 0-9, the joy text (named anger) 10-19.
        assert!(
            pair.first_evidence.iter().all(|w| (0..10).contains(w)),
            "{pair:?}"
        );
        assert!(
            pair.second_evidence.iter().all(|w| (10..20).contains(w)),
            "{pair:?}"
        );
    }

    #[test]
    fn a_swapped_in_text_does_not_make_an_innocent_sibling_its_partner() {
        // Anger adds anger words (0-9) and one common word (100-104); joy adds joy words
        // (10-19), two calm words (20-29) and three common words; calm adds calm words. In
        // scenario 4 the file named anger holds a calm text (six calm words), and its joy
        // sibling adds only common words. The calm text reads far better as calm or joy than
        // as anger, enough to outweigh either sibling's reading on its own, but neither sibling
        // reads as anger: no sibling is its partner, and no pair is reported (the file is left
        // to the single-variant test).
        let mut examples = Vec::new();
        for s in 0..12 {
            let pick = |base: u32, n: u32| (0..n).map(move |j| base + (s as u32 + j) % 10);
            let common = |n: u32| (0..n).map(move |j| 100 + (s as u32 + j) % 5);
            let (anger, joy): (Vec<u32>, Vec<u32>) = if s == 4 {
                (pick(20, 6).collect(), common(3).collect())
            } else {
                (
                    pick(0, 3).chain(common(1)).collect(),
                    pick(10, 3).chain(pick(20, 2)).chain(common(3)).collect(),
                )
            };
            for (family, words) in [
                ("anger", anger),
                ("joy", joy),
                ("calm", pick(20, 3).collect()),
            ] {
                examples.push(example(s, family, words));
            }
        }
        let fit = fit(&examples);
        assert!(fit.swapped.is_empty(), "{:?}", fit.swapped);
    }

    #[test]
    fn no_pair_is_reported_where_the_model_cannot_order_siblings() {
        // Ten scenarios whose anger and joy texts each add five of their family's words; in
        // three of them the names are exchanged. Those three pairs read confidently against
        // their names, but the model reads only 7 of 10 pairs as named: when names disagree
        // with the texts that often, singling out three says nothing.
        let mut examples = Vec::new();
        for s in 0..10 {
            for (f, family) in ["anger", "joy"].iter().enumerate() {
                let named = if s < 3 { ["joy", "anger"][f] } else { family };
                examples.push(example(
                    s,
                    named,
                    (0..5).map(|j| (f * 10 + (s + j) % 10) as u32).collect(),
                ));
            }
        }
        let fit = fit(&examples);
        assert!(fit.swapped.is_empty(), "{:?}", fit.swapped);
        // With one exchanged scenario in ten, the same pair is reported.
        for e in examples.iter_mut().filter(|e| (1..3).contains(&e.scenario)) {
            e.family = if e.family == "anger" { "joy" } else { "anger" }.to_string();
        }
        let fit = self::fit(&examples);
        assert_eq!(fit.swapped.len(), 1, "{:?}", fit.swapped);
    }

    #[test]
    fn words_only_the_held_out_scenario_adds_say_nothing() {
        // Joy's variants add twice as many words as anger's, so a word no other scenario has
        // would, if scored, favour anger (its smaller total). Scenario 0's joy text adds only
        // such words: it must not be read as anger.
        let mut examples = Vec::new();
        for s in 0..8 {
            examples.push(example(s, "anger", vec![(s % 3) as u32]));
            let joy = if s == 0 {
                (500..512).collect()
            } else {
                vec![10 + (s % 3) as u32, 20 + (s % 4) as u32]
            };
            examples.push(example(s, "joy", joy));
        }
        let fit = fit(&examples);
        assert!(fit.suspects.is_empty(), "{:?}", fit.suspects);
        assert!(fit.swapped.is_empty(), "{:?}", fit.swapped);
    }

    #[test]
    fn families_that_share_their_words_scatter_and_raise_nothing() {
        // Two families whose variants add the same kind of words: no model can tell them
        // apart, so neither is trusted and nobody is accused.
        let mut examples = Vec::new();
        for s in 0..20 {
            for family in ["calm", "content"] {
                let words = vec![(s % 6) as u32, ((s * 7 + family.len()) % 6) as u32];
                examples.push(example(s, family, words));
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
        let fit = self::fit(&corpus(&["anger"], 12));
        assert!(fit.families.is_empty() && fit.suspects.is_empty());
    }

    #[test]
    fn forms_of_a_word_share_a_stem_and_short_words_keep_theirs() {
        for group in [
            &["grin", "grinned", "grinning", "grins"][..],
            &["smile", "smiled", "smiling", "smiles"],
            &["slam", "slammed", "slamming"],
            &["quiet", "quietly"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?}: {stems:?}");
        }
        // Too short to lose a suffix, or a different word.
        assert_eq!(stem("bed"), "bed");
        assert_eq!(stem("sing"), "sing");
        assert_ne!(stem("fell"), stem("feel"));
        assert_ne!(stem("stared"), stem("started"));
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
