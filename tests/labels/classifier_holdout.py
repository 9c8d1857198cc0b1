"""Would a trained classifier add recall to emotion-label on text it was not trained on?
A measurement, not part of the tool (no test or build step runs it).

Trains the logistic regression of classifier_cv.py (its probe, features and training,
imported; `context` features: the words around each lexicon emotion word, or `words`: bag of
words and bigrams as well) on every opened real-text set in this folder, minus every sentence that is a counterfactual twin of a held-out
sentence (same first five or last five words), and scores the held-out set: the rule alone, and
the rule or the classifier at thresholds 0-6. Unlike classifier_cv.py's folds, no near-copy of a
test sentence is in training. Never run it on a blind set: the held-out set must be one already
opened (real_blind7.toml in session 12).

    cargo build --release --example label_probe
    python3 tests/labels/classifier_holdout.py real_blind7 [context|words]
"""
import re, sys, tomllib

from classifier_cv import HERE, SETS as TRAIN, features, probe, train
held_out = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "context"


def ends(s):
    words = re.findall(r"[a-z0-9']+", s.lower())
    return " ".join(words[:5]), " ".join(words[-5:])


def load(name):
    return [(" ".join(s["text"].split()), bool(s["label"]))
            for s in tomllib.load(open(HERE / f"{name}.toml", "rb"))["sentence"]]


test = load(held_out)
heads, tails = {ends(t)[0] for t, _ in test}, {ends(t)[1] for t, _ in test}
rows = {}
for name in TRAIN:
    if name == held_out:
        continue
    for t, label in load(name):
        if ends(t)[0] not in heads and ends(t)[1] not in tails:
            rows.setdefault(t, label)
train_rows = list(rows.items())
texts = [t for t, _ in train_rows] + [t for t, _ in test]
y = [label for _, label in train_rows] + [label for _, label in test]
rule, emotion = probe(texts)
F = [features(t, emotion[i], mode) for i, t in enumerate(texts)]
weights = train(F, y, list(range(len(train_rows))))
positives = sum(y[: len(train_rows)])
held = range(len(train_rows), len(texts))
P = sum(y[i] for i in held)
N = len(held) - P
tp = sum(rule[i] and y[i] for i in held)
fp = sum(rule[i] and not y[i] for i in held)
print(f"trained on {len(train_rows)} sentences ({positives} labels), twins of {held_out} removed")
print(f"{held_out}: rule recall {tp / P:.1%} ({tp}/{P}), false alarms {fp / N:.1%} ({fp}/{N})")
score = {i: sum(weights.get(f, 0) for f in F[i]) for i in held}
for th in range(7):
    add_tp = sum(score[i] > th and y[i] and not rule[i] for i in held)
    add_fp = sum(score[i] > th and not y[i] and not rule[i] for i in held)
    print(f"threshold {th}: rule or classifier: recall {(tp + add_tp) / P:.1%} (+{add_tp}), "
          f"false alarms {(fp + add_fp) / N:.1%} (+{add_fp})")
