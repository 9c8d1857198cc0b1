//! Word tokens by the UAX #29 rules, exactly as `unicode-segmentation`'s
//! `unicode_word_indices` finds them, but fast for ASCII text and for text of Latin letters
//! with typographic punctuation (curly quotes, dashes, the ellipsis).
//!
//! In ASCII the word-boundary rules reduce to a few: letters, digits and `_` join (WB5,
//! WB8-WB10, WB13a/b); a letter, `:` `.` or `'`, and a letter join (WB6/WB7); a digit, `,`
//! `;` `.` or `'`, and a digit join (WB11/WB12); everything else breaks (WB999). Like
//! `unicode_word_indices`, only segments holding a letter or digit are words. A text with any
//! other character goes to `unicode-segmentation` whole; the tests compare the two.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The byte ranges of the words of `text`, in order.
pub fn word_bounds(text: &str) -> Vec<Range<usize>> {
    if text.is_ascii() {
        ascii_words(text.as_bytes())
    } else {
        latin_words(text).unwrap_or_else(|| unicode_words(text))
    }
}

/// The reference: `unicode-segmentation`'s words.
fn unicode_words(text: &str) -> Vec<Range<usize>> {
    text.unicode_word_indices()
        .map(|(start, w)| start..start + w.len())
        .collect()
}

// Byte classes for the ASCII rules: a table lookup per byte instead of several range tests.
const JOINS: u8 = 1; // letter, digit or `_`
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
const MID_LETTER: u8 = 8; // `:` `.` `'` between letters
const MID_NUMBER: u8 = 16; // `,` `;` `.` `'` between digits

const CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            JOINS | LETTER
        } else if c.is_ascii_digit() {
            JOINS | DIGIT
        } else {
            match c {
                b'_' => JOINS,
                b':' => MID_LETTER,
                b'.' | b'\'' => MID_LETTER | MID_NUMBER,
                b',' | b';' => MID_NUMBER,
                _ => 0,
            }
        };
        b += 1;
    }
    table
};

/// The class of a character the Latin path handles, `None` for any other: ASCII by the
/// table; Latin-1 and Latin Extended letters are letters (`ALetter`); `‘` and `’` are
/// `MidNumLet`, like `.`; curly double quotes, dashes, the ellipsis and the no-break space
/// belong to no word class.
fn latin_class(c: char) -> Option<u8> {
    match c {
        '\0'..='\u{7f}' => Some(CLASS[c as usize]),
        '\u{D7}' | '\u{F7}' => Some(0),
        '\u{C0}'..='\u{24F}' => Some(JOINS | LETTER),
        '\u{2018}' | '\u{2019}' => Some(MID_LETTER | MID_NUMBER),
        '\u{A0}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' => Some(0),
        _ => None,
    }
}

/// The same rules as `ascii_words` over characters, for text of ASCII and Latin letters
/// with typographic punctuation; `None` when another character appears.
fn latin_words(text: &str) -> Option<Vec<Range<usize>>> {
    let chars: Vec<(usize, u8)> = text
        .char_indices()
        .map(|(i, c)| Some((i, latin_class(c)?)))
        .collect::<Option<_>>()?;
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut out = Vec::with_capacity(chars.len() / 5);
    let mut k = 0;
    while k < chars.len() {
        if chars[k].1 & JOINS == 0 {
            k += 1;
            continue;
        }
        let start = k;
        let mut alphanumeric = 0;
        loop {
            while k < chars.len() && chars[k].1 & JOINS != 0 {
                alphanumeric |= chars[k].1 & (LETTER | DIGIT);
                k += 1;
            }
            if k + 1 < chars.len() {
                let (before, mid, after) = (chars[k - 1].1, chars[k].1, chars[k + 1].1);
                let letters = before & after & LETTER != 0 && mid & MID_LETTER != 0;
                let digits = before & after & DIGIT != 0 && mid & MID_NUMBER != 0;
                if letters || digits {
                    k += 1;
                    continue;
                }
            }
            break;
        }
        if alphanumeric != 0 {
            out.push(chars[start].0..end_of(k));
        }
    }
    Some(out)
}

fn ascii_words(b: &[u8]) -> Vec<Range<usize>> {
    let class = |i: usize| CLASS[b[i] as usize];
    let mut out = Vec::with_capacity(b.len() / 5);
    let mut i = 0;
    while i < b.len() {
        if class(i) & JOINS == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut alphanumeric = 0;
        loop {
            while i < b.len() && class(i) & JOINS != 0 {
                alphanumeric |= class(i) & (LETTER | DIGIT);
                i += 1;
            }
            // A letter, mid-letter punctuation and a letter join; so do digits around
            // mid-number punctuation.
            if i + 1 < b.len() {
                let (before, mid, after) = (class(i - 1), class(i), class(i + 1));
                let letters = before & after & LETTER != 0 && mid & MID_LETTER != 0;
                let digits = before & after & DIGIT != 0 && mid & MID_NUMBER != 0;
                if letters || digits {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        // A run of underscores alone is a segment but not a word.
        if alphanumeric != 0 {
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
    fn every_character_the_latin_path_handles_is_classed_as_uax29_does() {
        // Each handled character between letters, between digits, and alone.
        for c in ('\0'..='\u{2100}').filter(|&c| latin_class(c).is_some()) {
            for text in [
                format!("ab{c}cd"),
                format!("12{c}34"),
                format!("{c}"),
                format!("x{c}"),
                format!("{c}9"),
            ] {
                assert_same(&text);
            }
        }
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
            "Renée didn’t say “no” – she said… café’s 1’000 naïve ‘quote’ a’’b",
        ] {
            assert_same(text);
        }
    }

    #[test]
    fn every_short_ascii_sequence_splits_as_uax29() {
        let alphabet = [
            'a', 'B', '1', '_', '.', ',', ';', ':', '\'', '"', ' ', '\n', '-', 'é', '’', '“',
        ];
        crate::text::testing::for_every_string(&alphabet, 5, assert_same);
    }

    proptest! {
        #[test]
        fn ascii_words_agree_with_unicode_segmentation(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'z', 'Q', '0', '9', '_', '.', ',', ';', ':', '\'', '"', ' ', ' ',
                    '\n', '\r', '\t', '-', '!', '?', '(', ')', '/', '&', '@', '#', '\u{7f}',
                    '\u{0}', 'é', 'Ö', 'ß', 'ł', 'ƒ', '×', '÷', '‘', '’', '“', '”', '–', '—', '…',
                    '\u{a0}', '\u{ad}', '\u{301}', 'ª', '½', '٣', '日', 'א', '\u{200d}',
                ]),
                0..120,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(word_bounds(&text), unicode_words(&text));
        }
    }
}
