"""Theme centroids of unit vectors: soft k-means for a fixed number of rounds from fixed passages.

The themes must be the same whoever encoded the passages: vectors from bf16 arithmetic differ from
float32 ones by a cosine of about 5e-6. Every choice here is a smooth function of the vectors or fixed
by the passages' positions alone, so that such noise can only move a passage that sits on a border:
- the starting centroids are passages picked by position (a seeded draw), never by their vectors as
  k-means++ does;
- each round gives every passage to every centroid with a softmax weight, so that one passage crossing
  a border moves no centroid by a step;
- the rounds stop after ``ROUNDS``: the themes have settled by then, and further rounds only let two
  centroids that share a region drift apart one way or another, which noise decides.
Measured on the bundled corpus (16,285 paragraphs, ``benchmarks/bench_themes.py``), with six draws of
bf16-size noise: the same k each time and an adjusted Rand index of 0.987 to 0.994, where Ward's tree
gave 0.56 to 0.61 and k-means (any seeding, run to convergence) 0.47 to 0.98.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import silhouette_score

SEED = 0
ROUNDS = 25
SHARPNESS = 9.0  # softmax scale in standard deviations of the starting similarities
FIT_SAMPLE = 20_000  # passages the centroids are fitted on; the others go to their nearest centroid
SILHOUETTE_SAMPLE = 3000  # passages that score a k
K_RANGE = (5, 60)


@dataclass(frozen=True)
class Partition:
    """Each passage's nearest centroid, and the centroids (unit rows)."""

    labels: np.ndarray
    centroids: np.ndarray


@dataclass(frozen=True)
class KChoice:
    k: int
    reason: str
    silhouette: dict[int, float]  # candidate k → its cosine silhouette


def _positions(n: int, size: int) -> np.ndarray:
    return np.sort(np.random.default_rng(SEED).choice(n, size=min(size, n), replace=False))


def partition(x: np.ndarray, k: int) -> Partition:
    """k themes of the unit vectors ``x`` (float32 or float64 rows)."""
    fit = x[_positions(len(x), FIT_SAMPLE)].astype(np.float64)
    centroids = fit[_positions(len(fit), k)]
    sims = fit @ centroids.T
    sharpness = SHARPNESS / max(float(sims.std()), 1e-9)  # the same softness for any model's range of cosines
    for _ in range(ROUNDS):
        weights = np.exp(sharpness * (sims - sims.max(axis=1, keepdims=True)))
        weights /= weights.sum(axis=1, keepdims=True)
        centroids = weights.T @ fit
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        sims = fit @ centroids.T
    return Partition(np.argmax(x @ centroids.T.astype(x.dtype), axis=1).astype(np.int64), centroids)


def choose_k(x: np.ndarray, k_range: tuple[int, int] = K_RANGE) -> tuple[KChoice, Partition]:
    """The k with the best cosine silhouette among up to ten candidates, and its partition.

    Candidates run from 5 (or sqrt(n / 10)) to 60, and to no more than n / 15 so that themes hold about
    15 passages at least: on the whole bundled corpus the silhouette's maximum below sqrt(n / 10) lumped
    policy areas together. Silhouettes are rounded to 1e-4 and ties go to the smaller k."""
    n = len(x)
    hi = min(k_range[1], max(2, n // 15))
    lo = min(max(k_range[0], round(math.sqrt(n / 10))), hi)
    candidates = sorted({round(v) for v in np.geomspace(lo, hi, num=min(10, hi - lo + 1))})
    scored = _positions(n, SILHOUETTE_SAMPLE)
    scores: dict[int, float] = {}
    partitions: dict[int, Partition] = {}
    for k in candidates:
        partitions[k] = found = partition(x, k)
        labels = found.labels[scored]
        scores[k] = round(float(silhouette_score(x[scored], labels, metric="cosine")), 4) if len(set(labels)) > 1 else -1.0
    best = max(candidates, key=lambda k: (scores[k], -k))
    tried = ", ".join(f"{k}: {s:.3f}" for k, s in scores.items())
    reason = f"k={best} has the best silhouette (cosine, on {len(scored)} passages) among k = {tried}"
    return KChoice(best, reason, scores), partitions[best]
