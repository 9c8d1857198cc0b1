//! A second reading for `emotion-label`, learned from annotated real sentences: a logistic
//! regression over the words around each emotion word of a sentence (`rules/label_model.toml`,
//! written by `tests/labels/train_label_model.py`, compiled into a table by build/).
//!
//! The patterns of `labels` read constructions; on text nobody here wrote they miss a long
//! tail of one-off wordings ("the agony of divorce", "plenty of boredom"). The model reads
//! only which emotion word a sentence holds and its neighbours, so it generalises where a
//! pattern has no entry, at a lower precision: its findings are warnings.
//!
//! The features are computed here and nowhere else: the training script reads them from
//! `examples/label_probe.rs --features`, so training and the tool cannot drift apart.

use crate::language::lexicon::Lexicon;
use crate::text::Doc;
use crate::text::tables::StaticMap;

// WEIGHTS (feature -> weight, sorted), BIAS and THRESHOLD, compiled by build/ from
// rules/label_model.toml.
include!(concat!(env!("OUT_DIR"), "/label_model.rs"));

/// Where the context of an emotion word is read: three words before it, two after.
const OFFSETS: [i32; 5] = [-3, -2, -1, 1, 2];
/// Beyond this many emotion words a sentence's count feature stops growing.
const MAX_COUNTED: usize = 3;

/// One emotion word of a sentence and its features.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// Its index in `Doc::words`.
    pub word: usize,
    pub features: Vec<String>,
}

/// A sentence holding at least one emotion word: the features of the sentence as a whole and
/// those of each emotion word.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceFeatures {
    pub sentence: usize,
    pub shared: Vec<String>,
    pub occurrences: Vec<Occurrence>,
}

/// What the model makes of one sentence: its score (log odds of holding a label, the bias
/// included) and the emotion word that weighs most in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub sentence: usize,
    pub word: usize,
    pub score: f32,
}

/// The model's score above which a sentence is reported.
pub fn threshold() -> f32 {
    THRESHOLD
}

/// A sentence's tokens for the model: its words lowercased and the punctuation marks
/// `, ; . ! ?` between them (each mark a token), with the index of each word's token.
fn tokens<'d>(doc: &'d Doc, words: std::ops::Range<usize>, end: usize) -> Vec<(&'d str, bool)> {
    let mut out = Vec::with_capacity(words.len() + 4);
    for w in words.clone() {
        out.push((doc.words[w].lower(doc), true));
        let gap_end = if w + 1 < words.end {
            doc.words[w + 1].start
        } else {
            end
        };
        for c in doc.text[doc.words[w].end..gap_end].chars() {
            let mark = match c {
                ',' => ",",
                ';' => ";",
                '.' => ".",
                '!' => "!",
                '?' => "?",
                _ => continue,
            };
            out.push((mark, false));
        }
    }
    out
}

/// The features of every sentence of `doc` that holds an emotion word of the lexicon.
pub fn sentence_features(doc: &Doc) -> Vec<SentenceFeatures> {
    let lexicon = Lexicon::bundled();
    let mut out = Vec::new();
    let mut first = 0;
    while first < doc.words.len() {
        let sentence = doc.word_sentence[first];
        let mut last = first;
        while last < doc.words.len() && doc.word_sentence[last] == sentence {
            last += 1;
        }
        let range = first..last;
        first = last;
        if !range
            .clone()
            .any(|w| !lexicon.analyze(doc.words[w].lower(doc)).is_empty())
        {
            continue;
        }
        let toks = tokens(doc, range.clone(), doc.sentences[sentence].end);
        let mut occurrences = Vec::new();
        let mut word = range.start;
        for (k, &(tok, is_word)) in toks.iter().enumerate() {
            if !is_word {
                continue;
            }
            let this = word;
            word += 1;
            if lexicon.analyze(tok).is_empty() {
                continue;
            }
            let mut features = vec![format!("e:{tok}")];
            for d in OFFSETS {
                let other = k
                    .checked_add_signed(d as isize)
                    .and_then(|i| toks.get(i))
                    .map_or("#", |t| t.0);
                features.push(format!("c{d}:{other}"));
                features.push(format!("p{d}:{tok}|{other}"));
            }
            occurrences.push(Occurrence {
                word: this,
                features,
            });
        }
        out.push(SentenceFeatures {
            sentence,
            shared: vec![format!("n:{}", occurrences.len().min(MAX_COUNTED))],
            occurrences,
        });
    }
    out
}

/// The model's reading of every sentence of `doc` that holds an emotion word.
pub fn read(doc: &Doc) -> Vec<Reading> {
    let weights = StaticMap::new(WEIGHTS);
    let weight = |f: &String| weights.get(f.as_str()).copied().unwrap_or(0.0);
    sentence_features(doc)
        .into_iter()
        .map(|s| {
            let mut score = BIAS + s.shared.iter().map(weight).sum::<f32>();
            let mut strongest = (s.occurrences[0].word, f32::NEG_INFINITY);
            for o in &s.occurrences {
                let part: f32 = o.features.iter().map(weight).sum();
                score += part;
                if part > strongest.1 {
                    strongest = (o.word, part);
                }
            }
            Reading {
                sentence: s.sentence,
                word: strongest.0,
                score,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_the_emotion_word_and_its_neighbours_within_the_sentence() {
        let doc = Doc::new("The day was long. We watched it, with some fear of the end.");
        let found = sentence_features(&doc);
        assert_eq!(
            found.len(),
            1,
            "only the second sentence holds an emotion word"
        );
        let s = &found[0];
        assert_eq!(s.sentence, 1);
        assert_eq!(s.shared, ["n:1"]);
        assert_eq!(doc.words[s.occurrences[0].word].lower(&doc), "fear");
        assert_eq!(
            s.occurrences[0].features,
            [
                "e:fear",
                "c-3:with",
                "p-3:fear|with",
                "c-2:some",
                "p-2:fear|some",
                "c-1:some",
                "p-1:fear|some",
                "c1:of",
                "p1:fear|of",
                "c2:the",
                "p2:fear|the"
            ]
            .map(String::from)
        );
    }
}
