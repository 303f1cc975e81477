"""Pairing benchmark: does compare call a pair kept/reworded only when it is the same policy?

Run: `python benchmarks/bench_pairing.py [--index corpus]`. Needs the paragraph index of the
bundled reports (embeddings come from the cache). The labels are `benchmarks/data/pairs_gold.tsv`:
every pair the one-to-one assignment proposes for five real report pairs (海拉尔区 2015→2016 and
2018→2019, 保定市 and 清苑区 2022, 易县 and 涞水县 2022, the two half-year seeds), marked by hand
as kept, reworded (the same policy; a short paragraph continued inside a longer one counts) or
different (another policy in the same style); `unsure` pairs are left out.

It prints precision and recall of kept/reworded for
- the old rule, one fixed cosine (0.92);
- the shipped decision (`semcomp.compare.pairing`), whose weights were fitted on these labels;
- the same model refitted with each report pair left out in turn, the honest estimate;
and the weights a fit on all labels gives now, next to the shipped ones.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from semcomp.compare.align import SAME_TEXT, proposals, same_text
from semcomp.compare.pairing import BIAS, SAME_POLICY, WEIGHTS, Evidence, evidence
from semcomp.compare.report import _passages
from semcomp.embed.encoder import Encoder
from semcomp.embed.models import resolve_model
from semcomp.index.build import cached_vectors
from semcomp.store.catalogue import Catalogue

GOLD = Path(__file__).parent / "data" / "pairs_gold.tsv"
OLD_THRESHOLD = 0.92
FEATURES = list(WEIGHTS)


def labelled(cat: Catalogue, encoder: Encoder) -> list[tuple[str, str, Evidence, bool, int]]:
    """(report pair, label, evidence, proposed by today's assignment, template kept) for each labelled pair."""
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in csv.DictReader(GOLD.open(encoding="utf-8"), delimiter="\t"):
        by_pair[(row["report_a"], row["report_b"])].append(row)
    out = []
    for (a, b), rows in by_pair.items():
        pa, pb = _passages(cat.report(a)), _passages(cat.report(b))
        vectors = cached_vectors([p.text for p in pa + pb], encoder)
        sims = vectors[: len(pa)] @ vectors[len(pa) :].T
        proposed = set(proposals(sims))
        ia = {(p.start, p.end): i for i, p in enumerate(pa)}
        ib = {(p.start, p.end): j for j, p in enumerate(pb)}
        pairs = [(ia[(int(r["start_a"]), int(r["end_a"]))], ib[(int(r["start_b"]), int(r["end_b"]))]) for r in rows]
        found = evidence(sims, [p.text for p in pa], [p.text for p in pb], pairs)
        for r, (i, j), e in zip(rows, pairs, found, strict=True):
            out.append((f"{a} ↔ {b}", r["label"], e, (i, j) in proposed, same_text(pa[i].text, pb[j].text)))
    return out


def fit(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias on the raw features: an L2 logistic regression on standardised ones (the
    evidence is collinear, and without the penalty the weights swing from one fit to the next)."""
    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=1.0).fit(scaler.transform(X), y)
    weights = model.coef_[0] / scaler.scale_
    return weights, float(model.intercept_[0] - weights @ scaler.mean_)


def probability(X: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(X @ weights + bias)))


def precision_recall(predicted: np.ndarray, truth: np.ndarray) -> str:
    tp, fp, fn = int((predicted & truth).sum()), int((predicted & ~truth).sum()), int((~predicted & truth).sum())
    return f"precision {tp / max(tp + fp, 1):.3f}  recall {tp / max(tp + fn, 1):.3f}  ({fp} unrelated called the same, {fn} missed)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    args = parser.parse_args()
    rows = labelled(Catalogue.open(args.index), Encoder(resolve_model()))
    print(f"labelled pairs: {dict(Counter(r[1] for r in rows))}; still proposed by the assignment: {sum(r[3] for r in rows)}")
    rows = [r for r in rows if r[1] != "unsure"]
    groups = np.array([r[0] for r in rows])
    truth = np.array([r[1] != "different" for r in rows])
    X = np.array([[getattr(r[2], f) for f in FEATURES] for r in rows])
    print(f"{'one cosine ≥ ' + str(OLD_THRESHOLD):<34}{precision_recall(np.array([r[2].cosine >= OLD_THRESHOLD for r in rows]), truth)}")
    print(f"{'shipped weights (fitted here)':<34}{precision_recall(np.array([r[2].same_policy for r in rows]), truth)}")
    held_out = np.zeros(len(rows))
    for g in sorted(set(groups)):
        train = groups != g
        held_out[~train] = probability(X[~train], *fit(X[train], truth[train]))
    print(f"{'each report pair left out':<34}{precision_recall(held_out >= SAME_POLICY, truth)}")
    for g in sorted(set(groups)):
        sel = groups == g
        print(f"    {g:<80}{precision_recall(held_out[sel] >= SAME_POLICY, truth[sel])}")
    weights, bias = fit(X, truth)
    print("weights now:     " + "  ".join(f"{f} {w:.3f}" for f, w in zip(FEATURES, weights, strict=True)) + f"  bias {bias:.3f}")
    print("weights shipped: " + "  ".join(f"{f} {w:.3f}" for f, w in WEIGHTS.items()) + f"  bias {BIAS:.3f}")
    positives = [r for r in rows if r[1] != "different"]
    kept_right = sum((r[1] == "kept") == r[4] for r in positives)
    print(f"kept vs reworded (template similarity ≥ {SAME_TEXT}): {kept_right} of {len(positives)} same-policy pairs marked as labelled")


if __name__ == "__main__":
    main()
