//! rules/lexicon/*.toml -> `lexicon.rs` in OUT_DIR: every listed word and inflection with
//! the emotions it names, precomputed (read by src/language/lexicon.rs). The lexicon is also
//! what labels.rs takes its word classes from.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::literals::{lit, str_slice, word_table};
use crate::schema::{RawCollisions, RawEntry, RawPos};
use crate::{parse_toml, suffixes};

/// `lexicon::Pos`, by its name in the generated code.
#[derive(Clone, Copy, PartialEq)]
pub enum Pos {
    Adj,
    Adv,
    Noun,
    Verb,
}

impl Pos {
    pub fn code(self) -> &'static str {
        match self {
            Pos::Adj => "Pos::Adj",
            Pos::Adv => "Pos::Adv",
            Pos::Noun => "Pos::Noun",
            Pos::Verb => "Pos::Verb",
        }
    }
}

impl suffixes::Takes {
    /// As `lexicon::Takes::accepts`.
    fn accepts(self, pos: Pos) -> bool {
        match self {
            suffixes::Takes::Adj => pos == Pos::Adj,
            suffixes::Takes::NounOrVerb => matches!(pos, Pos::Noun | Pos::Verb),
            suffixes::Takes::Verb => pos == Pos::Verb,
        }
    }
}

/// `lexicon::Tier`: `Form` is the better (lower) tier.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Tier {
    Form,
    Synonym,
}

impl Tier {
    fn code(self) -> &'static str {
        match self {
            Tier::Form => "Tier::Form",
            Tier::Synonym => "Tier::Synonym",
        }
    }
}

/// One listed word of an entry.
struct Listed {
    word: String,
    pos: Pos,
    tier: Tier,
}

struct Entry {
    /// In the order lookups have always seen them: forms then synonyms, each adj, adv, noun,
    /// verb, each in file order.
    words: Vec<Listed>,
    ambiguous: BTreeSet<String>,
    family: String,
}

/// The lexicon as build.rs needs it: for its own tables and for the label classes.
pub struct Lexicon {
    /// The family files' stems, sorted.
    families: Vec<String>,
    entries: BTreeMap<String, Entry>,
    collisions: BTreeSet<String>,
}

impl Lexicon {
    pub fn load(manifest: &Path) -> Result<Lexicon, String> {
        // Every .toml in the folder is a family file, except the collision list.
        println!("cargo::rerun-if-changed=rules/lexicon");
        let dir = manifest.join("rules/lexicon");
        let mut families: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| format!("cannot list rules/lexicon: {e}"))?
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".toml").map(str::to_string)
            })
            .filter(|stem| stem != "collisions")
            .collect();
        families.sort();
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for family in &families {
            let file = format!("rules/lexicon/{family}.toml");
            let raw: BTreeMap<String, RawEntry> = parse_toml(manifest, &file)?;
            for (emotion, raw) in raw {
                if let Some(first) = entries.get(&emotion) {
                    return Err(format!(
                        "{file}: emotion `{emotion}` already has an entry in rules/lexicon/{}.toml",
                        first.family
                    ));
                }
                let mut words = Vec::new();
                for (tier, by_pos) in [(Tier::Form, raw.forms), (Tier::Synonym, raw.synonyms)] {
                    let RawPos {
                        adj,
                        adv,
                        noun,
                        verb,
                    } = by_pos;
                    for (pos, list) in [
                        (Pos::Adj, adj),
                        (Pos::Adv, adv),
                        (Pos::Noun, noun),
                        (Pos::Verb, verb),
                    ] {
                        words.extend(list.into_iter().map(|word| Listed { word, pos, tier }));
                    }
                }
                let entry = Entry {
                    words,
                    ambiguous: raw.ambiguous.into_iter().collect(),
                    family: family.clone(),
                };
                entries.insert(emotion, entry);
            }
        }
        let collisions: RawCollisions = parse_toml(manifest, "rules/lexicon/collisions.toml")?;
        Ok(Lexicon {
            families,
            entries,
            collisions: collisions.words.into_keys().collect(),
        })
    }

    /// Words some entry marks ambiguous.
    fn ambiguous(&self) -> BTreeSet<&str> {
        self.entries
            .values()
            .flat_map(|e| e.ambiguous.iter().map(String::as_str))
            .collect()
    }

    /// Every listed word with the given part of speech; `strict` leaves out the words marked
    /// ambiguous in any entry (`content`, `bitter`), for contexts that do not disambiguate.
    pub fn words(&self, pos: Pos, strict: bool) -> BTreeSet<&str> {
        let ambiguous = self.ambiguous();
        self.entries
            .values()
            .flat_map(|e| e.words.iter())
            .filter(|l| l.pos == pos && !(strict && ambiguous.contains(l.word.as_str())))
            .map(|l| l.word.as_str())
            .collect()
    }

    /// For every token (in lookup form) that names an emotion, what `Lexicon::analyze` says it
    /// names: (entry position, listed word, tier) in order. The tokens are the listed words
    /// and their `suffixes::inflections`, the only words `find_base` can lead to a listed word
    /// from; each is worked out by the rules `analyze` applied at run time before this table:
    /// the word's own entries, then each base `find_base` proposes, an entry once, unless the
    /// token is short or a known collision, the base is ambiguous in the entry or the entry
    /// lists it under no part of speech the suffix attaches to.
    fn analysis<'a>(
        &'a self,
        index: &BTreeMap<&'a str, Vec<(usize, Tier)>>,
    ) -> BTreeMap<String, Vec<(usize, &'a str, Tier)>> {
        let entries: Vec<&Entry> = self.entries.values().collect();
        let mut tokens: BTreeSet<String> = BTreeSet::new();
        for word in index.keys() {
            tokens.insert(word.to_string());
            tokens.extend(suffixes::inflections(word));
        }
        let mut out = BTreeMap::new();
        for token in tokens {
            let mut hits: Vec<(usize, &'a str, Tier)> = Vec::new();
            if let Some((listed, list)) = index.get_key_value(token.as_str()) {
                hits.extend(list.iter().map(|&(e, tier)| (e, *listed, tier)));
            }
            if token.len() >= 5 && !self.collisions.contains(&token) {
                suffixes::find_base(&token, |base, takes| {
                    let (listed, list) = index.get_key_value(base)?;
                    for &(e, _) in list {
                        if hits.iter().any(|h| h.0 == e) || entries[e].ambiguous.contains(base) {
                            continue;
                        }
                        let tiers = entries[e]
                            .words
                            .iter()
                            .filter(|l| l.word == base && takes.accepts(l.pos))
                            .map(|l| l.tier);
                        let best = tiers.fold(None, |best: Option<Tier>, t| match best {
                            Some(b) if b <= t => Some(b),
                            _ => Some(t),
                        });
                        if let Some(tier) = best {
                            hits.push((e, *listed, tier));
                        }
                    }
                    None::<()> // every base counts
                });
            }
            if !hits.is_empty() {
                out.insert(token, hits);
            }
        }
        out
    }

    pub fn tables(&self) -> String {
        let mut code = String::new();
        let _ = writeln!(
            code,
            "/// The family files of rules/lexicon, by stem.\npub const FAMILY_FILES: &[&str] = {};\n",
            str_slice(self.families.iter().map(String::as_str))
        );
        // Every listed word -> (position of each entry listing it, its best tier there), in
        // entry order.
        let mut index: BTreeMap<&str, Vec<(usize, Tier)>> = BTreeMap::new();
        for (i, entry) in self.entries.values().enumerate() {
            for l in &entry.words {
                let list = index.entry(l.word.as_str()).or_default();
                match list.iter_mut().find(|(e, _)| *e == i) {
                    Some(existing) if l.tier < existing.1 => existing.1 = l.tier,
                    Some(_) => {}
                    None => list.push((i, l.tier)),
                }
            }
        }
        assert!(
            self.entries.len() <= usize::from(u16::MAX),
            "entry ids fit u16"
        );
        // The lists, concatenated; the index maps each word to its range of them.
        let mut hits = Vec::new();
        let mut ranges: Vec<(&str, (usize, usize))> = Vec::new();
        // Where each word sits in INDEX_KEYS (the index's keys, concatenated in this order),
        // which is how a `Listed` names its word.
        let mut word_at: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut offset = 0;
        for (word, list) in &index {
            let start = hits.len();
            hits.extend(
                list.iter()
                    .map(|(e, tier)| format!("({e}, {})", tier.code())),
            );
            ranges.push((word, (start, hits.len())));
            word_at.insert(word, (offset, offset + word.len()));
            offset += word.len();
        }

        code.push_str("const ENTRIES: &[(&str, Entry)] = &[\n");
        for (emotion, entry) in &self.entries {
            let _ = writeln!(code, "    ({}, Entry {{ words: &[", lit(emotion));
            for l in &entry.words {
                let (start, end) = word_at[l.word.as_str()];
                let _ = writeln!(
                    code,
                    "        Listed {{ word: WordRef {{ start: {start}, end: {end} }}, pos: {}, tier: {} }},",
                    l.pos.code(),
                    l.tier.code()
                );
            }
            let _ = writeln!(
                code,
                "    ], ambiguous: StaticSet::new({}) }}),",
                str_slice(entry.ambiguous.iter().map(String::as_str))
            );
        }
        code.push_str("];\n\n");

        code.push_str(&word_table(
            "INDEX",
            "(u32, u32)",
            &ranges,
            |(start, end)| format!("({start}, {end})"),
        ));
        let _ = writeln!(
            code,
            "const INDEX_HITS: &[(u16, Tier)] = &[{}];\n",
            hits.join(", ")
        );

        // What `Lexicon::analyze` answers for every word that names an emotion at all.
        let mut analysis_hits = Vec::new();
        let mut analysis_ranges: Vec<(&str, (usize, usize))> = Vec::new();
        let analysis = self.analysis(&index);
        for (token, list) in &analysis {
            let start = analysis_hits.len();
            analysis_hits.extend(list.iter().map(|&(e, listed, tier)| {
                let (s, end) = word_at[listed];
                format!(
                    "({e}, WordRef {{ start: {s}, end: {end} }}, {})",
                    tier.code()
                )
            }));
            analysis_ranges.push((token.as_str(), (start, analysis_hits.len())));
        }
        code.push_str(&word_table(
            "ANALYSIS",
            "(u32, u32)",
            &analysis_ranges,
            |(start, end)| format!("({start}, {end})"),
        ));
        let _ = writeln!(
            code,
            "const ANALYSIS_HITS: &[(u16, WordRef, Tier)] = &[{}];\n",
            analysis_hits.join(", ")
        );

        let _ = writeln!(
            code,
            "const AMBIGUOUS: &[&str] = {};\n",
            str_slice(self.ambiguous())
        );
        code.push_str("const FAMILY_OF_ENTRY: &[(&str, &str)] = &[\n");
        for (emotion, entry) in &self.entries {
            let _ = writeln!(code, "    ({}, {}),", lit(emotion), lit(&entry.family));
        }
        code.push_str("];\n\n");
        let _ = writeln!(
            code,
            "const COLLISIONS: &[&str] = {};",
            str_slice(self.collisions.iter().map(String::as_str))
        );
        code
    }
}
