//! rules/label_model.toml -> `label_model.rs` in OUT_DIR: the label model's weights as a
//! sorted table, its bias and threshold (read by src/language/label_model.rs).

use crate::literals::lit;
use crate::schema::RawLabelModel;

pub fn label_model_tables(raw: RawLabelModel) -> Result<String, String> {
    let numbers = [("bias", raw.model.bias), ("threshold", raw.model.threshold)];
    let weights = raw.weights.iter().map(|(k, v)| (k.as_str(), *v));
    if let Some((name, _)) = numbers
        .into_iter()
        .chain(weights)
        .find(|(_, v)| !v.is_finite())
    {
        return Err(format!("`{name}` is not a finite number"));
    }
    // A BTreeMap iterates in key order: the table is sorted, as StaticMap requires.
    let entries: Vec<String> = raw
        .weights
        .iter()
        .map(|(k, v)| format!("({}, {:?}_f32)", lit(k), *v as f32))
        .collect();
    Ok(format!(
        "const WEIGHTS: &[(&str, f32)] = &[{}];\nconst BIAS: f32 = {:?}_f32;\nconst THRESHOLD: f32 = {:?}_f32;\n",
        entries.join(",\n"),
        raw.model.bias as f32,
        raw.model.threshold as f32
    ))
}
