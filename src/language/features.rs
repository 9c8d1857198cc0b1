//! Measurements of one text that the confound rules compare: narrative person and tense,
//! content words, word shingles, how the text ends and its surface punctuation. Computed from
//! the shared `Doc`, once per text.

use crate::text::tables::word_hash;
use crate::text::{Doc, entity_key};

/// Function words that say nothing about setting or event.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "like",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "its",
    "it's",
    "i'm",
    "i'd",
    "he'd",
    "she'd",
    "didn't",
    "wasn't",
    "don't",
    "into",
    "onto",
    "around",
    "across",
    "toward",
    "towards",
    "though",
    "thing",
    "things",
    "something",
    "nothing",
    "anything",
    "everything",
    "went",
    "got",
    "get",
    "made",
    "make",
    "said",
    "say",
    "says",
];

pub fn is_stopword(word: &str) -> bool {
    // Looked up for every word of every text: FxHash hashes a short word several times
    // faster than the default SipHash, and nothing here needs protection from chosen inputs.
    static SET: std::sync::LazyLock<crate::text::tables::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

/// Who tells the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    First,
    Second,
    Third,
}

impl Person {
    pub fn describe(self) -> &'static str {
        match self {
            Person::First => "first person (I/we)",
            Person::Second => "second person (you)",
            Person::Third => "third person (she/he/they)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
}

impl Tense {
    pub fn describe(self) -> &'static str {
        match self {
            Tense::Past => "past",
            Tense::Present => "present",
        }
    }
}

/// The words inside quotation marks (dialogue), as ascending word-index ranges; empty when
/// the text has no quotation mark, as most narration has none. A straight quote `"` toggles,
/// `“` opens and `”` closes; only marks between words count.
pub fn dialogue(doc: &Doc) -> Vec<std::ops::Range<usize>> {
    let bytes = doc.text.as_bytes();
    // `"`, or the last byte of `“` (E2 80 9C) or `”` (E2 80 9D): no such byte, no dialogue.
    // A branch-free count, so the common case is one quick pass.
    let [marks] = count_bytes(bytes, |b| [(b == b'"') | (b | 1 == 0x9D)]);
    if marks == 0 {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut inside = false;
    let mut opened = 0;
    let mut cursor = 0;
    for (i, w) in doc.words.iter().enumerate() {
        let was = inside;
        inside = after_quotes(&bytes[cursor..w.start], inside);
        if inside && !was {
            opened = i;
        } else if was && !inside {
            ranges.push(opened..i);
        }
        cursor = w.end;
    }
    if inside {
        ranges.push(opened..doc.words.len());
    }
    ranges
}

/// For each of the `N` tests `is` makes of a byte, how many bytes of `bytes` pass it. Counts
/// run in byte-wide lanes, a chunk at a time, so the compiler can count many bytes at once.
#[inline]
fn count_bytes<const N: usize>(bytes: &[u8], is: impl Fn(u8) -> [bool; N]) -> [usize; N] {
    let mut total = [0usize; N];
    for chunk in bytes.chunks(255) {
        let mut part = [0u8; N];
        for &b in chunk {
            for (count, hit) in part.iter_mut().zip(is(b)) {
                *count += u8::from(hit);
            }
        }
        for (sum, count) in total.iter_mut().zip(part) {
            *sum += usize::from(count);
        }
    }
    total
}

/// Whether narration is inside quotation marks after `gap` (text between words), given
/// whether it was before.
fn after_quotes(gap: &[u8], mut inside: bool) -> bool {
    for (i, &b) in gap.iter().enumerate() {
        match b {
            b'"' => inside = !inside,
            // `“` is E2 80 9C and `”` E2 80 9D; `gap` is whole chars, so the two bytes
            // before a 9C/9D are its own.
            0x9C | 0x9D if i >= 2 && gap[i - 2] == 0xE2 && gap[i - 1] == 0x80 => {
                inside = b == 0x9C;
            }
            _ => {}
        }
    }
    inside
}

/// The lowercase words outside `dialogue` (ranges as `dialogue` returns them).
fn narration<'d>(
    doc: &'d Doc,
    dialogue: &'d [std::ops::Range<usize>],
) -> impl Iterator<Item = &'d str> + 'd {
    let mut ranges = dialogue.iter().peekable();
    doc.words.iter().enumerate().filter_map(move |(i, w)| {
        while ranges.next_if(|r| r.end <= i).is_some() {}
        match ranges.peek() {
            Some(r) if r.start <= i => None,
            _ => Some(w.lower(doc)),
        }
    })
}

/// Pronouns outside dialogue, by person: the evidence for who tells a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PersonCounts {
    /// I, me, my, we, us, our and their forms.
    pub first: usize,
    /// you, your and their forms.
    pub second: usize,
    /// she, he, they and their forms.
    pub third: usize,
    /// Words of narration (outside dialogue).
    pub words: usize,
}

impl PersonCounts {
    /// The narrator's person when the evidence is clear: three first- (or second-) person
    /// pronouns and twice as many as of the other; third person when a narration of fifteen
    /// words or more has she/he/they and no first- or second-person pronoun at all (an
    /// impersonal text has no narrator to compare). `None` in between: one
    /// stray "me" in a text about someone else says nothing.
    pub fn person(self) -> Option<Person> {
        if self.first >= 3 && self.first >= 2 * self.second {
            Some(Person::First)
        } else if self.second >= 3 && self.second >= 2 * self.first {
            Some(Person::Second)
        } else if self.first == 0 && self.second == 0 && self.third >= 1 && self.words >= 15 {
            Some(Person::Third)
        } else {
            None
        }
    }

    /// The evidence in words: "7 I/we pronouns outside dialogue", "no I/we/you in 40 words".
    pub fn describe(self) -> String {
        match self.person() {
            Some(Person::First) => format!(
                "{} I/we pronoun{} outside dialogue",
                self.first,
                plural(self.first)
            ),
            Some(Person::Second) => format!(
                "{} you pronoun{} outside dialogue",
                self.second,
                plural(self.second)
            ),
            _ => format!(
                "{} she/he/they and no I/we/you in {} words of narration",
                self.third, self.words
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The narrative person, from pronouns outside dialogue (`PersonCounts::person`).
pub fn person(doc: &Doc) -> Option<Person> {
    person_outside(doc, &dialogue(doc)).person()
}

/// The pronoun counts of `doc`, with the text's `dialogue` already found.
pub fn person_outside(doc: &Doc, dialogue: &[std::ops::Range<usize>]) -> PersonCounts {
    let mut counts = PersonCounts::default();
    for word in narration(doc, dialogue) {
        counts.words += 1;
        // Byte-string patterns compile to a test of the length, then of the bytes.
        match word.as_bytes() {
            b"i" | b"me" | b"my" | b"mine" | b"myself" | b"i'm" | b"i'd" | b"i've" | b"i'll"
            | b"we" | b"us" | b"our" | b"ours" | b"ourselves" | b"we're" | b"we'd" => {
                counts.first += 1
            }
            b"you" | b"your" | b"yours" | b"yourself" | b"you're" | b"you'd" => counts.second += 1,
            b"she" | b"he" | b"they" | b"her" | b"him" | b"them" | b"his" | b"hers" | b"their"
            | b"theirs" | b"herself" | b"himself" | b"themselves" | b"she's" | b"he's"
            | b"they're" | b"she'd" | b"he'd" | b"they'd" => counts.third += 1,
            _ => {}
        }
    }
    counts
}

/// Finite verbs outside dialogue, by tense: the evidence for when a text is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TenseCounts {
    pub past: usize,
    pub present: usize,
}

impl TenseCounts {
    /// The dominant tense when at least `min` verbs count and `share` of them agree.
    pub fn tense(self, min: usize, share: f64) -> Option<Tense> {
        let total = self.past + self.present;
        if total < min.max(1) {
            return None;
        }
        if self.past as f64 >= share * total as f64 {
            Some(Tense::Past)
        } else if self.present as f64 >= share * total as f64 {
            Some(Tense::Present)
        } else {
            None
        }
    }

    /// "7 of 9 finite verbs present".
    pub fn describe(self, tense: Tense) -> String {
        let n = match tense {
            Tense::Past => self.past,
            Tense::Present => self.present,
        };
        format!(
            "{n} of {} finite verbs {}",
            self.past + self.present,
            tense.describe()
        )
    }
}

/// The dominant tense of the narration (outside dialogue): at least 4 finite verbs, 70% of
/// them in one tense.
pub fn tense(doc: &Doc) -> Option<Tense> {
    tense_outside(doc, &dialogue(doc)).tense(4, 0.7)
}

/// The irregular verbs of `rules/verbs/irregular.txt`: each past form, and each base form.
struct Irregular {
    past: crate::text::tables::FxHashSet<&'static str>,
    base: crate::text::tables::FxHashSet<&'static str>,
}

static IRREGULAR: std::sync::LazyLock<Irregular> = std::sync::LazyLock::new(|| {
    let mut irregular = Irregular {
        past: Default::default(),
        base: Default::default(),
    };
    for line in include_str!("../../rules/verbs/irregular.txt").lines() {
        let mut forms = line.split_whitespace();
        if line.starts_with('#') {
            continue;
        }
        if let Some(base) = forms.next() {
            irregular.base.insert(base);
            irregular.past.extend(forms);
        }
    }
    irregular
});

/// Is `word` (lowercase) a verb's base form: irregular, or a word whose regular past form is
/// in the dictionary (`walk`, `close`, `try`)?
fn is_verb_base(word: &str) -> bool {
    if word.len() < 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    if IRREGULAR.base.contains(word) {
        return true;
    }
    let past = if let Some(stem) = word.strip_suffix('e') {
        format!("{stem}ed")
    } else if let Some(stem) = word
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ied")
    } else {
        format!("{word}ed")
    };
    crate::text::dictionary::contains(&past)
}

/// Is `word` (lowercase) a verb's third-person present form (`opens`, `watches`, `tries`,
/// `goes`)?
fn is_third_person_present(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('s') else {
        return false;
    };
    if stem.ends_with('s') && !stem.ends_with("es") {
        return false; // `class`, `press`: no -s form
    }
    if let Some(y) = stem.strip_suffix("ie") {
        return is_verb_base(&format!("{y}y"));
    }
    is_verb_base(stem) || stem.strip_suffix('e').is_some_and(is_verb_base)
}

/// Finite verbs of the narration (outside dialogue), counted as past or present: the
/// auxiliaries (`was`, `is`, `had`, `has`), regular past forms (`opened`), irregular past
/// forms (`sat`, `left`, `felt`), and present forms after a subject pronoun or a name (`she
/// opens`, `Mara waits`, `I walk`).
pub fn tense_outside(doc: &Doc, dialogue: &[std::ops::Range<usize>]) -> TenseCounts {
    let mut counts = TenseCounts::default();
    // What the word before was: a subject that takes an -s verb (she, Mara) or a base verb
    // (I, they).
    #[derive(Clone, Copy, PartialEq)]
    enum Subject {
        None,
        Singular,
        Plural,
    }
    let mut subject = Subject::None;
    // The last subject of the current sentence, which `and`/`then`/`but` bring back
    // (`she walks to the window and waits`).
    let mut sentence_subject = (usize::MAX, Subject::None);
    let mut ranges = dialogue.iter().peekable();
    for (i, w) in doc.words.iter().enumerate() {
        while ranges.next_if(|r| r.end <= i).is_some() {}
        if ranges.peek().is_some_and(|r| r.start <= i) {
            subject = Subject::None;
            continue;
        }
        let word = w.lower(doc);
        let before = subject;
        subject = match word.as_bytes() {
            b"he" | b"she" | b"it" | b"who" => Subject::Singular,
            b"i" | b"we" | b"you" | b"they" => Subject::Plural,
            b"and" | b"then" | b"but" | b"or" if sentence_subject.0 == doc.word_sentence[i] => {
                sentence_subject.1
            }
            // An adverb between a subject and its verb keeps the subject (`she slowly opens`).
            _ if word.len() > 4 && word.ends_with("ly") => before,
            _ if doc.text.as_bytes()[w.start].is_ascii_uppercase()
                && i > 0
                && doc.word_sentence[i - 1] == doc.word_sentence[i] =>
            {
                Subject::Singular
            }
            // A sentence-initial capital: a name or a noun subject (`Mara opens`, `Rain
            // falls`), unless it is a function word (`The`, `After`).
            _ if doc.text.as_bytes()[w.start].is_ascii_uppercase() && !is_stopword(word) => {
                Subject::Singular
            }
            _ => Subject::None,
        };
        if subject != Subject::None {
            sentence_subject = (doc.word_sentence[i], subject);
        }
        match word.as_bytes() {
            b"was" | b"were" | b"had" | b"did" | b"wasn't" | b"weren't" | b"hadn't" | b"didn't" => {
                counts.past += 1
            }
            b"is" | b"are" | b"am" | b"has" | b"does" | b"isn't" | b"aren't" | b"hasn't"
            | b"doesn't" | b"i'm" | b"he's" | b"she's" | b"it's" | b"they're" | b"we're"
            | b"you're" => counts.present += 1,
            _ => {
                if IRREGULAR.past.contains(word)
                    || (word.len() > 4 && word.ends_with("ed") && is_regular_past(word))
                {
                    counts.past += 1;
                } else if before != Subject::None
                    && (subject == Subject::None || word.ends_with("ly"))
                    && (!is_stopword(word)
                        || matches!(word, "say" | "says" | "get" | "gets" | "make" | "makes"))
                    && match before {
                        Subject::Singular => is_third_person_present(word),
                        Subject::Plural => is_verb_base(word) && !IRREGULAR.past.contains(word),
                        Subject::None => false,
                    }
                {
                    counts.present += 1;
                }
            }
        }
    }
    counts
}

/// Is `word` (lowercase, ending in `ed`) a regular past form: `opened`, `folded`, `closed`?
/// The stem, or the stem and `e`, must be a word (a hash lookup in the compiled-in list).
fn is_regular_past(word: &str) -> bool {
    let Some(stem) = word.strip_suffix("ed") else {
        return false;
    };
    if crate::text::dictionary::contains(stem) {
        return true;
    }
    // `stem` + "e" on the stack: words are short.
    let mut buf = [0u8; 64];
    if stem.len() < buf.len() {
        buf[..stem.len()].copy_from_slice(stem.as_bytes());
        buf[stem.len()] = b'e';
        std::str::from_utf8(&buf[..=stem.len()]).is_ok_and(crate::text::dictionary::contains)
    } else {
        crate::text::dictionary::contains(&format!("{stem}e"))
    }
}

/// Lowercase content words (no stopwords, possessive and plural folded).
/// Sorted and without repeats, borrowed from the text's lowercase forms.
pub fn content_words(doc: &Doc) -> Vec<&str> {
    let mut words: Vec<&str> = Vec::with_capacity(doc.words.len());
    for w in &doc.words {
        let key = entity_key(w.lower(doc));
        // More than two characters: in ASCII bytes are characters, and a character takes at
        // most four bytes, so only a short non-ASCII key needs counting. The hash lookup
        // comes last.
        let short =
            key.len() <= 2 || (key.len() <= 8 && !key.is_ascii() && key.chars().count() <= 2);
        if short || key.bytes().all(|b| b.is_ascii_digit()) || is_stopword(key) {
            continue;
        }
        words.push(key);
    }
    sort_words(&mut words);
    words.dedup();
    words
}

/// Sort words in byte order, comparing their first eight bytes as one number first: most pairs
/// differ there, which spares a call to compare the strings (words hold no NUL byte, so the
/// zero padding of a short word sorts it before its extensions, as byte order does).
fn sort_words(words: &mut [&str]) {
    let prefix = |w: &str| {
        let mut bytes = [0u8; 8];
        let n = w.len().min(8);
        bytes[..n].copy_from_slice(&w.as_bytes()[..n]);
        u64::from_be_bytes(bytes)
    };
    let mut keyed: Vec<(u64, &str)> = words.iter().map(|&w| (prefix(w), w)).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    for (slot, (_, w)) in words.iter_mut().zip(keyed) {
        *slot = w;
    }
}

/// Word 3-shingles as hashes, for near-duplicate comparison: sorted, without repeats. Each
/// word is hashed once and a shingle mixes its three words' hashes, in order.
pub fn shingles(doc: &Doc) -> Vec<u64> {
    let words: Vec<u64> = doc.words.iter().map(|w| word_hash(w.lower(doc))).collect();
    let mut hashes: Vec<u64> = if words.len() < 3 {
        words
    } else {
        words
            .windows(3)
            .map(|w| mix(mix(mix(w[0]) ^ w[1]) ^ w[2]))
            .collect()
    };
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// A 64-bit finaliser (MurmurHash3's): every input bit moves about half the output bits, so
/// `mix(mix(a) ^ b)` depends on the order of `a` and `b` and MinHash sees uniform values.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Jaccard similarity of two sorted sets (as `shingles` returns them).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = shared_count(a, b);
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// How many items two sorted, repeat-free slices share.
pub fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// MinHash signature of a shingle set (64 hash functions by xor-mixing one hash).
pub fn minhash(shingles: &[u64]) -> [u64; 64] {
    let mut sig = [u64::MAX; 64];
    for &s in shingles {
        for (i, slot) in sig.iter_mut().enumerate() {
            let mut x = s ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + 1));
            x ^= x >> 33;
            x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
            x ^= x >> 33;
            *slot = (*slot).min(x);
        }
    }
    sig
}

/// Surface features, each per 100 words except where noted.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Surface {
    pub exclamations: f64,
    pub questions: f64,
    pub ellipses: f64,
    /// Share of words inside quotation marks (0..1).
    pub dialogue: f64,
    /// Words per sentence.
    pub sentence_length: f64,
    /// All-capital words of two letters or more.
    pub capitals: f64,
}

pub const SURFACE_NAMES: [&str; 6] = [
    "exclamation marks",
    "question marks",
    "ellipses",
    "dialogue share",
    "mean sentence length",
    "all-capital words",
];

impl Surface {
    pub fn of(doc: &Doc) -> Surface {
        SurfaceCounts::of(doc, &dialogue(doc)).rates()
    }

    pub fn values(&self) -> [f64; 6] {
        [
            self.exclamations,
            self.questions,
            self.ellipses,
            self.dialogue,
            self.sentence_length,
            self.capitals,
        ]
    }
}

/// The counts behind `Surface`: what the corpus pass keeps of each text (24 bytes instead
/// of 48), turned into rates only when compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SurfaceCounts {
    pub words: u32,
    pub sentences: u32,
    pub exclamations: u32,
    pub questions: u32,
    pub ellipses: u32,
    pub dialogue_words: u32,
    pub capitals: u32,
}

impl SurfaceCounts {
    /// The counts of `doc`, whose `dialogue` ranges are already found.
    pub fn of(doc: &Doc, dialogue: &[std::ops::Range<usize>]) -> SurfaceCounts {
        let text = &*doc.text;
        let bytes = text.as_bytes();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        // One branch-free pass counts the marks; `…` (E2 80 A6) and `...` are counted
        // exactly only when their telltale byte occurs.
        let [exclamations, questions, a6, dots] =
            count_bytes(bytes, |b| [b == b'!', b == b'?', b == 0xA6, b == b'.']);
        let mut ellipses = if a6 > 0 {
            text.matches('…').count()
        } else {
            0
        };
        if dots >= 3 {
            // `text.matches("...")`: a run of n dots holds n / 3 of them.
            let mut run = 0;
            let mut last = usize::MAX;
            for (i, _) in text.match_indices('.') {
                if last != usize::MAX && i == last + 1 {
                    run += 1;
                } else {
                    ellipses += run / 3;
                    run = 1;
                }
                last = i;
            }
            ellipses += run / 3;
        }
        let capitals = doc
            .words
            .iter()
            .filter(|w| is_all_capitals(&text[w.span()]))
            .count();
        let dialogue_words = dialogue.iter().map(|r| r.len()).sum();
        SurfaceCounts {
            words: count(doc.word_count()),
            sentences: count(doc.sentence_count()),
            exclamations: count(exclamations),
            questions: count(questions),
            ellipses: count(ellipses),
            dialogue_words: count(dialogue_words),
            capitals: count(capitals),
        }
    }

    pub fn rates(&self) -> Surface {
        let words = f64::from(self.words.max(1));
        let per100 = |n: u32| f64::from(n) * 100.0 / words;
        Surface {
            exclamations: per100(self.exclamations),
            questions: per100(self.questions),
            ellipses: per100(self.ellipses),
            dialogue: f64::from(self.dialogue_words) / words,
            sentence_length: words / f64::from(self.sentences.max(1)),
            capitals: per100(self.capitals),
        }
    }
}

/// A word of two letters or more, all of them capitals.
fn is_all_capitals(word: &str) -> bool {
    if word.is_ascii() {
        // A lowercase letter rules a word out at once: most words start with one or two.
        let b = word.as_bytes();
        return !b.iter().any(u8::is_ascii_lowercase)
            && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
    }
    word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// How a text ends: its final punctuation mark, its last sentence's length and last word.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub mark: char,
    pub last_sentence_words: usize,
    pub last_word: String,
    /// Byte span of the last sentence.
    pub span: std::ops::Range<usize>,
}

pub fn ending(doc: &Doc) -> Option<Ending> {
    let span = doc.sentences.last()?.clone();
    let sentence = &doc.text[span.clone()];
    let mark = sentence
        .trim_end()
        .chars()
        .rev()
        .find(|c| !matches!(c, '"' | '”' | '’' | '\'' | ')'))
        .unwrap_or('.');
    let mark = if mark.is_alphanumeric() { ' ' } else { mark };
    let last_index = doc.sentences.len() - 1;
    let last_sentence_words = doc
        .word_sentence
        .iter()
        .filter(|s| **s == last_index)
        .count();
    Some(Ending {
        mark,
        last_sentence_words,
        last_word: doc.words.last()?.lower(doc).to_string(),
        span,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The prefix sort orders words exactly as a plain byte-order sort does, including
    /// words that share their first eight bytes and words that are prefixes of others.
    #[test]
    fn prefix_sort_is_byte_order() {
        let mut words = vec![
            "understanding",
            "understand",
            "under",
            "underst",
            "understa",
            "zebra",
            "a",
            "ab",
            "\u{e9}t\u{e9}",
            "etc",
            "understandings",
            "unde",
            "caf\u{e9}",
            "cafe",
            "b",
            "understandable",
        ];
        let mut expected = words.clone();
        expected.sort_unstable();
        sort_words(&mut words);
        assert_eq!(words, expected);
    }

    /// `dialogue` as one flag per word, the shape the reference below computes.
    fn in_dialogue(doc: &Doc) -> Vec<bool> {
        let mut out = vec![false; doc.words.len()];
        for range in dialogue(doc) {
            out[range].fill(true);
        }
        out
    }
    use proptest::prelude::*;

    /// `in_dialogue` as it was before dialogue became ranges.
    fn in_dialogue_reference(doc: &Doc) -> Vec<bool> {
        let mut inside = false;
        let mut out = Vec::with_capacity(doc.words.len());
        let mut cursor = 0;
        for w in &doc.words {
            for c in doc.text[cursor..w.start].chars() {
                match c {
                    '“' => inside = true,
                    '”' => inside = false,
                    '"' => inside = !inside,
                    _ => {}
                }
            }
            cursor = w.end;
            out.push(inside);
        }
        out
    }

    /// `person` as it was before dialogue was found once per text.
    fn person_reference(doc: &Doc) -> PersonCounts {
        let dialogue = in_dialogue_reference(doc);
        let mut counts = PersonCounts::default();
        for (w, quoted) in doc.words.iter().zip(&dialogue) {
            if *quoted {
                continue;
            }
            counts.words += 1;
            match w.lower(doc) {
                "i" | "me" | "my" | "mine" | "myself" | "i'm" | "i'd" | "i've" | "i'll" | "we"
                | "us" | "our" | "ours" | "ourselves" | "we're" | "we'd" => counts.first += 1,
                "you" | "your" | "yours" | "yourself" | "you're" | "you'd" => counts.second += 1,
                "she" | "he" | "they" | "her" | "him" | "them" | "his" | "hers" | "their"
                | "theirs" | "herself" | "himself" | "themselves" | "she's" | "he's"
                | "they're" | "she'd" | "he'd" | "they'd" => counts.third += 1,
                _ => {}
            }
        }
        counts
    }

    /// `SurfaceCounts::of` as it was before it counted in one pass.
    fn surface_counts_reference(doc: &Doc) -> SurfaceCounts {
        let text = &*doc.text;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let capitals = doc
            .words
            .iter()
            .filter(|w| {
                let t = &text[w.span()];
                t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            })
            .count();
        SurfaceCounts {
            words: count(doc.word_count()),
            sentences: count(doc.sentence_count()),
            exclamations: count(text.matches('!').count()),
            questions: count(text.matches('?').count()),
            ellipses: count(text.matches('…').count() + text.matches("...").count()),
            dialogue_words: count(in_dialogue_reference(doc).iter().filter(|q| **q).count()),
            capitals: count(capitals),
        }
    }

    proptest! {
        #[test]
        fn narrative_features_match_the_reference(text in crate::text::testing::narrative_text()) {
            let doc = Doc::new(text.as_str());
            prop_assert_eq!(in_dialogue(&doc), in_dialogue_reference(&doc), "{:?}", text);
            prop_assert_eq!(person_outside(&doc, &dialogue(&doc)), person_reference(&doc), "{:?}", text);
            prop_assert_eq!(SurfaceCounts::of(&doc, &dialogue(&doc)), surface_counts_reference(&doc), "{:?}", text);
        }
    }

    #[test]
    fn narrative_features_match_the_reference_on_fixed_texts() {
        for text in [
            "",
            "\"",
            "“I know,” I said. We opened it.",
            "She said \"I did it, I closed it\" and we left. \"Open",
            "He waited... and waited.... then.......... “Yes”” he agreed. ”I” I we",
            "I I “you” you you",
            "Long ellipses …… and ... and .. and ......!?!?",
            "It was ÉCOLE and CI and I. A OK NO-GO x2 ΣΑΣ",
            "“We were, we had, we did,” I was: I opened, I folded, I hundred, I needed.",
            "She carried it, agreed, used it, sped; is are am has does.",
            "Words צה\"ל and \"quoted\" words",
        ] {
            let doc = Doc::new(text);
            assert_eq!(in_dialogue(&doc), in_dialogue_reference(&doc), "{text:?}");
            assert_eq!(
                person_outside(&doc, &dialogue(&doc)),
                person_reference(&doc),
                "{text:?}"
            );
            assert_eq!(
                SurfaceCounts::of(&doc, &dialogue(&doc)),
                surface_counts_reference(&doc),
                "{text:?}"
            );
        }
    }

    #[test]
    fn person_ignores_dialogue() {
        assert_eq!(
            person(&Doc::new("I opened it. My hands shook and I sat down.")),
            Some(Person::First)
        );
        assert_eq!(
            person(&Doc::new(
                "She said, “I know, I know, I always knew.” She left the room, shut the door behind her and walked down the stairs to the street."
            )),
            Some(Person::Third)
        );
        assert_eq!(
            person(&Doc::new("You open it. Your hands shake. You sit.")),
            Some(Person::Second)
        );
    }

    #[test]
    fn person_needs_evidence() {
        // One stray pronoun, or two, in a text about someone else: no clear narrator.
        for text in [
            "The film follows a family through one winter, and it gave me a headache by the end.",
            // Impersonal: no narrator at all, so nothing to compare.
            "The film is long and the plot is thin; the fights are good and the music is loud throughout.",
            "I think the film follows a family through one winter; it is slow and I left early.",
            "Short text.",
        ] {
            assert_eq!(person(&Doc::new(text)), None, "{text}");
        }
        let counts = person_outside(&Doc::new("I went and I saw and I left."), &[]);
        assert_eq!(counts.describe(), "3 I/we pronouns outside dialogue");
    }

    #[test]
    fn tense_counts_auxiliaries_and_regular_past() {
        let past = tense(&Doc::new(
            "She opened the door. It was late. She folded the note and waited.",
        ));
        assert_eq!(past, Some(Tense::Past));
        let present = tense(&Doc::new(
            "She is at the door. It is late. She has the note. He is gone.",
        ));
        assert_eq!(present, Some(Tense::Present));
        assert_eq!(tense(&Doc::new("A door.")), None);
    }

    #[test]
    fn tense_counts_lexical_verbs() {
        // Wholly in the present with no auxiliary but `is`: lexical present forms count.
        let present = Doc::new(
            "Mara opens the letter. She walks to the window and waits. She hears the kettle. \
             It is late. I watch her and we say nothing.",
        );
        let counts = tense_outside(&present, &[]);
        assert_eq!(counts.tense(4, 0.7), Some(Tense::Present), "{counts:?}");
        assert_eq!(
            counts.describe(Tense::Present),
            "7 of 7 finite verbs present"
        );
        // Irregular pasts count as past.
        let past =
            Doc::new("She sat by the door. He left early. I felt the cold and found my keys.");
        assert_eq!(
            tense_outside(&past, &[]),
            TenseCounts {
                past: 4,
                present: 0
            }
        );
        // Plural nouns are not verbs, and a noun after a pronoun object is not a verb.
        let nouns = Doc::new("The letters and the chairs. Give her books. The class waits.");
        assert_eq!(tense_outside(&nouns, &[]).present, 0);
    }

    #[test]
    fn surface_and_ending() {
        let doc = Doc::new("It worked! It really worked! “Yes,” he said. Done...");
        let s = Surface::of(&doc);
        assert!(s.exclamations > 20.0);
        assert!(s.dialogue > 0.0);
        let e = ending(&doc).unwrap();
        assert_eq!(e.mark, '.');
        assert_eq!(e.last_word, "done");
        assert_eq!(ending(&Doc::new("He left. “Why?”")).unwrap().mark, '?');
    }

    #[test]
    fn shingles_and_similarity() {
        let a = shingles(&Doc::new("the cat sat on the mat by the door"));
        let b = shingles(&Doc::new("the cat sat on the mat by the window"));
        let c = shingles(&Doc::new("a storm broke over the harbour at night"));
        assert!(jaccard(&a, &b) > 0.6);
        assert!(jaccard(&a, &c) < 0.1);
        let (ma, mb) = (minhash(&a), minhash(&b));
        let agree = ma.iter().zip(&mb).filter(|(x, y)| x == y).count();
        assert!(agree > 30, "{agree}");
    }
}
