//! Interjections that announce an affect (`rules/interjections.toml`: "Ugh", "Alas", "Oh no")
//! and the finder the `emotion-interjection` rule runs. build/ compiles the groups into a
//! static table; a lookup walks the text's words once, with no allocation but the result.

use crate::text::Doc;

// GROUPS, compiled by build/ from rules/interjections.toml, and BY_KEY: the (group, phrase)
// pairs by the bucket of the phrase's first word.
include!(concat!(env!("OUT_DIR"), "/interjections.rs"));

#[path = "stretch_key.rs"]
mod stretch_key;
use stretch_key::stretch_key;
// build/ sized the table with the same constant.
const _: () = assert!(BY_KEY.len() == stretch_key::BUCKETS);

/// Where a phrase must stand to count as an interjection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The phrase has no other sense.
    Anywhere,
    /// Followed by punctuation or the end of its sentence, or opening its sentence.
    Standalone,
    /// Opening its sentence (or a quotation) and followed by punctuation.
    Initial,
}

/// Phrases announcing one affect, with the examples they carry.
#[derive(Debug)]
pub struct Group {
    pub announces: &'static str,
    pub position: Position,
    /// Each phrase as its words, lowercase.
    pub phrases: &'static [&'static [&'static str]],
    pub fires: &'static [&'static str],
    pub passes: &'static [&'static str],
}

/// One interjection found in a text: its byte range and the affect it announces.
#[derive(Debug, Clone, PartialEq)]
pub struct Interjection {
    pub start: usize,
    pub end: usize,
    pub announces: &'static str,
}

/// The bundled groups.
pub fn groups() -> &'static [Group] {
    GROUPS
}

/// Every interjection in `doc`, in text order, without overlaps (at one word the longest
/// phrase wins: "oh my god" over "my god").
pub fn find(doc: &Doc) -> Vec<Interjection> {
    let mut out = Vec::new();
    let mut w = 0;
    while w < doc.words.len() {
        let mut best: Option<(usize, &Group)> = None;
        let lower = doc.words[w].lower(doc);
        let candidates: &[(usize, usize)] = match stretch_key(lower.as_bytes()) {
            Some(key) => BY_KEY[key],
            None => &[],
        };
        for &(g, p) in candidates {
            let group = &GROUPS[g];
            let phrase = group.phrases[p];
            if !stretched(lower, phrase[0]) {
                continue;
            }
            let Some(end) = match_phrase(doc, w, phrase) else {
                continue;
            };
            if best.is_none_or(|(e, _)| end > e) && stands(doc, w, end, group.position) {
                best = Some((end, group));
            }
        }
        match best {
            Some((end, group)) => {
                out.push(Interjection {
                    start: doc.words[w].start,
                    end: doc.words[end - 1].end,
                    announces: group.announces,
                });
                w = end;
            }
            None => w += 1,
        }
    }
    out
}

/// Do the words after `w` spell the rest of `phrase`, whose first word `w` is (within one
/// sentence, joined by blanks or hyphens)? Returns the index after its last word.
fn match_phrase(doc: &Doc, w: usize, phrase: &[&str]) -> Option<usize> {
    for (k, form) in phrase.iter().enumerate().skip(1) {
        let i = w + k;
        let word = doc.words.get(i)?;
        if doc.word_sentence[i] != doc.word_sentence[w] {
            return None;
        }
        let gap = &doc.text[doc.words[i - 1].end..word.start];
        let joined = gap == "-" || (!gap.is_empty() && gap.chars().all(char::is_whitespace));
        if !joined || !stretched(word.lower(doc), form) {
            return None;
        }
    }
    Some(w + phrase.len())
}

/// Is `token` the word `form`, possibly with letters repeated ("ughhh", "yaaay", "nooo")?
fn stretched(token: &str, form: &str) -> bool {
    let (t, f) = (token.as_bytes(), form.as_bytes());
    if t.len() < f.len() || t.first() != f.first() {
        return false;
    }
    let mut j = 0;
    for &byte in t {
        if j < f.len() && byte == f[j] {
            j += 1;
        } else if j == 0 || byte != f[j - 1] {
            return false;
        }
    }
    j == f.len()
}

/// Does the phrase of words `start..end` stand where `position` asks?
fn stands(doc: &Doc, start: usize, end: usize, position: Position) -> bool {
    let sentence = doc.word_sentence[start];
    // Punctuation after it, or nothing more in its sentence.
    let followed = match doc.words.get(end) {
        None => true,
        Some(next) => {
            doc.word_sentence[end] != sentence
                || !doc.text[doc.words[end - 1].end..next.start]
                    .trim()
                    .is_empty()
        }
    };
    // First in its sentence, or right after an opening quotation mark, bracket or dash.
    let initial = start == 0
        || doc.word_sentence[start - 1] != sentence
        || doc.text[doc.words[start - 1].end..doc.words[start].start]
            .trim_end()
            .ends_with(['"', '\'', '\u{201C}', '\u{2018}', '(', '\u{2014}']);
    match position {
        Position::Anywhere => true,
        Position::Standalone => followed || initial,
        Position::Initial => followed && initial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        find(&doc)
            .into_iter()
            .map(|i| doc.text[i.start..i.end].to_string())
            .collect()
    }

    /// A token with letters repeated lands in its phrase's bucket, however it is stretched;
    /// another word with the same first letter does not.
    #[test]
    fn stretched_words_share_their_phrase_bucket() {
        for group in groups() {
            for phrase in group.phrases {
                let word = phrase[0];
                let key = stretch_key(word.as_bytes());
                let bytes = word.as_bytes();
                for i in 0..bytes.len() {
                    let mut long = bytes[..=i].to_vec();
                    long.extend(std::iter::repeat_n(bytes[i], 3));
                    long.extend(&bytes[i + 1..]);
                    assert_eq!(stretch_key(&long), key, "{word} stretched at {i}");
                    assert!(stretched(std::str::from_utf8(&long).unwrap(), word));
                }
            }
        }
        assert_ne!(stretch_key(b"hmm"), stretch_key(b"her"));
        assert_eq!(stretch_key(b"aaa"), stretch_key(b"a"));
        assert_eq!(stretch_key(b"9lives"), None);
        assert!(found("Ughhhh, the bus again.").len() == 1);
    }

    /// The data carries its own tests: every group's `fires` examples hold an interjection of
    /// that group, and its `passes` examples none at all.
    #[test]
    fn every_group_passes_its_own_examples() {
        let mut failures = Vec::new();
        for g in groups() {
            for s in g.fires {
                let doc = Doc::new(*s);
                if !find(&doc).iter().any(|i| i.announces == g.announces) {
                    failures.push(format!("{}: should fire on {s:?}", g.announces));
                }
            }
            for s in g.passes {
                let hits = found(s);
                if !hits.is_empty() {
                    failures.push(format!(
                        "{}: should pass {s:?}, found {hits:?}",
                        g.announces
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn longest_phrase_and_stretched_letters() {
        assert_eq!(found("Oh my god, the dog."), ["Oh my god"]);
        assert_eq!(found("Ughhhh. Uh-oh."), ["Ughhhh", "Uh-oh"]);
        assert!(stretched("yaaaay", "yay"));
        assert!(!stretched("yea", "yay"));
        assert!(!stretched("ug", "ugh"));
    }
}
