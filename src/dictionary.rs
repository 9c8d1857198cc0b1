//! The English word list (`rules/dictionary/words.txt`, from SCOWL; licence beside it).
//! Used to tell a misspelling from a real word and to keep the lexicon honest.

/// One lowercase word per line, sorted bytewise, compiled in.
pub(crate) const WORDS: &str = include_str!("../rules/dictionary/words.txt");
/// The list's proper names (entries written with a capital), lowercased, same format.
const NAMES: &str = include_str!("../rules/dictionary/names.txt");

/// Is `word` (lowercase) an English word?
pub fn contains(word: &str) -> bool {
    sorted_contains(WORDS, word)
}

/// Is `word` (lowercase) a proper name in the word list (`tom`, `grace`, `lisbon`)?
pub fn is_name(word: &str) -> bool {
    sorted_contains(NAMES, word)
}

/// Binary search over a sorted one-word-per-line text itself, so nothing is built at start-up.
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
    fn lists_are_sorted_lowercase_and_large() {
        for (list, min) in [(WORDS, 100_000), (NAMES, 10_000)] {
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
    }
}
