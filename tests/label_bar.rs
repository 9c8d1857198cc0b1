//! The precision/recall bar for `emotion-label`: a labelled sentence set written independently
//! of the rule's patterns (tests/labels/sentences.toml). Fails below 95% recall or above 2%
//! false positives; prints both numbers and every miss. Beside it, held-out and blind sets
//! written here, and two sets of real review sentences (tests/labels/README.md).

use pairlint::diagnostic::Severity;
use pairlint::language::labels::Labels;
use pairlint::text::Doc;
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    sentence: Vec<Sentence>,
}

#[derive(Deserialize)]
struct Sentence {
    text: String,
    label: bool,
    construction: String,
}

// Floors of the real-text sets (tests at the end of the file; figures in tests/labels/README.md).
// Before any pattern work: real.toml recall 34.3% (12/35), false positives 3.0% (5/165);
// real_blind.toml recall 15.4% (4/26), false positives 1.7% (3/174).
// After: real.toml 85.7% (30/35) and 0.6% (1/165): the floors sit there (one more miss or
// false alarm fails). real_blind.toml 42.3% (11/26) and 0.6% (1/174): loose floors, so only a
// real regression fails.
const REAL_RECALL_FLOOR: f64 = 0.85;
const REAL_FP_CEILING: f64 = 0.01;
const BLIND_REAL_RECALL_FLOOR: f64 = 0.60;
const BLIND_REAL_FP_CEILING: f64 = 0.03;
const BLIND2_REAL_RECALL_FLOOR: f64 = 0.85;
const DEV_REAL_RECALL_FLOOR: f64 = 0.85;
const DEV_REAL_FP_CEILING: f64 = 0.02;
const BLIND2_REAL_FP_CEILING: f64 = 0.03;
// Round three (tests/labels/README.md): real_blind.toml and real_blind2.toml opened for tuning
// (50.0% -> 65.4% and 63.2% -> 92.1%); real_blind3.toml, blind, 52.9% (36/68) and 0.9% (3/332)
// before, 60.3% (41/68) and 1.2% (4/332) after. Floors a few sentences below the figures.
const BLIND3_REAL_RECALL_FLOOR: f64 = 0.55;
const BLIND3_REAL_FP_CEILING: f64 = 0.03;
// Round four: real_blind4.toml, blind, 63.3% (31/49) and 1.7% (6/351) with the rule as the
// round began (commit 4dc7a86) and the same after it. Floors one or two sentences below.
// Round five opened real_blind3.toml and real_blind4.toml for tuning (their misses print now),
// after the round's first changes had taken real_blind4.toml from 63.3% to 69.4% (34/49) and
// 1.7% to 1.4% unseen; real_blind5.toml is the blind set from then on.
const BLIND4_REAL_RECALL_FLOOR: f64 = 0.60;
const BLIND4_REAL_FP_CEILING: f64 = 0.03;
// Round five: real_blind5.toml, blind, 63.5% (40/63) and 2.1% (7/337) with the rule as the
// round began (commit 70d7e7f), 71.4% (45/63) and 2.1% (7/337) at its end. Floors two
// sentences below.
const BLIND5_REAL_RECALL_FLOOR: f64 = 0.68;
const BLIND5_REAL_FP_CEILING: f64 = 0.03;
// Session 10: real_blind6.toml, blind, 76.6% (49/64) and 3.3% (11/336) with the rule as the
// session began (label code unchanged since round five); 76.6% and 2.7% (9/336) after the
// session's precision work. Recall floor two sentences off; the false-alarm ceiling is the
// issue's 3% (one more false alarm passes, two fail).
const BLIND6_REAL_RECALL_FLOOR: f64 = 0.74;
const BLIND6_REAL_FP_CEILING: f64 = 0.03;
// Session 12: real_blind7.toml, blind, 72.3% (34/47) and 1.7% (6/353) with the rule as the
// session began (commit 4453102), 74.5% (35/47) and 1.7% at its end, before the set was opened;
// 74.5% and 1.4% (5/353) after one fix read off it (`in spite of`). Floors a sentence or two off.
const BLIND7_REAL_RECALL_FLOOR: f64 = 0.70;
const BLIND7_REAL_FP_CEILING: f64 = 0.03;
// Session 12's end: real_blind8.toml, blind, drawn after the session's last change: 94.3%
// (82/87) and 4.2% (13/313) with the final rule, 94.3% and 3.8% (12/313) with the rule as the
// session began. Drawn from what earlier rounds left unread, it holds twice the data's share of
// sentences the rule flags (tests/labels/README.md). Floors two sentences off.
const BLIND8_REAL_RECALL_FLOOR: f64 = 0.92;
const BLIND8_REAL_FP_CEILING: f64 = 0.05;
// Session 13: real_blind9.toml, blind, drawn at the data's proportions before any change of the
// session: 75.5% (40/53) and 2.3% (8/347) with the rule as the session began (commit 18d5232;
// `blind_draw.py reweight`: 75.7% and 2.33%); 75.5% and 2.0% (7/347) at its end (reweighted
// 76.1% and 2.09%). Floors two sentences off; the false-alarm ceiling is the 3%.
const BLIND9_REAL_RECALL_FLOOR: f64 = 0.71;
const BLIND9_REAL_FP_CEILING: f64 = 0.03;
// Session 13: generated text (tests/labels/generated_*.toml), written by model instances from
// naive prompts, with the rule as the session began (commit 18d5232): development half 65.5%
// (36/55) and 0.9% (7/775); blind half 59.2% (45/76) and 0.7% (5/743). At the session's end:
// development half 94.5% (52/55) and 0.1% (1/775); blind half 64.5% (49/76) and 0.4% (3/743).
// Floors two sentences off.
const GENERATED_DEV_RECALL_FLOOR: f64 = 0.90;
const GENERATED_DEV_FP_CEILING: f64 = 0.005;
const GENERATED_BLIND_RECALL_FLOOR: f64 = 0.62;
const GENERATED_BLIND_FP_CEILING: f64 = 0.01;
// The second blind set of generated text, in three framings no development set has, written and
// annotated after the session's fourth round: 52.9% (64/121) and 1.6% (23/1,456) with the
// session-start rule, 57.0% (69/121) and 0.4% (6/1,456) after the fourth round, 57.9% (70/121)
// and 0.3% (5/1,456) with the final rule (after a fifth round on generated_dev5.toml). Floors two
// or three sentences off.
const GENERATED_BLIND2_RECALL_FLOOR: f64 = 0.55;
const GENERATED_BLIND2_FP_CEILING: f64 = 0.01;
// The second development set of generated text (diary entries, replies in a tone, story
// openings), annotated after the first round of changes: 59.5% (75/126) and 1.4% (19/1,388)
// then (58.7% and 1.6% with the session-start rule); 79.4% (100/126) and 0.1% (2/1,388) after
// it was read.
const GENERATED_DEV2_RECALL_FLOOR: f64 = 0.77;
const GENERATED_DEV2_FP_CEILING: f64 = 0.005;
// The third development set (dialogue scenes, posts, present-tense paragraphs), scored before
// it was read: 62.4% (83/133) and 0.9% (17/1,878) with the session-start rule, 61.7% and 0.3%
// (5/1,878) after the first two rounds; 79.7% (106/133) and 0.2% (3/1,878) after it was read,
// 78.9% and 0.1% at the end (a letter-style closing, "Love you, Dan.", is a formula now).
const GENERATED_DEV3_RECALL_FLOOR: f64 = 0.78;
const GENERATED_DEV3_FP_CEILING: f64 = 0.005;
// The fourth development set (letters, scenes for an emotion dataset, present-tense paragraphs),
// scored before it was read: 59.0% (62/105) and 2.4% (35/1,431) with the session-start rule,
// 66.7% and 2.0% (28/1,431) after the first three rounds; 78.1% (82/105) and 0.8% (12/1,431)
// at the end (the rest are mostly annotators' calls on letter closings and bodily idioms,
// tests/labels/README.md).
const GENERATED_DEV4_RECALL_FLOOR: f64 = 0.76;
const GENERATED_DEV4_FP_CEILING: f64 = 0.01;
// The fifth development set (emails, second-person flash fiction, an older person's journal),
// scored before it was read: 61.7% (74/120) and 1.2% (17/1,448) with the session-start rule,
// 65.0% and 0.7% (10/1,448) after the first four rounds; 70.8% (85/120) and 0.3% (4/1,448) after
// it was read.
const GENERATED_DEV5_RECALL_FLOOR: f64 = 0.69;
const GENERATED_DEV5_FP_CEILING: f64 = 0.005;
// The annotated development pool (tuned on): 68.0% (364/535) and 0.1% (8/6,999) as round five
// ended; floors about ten sentences off.
const POOL_RECALL_FLOOR: f64 = 0.66;
const POOL_FP_CEILING: f64 = 0.002;
// Session 12's development samples (tuned on): 65.6% (254/387) and 0.02% (1/5,409) as the
// session ended (the session-start rule: see tests/labels/README.md); floors about ten
// sentences off.
const POOL2_RECALL_FLOOR: f64 = 0.64;
const POOL2_FP_CEILING: f64 = 0.002;

struct Score {
    recall: f64,
    fp_rate: f64,
}

impl Score {
    /// Fail when recall is below `recall_floor` or the false-positive rate above `fp_ceiling`.
    fn assert_within(&self, set: &str, recall_floor: f64, fp_ceiling: f64) {
        assert!(
            self.recall >= recall_floor,
            "{set}: recall {:.1}% is below {:.1}%",
            self.recall * 100.0,
            recall_floor * 100.0
        );
        assert!(
            self.fp_rate <= fp_ceiling,
            "{set}: false positives {:.1}% exceed {:.1}%",
            self.fp_rate * 100.0,
            fp_ceiling * 100.0
        );
    }
}

/// What to print of a set's results: every miss and false alarm, or (for a set that must stay
/// unseen) only the aggregate numbers.
#[derive(Clone, Copy, PartialEq)]
enum Show {
    Misses,
    AggregateOnly,
}

/// Run emotion-label over a sentence set; print recall, false-positive rate and every miss.
fn score(file: &str, min_positives: usize, min_constructions: usize) -> Score {
    score_with(
        file,
        min_positives,
        min_positives,
        min_constructions,
        Show::Misses,
    )
}

/// Run emotion-label over a sentence set with at least the given numbers of labelled and
/// unlabelled sentences and label construction kinds; print recall and the false-positive rate,
/// and the misses unless `show` is `AggregateOnly`.
fn score_with(
    file: &str,
    min_positives: usize,
    min_negatives: usize,
    min_constructions: usize,
    show: Show,
) -> Score {
    let path = format!("{}/tests/labels/{file}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).expect("sentence set exists");
    let set: Set = toml::from_str(&source).expect("sentence set parses");
    let positives = set.sentence.iter().filter(|s| s.label).count();
    let negatives = set.sentence.len() - positives;
    let constructions: std::collections::BTreeSet<&str> = set
        .sentence
        .iter()
        .filter(|s| s.label)
        .map(|s| s.construction.as_str())
        .collect();
    assert!(
        positives >= min_positives && negatives >= min_negatives,
        "{file} keeps its size"
    );
    assert!(
        constructions.len() >= min_constructions,
        "{file} keeps its spread"
    );

    let labels = Labels::bundled();
    let (mut hits, mut false_alarms) = (0, 0);
    let mut misses = Vec::new();
    for s in &set.sentence {
        let found = labels.find(&Doc::new(s.text.as_str()));
        let flagged = found.iter().any(|m| m.severity == Severity::Error);
        match (s.label, flagged) {
            (true, true) => hits += 1,
            (true, false) => misses.push(format!("missed [{}]: {}", s.construction, s.text)),
            (false, true) => {
                false_alarms += 1;
                let what: Vec<String> = found.iter().map(|m| m.construction.clone()).collect();
                misses.push(format!(
                    "false alarm [{}] {what:?}: {}",
                    s.construction, s.text
                ));
            }
            (false, false) => {}
        }
    }
    let recall = hits as f64 / positives as f64;
    let fp_rate = false_alarms as f64 / negatives as f64;
    println!(
        "emotion-label on {file}: recall {:.1}% ({hits}/{positives}), false positives {:.1}% ({false_alarms}/{negatives}), {} constructions",
        recall * 100.0,
        fp_rate * 100.0,
        constructions.len()
    );
    if show == Show::Misses {
        for m in &misses {
            println!("  {m}");
        }
    }
    Score { recall, fp_rate }
}

#[test]
fn emotion_label_meets_the_precision_recall_bar() {
    let s = score("sentences.toml", 75, 20);
    s.assert_within("sentences.toml", 0.95, 0.02);
}

/// A second set, written after the rule and never used to tune it: an honest estimate of
/// how the rule does on prose it has not seen. Its floor is lower than the bar's, and the
/// numbers are printed so a drop shows in CI logs.
#[test]
fn emotion_label_generalises_to_held_out_sentences() {
    let s = score("heldout.toml", 50, 12);
    s.assert_within("heldout.toml", 0.85, 0.05);
}

/// A third set, written after the rule was tuned on the two above and never used to tune it:
/// the honest estimate of how the rule does on prose it has not seen. Floors are lower than
/// the bar's; the numbers are printed so a drop shows in CI logs.
#[test]
fn emotion_label_on_blind_sentences() {
    let s = score("blind.toml", 50, 12);
    // Measured when the set was added: recall 86.7%, false positives 5.0%. The floors leave
    // one sentence of slack each way, so a real regression fails and noise does not.
    s.assert_within("blind.toml", 0.85, 0.067);
}

/// Real review sentences (tests/labels/real.toml: 200 sentences drawn at random from the
/// counterfactually-augmented IMDb reviews, labelled by two annotators against
/// tests/labels/GUIDELINE.md without seeing the patterns). Prose nobody here wrote; its misses
/// were looked at while tuning (its figure before tuning is in tests/labels/README.md).
#[test]
fn emotion_label_on_real_review_sentences() {
    let s = score_with("real.toml", 30, 150, 5, Show::Misses);
    s.assert_within("real.toml", REAL_RECALL_FLOOR, REAL_FP_CEILING);
}

/// 200 more real review sentences drawn and labelled with real.toml (tests/labels/
/// real_blind.toml). Blind for two rounds; from round three on its misses are read while
/// tuning, and real_blind3.toml is the honest estimate.
#[test]
fn emotion_label_on_blind_real_review_sentences() {
    let s = score_with("real_blind.toml", 20, 100, 4, Show::Misses);
    s.assert_within(
        "real_blind.toml",
        BLIND_REAL_RECALL_FLOOR,
        BLIND_REAL_FP_CEILING,
    );
}

/// A second blind real set (tests/labels/real_blind2.toml: 300 sentences drawn from the same
/// reviews after the first two sets were used, labelled by two annotators, a third settling
/// disagreements). Drawn because real_blind.toml's figure had steered the work; blind in round
/// two, read while tuning from round three on.
#[test]
fn emotion_label_on_second_blind_real_review_sentences() {
    let s = score_with("real_blind2.toml", 30, 200, 4, Show::Misses);
    s.assert_within(
        "real_blind2.toml",
        BLIND2_REAL_RECALL_FLOOR,
        BLIND2_REAL_FP_CEILING,
    );
}

/// The development set of real review sentences (tests/labels/real_dev.toml: 300 drawn from the
/// same reviews, three in four among sentences with an emotion word, labelled by two annotators
/// with a third settling disagreements). Its misses are printed and read while tuning.
#[test]
fn emotion_label_on_real_development_sentences() {
    let s = score_with("real_dev.toml", 60, 200, 5, Show::Misses);
    s.assert_within("real_dev.toml", DEV_REAL_RECALL_FLOOR, DEV_REAL_FP_CEILING);
}

/// The third blind real set (tests/labels/real_blind3.toml: 400 sentences drawn at random from
/// the same reviews once the second round's tuning was done, labelled by two annotators, a third
/// settling disagreements). Blind in rounds three and four; opened for tuning in round five.
#[test]
fn emotion_label_on_third_blind_real_review_sentences() {
    let s = score_with("real_blind3.toml", 40, 250, 4, Show::Misses);
    s.assert_within(
        "real_blind3.toml",
        BLIND3_REAL_RECALL_FLOOR,
        BLIND3_REAL_FP_CEILING,
    );
}

/// The fourth blind set (tests/labels/README.md, fourth round): drawn and labelled before the
/// fourth round's changes; opened for tuning in round five.
#[test]
fn emotion_label_on_fourth_blind_real_review_sentences() {
    let s = score_with("real_blind4.toml", 40, 300, 4, Show::Misses);
    s.assert_within(
        "real_blind4.toml",
        BLIND4_REAL_RECALL_FLOOR,
        BLIND4_REAL_FP_CEILING,
    );
}

/// The fifth blind set (tests/labels/README.md, fifth round): drawn and labelled before the
/// round's changes, only its aggregate numbers printed.
#[test]
fn emotion_label_on_fifth_blind_real_review_sentences() {
    let s = score_with("real_blind5.toml", 50, 300, 4, Show::AggregateOnly);
    s.assert_within(
        "real_blind5.toml",
        BLIND5_REAL_RECALL_FLOOR,
        BLIND5_REAL_FP_CEILING,
    );
}

/// The sixth blind set (tests/labels/README.md, session 10): drawn and labelled before any
/// change of session 10, only its aggregate numbers printed until session 12 opened it for
/// tuning (its misses print now).
#[test]
fn emotion_label_on_sixth_blind_real_review_sentences() {
    let s = score_with("real_blind6.toml", 50, 300, 4, Show::Misses);
    s.assert_within(
        "real_blind6.toml",
        BLIND6_REAL_RECALL_FLOOR,
        BLIND6_REAL_FP_CEILING,
    );
}

/// The seventh blind set (tests/labels/README.md, session 12): drawn and labelled before any
/// change of the session, only its aggregate printed until the session's last measurement;
/// then opened for the closing note's list of misses (they print now). The next round draws
/// an eighth.
#[test]
fn emotion_label_on_seventh_blind_real_review_sentences() {
    let s = score_with("real_blind7.toml", 40, 300, 4, Show::Misses);
    s.assert_within(
        "real_blind7.toml",
        BLIND7_REAL_RECALL_FLOOR,
        BLIND7_REAL_FP_CEILING,
    );
}

/// The eighth blind set (tests/labels/README.md, end of session 12): drawn after the session's
/// last change, counterfactual twins of every sentence read before removed; only its aggregate
/// numbers are printed.
#[test]
fn emotion_label_on_eighth_blind_real_review_sentences() {
    let s = score_with("real_blind8.toml", 60, 250, 4, Show::AggregateOnly);
    s.assert_within(
        "real_blind8.toml",
        BLIND8_REAL_RECALL_FLOOR,
        BLIND8_REAL_FP_CEILING,
    );
}

/// The ninth blind set (tests/labels/README.md, session 13): drawn before the session's first
/// change, at the whole data's proportions of flagged and unflagged sentences; only its
/// aggregate printed until the session's last measurement, then opened for the closing note's
/// list of misses (they print now).
#[test]
fn emotion_label_on_ninth_blind_real_review_sentences() {
    let s = score_with("real_blind9.toml", 40, 300, 4, Show::Misses);
    s.assert_within(
        "real_blind9.toml",
        BLIND9_REAL_RECALL_FLOOR,
        BLIND9_REAL_FP_CEILING,
    );
}

/// Generated text, the development sets (tests/labels/README.md, session 13): sentences of
/// short texts written by model instances from naive prompts ("a short scene in which ...; the
/// main character is wistful"), what authors who generate a corpus get, each set in its own
/// three framings. Each was scored before it was read, then read while tuning.
#[test]
fn emotion_label_on_generated_text_development_sets() {
    for (file, min_positives, min_negatives, recall_floor, fp_ceiling) in [
        (
            "generated_dev.toml",
            50,
            700,
            GENERATED_DEV_RECALL_FLOOR,
            GENERATED_DEV_FP_CEILING,
        ),
        (
            "generated_dev2.toml",
            100,
            1300,
            GENERATED_DEV2_RECALL_FLOOR,
            GENERATED_DEV2_FP_CEILING,
        ),
        (
            "generated_dev3.toml",
            100,
            1800,
            GENERATED_DEV3_RECALL_FLOOR,
            GENERATED_DEV3_FP_CEILING,
        ),
        (
            "generated_dev4.toml",
            90,
            1300,
            GENERATED_DEV4_RECALL_FLOOR,
            GENERATED_DEV4_FP_CEILING,
        ),
        (
            "generated_dev5.toml",
            100,
            1400,
            GENERATED_DEV5_RECALL_FLOOR,
            GENERATED_DEV5_FP_CEILING,
        ),
    ] {
        let s = score_with(file, min_positives, min_negatives, 4, Show::Misses);
        s.assert_within(file, recall_floor, fp_ceiling);
    }
}

/// Generated text, the blind half: the other texts of the same draw, never looked at while
/// tuning; only its aggregate numbers are printed.
#[test]
fn emotion_label_on_generated_text_blind_half() {
    let s = score_with("generated_blind.toml", 70, 700, 4, Show::AggregateOnly);
    s.assert_within(
        "generated_blind.toml",
        GENERATED_BLIND_RECALL_FLOOR,
        GENERATED_BLIND_FP_CEILING,
    );
}

/// Generated text, the second blind set (tests/labels/README.md, end of session 13): three
/// framings no development set has, written after the session's last change; only its
/// aggregate numbers are printed.
#[test]
fn emotion_label_on_generated_text_second_blind_set() {
    let s = score_with("generated_blind2.toml", 110, 1400, 4, Show::AggregateOnly);
    s.assert_within(
        "generated_blind2.toml",
        GENERATED_BLIND2_RECALL_FLOOR,
        GENERATED_BLIND2_FP_CEILING,
    );
}

/// Precision on text the rule flags (tests/labels/real_flagged.toml and real_flagged2.toml: two
/// samples of 300 review sentences the rule reported as labels during session 10, 29 and 45 of
/// them no label). Development data: the general false alarms were fixed, and the guard holds
/// both sides, the labels still found and the non-labels no longer reported.
#[test]
fn emotion_label_precision_on_flagged_real_sentences() {
    for (file, labels_in_set, non_labels, min_kept, max_wrong) in [
        ("real_flagged.toml", 271, 29, 269, 17),
        ("real_flagged2.toml", 255, 45, 253, 39),
    ] {
        let path = format!("{}/tests/labels/{file}", env!("CARGO_MANIFEST_DIR"));
        let set: Set = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let labels = Labels::bundled();
        let (mut kept, mut wrong) = (0, 0);
        for s in &set.sentence {
            let doc = Doc::new(s.text.as_str());
            let flagged = labels
                .find(&doc)
                .iter()
                .any(|m| m.severity == Severity::Error);
            match (flagged, s.label) {
                (true, true) => kept += 1,
                (true, false) => wrong += 1,
                _ => {}
            }
        }
        println!(
            "emotion-label on {file}: {kept} of {labels_in_set} labels still found, {wrong} of \
             {non_labels} non-labels still reported (precision {:.1}%)",
            100.0 * kept as f64 / (kept + wrong).max(1) as f64
        );
        assert!(
            kept >= min_kept && wrong <= max_wrong,
            "{file}: kept {kept}, wrong {wrong}"
        );
    }
}

/// The fifth round's development annotations (tests/labels/real_pool.toml: 7,534 review
/// sentences read while tuning, drawn as its header says, so not a random sample). A
/// regression guard: mostly its 6,999 non-labels, which hold the rule's precision on real text.
/// Printed as an aggregate only because its misses run to a hundred and more lines.
#[test]
fn emotion_label_on_annotated_development_pool() {
    let s = score_with("real_pool.toml", 500, 6000, 6, Show::AggregateOnly);
    s.assert_within("real_pool.toml", POOL_RECALL_FLOOR, POOL_FP_CEILING);
}

/// Session 12's development annotations (tests/labels/real_pool2.toml: 5,796 review sentences
/// read while tuning, four samples of sentences the rule left alone and one of sentences it
/// flagged, as its header says, so not a random sample). A regression guard on both sides.
#[test]
fn emotion_label_on_session_twelve_development_samples() {
    let s = score_with("real_pool2.toml", 200, 5000, 6, Show::AggregateOnly);
    s.assert_within("real_pool2.toml", POOL2_RECALL_FLOOR, POOL2_FP_CEILING);
}
