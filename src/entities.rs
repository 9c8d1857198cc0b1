//! Anchors and proper names: what must stay constant between a baseline and its variants.
//! Shared by missing-anchor and new-entity so both read names the same way.

#[cfg(test)]
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
        let n = self.keys.len();
        let (first, rest) = self.keys.split_first()?;
        if doc.words.len() < n {
            return None;
        }
        (0..=doc.words.len() - n).find_map(|i| {
            let hit = has_key(doc, i, first)
                && rest
                    .iter()
                    .enumerate()
                    .all(|(j, k)| has_key(doc, i + 1 + j, k));
            hit.then(|| doc.words[i].start..doc.words[i + n - 1].end)
        })
    }
}

/// Is `key` the `entity_key` of word `i` of `doc`? A key is a prefix of its word, so most
/// words are ruled out by their first bytes without working out their key.
#[inline]
pub fn has_key(doc: &Doc, i: usize, key: &str) -> bool {
    let lower = doc.words[i].lower(doc);
    match (lower.as_bytes().first(), key.as_bytes().first()) {
        (Some(a), Some(b)) if a != b => false,
        _ => lower.starts_with(key) && entity_key(lower) == key,
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
        // Every word of NOT_NAMES has four bytes or fewer.
        let lower = w.lower(doc);
        if (lower.len() <= 4 && NOT_NAMES.contains(&lower))
            || !text.chars().any(char::is_alphabetic)
        {
            return false;
        }
        if allow_all_caps {
            return true;
        }
        let mut letters = text.chars().filter(|c| c.is_alphabetic());
        let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
        !all_caps
    };
    let mut mid: Vec<usize> = Vec::new();
    for i in 0..doc.words.len() {
        if doc.is_mid_sentence_capitalized(i) && is_candidate(i) {
            mid.push(i);
        }
    }
    if mid.is_empty() {
        return mid; // no name: nothing to find at sentence starts either
    }
    let mut known: Vec<&str> = mid.iter().map(|&i| doc.words[i].lower(doc)).collect();
    known.sort_unstable();
    known.dedup();
    let bytes = doc.text.as_bytes();
    let mut out = Vec::with_capacity(mid.len());
    let mut next_mid = mid.iter().copied().peekable();
    for (i, w) in doc.words.iter().enumerate() {
        if next_mid.next_if_eq(&i).is_some() {
            out.push(i);
            continue;
        }
        // The cheap capital test first: most words are not capitalised.
        let capital = match bytes[w.start] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => doc.text[w.start..].starts_with(|c: char| c.is_uppercase()),
        };
        if capital && known.binary_search(&w.lower(doc)).is_ok() {
            out.push(i);
        }
    }
    out
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
            let key = entity_key(w.lower(baseline));
            // A name is mostly mentioned more than once: build it only the first time.
            if out.iter().any(|a| a.keys.len() == 1 && a.keys[0] == key) {
                continue;
            }
            push(
                &mut out,
                Anchor {
                    label: baseline.text[w.span()].to_string(),
                    keys: vec![key.to_string()],
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
    use proptest::prelude::*;

    /// `name_words` as it was before its single pass.
    fn name_words_reference(doc: &Doc, allow_all_caps: bool) -> Vec<usize> {
        // Proven equal to its own old form by the tests in text.rs.
        let is_mid = |index: usize| doc.is_mid_sentence_capitalized(index);
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
            .filter(|&i| is_mid(i) && is_candidate(i))
            .collect();
        let known: BTreeSet<&str> = mid.iter().map(|&i| doc.words[i].lower(doc)).collect();
        if known.is_empty() {
            return mid;
        }
        (0..doc.words.len())
            .filter(|&i| {
                mid.binary_search(&i).is_ok()
                    || (doc.text[doc.words[i].start..].starts_with(|c: char| c.is_uppercase())
                        && known.contains(doc.words[i].lower(doc)))
            })
            .collect()
    }

    /// `Anchor::find` as it was before it compared first bytes.
    fn find_reference(anchor: &Anchor, doc: &Doc) -> Option<Range<usize>> {
        if anchor.keys.is_empty() || doc.words.len() < anchor.keys.len() {
            return None;
        }
        (0..=doc.words.len() - anchor.keys.len()).find_map(|i| {
            let hit = anchor
                .keys
                .iter()
                .enumerate()
                .all(|(j, k)| entity_key(doc.words[i + j].lower(doc)) == k);
            hit.then(|| doc.words[i].start..doc.words[i + anchor.keys.len() - 1].end)
        })
    }

    /// `inferred` as it was before it skipped repeated names early.
    fn inferred_reference(baseline: &Doc, names: bool, numbers: bool) -> Vec<Anchor> {
        let mut out: Vec<Anchor> = Vec::new();
        let push = |out: &mut Vec<Anchor>, anchor: Anchor| {
            if !out.iter().any(|a| a.keys == anchor.keys) {
                out.push(anchor);
            }
        };
        if names {
            for i in name_words_reference(baseline, true) {
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
                let keys = number.unicode_words().map(|w| w.to_string()).collect();
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

    fn summary(anchors: &[Anchor]) -> Vec<(String, Vec<String>, Origin)> {
        anchors
            .iter()
            .map(|a| (a.label.clone(), a.keys.clone(), a.origin))
            .collect()
    }

    proptest! {
        #[test]
        fn names_anchors_and_mentions_match_the_reference(
            text in crate::features::tests::narrative_text(),
            other in crate::features::tests::narrative_text(),
        ) {
            let doc = Doc::new(text.as_str());
            for allow_all_caps in [false, true] {
                prop_assert_eq!(
                    name_words(&doc, allow_all_caps),
                    name_words_reference(&doc, allow_all_caps),
                    "{:?}", text
                );
            }
            prop_assert_eq!(
                summary(&inferred(&doc, true, true)),
                summary(&inferred_reference(&doc, true, true)),
                "{:?}", text
            );
            // Anchors from another text and declared ones, looked for in this one.
            let mut anchors = inferred(&Doc::new(other.as_str()), true, true);
            for declared in ["the letter", "Marta", "88", "9:40", "Garnet Road", "o", "'s", ""] {
                anchors.push(Anchor::declared(declared));
            }
            for anchor in &anchors {
                prop_assert_eq!(anchor.find(&doc), find_reference(anchor, &doc), "{:?} in {:?}", anchor.keys, text);
            }
        }
    }

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
        crate::rules::testing::for_every_string(&alphabet, 5, |text| {
            let expected: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(number_spans(text), expected, "{text}");
        });
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
