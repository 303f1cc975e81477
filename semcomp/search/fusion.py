"""Fusing dense and lexical scores of the same candidate passages.

Cosine scores of e5 sit in a narrow band (0.75–0.90) while BM25 scores are unbounded, so each is
rescaled before a weighted sum: cosine over the candidate set, BM25 by the query's ceiling. Reciprocal-rank fusion is kept as the
alternative the benchmark compares against.
"""

from __future__ import annotations

import numpy as np

DENSE_WEIGHT = 0.5
RRF_K = 60


def minmax(scores: np.ndarray) -> np.ndarray:
    if scores.size == 0:
        return scores
    lo, hi = float(scores.min()), float(scores.max())
    return np.zeros_like(scores) if hi <= lo else (scores - lo) / (hi - lo)


def weighted(
    dense: np.ndarray, lexical: np.ndarray, dense_weight: float = DENSE_WEIGHT, lexical_ceiling: float | None = None
) -> np.ndarray:
    """Convex combination: dense min-max-scaled over the candidates, BM25 divided by the query's
    ceiling (the best score any passage could reach) or, without one, by the best candidate's."""
    top = lexical_ceiling or (float(lexical.max()) if lexical.size else 0.0)
    lex = np.clip(lexical / top, 0, 1) if top > 0 else np.zeros_like(lexical)
    return dense_weight * minmax(dense) + (1 - dense_weight) * lex


def reciprocal_rank(dense: np.ndarray, lexical: np.ndarray, k: int = RRF_K) -> np.ndarray:
    def ranks(scores: np.ndarray) -> np.ndarray:
        order = np.argsort(-scores, kind="stable")
        r = np.empty(len(scores))
        r[order] = np.arange(1, len(scores) + 1)
        return r

    lex_part = np.where(lexical > 0, 1.0 / (k + ranks(lexical)), 0.0)
    return 1.0 / (k + ranks(dense)) + lex_part
