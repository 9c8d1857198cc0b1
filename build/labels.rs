//! rules/labels.toml -> `labels.rs` in OUT_DIR: the label constructions with their token
//! patterns compiled to mask bits, the word -> set-mask table and the small lists (read by
//! src/language/labels.rs).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::lexicon::{Lexicon, Pos};
use crate::literals::{lit, str_slice, word_table};
use crate::schema::{PatternAtom, PatternElement, RawLabels, parse_pattern};
use crate::tables;

/// The label tables: constructions with their patterns compiled to mask bits, the word ->
/// set-mask table, and the small lists of labels.toml.
///
/// `persons` (rules/persons/words.txt) joins the set PERSON_NOUN.
pub fn label_tables(
    raw: RawLabels,
    lexicon: &Lexicon,
    persons: Vec<String>,
) -> Result<String, String> {
    let mut sets: BTreeMap<String, BTreeSet<String>> = raw
        .sets
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect();
    sets.get_mut("PERSON_NOUN")
        .ok_or("[sets] lacks PERSON_NOUN, which SUBJ and OBJ use")?
        .extend(persons);
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
    let feel_only: BTreeSet<String> = raw.feel_only.into_iter().collect();
    let all_adj = lexicon.words(Pos::Adj, false);
    if let Some(w) = feel_only.iter().find(|w| !all_adj.contains(w.as_str())) {
        return Err(format!("feel_only: `{w}` is no lexicon adjective"));
    }
    let adj_any: BTreeSet<String> = owned(lexicon.words(Pos::Adj, false))
        .difference(&stimulus)
        .chain(&states)
        .cloned()
        .collect();
    let adj_feel = adj_any
        .iter()
        .chain(&raw.feel_states)
        .chain(&feel_only)
        .filter(|w| !feel_exclude.contains(*w))
        .cloned()
        .collect();
    let adj_strict: BTreeSet<String> = owned(lexicon.words(Pos::Adj, true))
        .difference(&stimulus)
        .chain(&states)
        .filter(|w| !feel_only.contains(*w))
        .cloned()
        .collect();
    let adj_any: BTreeSet<String> = adj_any.difference(&feel_only).cloned().collect();
    let person_traits: BTreeSet<String> = raw.person_traits.into_iter().collect();
    if let Some(w) = person_traits.iter().find(|w| !all_adj.contains(w.as_str())) {
        return Err(format!("person_traits: `{w}` is no lexicon adjective"));
    }
    let adj_on_person: BTreeSet<String> = adj_strict.difference(&person_traits).cloned().collect();
    let lexicon_classes = [
        ("ADJ_ON_PERSON", adj_on_person),
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
    // So are the emotion verbs, state nouns and experiencer adjectives the constructions name
    // (also so that they match inside a hyphenated compound only where a pattern spells it).
    for name in [
        "EXP_VERB",
        "EXP_VERB_BASE",
        "EXP_VERB_INFLECTED",
        "CAUSE_VERB",
        "CAUSE_ING",
        "STATE_NOUN",
        "PERSON_STATE",
        "EXP_ADJ",
        "EXP_PART",
        "MISS_VERB",
        "MISSED",
    ] {
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
            // What the word a match starts at must be for the consuming elements up to the
            // first mandatory one to take it (`labels::first_word_can_match`), as masks: most
            // words are ruled out with two ANDs. Flags: 1 anything, 2 a person, 4 a genitive.
            let (mut start_mask, mut start_signature, mut start_flags) = (0u128, 0u128, 0u8);
            let mut mandatory = false;
            for e in &elements {
                match &e.atom {
                    PatternAtom::Start
                    | PatternAtom::End
                    | PatternAtom::Comma
                    | PatternAtom::PersonBefore => continue,
                    PatternAtom::Set(name) => start_mask |= bit_of[name.as_str()],
                    PatternAtom::Words(words) => {
                        start_signature |= words.iter().fold(0u128, |acc, w| acc | signature(w))
                    }
                    PatternAtom::Subject | PatternAtom::Object => start_flags |= 2,
                    PatternAtom::Genitive => start_flags |= 4,
                    PatternAtom::Any => start_flags |= 1,
                }
                if e.min > 0 {
                    mandatory = true;
                    break;
                }
            }
            if !mandatory {
                start_flags |= 1;
            }
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
                "    Filter {{ required: {required:#x}, literals: &[{}], start_mask: {start_mask:#x}, start_signature: {start_signature:#x}, start_flags: {start_flags}, construction: {ci}, pattern: {pi} }},",
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
    type Entry<'a> = (
        BTreeSet<&'a str>,
        &'a str,
        BTreeSet<&'a str>,
        BTreeSet<&'a str>,
    );
    // A word may have several entries (`sorry` before `to`, and `sorry` at a clause's end
    // after `I'm`): they are kept in file order.
    let mut next_word: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
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
        let only_after = n.only_after.iter().map(String::as_str).collect();
        next_word
            .entry(n.word.as_str())
            .or_default()
            .push((next, action, except, only_after));
    }
    code.push_str("const NEXT_WORD: &[(&str, &[NextWord])] = &[\n");
    for (word, entries) in next_word {
        let entries: Vec<String> = entries
            .into_iter()
            .map(|(next, action, except, only_after)| {
                format!(
                    "(StaticSet::new({}), {action}, StaticSet::new({}), StaticSet::new({}))",
                    str_slice(next),
                    str_slice(except),
                    str_slice(only_after)
                )
            })
            .collect();
        let _ = writeln!(code, "    ({}, &[{}]),", lit(word), entries.join(", "));
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
