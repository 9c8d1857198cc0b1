"""Drawing a blind set of review sentences, and reading one back at the data's proportions.
A measurement aid, not part of the tool (no test or build step runs it).

    python3 tests/labels/blind_draw.py draw CAD_DIR SEED FIRST_ID [READ.tsv ...] > blind.tsv
    python3 tests/labels/blind_draw.py draw-stratified CAD_DIR SEED FIRST_ID [READ.tsv ...] > blind.tsv
    python3 tests/labels/blind_draw.py reweight CAD_DIR SET.toml [LABEL_PROBE]

`draw` splits every review of CAD_DIR (the counterfactually-augmented IMDb pairs) into sentences
as every set here was split, removes the sentences of tests/labels/*.toml and of the given
tab-separated files (development samples read while tuning: every column is a candidate
sentence), and also every sentence whose counterfactual twin was read (same first five or last
five words: the data pairs each review with an edited copy), then prints 400 at random as
`id<TAB>source<TAB>text`.

`draw-stratified` draws the same pool in two strata, the sentences the rule flags and the rest
(by the label_probe build at hand), each in its share of the whole data's sentences: the set's
raw figures are then the data's, and `reweight` changes them little.

Sentences left unread are not a random sample of the data once development samples have been
drawn from the sentences the rule left alone. `reweight` reads a labelled set in two strata, the
sentences the rule flags and those it does not (examples/label_probe.rs, built with `cargo build
--release --example label_probe`), and weights each stratum's label rate by its share of the
whole data's sentences, for recall and the false-alarm rate as they would be on the whole data.
"""
import glob, os, random, re, subprocess, sys, tomllib
from pathlib import Path

HERE = Path(__file__).parent


def sentences(cad_dir):
    seen, out = set(), []
    for d in sorted(os.listdir(cad_dir)):
        for fn in sorted(os.listdir(os.path.join(cad_dir, d))):
            if not fn.endswith(".txt"):
                continue
            text = open(os.path.join(cad_dir, d, fn), encoding="utf-8").read()
            text = " ".join(re.sub(r"<br\s*/?>", " ", " ".join(text.split())).split())
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text):
                s = s.strip()
                if len(s.split()) < 4 or len(s) > 400 or s in seen:
                    continue
                seen.add(s)
                out.append((f"{d}/{fn}", s))
    return out


def ends(s):
    words = re.findall(r"[a-z0-9']+", s.lower())
    return " ".join(words[:5]), " ".join(words[-5:])


def draw(cad_dir, seed, first_id, read_files, stratified=False):
    read = set()
    for f in glob.glob(str(HERE / "*.toml")):
        read.update(" ".join(s["text"].split()) for s in tomllib.load(open(f, "rb"))["sentence"])
    for f in read_files:
        for line in open(f, encoding="utf-8", errors="replace"):
            read.update(" ".join(col.split()) for col in line.rstrip("\n").split("\t"))
    heads = {ends(s)[0] for s in read if len(s.split()) >= 6}
    tails = {ends(s)[1] for s in read if len(s.split()) >= 6}
    pool = [(src, s) for src, s in sentences(cad_dir)
            if s not in read and ends(s)[0] not in heads and ends(s)[1] not in tails]
    print(f"{len(pool)} sentences left to draw from", file=sys.stderr)
    random.seed(seed)
    if stratified:
        probe = str(HERE / "../../target/release/examples/label_probe")
        share = sum(flagged(probe, [s for _, s in sentences(cad_dir)])) / len(sentences(cad_dir))
        flags = flagged(probe, [s for _, s in pool])
        on = [p for p, f in zip(pool, flags) if f]
        off = [p for p, f in zip(pool, flags) if not f]
        k = round(400 * share)
        print(f"{share:.1%} of the data flagged: {k} of {len(on)} flagged, {400 - k} of "
              f"{len(off)} others", file=sys.stderr)
        drawn = random.sample(on, k) + random.sample(off, 400 - k)
        random.shuffle(drawn)
    else:
        drawn = random.sample(pool, 400)
    for i, (src, s) in enumerate(drawn):
        print(f"{first_id + i}\t{src}\t{s}")


def flagged(probe, texts):
    out = subprocess.run([probe], input="".join(f"{i}\t{t}\n" for i, t in enumerate(texts)),
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t")[1] == "E" for line in out.splitlines()]


def reweight(cad_dir, set_file, probe):
    population = [s for _, s in sentences(cad_dir)]
    share = sum(flagged(probe, population)) / len(population)
    labelled = tomllib.load(open(set_file, "rb"))["sentence"]
    flags = flagged(probe, [s["text"] for s in labelled])
    on = [s["label"] for s, f in zip(labelled, flags) if f]
    off = [s["label"] for s, f in zip(labelled, flags) if not f]
    precision, missed = sum(on) / len(on), sum(off) / len(off)
    recall = share * precision / (share * precision + (1 - share) * missed)
    false_alarms = share * (1 - precision) / (share * (1 - precision) + (1 - share) * (1 - missed))
    print(f"flagged: {share:.1%} of the data, {len(on) / len(labelled):.1%} of the set; "
          f"labels among flagged {sum(on)}/{len(on)}, among the rest {sum(off)}/{len(off)}")
    print(f"at the data's proportions: recall {recall:.1%}, false alarms {false_alarms:.2%}")


if __name__ == "__main__":
    if sys.argv[1:2] in (["draw"], ["draw-stratified"]):
        draw(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:],
             stratified=sys.argv[1] == "draw-stratified")
    elif sys.argv[1:2] == ["reweight"]:
        default = HERE / "../../target/release/examples/label_probe"
        reweight(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else str(default))
    else:
        sys.exit(__doc__)
