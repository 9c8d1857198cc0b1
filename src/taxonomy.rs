//! The emotion taxonomy: which file names are emotions, and their family, valence and arousal.
//! The data lives in `rules/emotions.toml` (compiled in); a corpus adds names in pairlint.toml.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The bundled taxonomy, compiled into the binary so a lone executable needs no data files.
pub const BUNDLED: &str = include_str!("../rules/emotions.toml");

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
    pub fn bundled() -> Taxonomy {
        // The bundled file is checked by tests; failing here is a build defect, not user input.
        Taxonomy::parse(BUNDLED).expect("rules/emotions.toml is valid (checked by tests)")
    }

    pub fn parse(source: &str) -> Result<Taxonomy, String> {
        let taxonomy: Taxonomy = toml::from_str(source).map_err(|e| e.to_string())?;
        taxonomy.validate()?;
        Ok(taxonomy)
    }

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
    fn bad_taxonomy_is_rejected_with_the_reason() {
        let err = Taxonomy::parse(
            "schema = 1\n[families.a]\nvalence = 0.0\narousal = 0.0\nsummary = \"x\"\n\
             [emotions]\nx = { family = \"b\", valence = 0.0, arousal = 0.0 }\n",
        )
        .unwrap_err();
        assert!(err.contains("unknown family `b`"), "{err}");
    }
}
