//! Anchors and proper names: what must stay constant between a baseline and its variants.
//! Shared by missing-anchor and new-entity so both read names the same way.

#[cfg(test)]
use std::collections::BTreeSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::tables::FxHashMap;
use crate::text::{Doc, entity_key, normalize_word};

/// Words that lead an anchor phrase but do not identify it: "the letter" is found as
/// "his letter" or "a letter" too.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "my", "our", "your",
    "its",
];

/// Capitalised words that are not entities even mid-sentence.
const NOT_NAMES: &[&str] = &[
    "i", "i'm", "i'd", "i've", "i'll", "ok", "okay", "mr", "mrs", "ms", "dr", "st",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Listed in scenario.toml `anchors`.
    Declared,
    /// A proper name in the baseline (`names`).
    Name,
    /// A number or time in the baseline (`numbers`).
    Number,
}

#[derive(Debug, Clone)]
pub struct Anchor {
    /// As the author wrote it (declared) or as the baseline spells it (inferred).
    pub label: String,
    /// Comparison keys, one per word (lowercase, possessive and plural folded); for a number,
    /// its one normalised form (`numbers`).
    pub keys: Vec<String>,
    /// Words of a name that identify it alone (`Keitel` of `Harvey Keitel`): a mention of any
    /// of them is a mention of the name.
    pub alternatives: Vec<String>,
    pub origin: Origin,
}

impl Anchor {
    pub fn declared(label: &str) -> Anchor {
        let mut keys: Vec<String> = label
            .unicode_words()
            .map(|w| entity_key(&normalize_word(w)).to_string())
            .collect();
        while keys.len() > 1 && DETERMINERS.contains(&keys[0].as_str()) {
            keys.remove(0);
        }
        Anchor {
            label: label.to_string(),
            keys,
            alternatives: Vec::new(),
            origin: Origin::Declared,
        }
    }

    /// The byte span of the first mention in `doc`, if any. A number is found in the form it
    /// was written (`8/10` is not `8`, `1930's` is `1930s`); a name by all its words, or by
    /// one of its `alternatives`.
    pub fn find(&self, doc: &Doc) -> Option<Range<usize>> {
        if self.origin == Origin::Number {
            return self.find_in(doc, &numbers(doc));
        }
        self.find_in(doc, &[])
    }

    /// `find`, with `doc_numbers` the `numbers` of `doc` already found (a caller that looks
    /// for several anchors in one text finds its numbers once).
    pub fn find_in(&self, doc: &Doc, doc_numbers: &[Number]) -> Option<Range<usize>> {
        if self.origin == Origin::Number {
            let wanted = self.keys.first().map(|k| without_unit(k));
            return doc_numbers
                .iter()
                .find(|n| wanted == Some(without_unit(&n.form)))
                .map(|n| n.span.clone());
        }
        find_keys(doc, &self.keys).or_else(|| {
            self.alternatives
                .iter()
                .find_map(|k| find_keys(doc, std::slice::from_ref(k)))
        })
    }
}

/// The span of the first run of words of `doc` whose keys are `keys`.
fn find_keys(doc: &Doc, keys: &[String]) -> Option<Range<usize>> {
    let n = keys.len();
    let (first, rest) = keys.split_first()?;
    if doc.words.len() < n {
        return None;
    }
    (0..=doc.words.len() - n).find_map(|i| {
        let hit = has_key(doc, i, first)
            && rest
                .iter()
                .enumerate()
                .all(|(j, k)| has_key(doc, i + 1 + j, k));
        hit.then(|| doc.words[i].start..doc.words[i + n - 1].end)
    })
}

/// Is `key` the `entity_key` of word `i` of `doc`? A key is a prefix of its word, so most
/// words are ruled out by their first bytes without working out their key.
#[inline]
pub fn has_key(doc: &Doc, i: usize, key: &str) -> bool {
    let lower = doc.words[i].lower(doc);
    let whole = match (lower.as_bytes().first(), key.as_bytes().first()) {
        (Some(a), Some(b)) if a != b => false,
        _ => lower.starts_with(key) && entity_key(lower) == key,
    };
    // Sentences run together without a space are one token (`Parker.They`): each part of it
    // is a word too.
    whole
        || (lower.len() > key.len()
            && lower.contains('.')
            && lower.split('.').any(|part| entity_key(part) == key))
}

/// Word indices of `doc` written like proper names: capitalised mid-sentence, or at a
/// sentence start when the same word is capitalised mid-sentence elsewhere in the text.
/// All-caps words count only when `allow_all_caps`. The label matcher's quick test for a
/// capitalised label word ("Joy"); the entity rules weigh more evidence (`names`).
pub fn name_words(doc: &Doc, allow_all_caps: bool) -> Vec<usize> {
    let is_candidate = |i: usize| {
        let w = &doc.words[i];
        let text = &doc.text[w.span()];
        // Every word of NOT_NAMES has four bytes or fewer.
        let lower = w.lower(doc);
        if (lower.len() <= 4 && NOT_NAMES.contains(&lower))
            || !text.chars().any(char::is_alphabetic)
        {
            return false;
        }
        if allow_all_caps {
            return true;
        }
        let mut letters = text.chars().filter(|c| c.is_alphabetic());
        let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
        !all_caps
    };
    let mut mid: Vec<usize> = Vec::new();
    for i in 0..doc.words.len() {
        if doc.is_mid_sentence_capitalized(i) && is_candidate(i) {
            mid.push(i);
        }
    }
    if mid.is_empty() {
        return mid; // no name: nothing to find at sentence starts either
    }
    let mut known: Vec<&str> = mid.iter().map(|&i| doc.words[i].lower(doc)).collect();
    known.sort_unstable();
    known.dedup();
    let bytes = doc.text.as_bytes();
    let mut out = Vec::with_capacity(mid.len());
    let mut next_mid = mid.iter().copied().peekable();
    for (i, w) in doc.words.iter().enumerate() {
        if next_mid.next_if_eq(&i).is_some() {
            out.push(i);
            continue;
        }
        // The cheap capital test first: most words are not capitalised.
        let capital = match bytes[w.start] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => doc.text[w.start..].starts_with(|c: char| c.is_uppercase()),
        };
        if capital && known.binary_search(&w.lower(doc)).is_ok() {
            out.push(i);
        }
    }
    out
}

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Starts with a lowercase letter.
    Lower,
    /// Starts with a capital and has a lowercase letter: `Mara`, `Excellent`, `McKay`.
    Title,
    /// Two or more letters, all capitals: `HBO`, `GREAT`, `WOULDN'T`.
    Caps,
    /// Anything else: one letter (`I`, `A`, a grade `B`), digits (`80s`), no letter.
    Other,
}

fn case_of(word: &str) -> Case {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => return Case::Lower,
        Some(c) if c.is_uppercase() => {}
        _ => return Case::Other,
    }
    let (mut letters, mut lower) = (1, false);
    for c in chars {
        if c.is_numeric() {
            return Case::Other;
        }
        if c.is_alphabetic() {
            letters += 1;
            lower |= c.is_lowercase();
        }
    }
    match (letters, lower) {
        (1, _) => Case::Other,
        (_, true) => Case::Title,
        (_, false) => Case::Caps,
    }
}

/// Capitalised words that are no names: contractions written without their apostrophe, forms
/// of address, interjections and chat abbreviations, the religious words reviews use as
/// exclamations (`Thank God`, `a trip to Heaven`), and acronyms of ordinary things (`TV`,
/// `DVD`).
const NOT_NAMES_LONG: &[&str] = &[
    "i'm", "i'd", "i've", "i'll", "im", "ive", "ok", "okay", "mr", "mrs", "ms", "dr", "st", "dont",
    "didnt", "doesnt", "cant", "wont", "isnt", "wasnt", "arent", "werent", "havent", "hasnt",
    "couldnt", "wouldnt", "shouldnt", "thats", "theres", "whats", "youre", "theyre", "oh", "ah",
    "wow", "hmm", "yeah", "god", "lord", "heaven", "hell", "lol", "wtf", "omg", "imo", "imho",
    "btw", "oth", "fyi", "tbh", "smh", "aka", "etc", "ie", "eg", "ps", "tv", "tvs", "dvd", "dvds",
    "vhs", "cd", "cds", "cgi", "pc", "dj", "fx", "sfx", "ceo", "pov", "ad", "ads", "ai",
];

/// A word's lowercase form without a possessive `'s`, the form the dictionary lists.
fn dictionary_form(lower: &str) -> &str {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(lower)
}

/// Is this (lowercase) word an ordinary word rather than a proper name? In the dictionary
/// and written there in lower case, as itself or as the plural of one.
fn is_common(lower: &str) -> bool {
    let form = dictionary_form(lower);
    crate::text::dictionary::is_common(form)
        || (form.len() > 3
            && form.ends_with('s')
            && !crate::text::dictionary::contains(form)
            && crate::text::dictionary::is_common(&form[..form.len() - 1]))
}

/// How the words that are ever capitalised are written across a scenario: the evidence a
/// capital at a sentence start (where it says nothing) is judged by.
#[derive(Debug, Default)]
pub struct CaseEvidence<'a> {
    seen: FxHashMap<&'a str, Seen>,
    /// Each text's `loud_sentences`, worked out here once and reused by `names`.
    loud: Vec<(&'a Doc, Vec<bool>)>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    /// Written with a capital (`Title`), anywhere.
    capitalised: u32,
    /// Capitalised in the middle of a sentence that is not loud.
    mid_sentence: bool,
    /// Written in lower case somewhere.
    lower: bool,
    /// No dictionary word and no known name, but one edit from a common word
    /// (`is_typo_of_common`), worked out once per scenario.
    typo: bool,
}

impl<'a> CaseEvidence<'a> {
    /// Evidence from every text of a scenario.
    pub fn new<I>(docs: I) -> CaseEvidence<'a>
    where
        I: IntoIterator<Item = &'a Doc>,
        I::IntoIter: Clone,
    {
        let docs = docs.into_iter();
        let mut seen: FxHashMap<&'a str, Seen> = FxHashMap::default();
        let mut louds = Vec::new();
        for doc in docs.clone() {
            let loud = loud_sentences(doc);
            for (i, w) in doc.words.iter().enumerate() {
                // The cheap test first: most words start with a lowercase ASCII letter.
                if doc.text.as_bytes()[w.start].is_ascii_lowercase() {
                    continue;
                }
                if case_of(&doc.text[w.span()]) != Case::Title {
                    continue;
                }
                let lower = w.lower(doc);
                let entry = seen.entry(entity_key(lower)).or_insert_with(|| {
                    let form = dictionary_form(lower);
                    let unknown = !is_common(lower)
                        && !crate::text::dictionary::is_proper_only(form)
                        && !crate::text::dictionary::is_name(form);
                    Seen {
                        typo: unknown && is_typo_of_common(form),
                        ..Seen::default()
                    }
                });
                entry.capitalised += 1;
                entry.mid_sentence |= !loud[doc.word_sentence[i]] && is_mid_sentence(doc, i);
            }
            louds.push((doc, loud));
        }
        if !seen.is_empty() {
            // Most lowercase words share neither first letter and length with a capitalised
            // one: a bit per (first byte, length) rules them out before the hash lookup.
            let slot = |key: &str| -> usize {
                let first = key.as_bytes().first().copied().unwrap_or(0) as usize;
                first * 32 + key.len().min(31)
            };
            let mut possible = vec![0u64; 256 * 32 / 64];
            for key in seen.keys() {
                let s = slot(key);
                possible[s / 64] |= 1 << (s % 64);
            }
            for doc in docs {
                for w in &doc.words {
                    if !doc.text.as_bytes()[w.start].is_ascii_lowercase()
                        && case_of(&doc.text[w.span()]) != Case::Lower
                    {
                        continue;
                    }
                    let key = entity_key(w.lower(doc));
                    let s = slot(key);
                    if possible[s / 64] & (1 << (s % 64)) == 0 {
                        continue;
                    }
                    if let Some(entry) = seen.get_mut(key) {
                        entry.lower = true;
                    }
                }
            }
        }
        CaseEvidence { seen, loud: louds }
    }

    /// `loud_sentences` of `doc`: kept if `doc` is one of the texts this evidence came from.
    fn loud(&self, doc: &Doc) -> std::borrow::Cow<'_, [bool]> {
        match self.loud.iter().find(|(d, _)| std::ptr::eq(*d, doc)) {
            Some((_, loud)) => std::borrow::Cow::Borrowed(loud.as_slice()),
            None => std::borrow::Cow::Owned(loud_sentences(doc)),
        }
    }

    fn get(&self, key: &str) -> Seen {
        self.seen.get(key).copied().unwrap_or_default()
    }
}

/// Is word `i` capitalised mid-sentence, and not just after an opening bracket (`(Fav scene)`),
/// where a capital is as uninformative as at a sentence start?
fn is_mid_sentence(doc: &Doc, i: usize) -> bool {
    doc.is_mid_sentence_capitalized(i)
        && !doc.text[doc.words[i - 1].end..doc.words[i].start].contains(['(', '['])
}

/// For each sentence of `doc`, whether it is loud: four or more capitalised words, most of its words
/// capitalised (a headline, `Great Acting, Great Story Here`), or half of its words in
/// capitals (shouting). Capitals there are
/// emphasis and say nothing about names.
fn loud_sentences(doc: &Doc) -> Vec<bool> {
    let mut counts = vec![(0u32, 0u32, 0u32); doc.sentences.len()];
    for (w, &s) in doc.words.iter().zip(&doc.word_sentence) {
        let case = match doc.text.as_bytes()[w.start] {
            b if b.is_ascii_lowercase() => Case::Lower,
            _ => case_of(&doc.text[w.span()]),
        };
        let c = &mut counts[s];
        match case {
            Case::Lower => c.0 += 1,
            Case::Title => c.1 += 1,
            Case::Caps => c.2 += 1,
            Case::Other => {}
        }
    }
    counts
        .into_iter()
        .map(|(lower, title, caps)| {
            let total = lower + title + caps;
            (title + caps >= 4 && (title + caps) * 5 >= total * 3)
                || (caps >= 2 && caps * 2 >= total)
        })
        .collect()
}

/// A proper name found in a text: one word or several written together (`Harvey Keitel`,
/// `Pulp Fiction`, `HBO`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Word indices in its `Doc`.
    pub words: Range<usize>,
    /// One `entity_key` per word.
    pub keys: Vec<String>,
    /// The keys of its words that are no ordinary word (`keitel`, `washington`): any of them
    /// alone is a mention of the name.
    pub distinctive: Vec<String>,
}

impl Name {
    /// Its byte span in `doc`.
    pub fn span(&self, doc: &Doc) -> Range<usize> {
        doc.words[self.words.start].start..doc.words[self.words.end - 1].end
    }

    /// The anchor a baseline's name gives.
    pub fn anchor(&self, doc: &Doc) -> Anchor {
        Anchor {
            label: doc.text[self.span(doc)].to_string(),
            keys: self.keys.clone(),
            alternatives: self.distinctive.clone(),
            origin: Origin::Name,
        }
    }
}

/// The proper names of `doc`, judged on evidence rather than position (the procedure
/// `pairlint rule new-entity` documents):
/// - A word in capitals is emphasis unless it is no ordinary word (`HBO`, not `GREAT`).
/// - A capitalised word that is no ordinary word (not in the dictionary in lower case:
///   `Marta`, `Keitel`, `Saturday`) is a name mid-sentence; at a sentence start, where a
///   capital says nothing, it is one when the dictionary knows it only as a name, or the
///   scenario capitalises it mid-sentence elsewhere, or twice and never in lower case.
/// - A capitalised ordinary word (`Excellent`, `Ford`, `Grace`) is a name alone only when the
///   dictionary also lists it as a name, the scenario capitalises it twice or more and never
///   writes it in lower case, and it stands (here or elsewhere) mid-sentence in a sentence
///   that is not loud.
/// - Neighbouring capitalised words form one name (`Harvey Keitel`, `Friday Night Lights`)
///   when one of them is a name, or when two of them stand mid-sentence in a sentence that
///   is not loud and the scenario capitalises each of them again (`Pulp Fiction` written in
///   the baseline and its variants; `Magnum Opus` once is emphasis). A leading
///   `The`/`A`/`An` is not part of it.
pub fn names(doc: &Doc, evidence: &CaseEvidence) -> Vec<Name> {
    names_outside(doc, evidence, |_| false)
}

/// `names`, leaving out the sentences `skip` picks (by index in `doc.sentences`). A name never
/// spans two sentences and is judged by its own sentence and the scenario's evidence, so the
/// names of the other sentences are the same as `names` finds.
pub fn names_outside(
    doc: &Doc,
    evidence: &CaseEvidence,
    skip: impl Fn(usize) -> bool,
) -> Vec<Name> {
    let skipped: Vec<bool> = (0..doc.sentences.len()).map(skip).collect();
    let loud = evidence.loud(doc);
    let bytes = doc.text.as_bytes();
    // Per word: (case, is a name alone, may join a run, is mid-sentence in a quiet sentence).
    let mut out = Vec::new();
    let mut run: Vec<(usize, bool, bool)> = Vec::new(); // (word, name alone, quiet mid)
    let flush = |run: &mut Vec<(usize, bool, bool)>, out: &mut Vec<Name>| {
        while run.first().is_some_and(|&(i, alone, _)| {
            let lower = doc.words[i].lower(doc);
            !alone
                && (DETERMINERS.contains(&lower) || crate::language::features::is_stopword(lower))
        }) {
            run.remove(0);
        }
        // A phrase of ordinary words (`Pulp Fiction`, but also `Magnum Opus`, `Campy
        // Thriller`) is a name only when the scenario capitalises each of its words again.
        let repeated = || {
            run.iter().all(|&(i, _, _)| {
                evidence
                    .get(entity_key(doc.words[i].lower(doc)))
                    .capitalised
                    >= 2
            })
        };
        let named =
            run.iter().any(|r| r.1) || (run.iter().filter(|r| r.2).count() >= 2 && repeated());
        if named && !run.is_empty() {
            let keys: Vec<String> = run
                .iter()
                .map(|&(i, _, _)| entity_key(doc.words[i].lower(doc)).to_string())
                .collect();
            let distinctive = run
                .iter()
                .zip(&keys)
                .filter(|((i, _, _), _)| !is_common(doc.words[*i].lower(doc)))
                .map(|(_, k)| k.clone())
                .collect();
            out.push(Name {
                words: run[0].0..run[run.len() - 1].0 + 1,
                keys,
                distinctive,
            });
        }
        run.clear();
    };
    for (i, w) in doc.words.iter().enumerate() {
        if bytes[w.start].is_ascii_lowercase() || skipped[doc.word_sentence[i]] {
            flush(&mut run, &mut out);
            continue;
        }
        let text = &doc.text[w.span()];
        let lower = w.lower(doc);
        let case = case_of(text);
        // A word with an inner full stop is a run-together sentence or an address
        // (`Mr.Carroll.I'm`, `imdb.com`), not a name as written.
        let excluded = NOT_NAMES_LONG.contains(&dictionary_form(lower)) || text.contains('.');
        let (alone, joins, quiet_mid) = match case {
            _ if excluded => (false, false, false),
            Case::Lower | Case::Other => (false, false, false),
            // An acronym is short (`HBO`, `BAFTA`); a longer word in capitals that is no
            // ordinary word is shouting (`NOOOOO`, `YEAAHH`) unless it is known as a name.
            Case::Caps => (
                !is_common(lower)
                    && (text.chars().count() <= 5
                        || crate::text::dictionary::is_proper_only(dictionary_form(lower)))
                    && !is_coined_abbreviation(doc, i),
                false,
                false,
            ),
            // A day or month taken generally (`a Saturday night`, `every June`) is no anchor.
            Case::Title if is_general_time(doc, i) => (false, false, false),
            Case::Title => {
                let key = entity_key(lower);
                let seen = evidence.get(key);
                let mid = is_mid_sentence(doc, i);
                let quiet_mid = mid && !loud[doc.word_sentence[i]];
                let form = dictionary_form(lower);
                let common = is_common(lower);
                let known = !common
                    && (crate::text::dictionary::is_proper_only(form)
                        || crate::text::dictionary::is_name(form));
                // A mistyped ordinary word (`Cabarnet`, `Imy`) is no name, wherever it stands.
                // Only a word standing alone: `Perrine` in `Valerie Perrine` is a surname.
                let capital_at = |j: usize| {
                    doc.words.get(j).is_some_and(|w| {
                        doc.word_sentence[j] == doc.word_sentence[i]
                            && doc.text[w.start..].starts_with(char::is_uppercase)
                    })
                };
                // A capital before it counts only where it is not just a sentence's first
                // word (`Whats Hilarius that ...`), unless that word is a known name itself.
                let name_before = i > 0 && capital_at(i - 1) && {
                    let starts = i == 1 || doc.word_sentence[i - 2] != doc.word_sentence[i - 1];
                    let before = dictionary_form(doc.words[i - 1].lower(doc));
                    !starts
                        || crate::text::dictionary::is_name(before)
                        || crate::text::dictionary::is_proper_only(before)
                };
                let isolated = !capital_at(i + 1) && !name_before;
                let typo = !common && !known && isolated && seen.typo;
                let alone = if typo {
                    false
                } else if !common {
                    mid || known || seen.mid_sentence || (seen.capitalised >= 2 && !seen.lower)
                } else {
                    // An ordinary word is a name alone only on repeated evidence: `Grace`
                    // capitalised mid-sentence, twice in the scenario, never in lower case;
                    // said over and over in a row (`No, No, No`) it is an exclamation.
                    let same_at = |j: usize| {
                        doc.words.get(j).is_some_and(|w| {
                            doc.word_sentence[j] == doc.word_sentence[i] && w.lower(doc) == lower
                        })
                    };
                    let repeated = same_at(i + 1) || (i > 0 && same_at(i - 1));
                    crate::text::dictionary::is_name(form)
                        && !repeated
                        && !seen.lower
                        && seen.mid_sentence
                        && seen.capitalised >= 2
                        && (quiet_mid || !mid)
                };
                if typo {
                    (false, false, false)
                } else {
                    (alone, mid || alone, quiet_mid)
                }
            }
        };
        // A run continues over plain spaces or a hyphen within one sentence.
        let continues = run.last().is_some_and(|&(j, _, _)| {
            j + 1 == i
                && doc.word_sentence[j] == doc.word_sentence[i]
                && doc.text[doc.words[j].end..w.start]
                    .chars()
                    .all(|c| c == ' ' || c == '-' || c == '\u{a0}')
        });
        if !continues {
            flush(&mut run, &mut out);
        }
        if case == Case::Caps {
            // Capitals stand alone: an acronym is a name by itself, shouting never joins one.
            flush(&mut run, &mut out);
            if alone {
                run.push((i, true, false));
                flush(&mut run, &mut out);
            }
            continue;
        }
        if joins {
            run.push((i, alone, quiet_mid));
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The content words (over three letters, entity keys) of sentence `sentence` of `doc`.
fn sentence_words(doc: &Doc, sentence: usize) -> std::collections::BTreeSet<&str> {
    doc.words
        .iter()
        .zip(&doc.word_sentence)
        .filter(|(w, s)| **s == sentence && w.lower(doc).chars().count() > 3)
        .map(|(w, _)| entity_key(w.lower(doc)))
        .collect()
}

/// The sentence of `to` that shares most content words with sentence `sentence` of `from`
/// (the same moment of the story in the other text); the first sentence when none shares any.
pub fn aligned_sentence(from: &Doc, sentence: usize, to: &Doc) -> Range<usize> {
    let wanted = sentence_words(from, sentence);
    let best = (0..to.sentences.len())
        .map(|i| (sentence_words(to, i).intersection(&wanted).count(), i))
        .fold((0, 0), |best, cur| if cur.0 > best.0 { cur } else { best });
    to.sentences
        .get(best.1)
        .cloned()
        .unwrap_or_else(|| to.body_span())
}

/// Is name `b` name `a` spelt differently (`Nepolean` / `Napolean`, `Appelonia` /
/// `Appolonia`), rather than another name? Same first letter, five letters or more, and one
/// edit apart (two from eight letters, or two that only move letters), ignoring case and
/// spaces.
pub fn is_respelling(raw_a: &str, raw_b: &str) -> bool {
    // Spaces do not count (`Sanfrancisco` / `San Francisco`), nor letters swapped in place
    // (`Ghandi` / `Gandhi`: the same letters, two edits).
    let squeeze = |s: &str| -> String { s.split_whitespace().collect::<String>().to_lowercase() };
    let (a, b) = (squeeze(raw_a), squeeze(raw_b));
    let len = a.chars().count().min(b.chars().count());
    let letters = |s: &str| {
        let mut l: Vec<char> = s.chars().collect();
        l.sort_unstable();
        l
    };
    let distance = strsim::osa_distance(&a, &b);
    raw_a.to_lowercase() != raw_b.to_lowercase()
        && len >= 5
        && a.chars().next() == b.chars().next()
        && (distance <= if len >= 8 { 2 } else { 1 }
            || (distance <= 2 && letters(&a) == letters(&b)))
}

/// Where `doc` writes the name `label` (of `words` words) with another spelling: the first
/// capitalised run of as many words, within a sentence, that `is_respelling` of it. Returns
/// its word range.
pub fn respelling_in(doc: &Doc, label: &str, words: usize) -> Option<Range<usize>> {
    // As many words, or one more or fewer (`Sanfrancisco` / `San Francisco`).
    let words = words.max(1);
    (words.saturating_sub(1).max(1)..=words + 1).find_map(|n| {
        (0..doc.words.len().saturating_sub(n - 1)).find_map(|i| {
            let range = i..i + n;
            let same_sentence = doc.word_sentence[i] == doc.word_sentence[i + n - 1];
            let capitalised = doc.text[doc.words[i].start..].starts_with(char::is_uppercase);
            let span = doc.words[i].start..doc.words[i + n - 1].end;
            (same_sentence && capitalised && is_respelling(label, &doc.text[span])).then_some(range)
        })
    })
}

/// Are all the words in `range` of `doc` ordinary words (`Best Cinematography`)?
pub fn are_ordinary_words(doc: &Doc, range: Range<usize>) -> bool {
    range
        .into_iter()
        .all(|i| is_common(doc.words[i].lower(doc)))
}

/// Is the acronym at word `i` one the text coins for the words before it, in brackets: `the
/// waste of life (WOL)`, `point of view (POV)`, `special effects (SFX)` aside?
fn is_coined_abbreviation(doc: &Doc, i: usize) -> bool {
    let w = &doc.words[i];
    if !(doc.text[..w.start].ends_with('(') && doc.text[w.end..].starts_with(')')) {
        return false;
    }
    let letters: Vec<char> = doc.text[w.span()].to_lowercase().chars().collect();
    let before = &doc.words[i.saturating_sub(2 * letters.len())..i];
    // The initials of the words before, with or without their short function words.
    let initials = |skip_function_words: bool| -> Vec<char> {
        before
            .iter()
            .map(|w| w.lower(doc))
            .filter(|w| {
                !(skip_function_words && w.len() <= 3 && crate::language::features::is_stopword(w))
            })
            .filter_map(|w| w.chars().next())
            .collect()
    };
    initials(false).ends_with(&letters) || initials(true).ends_with(&letters)
}

const DAYS_AND_MONTHS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `text` with its numeric character references decoded (`Alt&#305;oklar` -> `Altıoklar`), or
/// `None` when it has none: scraped text keeps them, and its revision may not.
pub fn decode_char_references(text: &str) -> Option<String> {
    if !text.contains("&#") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let decoded = (len > 0 && len <= 7 && digits[len..].starts_with(';'))
            .then(|| u32::from_str_radix(&digits[..len], radix).ok())
            .flatten()
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &digits[len + 1..];
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// Is word `i` a day or month taken generally: after `a`, `every`, `each` or `any`?
fn is_general_time(doc: &Doc, i: usize) -> bool {
    i > 0
        && DAYS_AND_MONTHS.contains(&doc.words[i].lower(doc).trim_end_matches("'s"))
        && matches!(doc.words[i - 1].lower(doc), "a" | "every" | "each" | "any")
}

/// Is `lower` (no dictionary word, no known name) an ordinary word mistyped: one edit from a
/// common word of seven letters or more (`cabarnet`), or `I` run into one (`imy`)?
fn is_typo_of_common(lower: &str) -> bool {
    if !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    if let Some(rest) = lower.strip_prefix('i')
        && rest.len() >= 2
        && crate::text::dictionary::is_common(rest)
    {
        return true;
    }
    if lower.len() < 7 {
        return false;
    }
    let bytes = lower.as_bytes();
    let mut candidate = Vec::with_capacity(bytes.len() + 1);
    let common = |c: &[u8]| std::str::from_utf8(c).is_ok_and(crate::text::dictionary::is_common);
    for i in 0..bytes.len() {
        // Deletion.
        candidate.clear();
        candidate.extend_from_slice(&bytes[..i]);
        candidate.extend_from_slice(&bytes[i + 1..]);
        if common(&candidate) {
            return true;
        }
        // Transposition.
        if i + 1 < bytes.len() {
            candidate.clear();
            candidate.extend_from_slice(bytes);
            candidate.swap(i, i + 1);
            if common(&candidate) {
                return true;
            }
        }
        // Substitution.
        for c in b'a'..=b'z' {
            if c != bytes[i] {
                candidate.clear();
                candidate.extend_from_slice(bytes);
                candidate[i] = c;
                if common(&candidate) {
                    return true;
                }
            }
        }
    }
    // Insertion.
    for i in 0..=bytes.len() {
        for c in b'a'..=b'z' {
            candidate.clear();
            candidate.extend_from_slice(&bytes[..i]);
            candidate.push(c);
            candidate.extend_from_slice(&bytes[i..]);
            if common(&candidate) {
                return true;
            }
        }
    }
    false
}

/// A number or time as written in a text: `88`, `9:40`, `8/10`, `9.0`, `80s`, `1930's`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub span: Range<usize>,
    /// Lowercase, with `'s` after digits folded to `s` (`1930's` is `1930s`).
    pub form: String,
}

/// Units written onto a number (`5.50usd`, `90min`): the same number as `5.50 USD`.
const UNITS: &[&str] = &[
    "usd", "eur", "gbp", "min", "mins", "hr", "hrs", "mm", "cm", "km", "kg", "lb", "lbs", "pm",
    "am",
];

/// A number's form without a unit glued to its digits.
fn without_unit(form: &str) -> &str {
    UNITS
        .iter()
        .find_map(|u| {
            form.strip_suffix(u)
                .filter(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
        })
        .unwrap_or(form)
}

/// Is `word` a number as written: digits (with `.` or `,` inside: `9.0`, `7,000`), then at
/// most a decade or ordinal ending (`80s`, `1st`) or a unit (`2am`, `90min`)? Words that only
/// contain a digit (`channel4`, `cr5eate`, `4EVA`) are not.
fn is_number_word(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_numeric()) {
        return false;
    }
    let rest = word.trim_start_matches(|c: char| c.is_numeric() || c == '.' || c == ',');
    let rest = rest.to_ascii_lowercase();
    rest.is_empty()
        || matches!(rest.as_str(), "s" | "st" | "nd" | "rd" | "th")
        || UNITS.contains(&rest.as_str())
}

/// The numbers of `doc`, from its own words, so a number found in a baseline is always found
/// there again: a number word (`is_number_word`), joined to the next such word by one `:`, `/`, `.` or `,`
/// (`9:40`, `8/10`), and a following `'s` (`1930's`).
pub fn numbers(doc: &Doc) -> Vec<Number> {
    let has_digit = |i: usize| is_number_word(&doc.text[doc.words[i].span()]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.words.len() {
        if !has_digit(i) {
            i += 1;
            continue;
        }
        let start = i;
        // An emoticon (`:3`, `;0`) is no number: a colon right before the digits, with no
        // word right before the colon. Nor is an HTML character reference (`&#305;`).
        let before = &doc.text[..doc.words[i].start];
        if before.ends_with("&#") {
            i += 1;
            continue;
        }
        if let Some(rest) = before.strip_suffix([':', ';'])
            && !rest.ends_with(|c: char| c.is_alphanumeric())
        {
            i += 1;
            continue;
        }
        while i + 1 < doc.words.len()
            && has_digit(i + 1)
            && matches!(
                &doc.text[doc.words[i].end..doc.words[i + 1].start],
                ":" | "/" | "." | ","
            )
        {
            i += 1;
        }
        let mut end = doc.words[i].end;
        let mut form: String = doc.text[doc.words[start].start..end].to_lowercase();
        if i + 1 < doc.words.len()
            && doc.words[i + 1].lower(doc) == "s"
            && matches!(
                &doc.text[doc.words[i].end..doc.words[i + 1].start],
                "'" | "\u{2019}"
            )
        {
            i += 1;
            end = doc.words[i].end;
            form.push('s');
        }
        out.push(Number {
            span: doc.words[start].start..end,
            form,
        });
        i += 1;
    }
    out
}

/// Anchors inferred from a baseline: its proper names (`names`, with the scenario's
/// `evidence`) and its numbers and times (`numbers`). Each is found in the baseline itself.
pub fn inferred(
    baseline: &Doc,
    evidence: &CaseEvidence,
    names_on: bool,
    numbers_on: bool,
) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let push = |out: &mut Vec<Anchor>, anchor: Anchor| {
        if !out
            .iter()
            .any(|a| a.keys == anchor.keys && a.origin == anchor.origin)
        {
            out.push(anchor);
        }
    };
    if names_on {
        for name in names(baseline, evidence) {
            push(&mut out, name.anchor(baseline));
        }
    }
    if numbers_on {
        for number in numbers(baseline) {
            push(
                &mut out,
                Anchor {
                    label: baseline.text[number.span.clone()].to_string(),
                    keys: vec![number.form],
                    alternatives: Vec::new(),
                    origin: Origin::Number,
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `name_words` as it was before its single pass.
    fn name_words_reference(doc: &Doc, allow_all_caps: bool) -> Vec<usize> {
        // Proven equal to its own old form by the tests in text.rs.
        let is_mid = |index: usize| doc.is_mid_sentence_capitalized(index);
        let is_candidate = |i: usize| {
            let w = &doc.words[i];
            let text = &doc.text[w.span()];
            if NOT_NAMES.contains(&w.lower(doc)) || text.chars().all(|c| !c.is_alphabetic()) {
                return false;
            }
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
            allow_all_caps || !all_caps
        };
        let mid: Vec<usize> = (0..doc.words.len())
            .filter(|&i| is_mid(i) && is_candidate(i))
            .collect();
        let known: BTreeSet<&str> = mid.iter().map(|&i| doc.words[i].lower(doc)).collect();
        if known.is_empty() {
            return mid;
        }
        (0..doc.words.len())
            .filter(|&i| {
                mid.binary_search(&i).is_ok()
                    || (doc.text[doc.words[i].start..].starts_with(|c: char| c.is_uppercase())
                        && known.contains(doc.words[i].lower(doc)))
            })
            .collect()
    }

    /// `Anchor::find` without the first-byte shortcut (a word run together with the next
    /// sentence, `Parker.They`, matches by its parts).
    fn find_reference(anchor: &Anchor, doc: &Doc) -> Option<Range<usize>> {
        if anchor.keys.is_empty() || doc.words.len() < anchor.keys.len() {
            return None;
        }
        (0..=doc.words.len() - anchor.keys.len()).find_map(|i| {
            let hit = anchor.keys.iter().enumerate().all(|(j, k)| {
                let w = doc.words[i + j].lower(doc);
                entity_key(w) == k || (w.contains('.') && w.split('.').any(|p| entity_key(p) == k))
            });
            hit.then(|| doc.words[i].start..doc.words[i + anchor.keys.len() - 1].end)
        })
    }

    proptest! {
        #[test]
        fn name_words_and_mentions_match_the_reference(
            text in crate::text::testing::narrative_text(),
            other in crate::text::testing::narrative_text(),
        ) {
            let doc = Doc::new(text.as_str());
            for allow_all_caps in [false, true] {
                prop_assert_eq!(
                    name_words(&doc, allow_all_caps),
                    name_words_reference(&doc, allow_all_caps),
                    "{:?}", text
                );
            }
            // Anchors from another text and declared ones, looked for in this one.
            let other_doc = Doc::new(other.as_str());
            let evidence = CaseEvidence::new([&other_doc]);
            let mut anchors: Vec<Anchor> = inferred(&other_doc, &evidence, true, true)
                .into_iter()
                .filter(|a| a.origin == Origin::Name)
                .map(|a| Anchor { alternatives: Vec::new(), ..a })
                .collect();
            for declared in ["the letter", "Marta", "88", "9:40", "Garnet Road", "o", "'s", ""] {
                anchors.push(Anchor::declared(declared));
            }
            for anchor in &anchors {
                prop_assert_eq!(anchor.find(&doc), find_reference(anchor, &doc), "{:?} in {:?}", anchor.keys, text);
            }
        }

        /// Whatever the text, every anchor inferred from it is found in it again: no "missing
        /// from its own baseline".
        #[test]
        fn every_inferred_anchor_is_found_in_its_own_baseline(
            text in prop_oneof![
                crate::text::testing::narrative_text(),
                crate::text::sentences::tests::tricky_text(),
                "[0-9a-zA-Z :/.,'’\\-]{0,40}",
            ]
        ) {
            let doc = Doc::new(text.as_str());
            let evidence = CaseEvidence::new([&doc]);
            for anchor in inferred(&doc, &evidence, true, true) {
                prop_assert!(anchor.find(&doc).is_some(), "{:?} in {:?}", anchor, text);
            }
        }
    }

    fn labels(anchors: &[Anchor]) -> Vec<&str> {
        anchors.iter().map(|a| a.label.as_str()).collect()
    }

    #[test]
    fn infers_names_and_numbers_from_a_baseline() {
        let doc = Doc::new(
            "Owen opened the review at 9:40. The comment from Marta was on line 88. \
             Marta asked for a rewrite. It said “Please split this.” The CI build was green. I read it.",
        );
        let anchors = inferred(&doc, &CaseEvidence::new([&doc]), true, true);
        assert_eq!(labels(&anchors), ["Owen", "Marta", "CI", "9:40", "88"]);
        assert_eq!(anchors[3].keys, ["9:40"]);
    }

    /// The names `names` finds in `text`, judged with the evidence of `text` and `others`.
    fn found(text: &str, others: &[&str]) -> Vec<String> {
        let doc = Doc::new(text);
        let others: Vec<Doc> = others.iter().map(|t| Doc::new(*t)).collect();
        let evidence = CaseEvidence::new(std::iter::once(&doc).chain(&others));
        names(&doc, &evidence)
            .iter()
            .map(|n| doc.text[n.span(&doc)].to_string())
            .collect()
    }

    #[test]
    fn shouting_and_emphasis_are_not_names() {
        for text in [
            "EVERYONE should see it. It was GREAT and never BAD, I WOULDN'T lie. NEVER again, TWICE.",
            "The plot is Excellent and the pace is Too slow. Fast Forward through it. Awesome.",
            "It was, in a word, Horrific. Wow. An hour later I left.\nAnother hour passed.",
            "GREAT ACTING, GREAT STORY, SEE IT NOW!",
            "Great Acting, Great Story.",
            "I gave it a B and the sequel a D. Yet it sold.",
            "Im sure Dont miss it.",
            "Whatever its intent. No, No, No. The answer was No, No, No again.",
        ] {
            assert_eq!(found(text, &[]), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn names_are_found_by_what_they_are() {
        // Not a dictionary word: a name mid-sentence.
        assert_eq!(found("I watched it with Marta.", &[]), ["Marta"]);
        // A mistyped-looking surname after a first name is still a name.
        assert_eq!(
            found("Tom Hilarius arrived late. I saw Tom Hilarius leave.", &[]),
            ["Tom Hilarius", "Tom Hilarius"]
        );
        // Known only as a name: a name at a sentence start too.
        assert_eq!(
            found("Saturday came. Gibson left.", &[]),
            ["Saturday", "Gibson"]
        );
        // An acronym is a name; shouting is not.
        assert_eq!(found("HBO aired it LATE.", &[]), ["HBO"]);
        // Several capitalised words are one name.
        assert_eq!(
            found(
                "Last week I saw Harvey Keitel in Pulp Fiction at the old cinema. \
                 He was on Friday Night Lights too.",
                &["Last week I saw Harvey Keitel in Pulp Fiction."]
            ),
            ["Harvey Keitel", "Pulp Fiction", "Friday Night Lights"]
        );
        assert_eq!(
            found("I loved The Green Mile.", &["I loved The Green Mile."]),
            ["Green Mile"]
        );
        // Written once, a capitalised phrase of ordinary words is emphasis.
        assert_eq!(
            found("It is his Magnum Opus, a Campy Thriller.", &[]),
            Vec::<String>::new()
        );
        // A common word that is also a name: capitalised mid-sentence, twice, never in lower
        // case. Once is not enough evidence (`a trip to Heaven`, `the 10 Best`).
        assert_eq!(
            found("The humour is a Ford trademark, as Ford knew.", &[]),
            ["Ford", "Ford"]
        );
        assert_eq!(
            found("The humour is a Ford trademark.", &[]),
            Vec::<String>::new()
        );
        assert_eq!(
            found(
                "The humour is a Ford trademark, as Ford knew.",
                &["He drove a ford."]
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn character_references_decode() {
        assert_eq!(
            decode_char_references("Alt&#305;oklar &#x41;&#66; &#; &#12 &amp;").as_deref(),
            Some("Altıoklar AB &#; &#12 &amp;")
        );
        assert_eq!(decode_char_references("no references & here"), None);
        assert_eq!(
            decode_char_references("&#1114112;").as_deref(),
            Some("&#1114112;")
        );
    }

    #[test]
    fn typos_ordinary_acronyms_and_run_together_words_are_no_names() {
        for text in [
            "It falls under the waste of life (WOL) category.",
            "Watch it on a Saturday night, or every June.",
            "We drank a Cabarnet from the shop.",
            "I only wish Imy friends could talk like that.",
            "I bought the DVD and watched it on TV.",
            "The twins ate where Hilarius. Whats Hilarius that they eat there?",
        ] {
            assert_eq!(found(text, &[]), Vec::<String>::new(), "{text}");
        }
        // A name in a word run together with the next sentence is still found there.
        let base = Doc::new("It was made by Trey Parker.They did well.");
        let trey = Anchor {
            label: "Trey Parker".into(),
            keys: vec!["trey".into(), "parker".into()],
            alternatives: vec!["parker".into()],
            origin: Origin::Name,
        };
        assert!(trey.find(&base).is_some());
        // A respelling found in a text, and whether it is ordinary words (a typo corrected).
        let awards = Doc::new("It won Best Cinematography and Nepolean Dynamite won nothing.");
        let at = respelling_in(&awards, "Best Cinematopghaphy", 2).unwrap();
        assert!(are_ordinary_words(&awards, at));
        let at = respelling_in(&awards, "Napolean Dynamite", 2).unwrap();
        assert!(!are_ordinary_words(&awards, at));
        // Respellings: one edit, or two from eight letters.
        assert!(is_respelling("Danniele", "Danielle"));
        assert!(is_respelling("Ghandi", "Gandhi"));
        assert!(is_respelling("Sanfrancisco", "San Francisco"));
        let city = Doc::new("We flew to San Francisco in May.");
        assert_eq!(respelling_in(&city, "Sanfrancisco", 1), Some(3..5));
        assert!(is_respelling("Appelonia", "Appolonia"));
        assert!(!is_respelling("Owen", "Oren"));
        assert!(!is_respelling("Marcus", "Martin"));
    }

    #[test]
    fn emoticons_are_no_numbers_and_units_do_not_change_a_number() {
        assert_eq!(
            forms("Cute :3 and ;0 but Rating:8 at 9:40 by Alt&#305;oklar"),
            ["8", "9:40"]
        );
        let price = Anchor {
            label: "5.50usd".into(),
            keys: vec!["5.50usd".into()],
            alternatives: Vec::new(),
            origin: Origin::Number,
        };
        assert!(price.find(&Doc::new("It cost $5.50 USD.")).is_some());
        assert!(price.find(&Doc::new("It cost $6.50 USD.")).is_none());
    }

    #[test]
    fn sentence_initial_names_need_evidence() {
        // A protagonist named only at sentence starts: twice, never in lower case.
        assert_eq!(
            found("Zorvath unfolded the letter. Zorvath read it twice.", &[]),
            ["Zorvath", "Zorvath"]
        );
        // Once, but capitalised mid-sentence in a sibling text.
        assert_eq!(
            found("Zorvath unfolded the letter.", &["Then Zorvath read it."]),
            ["Zorvath"]
        );
        // A misspelt word opening one sentence is no name.
        assert_eq!(
            found("Cinematopghaphy was fine.", &[]),
            Vec::<String>::new()
        );
        // A common word that is a name only by other evidence.
        assert_eq!(
            found("Grace left early.", &["Later Grace rang."]),
            ["Grace"]
        );
        assert_eq!(found("Grace left early.", &[]), Vec::<String>::new());
    }

    fn forms(text: &str) -> Vec<String> {
        numbers(&Doc::new(text))
            .into_iter()
            .map(|n| n.form)
            .collect()
    }

    #[test]
    fn numbers_keep_the_form_they_were_written_in() {
        assert_eq!(
            forms(
                "At 9:40 on line 88 I gave it 8/10, then 9.0 of 10. The 1930’s and 80s-touch, \
                 channel4, 7,000 and 3 . 4, 2am, 1st, cr5eate 4EVA 3D"
            ),
            [
                "9:40", "88", "8/10", "9.0", "10", "1930s", "80s", "7,000", "3", "4", "2am", "1st"
            ]
        );
        let rating = Anchor {
            label: "8/10".into(),
            keys: vec!["8/10".into()],
            alternatives: Vec::new(),
            origin: Origin::Number,
        };
        assert!(rating.find(&Doc::new("I gave it 8/10.")).is_some());
        // A changed rating is a real change; so is a bare part of the number.
        for changed in ["I gave it 2/10.", "I gave it 8 of 10.", "Rated 18/10."] {
            assert!(rating.find(&Doc::new(changed)).is_none(), "{changed}");
        }
        let decade = Doc::new("a 1930's feel");
        let anchors = inferred(&decade, &CaseEvidence::new([&decade]), false, true);
        assert_eq!(anchors[0].label, "1930's");
        assert!(anchors[0].find(&Doc::new("a 1930s feel")).is_some());
    }

    #[test]
    fn declared_anchors_match_case_plural_possessive_and_other_determiners() {
        let letter = Anchor::declared("the letter");
        assert_eq!(letter.keys, ["letter"]);
        let doc = Doc::new("She held his Letters up. Mara’s desk was bare.");
        assert_eq!(&doc.text[letter.find(&doc).unwrap()], "Letters");
        let mara = Anchor::declared("Mara");
        assert_eq!(&doc.text[mara.find(&doc).unwrap()], "Mara’s");
        let line = Anchor::declared("line 88");
        assert!(line.find(&Doc::new("on line 89")).is_none());
        assert!(line.find(&Doc::new("on Line 88.")).is_some());
        assert!(
            Anchor::declared("the letter")
                .find(&Doc::new("a lettering"))
                .is_none()
        );
    }

    #[test]
    fn sentence_initial_words_need_a_mid_sentence_capital_elsewhere() {
        let doc = Doc::new("Rain fell. Dana waited. Then Dana left.");
        let names: Vec<&str> = name_words(&doc, false)
            .into_iter()
            .map(|i| &doc.text[doc.words[i].span()])
            .collect();
        assert_eq!(names, ["Dana", "Dana"]);
        let shouting = Doc::new("He typed NO and left.");
        assert!(name_words(&shouting, false).is_empty());
    }
}
