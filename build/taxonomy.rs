//! rules/emotions.toml -> `taxonomy.rs` in OUT_DIR: the bundled emotions, families and
//! aliases (read by src/language/taxonomy.rs).

use std::fmt::Write as _;

use crate::literals::{float, lit};
use crate::schema::Taxonomy;

pub fn taxonomy_tables(t: &Taxonomy) -> String {
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
