//! Test inputs shared by the tests of every stage (compiled for tests only).

use proptest::prelude::*;

/// Call `check` with every string of 1 to `max_len` characters drawn from `alphabet`: an
/// exhaustive comparison of a fast path with its reference over short inputs.
pub fn for_every_string(alphabet: &[char], max_len: usize, mut check: impl FnMut(&str)) {
    let mut texts = vec![String::new()];
    for _ in 0..max_len {
        texts = texts
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        for text in &texts {
            check(text);
        }
    }
}

/// Narrative text with what the narrative features look at: quotes of every kind,
/// dialogue, I/we/you forms, auxiliaries, -ed words (past forms and not), names,
/// all-caps words, ellipses, and some non-ASCII.
pub fn narrative_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "I",
        "i",
        "we",
        "We",
        "me",
        "my",
        "our",
        "ourselves",
        "I'm",
        "I’m",
        "we're",
        "we'd",
        "you",
        "You",
        "your",
        "yourself",
        "you're",
        "she",
        "He",
        "they",
        "was",
        "were",
        "had",
        "did",
        "wasn't",
        "didn’t",
        "is",
        "are",
        "am",
        "has",
        "does",
        "isn't",
        "it's",
        "he's",
        "they're",
        "opened",
        "closed",
        "folded",
        "needed",
        "indeed",
        "waited",
        "speed",
        "hundred",
        "carried",
        "agreed",
        "bed",
        "used",
        "OPENED",
        "Opened",
        "the",
        "letter",
        "letters",
        "a",
        "Dana",
        "Omar",
        "Marta's",
        "Marta’s",
        "NO",
        "CI",
        "OK",
        "Mr",
        "St",
        "Élan",
        "ÉCOLE",
        "ß",
        "88",
        "9:40",
        "3.5",
        "Road",
        "Garnet",
        " ",
        " ",
        " ",
        " ",
        ". ",
        ". ",
        ", ",
        "! ",
        "? ",
        "...",
        "....",
        "......",
        "…",
        "\"",
        "\"",
        "“",
        "”",
        "«",
        "»",
        ": ",
        " (",
        ") ",
        " — ",
        "-",
        "\n",
        "\n\n",
        "'",
        "’",
        "; ",
        "&",
        "/",
        "\t",
        "צה\"ל",
    ];
    prop_oneof![
        3 => proptest::collection::vec(proptest::sample::select(PIECES), 0..120)
            .prop_map(|pieces| pieces.concat()),
        1 => crate::text::sentences::tests::tricky_text(),
    ]
}
