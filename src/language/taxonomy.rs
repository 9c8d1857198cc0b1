//! The emotion taxonomy: which file names are emotions, and their family, valence and arousal.
//! The data lives in `rules/emotions.toml` (compiled in); a corpus adds names in pairlint.toml.

use std::collections::BTreeMap;

// The types are shared with build/, which validates rules/emotions.toml and compiles it into
// BUNDLED_SCHEMA, BUNDLED_FAMILIES, BUNDLED_MODIFIERS, BUNDLED_EMOTIONS and BUNDLED_ALIASES.
pub use crate::language::schema::{Emotion, Family, Modifier, Taxonomy, is_snake_case};

include!(concat!(env!("OUT_DIR"), "/taxonomy.rs"));

/// What a file stem resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The canonical name (`furious`, or `anticipatory_sexual` for a compound).
    pub name: String,
    /// The emotion keys whose vocabulary the file must avoid: the head, plus the modifier for a
    /// compound (`anticipatory` and `sexual`).
    pub parts: Vec<String>,
    pub emotion: Emotion,
}

impl Taxonomy {
    /// The bundled taxonomy, from the tables build/ compiled (and validated) at build time:
    /// only the maps are built here, no TOML is read. Owned, as a corpus may extend it.
    pub fn bundled() -> Taxonomy {
        Taxonomy {
            schema: BUNDLED_SCHEMA,
            families: BUNDLED_FAMILIES
                .iter()
                .map(|&(name, valence, arousal, summary)| {
                    let family = Family {
                        valence,
                        arousal,
                        summary: summary.to_string(),
                    };
                    (name.to_string(), family)
                })
                .collect(),
            modifiers: BUNDLED_MODIFIERS
                .iter()
                .map(|&(name, family, summary)| {
                    let modifier = Modifier {
                        family: family.to_string(),
                        summary: summary.to_string(),
                    };
                    (name.to_string(), modifier)
                })
                .collect(),
            emotions: BUNDLED_EMOTIONS
                .iter()
                .map(|&(name, family, valence, arousal)| {
                    let emotion = Emotion {
                        family: family.to_string(),
                        valence,
                        arousal,
                    };
                    (name.to_string(), emotion)
                })
                .collect(),
            aliases: BUNDLED_ALIASES
                .iter()
                .map(|&(alias, target)| (alias.to_string(), target.to_string()))
                .collect(),
        }
    }

    pub fn parse(source: &str) -> Result<Taxonomy, String> {
        let taxonomy: Taxonomy = toml::from_str(source).map_err(|e| e.to_string())?;
        taxonomy.validate()?;
        Ok(taxonomy)
    }

    /// Add a corpus's own names (pairlint.toml `[emotions]`).
    pub fn extend(&mut self, extra: &BTreeMap<String, Emotion>) -> Result<(), String> {
        for (name, e) in extra {
            self.emotions.insert(name.clone(), e.clone());
        }
        self.validate()
    }

    /// Resolve a file stem: an emotion key, an alias, or `head_modifier`.
    pub fn resolve(&self, stem: &str) -> Option<Resolved> {
        if let Some(r) = self.lookup(stem) {
            return Some(r);
        }
        // Compounds split at the last underscore so multi-word heads (`at_ease_sexual`) work.
        let (head, modifier) = stem.rsplit_once('_')?;
        let modifier_def = self.modifiers.get(modifier)?;
        let head = self.lookup(head)?;
        let family = &self.families[&modifier_def.family];
        Some(Resolved {
            name: format!("{}_{modifier}", head.name),
            parts: vec![head.name, modifier.to_string()],
            emotion: Emotion {
                family: modifier_def.family.clone(),
                // The head gives the flavour's valence; the modifier's family sets arousal.
                valence: head.emotion.valence,
                arousal: family.arousal.max(head.emotion.arousal),
            },
        })
    }

    fn lookup(&self, name: &str) -> Option<Resolved> {
        let key = match self.emotions.get_key_value(name) {
            Some((k, _)) => k.as_str(),
            None => self.aliases.get(name)?.as_str(),
        };
        Some(Resolved {
            name: key.to_string(),
            parts: vec![key.to_string()],
            emotion: self.emotions[key].clone(),
        })
    }

    /// Names worth suggesting for a misspelt stem: every key, alias and `head_modifier` whose
    /// head is close. Best first.
    pub fn suggest(&self, stem: &str) -> Option<String> {
        let mut best: Option<(f64, String)> = None;
        let mut consider = |candidate: String| {
            let score = strsim::jaro_winkler(stem, &candidate);
            if score >= 0.85 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, candidate));
            }
        };
        for name in self.emotions.keys().chain(self.aliases.keys()) {
            consider(name.clone());
        }
        if let Some((head, modifier)) = stem.rsplit_once('_') {
            for m in self.modifiers.keys() {
                if strsim::jaro_winkler(modifier, m) >= 0.85 {
                    for name in self.emotions.keys() {
                        if strsim::jaro_winkler(head, name) >= 0.85 {
                            consider(format!("{name}_{m}"));
                        }
                    }
                }
            }
        }
        best.map(|(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_taxonomy_is_large_and_consistent() {
        let t = Taxonomy::bundled();
        assert_eq!(t.schema, 1);
        assert!(t.emotions.len() >= 170, "{} emotions", t.emotions.len());
        for family in [
            "anger",
            "high_pos",
            "low_pos",
            "social_pos",
            "sexual",
            "sadness",
            "fear",
            "disgust",
        ] {
            assert!(t.families.contains_key(family), "family {family}");
        }
        for (name, e) in &t.emotions {
            assert!((-1.0..=1.0).contains(&e.valence), "{name} valence");
            assert!((0.0..=1.0).contains(&e.arousal), "{name} arousal");
        }
    }

    #[test]
    fn names_aliases_and_compounds_resolve() {
        let t = Taxonomy::bundled();
        assert_eq!(t.resolve("furious").unwrap().emotion.family, "anger");
        assert_eq!(t.resolve("rage").unwrap().name, "furious");
        let c = t.resolve("anticipatory_sexual").unwrap();
        assert_eq!(c.emotion.family, "sexual");
        assert_eq!(c.parts, ["anticipatory", "sexual"]);
        assert!(t.resolve("at_ease").is_some());
        assert!(t.resolve("in_flow").is_some());
        assert!(t.resolve("furius").is_none());
        assert!(t.resolve("anticipatory_culinary").is_none());
    }

    #[test]
    fn suggestions_find_near_names() {
        let t = Taxonomy::bundled();
        assert_eq!(t.suggest("furius").as_deref(), Some("furious"));
        assert_eq!(
            t.suggest("anticipatory_sexaul").as_deref(),
            Some("anticipatory_sexual")
        );
        assert_eq!(t.suggest("spreadsheet"), None);
    }

    #[test]
    fn bundled_tables_are_the_file() {
        // build/ compiled rules/emotions.toml; parsing it here must give the same taxonomy,
        // floats and order included.
        let parsed = Taxonomy::parse(include_str!("../../rules/emotions.toml")).unwrap();
        assert_eq!(format!("{:?}", Taxonomy::bundled()), format!("{parsed:?}"));
    }

    #[test]
    fn bad_taxonomy_is_rejected_with_the_reason() {
        let err = Taxonomy::parse(
            "schema = 1\n[families.a]\nvalence = 0.0\narousal = 0.0\nsummary = \"x\"\n\
             [emotions]\nx = { family = \"b\", valence = 0.0, arousal = 0.0 }\n",
        )
        .unwrap_err();
        assert!(err.contains("unknown family `b`"), "{err}");
    }
}
