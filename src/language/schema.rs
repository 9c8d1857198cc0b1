//! The shapes of the data files in `rules/` and the checks on them, in one place for two
//! readers: build/ (`#[path]`-includes this file) deserializes every file with these types
//! and compiles them into the static tables the crate embeds, and the crate itself uses the
//! taxonomy's types at run time (`pairlint.toml` `[emotions]` extends the taxonomy and is
//! validated again). Only `serde` and `std` here: the build script has nothing else.

use std::collections::BTreeMap;

use serde::Deserialize;

// ---------------------------------------------------------------- rules/emotions.toml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub valence: f64,
    pub arousal: f64,
    pub summary: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modifier {
    pub family: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Emotion {
    pub family: String,
    pub valence: f64,
    pub arousal: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub schema: u32,
    pub families: BTreeMap<String, Family>,
    #[serde(default)]
    pub modifiers: BTreeMap<String, Modifier>,
    pub emotions: BTreeMap<String, Emotion>,
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
}

impl Taxonomy {
    /// Every reference resolves: families of emotions and modifiers, alias targets.
    pub fn validate(&self) -> Result<(), String> {
        for (name, e) in &self.emotions {
            if !self.families.contains_key(&e.family) {
                return Err(format!(
                    "emotion `{name}` names unknown family `{}`",
                    e.family
                ));
            }
            if !is_snake_case(name) {
                return Err(format!("emotion `{name}` is not lowercase snake_case"));
            }
        }
        for (name, m) in &self.modifiers {
            if !self.families.contains_key(&m.family) {
                return Err(format!(
                    "modifier `{name}` names unknown family `{}`",
                    m.family
                ));
            }
        }
        for (alias, target) in &self.aliases {
            if !self.emotions.contains_key(target) {
                return Err(format!(
                    "alias `{alias}` points at unknown emotion `{target}`"
                ));
            }
            if self.emotions.contains_key(alias) {
                return Err(format!("alias `{alias}` is also an emotion name"));
            }
        }
        Ok(())
    }
}

pub fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.split('_').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

// ---------------------------------------------------------------- rules/lexicon/*.toml

/// One tier of an entry, by part of speech.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPos {
    #[serde(default)]
    pub adj: Vec<String>,
    #[serde(default)]
    pub adv: Vec<String>,
    #[serde(default)]
    pub noun: Vec<String>,
    #[serde(default)]
    pub verb: Vec<String>,
}

/// One `[emotion]` table of a lexicon family file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    #[serde(default)]
    pub forms: RawPos,
    #[serde(default)]
    pub synonyms: RawPos,
    #[serde(default)]
    pub ambiguous: Vec<String>,
}

/// rules/lexicon/collisions.toml: word -> why it must not match through suffix stripping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCollisions {
    pub words: BTreeMap<String, String>,
}

// ---------------------------------------------------------------- rules/labels.toml

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabels {
    pub sets: BTreeMap<String, Vec<String>>,
    pub physical: Vec<String>,
    /// Lexicon words in another sense wherever a label construction would read them.
    #[serde(default)]
    pub other_senses: Vec<String>,
    /// Adjectives that describe what causes a feeling (boring, dreadful), not a state.
    #[serde(default)]
    pub stimulus: Vec<String>,
    /// State adjectives the lexicon does not list (hooked, underwhelmed): added to every
    /// adjective class.
    #[serde(default)]
    pub states: Vec<String>,
    /// Words that name a state after a feeling verb only ("felt awful", "felt touched").
    #[serde(default)]
    pub feel_states: Vec<String>,
    pub feel_exclude: Vec<String>,
    /// Lexicon words that name a state after a feeling verb only ("felt trapped"), literal
    /// after `be` ("they are imprisoned"): left out of every class but ADJ_FEEL.
    #[serde(default)]
    pub feel_only: Vec<String>,
    /// Lexicon adjectives for a disposition or a circumstance rather than a feeling ("a
    /// sexy girl", "the unsuspecting couple"): not read as a label before a person noun.
    #[serde(default)]
    pub person_traits: Vec<String>,
    pub subject_stop: Vec<String>,
    #[serde(default)]
    pub next_word: Vec<RawNextWord>,
    pub construction: Vec<RawConstruction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNextWord {
    pub word: String,
    pub next: Vec<String>,
    pub action: String,
    pub why: String,
    /// Constructions the entry does not apply to ("felt sorry for" is pity, not an apology).
    #[serde(default)]
    pub except: Vec<String>,
    /// When given, the entry applies only if one of these words is among the three before the
    /// label word (or, for `,`, a comma is right before it): "I'm afraid she left" is
    /// politeness, "her daughters were afraid she ..." fear.
    #[serde(default)]
    pub only_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConstruction {
    pub id: String,
    pub summary: String,
    /// A formula or an evaluative idiom ("it's a shame", "pleased to announce", "a misery to
    /// sit through"): its matches are info, and an error match it overlaps is made info.
    #[serde(default)]
    pub info: bool,
    pub patterns: Vec<String>,
    pub fires: Vec<String>,
    pub passes: Vec<String>,
}

// ---------------------------------------------------------------- rules/interjections.toml

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInterjections {
    pub group: Vec<RawInterjectionGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInterjectionGroup {
    pub announces: String,
    /// `anywhere`, `standalone` or `initial`.
    pub position: String,
    pub phrases: Vec<String>,
    pub fires: Vec<String>,
    pub passes: Vec<String>,
}

/// What one item of a label pattern matches, as written (syntax in src/language/labels.rs); build/
/// turns set names into mask bits.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternAtom {
    Words(Vec<String>),
    Set(String),
    Any,
    Subject,
    Object,
    /// A person's genitive: `Maya's`, `the team's`.
    Genitive,
    Start,
    End,
    Comma,
    PersonBefore,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    pub atom: PatternAtom,
    pub min: usize,
    pub max: usize,
    pub hyphen: bool,
}

/// Parse one pattern; `is_set` says which upper-case names are word sets.
pub fn parse_pattern(
    source: &str,
    is_set: impl Fn(&str) -> bool,
) -> Result<Vec<PatternElement>, String> {
    let mut out = Vec::new();
    for item in source.split_whitespace() {
        let (hyphen, item) = match item.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, item),
        };
        let (body, min, max) = if let Some(b) = item.strip_suffix('?') {
            (b, 0, 1)
        } else if let Some(open) = item.find('{') {
            let range = item[open + 1..]
                .strip_suffix('}')
                .ok_or_else(|| format!("`{item}`: unclosed {{"))?;
            let (lo, hi) = range
                .split_once(',')
                .ok_or_else(|| format!("`{item}`: use {{m,n}}"))?;
            let lo: usize = lo.parse().map_err(|_| format!("`{item}`: bad count"))?;
            let hi: usize = hi.parse().map_err(|_| format!("`{item}`: bad count"))?;
            if lo > hi || hi > 6 {
                return Err(format!("`{item}`: counts must satisfy m <= n <= 6"));
            }
            (&item[..open], lo, hi)
        } else {
            (item, 1, 1)
        };
        let atom = match body {
            "_" => PatternAtom::Any,
            "^" => PatternAtom::Start,
            "$" => PatternAtom::End,
            "," => PatternAtom::Comma,
            "@person" => PatternAtom::PersonBefore,
            "SUBJ" => PatternAtom::Subject,
            "OBJ" => PatternAtom::Object,
            "GEN" => PatternAtom::Genitive,
            b if b.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {
                if !is_set(b) {
                    return Err(format!("unknown set `{b}`"));
                }
                PatternAtom::Set(b.to_string())
            }
            b => {
                let words: Vec<String> = b.split('|').map(str::to_string).collect();
                if words
                    .iter()
                    .any(|w| w.is_empty() || w.chars().any(|c| c.is_uppercase()))
                {
                    return Err(format!("`{b}`: words are lowercase, separated by |"));
                }
                PatternAtom::Words(words)
            }
        };
        if matches!(
            atom,
            PatternAtom::Start | PatternAtom::End | PatternAtom::Comma | PatternAtom::PersonBefore
        ) && (min, max) != (1, 1)
        {
            return Err(format!("`{item}`: ^, $, , and @person take no quantifier"));
        }
        out.push(PatternElement {
            atom,
            min,
            max,
            hyphen,
        });
    }
    if out.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_patterns_are_rejected() {
        let no_sets = |_: &str| false;
        assert!(parse_pattern("NOPE", no_sets).is_err());
        assert!(parse_pattern("a{3,1}", no_sets).is_err());
        assert!(parse_pattern("^?", no_sets).is_err());
    }
}

/// rules/cues.toml: words that show each family's emotion, with examples of their own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCues {
    /// Words whose valence rating is dropped: rated for a sense narration rarely uses.
    #[serde(default)]
    pub unrated: Vec<String>,
    pub families: BTreeMap<String, RawCueFamily>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCueFamily {
    pub cues: Vec<String>,
    pub examples: Vec<String>,
}
