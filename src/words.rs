//! Word tokens by the UAX #29 rules, exactly as `unicode-segmentation`'s
//! `unicode_word_indices` finds them, but fast for ASCII text.
//!
//! In ASCII the word-boundary rules reduce to a few: letters, digits and `_` join (WB5,
//! WB8-WB10, WB13a/b); a letter, `:` `.` or `'`, and a letter join (WB6/WB7); a digit, `,`
//! `;` `.` or `'`, and a digit join (WB11/WB12); everything else breaks (WB999). Like
//! `unicode_word_indices`, only segments holding a letter or digit are words. Other texts go
//! to `unicode-segmentation`; the tests compare the two.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The byte ranges of the words of `text`, in order.
pub fn word_bounds(text: &str) -> Vec<Range<usize>> {
    if text.is_ascii() {
        ascii_words(text.as_bytes())
    } else {
        unicode_words(text)
    }
}

/// The reference: `unicode-segmentation`'s words.
fn unicode_words(text: &str) -> Vec<Range<usize>> {
    text.unicode_word_indices()
        .map(|(start, w)| start..start + w.len())
        .collect()
}

fn ascii_words(b: &[u8]) -> Vec<Range<usize>> {
    let joins = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::with_capacity(b.len() / 5);
    let mut i = 0;
    while i < b.len() {
        if !joins(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        loop {
            if i < b.len() && joins(b[i]) {
                i += 1;
                continue;
            }
            if i + 1 < b.len() {
                let (before, mid, after) = (b[i - 1], b[i], b[i + 1]);
                let letters = before.is_ascii_alphabetic()
                    && after.is_ascii_alphabetic()
                    && matches!(mid, b':' | b'.' | b'\'');
                let digits = before.is_ascii_digit()
                    && after.is_ascii_digit()
                    && matches!(mid, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    i += 2;
                    continue;
                }
            }
            break;
        }
        // A run of underscores alone is a segment but not a word.
        if b[start..i].iter().any(u8::is_ascii_alphanumeric) {
            out.push(start..i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn assert_same(text: &str) {
        assert_eq!(word_bounds(text), unicode_words(text), "{text:?}");
    }

    #[test]
    fn tricky_cases_split_as_uax29_does() {
        for text in [
            "Mara's letter, at 9:40 -- didn't she?",
            "e.g. the U.S.A. and 3.14 or 1,000,000; 1;2 a:b a::b a.b.c a..b",
            "_ __ a_b _a a_ 1_2 a1.b 1.a a.1 'quoted' rock'n'roll 90's",
            "end.\r\nnext\ttab \"dq\" x'",
            "",
            "...",
        ] {
            assert_same(text);
        }
    }

    #[test]
    fn every_short_ascii_sequence_splits_as_uax29() {
        let alphabet = [
            'a', 'B', '1', '_', '.', ',', ';', ':', '\'', '"', ' ', '\n', '\r', '-',
        ];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for text in &longer {
                assert_same(text);
            }
            texts = longer;
        }
    }

    proptest! {
        #[test]
        fn ascii_words_agree_with_unicode_segmentation(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'z', 'Q', '0', '9', '_', '.', ',', ';', ':', '\'', '"', ' ', ' ',
                    '\n', '\r', '\t', '-', '!', '?', '(', ')', '/', '&', '@', '#', '\u{7f}',
                    '\u{0}',
                ]),
                0..120,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(word_bounds(&text), unicode_words(&text));
        }
    }
}
