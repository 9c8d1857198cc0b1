"""Would a trained classifier add recall to emotion-label? A measurement, not part of the tool.

Reads every opened (tuned-on) real-text set in this folder (SETS; never a blind one), runs the
rule over them with the label_probe example, and fits a logistic regression (plain Python, 5-fold cross-validation) to see how
many of the labels the rule leaves alone it could add at what cost in false alarms, and how
often what it adds is a label (precision). Two feature sets: bag of words and bigrams
(`words`), or only the words around each lexicon emotion word (`context`).

The folds keep counterfactual twins together (sentences sharing their first or last five
words: CAD pairs each review with an edited copy). Until session 13 the folds were by
sentence, so a twin of a test sentence was often in training, and the figures were optimistic.

    cargo build --release --example label_probe
    python3 tests/labels/classifier_cv.py [words|context] [generated]

With `generated`, the sets are the opened sets of generated text instead (GENERATED).
"""
import math, random, re, subprocess, sys, tomllib
from pathlib import Path

HERE = Path(__file__).parent
SETS = ["real", "real_dev", "real_blind", "real_blind2", "real_blind3", "real_blind4",
        "real_blind5", "real_blind6", "real_blind7", "real_pool", "real_pool2", "real_flagged",
        "real_flagged2"]
# The opened sets of generated text (session 13), for `classifier_cv.py MODE generated`.
GENERATED = ["generated_dev", "generated_dev2", "generated_dev3", "generated_dev4", "generated_dev5"]


def probe(texts):
    """The rule's verdict (an error-level label or not) and the lexicon's emotion words for
    each text, from examples/label_probe.rs."""
    out = subprocess.run([str(HERE / "../../target/release/examples/label_probe")],
                         input="".join(f"{i}\t{t}\n" for i, t in enumerate(texts)),
                         capture_output=True, text=True, check=True).stdout
    rule, emotion_words = [], []
    for line in out.splitlines():
        f = line.split("\t")
        rule.append(f[1] == "E")
        emotion_words.append({w.lower() for w in f[3].split(",") if w})
    return rule, emotion_words


def features(text, emo, mode):
    """A sentence's features: its emotion words, and the words around each (`context` pairs
    them with the emotion word; `words` adds the bag of words and bigrams)."""
    toks = re.findall(r"[a-z']+|[.!?,;]", text.lower())
    f = {"bias", f"nemo:{min(len(emo), 3)}"} | {f"e:{w}" for w in emo}
    if mode == "words":
        f |= {f"u:{w}" for w in toks} | {f"b:{a}_{b}" for a, b in zip(toks, toks[1:])}
    for k, w in enumerate(toks):
        if w in emo:
            for d in (-3, -2, -1, 1, 2):
                other = toks[k + d] if 0 <= k + d < len(toks) else "#"
                f.add(f"ctx{d}:{other}")
                if mode == "context":
                    f.add(f"pair{d}:{w}|{other}")
    return f


def train(F, y, ids, epochs=8, lr=0.2, l2=1e-4):
    """Logistic regression by SGD over the examples `ids` (F: features, y: labels), the
    labels weighted up to half the classes' ratio."""
    w, pos = {}, sum(y[i] for i in ids)
    weight = (len(ids) - pos) / pos * 0.5
    for epoch in range(epochs):
        random.Random(epoch).shuffle(ids)
        for i in ids:
            z = max(-30, min(30, sum(w.get(f, 0) for f in F[i])))
            g = (1 / (1 + math.exp(-z)) - y[i]) * (weight if y[i] else 1)
            for f in F[i]:
                w[f] = w.get(f, 0) - lr * (g + l2 * w.get(f, 0))
    return w


def twin_groups(texts):
    """A group id per text: texts sharing their first or last five words are one group."""
    parent = list(range(len(texts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    first_with = {}
    for i, t in enumerate(texts):
        words = re.findall(r"[a-z0-9']+", t.lower())
        for key in (("head", " ".join(words[:5])), ("tail", " ".join(words[-5:]))):
            if key in first_with:
                parent[root(i)] = root(first_with[key])
            else:
                first_with[key] = i
    return [root(i) for i in range(len(texts))]


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "context"
    sets = GENERATED if "generated" in sys.argv[2:] else SETS
    rows = {}
    for name in sets:
        for s in tomllib.load(open(HERE / f"{name}.toml", "rb"))["sentence"]:
            rows.setdefault(" ".join(s["text"].split()), bool(s["label"]))
    texts = list(rows)
    rule, emotion_words = probe(texts)
    y = [rows[t] for t in texts]
    F = [features(t, emotion_words[i], mode) for i, t in enumerate(texts)]
    groups = twin_groups(texts)
    order = sorted(set(groups))
    random.Random(1).shuffle(order)
    fold = {g: k % 5 for k, g in enumerate(order)}
    score = {}
    for k in range(5):
        w = train(F, y, [i for i in range(len(texts)) if fold[groups[i]] != k])
        for i in range(len(texts)):
            if fold[groups[i]] == k:
                score[i] = sum(w.get(f, 0) for f in F[i])
    P = sum(y)
    N = len(y) - P
    tp = sum(r and l for r, l in zip(rule, y))
    fp = sum(r and not l for r, l in zip(rule, y))
    print(f"{len(y)} sentences, {P} labels; rule: recall {tp / P:.1%}, false alarms {fp / N:.2%}")
    for th in range(0, 7):
        add_tp = sum(score[i] > th and y[i] and not rule[i] for i in score)
        add_fp = sum(score[i] > th and not y[i] and not rule[i] for i in score)
        precision = add_tp / (add_tp + add_fp) if add_tp + add_fp else 0
        print(f"threshold {th}: rule or classifier: recall {(tp + add_tp) / P:.1%} (+{add_tp}), "
              f"false alarms {(fp + add_fp) / N:.2%} (+{add_fp}); added: {precision:.0%} labels")


if __name__ == "__main__":
    main()
