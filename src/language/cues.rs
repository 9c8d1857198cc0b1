//! Affect cues: which emotion family a word shows (`rules/cues.toml`, words of the body,
//! actions and perception written for pairlint) and how pleasant it is (`rules/valence/`, the
//! VADER lexicon's mean ratings, MIT). The `emotion-mismatch` rule reads them for the words a
//! variant adds to its baseline. build/ compiles both into one table.

use crate::text::tables::WordTable;

// CUE_FAMILIES (family names, sorted), CUE_EXAMPLES (each family's example sentences) and
// CUES: word -> (index into CUE_FAMILIES or u8::MAX, valence in tenths of VADER's -4..4 scale).
include!(concat!(env!("OUT_DIR"), "/cues.rs"));

/// What a word shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue {
    /// The family whose emotion the word shows, if cues.toml lists it.
    pub family: Option<&'static str>,
    /// Valence on VADER's scale (-4 most unpleasant, +4 most pleasant); 0 when not rated.
    pub valence: f32,
}

/// A 65,536-bit Bloom filter over the table's words (8 KB, two bits a word): the rule looks up
/// every word of every text, most of them in no list, and the filter answers those from the
/// first-level cache where the table itself (some 7,500 words) would miss it.
fn filter() -> &'static [u64; 1024] {
    static FILTER: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    FILTER.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for (key, _) in CUES.iter() {
            for bit in filter_bits(crate::text::tables::word_hash(key)) {
                bits[bit / 64] |= 1 << (bit % 64);
            }
        }
        bits
    })
}

fn filter_bits(hash: u64) -> [usize; 2] {
    [
        ((hash >> 20) & 0xFFFF) as usize,
        ((hash >> 40) & 0xFFFF) as usize,
    ]
}

/// The cue of a lowercase word, if it has a family or a valence.
pub fn cue(word: &str) -> Option<Cue> {
    let bits = filter();
    let hash = crate::text::tables::word_hash(word);
    if filter_bits(hash)
        .iter()
        .any(|&bit| bits[bit / 64] & (1 << (bit % 64)) == 0)
    {
        return None;
    }
    let &(family, tenths) = CUES.get(word)?;
    Some(Cue {
        family: CUE_FAMILIES.get(usize::from(family)).copied(),
        valence: f32::from(tenths) / 10.0,
    })
}

/// The families cues.toml covers, with their example sentences.
pub fn families() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    CUE_FAMILIES
        .iter()
        .copied()
        .zip(CUE_EXAMPLES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cue word of a family.
    fn cues_of(family: &str) -> Vec<&'static str> {
        let Some(index) = CUE_FAMILIES.iter().position(|f| *f == family) else {
            return Vec::new();
        };
        CUES.iter()
            .filter(|(_, (f, _))| usize::from(*f) == index)
            .map(|(w, _)| w)
            .collect()
    }

    #[test]
    fn words_have_their_family_and_valence() {
        let families: Vec<&str> = families().map(|(f, _)| f).collect();
        assert!(families.contains(&"anger") && families.contains(&"sadness"));
        let terrible = cue("terrible").expect("rated");
        assert!(terrible.valence < -1.0);
        assert!(cue("wonderful").expect("rated").valence > 1.0);
        assert_eq!(cue("qwzx"), None);
        for (family, examples) in super::families() {
            // Each family's examples show it with at least three of its own cues, and name no
            // emotion (the rule's whole point is that cues are not labels).
            for example in examples {
                let doc = crate::text::Doc::new(*example);
                let own = doc
                    .words
                    .iter()
                    .filter(|w| cue(w.lower(&doc)).and_then(|c| c.family) == Some(family))
                    .count();
                assert!(own >= 3, "{family}: {example}");
                let labels = crate::language::labels::Labels::bundled().find(&doc);
                assert!(
                    labels
                        .iter()
                        .all(|l| l.severity != crate::diagnostic::Severity::Error),
                    "{family} example names an emotion: {example} {labels:?}"
                );
            }
            assert!(cues_of(family).len() >= 20, "{family} has few cues");
            for word in cues_of(family) {
                assert_eq!(cue(word).and_then(|c| c.family), Some(family));
            }
        }
    }
}
