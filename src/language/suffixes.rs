//! The regular English suffixes the lexicon looks through (`angrier` -> `angry`). build/
//! includes this file too (`#[path]`): it works out at build time what every inflection of a
//! listed word names, with the very same rules the crate documents and tests here. So only
//! `core`/`std` here.

/// Which parts of speech take a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Comparison and derivation of adjectives: -ier, -est, -ly, -ness.
    Adj,
    /// Plurals and third person: -s, -es, -ies.
    NounOrVerb,
    /// Past and participle: -ed, -ied, -ing.
    Verb,
}

/// (suffix, what replaces it on the base, which bases take it), in the order `find_base`
/// tries them.
pub const RULES: &[(&str, &str, Takes)] = &[
    ("iest", "y", Takes::Adj),
    ("ier", "y", Takes::Adj),
    ("ily", "y", Takes::Adj),
    ("ness", "", Takes::Adj),
    ("fully", "ful", Takes::Adj),
    ("ly", "", Takes::Adj),
    ("er", "", Takes::Adj),
    ("er", "e", Takes::Adj),
    ("est", "", Takes::Adj),
    ("est", "e", Takes::Adj),
    ("ies", "y", Takes::NounOrVerb),
    ("es", "", Takes::NounOrVerb),
    ("s", "", Takes::NounOrVerb),
    ("ied", "y", Takes::Verb),
    ("ing", "", Takes::Verb),
    ("ing", "e", Takes::Verb),
    ("ed", "", Takes::Verb),
    ("ed", "e", Takes::Verb),
];

/// The suffixes before which a base's final consonant may be doubled (`stop` -> `stopped`).
pub const DOUBLING: &[&str] = &["ing", "ed", "er", "est"];

/// Bases a regular English suffix may have been added to, with the part of speech that
/// suffix attaches to: `angrier` -> `angry` (adjective), `seethes` -> `seethe` (verb),
/// `stopped` -> `stop`. A light, predictable stand-in for a stemmer: it only proposes bases.
/// `visit` sees them in a fixed order until it returns `Some`, which is returned. Called for
/// every word of every text, so a base is a slice of `word` or one reused buffer, not a new
/// string each.
pub fn find_base<T>(word: &str, mut visit: impl FnMut(&str, Takes) -> Option<T>) -> Option<T> {
    let mut joined = String::new();
    for (suffix, replacement, takes) in RULES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 3 {
            continue;
        }
        let base = if replacement.is_empty() {
            stem
        } else {
            joined.clear();
            joined.push_str(stem);
            joined.push_str(replacement);
            joined.as_str()
        };
        if let Some(found) = visit(base, *takes) {
            return Some(found);
        }
        // A doubled final consonant before -ing/-ed/-er/-est: `stopped` -> `stop`.
        let bytes = stem.as_bytes();
        let n = bytes.len();
        if replacement.is_empty()
            && DOUBLING.contains(suffix)
            && bytes[n - 1] == bytes[n - 2]
            && !b"aeiou".contains(&bytes[n - 1])
            && let Some(found) = visit(&stem[..n - 1], *takes)
        {
            return Some(found);
        }
    }
    None
}

/// Every word `find_base` can propose `base` for: the inverse of its rules, so whatever a
/// token names through a suffix, it names as one of these (build/ works each one out). A
/// superset: `find_base` may stop at another base first.
#[cfg_attr(not(test), allow(dead_code))]
pub fn inflections(base: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (suffix, replacement, _) in RULES {
        let Some(stem) = base.strip_suffix(replacement) else {
            continue;
        };
        if stem.len() < 3 {
            continue;
        }
        out.push(format!("{stem}{suffix}"));
    }
    // `stop` -> `stopped`: the doubled stem is the base and its last letter again.
    if let Some(&last) = base.as_bytes().last()
        && last.is_ascii()
        && !b"aeiou".contains(&last)
        && base.len() + 1 >= 3
    {
        for suffix in DOUBLING {
            out.push(format!("{base}{}{suffix}", last as char));
        }
    }
    out
}
