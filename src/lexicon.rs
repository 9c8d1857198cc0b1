//! The emotion lexicon (`rules/lexicon/*.toml`): for every emotion, the words that name it,
//! in tiers (own-name `forms`, core `synonyms`) and by part of speech. The vocabulary rules
//! look up tokens here; the label rule builds its word classes from it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::taxonomy::Resolved;

/// The lexicon files, one per family, compiled in. A test checks this list against the folder.
pub const FILES: &[(&str, &str)] = &[
    ("anger", include_str!("../rules/lexicon/anger.toml")),
    ("disgust", include_str!("../rules/lexicon/disgust.toml")),
    ("distress", include_str!("../rules/lexicon/distress.toml")),
    ("engaged", include_str!("../rules/lexicon/engaged.toml")),
    ("epistemic", include_str!("../rules/lexicon/epistemic.toml")),
    ("fear", include_str!("../rules/lexicon/fear.toml")),
    ("high_pos", include_str!("../rules/lexicon/high_pos.toml")),
    ("longing", include_str!("../rules/lexicon/longing.toml")),
    ("low_neg", include_str!("../rules/lexicon/low_neg.toml")),
    ("low_pos", include_str!("../rules/lexicon/low_pos.toml")),
    (
        "prospective",
        include_str!("../rules/lexicon/prospective.toml"),
    ),
    ("rivalry", include_str!("../rules/lexicon/rivalry.toml")),
    ("romantic", include_str!("../rules/lexicon/romantic.toml")),
    ("sadness", include_str!("../rules/lexicon/sadness.toml")),
    (
        "self_conscious_neg",
        include_str!("../rules/lexicon/self_conscious_neg.toml"),
    ),
    ("sexual", include_str!("../rules/lexicon/sexual.toml")),
    (
        "social_pos",
        include_str!("../rules/lexicon/social_pos.toml"),
    ),
];

/// Words a suffix-stripped token must never be matched through (`bitters` is a drink, not
/// an inflection of `bitter`). Listed forms are always matched exactly.
pub const COLLISIONS: &str = include_str!("../rules/lexicon/collisions.toml");

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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPos {
    #[serde(default)]
    adj: Vec<String>,
    #[serde(default)]
    adv: Vec<String>,
    #[serde(default)]
    noun: Vec<String>,
    #[serde(default)]
    verb: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    forms: RawPos,
    #[serde(default)]
    synonyms: RawPos,
    #[serde(default)]
    ambiguous: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCollisions {
    words: BTreeMap<String, String>,
}

/// One listed word of an entry.
#[derive(Debug, Clone)]
pub struct Listed {
    pub word: String,
    pub pos: Pos,
    pub tier: Tier,
}

#[derive(Debug, Default)]
pub struct Entry {
    pub words: Vec<Listed>,
    pub ambiguous: HashSet<String>,
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

#[derive(Debug)]
pub struct Lexicon {
    /// Entry per emotion key (and per compound modifier such as `sexual`).
    pub entries: BTreeMap<String, Entry>,
    /// Every listed word -> the emotions listing it, with the tier (for lookups across all
    /// entries, as the baseline check does for every word of a baseline).
    pub index: HashMap<String, Vec<(String, Tier)>>,
    /// Words some entry marks ambiguous.
    pub ambiguous: HashSet<String>,
    /// Which family file each entry came from.
    pub family_of_entry: HashMap<String, String>,
    pub collisions: HashSet<String>,
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

static BUNDLED: LazyLock<Lexicon> = LazyLock::new(|| {
    // The bundled files are checked by tests; failing here is a build defect.
    Lexicon::parse(FILES, COLLISIONS).expect("rules/lexicon is valid (checked by tests)")
});

impl Lexicon {
    pub fn bundled() -> &'static Lexicon {
        &BUNDLED
    }

    pub fn parse(files: &[(&str, &str)], collisions: &str) -> Result<Lexicon, String> {
        let mut entries = BTreeMap::new();
        let mut family_of_entry = HashMap::new();
        for (family, source) in files {
            let raw: BTreeMap<String, RawEntry> =
                toml::from_str(source).map_err(|e| format!("rules/lexicon/{family}.toml: {e}"))?;
            for (emotion, raw) in raw {
                let mut entry = Entry {
                    ambiguous: raw.ambiguous.into_iter().collect(),
                    ..Entry::default()
                };
                for (tier, pos) in [(Tier::Form, raw.forms), (Tier::Synonym, raw.synonyms)] {
                    for (p, words) in [
                        (Pos::Adj, pos.adj),
                        (Pos::Adv, pos.adv),
                        (Pos::Noun, pos.noun),
                        (Pos::Verb, pos.verb),
                    ] {
                        entry.words.extend(words.into_iter().map(|word| Listed {
                            word,
                            pos: p,
                            tier,
                        }));
                    }
                }
                family_of_entry.insert(emotion.clone(), family.to_string());
                if entries.insert(emotion.clone(), entry).is_some() {
                    return Err(format!("emotion `{emotion}` has two lexicon entries"));
                }
            }
        }
        let collisions: RawCollisions = toml::from_str(collisions)
            .map_err(|e| format!("rules/lexicon/collisions.toml: {e}"))?;
        let mut index: HashMap<String, Vec<(String, Tier)>> = HashMap::new();
        for (emotion, entry) in &entries {
            for l in &entry.words {
                let list = index.entry(l.word.clone()).or_default();
                match list.iter_mut().find(|(e, _)| e == emotion) {
                    Some(existing) => existing.1 = existing.1.min(l.tier),
                    None => list.push((emotion.clone(), l.tier)),
                }
            }
        }
        let ambiguous = entries
            .values()
            .flat_map(|e| e.ambiguous.iter().cloned())
            .collect();
        Ok(Lexicon {
            entries,
            index,
            ambiguous,
            family_of_entry,
            collisions: collisions.words.into_keys().collect(),
        })
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
        for (base, takes) in base_candidates(token) {
            if entry.ambiguous.contains(&base) {
                continue;
            }
            let listed = entry
                .words
                .iter()
                .filter(|l| l.word == base && takes.accepts(l.pos))
                .map(|l| l.tier)
                .min();
            if let Some(tier) = listed {
                return Some(Hit {
                    emotion: emotion.to_string(),
                    listed: base,
                    tier,
                });
            }
        }
        None
    }

    /// Every emotion this token (lowercase) names, by the same rules as `match_entry`, looked
    /// up once through the index instead of entry by entry.
    pub fn analyze(&'static self, token: &str) -> Vec<LexHit> {
        let token = lookup_form(token);
        let mut hits: Vec<LexHit> = Vec::new();
        if let Some((key, list)) = self.index.get_key_value(token) {
            hits.extend(list.iter().map(|(emotion, tier)| LexHit {
                emotion: self.entry_key(emotion),
                listed: key.as_str(),
                tier: *tier,
            }));
        }
        if token.len() < 5 || self.collisions.contains(token) {
            return hits;
        }
        for (base, takes) in base_candidates(token) {
            let Some((key, list)) = self.index.get_key_value(base.as_str()) else {
                continue;
            };
            for (emotion, _) in list {
                if hits.iter().any(|h| h.emotion == emotion.as_str()) {
                    continue;
                }
                let entry = &self.entries[emotion];
                if entry.ambiguous.contains(&base) {
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
                        emotion: self.entry_key(emotion),
                        listed: key.as_str(),
                        tier,
                    });
                }
            }
        }
        hits
    }

    /// The entry's key as borrowed from the lexicon itself.
    fn entry_key(&'static self, emotion: &str) -> &'static str {
        self.entries
            .get_key_value(emotion)
            .map(|(k, _)| k.as_str())
            .unwrap_or("")
    }

    /// Every listed word with the given part of speech; `strict` leaves out the words marked
    /// ambiguous in any entry (`content`, `bitter`), for contexts that do not disambiguate.
    pub fn words(&self, pos: Pos, strict: bool) -> HashSet<&str> {
        self.entries
            .values()
            .flat_map(|e| e.words.iter())
            .filter(|l| l.pos == pos && !(strict && self.ambiguous.contains(&l.word)))
            .map(|l| l.word.as_str())
            .collect()
    }

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

/// Which parts of speech take a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// Comparison and derivation of adjectives: -ier, -est, -ly, -ness.
    Adj,
    /// Plurals and third person: -s, -es, -ies.
    NounOrVerb,
    /// Past and participle: -ed, -ied, -ing.
    Verb,
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

/// Bases a regular English suffix may have been added to, with the part of speech that
/// suffix attaches to: `angrier` -> `angry` (adjective), `seethes` -> `seethe` (verb),
/// `stopped` -> `stop`. A light, predictable stand-in for a stemmer: it only proposes bases.
fn base_candidates(word: &str) -> Vec<(String, Takes)> {
    const RULES: &[(&str, &str, Takes)] = &[
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
    let mut out = Vec::new();
    for (suffix, replacement, takes) in RULES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 3 {
            continue;
        }
        out.push((format!("{stem}{replacement}"), *takes));
        // A doubled final consonant before -ing/-ed/-er/-est: `stopped` -> `stop`.
        let bytes = stem.as_bytes();
        let n = bytes.len();
        if replacement.is_empty()
            && matches!(*suffix, "ing" | "ed" | "er" | "est")
            && bytes[n - 1] == bytes[n - 2]
            && !b"aeiou".contains(&bytes[n - 1])
        {
            out.push((stem[..n - 1].to_string(), *takes));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;

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
            for l in &entry.words {
                if !crate::dictionary::contains(&l.word) {
                    missing.push(format!("{name}: {}", l.word));
                }
            }
            for a in &entry.ambiguous {
                assert!(
                    entry.words.iter().any(|l| &l.word == a),
                    "{name}: ambiguous `{a}` is not listed"
                );
            }
        }
        assert!(missing.is_empty(), "not in the dictionary: {missing:?}");
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
        let listed: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
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
