"""Contrastive steering inputs from a pairlint export, with the standard library only.

    pairlint export paired --format pairs > pairs.jsonl
    python3 docs/training_example.py pairs.jsonl

Each line of the export is one variant: `positive` (the emotional text), `negative` (its
neutral baseline), `scenario`, `emotion`, `family`. Contrastive activation addition takes, per
emotion, mean(activations on positives) - mean(activations on negatives). `activations` below
is a stand-in (word counts) so the example runs anywhere; replace it with your model's hidden
state at the layer you steer (for example the mean over tokens of layer 16's residual stream).
"""

import collections
import json
import re
import sys


def activations(text):
    """Stand-in for a model's activations: a bag of lowercase words."""
    return collections.Counter(re.findall(r"[a-z']+", text.lower()))


def mean(vectors):
    total = collections.Counter()
    for v in vectors:
        total.update(v)
    return {k: n / len(vectors) for k, n in total.items()}


def direction(pairs):
    """mean(positive) - mean(negative) over one emotion's pairs."""
    pos = mean([activations(p["positive"]) for p in pairs])
    neg = mean([activations(p["negative"]) for p in pairs])
    keys = set(pos) | set(neg)
    return {k: pos.get(k, 0.0) - neg.get(k, 0.0) for k in keys}


def main(path):
    by_emotion = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            by_emotion[record["emotion"]].append(record)
    for emotion in sorted(by_emotion):
        pairs = by_emotion[emotion]
        d = direction(pairs)
        top = sorted(d, key=lambda k: (-d[k], k))[:3]
        family = pairs[0]["family"]
        print(f"{emotion}\t{family}\t{len(pairs)} pairs\t+" + " +".join(top))
    print(f"{len(by_emotion)} emotions, {sum(map(len, by_emotion.values()))} pairs")


if __name__ == "__main__":
    main(sys.argv[1])
