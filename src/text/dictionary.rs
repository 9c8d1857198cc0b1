//! The English word list (`rules/dictionary/words.txt`, from SCOWL; licence beside it).
//! Used to tell a misspelling from a real word and to keep the lexicon honest.

use crate::text::tables::line_index;

/// One lowercase word per line, sorted bytewise, compiled in.
pub(crate) const WORDS: &str = include_str!("../../rules/dictionary/words.txt");
/// The list's proper names (entries written with a capital), lowercased, same format.
const NAMES: &str = include_str!("../../rules/dictionary/names.txt");
/// Hash indexes of the two lists' lines (`tables::line_index`), laid out by build/, so a
/// lookup is a hash and usually one comparison and nothing is built at start-up.
static WORD_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.slots"));
static NAME_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.slots"));
/// The words the list writes only with capitals (`saturday`, `gibson`, `hbo`; not `grace` or
/// `ford`, which it also has in lower case): such a word is a name wherever it stands.
const PROPER: &str = include_str!("../../rules/dictionary/proper.txt");
static PROPER_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/proper.slots"));

/// Is `word` (lowercase) an English word?
pub fn contains(word: &str) -> bool {
    line_index::contains(WORDS, WORD_SLOTS, word)
}

/// Is `word` (lowercase) a proper name in the word list (`tom`, `grace`, `lisbon`)?
pub fn is_name(word: &str) -> bool {
    line_index::contains(NAMES, NAME_SLOTS, word)
}

/// Is `word` (lowercase) a proper name that the list never writes in lower case (`saturday`,
/// `washington`, `gibson`)? `grace`, `ford` and `will` are also common words, so they are not.
pub fn is_proper_only(word: &str) -> bool {
    line_index::contains(PROPER, PROPER_SLOTS, word)
}

/// Is `word` (lowercase) a common word: in the list, and written there in lower case?
pub fn is_common(word: &str) -> bool {
    contains(word) && !is_proper_only(word)
}

/// Binary search over a sorted one-word-per-line text itself: what the indexes must agree with.
#[cfg(test)]
fn sorted_contains(list: &str, word: &str) -> bool {
    let bytes = list.as_bytes();
    let (mut lo, mut hi) = (0usize, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // Move to the start of the line that holds `mid`.
        let start = bytes[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[mid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| mid + i);
        match list[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

pub fn len() -> usize {
    WORDS.lines().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_and_rejects_non_words() {
        for w in [
            "a", "curious", "furious", "graceful", "zygote", "don't", "aardvark",
        ] {
            assert!(contains(w), "{w}");
        }
        for w in ["furius", "grateflu", "", "zzzzzz", "Curious"] {
            assert!(!contains(w), "{w}");
        }
    }

    #[test]
    fn indexes_agree_with_binary_search() {
        for (list, slots) in [
            (WORDS, WORD_SLOTS),
            (NAMES, NAME_SLOTS),
            (PROPER, PROPER_SLOTS),
        ] {
            let mut probes = 0;
            for w in list.lines() {
                assert!(line_index::contains(list, slots, w), "{w}");
                // Near words, most of them not in the list: prefixes, extensions, one letter
                // changed, and the word with its line break.
                let mut near = vec![
                    format!("{w}s"),
                    format!("{w}\n"),
                    format!("{w}e"),
                    w.to_uppercase(),
                    w[..w.len() - 1].to_string(),
                    w.replacen(|c: char| c.is_ascii_lowercase(), "q", 1),
                ];
                near.push(format!("x{w}"));
                for n in near {
                    assert_eq!(
                        line_index::contains(list, slots, &n),
                        sorted_contains(list, &n),
                        "{n:?}"
                    );
                    probes += 1;
                }
            }
            assert!(probes > 0);
        }
        for w in [
            "",
            "\n",
            "a\nb",
            "naïve",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        ] {
            assert_eq!(contains(w), sorted_contains(WORDS, w), "{w:?}");
            assert_eq!(is_name(w), sorted_contains(NAMES, w), "{w:?}");
        }
    }

    #[test]
    fn lists_are_sorted_lowercase_and_large() {
        for (list, min) in [(WORDS, 100_000), (NAMES, 10_000), (PROPER, 10_000)] {
            let words: Vec<&str> = list.lines().collect();
            assert!(words.len() > min);
            assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
            assert!(
                words
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '\''))
            );
        }
        assert!(is_name("grace") && is_name("tom") && !is_name("coffee"));
        // Every proper-only name is a word, and never a common word.
        for w in PROPER.lines() {
            assert!(contains(w) && !is_common(w), "{w}");
        }
        for w in [
            "saturday",
            "washington",
            "gibson",
            "hollywood",
            "spanish",
            "hbo",
            "marta",
        ] {
            assert!(is_proper_only(w), "{w}");
        }
        for w in [
            "grace",
            "ford",
            "will",
            "great",
            "excellent",
            "heaven",
            "mark",
        ] {
            assert!(is_common(w) && !is_proper_only(w), "{w}");
        }
    }
}
