use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::cues;
use crate::language::family_model::{self, Variants};
use crate::language::lexicon::{LexHit, Lexicon};
use crate::language::taxonomy::Taxonomy;
use crate::rules::summary::Summaries;
use crate::rules::{Context, CorpusContext, Rule};
use crate::text::Doc;
use crate::text::entity_key;
use crate::text::tables::FxHashSet;

declare_rule! {
    /// ## What it checks
    /// Whether a variant carries its own emotion, judged from the words it adds to its
    /// baseline (the shared setup says nothing about the emotion). Each added word is looked
    /// up as a cue: the family whose emotion it shows (`rules/cues.toml`: jaw, slammed, stomped
    /// for anger; slumped, grey, trudged for sadness; the lexicon's emotion words count for
    /// their family too) and how pleasant it is (VADER's ratings, `rules/valence/`). A variant
    /// is reported when
    ///
    /// - its added words hold at least `min-cues` cues of one other family, more than of any
    ///   family, and none of its own: "reads as sadness rather than anger"; or
    /// - its emotion is unpleasant (valence below -0.3 in rules/emotions.toml) and the text is
    ///   more pleasant than its baseline by at least `min-shift` (the sum of its words'
    ///   ratings, a negated word counting reversed, minus the baseline's), or the other way
    ///   round: "reads more pleasant than its baseline, though sadness is unpleasant". This is
    ///   the direction a steering vector learns, so it is measured the same way: variant
    ///   minus baseline; or
    /// - two siblings of different families have crossed cues: each adds more cues of the
    ///   other's family than of its own (two such cues between them are enough, since
    ///   siblings share the setup): both files are reported as likely swapped; or
    /// - a sibling of the other sign is the wrong way round: the text of an unpleasant
    ///   emotion is more pleasant than a pleasant sibling's by at least `min-sibling-gap`
    ///   (siblings share the setup, so a small gap already says something). Both files are
    ///   reported, each pointing at the other: often two texts were swapped; or
    /// - across the corpus, once families have variants in 5 scenarios or more, a model
    ///   learned from the corpus itself (naive Bayes over the words each variant adds to its
    ///   baseline, their cue families and how its rhythm differs from the baseline's:
    ///   sentences 15% shorter or longer, exclamation or question marks, dialogue or
    ///   ellipses added; each scenario predicted with itself held out; words no other
    ///   scenario adds say nothing) reads two siblings of learned families as each
    ///   other's: the two texts are at least a hundred times likelier with their families
    ///   exchanged than as named. Both files are reported as likely swapped, with the words
    ///   that weigh most. Comparing siblings cancels their shared setup, so this is the
    ///   learned part's surest test; it stays silent when the model reads fewer than three in
    ///   four of the corpus's sibling pairs the way they are named. Ten to a hundred times
    ///   is enough where a second reading agrees: the two emotions are of opposite sign and
    ///   the pleasant one's text reads less pleasant than the unpleasant one's (any gap, the
    ///   valence list being independent of the model). A sibling of a family too rare to
    ///   learn (`curious.txt` where curiosity has fewer than 5 scenarios) has no family to
    ///   exchange; the pair is reported when that sibling reads as the learned sibling's
    ///   family, the learned sibling reads as another, and the rare sibling is at least a
    ///   hundred times likelier to read as that family than the learned one is; or
    /// - across the corpus, the same model reads a single variant as another family,
    ///   confidently by confident learning's test: that family is its most probable, at
    ///   least the average the model gives that family's own variants, and the file's own
    ///   family gets less than its own variants' average. Only for families predicted as
    ///   themselves at least 25 points above chance, and only where at least 9 in 10 of the
    ///   model's other readings as that family are of files named for it: where the model
    ///   often reads other families' texts as it, one more such reading says little.
    ///   `pairlint stats` and the report show which families the model can tell apart; or
    /// - across the corpus, a variant of a pleasant or unpleasant emotion whose rated words
    ///   move less than `min-shift`: a second model, trained on the variants whose rated words
    ///   do move by `min-shift` or more (labelled by that direction, not by their names), reads
    ///   its added words as moving the wrong way with 95% probability or more. It learns the
    ///   corpus's own words of praise and blame that the valence list does not rate
    ///   (`unpredictable`, `a mistake`, `shoddy`); or
    /// - across the corpus, a variant that reads as no emotion at all: a third model, learned
    ///   the same way (each scenario held out), tells the words variants add to their
    ///   baselines from the baseline words they replace (the corpus's own examples of plain
    ///   telling), and reads the file's added words as the replaced kind, by confident
    ///   learning's test and at least as surely as it reads the corpus's variants, on average,
    ///   as the added kind: a retelling of the baseline, or a baseline with new facts, under
    ///   an emotion's name.
    ///
    /// The message lists the evidence, and the finding points at each of those words (the
    /// learned part points at the whole text and names the words that weigh most). A file the
    /// lexicon tests reported is not reported again by the learned part.
    ///
    /// ## Why it matters
    /// A steering vector is the mean difference between a family's variants and their
    /// baselines. A furious.txt whose added words are all slumped shoulders and grey light pulls
    /// the anger direction towards sadness; a few such files make whole families scatter in
    /// training, and nothing else in the corpus shows it.
    ///
    /// ## Limits
    /// A word list sees words, not what they do in the sentence: `she did not slam the door`
    /// counts `slam`, irony and understatement read literally, and an emotion shown mostly
    /// through syntax or what is left out leaves few cues; of rhythm the model sees only
    /// sentence length and marks, and learns the corpus's habit (short sentences for anger
    /// and fear), which a resigned text in short sentences also has. The lists cover some
    /// families better than others (anger and sadness have distinctive bodies; the
    /// epistemic and longing families much less), so a silent variant is not proof that its
    /// emotion is there. Near families (anger and rivalry, low_pos and social_pos) share many
    /// cues, and the rule only speaks when one family clearly leads. The learned part learns
    /// the corpus's own habits, words as a bag: if most of a corpus's anger texts are written
    /// with sadness cues it learns that as anger, it cannot separate families whose texts add
    /// the same kinds of words, and a corpus whose names are mostly wrong teaches it nothing
    /// (with half the names swapped the names are noise; it then stays silent rather than
    /// guess). The no-emotion reading sees vocabulary only: an emotion shown through what a
    /// person does not do (`did not go in for a cardigan`) adds plain words and can read as
    /// none, and a plain retelling that happens to add words the corpus's variants favour
    /// passes. It runs only when whole folders are checked, not on single files. Read a
    /// finding as a prompt to reread the text, not as a verdict.
    ///
    /// Measured (ACCURACY.md): on real review pairs whose variant was renamed to the opposite
    /// emotion it reports 91% of the renamed files and 3% of the untouched ones (half of them
    /// renamed). In this repository's 60 scenarios, with two variants of different families
    /// exchanged one pair at a time, it finds 82% of the 549 swaps; in scenarios held back
    /// while it was tuned, 80% of one batch, and 71%, 70% and 77% of three whose authors
    /// avoided each emotion's stock gestures (the model's easiest evidence). Texts with no
    /// emotion (a second neutral telling of the baseline, or the baseline with affect-free
    /// detail, written by separate authors) put in a variant's place are reported 44% of the
    /// time in the scenarios it was tuned on and 56% in scenarios held back (11% before the
    /// no-emotion reading). Untouched, it reports 12 of paired/'s 295 variants (valence words
    /// read literally: sarcasm, remembered hope; a sibling pair and two texts read on
    /// incidental words; two texts whose emotion is in phrases read as no emotion), each
    /// reread and kept as an allow entry. A learned verdict near its margin can come or go
    /// when other scenarios change.
    ///
    /// ## Options
    /// In pairlint.toml, `[emotion-mismatch]`:
    /// - `min-cues` (default 3): how many cue words of another family a variant must add;
    /// - `min-shift` (default 4.0): how far, on VADER's scale summed over the text, a variant
    ///   must move the wrong way from its baseline; 4 is about one clear word exchanged for its
    ///   opposite (`good` for `bad` is 4.4);
    /// - `min-sibling-gap` (default 3.0): how much more pleasant an unpleasant emotion's text
    ///   must be than a pleasant sibling's.
    ///
    /// ## Example
    /// A furious.txt that adds `slumped`, `heavy` and `grey` to its baseline and no anger cue
    /// "reads as sadness rather than anger". Show the anger (a clenched jaw, a slammed
    /// drawer), or rename the file to the emotion it carries.
    pub static META = {
        name: "emotion-mismatch",
        scope: Corpus,
        severity: Warning,
        fixable: false,
        summary: "variant reads as another emotion family than its file name's, or as none",
    }
}

pub struct EmotionMismatch;

/// How many crossed cues two siblings must show in all (each more of the other's family
/// than of its own) before they are reported as swapped: the least that can cross both ways.
const MIN_CROSSED: usize = 2;
/// Valence (VADER scale) from which an added word counts as pleasant or unpleasant.
const VALENCE_CUE: f32 = 1.0;
/// Emotion valence (rules/emotions.toml) beyond which an emotion is pleasant or unpleasant.
const VALENCED_EMOTION: f64 = 0.3;
/// What a negation leaves of a word's valence, reversed (VADER's factor): `not good` is
/// -0.74 times `good`.
const NEGATION_FACTOR: f32 = -0.74;

/// A variant whose emotion is pleasant or unpleasant, for the comparison between siblings.
#[derive(Clone, Copy)]
struct Valenced {
    file: usize,
    /// The emotion's valence (rules/emotions.toml).
    emotion: f64,
    /// The text's valence (`valence`).
    text: f32,
    /// Already reported by the baseline tests.
    reported: bool,
}

/// What the words a variant adds to its baseline, and those it drops, show.
#[derive(Debug, Default)]
struct Reading<'a> {
    /// Family -> its cue words among the added words.
    families: BTreeMap<&'static str, Vec<&'a str>>,
    /// How much more pleasant the variant is than its baseline: the valence of the words it
    /// adds minus that of the words it drops (VADER scale, summed).
    shift: f32,
    /// The added pleasant words and newly negated unpleasant ones (`not bad`), which make the
    /// shift positive, and the other way round.
    towards_pleasant: Vec<String>,
    towards_unpleasant: Vec<String>,
}

/// The valence of a text: the sum of its words' ratings, a word after a negation (`not
/// good`, `never so boring`: up to two words before it, no punctuation between) counting
/// reversed and damped as VADER does. Also the words whose reading a negation turned, as `not good`.
fn valence(doc: &Doc) -> Valence {
    scan(doc, &[], &mut FxHashSet::default()).0
}

/// How pleasant a text reads: `valence` without the negated words.
pub fn text_valence(doc: &Doc) -> f32 {
    valence(doc).0
}

/// A text's valence and the negated words in it (`not good`), each with its turned valence.
type Valence = (f32, Vec<(String, f32)>);

/// An added word, with the lexicon's hits for it and its cue.
type Added<'a, 'l> = (&'a str, &'l [LexHit], Option<cues::Cue>);

/// One pass over a text: its valence (as `valence`), and the words of `added` in the order
/// the text first has them (taken out of `added`), each with its lexicon hits (`lexical`, one
/// entry per word of the text, or empty) and cue, so each word is looked up once.
fn scan<'a, 'l>(
    doc: &Doc,
    lexical: &'l [Vec<LexHit>],
    added: &mut FxHashSet<&'a str>,
) -> (Valence, Vec<Added<'a, 'l>>) {
    let (mut sum, mut negated) = (0.0, Vec::new());
    let mut in_order = Vec::with_capacity(added.len());
    for (i, w) in doc.words.iter().enumerate() {
        let lower = w.lower(doc);
        let found = cues::cue(lower);
        if !added.is_empty() {
            let key = entity_key(lower);
            if let Some(key) = added.take(key) {
                let cue = if key == lower { found } else { cues::cue(key) };
                in_order.push((key, lexical.get(i).map_or(&[][..], Vec::as_slice), cue));
            }
        }
        let Some(cue) = found.filter(|c| c.valence != 0.0) else {
            continue;
        };
        // The two words before it, back to a punctuation mark or the sentence start.
        let mut negation = None;
        for j in (i.saturating_sub(2)..i).rev() {
            let gap = &doc.text[doc.words[j].end..doc.words[j + 1].start];
            if doc.word_sentence[j] != doc.word_sentence[i] || !gap.trim().is_empty() {
                break;
            }
            let before = doc.words[j].lower(doc);
            if is_negation(before) {
                negation = Some(before);
                break;
            }
        }
        match negation {
            Some(n) => {
                let turned = NEGATION_FACTOR * cue.valence;
                sum += turned;
                negated.push((format!("{n} {lower}"), turned));
            }
            None => sum += cue.valence,
        }
    }
    ((sum, negated), in_order)
}

fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not" | "no" | "never" | "nothing" | "neither" | "nor" | "without" | "hardly" | "barely"
    ) || word.ends_with("n't")
}

/// Read the added words (each with the lexicon's hits for it, as the rule context has them)
/// and the two texts' valences.
fn read<'a>(
    added: &[Added<'a, '_>],
    (after, turned): Valence,
    (before, turned_before): &Valence,
) -> Reading<'a> {
    let lexicon = Lexicon::bundled();
    let mut reading = Reading {
        shift: after - before,
        ..Reading::default()
    };
    for (phrase, value) in turned {
        if turned_before.iter().any(|(p, _)| *p == phrase) {
            continue;
        }
        // A turned word counts from the same strength as a plain one.
        if value >= -NEGATION_FACTOR * VALENCE_CUE {
            reading.towards_pleasant.push(phrase);
        } else if value <= NEGATION_FACTOR * VALENCE_CUE {
            reading.towards_unpleasant.push(phrase);
        }
    }
    for &(word, hits, cue) in added {
        let mut families: Vec<&'static str> = Vec::new();
        if let Some(cue) = cue {
            families.extend(cue.family);
            if cue.valence >= VALENCE_CUE {
                reading.towards_pleasant.push(word.to_string());
            } else if cue.valence <= -VALENCE_CUE {
                reading.towards_unpleasant.push(word.to_string());
            }
        }
        for hit in hits {
            if let Some(&family) = lexicon.family_of_entry.get(hit.emotion) {
                families.push(family);
            }
        }
        families.sort_unstable();
        families.dedup();
        for family in families {
            reading.families.entry(family).or_default().push(word);
        }
    }
    reading
}

/// What emotion-mismatch says of one variant: the message, the evidence words, and the
/// label each of them gets.
struct Finding {
    message: String,
    evidence: Vec<String>,
    label: String,
}

/// The finding for one variant, if its added words read as something else.
fn judge<'a>(
    reading: &Reading<'a>,
    own_family: &str,
    own_valence: f64,
    min_cues: usize,
    min_shift: f32,
) -> Option<Finding> {
    let own = reading.families.get(own_family).map_or(0, Vec::len);
    let mut ranked: Vec<(&str, &Vec<&str>)> =
        reading.families.iter().map(|(f, w)| (*f, w)).collect();
    ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    if let Some(&(best, words)) = ranked.first()
        && best != own_family
        && own == 0
        && words.len() >= min_cues
        && ranked
            .get(1)
            .is_none_or(|second| second.1.len() < words.len())
    {
        let message = format!(
            "reads as {best} rather than {own_family}: {} ({} {best} cues, 0 {own_family} cues) in the words it adds to the baseline",
            quoted(words),
            words.len()
        );
        return Some(Finding {
            message,
            evidence: words.iter().map(|w| w.to_string()).collect(),
            label: format!("{best} cue"),
        });
    }
    // Against its baseline, an unpleasant emotion's variant should grow less pleasant and a
    // pleasant one's more: a shift the other way by a clear word or more contradicts its name.
    let (reads, words) = if own_valence <= -VALENCED_EMOTION && reading.shift >= min_shift {
        ("more pleasant", &reading.towards_pleasant)
    } else if own_valence >= VALENCED_EMOTION && reading.shift <= -min_shift {
        ("less pleasant", &reading.towards_unpleasant)
    } else {
        return None;
    };
    let kind = if own_valence < 0.0 {
        "unpleasant"
    } else {
        "pleasant"
    };
    let message = format!(
        "reads {reads} than its baseline, though {own_family} is {kind}: {} (valence {:+.1} against the baseline)",
        quoted(words),
        reading.shift
    );
    Some(Finding {
        message,
        evidence: words.clone(),
        label: reads.to_string(),
    })
}

/// Up to six words, quoted and joined, with a count of the rest.
/// Odds from natural log odds, as a reader says them: `300 times`, `over a million times`.
fn odds_phrase(log_odds: f64) -> String {
    let odds = log_odds.exp();
    if !odds.is_finite() || odds >= 1e6 {
        return "over a million times".to_string();
    }
    // Two significant figures: 130, 4,700, 56,000.
    let magnitude = 10f64.powi(odds.log10().floor() as i32 - 1).max(1.0);
    let rounded = ((odds / magnitude).round() * magnitude) as u64;
    let digits = rounded.to_string();
    let mut grouped = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} times")
}

fn quoted(words: &[impl AsRef<str>]) -> String {
    joined(words.iter().map(|w| format!("`{}`", w.as_ref())).collect())
}

/// The first six items, and how many more.
fn joined(mut list: Vec<String>) -> String {
    let more = list.len().saturating_sub(6);
    list.truncate(6);
    if more > 0 {
        list.push(format!("{more} more"));
    }
    list.join(", ")
}

/// A learned model's evidence as a message shows it: a word of the text, quoted as written,
/// or a change of the text's rhythm (`CorpusVariants::style_changes`), said in plain words.
enum Shown<'a> {
    Word(&'a str),
    Change(&'static str),
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // The summaries keep words with a plural `s` folded away (`entity_key`): where
            // that leaves no word (`alway`, `glasse`), the text had the one with the `s`.
            Shown::Word(word)
                if !crate::text::dictionary::contains(word)
                    && crate::text::dictionary::contains(&format!("{word}s")) =>
            {
                write!(f, "`{word}s`")
            }
            Shown::Word(word) => write!(f, "`{word}`"),
            Shown::Change(change) => f.write_str(change),
        }
    }
}

/// The evidence words (six at most, as `quoted`), then every change of rhythm among it.
fn listed(evidence: &[Shown]) -> String {
    let (changes, words): (Vec<&Shown>, Vec<&Shown>) =
        evidence.iter().partition(|e| matches!(e, Shown::Change(_)));
    let words = joined(words.iter().map(ToString::to_string).collect());
    let changes: Vec<String> = changes.iter().map(ToString::to_string).collect();
    match (words.is_empty(), changes.is_empty()) {
        (_, true) => words,
        (true, false) => changes.join(", "),
        (false, false) => format!("{words}, and {}", changes.join(", ")),
    }
}

/// A variant's cue words by family, for the comparison between siblings.
struct Cued<'a> {
    file: usize,
    family: &'a str,
    cues: BTreeMap<&'static str, Vec<&'a str>>,
    /// Already reported by the baseline tests.
    reported: bool,
}

impl Cued<'_> {
    fn count(&self, family: &str) -> usize {
        self.cues.get(family).map_or(0, Vec::len)
    }
}

/// The first place each evidence word is written, in text order.
fn evidence_places(doc: &Doc, evidence: &[impl AsRef<str>]) -> Vec<std::ops::Range<usize>> {
    let mut places = Vec::new();
    for word in evidence {
        let word = word.as_ref();
        // A negated word (`not good`) is pointed at by the word itself.
        let key = word.split(' ').next_back().unwrap_or(word);
        if let Some(w) = doc.words.iter().find(|w| entity_key(w.lower(doc)) == key) {
            places.push(w.span());
        }
    }
    places.sort_by_key(|r| r.start);
    places
}

impl EmotionMismatch {
    /// The valence model (`ShiftVariants`): a variant of a pleasant or unpleasant emotion whose
    /// words the valence list leaves unsure, read by a model trained on the corpus's clear
    /// cases as moving the other way, is reported.
    fn learned_shifts(
        &self,
        cx: &CorpusContext,
        variants: &CorpusVariants,
        readings: &[family_model::Prediction],
        reported: &mut Vec<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let summaries = cx.summaries;
        for prediction in readings {
            let i = prediction.example;
            let (s, v) = variants.place(i);
            let text = summaries.variant(s, v);
            if text.mismatch_reported()
                || reported.contains(&i)
                || prediction.probability < MIN_LEARNED_SHIFT_PROBABILITY
            {
                continue;
            }
            let Some(emotion) = cx.taxonomy.resolve(summaries.emotion(text)) else {
                continue;
            };
            let valence = emotion.emotion.valence;
            let (reads, kind) = match prediction.reads_as.as_str() {
                "pleasant" if valence <= -VALENCED_EMOTION => ("more pleasant", "unpleasant"),
                "unpleasant" if valence >= VALENCED_EMOTION => ("less pleasant", "pleasant"),
                _ => continue,
            };
            let words = variants.as_written(i, &prediction.evidence);
            if words.is_empty() {
                continue;
            }
            let message = format!(
                "reads {reads} than its baseline, though {} is {kind}: learned from the corpus's variants whose rated words move clearly, the words it adds point that way ({:.0}%): {}",
                emotion.emotion.family,
                prediction.probability * 100.0,
                listed(&words),
            );
            out.push(
                META.report(summaries.whole(s, text), message)
                    .with_label(format!("reads {reads}"))
                    .with_help(
                        "show the file's own emotion, or rename the file to the emotion it carries",
                    ),
            );
            reported.push(i);
        }
    }

    /// The affect model (`AffectVariants`): a variant whose added words the model, learned
    /// from the rest of the corpus, confidently reads as the kind of words variants replace
    /// rather than the kind they add: a retelling of its baseline with no emotion in it.
    fn learned_neutral(
        &self,
        cx: &CorpusContext,
        variants: &CorpusVariants,
        fit: &family_model::Fit,
        reported: &[usize],
        out: &mut Vec<Diagnostic>,
    ) {
        let summaries = cx.summaries;
        let affect_threshold = fit.threshold(AFFECT);
        for suspect in &fit.suspects {
            // As sure of `neutral` as the model is, on average, of the corpus's own variants
            // being `affect`: a confident-learning threshold alone lets through the variants
            // whose emotion lives in phrases the bag of words cannot see.
            if !suspect.example.is_multiple_of(2)
                || suspect.reads_as != NEUTRAL
                || suspect.probability < affect_threshold
            {
                continue;
            }
            let i = suspect.example / 2;
            let (s, v) = variants.place(i);
            let text = summaries.variant(s, v);
            if text.mismatch_reported() || reported.contains(&i) {
                continue;
            }
            let family = variants.family(i).unwrap_or_default();
            let words = variants.as_written(i, &suspect.evidence);
            let message = format!(
                "reads as no emotion, though its file name says {family}: learned from the corpus's other scenarios, the words it adds to its baseline are {:.0}% like the plain words variants replace (a variant's added words average {:.0}%); most telling: {}",
                suspect.probability * 100.0,
                (1.0 - affect_threshold) * 100.0,
                listed(&words),
            );
            out.push(
                META.report(summaries.whole(s, text), message)
                    .with_label("reads as no emotion")
                    .with_help("show the emotion in what the narrator notices and does, not only in new facts"),
            );
        }
    }

    /// Two siblings of different families whose cues are crossed: each adds more cues of the
    /// other's family than of its own, by at least `MIN_CROSSED` in all. Siblings share the
    /// setup, so this is the pattern of two texts filed under each other's names, and it
    /// needs far less evidence than one text read alone. Returns the files it reported.
    fn compare_sibling_cues(
        &self,
        cx: &Context,
        cued: &[Cued],
        out: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        let s = cx.scenario;
        let mut reported: Vec<usize> = Vec::new();
        for (i, x) in cued.iter().enumerate() {
            for y in &cued[i + 1..] {
                if x.family == y.family
                    || x.reported
                    || y.reported
                    || reported.contains(&x.file)
                    || reported.contains(&y.file)
                {
                    continue;
                }
                let (xa, xb) = (x.count(x.family), x.count(y.family));
                let (ya, yb) = (y.count(x.family), y.count(y.family));
                if xb <= xa || ya <= yb || (xb - xa) + (ya - yb) < MIN_CROSSED {
                    continue;
                }
                for (me, other, mine, theirs) in [(x, y, xb, xa), (y, x, ya, yb)] {
                    let (Some(doc), Some(other_doc)) =
                        (s.files[me.file].doc(), s.files[other.file].doc())
                    else {
                        continue;
                    };
                    let evidence = &me.cues[other.family];
                    let places = evidence_places(doc, evidence);
                    let Some(first) = places.first().cloned() else {
                        continue;
                    };
                    let message = format!(
                        "reads as {} rather than {}, and its sibling `{}` reads as {}: {} ({mine} {} cues, {theirs} {} cues); were the texts swapped?",
                        other.family,
                        me.family,
                        s.files[other.file].name,
                        me.family,
                        quoted(evidence),
                        other.family,
                        me.family,
                    );
                    let label = format!("{} cue", other.family);
                    let mut d = META
                        .report(
                            Location::in_doc(s.files[me.file].path.clone(), doc, first),
                            message,
                        )
                        .with_label(label.clone())
                        .with_help("check that each file holds its own emotion's text");
                    for place in places.iter().skip(1) {
                        d = d.with_related(
                            Location::in_doc(s.files[me.file].path.clone(), doc, place.clone()),
                            label.clone(),
                        );
                    }
                    d = d.with_related(
                        Location::in_doc(
                            s.files[other.file].path.clone(),
                            other_doc,
                            other_doc.body_span(),
                        ),
                        "the sibling",
                    );
                    out.push(d);
                    reported.push(me.file);
                }
            }
        }
        reported
    }

    /// Siblings share the baseline's setup, so their valences can be compared directly: the
    /// text of an unpleasant emotion that is clearly more pleasant than the text of a
    /// pleasant sibling has the two the wrong way round (often two files swapped). A pair
    /// with a member the baseline tests already reported is left alone (that finding says
    /// what is wrong, and its siblings are not to blame); each file is reported once.
    fn compare_siblings(&self, cx: &Context, valenced: &[Valenced], out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let gap = cx.settings.mismatch_min_sibling_gap as f32;
        let mut reported: Vec<usize> = Vec::new();
        for u in valenced {
            for p in valenced {
                if u.emotion > -VALENCED_EMOTION
                    || p.emotion < VALENCED_EMOTION
                    || u.reported
                    || p.reported
                    || u.text - p.text < gap
                {
                    continue;
                }
                let (unpleasant, pleasant, u_text, p_text) = (u.file, p.file, u.text, p.text);
                for (file, other, reads) in [
                    (unpleasant, pleasant, "more pleasant"),
                    (pleasant, unpleasant, "less pleasant"),
                ] {
                    if reported.contains(&file) {
                        continue;
                    }
                    reported.push(file);
                    let (Some(doc), Some(other_doc)) = (s.files[file].doc(), s.files[other].doc())
                    else {
                        continue;
                    };
                    let (mine, theirs) = if file == unpleasant {
                        (u_text, p_text)
                    } else {
                        (p_text, u_text)
                    };
                    let message = format!(
                        "reads {reads} than its sibling `{}` (valence {mine:+.1} against {theirs:+.1}), though `{}` is the {} emotion of the two; were the texts swapped?",
                        s.files[other].name,
                        s.files[file].name,
                        if file == unpleasant {
                            "unpleasant"
                        } else {
                            "pleasant"
                        },
                    );
                    out.push(
                        META.report(
                            Location::in_doc(s.files[file].path.clone(), doc, doc.body_span()),
                            message,
                        )
                        .with_label(format!("reads {reads} than its sibling"))
                        .with_related(
                            Location::in_doc(
                                s.files[other].path.clone(),
                                other_doc,
                                other_doc.body_span(),
                            ),
                            "the sibling",
                        )
                        .with_help("check that each file holds its own emotion's text"),
                    );
                }
            }
        }
    }
}

impl Rule for EmotionMismatch {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let s = cx.scenario;
        let Some((base_index, base_doc)) = s.baseline.and_then(|i| Some((i, s.files[i].doc()?)))
        else {
            return;
        };
        let base = cx.content_words(base_index);
        let base_valence = valence(base_doc);
        cx.valence(base_index, || base_valence.0);
        // Each valenced variant's own valence and whether the baseline test reported it, and
        // each variant's cues by family, for the comparisons between siblings below.
        let mut valenced: Vec<Valenced> = Vec::new();
        let mut cued: Vec<Cued> = Vec::new();
        for variant in &s.variants {
            let (Some(emotion), Some(doc)) = (&variant.emotion, s.files[variant.file].doc()) else {
                continue;
            };
            let words = cx.content_words(variant.file);
            let lexical = cx.lexical(variant.file);
            // The added words (a merge of the two sorted lists), then in the order the text
            // has them, so evidence reads as written.
            let mut added: FxHashSet<&str> = FxHashSet::default();
            let mut b = base.iter().peekable();
            for &w in words {
                while b.next_if(|&&x| x < w).is_some() {}
                if b.peek() != Some(&&w) {
                    added.insert(w);
                }
            }
            let (own, in_order) = scan(doc, lexical, &mut added);
            let text_valence = own.0;
            cx.valence(variant.file, || text_valence);
            let mut reading = read(&in_order, own, &base_valence);
            let finding = judge(
                &reading,
                &emotion.emotion.family,
                emotion.emotion.valence,
                cx.settings.mismatch_min_cues,
                cx.settings.mismatch_min_shift as f32,
            );
            cued.push(Cued {
                file: variant.file,
                family: &emotion.emotion.family,
                // The finding owns its words; the cues move here rather than being copied.
                cues: std::mem::take(&mut reading.families),
                reported: finding.is_some(),
            });
            if emotion.emotion.valence.abs() >= VALENCED_EMOTION {
                valenced.push(Valenced {
                    file: variant.file,
                    emotion: emotion.emotion.valence,
                    text: text_valence,
                    reported: finding.is_some(),
                });
            }
            let Some(Finding {
                message,
                evidence,
                label,
            }) = finding
            else {
                continue;
            };
            let places = evidence_places(doc, &evidence);
            let file = &s.files[variant.file];
            let Some(first) = places.first().cloned() else {
                continue;
            };
            let mut d = META
                .report(
                    Location::in_doc(file.path.clone(), doc, first),
                    message,
                )
                .with_label(label.clone())
                .with_help("show the file's own emotion in what the narrator notices and does, or rename the file to the emotion it carries");
            for place in places.iter().skip(1) {
                d = d.with_related(
                    Location::in_doc(file.path.clone(), doc, place.clone()),
                    label.clone(),
                );
            }
            out.push(d);
        }
        let crossed = self.compare_sibling_cues(cx, &cued, out);
        for v in valenced.iter_mut() {
            v.reported |= crossed.contains(&v.file);
        }
        self.compare_siblings(cx, &valenced, out);
    }

    /// The learned part: a family model over every variant's added words, each predicted with
    /// its own scenario held out (`family_model`); a variant it confidently reads as another
    /// family is reported, unless the lexicon tests above already did.
    fn check_corpus(&self, cx: &CorpusContext, out: &mut Vec<Diagnostic>) {
        let summaries = cx.summaries;
        let min_shift = cx.settings.mismatch_min_shift as f32;
        // The three models run one after the other on one reading of the corpus: side by side
        // (each thread with its own word caches) they took 4 MB more at 30,000 scenarios, past
        // the memory bound in BENCHMARKS.md, for a few tenths of a second.
        let variants = CorpusVariants::new(summaries, cx.taxonomy);
        let fit = family_model::fit(&variants);
        let shift_readings = family_model::read_unlabelled(&ShiftVariants {
            inner: &variants,
            min_shift,
        });
        let affect_fit = family_model::fit(&AffectVariants { inner: &variants });
        let mut reported = Vec::new();
        // A pair read as swapped by a smaller margin counts where the texts' valence agrees:
        // of two emotions of opposite sign, the pleasant one's text reads less pleasant.
        let valence_agrees = |pair: &&family_model::SwappedPair| {
            let ((s, a), (_, b)) = (variants.place(pair.first), variants.place(pair.second));
            let (first, second) = (summaries.variant(s, a), summaries.variant(s, b));
            let named = |text| {
                cx.taxonomy
                    .resolve(summaries.emotion(text))
                    .map_or(0.0, |r| r.emotion.valence)
            };
            let (va, vb) = (named(first), named(second));
            va.abs() >= VALENCED_EMOTION
                && vb.abs() >= VALENCED_EMOTION
                && va.signum() != vb.signum()
                && (first.valence - second.valence) * ((va - vb) as f32) < 0.0
        };
        let pairs = fit.swapped.iter().map(|pair| (pair, false)).chain(
            fit.weakly_swapped
                .iter()
                .filter(valence_agrees)
                .map(|pair| (pair, true)),
        );
        for (pair, weak) in pairs {
            let ((s, a), (_, b)) = (variants.place(pair.first), variants.place(pair.second));
            let (first, second) = (summaries.variant(s, a), summaries.variant(s, b));
            if first.mismatch_reported() || second.mismatch_reported() {
                continue;
            }
            let family = |i: usize| variants.family(i).unwrap_or_default();
            let odds = odds_phrase(pair.log_odds);
            for (i, text, other_i, other, evidence) in [
                (pair.first, first, pair.second, second, &pair.first_evidence),
                (
                    pair.second,
                    second,
                    pair.first,
                    first,
                    &pair.second_evidence,
                ),
            ] {
                let words = variants.as_written(i, evidence);
                // The second reading a weaker pair needs, said.
                let valence_too = if weak {
                    let pleasant = text.valence > other.valence;
                    format!(
                        ", and it reads {} pleasant than its sibling (valence {:+.1} against {:+.1}), though it is the {} emotion of the two",
                        if pleasant { "more" } else { "less" },
                        text.valence,
                        other.valence,
                        if pleasant { "unpleasant" } else { "pleasant" },
                    )
                } else {
                    String::new()
                };
                let (message, reads_as) = match &pair.first_reads_as {
                    None => (
                        format!(
                            "reads as {} and its sibling `{}` as {}: learned from the corpus's other scenarios, the two texts are {odds} likelier with their families exchanged than as named{valence_too}; most telling here: {}; were the texts swapped?",
                            family(other_i),
                            summaries.file_name(other),
                            family(i),
                            listed(&words),
                        ),
                        family(other_i),
                    ),
                    // The sibling's family is too rare to learn: the pair is told by how much
                    // more the rare sibling reads as the learned one's family.
                    Some(first_reads_as) if i == pair.first => (
                        format!(
                            "reads as {first_reads_as} rather than {}, while its sibling `{}` ({}, too rare in the corpus to learn) reads as {}: learned from the corpus's other scenarios, the sibling is {odds} likelier to read as {} than this text is; most telling here: {}; were the texts swapped?",
                            family(i),
                            summaries.file_name(other),
                            family(other_i),
                            family(i),
                            family(i),
                            listed(&words),
                        ),
                        first_reads_as.as_str(),
                    ),
                    Some(first_reads_as) => (
                        format!(
                            "reads as {}, the family of its sibling `{}`, which reads as {first_reads_as}: learned from the corpus's other scenarios ({} is too rare in it to learn), this text is {odds} likelier to read as {} than its sibling is; most telling here: {}; were the texts swapped?",
                            family(other_i),
                            summaries.file_name(other),
                            family(i),
                            family(other_i),
                            listed(&words),
                        ),
                        family(other_i),
                    ),
                };
                out.push(
                    META.report(summaries.whole(s, text), message)
                        .with_label(format!("reads as {reads_as}"))
                        .with_related(summaries.whole(s, other), "the sibling")
                        .with_help("check that each file holds its own emotion's text"),
                );
                reported.push(i);
            }
        }
        for suspect in &fit.suspects {
            let (s, v) = variants.place(suspect.example);
            let text = summaries.variant(s, v);
            if text.mismatch_reported() || reported.contains(&suspect.example) {
                continue;
            }
            let own = variants.family(suspect.example).unwrap_or_default();
            let words = variants.as_written(suspect.example, &suspect.evidence);
            let reads_as = &suspect.reads_as;
            let message = format!(
                "reads as {reads_as} rather than {own}: learned from the corpus's other scenarios, the words it adds to its baseline give {reads_as} {:.0}% (its variants average {:.0}%) and {own} {:.0}% (its variants average {:.0}%); most telling: {}",
                suspect.probability * 100.0,
                fit.threshold(reads_as) * 100.0,
                suspect.own_probability * 100.0,
                fit.threshold(own) * 100.0,
                listed(&words),
            );
            out.push(
                META.report(summaries.whole(s, text), message)
                    .with_label(format!("reads as {reads_as}"))
                    .with_help("compare it with other scenarios' variants of both families; show the file's own emotion, or rename the file to the emotion it carries"),
            );
            reported.push(suspect.example);
        }
        self.learned_shifts(cx, &variants, &shift_readings, &mut reported, out);
        self.learned_neutral(cx, &variants, &affect_fit, &reported, out);
    }
}

/// Every variant of the corpus as the family model reads it, computed on demand from the
/// summaries (their content-word ids): the words a variant adds to its baseline and the cue
/// families of those words. Only where each scenario's variants start, a family per emotion
/// name and a per-word cache of cue families are kept, so the corpus pass adds next to nothing
/// per variant. Variants of scenarios without a baseline are left out, and those of emotions
/// the taxonomy does not know are not read.
pub struct CorpusVariants<'a> {
    summaries: &'a Summaries,
    /// `starts[s]`: the number of the first variant of scenario s (variants of scenarios
    /// without a baseline are not numbered); one more entry at the end, the total.
    starts: Vec<u32>,
    /// Per emotion name id, its family (an index into `family_names`) or `NO_FAMILY`.
    family_of_name: Vec<u16>,
    family_names: Vec<String>,
    /// The cue families, in the order of the bits below: the taxonomy's families.
    cue_names: Vec<&'a str>,
    /// Per vocabulary word, its cue families as bits; `UNREAD` until first needed.
    cue_bits: Vec<std::cell::Cell<u32>>,
    /// Per vocabulary word, the word whose id stands for its stem; `UNREAD` until needed.
    stem_of: Vec<std::cell::Cell<u32>>,
    /// Per stem (its 64-bit hash: no string kept per word, and two stems that collide merge
    /// like two forms of one word), the first word id seen with it.
    first_with_stem: std::cell::RefCell<crate::text::tables::FxHashMap<u64, u32>>,
}

const UNREAD: u32 = u32::MAX;
const NO_FAMILY: u16 = u16::MAX;

impl<'a> CorpusVariants<'a> {
    pub fn new(summaries: &'a Summaries, taxonomy: &'a Taxonomy) -> CorpusVariants<'a> {
        let mut starts = Vec::with_capacity(summaries.len() + 1);
        let mut total = 0u32;
        for s in 0..summaries.len() {
            starts.push(total);
            if summaries.baseline(s).is_some() {
                total += summaries.variants(s).len() as u32;
            }
        }
        starts.push(total);
        let mut family_names: Vec<String> = Vec::new();
        let mut family_of_name = vec![NO_FAMILY; summaries.name_count()];
        let mut resolved = vec![false; summaries.name_count()];
        for s in 0..summaries.len() {
            for variant in summaries.variants(s) {
                let id = summaries.emotion_id(variant) as usize;
                if std::mem::replace(&mut resolved[id], true) {
                    continue;
                }
                let Some(r) = taxonomy.resolve(summaries.emotion(variant)) else {
                    continue;
                };
                let family = r.emotion.family;
                family_of_name[id] = match family_names.iter().position(|f| *f == family) {
                    Some(f) => f as u16,
                    None => {
                        family_names.push(family);
                        (family_names.len() - 1) as u16
                    }
                };
            }
        }
        // Bits hold 31 families (the bundled taxonomy has 17); any beyond are not cues.
        let cue_names: Vec<&str> = taxonomy
            .families
            .keys()
            .map(String::as_str)
            .take(31)
            .collect();
        CorpusVariants {
            summaries,
            starts,
            family_of_name,
            family_names,
            cue_names,
            cue_bits: (0..summaries.vocabulary.word_count())
                .map(|_| std::cell::Cell::new(UNREAD))
                .collect(),
            stem_of: (0..summaries.vocabulary.word_count())
                .map(|_| std::cell::Cell::new(UNREAD))
                .collect(),
            first_with_stem: Default::default(),
        }
    }

    /// How variant `i`'s surface differs from its baseline's: sentences 15% shorter or
    /// longer on average, exclamation or question marks, dialogue or ellipses added. Rhythm
    /// and punctuation carry an emotion across scenarios where the words are the scenario's
    /// own (clipped sentences for anger or fear, long ones for calm), so the family model
    /// reads them as cues.
    fn style_changes(&self, i: usize) -> [bool; STYLE_CHANGES] {
        let (s, v) = self.place(i);
        let Some(base) = self.summaries.baseline(s) else {
            return [false; STYLE_CHANGES];
        };
        let (b, t) = (base.surface(), self.summaries.variant(s, v).surface());
        // Marks are rates per 100 words: one more in a text of 100-200 words is 0.5 to 1 more,
        // while the same count in a text a tenth shorter is only 0.1 more.
        [
            t.sentence_length < 0.85 * b.sentence_length,
            t.sentence_length > 1.15 * b.sentence_length,
            t.exclamations > b.exclamations + 0.4,
            t.questions > b.questions + 0.4,
            t.dialogue > b.dialogue + 0.05,
            t.ellipses > b.ellipses + 0.4,
        ]
    }

    /// How much more pleasant variant `i` reads than its baseline (`text_valence`).
    fn shift(&self, i: usize) -> f32 {
        let (s, v) = self.place(i);
        let base = self.summaries.baseline(s).map_or(0.0, |b| b.valence);
        self.summaries.variant(s, v).valence - base
    }

    /// The scenario and the index among its variants of variant `i`.
    pub fn place(&self, i: usize) -> (usize, usize) {
        let s = self.starts.partition_point(|&start| start as usize <= i) - 1;
        (s, i - self.starts[s] as usize)
    }

    /// The id of the first word seen with this word's stem (`family_model::stem`), so every
    /// form of a stem counts as that one word.
    fn stem_of(&self, word: u32) -> u32 {
        let cell = &self.stem_of[word as usize];
        if cell.get() == UNREAD {
            let stem = family_model::stem(self.summaries.word(word));
            let first = *self
                .first_with_stem
                .borrow_mut()
                .entry(crate::text::tables::word_hash(&stem))
                .or_insert(word);
            cell.set(first);
        }
        cell.get()
    }

    fn cue_bits(&self, word: u32) -> u32 {
        let cell = &self.cue_bits[word as usize];
        if cell.get() == UNREAD {
            let mut found = Vec::new();
            family_model::cue_families_of(self.summaries.word(word), &mut found);
            let bits = found
                .iter()
                .filter_map(|f| self.cue_names.iter().position(|c| c == f))
                .fold(0u32, |bits, i| bits | 1 << i);
            cell.set(bits);
        }
        cell.get()
    }

    /// Variant i's added (or dropped) words as stems, sorted and without repeats, and their
    /// cue families, as `Variants::read`.
    fn read_difference(&self, i: usize, side: Side, words: &mut Vec<u32>, cues: &mut Vec<u8>) {
        self.difference(i, side, words);
        for &w in words.iter() {
            let bits = self.cue_bits(w);
            cues.extend((0..32u8).filter(|b| bits & (1 << b) != 0));
        }
        // The model counts stems: `grinned` in one scenario and `grinning` in another are one
        // word's evidence (cues were looked up above, on the words as written).
        for w in words.iter_mut() {
            *w = self.stem_of(*w);
        }
        words.sort_unstable();
        words.dedup();
    }

    /// Variant i's added (or dropped) content words as written (their ids), sorted.
    fn difference(&self, i: usize, side: Side, words: &mut Vec<u32>) {
        let (s, v) = self.place(i);
        let summaries = self.summaries;
        let Some(baseline) = summaries.baseline(s) else {
            return;
        };
        let (mine, theirs) = match side {
            Side::Added => (&summaries.variants(s)[v], baseline),
            Side::Dropped => (baseline, &summaries.variants(s)[v]),
        };
        // Both lists are sorted: a merge leaves the words of one the other lacks.
        let mut other = summaries.content(theirs).peekable();
        for w in summaries.content(mine) {
            while other.next_if(|&b| b < w).is_some() {}
            if other.peek() != Some(&w) {
                words.push(w);
            }
        }
    }

    /// The model's evidence for variant i (stems, each named by the first word the model saw
    /// with it, perhaps in another text) as this variant writes them: `watered`, not `water`;
    /// and the changes of rhythm among it, by name.
    fn as_written(&self, i: usize, evidence: &[u32]) -> Vec<Shown<'_>> {
        let mut added = Vec::new();
        self.difference(i, Side::Added, &mut added);
        evidence
            .iter()
            .map(|&e| {
                if e >= family_model::CUE_EVIDENCE {
                    let style = (e - family_model::CUE_EVIDENCE) as usize - self.cue_names.len();
                    return Shown::Change(STYLE_NAMES[style]);
                }
                let stem = family_model::stem(self.summaries.word(e));
                Shown::Word(
                    added
                        .iter()
                        .map(|&w| self.summaries.word(w))
                        .find(|w| family_model::stem(w) == stem)
                        .unwrap_or_else(|| self.summaries.word(e)),
                )
            })
            .collect()
    }
}

impl Variants for CorpusVariants<'_> {
    fn len(&self) -> usize {
        self.starts.last().map_or(0, |&n| n as usize)
    }

    fn scenario(&self, i: usize) -> u32 {
        self.place(i).0 as u32
    }

    fn family(&self, i: usize) -> Option<&str> {
        let (s, v) = self.place(i);
        let name = self.summaries.emotion_id(self.summaries.variant(s, v));
        let family = self.family_of_name[name as usize];
        (family != NO_FAMILY).then(|| self.family_names[family as usize].as_str())
    }

    fn cue_families(&self) -> usize {
        self.cue_names.len() + STYLE_CHANGES
    }

    fn read(&self, i: usize, words: &mut Vec<u32>, cues: &mut Vec<u8>) {
        self.read_difference(i, Side::Added, words, cues);
        let first = self.cue_names.len() as u8;
        cues.extend(
            self.style_changes(i)
                .iter()
                .enumerate()
                .filter(|(_, changed)| **changed)
                .map(|(k, _)| first + k as u8),
        );
    }

    fn shown_cues(&self) -> std::ops::Range<usize> {
        self.cue_names.len()..self.cue_names.len() + STYLE_CHANGES
    }
}

/// What each of `CorpusVariants::style_changes` says, as evidence in a message.
const STYLE_NAMES: [&str; STYLE_CHANGES] = [
    "shorter sentences",
    "longer sentences",
    "exclamation marks",
    "question marks",
    "more dialogue",
    "ellipses",
];

/// How many surface changes `CorpusVariants::style_changes` reads: the family model counts
/// them as cues beside the cue families.
const STYLE_CHANGES: usize = 6;

/// Which side of a variant's difference from its baseline to read.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// The words the variant adds.
    Added,
    /// The baseline's words the variant lacks.
    Dropped,
}

/// The corpus's variants labelled by which way their words move the baseline's valence, where
/// the valence list says so clearly (by `min-shift` or more), whatever their file names; the
/// others unlabelled. A model trained on the clear ones learns the corpus's own words of praise
/// and blame (`unpredictable`, `a mistake`, which the list does not rate) and reads the others.
struct ShiftVariants<'a> {
    inner: &'a CorpusVariants<'a>,
    min_shift: f32,
}

impl Variants for ShiftVariants<'_> {
    fn len(&self) -> usize {
        self.inner.len()
    }

    fn scenario(&self, i: usize) -> u32 {
        self.inner.scenario(i)
    }

    fn family(&self, i: usize) -> Option<&str> {
        let shift = self.inner.shift(i);
        if shift >= self.min_shift {
            Some("pleasant")
        } else if shift <= -self.min_shift {
            Some("unpleasant")
        } else {
            None
        }
    }

    fn cue_families(&self) -> usize {
        // The words' cue families only: the rhythm cues are the family model's.
        self.inner.cue_names.len()
    }

    fn read(&self, i: usize, words: &mut Vec<u32>, cues: &mut Vec<u8>) {
        self.inner.read_difference(i, Side::Added, words, cues);
    }
}

/// Every variant twice, for the question whether it carries any emotion: once as the words it
/// adds to its baseline (`affect`), once as the baseline's words it replaces (`neutral`). The
/// baselines are the corpus's own examples of text without emotion, and what a variant
/// replaces is the part of them an emotion changes, so the model learns, from the corpus
/// itself, the difference between what authors write in and what they write out. A variant
/// whose added words read as the `neutral` side retells its baseline without an emotion.
struct AffectVariants<'a> {
    inner: &'a CorpusVariants<'a>,
}

const AFFECT: &str = "affect";
const NEUTRAL: &str = "neutral";

impl Variants for AffectVariants<'_> {
    fn len(&self) -> usize {
        2 * self.inner.len()
    }

    fn scenario(&self, i: usize) -> u32 {
        self.inner.scenario(i / 2)
    }

    fn family(&self, i: usize) -> Option<&str> {
        self.inner.family(i / 2)?;
        Some(if i.is_multiple_of(2) { AFFECT } else { NEUTRAL })
    }

    fn cue_families(&self) -> usize {
        // The words' cue families only: the rhythm cues are the family model's.
        self.inner.cue_names.len()
    }

    fn read(&self, i: usize, words: &mut Vec<u32>, cues: &mut Vec<u8>) {
        let side = if i.is_multiple_of(2) {
            Side::Added
        } else {
            Side::Dropped
        };
        self.inner.read_difference(i / 2, side, words, cues);
    }
}

/// How sure the valence model must be that a variant moves the wrong way before it is reported.
const MIN_LEARNED_SHIFT_PROBABILITY: f64 = 0.95;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    const BASELINE: &str = "Dana read the comment under her post. She put the phone on the \
        desk and looked at the window. The kettle clicked off in the kitchen.\n";

    #[test]
    fn fires_on_a_variant_that_reads_as_another_family() {
        let s = scenario(&[
            ("baseline.txt", BASELINE),
            (
                "furious.txt",
                "Dana read the comment under her post. She slumped and set the phone on the \
                 desk with heavy hands, and looked at the grey window for a long time. The \
                 kettle clicked off in the kitchen.\n",
            ),
        ]);
        let d = check(&EmotionMismatch, &s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .starts_with("reads as sadness rather than anger: "),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn fires_on_a_variant_whose_added_words_have_the_wrong_valence() {
        let s = scenario(&[
            (
                "baseline.txt",
                "The film was long and the plot was about a family.\n",
            ),
            (
                "disappointed.txt",
                "The film was wonderful and the plot was a brilliant, beautiful, delightful \
                 story about a family.\n",
            ),
        ]);
        let d = check(&EmotionMismatch, &s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.starts_with(
                "reads more pleasant than its baseline, though sadness is unpleasant: "
            ),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn silent_on_a_variant_with_its_own_cues_or_too_little_evidence() {
        let s = scenario(&[
            ("baseline.txt", BASELINE),
            (
                // Anger cues of its own: sadness cues do not outweigh them.
                "furious.txt",
                "Dana read the comment under her post. She slumped, then slammed the phone on \
                 the desk and glared at the window, jaw clenched. The kettle clicked off in \
                 the kitchen.\n",
            ),
            (
                // One unpleasant word is not enough for a pleasant emotion to be reported.
                "grateful.txt",
                "Dana read the comment under her post twice. She put the phone on the desk \
                 gently and looked at the window. The kettle clicked off in the quiet \
                 kitchen, a bad old kettle.\n",
            ),
            (
                // The shared setup is never evidence, only what a variant adds.
                "bored.txt",
                "Dana read the comment under her post. She put the phone on the desk and \
                 looked at the window. The kettle clicked off in the kitchen.\n",
            ),
        ]);
        assert!(check(&EmotionMismatch, &s).is_empty());
    }

    #[test]
    fn siblings_with_crossed_cues_are_both_reported() {
        // Two unpleasant texts, too few cues each for the lone test, filed under each other's
        // names: furious.txt froze and flinched, anxious.txt clenched its jaw.
        let s = scenario(&[
            ("baseline.txt", BASELINE),
            (
                "furious.txt",
                "Dana read the comment under her post. She froze and flinched, then put the \
                 phone on the desk and looked at the window. The kettle clicked off in the \
                 kitchen.\n",
            ),
            (
                "anxious.txt",
                "Dana read the comment under her post. She clenched her jaw, put the phone on \
                 the desk and looked at the window. The kettle clicked off in the kitchen.\n",
            ),
        ]);
        let found = check(&EmotionMismatch, &s);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 2, "{messages:#?}");
        assert!(messages.iter().any(|m| m.starts_with(
            "reads as fear rather than anger, and its sibling `anxious.txt` reads as anger: `froze`, `flinched` (2 fear cues, 0 anger cues)"
        )), "{messages:#?}");
        assert_eq!(spans(&found), ["anxious.txt:clenched", "furious.txt:froze"]);
        // Near miss: each text holds one cue of its own family beside the other's.
        let s = scenario(&[
            ("baseline.txt", BASELINE),
            (
                "furious.txt",
                "Dana read the comment under her post. She froze, glared, then put the phone \
                 on the desk and looked at the window. The kettle clicked off in the kitchen.\n",
            ),
            (
                "anxious.txt",
                "Dana read the comment under her post. She flinched, clenched her fist, put the \
                 phone on the desk and looked at the window. The kettle clicked off in the \
                 kitchen.\n",
            ),
        ]);
        assert!(check(&EmotionMismatch, &s).is_empty());
    }

    #[test]
    fn swapped_siblings_of_opposite_valence_are_both_reported() {
        let s = scenario(&[
            (
                "baseline.txt",
                "Nell walked through the park after the rain.\n",
            ),
            (
                "joyful.txt",
                "Nell walked through the park after the rain, past a broken bench.\n",
            ),
            (
                "melancholy.txt",
                "Nell walked through the park after the rain, past a lovely bench.\n",
            ),
        ]);
        let d = check(&EmotionMismatch, &s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.len(), 2, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("reads less pleasant than its sibling `melancholy.txt`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("reads more pleasant than its sibling `joyful.txt`")),
            "{messages:?}"
        );
        // In their own places the two stay silent.
        let s = scenario(&[
            (
                "baseline.txt",
                "Nell walked through the park after the rain.\n",
            ),
            (
                "melancholy.txt",
                "Nell walked through the park after the rain, past a broken bench.\n",
            ),
            (
                "joyful.txt",
                "Nell walked through the park after the rain, past a lovely bench.\n",
            ),
        ]);
        assert!(check(&EmotionMismatch, &s).is_empty());
    }

    #[test]
    fn a_sibling_already_reported_leaves_its_pairs_alone() {
        // melancholy.txt fails the baseline test (wonderful, lovely, perfect): its pleasant
        // siblings are not reported for being less pleasant than it.
        let s = scenario(&[
            (
                "baseline.txt",
                "Nell walked through the park after the rain.\n",
            ),
            (
                "melancholy.txt",
                "Nell walked through the wonderful park after the lovely, perfect rain.\n",
            ),
            (
                "serene.txt",
                "Nell walked through the park after the rain, past a bench.\n",
            ),
        ]);
        let d = check(&EmotionMismatch, &s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].location.path.ends_with("melancholy.txt"));
    }

    #[test]
    fn odds_are_said_with_two_significant_figures() {
        assert_eq!(odds_phrase(100f64.ln()), "100 times");
        assert_eq!(odds_phrase(4_663f64.ln()), "4,700 times");
        assert_eq!(odds_phrase(123_456f64.ln()), "120,000 times");
        assert_eq!(odds_phrase(40.0), "over a million times");
        assert_eq!(odds_phrase(f64::INFINITY), "over a million times");
    }

    #[test]
    fn evidence_words_are_shown_with_the_plural_s_the_summaries_fold_away() {
        assert_eq!(Shown::Word("alway").to_string(), "`always`");
        assert_eq!(Shown::Word("letter").to_string(), "`letter`");
        assert_eq!(Shown::Word("slumped").to_string(), "`slumped`");
    }

    #[test]
    fn a_negated_word_counts_reversed() {
        let s = scenario(&[
            ("baseline.txt", "The film was good and the cast was good.\n"),
            (
                "pleased.txt",
                "The film was not good and the cast was not good either, a bad cast.\n",
            ),
        ]);
        let d = check(&EmotionMismatch, &s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`not good`"), "{}", d[0].message);
        // Punctuation ends a negation's reach: `without a pause, saved` does not negate
        // `saved`.
        let doc = Doc::new("He worked without a pause, saved, and smiled.");
        let doc2 = Doc::new("He worked, saved, and smiled.");
        assert_eq!(valence(&doc).0, valence(&doc2).0);
    }

    /// Each finding's file and its message up to the first colon, sorted.
    fn headlines(found: &[Diagnostic]) -> Vec<(String, &str)> {
        let mut got: Vec<(String, &str)> = found
            .iter()
            .map(|d| (d.location.path.display().to_string(), d.message.as_str()))
            .map(|(p, m)| (p, m.split(':').next().unwrap_or(m)))
            .collect();
        got.sort();
        got
    }

    /// A corpus of `n` scenarios with a baseline, furious.txt and grateful.txt each. The
    /// variants add words no lexicon lists, the same kind per family across scenarios, so only
    /// the corpus itself can teach which family they belong to: each furious text adds three
    /// of `ledger stapler invoice gravel pylon hinge`, each grateful one three of `orchid
    /// lantern quilt harbour meadow violin`. `swap` names a scenario whose two texts trade places.
    fn learned_corpus(
        n: usize,
        swap: Option<usize>,
        furious_extra: &str,
    ) -> Vec<crate::corpus::Scenario> {
        const ANGER: [&str; 6] = ["ledger", "stapler", "invoice", "gravel", "pylon", "hinge"];
        const WARM: [&str; 6] = ["orchid", "lantern", "quilt", "harbour", "meadow", "violin"];
        const PEOPLE: [&str; 10] = [
            "Dana", "Ravi", "Mira", "Tomas", "Leah", "Omar", "Ines", "Karl", "Nadia", "Paul",
        ];
        let mut out = Vec::new();
        for i in 0..n {
            let base = format!(
                "{} waited by the door of the shop. The clock showed ten past four. A bus went \
                 past outside.\n",
                PEOPLE[i % PEOPLE.len()]
            );
            let add = |words: &[&str; 6]| {
                format!(
                    "{}The {} and the {} were beside the {}.\n",
                    base.trim_end().to_string() + " ",
                    words[i % 6],
                    words[(i + 1) % 6],
                    words[(i + 2) % 6]
                )
            };
            let (mut furious, mut grateful) = (add(&ANGER), add(&WARM));
            if swap == Some(i) {
                std::mem::swap(&mut furious, &mut grateful);
                furious = furious.trim_end().to_string() + furious_extra + "\n";
            }
            out.push(crate::rules::testing::furious_grateful(
                &format!("c{i:02}"),
                &base,
                &furious,
                &grateful,
            ));
        }
        out
    }

    #[test]
    fn corpus_pass_reports_swapped_texts_that_only_the_corpus_can_tell() {
        use crate::rules::testing::check_corpus;
        let clean = learned_corpus(8, None, "");
        assert!(check_corpus(&EmotionMismatch, &clean).is_empty());
        let swapped = learned_corpus(8, Some(5), "");
        // The lexicon tests see nothing: no word of either text is a cue.
        for s in &swapped {
            assert!(check(&EmotionMismatch, s).is_empty());
        }
        let found = check_corpus(&EmotionMismatch, &swapped);
        let got = headlines(&found);
        assert_eq!(
            got,
            vec![
                (
                    "c05/furious.txt".to_string(),
                    "reads as social_pos and its sibling `grateful.txt` as anger"
                ),
                (
                    "c05/grateful.txt".to_string(),
                    "reads as anger and its sibling `furious.txt` as social_pos"
                ),
            ],
            "{found:#?}"
        );
        // The evidence is the other family's words, learned from the other scenarios.
        let furious = &found
            .iter()
            .find(|d| d.location.path.ends_with("furious.txt"))
            .unwrap();
        assert!(
            ["orchid", "lantern", "quilt", "harbour", "meadow", "violin"]
                .iter()
                .any(|w| furious.message.contains(&format!("`{w}`"))),
            "{}",
            furious.message
        );
    }

    /// `learned_corpus(8, ..)` with a curious.txt (epistemic: too few scenarios to learn) in
    /// scenarios 2 and 5, adding two words of its own and two grateful ones (`meadow`, `quilt`); `swap`:
    /// scenario 5's curious and furious texts trade places.
    fn rare_family_corpus(swap: bool) -> Vec<crate::corpus::Scenario> {
        const PUZZLE: [&str; 6] = ["pebble", "thimble", "atlas", "compass", "riddle", "sextant"];
        let mut corpus = learned_corpus(8, None, "");
        for i in [2, 5] {
            let read = |name: &str| {
                let file = corpus[i].files.iter().find(|f| f.name == name);
                file.and_then(|f| f.doc()).expect("a text").text.to_string()
            };
            let (baseline, grateful) = (read("baseline.txt"), read("grateful.txt"));
            let mut furious = read("furious.txt");
            let mut curious = format!(
                "{} The {} and the {} were beside the meadow and the quilt.\n",
                baseline.trim_end(),
                PUZZLE[i % 6],
                PUZZLE[(i + 1) % 6],
            );
            if swap && i == 5 {
                std::mem::swap(&mut furious, &mut curious);
            }
            corpus[i] = crate::rules::testing::scenario_in(
                &format!("c{i:02}"),
                &[
                    ("baseline.txt", baseline.as_bytes()),
                    ("furious.txt", furious.as_bytes()),
                    ("grateful.txt", grateful.as_bytes()),
                    ("curious.txt", curious.as_bytes()),
                ],
                None,
            );
        }
        corpus
    }

    #[test]
    fn corpus_pass_reports_a_text_swapped_with_a_family_too_rare_to_learn() {
        use crate::rules::testing::check_corpus;
        assert!(check_corpus(&EmotionMismatch, &rare_family_corpus(false)).is_empty());
        let found = check_corpus(&EmotionMismatch, &rare_family_corpus(true));
        let got = headlines(&found);
        assert_eq!(
            got,
            vec![
                (
                    "c05/curious.txt".to_string(),
                    "reads as anger, the family of its sibling `furious.txt`, which reads as social_pos"
                ),
                (
                    "c05/furious.txt".to_string(),
                    "reads as social_pos rather than anger, while its sibling `curious.txt` (epistemic, too rare in the corpus to learn) reads as anger"
                ),
            ],
            "{found:#?}"
        );
    }

    /// `learned_corpus(8, ..)` whose scenario 5 holds a weak swap: its furious text adds one
    /// word of the grateful texts' kind and its grateful text one of the furious kind, so the
    /// model reads them as each other's, but by less than a hundred to one; `furious_adds`
    /// ends the furious text.
    fn weak_swap_corpus(furious_adds: &str) -> Vec<crate::corpus::Scenario> {
        let mut corpus = learned_corpus(8, None, "");
        let base = "Omar waited by the door of the shop. The clock showed ten past four. A bus \
                    went past outside.\n";
        let furious = format!(
            "{} The orchid was by the door.{furious_adds}\n",
            base.trim_end()
        );
        let grateful = format!("{} The ledger was by the door.\n", base.trim_end());
        corpus[5] = crate::rules::testing::furious_grateful("c05", base, &furious, &grateful);
        corpus
    }

    #[test]
    fn corpus_pass_reports_a_weakly_swapped_pair_only_where_valence_agrees() {
        use crate::rules::testing::check_corpus;
        // Alone, the model's reading is not enough.
        assert!(check_corpus(&EmotionMismatch, &weak_swap_corpus("")).is_empty());
        // With the furious text the more pleasant of the two, it is.
        let found = check_corpus(&EmotionMismatch, &weak_swap_corpus(" It was nice."));
        let got: Vec<(String, &str)> = found
            .iter()
            .map(|d| (d.location.path.display().to_string(), d.message.as_str()))
            .collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].0, "c05/furious.txt");
        assert!(
            got[0].1.starts_with("reads as social_pos and its sibling `grateful.txt` as anger: learned from the corpus's other scenarios, the two texts are 49 times likelier with their families exchanged than as named, and it reads more pleasant than its sibling (valence +"),
            "{got:#?}"
        );
        assert!(
            got[0].1.contains(
                "though it is the unpleasant emotion of the two; most telling here: `orchid`"
            ),
            "{got:#?}"
        );
        assert_eq!(got[1].0, "c05/grateful.txt");
        assert!(
            got[1].1.contains("it reads less pleasant than its sibling"),
            "{got:#?}"
        );
    }

    #[test]
    fn corpus_pass_leaves_files_the_lexicon_tests_reported_and_small_corpora_alone() {
        use crate::rules::testing::check_corpus;
        // The swapped furious text also slumps and trudges: the lexicon tests report it, so
        // the corpus pass only reports its sibling.
        let swapped = learned_corpus(
            8,
            Some(5),
            " She slumped, sighed and trudged to the grey window, tearful and weary.",
        );
        assert!(!check(&EmotionMismatch, &swapped[5]).is_empty());
        let found = check_corpus(&EmotionMismatch, &swapped);
        let paths: Vec<String> = found
            .iter()
            .map(|d| d.location.path.display().to_string())
            .collect();
        assert_eq!(paths, ["c05/grateful.txt"], "{found:#?}");
        // Four scenarios are too few to learn a family from.
        assert!(check_corpus(&EmotionMismatch, &learned_corpus(4, Some(2), "")).is_empty());
    }

    /// Eight scenarios, each with a pleasant and an unpleasant variant of emotions that no
    /// family holds in five scenarios (so the family model learns nothing): the pleasant ones
    /// add two rated words and `lantern`, `quilt`; the unpleasant ones two rated words and
    /// `pylon`, `hinge`. Scenario 7's unpleasant text adds `lantern` and `quilt` alone, which
    /// the valence list does not rate.
    fn shift_corpus(target: &str) -> Vec<crate::corpus::Scenario> {
        const PLEASANT: [&str; 4] = ["pleased", "grateful", "joyful", "proud"];
        const UNPLEASANT: [&str; 4] = ["furious", "terrified", "disgusted", "ashamed"];
        (0..8)
            .map(|i| {
                let base = format!(
                    "Person {i} waited by the door of the shop. The clock showed ten past four.\n"
                );
                let with = |words: &str| format!("{} The {words} were there.\n", base.trim_end());
                let pleasant = with("wonderful lantern and the delightful quilt");
                let unpleasant = if i == 7 {
                    with(target)
                } else {
                    with("terrible pylon and the horrible hinge")
                };
                let (p, u) = (
                    format!("{}.txt", PLEASANT[i % 4]),
                    format!("{}.txt", UNPLEASANT[i % 4]),
                );
                crate::rules::testing::scenario_in(
                    &format!("v{i:02}"),
                    &[
                        ("baseline.txt", base.as_bytes()),
                        (p.as_str(), pleasant.as_bytes()),
                        (u.as_str(), unpleasant.as_bytes()),
                    ],
                    None,
                )
            })
            .collect()
    }

    #[test]
    fn corpus_pass_learns_the_corpus_words_of_praise_for_variants_the_valence_list_cannot_read() {
        use crate::rules::testing::check_corpus;
        let found = check_corpus(&EmotionMismatch, &shift_corpus("lantern and the quilt"));
        let got: Vec<(String, &str)> = found
            .iter()
            .map(|d| (d.location.path.display().to_string(), d.message.as_str()))
            .collect();
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, "v07/ashamed.txt");
        assert!(
            got[0].1.starts_with(
                "reads more pleasant than its baseline, though self_conscious_neg is unpleasant: learned from the corpus's variants whose rated words move clearly"
            ),
            "{}",
            got[0].1
        );
        assert!(got[0].1.contains("`lantern`") && got[0].1.contains("`quilt`"));
        // Near miss: the same text adding words of blame stays silent, and so does one whose
        // words the model never saw.
        assert!(check_corpus(&EmotionMismatch, &shift_corpus("pylon and the hinge")).is_empty());
        assert!(check_corpus(&EmotionMismatch, &shift_corpus("kettle and the towel")).is_empty());
    }

    /// Eight scenarios whose baselines do two plain things (`placed the box`, `carried the
    /// crate`: two of `placed carried opened lifted folded stacked`) and whose furious and
    /// grateful variants do them differently (two of `ledger stapler invoice gravel pylon
    /// hinge`, two of `orchid lantern quilt harbour meadow violin`): every variant replaces
    /// plain words with words of its own. `plain` names a scenario whose furious text only
    /// does two other plain things, a retelling with no emotion in it.
    fn affect_corpus(plain: Option<usize>, replacement: [&str; 2]) -> Vec<crate::corpus::Scenario> {
        const PLAIN: [&str; 6] = ["placed", "carried", "opened", "lifted", "folded", "stacked"];
        const ANGER: [&str; 6] = ["ledger", "stapler", "invoice", "gravel", "pylon", "hinge"];
        const WARM: [&str; 6] = ["orchid", "lantern", "quilt", "harbour", "meadow", "violin"];
        (0..8)
            .map(|i| {
                let told = |a: &str, b: &str| {
                    format!(
                        "Person {i} {a} the box and {b} the crate. The clock showed ten past \
                         four. A bus went past outside.\n"
                    )
                };
                let base = told(PLAIN[i % 6], PLAIN[(i + 1) % 6]);
                let furious = if plain == Some(i) {
                    told(replacement[0], replacement[1])
                } else {
                    told(ANGER[i % 6], ANGER[(i + 3) % 6])
                };
                let grateful = told(WARM[i % 6], WARM[(i + 3) % 6]);
                crate::rules::testing::furious_grateful(
                    &format!("n{i:02}"),
                    &base,
                    &furious,
                    &grateful,
                )
            })
            .collect()
    }

    /// Eight scenarios whose furious texts clip the baseline's sentences and whose grateful
    /// texts run them together; every word a variant adds is its own scenario's, so only the
    /// rhythm can be learned. `swap`: that scenario's two texts exchanged; `flat`: its texts
    /// keep the baseline's sentences.
    fn rhythm_corpus(swap: Option<usize>, flat: Option<usize>) -> Vec<crate::corpus::Scenario> {
        const BASE: [&str; 8] = [
            "apple", "bottle", "candle", "drum", "easel", "fence", "goose", "helmet",
        ];
        const CLIPPED: [&str; 8] = [
            "kettle", "ladder", "mitten", "napkin", "oar", "pebble", "quill", "rake",
        ];
        const RUN_ON: [&str; 8] = [
            "saddle", "teapot", "urn", "vase", "wagon", "yarn", "zither", "anvil",
        ];
        (0..8)
            .map(|i| {
                let base = format!(
                    "Person {i} waited by the door of the shop. The clock on the wall showed ten \
                     past four. A bus went past outside, and a {} stood by the kerb.\n",
                    BASE[i]
                );
                let mut clipped = format!(
                    "Person {i} waited by the door. Of the shop. The clock on the wall showed \
                     ten past four. A bus went past. Outside, a {} stood by the kerb.\n",
                    CLIPPED[i]
                );
                let mut run_on = format!(
                    "Person {i} waited by the door of the shop while the clock on the wall \
                     showed ten past four and a bus went past outside, and a {} stood by the \
                     kerb.\n",
                    RUN_ON[i]
                );
                if flat == Some(i) {
                    clipped = base.replace(BASE[i], CLIPPED[i]);
                    run_on = base.replace(BASE[i], RUN_ON[i]);
                }
                if swap == Some(i) {
                    std::mem::swap(&mut clipped, &mut run_on);
                }
                crate::rules::testing::furious_grateful(
                    &format!("r{i:02}"),
                    &base,
                    &clipped,
                    &run_on,
                )
            })
            .collect()
    }

    #[test]
    fn corpus_pass_reads_a_change_of_rhythm() {
        use crate::rules::testing::check_corpus;
        assert!(check_corpus(&EmotionMismatch, &rhythm_corpus(None, None)).is_empty());
        // Scenario 5's furious text runs its sentences together and its grateful text clips
        // them, the other way round from every other scenario.
        let found = check_corpus(&EmotionMismatch, &rhythm_corpus(Some(5), None));
        assert_eq!(found.len(), 2, "{found:#?}");
        let furious = found
            .iter()
            .find(|d| d.location.path.ends_with("r05/furious.txt"))
            .expect("furious.txt reported");
        assert!(
            furious
                .message
                .starts_with("reads as social_pos and its sibling `grateful.txt` as anger"),
            "{}",
            furious.message
        );
        // Named as a change of the text, not quoted as one of its words.
        assert!(
            furious
                .message
                .contains("most telling here: longer sentences"),
            "{}",
            furious.message
        );
        // Near miss: texts that keep their baseline's sentences say nothing of rhythm.
        assert!(check_corpus(&EmotionMismatch, &rhythm_corpus(None, Some(5))).is_empty());
    }

    #[test]
    fn corpus_pass_reports_a_variant_that_retells_its_baseline_with_no_emotion() {
        use crate::rules::testing::check_corpus;
        assert!(check_corpus(&EmotionMismatch, &affect_corpus(None, ["", ""])).is_empty());
        // Scenario 5's baseline places and carries; its furious text lifts and folds, words
        // the other scenarios' variants replace, not words they add.
        let found = check_corpus(
            &EmotionMismatch,
            &affect_corpus(Some(5), ["lifted", "folded"]),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].location.path.display().to_string(),
            "n05/furious.txt"
        );
        let message = &found[0].message;
        assert!(
            message.starts_with("reads as no emotion, though its file name says anger: learned from the corpus's other scenarios"),
            "{message}"
        );
        assert!(
            message.contains("`lifted`") || message.contains("`folded`"),
            "{message}"
        );
        // Near misses: a text that adds words of the kind variants add (another scenario's
        // anger words), and one whose words no other scenario has, say nothing of the sort.
        let own_kind = affect_corpus(Some(5), ["pylon", "ledger"]);
        assert!(check_corpus(&EmotionMismatch, &own_kind).is_empty());
        let unseen = affect_corpus(Some(5), ["juggled", "polished"]);
        assert!(check_corpus(&EmotionMismatch, &unseen).is_empty());
    }
}
