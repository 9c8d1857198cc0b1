//! The emotion lexicon (`rules/lexicon/*.toml`): for every emotion, the words that name it,
//! in tiers (own-name `forms`, core `synonyms`) and by part of speech. The vocabulary rules
//! look up tokens here. build/ compiles the files into the static tables this module
//! includes (and the label rule's word classes from them), so a run builds nothing for it.

use crate::language::taxonomy::Resolved;
use crate::text::tables::{StaticMap, StaticSet, WordTable};

#[path = "suffixes.rs"]
mod suffixes;
use suffixes::{Takes, find_base};

// The tables build/ compiles from rules/lexicon/*.toml: FAMILY_FILES, ENTRIES, INDEX (with
// its words as one string, INDEX_KEYS), INDEX_HITS, ANALYSIS, ANALYSIS_HITS, AMBIGUOUS,
// FAMILY_OF_ENTRY, COLLISIONS.
include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    Adj,
    Adv,
    Noun,
    Verb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// The emotion name's own word family.
    Form,
    /// A core synonym that names the same state.
    Synonym,
}

impl Tier {
    pub fn describe(self) -> &'static str {
        match self {
            Tier::Form => "a form of",
            Tier::Synonym => "a synonym of",
        }
    }
}

/// One listed word of an entry.
#[derive(Debug, Clone)]
pub struct Listed {
    pub word: WordRef,
    pub pos: Pos,
    pub tier: Tier,
}

/// A listed word, held as its place in the lexicon's word text (`INDEX_KEYS`) rather than as a
/// pointer: the thousands of `Listed` then hold no address for the dynamic loader to relocate
/// at every start. Reads as the `&'static str` it names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct WordRef {
    start: u32,
    end: u32,
}

impl WordRef {
    pub fn as_str(self) -> &'static str {
        &INDEX_KEYS[self.start as usize..self.end as usize]
    }
}

impl std::ops::Deref for WordRef {
    type Target = str;

    fn deref(&self) -> &'static str {
        self.as_str()
    }
}

impl std::fmt::Debug for WordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for WordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for WordRef {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for WordRef {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for WordRef {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

#[derive(Debug, Default)]
pub struct Entry {
    /// Forms, then synonyms; each by part of speech (adj, adv, noun, verb) in file order.
    pub words: &'static [Listed],
    pub ambiguous: StaticSet,
}

impl Entry {
    pub fn tier_of(&self, word: &str) -> Option<Tier> {
        self.words
            .iter()
            .filter(|l| l.word == word)
            .map(|l| l.tier)
            .min()
    }
}

/// The bundled lexicon: static tables compiled in by build/, so nothing is built at run time.
#[derive(Debug)]
pub struct Lexicon {
    /// Entry per emotion key (and per compound modifier such as `sexual`), in key order.
    pub entries: StaticMap<Entry>,
    /// Every listed word -> its range of `index_hits` (for lookups across all entries, as the
    /// baseline check does for every word of a baseline).
    index: WordTable<(u32, u32)>,
    /// Per listed word, the entries listing it (by position in `entries`) with the best tier.
    #[cfg_attr(not(test), allow(dead_code))]
    index_hits: &'static [(u16, Tier)],
    /// Every word that names an emotion (listed or inflecting a listed word, in lookup form)
    /// -> its range of `analysis_hits`: what `analyze` answers for it.
    analysis: WordTable<(u32, u32)>,
    /// (entry position, listed word, tier) per hit, in the order `analyze` reports them.
    analysis_hits: &'static [(u16, WordRef, Tier)],
    /// Words some entry marks ambiguous.
    pub ambiguous: StaticSet,
    /// Which family file each entry came from.
    pub family_of_entry: StaticMap<&'static str>,
    pub collisions: StaticSet,
}

/// One way a token names an emotion, borrowed from the bundled lexicon (no allocation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LexHit {
    pub emotion: &'static str,
    /// The listed word the token is or inflects.
    pub listed: &'static str,
    pub tier: Tier,
}

/// A token that names an emotion: which emotion, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub emotion: String,
    /// The listed word it matched (the token itself, or the base it inflects).
    pub listed: String,
    pub tier: Tier,
}

static BUNDLED: Lexicon = Lexicon {
    entries: StaticMap::new(ENTRIES),
    index: INDEX,
    index_hits: INDEX_HITS,
    analysis: ANALYSIS,
    analysis_hits: ANALYSIS_HITS,
    ambiguous: StaticSet::new(AMBIGUOUS),
    family_of_entry: StaticMap::new(FAMILY_OF_ENTRY),
    collisions: StaticSet::new(COLLISIONS),
};

impl Lexicon {
    pub fn bundled() -> &'static Lexicon {
        &BUNDLED
    }

    /// The emotion keys whose words a file named `resolved` must avoid (head and modifier).
    pub fn banned_entries<'a>(&'a self, resolved: &'a Resolved) -> Vec<(&'a str, &'a Entry)> {
        resolved
            .parts
            .iter()
            .filter_map(|p| self.entries.get(p).map(|e| (p.as_str(), e)))
            .collect()
    }

    /// Does this token (lowercase) name the emotion of `entry`? Listed words match exactly;
    /// an unlisted token matches when stripping a regular suffix gives a listed word and the
    /// token is not a known collision (`bitters`).
    pub fn match_entry(&self, emotion: &str, entry: &Entry, token: &str) -> Option<Hit> {
        let token = lookup_form(token);
        if let Some(tier) = entry.tier_of(token) {
            return Some(Hit {
                emotion: emotion.to_string(),
                listed: token.to_string(),
                tier,
            });
        }
        if token.len() < 5 || self.collisions.contains(token) {
            return None;
        }
        find_base(token, |base, takes| {
            if entry.ambiguous.contains(base) {
                return None;
            }
            let tier = entry
                .words
                .iter()
                .filter(|l| l.word == base && takes.accepts(l.pos))
                .map(|l| l.tier)
                .min()?;
            Some(Hit {
                emotion: emotion.to_string(),
                listed: base.to_string(),
                tier,
            })
        })
    }

    /// Every emotion this token (lowercase) names, by the same rules as `match_entry`. build/
    /// has worked out the answer for every word that names one (listed words and whatever
    /// `find_base` leads from a word to a listed one), so this is one table lookup.
    pub fn analyze(&'static self, token: &str) -> Vec<LexHit> {
        let Some(&(start, end)) = self.analysis.get(lookup_form(token)) else {
            return Vec::new();
        };
        let hits: &'static [(u16, WordRef, Tier)] = self.analysis_hits;
        hits[start as usize..end as usize]
            .iter()
            .map(|&(entry, listed, tier)| LexHit {
                emotion: self.entries.at(usize::from(entry)).0,
                listed: listed.as_str(),
                tier,
            })
            .collect()
    }

    /// `analyze` worked out at run time, through the index of listed words and `find_base`:
    /// what the build-time table must agree with.
    #[cfg(test)]
    fn analyze_by_suffixes(&'static self, token: &str) -> Vec<LexHit> {
        let token = lookup_form(token);
        let mut hits: Vec<LexHit> = Vec::new();
        if let Some((listed, list)) = self.lookup(token) {
            hits.extend(list.iter().map(|&(entry, tier)| LexHit {
                emotion: self.entries.at(usize::from(entry)).0,
                listed,
                tier,
            }));
        }
        if token.len() < 5 || self.collisions.contains(token) {
            return hits;
        }
        find_base(token, |base, takes| {
            let (listed, list) = self.lookup(base)?;
            for &(entry, _) in list {
                let (emotion, entry) = self.entries.at(usize::from(entry));
                if hits.iter().any(|h| h.emotion == emotion) {
                    continue;
                }
                if entry.ambiguous.contains(base) {
                    continue;
                }
                let tier = entry
                    .words
                    .iter()
                    .filter(|l| l.word == base && takes.accepts(l.pos))
                    .map(|l| l.tier)
                    .min();
                if let Some(tier) = tier {
                    hits.push(LexHit {
                        emotion,
                        listed,
                        tier,
                    });
                }
            }
            None::<()> // every base counts
        });
        hits
    }

    /// A listed word as the lexicon holds it, with the entries listing it and their tiers.
    #[cfg_attr(not(test), allow(dead_code))]
    fn lookup(&self, word: &str) -> Option<(&'static str, &'static [(u16, Tier)])> {
        let (listed, &(start, end)) = self.index.get_key_value(word)?;
        let hits: &'static [(u16, Tier)] = self.index_hits;
        Some((listed, &hits[start as usize..end as usize]))
    }

    /// How many distinct words the lexicon lists.
    pub fn word_count(&self) -> usize {
        self.index.len()
    }
}

/// The token as the lexicon lists it: possessive `'s` removed.
pub fn lookup_form(token: &str) -> &str {
    token
        .strip_suffix("'s")
        .or_else(|| token.strip_suffix('\''))
        .unwrap_or(token)
}

impl Takes {
    fn accepts(self, pos: Pos) -> bool {
        match self {
            Takes::Adj => pos == Pos::Adj,
            Takes::NounOrVerb => matches!(pos, Pos::Noun | Pos::Verb),
            Takes::Verb => pos == Pos::Verb,
        }
    }
}

/// Every base `find_base` proposes, in order.
#[cfg(test)]
fn base_candidates(word: &str) -> Vec<(String, Takes)> {
    let mut out = Vec::new();
    find_base(word, |base, takes| {
        out.push((base.to_string(), takes));
        None::<()>
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::taxonomy::Taxonomy;

    #[test]
    fn every_taxonomy_emotion_and_modifier_has_an_entry_with_forms() {
        let lex = Lexicon::bundled();
        let tax = Taxonomy::bundled();
        for (name, emotion) in &tax.emotions {
            let entry = lex
                .entries
                .get(name)
                .unwrap_or_else(|| panic!("no lexicon entry for `{name}`"));
            assert!(
                entry.words.iter().any(|l| l.tier == Tier::Form),
                "`{name}` has no forms"
            );
            assert_eq!(
                lex.family_of_entry[name], emotion.family,
                "`{name}` is filed under the wrong family"
            );
        }
        for name in tax.modifiers.keys() {
            assert!(
                lex.entries.contains_key(name),
                "no entry for modifier `{name}`"
            );
        }
        for name in lex.entries.keys() {
            assert!(
                tax.emotions.contains_key(name) || tax.modifiers.contains_key(name),
                "lexicon entry `{name}` is not in the taxonomy"
            );
        }
    }

    #[test]
    fn every_listed_word_is_a_dictionary_word() {
        let lex = Lexicon::bundled();
        let mut missing = Vec::new();
        for (name, entry) in &lex.entries {
            for l in entry.words {
                if !crate::text::dictionary::contains(&l.word) {
                    missing.push(format!("{name}: {}", l.word));
                }
            }
            for a in &entry.ambiguous {
                assert!(
                    entry.words.iter().any(|l| l.word == a),
                    "{name}: ambiguous `{a}` is not listed"
                );
            }
        }
        assert!(missing.is_empty(), "not in the dictionary: {missing:?}");
    }

    #[test]
    fn index_finds_every_listed_word() {
        let lex = Lexicon::bundled();
        assert_eq!(lex.word_count(), lex.index.iter().count());
        for (word, _) in lex.index.iter() {
            assert_eq!(lex.lookup(word).map(|(w, _)| w), Some(word));
        }
        // Each entry's words lead back to it, at the entry's best tier for the word.
        for (position, (_, entry)) in lex.entries.iter().enumerate() {
            for l in entry.words {
                let (_, hits) = lex.lookup(&l.word).expect("listed words are indexed");
                let tier = entry.tier_of(&l.word).unwrap();
                assert!(hits.contains(&(position as u16, tier)), "{}", l.word);
            }
        }
    }

    #[test]
    fn analysis_table_agrees_with_suffix_stripping() {
        let lex = Lexicon::bundled();
        let mut tokens: Vec<String> = Vec::new();
        for (word, _) in lex.index.iter() {
            tokens.push(word.to_string());
            tokens.extend(suffixes::inflections(word));
        }
        tokens.extend(lex.analysis.iter().map(|(w, _)| w.to_string()));
        tokens.extend(crate::text::dictionary::WORDS.lines().map(str::to_string));
        tokens.extend(lex.collisions.iter().map(str::to_string));
        for extra in [
            "",
            "a",
            "s",
            "'s",
            "naïve",
            "furiousness's",
            "Furious",
            "rage'",
        ] {
            tokens.push(extra.to_string());
        }
        let possessives: Vec<String> = lex
            .index
            .iter()
            .flat_map(|(w, _)| [format!("{w}'s"), format!("{w}'"), format!("{w}s's")])
            .collect();
        tokens.extend(possessives);
        let mut named = 0;
        for token in &tokens {
            let expected = lex.analyze_by_suffixes(token);
            named += usize::from(!expected.is_empty());
            assert_eq!(lex.analyze(token), expected, "{token}");
        }
        assert!(named > lex.word_count(), "{named}");
    }

    #[test]
    fn inflections_are_every_word_find_base_leads_to_a_listed_word_from() {
        // What the analysis table relies on: if `find_base(t)` proposes a listed word, `t` is
        // one of that word's inflections. Checked over the whole dictionary and the lexicon.
        let lex = Lexicon::bundled();
        let words = crate::text::dictionary::WORDS
            .lines()
            .chain(lex.analysis.iter().map(|(w, _)| w));
        for t in words {
            find_base(t, |base, _| {
                if lex.index.get(base).is_some() {
                    assert!(
                        suffixes::inflections(base).iter().any(|i| i == t),
                        "{t} -> {base}"
                    );
                }
                None::<()>
            });
        }
        assert!(suffixes::inflections("stop").contains(&"stopped".to_string()));
        assert!(suffixes::inflections("angry").contains(&"angriest".to_string()));
        assert!(suffixes::inflections("hope").contains(&"hoping".to_string()));
    }

    #[test]
    fn lexicon_files_match_the_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lexicon");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
            .filter(|n| n != "collisions")
            .collect();
        on_disk.sort();
        let listed: Vec<String> = FAMILY_FILES.iter().map(|n| n.to_string()).collect();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn matches_listed_words_and_regular_inflections_only() {
        let lex = Lexicon::bundled();
        let furious = &lex.entries["furious"];
        assert_eq!(
            lex.match_entry("furious", furious, "fury").unwrap().tier,
            Tier::Form
        );
        assert_eq!(
            lex.match_entry("furious", furious, "rage").unwrap().tier,
            Tier::Synonym
        );
        assert!(lex.match_entry("furious", furious, "garage").is_none());
        assert!(lex.match_entry("furious", furious, "curious").is_none());
        let bitter = &lex.entries["bitter"];
        assert!(lex.match_entry("bitter", bitter, "bitterness").is_some());
        assert!(
            lex.match_entry("bitter", bitter, "bitters").is_none(),
            "collision"
        );
        let grateful = &lex.entries["grateful"];
        for w in ["grate", "grated", "grating"] {
            assert!(lex.match_entry("grateful", grateful, w).is_none(), "{w}");
        }
        let compassionate = &lex.entries["compassionate"];
        assert!(
            lex.match_entry("compassionate", compassionate, "compass")
                .is_none()
        );
        assert!(
            lex.match_entry("compassionate", compassionate, "compasses")
                .is_none()
        );
    }

    #[test]
    fn base_candidates_cover_regular_suffixes() {
        let bases =
            |w: &str| -> Vec<String> { base_candidates(w).into_iter().map(|(b, _)| b).collect() };
        assert!(bases("angrier").contains(&"angry".to_string()));
        assert!(bases("seethes").contains(&"seethe".to_string()));
        assert!(bases("stopped").contains(&"stop".to_string()));
        assert!(bases("hoping").contains(&"hope".to_string()));
        assert!(bases("gratefully").contains(&"grateful".to_string()));
    }

    #[test]
    fn unlisted_inflections_match_only_through_the_right_part_of_speech() {
        let lex = Lexicon::bundled();
        let grumpy = &lex.entries["grumpy"];
        // `grumpiest` inflects the adjective; accepted whether or not it is listed.
        assert!(lex.match_entry("grumpy", grumpy, "grumpiest").is_some());
        let glad = &lex.entries["glad"];
        // `glades` is a plural noun: an adjective base does not take -es.
        assert!(lex.match_entry("glad", glad, "glades").is_none());
        let caring = &lex.entries["caring"];
        // `care` is marked ambiguous, so `career` and `carer` are never matched through it.
        assert!(lex.match_entry("caring", caring, "career").is_none());
        for word in Lexicon::bundled().collisions.iter() {
            for (name, entry) in &lex.entries {
                if entry.tier_of(word).is_none() {
                    assert!(
                        lex.match_entry(name, entry, word).is_none(),
                        "{word} -> {name}"
                    );
                }
            }
        }
    }
}
