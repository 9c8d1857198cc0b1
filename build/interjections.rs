//! rules/interjections.toml -> `interjections.rs` in OUT_DIR: the interjection groups,
//! each phrase split into its words, indexed by its first word's bucket (read by
//! src/language/interjections.rs).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::literals::{lit, str_slice};
use crate::schema::RawInterjections;
use crate::stretch_key::{BUCKETS, stretch_key};

/// The interjection groups, each phrase split into its words.
pub fn interjection_tables(raw: RawInterjections) -> Result<String, String> {
    let mut code = String::from("const GROUPS: &[Group] = &[\n");
    let mut seen = BTreeSet::new();
    // (group, phrase) by the bucket of the phrase's first word, so a word looks only at its own.
    let mut by_key: Vec<Vec<String>> = vec![Vec::new(); BUCKETS];
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
            let key = stretch_key(words[0].as_bytes())
                .ok_or_else(|| format!("phrase `{p}`: starts with a letter a-z"))?;
            by_key[key].push(format!("({gi}, {pi})"));
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
    let by_key: Vec<String> = by_key
        .iter()
        .map(|list| format!("&[{}]", list.join(", ")))
        .collect();
    let _ = writeln!(
        code,
        "const BY_KEY: [&[(usize, usize)]; {BUCKETS}] = [{}];",
        by_key.join(", ")
    );
    Ok(code)
}
