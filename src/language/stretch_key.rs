//! The bucket of an interjection's first word, shared with build/ (which files each phrase
//! under it): the first letter and the first letter that differs from it. Repeating letters
//! ("ughhh", "yaaay", "nooo") keeps both, so a stretched token lands in its phrase's bucket
//! and a word looks only at the few phrases there.

/// Buckets: 26 first letters times (no other letter, `a`..`z`, anything else).
pub const BUCKETS: usize = 26 * 28;

/// The bucket of a lowercase word, or `None` when it does not start with `a`..`z`.
pub fn stretch_key(word: &[u8]) -> Option<usize> {
    let first = *word.first()?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    let second = match word.iter().find(|&&b| b != first) {
        None => 0,
        Some(b @ b'a'..=b'z') => usize::from(b - b'a') + 1,
        Some(_) => 27,
    };
    Some(usize::from(first - b'a') * 28 + second)
}
