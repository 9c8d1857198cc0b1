//! Explicit-label constructions (`rules/labels.toml`) and the token-pattern matcher that runs
//! them. Patterns are sequences over the words of one sentence, so "felt furious" matches
//! whatever the spacing, and punctuation is only crossed where a pattern says so.
//!
//! Pattern syntax (one element per space-separated item):
//! - `felt|feel`   one of these words (lowercase; apostrophes as `'`)
//! - `FEEL`        a word of the set FEEL (`[sets]` in labels.toml, or a lexicon class:
//!   ADJ, NOUN, ADV are unambiguous emotion words; ADJ_ANY, NOUN_ANY, ADV_ANY include words
//!   with other senses; ADJ_FEEL is ADJ_ANY without the `feel_exclude` words; bodily states
//!   listed as `physical` are in none of them)
//! - `_`           any word
//! - `SUBJ`, `OBJ` a person: pronoun, a capitalised name, a person noun, or a determiner and a
//!   person noun
//! - `GEN`         a person's genitive: `Maya's`, `the team's` (the word with `'s`)
//! - `^`, `$`      start and end of the sentence
//! - `,`           the next word follows a comma
//! - `@person`     (zero-width) a person was mentioned earlier in the sentence
//! - `~X`          X is joined to the previous word by a hyphen (`grief-stricken`). A word of
//!   an emotion set that is joined to a neighbour by a hyphen matches only where the pattern
//!   spells the compound (`NOUN_ANY ~COMPOUND`): `cross-checking` is not `cross`
//! - `X?`, `X{m,n}` optional and repeated elements
//!
//! build/ parses and checks the patterns (`schema::parse_pattern`) and compiles them, with the
//! word sets, into static tables; this module holds that compiled form and the matcher.

use crate::diagnostic::Severity;
use crate::language::entities::name_words;
use crate::text::Doc;
use crate::text::tables::{StaticMap, StaticSet, WordTable};

// The tables build/ compiles from rules/labels.toml and the lexicon's word classes:
// CONSTRUCTIONS (patterns already parsed, set names turned into mask bits), FILTERS, WORD_MASKS,
// PERSON_BITS, SUBJECT_STOP and NEXT_WORD.
include!(concat!(env!("OUT_DIR"), "/labels.rs"));

#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Words(&'static [&'static str]),
    /// A word set, as its bit in the per-word membership mask; `true` for emotion-word sets.
    Set(u128, bool),
    Any,
    Subject,
    Object,
    Genitive,
    Start,
    End,
    Comma,
    /// Zero-width: a person has been mentioned earlier in the sentence.
    PersonBefore,
}

#[derive(Debug, Clone)]
struct Element {
    atom: Atom,
    min: usize,
    max: usize,
    hyphen: bool,
    /// For a word list, the OR of its words' signature bits (a word whose bit is not among
    /// them is not in the list, without comparing strings); 0 otherwise.
    signature: u128,
}

/// A pattern: its elements.
#[derive(Debug)]
struct Pattern {
    elements: &'static [Element],
}

/// A pattern's cheap per-sentence filters: the set bits it cannot match without, and the
/// signatures of the literal word lists it cannot match without. build/ lays them out flat,
/// in declaration order, so a sentence scans one small array.
#[derive(Debug)]
struct Filter {
    required: u128,
    /// For each mandatory word list (`let`, `moved|touched`), the OR of its words' signature
    /// bits: a sentence whose signature shares no bit with one of them cannot match.
    literals: &'static [u128],
    /// The word a match starts at must share a bit with `start_mask` (its sets) or
    /// `start_signature` (its signature), or a flag with `start_flags` (1 anything, 2 a person,
    /// 4 a genitive); otherwise `first_word_can_match` would say no.
    start_mask: u128,
    start_signature: u128,
    start_flags: u8,
    construction: usize,
    pattern: usize,
}

impl Filter {
    /// A filter no word may start at: the identity for OR-ing start conditions together.
    const NEVER: Filter = Filter {
        required: 0,
        literals: &[],
        start_mask: 0,
        start_signature: 0,
        start_flags: 0,
        construction: 0,
        pattern: 0,
    };

    /// A quick, branch-free necessary condition for `first_word_can_match`.
    #[inline]
    fn may_start(&self, first: &FirstWord) -> bool {
        ((self.start_mask & first.mask) | (self.start_signature & first.signature) != 0)
            | (self.start_flags & first.flags != 0)
    }
}

/// A word's signature bit (build/ computes the patterns' with the same function).
fn signature(word: &str) -> u128 {
    1u128 << crate::text::tables::signature_bit(word)
}

#[derive(Debug)]
pub struct Construction {
    pub id: &'static str,
    pub summary: &'static str,
    /// A formula or evaluative idiom ("it's a shame", "a misery to sit through"): its matches
    /// are info, and so are the labels they overlap.
    pub info: bool,
    patterns: &'static [Pattern],
    pub fires: &'static [&'static str],
    pub passes: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextAction {
    Skip,
    Info,
}

/// What a word after a label word does: the words that trigger it (`$`: nothing follows in the
/// sentence; `,`: a comma follows; `*`: whatever follows), the action, the constructions exempt
/// from it, and the words one of which must stand before the label word (none: always; `,`: a
/// comma right before it).
type NextWord = (StaticSet, NextAction, StaticSet, StaticSet);

/// 64-bit words in a bitset over `FILTERS`.
const FILTER_WORDS: usize = FILTERS.len().div_ceil(64);
type FilterBits = [u64; FILTER_WORDS];

/// Which filters a sentence can make viable, keyed by one of each filter's necessary
/// conditions: a set bit it requires, or the signature bits of one word list it requires.
/// A sentence ORs the bitsets of the set bits and signature bits it has, so of the ~340
/// filters it checks only those whose key it holds (a few dozen), still in declaration order.
struct FilterIndex {
    by_set: [FilterBits; 128],
    by_signature: [FilterBits; 128],
    /// Filters with no key (no required set and no required word list): always checked.
    always: FilterBits,
}

impl FilterIndex {
    /// Keys each filter by the condition least likely to hold in a sentence: a required set
    /// other than the person sets (which most sentences have), else the required word list
    /// with the fewest signature bits, else a person set.
    const fn build(filters: &[Filter], person: u128) -> FilterIndex {
        let mut index = FilterIndex {
            by_set: [[0; FILTER_WORDS]; 128],
            by_signature: [[0; FILTER_WORDS]; 128],
            always: [0; FILTER_WORDS],
        };
        let mut i = 0;
        while i < filters.len() {
            let f = &filters[i];
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            let mut fewest: u128 = 0;
            let mut l = 0;
            while l < f.literals.len() {
                let bits = f.literals[l];
                if fewest == 0 || bits.count_ones() < fewest.count_ones() {
                    fewest = bits;
                }
                l += 1;
            }
            let rare_sets = f.required & !person;
            if rare_sets != 0 {
                index.by_set[rare_sets.trailing_zeros() as usize][word] |= bit;
            } else if fewest != 0 {
                let mut bits = fewest;
                while bits != 0 {
                    index.by_signature[bits.trailing_zeros() as usize][word] |= bit;
                    bits &= bits - 1;
                }
            } else if f.required != 0 {
                index.by_set[f.required.trailing_zeros() as usize][word] |= bit;
            } else {
                index.always[word] |= bit;
            }
            i += 1;
        }
        index
    }

    /// The filters whose key a sentence with these set bits and signature bits holds.
    fn candidates(&self, present: u128, signatures: u128) -> FilterBits {
        let mut out = self.always;
        for (keys, mut bits) in [(&self.by_set, present), (&self.by_signature, signatures)] {
            while bits != 0 {
                let key = &keys[bits.trailing_zeros() as usize];
                for (o, k) in out.iter_mut().zip(key) {
                    *o |= k;
                }
                bits &= bits - 1;
            }
        }
        out
    }
}

static FILTER_INDEX: FilterIndex = FilterIndex::build(
    FILTERS,
    PERSON_BITS.pronoun
        | PERSON_BITS.object_pronoun
        | PERSON_BITS.determiner
        | PERSON_BITS.person_noun,
);

/// The bundled label constructions: static tables compiled in by build/.
pub struct Labels {
    pub constructions: &'static [Construction],
    /// Every pattern's per-sentence filter, indexing into `constructions`.
    filters: &'static [Filter],
    /// For every word in any set, the bits of the sets that hold it: matching a set element
    /// is one bit test on a mask computed once per word of the text.
    word_masks: WordTable<u128>,
    bits: PersonBits,
    subject_stop: StaticSet,
    /// A label word, the next words that make it no label (or a formula), and the
    /// constructions that rule does not apply to.
    next_word: StaticMap<&'static [NextWord]>,
}

/// One label found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelMatch {
    pub construction: String,
    pub start: usize,
    pub end: usize,
    /// The emotion word of the construction, lowercase.
    pub word: String,
    pub severity: Severity,
}

static BUNDLED_LABELS: Labels = Labels {
    constructions: CONSTRUCTIONS,
    filters: FILTERS,
    word_masks: WORD_MASKS,
    bits: PERSON_BITS,
    subject_stop: StaticSet::new(SUBJECT_STOP),
    next_word: StaticMap::new(NEXT_WORD),
};

impl Labels {
    pub fn bundled() -> &'static Labels {
        &BUNDLED_LABELS
    }

    /// Every label in `doc`, one per overlapping group (the most severe, then the first, then
    /// the longest), in text order.
    pub fn find(&self, doc: &Doc) -> Vec<LabelMatch> {
        let mut found = self.find_all(doc);
        // Keep one match per overlapping group: the most severe, then the longest.
        found.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.severity.cmp(&a.severity))
                .then(b.end.cmp(&a.end))
        });
        let mut kept: Vec<LabelMatch> = Vec::new();
        for m in found {
            match kept.last_mut() {
                Some(last) if m.start < last.end => {
                    // Of two labels as severe, the one that starts first names the state
                    // (`felt furious` over `furious about`); from one start, the longer.
                    if m.severity > last.severity
                        || (m.severity == last.severity
                            && m.start == last.start
                            && m.end > last.end)
                    {
                        *last = m;
                    }
                }
                _ => kept.push(m),
            }
        }
        kept
    }

    /// Every match of every construction, overlaps included.
    pub fn find_all(&self, doc: &Doc) -> Vec<LabelMatch> {
        let masks: Vec<u128> = doc.words.iter().map(|w| self.mask(w.lower(doc))).collect();
        // Per sentence: the sets its words belong to, and its words' signature bits.
        let mut sentence_masks = vec![(0u128, 0u128); doc.sentences.len()];
        for (w, mask) in masks.iter().enumerate() {
            let s = &mut sentence_masks[doc.word_sentence[w]];
            s.0 |= mask;
            s.1 |= signature(doc.words[w].lower(doc));
        }
        let b = &self.bits;
        let person_bits = b.pronoun | b.object_pronoun | b.determiner | b.person_noun;
        // The text's names, found only once a capitalised label word needs them.
        let mut names: Option<Vec<usize>> = None;
        let mut found: Vec<LabelMatch> = Vec::new();
        let mut formulas: Vec<usize> = Vec::new();
        // Patterns whose required sets all occur in the current sentence, in declaration
        // order; rebuilt when the sentence changes, so most words try no pattern at all.
        let mut viable: Vec<(&Construction, &'static [Element], &Filter)> = Vec::new();
        let mut viable_for = usize::MAX;
        // The union of the viable filters' start conditions: a word none of them may start
        // at (most words) skips the per-pattern loop.
        let mut any_start = Filter::NEVER;
        for start in 0..doc.words.len() {
            let sentence = doc.word_sentence[start];
            if sentence != viable_for {
                viable_for = sentence;
                let (present, signatures) = sentence_masks[sentence];
                viable.clear();
                any_start = Filter::NEVER;
                let candidates = FILTER_INDEX.candidates(present, signatures);
                let indices = candidates.iter().enumerate().flat_map(|(w, &bits)| {
                    std::iter::successors((bits != 0).then_some(bits), |b| {
                        Some(b & (b - 1)).filter(|&b| b != 0)
                    })
                    .map(move |b| w * 64 + b.trailing_zeros() as usize)
                });
                for f in indices.map(|i| &self.filters[i]) {
                    if present & f.required == f.required
                        && f.literals.iter().all(|&bits| signatures & bits != 0)
                    {
                        let c = &self.constructions[f.construction];
                        viable.push((c, c.patterns[f.pattern].elements, f));
                        any_start.start_mask |= f.start_mask;
                        any_start.start_signature |= f.start_signature;
                        any_start.start_flags |= f.start_flags;
                    }
                }
            }
            if viable.is_empty() {
                continue;
            }
            let word = &doc.words[start];
            let lower = word.lower(doc);
            // Only a pronoun, determiner, person noun or capitalised word starts a person.
            let person = masks[start] & person_bits != 0
                || doc.text[word.start..].starts_with(char::is_uppercase);
            let first = FirstWord {
                mask: masks[start],
                lower,
                signature: signature(lower),
                person,
                flags: 1 | (u8::from(person) << 1) | (u8::from(lower.ends_with("'s")) << 2),
            };
            if !any_start.may_start(&first) {
                continue;
            }
            'matches: for &(c, pattern, filter) in &viable {
                if !filter.may_start(&first) || !first_word_can_match(pattern, &first) {
                    continue;
                }
                let mut cx = MatchCx {
                    labels: self,
                    doc,
                    masks: &masks,
                    label_word: None,
                    start,
                };
                let Some(end) = cx.match_from(pattern, 0, start, false) else {
                    continue;
                };
                if end == start {
                    continue;
                }
                // A pattern of literal words (`in love`) is labelled by its last word, unless
                // that is the person it is about (`feel for Mara`): then by its first.
                let ends_on_person = matches!(
                    pattern.last().map(|e| &e.atom),
                    Some(Atom::Object | Atom::Subject)
                );
                let label = cx
                    .label_word
                    .unwrap_or(if ends_on_person { start } else { end - 1 });
                if self.is_name(doc, label, &mut names) {
                    continue;
                }
                let word = doc.words[label].lower(doc).to_string();
                let mut severity = if c.info {
                    Severity::Info
                } else {
                    Severity::Error
                };
                let entries = self.next_word.get(&word).copied().unwrap_or_default();
                // What stands around the label word, read once for all its entries.
                let in_sentence =
                    |i: usize| doc.word_sentence.get(i) == Some(&doc.word_sentence[label]);
                let comma_before =
                    label > 0 && in_sentence(label - 1) && comma_after(doc, label - 1);
                let ends_sentence = !in_sentence(label + 1);
                let comma_next = comma_after(doc, label);
                for (next, action, except, only_after) in entries {
                    let preceded = only_after.is_empty()
                        || (only_after.contains(",") && comma_before)
                        || (label.saturating_sub(3)..label).any(|i| {
                            in_sentence(i) && only_after.contains(doc.words[i].lower(doc))
                        });
                    if except.contains(c.id) || !preceded {
                        continue;
                    }
                    // The word after the label word, or after the whole match: "surprises for
                    // the audience" ends past the word that decides the sense.
                    let followed_by = |i: usize| {
                        doc.words.get(i).is_some_and(|w| {
                            doc.word_sentence.get(i) == doc.word_sentence.get(i - 1)
                                && next.contains(w.lower(doc))
                        })
                    };
                    if next.contains("*")
                        || (next.contains("$") && ends_sentence)
                        || (next.contains(",") && comma_next)
                        || followed_by(label + 1)
                        || followed_by(end)
                    {
                        match action {
                            NextAction::Skip => continue 'matches,
                            NextAction::Info => severity = Severity::Info,
                        }
                    }
                }
                found.push(LabelMatch {
                    construction: c.id.to_string(),
                    start: doc.words[start].start,
                    end: doc.words[end - 1].end,
                    word,
                    severity,
                });
                if c.info {
                    formulas.push(found.len() - 1);
                }
            }
        }
        // A formula or evaluative idiom ("it's a shame", "pleased to announce", "a misery to
        // sit through") makes what it overlaps info.
        for &f in &formulas {
            let (start, end) = (found[f].start, found[f].end);
            for m in found.iter_mut() {
                if m.start < end && start < m.end {
                    m.severity = Severity::Info;
                }
            }
        }
        found
    }

    /// A capitalised label word in mid-sentence ("Happy Valley", "asked Joy") or one the text
    /// uses as a name elsewhere is a name, not a label. `names` (the text's name words, all
    /// capitalised) is found only when a capitalised label word needs it: most never do.
    fn is_name(&self, doc: &Doc, index: usize, names: &mut Option<Vec<usize>>) -> bool {
        let w = &doc.words[index];
        if !doc.text[w.start..].starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        if is_shouted(doc, index) {
            return false;
        }
        if is_quoted_title(doc, index) {
            return true;
        }
        let names = names.get_or_insert_with(|| name_words(doc, false));
        names.binary_search(&index).is_ok() || doc.is_mid_sentence_capitalized(index)
    }
}

/// A comma stands in the gap after word `w` (before the next word, or the end of the text).
fn comma_after(doc: &Doc, w: usize) -> bool {
    let gap_end = doc
        .words
        .get(w + 1)
        .map_or(doc.text.len(), |next| next.start);
    doc.text[doc.words[w].end..gap_end].contains(',')
}

/// A capitalised word just after an opening quote and before another capitalised word opens a
/// quoted title (`"Horror Rises from the Tomb"`), wherever the sentence starts.
fn is_quoted_title(doc: &Doc, index: usize) -> bool {
    let sentence = doc.word_sentence[index];
    let gap_start = index.checked_sub(1).map_or(0, |i| doc.words[i].end);
    let opens_quote = doc.text[gap_start..doc.words[index].start]
        .trim_end()
        .ends_with(['"', '\u{201c}', '\'', '\u{2018}']);
    let next_capitalised = doc.words.get(index + 1).is_some_and(|w| {
        doc.word_sentence[index + 1] == sentence
            && doc.text[w.start..].starts_with(char::is_uppercase)
    });
    opens_quote && next_capitalised
}

/// A word in capitals among words that are not ("I LOVED the music") is emphasis, not a name;
/// a run of capitalised words ("I LOVE LUCY is on") is a title and stays one.
fn is_shouted(doc: &Doc, index: usize) -> bool {
    let shouted = |i: usize| {
        let word = &doc.text[doc.words[i].start..doc.words[i].end];
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase)
    };
    if !shouted(index) {
        return false;
    }
    let sentence = doc.word_sentence[index];
    // A whole sentence in capitals ("I LOVED IT.") is shouted, not a title.
    let whole = &doc.text[doc.sentences[sentence].clone()];
    if !whole.chars().any(char::is_lowercase) && whole.split_whitespace().count() >= 3 {
        return true;
    }
    let neighbour_shouted = |i: usize| doc.word_sentence[i] == sentence && shouted(i);
    let before = index > 0 && neighbour_shouted(index - 1);
    let after = index + 1 < doc.words.len() && neighbour_shouted(index + 1);
    !before && !after
}

/// Can the word at a match's start (its set mask and lowercase form) be consumed by the
/// pattern? Zero-width elements (`^`, `$`, `,`, `@person`) never move the start, so the word
/// must be taken by one of the consuming elements up to and including the first mandatory
/// one (`VADV{0,2} EXP_VERB`: an adverb or the verb). A word none of them can take rules the
/// start out, exactly as matching would, without the matcher's work.
fn first_word_can_match(pattern: &[Element], first_word: &FirstWord) -> bool {
    for el in pattern {
        let can = match &el.atom {
            Atom::Start | Atom::End | Atom::Comma | Atom::PersonBefore => continue,
            Atom::Set(bit, _) => first_word.mask & bit != 0,
            Atom::Words(words) => {
                el.signature & first_word.signature != 0 && words.contains(&first_word.lower)
            }
            Atom::Subject | Atom::Object => first_word.person,
            Atom::Genitive => first_word.lower.ends_with("'s"),
            Atom::Any => true,
        };
        if can {
            return true;
        }
        if el.min > 0 {
            return false;
        }
    }
    true
}

/// What `first_word_can_match` reads of a word: its set mask, lowercase form, and whether a
/// person (`SUBJ`, `OBJ`) could start at it.
struct FirstWord<'a> {
    mask: u128,
    lower: &'a str,
    signature: u128,
    person: bool,
    /// 1 always, 2 when `person`, 4 for a genitive (`Filter::start_flags`).
    flags: u8,
}

/// The mask bits SUBJ and OBJ read.
struct PersonBits {
    pronoun: u128,
    object_pronoun: u128,
    determiner: u128,
    person_noun: u128,
}

impl Labels {
    fn mask(&self, word: &str) -> u128 {
        self.word_masks.get(word).copied().unwrap_or(0)
    }
}

struct MatchCx<'a> {
    labels: &'a Labels,
    doc: &'a Doc,
    /// Set membership of each word of `doc`.
    masks: &'a [u128],
    label_word: Option<usize>,
    /// The word the match starts at: no gap before it is checked, even after a zero-width
    /// element (`^`, `@person`) that leaves the first word to the element after it.
    start: usize,
}

impl MatchCx<'_> {
    /// Match `pattern[e..]` with the next word at index `w`; returns the index after the last
    /// matched word. `comma` says the next word must follow a comma.
    fn match_from(
        &mut self,
        pattern: &[Element],
        e: usize,
        w: usize,
        comma: bool,
    ) -> Option<usize> {
        let Some(el) = pattern.get(e) else {
            // A pattern ending on `,`: a comma follows its last word.
            return (!comma || (w > 0 && comma_after(self.doc, w - 1))).then_some(w);
        };
        match el.atom {
            Atom::Start => {
                let first =
                    w == 0 || self.doc.word_sentence.get(w) != self.doc.word_sentence.get(w - 1);
                return if first && w < self.doc.words.len() {
                    self.match_from(pattern, e + 1, w, comma)
                } else {
                    None
                };
            }
            Atom::End => {
                let last = w == self.doc.words.len()
                    || (w > 0 && self.doc.word_sentence[w] != self.doc.word_sentence[w - 1]);
                return if last {
                    self.match_from(pattern, e + 1, w, comma)
                } else {
                    None
                };
            }
            Atom::Comma => return self.match_from(pattern, e + 1, w, true),
            Atom::PersonBefore => {
                return if self.person_before(w) {
                    self.match_from(pattern, e + 1, w, comma)
                } else {
                    None
                };
            }
            _ => {}
        }
        self.match_repeat(pattern, e, w, 0, comma)
    }

    fn match_repeat(
        &mut self,
        pattern: &[Element],
        e: usize,
        w: usize,
        count: usize,
        comma: bool,
    ) -> Option<usize> {
        let el = &pattern[e];
        // Greedy: try one more repetition first, then move on.
        // An emotion word inside a hyphenated compound (`cross-checking`) is no label unless
        // the pattern itself spells the compound (`NOUN_ANY ~COMPOUND`: `grief-stricken`).
        let compound_ok = el.hyphen || pattern.get(e + 1).is_some_and(|next| next.hyphen);
        if count < el.max
            && let Some(next) = self.step(el, w, comma, w == self.start, compound_ok)
        {
            let saved = self.label_word;
            if self.is_label_atom(&el.atom) {
                self.label_word = Some(w);
            }
            if let Some(end) = self.match_repeat(pattern, e, next, count + 1, false) {
                return Some(end);
            }
            self.label_word = saved;
        }
        if count >= el.min {
            return self.match_from(pattern, e + 1, w, comma && count == 0);
        }
        None
    }

    fn is_label_atom(&self, atom: &Atom) -> bool {
        matches!(atom, Atom::Set(_, true))
    }

    /// Can element `el` consume the word(s) at `w`? Returns the index after them.
    fn step(
        &self,
        el: &Element,
        w: usize,
        comma: bool,
        first: bool,
        compound_ok: bool,
    ) -> Option<usize> {
        let doc = self.doc;
        let word = doc.words.get(w)?;
        if (!first || comma) && w > 0 {
            // Stay in one sentence, and cross only the gap the pattern allows.
            if doc.word_sentence[w] != doc.word_sentence[w - 1] {
                return None;
            }
            let gap = &doc.text[doc.words[w - 1].end..word.start];
            let ok = if el.hyphen {
                crate::text::is_hyphen_gap(gap.as_bytes())
            } else if comma {
                gap.trim() == "," || gap.trim() == "\u{2014}"
            } else {
                gap.chars().all(char::is_whitespace) && !gap.is_empty()
            };
            if !ok {
                return None;
            }
        }
        let lower = word.lower(doc);
        match &el.atom {
            Atom::Words(words) => words.contains(&lower).then_some(w + 1),
            Atom::Set(bit, label) => (self.masks[w] & bit != 0
                && (!label || compound_ok || !self.doc.in_hyphen_compound(w)))
            .then_some(w + 1),
            Atom::Any => Some(w + 1),
            Atom::Subject | Atom::Object => self.person(w, matches!(el.atom, Atom::Object)),
            Atom::Genitive => self.genitive(w).then_some(w + 1),
            Atom::Start | Atom::End | Atom::Comma | Atom::PersonBefore => None,
        }
    }

    /// Is word `w`, lowercase `lower` with set mask `mask`, a capitalised name (not a
    /// sentence-initial common word, a determiner or a word of `subject_stop`)?
    fn capitalised_name(&self, w: usize, lower: &str, mask: u128) -> bool {
        let doc = self.doc;
        let b = &self.labels.bits;
        let text = &doc.text[doc.words[w].span()];
        // One capital letter is a list marker or an initial (`A) surprised B) sad`), not a
        // person on its own.
        if !text.starts_with(|c: char| c.is_uppercase())
            || text.chars().nth(1).is_none()
            || self.labels.subject_stop.contains(lower)
            || mask & b.determiner != 0
        {
            return false;
        }
        let sentence_start = w == 0 || doc.word_sentence[w] != doc.word_sentence[w - 1];
        // At a sentence start any word is capitalised: accept it as a person when it is a
        // known name, a kinship word (`Mum`), or no everyday word at all (`Priya`).
        !sentence_start
            || crate::text::dictionary::is_name(lower)
            || mask & b.person_noun != 0
            || !crate::text::dictionary::contains(lower)
    }

    /// A person's genitive at `w`: a person noun or a capitalised name with `'s` (`the
    /// team's`, `Maya's`), not a contraction (`it's`, `she's`, `there's`).
    fn genitive(&self, w: usize) -> bool {
        let lower = self.doc.words[w].lower(self.doc);
        let Some(stem) = lower.strip_suffix("'s").filter(|s| !s.is_empty()) else {
            return false;
        };
        let b = &self.labels.bits;
        let mask = self.labels.mask(stem);
        if mask & (b.pronoun | b.object_pronoun) != 0 {
            return false;
        }
        mask & b.person_noun != 0 || self.capitalised_name(w, stem, mask)
    }

    /// Does the sentence mention a person (pronoun or name) before word `w`?
    fn person_before(&self, w: usize) -> bool {
        let doc = self.doc;
        let Some(&sentence) = doc.word_sentence.get(w) else {
            return false;
        };
        let b = &self.labels.bits;
        let people = b.pronoun | b.object_pronoun | b.person_noun;
        (0..w)
            .rev()
            .take_while(|&i| doc.word_sentence[i] == sentence)
            .any(|i| {
                self.masks[i] & people != 0
                    || doc.is_mid_sentence_capitalized(i)
                    || self.person(i, false) == Some(i + 1)
            })
    }

    /// A person at `w`: a pronoun, a capitalised name (not a sentence-initial common word),
    /// a person noun (`fans`, `viewers`), or a determiner plus a person noun (`the crowd`,
    /// `my grandmother`, `the dog's owners`).
    fn person(&self, w: usize, object: bool) -> Option<usize> {
        let doc = self.doc;
        let b = &self.labels.bits;
        let lower = doc.words[w].lower(doc);
        let mask = self.masks[w];
        let pronoun = if object { b.object_pronoun } else { b.pronoun };
        if mask & (pronoun | b.person_noun) != 0 {
            // `her` is a pronoun and a determiner: `keep her husband happy` holds the husband.
            let determined = (mask & b.determiner != 0)
                .then(|| self.person_noun_after(w, 1))
                .flatten();
            return Some(determined.unwrap_or(w + 1));
        }
        if self.capitalised_name(w, lower, mask) {
            // A name of several words is one person (`make Jet Li ashamed`).
            let mut end = w + 1;
            while doc.words.get(end).is_some_and(|next| {
                doc.word_sentence[end] == doc.word_sentence[w]
                    && doc.text[doc.words[end - 1].end..next.start] == *" "
                    && self.capitalised_name(end, next.lower(doc), self.masks[end])
            }) {
                end += 1;
            }
            return Some(end);
        }
        if object {
            // A part of a group as a person: `those of us`, `many of them`, and `those` with
            // a relative clause (`it entertains those who ...`).
            let next = |k: usize| {
                doc.words
                    .get(w + k)
                    .filter(|_| doc.word_sentence.get(w + k) == Some(&doc.word_sentence[w]))
                    .map(|n| n.lower(doc))
            };
            if QUANTIFIERS.contains(&lower)
                && next(1) == Some("of")
                && next(2).is_some_and(|p| matches!(p, "us" | "you" | "them"))
            {
                return Some(w + 3);
            }
            if lower == "those" && next(1).is_some_and(|p| matches!(p, "who" | "that" | "whom")) {
                return Some(w + 1);
            }
        }
        if mask & b.determiner != 0 {
            // Up to three words to the person noun: `the dog's owners`, `my old friend`.
            return self.person_noun_after(w, 3);
        }
        None
    }

    /// The end of a person noun at most `within` words after determiner `w`, in its sentence.
    fn person_noun_after(&self, w: usize, within: usize) -> Option<usize> {
        let doc = self.doc;
        (w + 1..=w + within)
            .take_while(|&i| i < doc.words.len() && doc.word_sentence[i] == doc.word_sentence[w])
            .find(|&i| {
                let key = crate::language::lexicon::lookup_form(doc.words[i].lower(doc));
                (self.masks[i] | self.labels.mask(key)) & self.labels.bits.person_noun != 0
            })
            .map(|i| i + 1)
    }
}

/// Words that take `of us`, `of them` to name part of a group as a person.
const QUANTIFIERS: [&str; 10] = [
    "those", "many", "most", "some", "all", "few", "none", "each", "both", "several",
];

#[cfg(test)]
mod tests {

    #[test]
    fn every_filter_is_a_candidate_wherever_its_own_conditions_hold() {
        // The smallest sentence a filter passes on: its required sets, and one signature bit
        // of each required word list. The index must offer the filter there.
        for (i, f) in FILTERS.iter().enumerate() {
            for pick in [0u32, 127] {
                let signatures = f.literals.iter().fold(0u128, |acc, &bits| {
                    let bit = if pick == 0 {
                        bits.trailing_zeros()
                    } else {
                        127 - bits.leading_zeros()
                    };
                    acc | (1u128 << bit)
                });
                let candidates = FILTER_INDEX.candidates(f.required, signatures);
                assert!(
                    candidates[i / 64] & (1 << (i % 64)) != 0,
                    "filter {i}: {f:?}"
                );
            }
        }
    }

    use super::*;

    fn matches(text: &str) -> Vec<(String, String, Severity)> {
        let doc = Doc::new(text);
        Labels::bundled()
            .find_all(&doc)
            .into_iter()
            .map(|m| {
                (
                    m.construction,
                    doc.text[m.start..m.end].to_string(),
                    m.severity,
                )
            })
            .collect()
    }

    /// The data rules carry their own tests: every `fires` example must produce an
    /// error-level match of that construction, and no `passes` example an error-level match.
    /// An info construction's (a formula's) `fires` examples must produce an info match of it
    /// and no error, and its `passes` examples no match of it.
    #[test]
    fn every_construction_passes_its_own_examples() {
        let labels = Labels::bundled();
        let mut failures = Vec::new();
        for c in labels.constructions {
            assert!(!c.fires.is_empty(), "{} has no fires examples", c.id);
            assert!(!c.passes.is_empty(), "{} has no passes examples", c.id);
            if c.info {
                for s in c.fires {
                    let found = matches(s);
                    let mine = found.iter().any(|(id, _, _)| *id == c.id);
                    if !mine || found.iter().any(|(_, _, sev)| *sev == Severity::Error) {
                        failures.push(format!(
                            "{}: should be info in {s:?}, found {found:?}",
                            c.id
                        ));
                    }
                }
                for s in c.passes {
                    let found = matches(s);
                    if found.iter().any(|(id, _, _)| *id == c.id) {
                        failures.push(format!("{}: should pass {s:?}, found {found:?}", c.id));
                    }
                }
                continue;
            }
            for s in c.fires {
                let found = matches(s);
                if !found
                    .iter()
                    .any(|(id, _, sev)| *id == c.id && *sev == Severity::Error)
                {
                    failures.push(format!("{}: should fire on {s:?}, found {found:?}", c.id));
                }
            }
            for s in c.passes {
                let found = matches(s);
                if found.iter().any(|(_, _, sev)| *sev == Severity::Error) {
                    failures.push(format!("{}: should pass {s:?}, found {found:?}", c.id));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn span_covers_the_construction() {
        assert_eq!(
            matches("Later she felt so furious that she left."),
            [(
                "feel-adj".to_string(),
                "felt so furious".to_string(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn hyphenated_compounds_are_one_word() {
        assert!(matches("She was cross-checking the totals.").is_empty());
        assert!(matches("He was a bitter-sweet memory keeper.").is_empty());
        for text in [
            "The grief-stricken widow sat down.",
            "A panic-stricken passenger pulled the brake.",
            "The awe-struck children stared.",
            "She was heartbroken.",
        ] {
            assert!(
                matches(text).iter().any(|m| m.2 == Severity::Error),
                "{text}"
            );
        }
    }

    #[test]
    fn sentence_start_and_person_before_hold_in_any_sentence() {
        // `^` and `@person` leave the first word to the next element; the gap before the
        // match (a full stop, a comma) is not inside it.
        let first = |text: &str| matches(text).into_iter().next().map(|m| (m.0, m.1));
        for text in [
            "Am glad they skipped it.",
            "It rained. Am glad they skipped it.",
        ] {
            assert_eq!(
                first(text),
                Some(("subject-be-adj".to_string(), "Am glad".to_string())),
                "{text}"
            );
        }
        assert!(!matches("I generally avoid them, but got sucked into this one.").is_empty());
        // A pattern that asks for a comma still needs one before its first word.
        assert!(matches("Is the film sad?").is_empty());
    }

    #[test]
    fn a_sentence_in_capitals_is_shouted_not_a_title() {
        assert!(!matches("I LOVED IT.").is_empty());
        assert!(!matches("It was long. I HATED EVERY MINUTE OF IT.").is_empty());
        // A run of capitals inside a sentence stays a title.
        assert!(matches("Tonight I LOVE LUCY is on.").is_empty());
    }

    #[test]
    fn quoted_titles_are_names() {
        assert!(matches("The DVD of \"Horror Rises from the Tomb\" is cheap.").is_empty());
        assert!(
            matches("Later \"Horror\" gripped the town and she was scared.")
                .iter()
                .any(|m| m.1 == "she was scared")
        );
    }

    #[test]
    fn politeness_formula_is_info() {
        let found = matches("I'm afraid the shop is closed.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, Severity::Info);
        assert_eq!(matches("I'm afraid of the dark.")[0].2, Severity::Error);
    }
}
