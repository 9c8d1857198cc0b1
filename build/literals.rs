//! Rust literals for the generated tables: strings, floats of the very same bits, string
//! slices, and `WordTable`s laid out with the crate's own hash (src/text/tables.rs).

use crate::tables;

/// A string as a Rust literal (`Debug` escapes exactly what a literal needs).
pub fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A float as a Rust expression of the very same value.
pub fn float(x: f64) -> String {
    if x.is_finite() {
        // `Debug` prints the shortest text that reads back to the same bits, with a `.`.
        format!("{x:?}")
    } else {
        format!("f64::from_bits({:#x})", x.to_bits())
    }
}

pub fn str_slice<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = words.into_iter().map(lit).collect();
    format!("&[{}]", items.join(", "))
}

/// `const {name}: WordTable<{value_type}>` over `entries` (in key order), each value written by
/// `value`, with its keys as one string in `const {name}_KEYS` (so other tables can point into
/// them by offset) and the hash slots laid out here with the lookup's hash.
pub fn word_table<V>(
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
