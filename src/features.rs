//! Measurements of one text that the confound rules compare: narrative person and tense,
//! content words, word shingles, how the text ends and its surface punctuation. Computed from
//! the shared `Doc`, once per text.

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
    static SET: std::sync::LazyLock<crate::tables::FxHashSet<&'static str>> =
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

/// Which words lie inside quotation marks (dialogue), by word index.
pub fn in_dialogue(doc: &Doc) -> Vec<bool> {
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

/// The narrative person, from pronouns outside dialogue: first person once "I"/"we" forms
/// appear at least twice, else second person once "you" forms do, else third.
pub fn person(doc: &Doc) -> Person {
    let dialogue = in_dialogue(doc);
    let (mut first, mut second) = (0, 0);
    for (w, quoted) in doc.words.iter().zip(&dialogue) {
        if *quoted {
            continue;
        }
        match w.lower(doc) {
            "i" | "me" | "my" | "mine" | "myself" | "i'm" | "i'd" | "i've" | "i'll" | "we"
            | "us" | "our" | "ours" | "ourselves" | "we're" | "we'd" => first += 1,
            "you" | "your" | "yours" | "yourself" | "you're" | "you'd" => second += 1,
            _ => {}
        }
    }
    if first >= 2 {
        Person::First
    } else if second >= 2 {
        Person::Second
    } else {
        Person::Third
    }
}

/// The dominant tense of the narration (outside dialogue), with the share of markers that
/// agree; `None` when the text has too few markers to tell.
pub fn tense(doc: &Doc) -> Option<(Tense, f64)> {
    let dialogue = in_dialogue(doc);
    let (mut past, mut present) = (0usize, 0usize);
    for (w, quoted) in doc.words.iter().zip(&dialogue) {
        if *quoted {
            continue;
        }
        let word = w.lower(doc);
        match word {
            "was" | "were" | "had" | "did" | "wasn't" | "weren't" | "hadn't" | "didn't" => {
                past += 1
            }
            "is" | "are" | "am" | "has" | "does" | "isn't" | "aren't" | "hasn't" | "doesn't"
            | "i'm" | "he's" | "she's" | "it's" | "they're" | "we're" | "you're" => present += 1,
            _ => {
                // A regular past form: `opened`, `folded` (the base must be a word too).
                if word.len() > 4
                    && let Some(stem) = word.strip_suffix("ed")
                    && (crate::dictionary::contains(stem)
                        || crate::dictionary::contains(&format!("{stem}e")))
                {
                    past += 1;
                }
            }
        }
    }
    let total = past + present;
    if total < 4 {
        return None;
    }
    if past >= present {
        Some((Tense::Past, past as f64 / total as f64))
    } else {
        Some((Tense::Present, present as f64 / total as f64))
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
    words.sort_unstable();
    words.dedup();
    words
}

/// Word 3-shingles as hashes, for near-duplicate comparison: sorted, without repeats.
pub fn shingles(doc: &Doc) -> Vec<u64> {
    let words: Vec<&str> = doc.words.iter().map(|w| w.lower(doc)).collect();
    let mut hashes: Vec<u64> = if words.len() < 3 {
        words.iter().map(|w| hash(&[w])).collect()
    } else {
        words.windows(3).map(hash).collect()
    };
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// FNV-1a over the words, separated.
pub fn hash(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
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
        SurfaceCounts::of(doc).rates()
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
    pub fn of(doc: &Doc) -> SurfaceCounts {
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
            dialogue_words: count(in_dialogue(doc).iter().filter(|q| **q).count()),
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
mod tests {
    use super::*;

    #[test]
    fn person_ignores_dialogue() {
        assert_eq!(
            person(&Doc::new("I opened it. My hands shook.")),
            Person::First
        );
        assert_eq!(
            person(&Doc::new("She said, “I know, I know.” She left.")),
            Person::Third
        );
        assert_eq!(
            person(&Doc::new("You open it. Your hands shake.")),
            Person::Second
        );
    }

    #[test]
    fn tense_counts_auxiliaries_and_regular_past() {
        let past = tense(&Doc::new(
            "She opened the door. It was late. She folded the note and waited.",
        ));
        assert_eq!(past.unwrap().0, Tense::Past);
        let present = tense(&Doc::new(
            "She is at the door. It is late. She has the note. He is gone.",
        ));
        assert_eq!(present.unwrap().0, Tense::Present);
        assert_eq!(tense(&Doc::new("A door.")), None);
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
