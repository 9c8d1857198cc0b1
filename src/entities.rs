//! Anchors and proper names: what must stay constant between a baseline and its variants.
//! Shared by missing-anchor and new-entity so both read names the same way.

use std::collections::BTreeSet;
use std::ops::Range;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

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
    /// A capitalised name in the baseline.
    Name,
    /// A number or time in the baseline.
    Number,
}

#[derive(Debug, Clone)]
pub struct Anchor {
    /// As the author wrote it (declared) or as the baseline spells it (inferred).
    pub label: String,
    /// Comparison keys, one per word (lowercase, possessive and plural folded).
    pub keys: Vec<String>,
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
            origin: Origin::Declared,
        }
    }

    /// The byte span of the first mention in `doc`, if any.
    pub fn find(&self, doc: &Doc) -> Option<Range<usize>> {
        if self.keys.is_empty() || doc.words.len() < self.keys.len() {
            return None;
        }
        (0..=doc.words.len() - self.keys.len()).find_map(|i| {
            let hit = self
                .keys
                .iter()
                .enumerate()
                .all(|(j, k)| entity_key(doc.words[i + j].lower(doc)) == k);
            hit.then(|| doc.words[i].start..doc.words[i + self.keys.len() - 1].end)
        })
    }
}

/// Word indices of `doc` written like proper names: capitalised mid-sentence, or at a
/// sentence start when the same word is capitalised mid-sentence elsewhere in the text.
/// All-caps words count only when `allow_all_caps` (acronyms in a neutral baseline; in a
/// variant they are more often shouting).
pub fn name_words(doc: &Doc, allow_all_caps: bool) -> Vec<usize> {
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
        .filter(|&i| doc.is_mid_sentence_capitalized(i) && is_candidate(i))
        .collect();
    let known: BTreeSet<&str> = mid.iter().map(|&i| doc.words[i].lower(doc)).collect();
    if known.is_empty() {
        return mid; // no name: nothing to find at sentence starts either
    }
    (0..doc.words.len())
        .filter(|&i| {
            mid.binary_search(&i).is_ok()
                // The cheap capital test first: most words are not capitalised.
                || (doc.text[doc.words[i].start..].starts_with(|c: char| c.is_uppercase())
                    && known.contains(doc.words[i].lower(doc)))
        })
        .collect()
}

/// Anchors inferred from a baseline: its proper names and its numbers and times.
pub fn inferred(baseline: &Doc, names: bool, numbers: bool) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let push = |out: &mut Vec<Anchor>, anchor: Anchor| {
        if !out.iter().any(|a| a.keys == anchor.keys) {
            out.push(anchor);
        }
    };
    if names {
        for i in name_words(baseline, true) {
            let w = &baseline.words[i];
            push(
                &mut out,
                Anchor {
                    label: baseline.text[w.span()].to_string(),
                    keys: vec![entity_key(w.lower(baseline)).to_string()],
                    origin: Origin::Name,
                },
            );
        }
    }
    if numbers {
        for span in number_spans(&baseline.text) {
            let number = &baseline.text[span];
            let keys = number
                .unicode_words()
                .map(|w| w.to_string())
                .collect::<Vec<_>>();
            push(
                &mut out,
                Anchor {
                    label: number.to_string(),
                    keys,
                    origin: Origin::Number,
                },
            );
        }
    }
    out
}

/// Numbers and times in `text` (`88`, `9:40`, `3.5`, `1/2`): the matches of
/// `\d+(?:[:.,/]\d+)*`, where `\d` is any Unicode decimal digit.
fn number_spans(text: &str) -> Vec<Range<usize>> {
    if text.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        static NUMBER: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let number = NUMBER.get_or_init(|| {
            Regex::new(r"\d+(?:[:.,/]\d+)*").expect("static number pattern compiles")
        });
        return number.find_iter(text).map(|m| m.range()).collect();
    }
    // Only ASCII digits, so `\d` is `[0-9]`: the same matches by a plain scan, which spares
    // compiling the regex (a tenth of checking one scenario).
    let bytes = text.as_bytes();
    let digits_from = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        i = digits_from(i);
        // A separator joins the number only when digits follow it.
        while i + 1 < bytes.len()
            && matches!(bytes[i], b':' | b'.' | b',' | b'/')
            && bytes[i + 1].is_ascii_digit()
        {
            i = digits_from(i + 1);
        }
        spans.push(start..i);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(anchors: &[Anchor]) -> Vec<&str> {
        anchors.iter().map(|a| a.label.as_str()).collect()
    }

    #[test]
    fn infers_names_and_numbers_from_a_baseline() {
        let doc = Doc::new(
            "Owen opened the review at 9:40. The comment from Marta was on line 88. \
             Marta asked for a rewrite. It said “Please split this.” The CI build was green. I read it.",
        );
        let anchors = inferred(&doc, true, true);
        assert_eq!(labels(&anchors), ["Marta", "CI", "9:40", "88"]);
        assert_eq!(anchors[2].keys, ["9", "40"]);
    }

    #[test]
    fn number_scan_matches_the_regex() {
        let regex = Regex::new(r"\d+(?:[:.,/]\d+)*").unwrap();
        for text in [
            "At 9:40. Line 88, then 1.2.3 and 1..2 or 3/4/ and 12:30. 7,000,000 x9y 0",
            "5",
            "a:1:b 2:, 3::4 ,5, 6.",
            "Ünïcode 12 and ٣٤ digits 1٣",
            "",
        ] {
            let expected: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(number_spans(text), expected, "{text}");
        }
        // Every text of up to five characters over digits, separators and a letter.
        let alphabet = ['1', '2', ':', '.', ',', '/', 'a'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for text in &longer {
                let expected: Vec<Range<usize>> =
                    regex.find_iter(text).map(|m| m.range()).collect();
                assert_eq!(number_spans(text), expected, "{text}");
            }
            texts = longer;
        }
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
