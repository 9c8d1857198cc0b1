//! Microbenchmarks of the per-text stages: `cargo bench --bench pipeline`.
//! Inputs are texts of the bundled corpus, so the numbers reflect real prose.

use pairlint::language::labels::Labels;
use pairlint::language::lexicon::Lexicon;
use pairlint::text::Doc;

fn main() {
    // The label tables are static (compiled by build/); touch them before timing anyway.
    let _ = Labels::bundled();
    divan::main();
}

const TEXT: &str = include_str!("../paired/the_comment/furious.txt");
const LABELLED: &str = "She felt furious when the email arrived. To her relief, the bus was \
    still there. He wasn't angry, he said bitterly, and a wave of shame swept through him.";

#[divan::bench]
fn tokenize(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(TEXT.len()))
        .bench(|| Doc::new(divan::black_box(TEXT)));
}

#[divan::bench(args = ["corpus text", "five labels"])]
fn label_matcher(bencher: divan::Bencher, input: &str) {
    let doc = Doc::new(if input == "corpus text" {
        TEXT
    } else {
        LABELLED
    });
    let labels = Labels::bundled();
    bencher.bench(|| labels.find(divan::black_box(&doc)));
}

#[divan::bench]
fn lexical_analysis(bencher: divan::Bencher) {
    let doc = Doc::new(TEXT);
    let lexicon = Lexicon::bundled();
    bencher.bench(|| {
        doc.words
            .iter()
            .map(|w| lexicon.analyze(divan::black_box(w.lower(&doc))).len())
            .sum::<usize>()
    });
}
