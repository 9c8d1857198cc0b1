use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::cues;
use crate::language::lexicon::{LexHit, Lexicon};
use crate::rules::{Context, Rule};
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
    /// - a sibling of the other sign is the wrong way round: the text of an unpleasant
    ///   emotion is more pleasant than a pleasant sibling's by at least `min-sibling-gap`
    ///   (siblings share the setup, so a small gap already says something). Both files are
    ///   reported, each pointing at the other: often two texts were swapped.
    ///
    /// The message lists the evidence, and the finding points at each of those words.
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
    /// through rhythm, syntax or what is left out leaves few cues. The lists cover some
    /// families better than others (anger and sadness have distinctive bodies; the
    /// epistemic and longing families much less), so a silent variant is not proof that its
    /// emotion is there. Near families (anger and rivalry, low_pos and social_pos) share many
    /// cues, and the rule only speaks when one family clearly leads. Read a finding as a
    /// prompt to reread the text, not as a verdict.
    ///
    /// Measured (ACCURACY.md): on real review pairs whose variant was renamed to the opposite
    /// emotion it reports 84% of the renamed files and 3% of the untouched ones (held-out
    /// half); on this repository's own texts, which show emotion with few rated or listed
    /// words, it finds two in five swapped pairs of variants (two in three when one emotion
    /// is pleasant and the other unpleasant). It does not yet learn from the corpus itself.
    ///
    /// ## Options
    /// In pairlint.toml, `[emotion-mismatch]`:
    /// - `min-cues` (default 3): how many cue words of another family a variant must add;
    /// - `min-shift` (default 4.0): how far, on VADER's scale summed over the text, a variant
    ///   must move the wrong way from its baseline; 4 is about one clear word exchanged for its
    ///   opposite (`good` for `bad` is 4.4);
    /// - `min-sibling-gap` (default 2.0): how much more pleasant an unpleasant emotion's text
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
        summary: "variant reads as another emotion family than its file name's",
    }
}

pub struct EmotionMismatch;

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
fn quoted(words: &[impl AsRef<str>]) -> String {
    let mut list: Vec<String> = words
        .iter()
        .take(6)
        .map(|w| format!("`{}`", w.as_ref()))
        .collect();
    if words.len() > 6 {
        list.push(format!("{} more", words.len() - 6));
    }
    list.join(", ")
}

impl EmotionMismatch {
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
        // Each valenced variant's own valence and whether the baseline test reported it, for
        // the comparison between siblings below.
        let mut valenced: Vec<Valenced> = Vec::new();
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
            let reading = read(&in_order, own, &base_valence);
            let finding = judge(
                &reading,
                &emotion.emotion.family,
                emotion.emotion.valence,
                cx.settings.mismatch_min_cues,
                cx.settings.mismatch_min_shift as f32,
            );
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
            // Point at the first place each evidence word is written.
            let mut places = Vec::new();
            for word in &evidence {
                // A negated word (`not good`) is pointed at by the word itself.
                let key = word.split(' ').next_back().unwrap_or(word);
                if let Some(w) = doc.words.iter().find(|w| entity_key(w.lower(doc)) == key) {
                    places.push(w.span());
                }
            }
            places.sort_by_key(|r| r.start);
            let file = &s.files[variant.file];
            let Some(first) = places.first() else {
                continue;
            };
            let mut d = META
                .report(
                    Location::in_doc(file.path.clone(), doc, first.clone()),
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
        self.compare_siblings(cx, &valenced, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario};

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
}
