//! One text, tokenized once. Takes a file's text and hands every later stage the same `Doc`:
//! words, sentences and the line index are computed here and nowhere else. `words` and
//! `sentences` are the UAX #29 splitters, `dictionary` the bundled word lists, `tables` the
//! lookup over the tables build/ generates. Uses no other module of the crate.

pub mod dictionary;
pub mod ids;
pub mod sentences;
pub mod tables;
pub mod words;

#[cfg(test)]
pub mod testing;

use std::ops::Range;
use std::sync::Arc;

use crate::text::sentences::sentence_bounds;

/// A word token: its byte range in the text and where its lowercased form is in its `Doc`.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    lower_span: Range<usize>,
}

impl Word {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The word lowercased, with curly apostrophes folded to `'` so lexicon lookups see one
    /// spelling (`normalize_word`). `doc` is the `Doc` the word came from.
    pub fn lower<'d>(&self, doc: &'d Doc) -> &'d str {
        &doc.lower[self.lower_span.clone()]
    }
}

/// A decoded text with its tokens. Byte offsets everywhere; line and column come from
/// `line_starts` only when a diagnostic is reported.
#[derive(Debug)]
pub struct Doc {
    pub text: Arc<str>,
    pub line_starts: Vec<usize>,
    pub words: Vec<Word>,
    /// Byte ranges of sentences that contain at least one word (UAX #29 sentence bounds, from
    /// `sentences`), without trailing whitespace.
    pub sentences: Vec<Range<usize>>,
    /// For each word, the index of the sentence that holds it.
    pub word_sentence: Vec<usize>,
    /// Every word's lowercase form (one allocation per text, not per word): the words' forms
    /// back to back, or for an ASCII text the whole text lowercased.
    lower: String,
}

/// A 1-based line and column (columns count Unicode scalar values) plus the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub byte: usize,
}

impl Doc {
    pub fn new(text: impl Into<Arc<str>>) -> Doc {
        let text: Arc<str> = text.into();
        let line_starts = line_starts(&text);
        // An ASCII text (nearly every corpus text) is lowercased in one pass, and each word's
        // lowercase form sits at the word's own span. Otherwise words are lowercased one by one.
        let ascii = text.is_ascii();
        let mut lower = if ascii {
            text.to_ascii_lowercase()
        } else {
            String::with_capacity(text.len())
        };
        let words: Vec<Word> = crate::text::words::word_bounds(&text)
            .into_iter()
            .map(|Range { start, end }| {
                let lower_span = if ascii {
                    start..end
                } else {
                    let lower_start = lower.len();
                    push_normalized(&mut lower, &text[start..end]);
                    lower_start..lower.len()
                };
                Word {
                    start,
                    end,
                    lower_span,
                }
            })
            .collect();
        let mut sentences = Vec::new();
        let mut word_sentence = Vec::with_capacity(words.len());
        let mut next_word = 0;
        for bound in sentence_bounds(&text) {
            let first = next_word;
            while next_word < words.len() && words[next_word].start < bound.end {
                next_word += 1;
            }
            if next_word > first {
                let index = sentences.len();
                word_sentence.extend(std::iter::repeat_n(index, next_word - first));
                // Trim the trailing whitespace the segmenter attaches to a sentence.
                sentences.push(bound.start..bound.start + text[bound].trim_end().len());
            }
        }
        Doc {
            text,
            line_starts,
            words,
            sentences,
            word_sentence,
            lower,
        }
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    /// Line and column of a byte offset (clamped to the text and to a char boundary).
    pub fn position(&self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line_index = match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        Position {
            line: line_index + 1,
            column: self.text[line_start..byte].chars().count() + 1,
            byte,
        }
    }

    /// The span of the whole text without trailing whitespace (for whole-file findings).
    pub fn body_span(&self) -> Range<usize> {
        let start = self.text.len() - self.text.trim_start().len();
        start..self.text.trim_end().len().max(start)
    }

    /// Is word `index` joined to a neighbour by a hyphen (`cross` in `cross-checking`)? Such a
    /// word is part of one compound, which the emotion rules read as a whole.
    pub fn in_hyphen_compound(&self, index: usize) -> bool {
        // Compared as bytes: a gap between two words always lies on character boundaries, and
        // this runs for every word of every text.
        let hyphen = |a: usize, b: usize| {
            is_hyphen_gap(&self.text.as_bytes()[self.words[a].end..self.words[b].start])
        };
        (index > 0 && hyphen(index - 1, index))
            || (index + 1 < self.words.len() && hyphen(index, index + 1))
    }

    /// Is this word written with an initial capital in the middle of a sentence, i.e. the way a
    /// proper name is written? Sentence-initial words and words after an opening quote or a colon
    /// are not counted: there the capital says nothing about the word.
    #[inline]
    pub fn is_mid_sentence_capitalized(&self, index: usize) -> bool {
        // Most words start with an ASCII byte that is no capital: decided on that byte, inline;
        // the rest of the test is out of line.
        match self.text.as_bytes().get(self.words[index].start) {
            Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => false,
            _ => self.is_mid_sentence_capitalized_slow(index),
        }
    }

    /// `is_mid_sentence_capitalized` once the first byte is not ASCII lowercase.
    #[inline(never)]
    fn is_mid_sentence_capitalized_slow(&self, index: usize) -> bool {
        let word = &self.words[index];
        let first = self.text[word.start..].chars().next();
        if !first.is_some_and(char::is_uppercase) {
            return false;
        }
        if index == 0 || self.word_sentence[index - 1] != self.word_sentence[index] {
            return false;
        }
        let gap = &self.text[self.words[index - 1].end..word.start];
        if gap.is_ascii() {
            // The same test on bytes: ASCII whitespace is space and \t..=\r.
            return gap.bytes().all(|b| {
                matches!(
                    b,
                    b' ' | b'\t'..=b'\r' | b',' | b';' | b'(' | b')' | b'-' | b'&' | b'/'
                )
            });
        }
        gap.chars().all(|c| {
            c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '-' | '–' | '—' | '&' | '/')
        })
    }
}

/// Lowercase a word and fold typographic apostrophes, so `Mara’s` and `mara's` are one form.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_normalized(&mut out, word);
    out
}

/// `normalize_word`, appended to `out`.
fn push_normalized(out: &mut String, word: &str) {
    if word.is_ascii() {
        // No apostrophe to fold, and ASCII lowercasing is `char::to_lowercase` there.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The form used to compare entity mentions: lowercase, without a possessive `'s`/`'` and
/// without a plural `s`, so `the letters`, `Letter's` and `letter` are one anchor.
pub fn entity_key(lower: &str) -> &str {
    let base = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(lower);
    if base.len() > 3 && base.ends_with('s') && !base.ends_with("ss") {
        &base[..base.len() - 1]
    } else {
        base
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// Is `gap`, the text between two words, the hyphen of one compound (`grief-stricken`)?
pub fn is_hyphen_gap(gap: &[u8]) -> bool {
    gap == b"-" || gap == "\u{2010}".as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn words_and_sentences_are_counted_once() {
        let doc = Doc::new("Mara read the letter. She didn't answer it!\nThen 3:15 came.");
        // `3:15` is two words for UAX #29 (a colon does not join digits).
        assert_eq!(doc.word_count(), 12);
        assert_eq!(doc.sentence_count(), 3);
        assert_eq!(&doc.text[doc.sentences[0].clone()], "Mara read the letter.");
        assert_eq!(doc.words[5].lower(&doc), "didn't");
    }

    #[test]
    fn positions_count_scalar_values_and_lines() {
        let doc = Doc::new("héllo\nwörld “quoted”");
        let p = doc.position(doc.text.find('q').unwrap());
        assert_eq!((p.line, p.column), (2, 8));
        assert_eq!(doc.position(0).line, 1);
        // A byte inside a multi-byte char is moved back to its boundary.
        assert_eq!(doc.position(2).column, 2);
    }

    #[test]
    fn capitalized_mid_sentence_is_name_like() {
        let doc = Doc::new("Later, Dana said “Fine” to Omar. The end: Nothing.");
        let caps: Vec<&str> = (0..doc.words.len())
            .filter(|&i| doc.is_mid_sentence_capitalized(i))
            .map(|i| &doc.text[doc.words[i].span()])
            .collect();
        assert_eq!(caps, ["Dana", "Omar"]);
    }

    #[test]
    fn entity_key_folds_possessive_and_plural() {
        assert_eq!(entity_key("letters"), "letter");
        assert_eq!(entity_key("mara's"), "mara");
        assert_eq!(entity_key("glass"), "glass");
        assert_eq!(entity_key("bus"), "bus");
        assert_eq!(normalize_word("Mara’s"), "mara's");
    }

    /// A word's byte span and lowercase form.
    type SpannedWord = (Range<usize>, String);

    /// What `Doc::new` computed before sentences had a fast path and words shared one
    /// lowercase buffer: words, sentences and word_sentence.
    fn reference_tokens(text: &str) -> (Vec<SpannedWord>, Vec<Range<usize>>, Vec<usize>) {
        let lowercase = |word: &str| -> String {
            let mut out = String::new();
            for c in word.chars() {
                match c {
                    '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
                    c => out.extend(c.to_lowercase()),
                }
            }
            out
        };
        let words: Vec<SpannedWord> = text
            .unicode_word_indices()
            .map(|(start, w)| (start..start + w.len(), lowercase(w)))
            .collect();
        let (mut sentences, mut word_sentence, mut next_word) = (Vec::new(), Vec::new(), 0);
        for (start, s) in text.split_sentence_bound_indices() {
            let first = next_word;
            while next_word < words.len() && words[next_word].0.start < start + s.len() {
                next_word += 1;
            }
            if next_word > first {
                word_sentence.extend(std::iter::repeat_n(sentences.len(), next_word - first));
                sentences.push(start..start + s.trim_end().len());
            }
        }
        (words, sentences, word_sentence)
    }

    /// `is_mid_sentence_capitalized` as it was before its first-byte shortcut.
    fn is_mid_sentence_capitalized_reference(doc: &Doc, index: usize) -> bool {
        let word = &doc.words[index];
        let first = doc.text[word.start..].chars().next();
        if !first.is_some_and(char::is_uppercase) {
            return false;
        }
        if index == 0 || doc.word_sentence[index - 1] != doc.word_sentence[index] {
            return false;
        }
        let gap = &doc.text[doc.words[index - 1].end..word.start];
        gap.chars().all(|c| {
            c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '-' | '–' | '—' | '&' | '/')
        })
    }

    proptest! {
        #[test]
        fn mid_sentence_capitals_match_the_reference(
            text in prop_oneof![
                crate::text::sentences::tests::tricky_text(),
                crate::text::testing::narrative_text(),
            ]
        ) {
            let doc = Doc::new(text.as_str());
            for i in 0..doc.words.len() {
                prop_assert_eq!(
                    doc.is_mid_sentence_capitalized(i),
                    is_mid_sentence_capitalized_reference(&doc, i),
                    "word {} of {:?}", i, text
                );
            }
        }
    }

    proptest! {
        #[test]
        fn doc_tokens_match_the_unicode_segmentation_reference(
            text in crate::text::sentences::tests::tricky_text()
        ) {
            let doc = Doc::new(text.as_str());
            let (words, sentences, word_sentence) = reference_tokens(&text);
            let doc_words: Vec<SpannedWord> = doc
                .words
                .iter()
                .map(|w| (w.span(), w.lower(&doc).to_string()))
                .collect();
            prop_assert_eq!(doc_words, words, "{:?}", text);
            prop_assert_eq!(&doc.sentences, &sentences, "{:?}", text);
            prop_assert_eq!(&doc.word_sentence, &word_sentence, "{:?}", text);
        }
    }
}
