//! README.md's rule table is generated from the registry; this test keeps them equal.
//! On a mismatch it prints the table to paste between the markers.

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn expected_table() -> String {
    let mut t = String::from(
        "| rule | scope | default | fixable | what it reports |\n|---|---|---|---|---|\n",
    );
    for rule in pairlint::rules::ALL {
        let m = rule.meta();
        t.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            m.name,
            m.scope.as_str(),
            m.severity,
            if m.fixable { "yes" } else { "" },
            m.summary
        ));
    }
    t
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md exists");
    let start = readme
        .find(START)
        .expect("README has the rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let expected = expected_table();
    assert!(
        readme[start..end] == expected,
        "README.md rule table is stale; replace it with:\n\n{expected}"
    );
}

#[test]
fn readme_shows_the_ci_test_command() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        readme.contains("cargo test"),
        "README names the test command"
    );
    assert!(
        ci.contains("cargo test"),
        ".ci/run runs the README's test command"
    );
}
