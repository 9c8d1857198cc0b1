//! The English word list (`rules/dictionary/words.txt`, from SCOWL; licence beside it).
//! Used to tell a misspelling from a real word and to keep the lexicon honest.

/// One lowercase word per line, sorted bytewise, compiled in.
const WORDS: &str = include_str!("../rules/dictionary/words.txt");

/// Is `word` (lowercase) an English word? Binary search over the sorted text itself, so
/// nothing is built at start-up.
pub fn contains(word: &str) -> bool {
    let bytes = WORDS.as_bytes();
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
        match WORDS[start..end].cmp(word) {
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
    fn list_is_sorted_lowercase_and_large() {
        let words: Vec<&str> = WORDS.lines().collect();
        assert!(words.len() > 100_000);
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(
            words
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '\''))
        );
    }
}
