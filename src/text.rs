//! One text, tokenized once. Every rule reads the same `Doc`: words, sentences and the line
//! index are computed here and nowhere else.

use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

/// A word token: its byte range in the text and its lowercased form.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Lowercase, with curly apostrophes folded to `'` so lexicon lookups see one spelling.
    pub lower: String,
}

impl Word {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A decoded text with its tokens. Byte offsets everywhere; line and column come from
/// `line_starts` only when a diagnostic is reported.
#[derive(Debug)]
pub struct Doc {
    pub text: Arc<str>,
    pub line_starts: Vec<usize>,
    pub words: Vec<Word>,
    /// Byte ranges of sentences that contain at least one word (UAX #29 sentence bounds).
    pub sentences: Vec<Range<usize>>,
    /// For each word, the index of the sentence that holds it.
    pub word_sentence: Vec<usize>,
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
        let words: Vec<Word> = text
            .unicode_word_indices()
            .map(|(start, w)| Word {
                start,
                end: start + w.len(),
                lower: normalize_word(w),
            })
            .collect();
        let mut sentences = Vec::new();
        let mut word_sentence = Vec::with_capacity(words.len());
        let mut next_word = 0;
        for (start, s) in text.split_sentence_bound_indices() {
            let end = start + s.len();
            let first = next_word;
            while next_word < words.len() && words[next_word].start < end {
                next_word += 1;
            }
            if next_word > first {
                let index = sentences.len();
                word_sentence.extend(std::iter::repeat_n(index, next_word - first));
                // Trim the trailing whitespace the segmenter attaches to a sentence.
                sentences.push(start..start + s.trim_end().len());
            }
        }
        Doc {
            text,
            line_starts,
            words,
            sentences,
            word_sentence,
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

    /// Is this word written with an initial capital in the middle of a sentence, i.e. the way a
    /// proper name is written? Sentence-initial words and words after an opening quote or a colon
    /// are not counted: there the capital says nothing about the word.
    pub fn is_mid_sentence_capitalized(&self, index: usize) -> bool {
        let word = &self.words[index];
        let first = self.text[word.start..].chars().next();
        if !first.is_some_and(char::is_uppercase) {
            return false;
        }
        if index == 0 || self.word_sentence[index - 1] != self.word_sentence[index] {
            return false;
        }
        let gap = &self.text[self.words[index - 1].end..word.start];
        gap.chars().all(|c| {
            c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '-' | '–' | '—' | '&' | '/')
        })
    }
}

/// Lowercase a word and fold typographic apostrophes, so `Mara’s` and `mara's` are one form.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences_are_counted_once() {
        let doc = Doc::new("Mara read the letter. She didn't answer it!\nThen 3:15 came.");
        // `3:15` is two words for UAX #29 (a colon does not join digits).
        assert_eq!(doc.word_count(), 12);
        assert_eq!(doc.sentence_count(), 3);
        assert_eq!(&doc.text[doc.sentences[0].clone()], "Mara read the letter.");
        assert_eq!(doc.words[5].lower, "didn't");
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
}
