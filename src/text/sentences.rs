//! Sentence bounds by the UAX #29 rules, exactly as `unicode-segmentation` finds them, but fast.
//!
//! `unicode-segmentation`'s sentence iterator binary-searches a table for every character and
//! was half the cost of tokenizing a text. Corpus texts are nearly always ASCII plus a few
//! typographic characters (curly quotes, dashes, the ellipsis), so text made only of those is
//! split here, applying rules SB1–SB11 to a small class table. A text with any other character
//! goes to `unicode-segmentation` whole, so every input gets the bounds it always got (the tests
//! compare the two).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the sentences of `text`: in order, contiguous, covering the whole text
/// (trailing spaces and line breaks belong to the sentence they end). Empty text has none.
pub fn sentence_bounds(text: &str) -> Vec<Range<usize>> {
    fast_bounds(text).unwrap_or_else(|| unicode_bounds(text))
}

/// The reference: `unicode-segmentation`'s sentence bounds.
fn unicode_bounds(text: &str) -> Vec<Range<usize>> {
    text.split_sentence_bound_indices()
        .map(|(start, sentence)| start..start + sentence.len())
        .collect()
}

/// The UAX #29 `Sentence_Break` value of a character the fast path handles (`Other` is the
/// property's `Any`; `OLetter`, `Sep`, `Extend` and `Format` characters are never handled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Cr,
    Lf,
    Sp,
    ATerm,
    STerm,
    Close,
    SContinue,
    Numeric,
    Upper,
    Lower,
}

/// The class of `c`, or `None` when the text must go to `unicode-segmentation`. The values are
/// those of the Unicode tables `unicode-segmentation` uses; a test checks each one against it,
/// so an upgrade that changes one fails there.
fn class_of(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        'a'..='z' => Lower,
        'A'..='Z' => Upper,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' => Sp,
        '.' => ATerm,
        '!' | '?' => STerm,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => SContinue,
        '0'..='9' => Numeric,
        '\n' => Lf,
        '\r' => Cr,
        // Quotes (straight, curly, low-9 and guillemets) and brackets.
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Close,
        '\u{2018}'..='\u{201F}' | '«' | '»' => Close,
        // Latin-1 letters; `×` and `÷` sit among them but are symbols.
        '×' | '÷' => Other,
        'À'..='Þ' => Upper,
        'ß'..='ÿ' => Lower,
        '\u{00}'..='\u{7F}' | '…' => Other,
        _ => return None,
    })
}

/// `SATerm Close* Sp*`: how a run ending a sentence looks so far.
#[derive(Debug, Clone, Copy)]
struct Terminator {
    /// The run began with a full stop (`ATerm`), which may end an abbreviation (SB8).
    full_stop: bool,
    /// Spaces have followed, so a closing quote or bracket no longer extends the run (SB9).
    spaced: bool,
}

/// What the rules need to know about the text before a candidate break.
#[derive(Debug, Clone, Copy)]
struct Before {
    /// The classes of the last two characters (SB3–SB7 look back that far).
    last: Class,
    second_last: Class,
    /// Set while the text ends in `SATerm Close* Sp*`.
    terminator: Option<Terminator>,
}

impl Before {
    const START: Before = Before {
        last: Class::Other,
        second_last: Class::Other,
        terminator: None,
    };

    /// No rule can break before the next character, nor before any later one until a
    /// terminator or line break comes (SB4, SB6, SB7 and SB8–SB11 all need one).
    fn is_settled(&self) -> bool {
        self.terminator.is_none() && !matches!(self.last, Class::Cr | Class::Lf | Class::ATerm)
    }

    fn push(&mut self, class: Class) {
        self.terminator = match class {
            Class::ATerm | Class::STerm => Some(Terminator {
                full_stop: class == Class::ATerm,
                spaced: false,
            }),
            Class::Close => self.terminator.filter(|t| !t.spaced),
            Class::Sp => self.terminator.map(|t| Terminator { spaced: true, ..t }),
            _ => None,
        };
        self.second_last = self.last;
        self.last = class;
    }

    /// Is there a sentence break between this text and a following character of class `next`?
    /// `lower_follows` runs SB8's look-ahead, only when SB8 can apply.
    fn breaks_before(&self, next: Class, lower_follows: impl FnOnce() -> bool) -> bool {
        use Class::*;
        match (self.last, next) {
            (Cr, Lf) => return false,         // SB3
            (Cr | Lf, _) => return true,      // SB4: a sentence always ends at a line break
            (ATerm, Numeric) => return false, // SB6: 3.14
            (ATerm, Upper) if matches!(self.second_last, Upper | Lower) => return false, // SB7: U.S.
            _ => {}
        }
        let Some(terminator) = self.terminator else {
            return false; // SB998
        };
        if terminator.full_stop && lower_follows() {
            return false; // SB8: "e.g. the", "etc.) and"
        }
        match next {
            SContinue | STerm | ATerm => false, // SB8a: "Wait...", "Really?!", "a., b"
            Close => terminator.spaced,         // SB9 keeps "Stop." together; after a space, SB11
            Sp | Cr | Lf => false,              // SB9, SB10
            _ => true,                          // SB11
        }
    }
}

/// SB8's look-ahead, `( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower`: does a lowercase
/// letter come before any other letter, line break or terminator? One scan answers for every
/// start up to the character that decided it, which keeps a long run of, say, commas after a
/// full stop linear.
#[derive(Default)]
struct LowerAhead {
    /// Where the last scan stopped (the deciding character, or the end of the text).
    decided_at: usize,
    lower: bool,
}

impl LowerAhead {
    fn at(&mut self, text: &str, start: usize) -> bool {
        if start > self.decided_at {
            // `fast_bounds` checked that every character has a class.
            let decider = text[start..].char_indices().find_map(|(offset, c)| {
                let class = class_of(c)?;
                match class {
                    Class::Upper | Class::ATerm | Class::STerm | Class::Cr | Class::Lf => {
                        Some((start + offset, false))
                    }
                    Class::Lower => Some((start + offset, true)),
                    _ => None,
                }
            });
            (self.decided_at, self.lower) = decider.unwrap_or((text.len(), false));
        }
        self.lower
    }
}

/// The sentence bounds of `text`, if every character in it has a class here.
fn fast_bounds(text: &str) -> Option<Vec<Range<usize>>> {
    if !text.is_ascii() && !text.chars().all(|c| class_of(c).is_some()) {
        return None;
    }
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut before = Before::START;
    let mut lower_ahead = LowerAhead::default();
    let mut i = 0;
    while i < text.len() {
        if before.is_settled() {
            // Skip to the next terminator or line break: no break can come before it, and
            // only the class of the character just before it matters to the rules.
            let Some(skip) = text.as_bytes()[i..]
                .iter()
                .position(|&b| is_sentence_end_byte(b))
            else {
                break;
            };
            if skip > 0 {
                i += skip;
                let previous = text[..i].chars().next_back().and_then(class_of);
                before.last = previous.unwrap_or(Class::Other);
            }
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let class = class_of(c).unwrap_or(Class::Other); // every character was checked above
        // SB1: the first character starts a sentence; there is no break to decide before it.
        if i > 0 && before.breaks_before(class, || lower_ahead.at(text, i)) {
            bounds.push(start..i);
            start = i;
        }
        before.push(class);
        i += c.len_utf8();
    }
    if !text.is_empty() {
        bounds.push(start..text.len()); // SB2
    }
    Some(bounds)
}

/// The bytes of the characters that can end a sentence or make the next one start: terminators
/// and line breaks. All handled ones are ASCII, and an ASCII byte in UTF-8 is always a character.
fn is_sentence_end_byte(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fast_pieces(text: &str) -> Vec<&str> {
        let bounds = fast_bounds(text).unwrap_or_else(|| panic!("not handled: {text:?}"));
        bounds.into_iter().map(|r| &text[r]).collect()
    }

    fn assert_same_as_unicode(text: &str) {
        assert_eq!(
            fast_bounds(text).unwrap_or_else(|| panic!("not handled: {text:?}")),
            unicode_bounds(text),
            "{text:?}"
        );
    }

    #[test]
    fn tricky_cases_split_as_uax29_does() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("Mr. Smith left.", &["Mr. ", "Smith left."]),
            ("See e.g. the list.", &["See e.g. the list."]),
            ("It cost 3.14 today.", &["It cost 3.14 today."]),
            (
                "He said \"Stop.\" Then left.",
                &["He said \"Stop.\" ", "Then left."],
            ),
            (
                "He said “Stop.” Then left.",
                &["He said “Stop.” ", "Then left."],
            ),
            ("Wait... what", &["Wait... what"]),
            ("Wait... What", &["Wait... ", "What"]),
            ("Wait… What", &["Wait… What"]),
            ("Really?! No.", &["Really?! ", "No."]),
            (".\n\nNext", &[".\n", "\n", "Next"]),
            ("End.\r\nNext", &["End.\r\n", "Next"]),
            ("no stop\nnext line", &["no stop\n", "next line"]),
            ("approx. ten more", &["approx. ten more"]),
            (
                "He said \"Stop.\" then left.",
                &["He said \"Stop.\" then left."],
            ),
            ("(Fine.) Next.", &["(Fine.) ", "Next."]),
            ("Fine. (Next.)", &["Fine. ", "(Next.)"]),
            ("Fine? (next)", &["Fine? ", "(next)"]),
            ("Fine. (next)", &["Fine. (next)"]),
            ("Stop!, she said.", &["Stop!, she said."]),
            ("Stop! she said.", &["Stop! ", "she said."]),
            ("The U.S. Army", &["The U.S. ", "Army"]),
            ("in the U.S.A. today", &["in the U.S.A. today"]),
            ("She paused — then went.", &["She paused — then went."]),
            ("End. — Then", &["End. — Then"]),
            ("End. 42 More.", &["End. ", "42 More."]),
            ("End. 42 more", &["End. 42 more"]),
            ("End.42", &["End.42"]),
            ("Café. Été", &["Café. ", "Été"]),
            ("café. été", &["café. été"]),
        ];
        for (text, expected) in cases {
            assert_eq!(&fast_pieces(text), expected, "{text:?}");
            assert_same_as_unicode(text);
        }
        // Shapes the property test found when rules were deliberately broken.
        for text in [
            ". '.", ".3.", "! '3", "…Mr", ".a'.Mr", "3... '", ". '3", "a.Mr",
        ] {
            assert_same_as_unicode(text);
        }
    }

    #[test]
    fn other_characters_fall_back_to_unicode_segmentation() {
        for text in [
            "日本語。次",
            "a.\u{301} b",
            "Line\u{2028}Next",
            "Ok. 😀 Next",
        ] {
            assert!(fast_bounds(text).is_none(), "{text:?}");
            assert_eq!(sentence_bounds(text), unicode_bounds(text), "{text:?}");
        }
    }

    /// Every handled character must have its table class. Each class differs from every other
    /// in at least one of these contexts.
    #[test]
    fn every_handled_character_splits_as_its_uax29_class() {
        let contexts = [
            "a.{}B",
            "a. {}B",
            "a{}b",
            "a. {}",
            "{}.B",
            "a{}\nb",
            "a?{} b",
            "a.{}\u{2014}b",
        ];
        let handled = (0..=0x2100u32)
            .filter_map(char::from_u32)
            .filter(|&c| class_of(c).is_some());
        for c in handled {
            for context in contexts {
                assert_same_as_unicode(&context.replace("{}", &c.to_string()));
            }
        }
    }

    /// All texts up to five characters over one character of each class: the rules look back
    /// and ahead over short runs, so this covers every way two or three classes interact.
    #[test]
    fn every_short_sequence_of_classes_splits_as_uax29() {
        const ONE_OF_EACH: [char; 11] = ['x', '\r', '\n', ' ', '.', '?', '"', ',', '7', 'X', '*'];
        crate::text::testing::for_every_string(&ONE_OF_EACH, 5, assert_same_as_unicode);
    }

    /// Text heavy in what sentence rules look at: terminators, quotes, brackets, spaces, line
    /// ends, digits and case. Half the texts are ASCII (the common case, with its own paths);
    /// the rest add typographic characters and now and then one only the fallback handles.
    pub(crate) fn tricky_text() -> impl Strategy<Value = String> {
        const ASCII: &[&str] = &[
            ".", ".", ".", "!", "?", "'", "\"", "(", ")", "[", "]", ",", ";", ":", "-", "...",
            "\n", "\n", "\r\n", "\r", " ", " ", " ", "  ", "\t", "3", "14", "a", "b", "the", "e",
            "g", "Mr", "A", "B", "She", "U", "S", "#", "&", "*", "%", "\u{7}",
        ];
        const TYPOGRAPHIC: &[&str] = &[
            "’", "‘", "”", "“", "—", "–", "…", "\u{A0}", "é", "É", "ß", "«", "»", "Mara’s",
        ];
        const FALLBACK_ONLY: &[&str] = &[
            "😀", "日", "\u{301}", "\u{2028}", "\u{AD}", "\u{85}", "ʼ", "İ", "Σ",
        ];
        let ascii = proptest::sample::select(ASCII);
        let any = prop_oneof![
            45 => proptest::sample::select(ASCII),
            14 => proptest::sample::select(TYPOGRAPHIC),
            1 => proptest::sample::select(FALLBACK_ONLY),
        ];
        prop_oneof![
            proptest::collection::vec(ascii, 0..80),
            proptest::collection::vec(any, 0..80),
        ]
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn fast_path_agrees_with_unicode_segmentation(text in tricky_text()) {
            let reference = unicode_bounds(&text);
            if let Some(fast) = fast_bounds(&text) {
                prop_assert_eq!(fast, reference.clone(), "{:?}", text);
            }
            prop_assert_eq!(sentence_bounds(&text), reference, "{:?}", text);
        }
    }
}
