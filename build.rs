//! Compiles the data files of `rules/` into Rust tables in OUT_DIR that the crate `include!`s
//! (`taxonomy.rs`, `lexicon.rs`, `labels.rs`, `interjections.rs`), so a run parses no TOML and
//! builds no maps for its bundled data: that start-up was most of the time of checking one
//! scenario. The TOML files stay the source of truth; their shapes and checks are src/schema.rs,
//! shared with the crate. A broken file fails the build with the file named.

#[path = "src/language/schema.rs"]
#[allow(dead_code)]
mod schema;
#[path = "src/language/suffixes.rs"]
#[allow(dead_code)]
mod suffixes;
#[path = "src/text/tables.rs"]
#[allow(dead_code)]
mod tables;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use schema::{
    PatternAtom, PatternElement, RawCollisions, RawEntry, RawInterjections, RawLabels, RawPos,
    Taxonomy, parse_pattern,
};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    if let Err(message) = generate(&manifest, &out_dir) {
        // Cargo shows these as the build's errors (and fails it), without the script's output.
        for line in format!("pairlint's bundled data: {message}").lines() {
            println!("cargo::error={line}");
        }
    }
}

fn generate(manifest: &Path, out_dir: &Path) -> Result<(), String> {
    let taxonomy: Taxonomy = parse_toml(manifest, "rules/emotions.toml")?;
    taxonomy
        .validate()
        .map_err(|e| format!("rules/emotions.toml: {e}"))?;
    write(out_dir, "taxonomy.rs", &taxonomy_tables(&taxonomy))?;

    let lexicon = Lexicon::load(manifest)?;
    write(out_dir, "lexicon.rs", &lexicon.tables())?;

    for list in ["words", "names", "proper"] {
        let file = format!("rules/dictionary/{list}.txt");
        println!("cargo::rerun-if-changed={file}");
        let text = std::fs::read_to_string(manifest.join(&file))
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        let slots = tables::line_index::layout(&text);
        std::fs::write(out_dir.join(format!("{list}.slots")), slots)
            .map_err(|e| format!("cannot write {list}.slots in OUT_DIR: {e}"))?;
    }

    let labels: RawLabels = parse_toml(manifest, "rules/labels.toml")?;
    let labels = label_tables(labels, &lexicon).map_err(|e| format!("rules/labels.toml: {e}"))?;
    write(out_dir, "labels.rs", &labels)?;

    let interjections: RawInterjections = parse_toml(manifest, "rules/interjections.toml")?;
    let interjections =
        interjection_tables(interjections).map_err(|e| format!("rules/interjections.toml: {e}"))?;
    write(out_dir, "interjections.rs", &interjections)
}

// ---------------------------------------------------------------- rules/interjections.toml

/// The interjection groups, each phrase split into its words.
fn interjection_tables(raw: RawInterjections) -> Result<String, String> {
    let mut code = String::from("const GROUPS: &[Group] = &[\n");
    let mut seen = BTreeSet::new();
    // (group, phrase) by the first letter of the phrase, so a word looks only at its own.
    let mut by_letter: Vec<Vec<String>> = vec![Vec::new(); 26];
    for (gi, g) in raw.group.iter().enumerate() {
        let position = match g.position.as_str() {
            "anywhere" => "Position::Anywhere",
            "standalone" => "Position::Standalone",
            "initial" => "Position::Initial",
            other => return Err(format!("`{}`: unknown position `{other}`", g.announces)),
        };
        if g.fires.is_empty() || g.passes.is_empty() {
            return Err(format!("`{}` needs fires and passes examples", g.announces));
        }
        let mut phrases = Vec::new();
        for (pi, p) in g.phrases.iter().enumerate() {
            let words: Vec<&str> = p.split([' ', '-']).collect();
            if words
                .iter()
                .any(|w| w.is_empty() || !w.chars().all(|c| c.is_ascii_lowercase() || c == '\''))
            {
                return Err(format!("phrase `{p}`: lowercase words separated by spaces"));
            }
            if !seen.insert(words.join(" ")) {
                return Err(format!("phrase `{p}` is listed twice"));
            }
            let letter = p.as_bytes()[0];
            if !letter.is_ascii_lowercase() {
                return Err(format!("phrase `{p}`: starts with a letter a-z"));
            }
            by_letter[usize::from(letter - b'a')].push(format!("({gi}, {pi})"));
            phrases.push(str_slice(words));
        }
        let _ = writeln!(
            code,
            "    Group {{ announces: {}, position: {position}, phrases: &[{}], fires: {}, passes: {} }},",
            lit(&g.announces),
            phrases.join(", "),
            str_slice(g.fires.iter().map(String::as_str)),
            str_slice(g.passes.iter().map(String::as_str)),
        );
    }
    code.push_str("];\n\n");
    let by_letter: Vec<String> = by_letter
        .iter()
        .map(|list| format!("&[{}]", list.join(", ")))
        .collect();
    let _ = writeln!(
        code,
        "const BY_LETTER: [&[(usize, usize)]; 26] = [{}];",
        by_letter.join(", ")
    );
    Ok(code)
}

/// Read and deserialize one data file, telling cargo to rerun when it changes.
fn parse_toml<T: serde::de::DeserializeOwned>(manifest: &Path, file: &str) -> Result<T, String> {
    println!("cargo::rerun-if-changed={file}");
    let source = std::fs::read_to_string(manifest.join(file))
        .map_err(|e| format!("cannot read {file}: {e}"))?;
    toml::from_str(&source).map_err(|e| format!("{file}: {e}"))
}

fn write(out_dir: &Path, name: &str, code: &str) -> Result<(), String> {
    let header = "// @generated by build.rs from the files in rules/; edit those instead.\n\n";
    std::fs::write(out_dir.join(name), format!("{header}{code}"))
        .map_err(|e| format!("cannot write {name} in OUT_DIR: {e}"))
}

// ---------------------------------------------------------------- literals

/// A string as a Rust literal (`Debug` escapes exactly what a literal needs).
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A float as a Rust expression of the very same value.
fn float(x: f64) -> String {
    if x.is_finite() {
        // `Debug` prints the shortest text that reads back to the same bits, with a `.`.
        format!("{x:?}")
    } else {
        format!("f64::from_bits({:#x})", x.to_bits())
    }
}

fn str_slice<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = words.into_iter().map(lit).collect();
    format!("&[{}]", items.join(", "))
}

/// `const {name}: WordTable<{value_type}>` over `entries` (in key order), each value written by
/// `value`, with its keys as one string in `const {name}_KEYS` (so other tables can point into
/// them by offset) and the hash slots laid out here with the lookup's hash.
fn word_table<V>(
    name: &str,
    value_type: &str,
    entries: &[(&str, V)],
    value: impl Fn(&V) -> String,
) -> String {
    let slots = tables::layout_slots(entries.iter().map(|(key, _)| *key));
    let mut keys = String::new();
    let mut ends = Vec::new();
    for (key, _) in entries {
        keys.push_str(key);
        ends.push(u32::try_from(keys.len()).expect("keys shorter than 4 GiB"));
    }
    let values: Vec<String> = entries.iter().map(|(_, v)| value(v)).collect();
    format!(
        "const {name}_KEYS: &str = {};\n\nconst {name}: WordTable<{value_type}> = WordTable::new(\n    {name}_KEYS,\n    &{ends:?},\n    &[{}],\n    &{slots:?},\n);\n",
        lit(&keys),
        values.join(", ")
    )
}

// ---------------------------------------------------------------- rules/emotions.toml

fn taxonomy_tables(t: &Taxonomy) -> String {
    let mut code = String::new();
    let _ = writeln!(code, "const BUNDLED_SCHEMA: u32 = {};\n", t.schema);
    let _ = writeln!(
        code,
        "/// (name, valence, arousal, summary)\nconst BUNDLED_FAMILIES: &[(&str, f64, f64, &str)] = &["
    );
    for (name, f) in &t.families {
        let _ = writeln!(
            code,
            "    ({}, {}, {}, {}),",
            lit(name),
            float(f.valence),
            float(f.arousal),
            lit(&f.summary)
        );
    }
    let _ = writeln!(
        code,
        "];\n\n/// (name, family, summary)\nconst BUNDLED_MODIFIERS: &[(&str, &str, &str)] = &["
    );
    for (name, m) in &t.modifiers {
        let _ = writeln!(
            code,
            "    ({}, {}, {}),",
            lit(name),
            lit(&m.family),
            lit(&m.summary)
        );
    }
    let _ = writeln!(
        code,
        "];\n\n/// (name, family, valence, arousal)\nconst BUNDLED_EMOTIONS: &[(&str, &str, f64, f64)] = &["
    );
    for (name, e) in &t.emotions {
        let _ = writeln!(
            code,
            "    ({}, {}, {}, {}),",
            lit(name),
            lit(&e.family),
            float(e.valence),
            float(e.arousal)
        );
    }
    let _ = writeln!(
        code,
        "];\n\n/// (alias, emotion)\nconst BUNDLED_ALIASES: &[(&str, &str)] = &["
    );
    for (alias, target) in &t.aliases {
        let _ = writeln!(code, "    ({}, {}),", lit(alias), lit(target));
    }
    code.push_str("];\n");
    code
}

// ---------------------------------------------------------------- rules/lexicon/*.toml

/// `lexicon::Pos`, by its name in the generated code.
#[derive(Clone, Copy, PartialEq)]
enum Pos {
    Adj,
    Adv,
    Noun,
    Verb,
}

impl Pos {
    fn code(self) -> &'static str {
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
struct Lexicon {
    /// The family files' stems, sorted.
    families: Vec<String>,
    entries: BTreeMap<String, Entry>,
    collisions: BTreeSet<String>,
}

impl Lexicon {
    fn load(manifest: &Path) -> Result<Lexicon, String> {
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
    fn words(&self, pos: Pos, strict: bool) -> BTreeSet<&str> {
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

    fn tables(&self) -> String {
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

// ---------------------------------------------------------------- rules/labels.toml

/// The label tables: constructions with their patterns compiled to mask bits, the word ->
/// set-mask table, and the small lists of labels.toml.
fn label_tables(raw: RawLabels, lexicon: &Lexicon) -> Result<String, String> {
    let mut sets: BTreeMap<String, BTreeSet<String>> = raw
        .sets
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect();
    let physical: BTreeSet<String> = raw.physical.into_iter().chain(raw.other_senses).collect();
    let stimulus: BTreeSet<String> = raw.stimulus.into_iter().collect();
    for w in raw.feel_states.iter().chain(&stimulus).chain(&raw.states) {
        if w.is_empty() || w.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
            return Err(format!("`{w}`: words are single lowercase words"));
        }
    }
    let owned = |s: BTreeSet<&str>| -> BTreeSet<String> {
        s.into_iter()
            .filter(|w| !physical.contains(*w))
            .map(String::from)
            .collect()
    };
    let feel_exclude: BTreeSet<String> = raw.feel_exclude.into_iter().collect();
    // Stimulus adjectives (boring, dreadful) never label a person's state; a few of them do
    // after a feeling verb ("felt awful"), and feel_states lists those.
    let states: BTreeSet<String> = raw.states.into_iter().collect();
    let adj_any: BTreeSet<String> = owned(lexicon.words(Pos::Adj, false))
        .difference(&stimulus)
        .chain(&states)
        .cloned()
        .collect();
    let adj_feel = adj_any
        .iter()
        .chain(&raw.feel_states)
        .filter(|w| !feel_exclude.contains(*w))
        .cloned()
        .collect();
    let adj_strict = owned(lexicon.words(Pos::Adj, true))
        .difference(&stimulus)
        .chain(&states)
        .cloned()
        .collect();
    let lexicon_classes = [
        ("ADJ", adj_strict),
        ("ADJ_ANY", adj_any),
        ("ADJ_FEEL", adj_feel),
        ("NOUN", owned(lexicon.words(Pos::Noun, true))),
        ("NOUN_ANY", owned(lexicon.words(Pos::Noun, false))),
        ("ADV", owned(lexicon.words(Pos::Adv, true))),
        ("ADV_ANY", owned(lexicon.words(Pos::Adv, false))),
    ];
    // Sets whose words are the emotion word of a match (the label a finding names).
    let mut label_sets: BTreeSet<&str> = BTreeSet::new();
    for (name, words) in lexicon_classes {
        if sets.insert(name.to_string(), words).is_some() {
            return Err(format!("[sets] may not redefine the lexicon class {name}"));
        }
        label_sets.insert(name);
    }
    // Idiom nouns name emotions too; they are the label of their construction.
    label_sets.insert("IDIOM_NOUN");
    label_sets.insert("META");
    // So are the emotion verbs and the state nouns the constructions name.
    for name in ["EXP_VERB", "CAUSE_VERB", "STATE_NOUN"] {
        label_sets.insert(name);
    }
    if sets.len() > 128 {
        return Err(format!(
            "{} sets; at most 128 fit the word masks",
            sets.len()
        ));
    }
    // Bits in name order.
    let bit_of: BTreeMap<&str, u128> = sets
        .keys()
        .enumerate()
        .map(|(i, name)| (name.as_str(), 1u128 << i))
        .collect();
    let mut word_masks: BTreeMap<&str, u128> = BTreeMap::new();
    for (name, words) in &sets {
        for w in words {
            *word_masks.entry(w.as_str()).or_default() |= bit_of[name.as_str()];
        }
    }
    let person_bit = |name: &str| {
        bit_of
            .get(name)
            .copied()
            .ok_or_else(|| format!("[sets] lacks {name}, which SUBJ and OBJ use"))
    };

    let mut code = String::new();
    let _ = writeln!(
        code,
        "const PERSON_BITS: PersonBits = PersonBits {{ pronoun: {:#x}, object_pronoun: {:#x}, determiner: {:#x}, person_noun: {:#x} }};\n",
        person_bit("PRONOUN")?,
        person_bit("OBJECT_PRONOUN")?,
        person_bit("DETERMINER")?,
        person_bit("PERSON_NOUN")?,
    );

    code.push_str("const CONSTRUCTIONS: &[Construction] = &[\n");
    let mut ids = BTreeSet::new();
    // Every pattern's per-sentence filter, flat and in declaration order, so the matcher scans
    // one small array per sentence.
    let mut filters = String::from("const FILTERS: &[Filter] = &[\n");
    for (ci, c) in raw.construction.iter().enumerate() {
        if !ids.insert(c.id.as_str()) {
            return Err(format!("construction `{}` is declared twice", c.id));
        }
        let _ = writeln!(
            code,
            "    Construction {{\n        id: {},\n        summary: {},\n        info: {},\n        patterns: &[",
            lit(&c.id),
            lit(&c.summary),
            c.info
        );
        for (pi, source) in c.patterns.iter().enumerate() {
            let elements = parse_pattern(source, |name| bit_of.contains_key(name))
                .map_err(|e| format!("{}: {e}", c.id))?;
            // The set bits the pattern cannot match without: a cheap per-sentence filter.
            let required = elements
                .iter()
                .filter(|e| e.min > 0)
                .filter_map(|e| match &e.atom {
                    PatternAtom::Set(name) => Some(bit_of[name.as_str()]),
                    _ => None,
                })
                .fold(0, |acc, bit| acc | bit);
            // And the literal word lists it cannot match without, each as the signature bits
            // of its words (`labels::signature`): a second per-sentence filter.
            let literals: Vec<String> = elements
                .iter()
                .filter(|e| e.min > 0)
                .filter_map(|e| match &e.atom {
                    PatternAtom::Words(words) => Some(words),
                    _ => None,
                })
                .map(|words| {
                    let bits = words.iter().fold(0u128, |acc, w| acc | signature(w));
                    format!("{bits:#x}")
                })
                .collect();
            let elements: Vec<String> = elements
                .iter()
                .map(|e| element(e, &bit_of, &label_sets))
                .collect();
            let _ = writeln!(
                code,
                "            Pattern {{ elements: &[\n                {},\n            ] }},",
                elements.join(",\n                ")
            );
            let _ = writeln!(
                filters,
                "    Filter {{ required: {required:#x}, literals: &[{}], construction: {ci}, pattern: {pi} }},",
                literals.join(", "),
            );
        }
        let _ = writeln!(
            code,
            "        ],\n        fires: {},\n        passes: {},\n    }},",
            str_slice(c.fires.iter().map(String::as_str)),
            str_slice(c.passes.iter().map(String::as_str))
        );
    }
    code.push_str("];\n\n");
    filters.push_str("];\n\n");
    code.push_str(&filters);

    let word_masks: Vec<(&str, u128)> = word_masks.into_iter().collect();
    code.push_str(&word_table("WORD_MASKS", "u128", &word_masks, |mask| {
        format!("{mask:#x}")
    }));

    let subject_stop: BTreeSet<&str> = raw.subject_stop.iter().map(String::as_str).collect();
    let _ = writeln!(
        code,
        "const SUBJECT_STOP: &[&str] = {};\n",
        str_slice(subject_stop)
    );

    // A word listed twice keeps its last entry.
    let mut next_word: BTreeMap<&str, (BTreeSet<&str>, &str, BTreeSet<&str>)> = BTreeMap::new();
    for n in &raw.next_word {
        let action = match n.action.as_str() {
            "skip" => "NextAction::Skip",
            "info" => "NextAction::Info",
            other => return Err(format!("next_word `{}`: unknown action `{other}`", n.word)),
        };
        if let Some(unknown) = n.except.iter().find(|id| !ids.contains(id.as_str())) {
            return Err(format!(
                "next_word `{}`: except names no construction `{unknown}`",
                n.word
            ));
        }
        let next = n.next.iter().map(String::as_str).collect();
        let except = n.except.iter().map(String::as_str).collect();
        next_word.insert(n.word.as_str(), (next, action, except));
    }
    code.push_str("const NEXT_WORD: &[(&str, (StaticSet, NextAction, StaticSet))] = &[\n");
    for (word, (next, action, except)) in next_word {
        let _ = writeln!(
            code,
            "    ({}, (StaticSet::new({}), {action}, StaticSet::new({}))),",
            lit(word),
            str_slice(next),
            str_slice(except)
        );
    }
    code.push_str("];\n");
    Ok(code)
}

/// A word's signature bit, as `labels::signature` computes it at run time.
fn signature(word: &str) -> u128 {
    1u128 << tables::signature_bit(word)
}

/// One pattern element as a literal of `labels::Element`.
fn element(
    e: &PatternElement,
    bit_of: &BTreeMap<&str, u128>,
    label_sets: &BTreeSet<&str>,
) -> String {
    let atom = match &e.atom {
        PatternAtom::Words(words) => {
            format!(
                "Atom::Words({})",
                str_slice(words.iter().map(String::as_str))
            )
        }
        PatternAtom::Set(name) => format!(
            "Atom::Set({:#x}, {})",
            bit_of[name.as_str()],
            label_sets.contains(name.as_str())
        ),
        PatternAtom::Any => "Atom::Any".into(),
        PatternAtom::Subject => "Atom::Subject".into(),
        PatternAtom::Object => "Atom::Object".into(),
        PatternAtom::Genitive => "Atom::Genitive".into(),
        PatternAtom::Start => "Atom::Start".into(),
        PatternAtom::End => "Atom::End".into(),
        PatternAtom::Comma => "Atom::Comma".into(),
        PatternAtom::PersonBefore => "Atom::PersonBefore".into(),
    };
    let signature = match &e.atom {
        PatternAtom::Words(words) => words.iter().fold(0u128, |acc, w| acc | signature(w)),
        _ => 0,
    };
    format!(
        "Element {{ atom: {atom}, min: {}, max: {}, hyphen: {}, signature: {signature:#x} }}",
        e.min, e.max, e.hyphen
    )
}
