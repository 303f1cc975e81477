"""Sentence scoring and selection, as pure functions over sentence texts and embeddings.

- ``lexrank``: eigenvector centrality of the sentence-similarity graph (cosine of embeddings above a
  threshold), plus a position prior (the first sentence of a paragraph after its run-in heading
  states what the paragraph does) and a prior for concrete sentences (a figure or a named project:
  what a reader of a summary wants to take away).
- ``textrank``: the same centrality over word overlap (jieba words), the classic baseline.
- ``lead``: the first sentences.
Selection is maximal marginal relevance, so that three sentences say three different things.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from semcomp.text.terms import words

SIMILARITY_THRESHOLD = 0.9  # e5 cosines are high across the board; below this two sentences are "unrelated"
DAMPING = 0.85
POSITION_WEIGHT = 0.2
CONCRETE_WEIGHT = 0.15
MMR_LAMBDA = 0.7
REDUNDANT_FROM = 0.8  # cosine where e5 sentences start to repeat each other


def pagerank(weights: np.ndarray, damping: float = DAMPING, iterations: int = 100) -> np.ndarray:
    """Stationary scores of a weighted graph (rows normalised; isolated sentences get the teleport share)."""
    n = len(weights)
    if n == 0:
        return np.empty(0)
    rows = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, rows, out=np.full_like(weights, 1.0 / n), where=rows > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(new - scores).sum() < 1e-9:
            return new
        scores = new
    return scores


def position_prior(paragraph_starts: Sequence[bool]) -> np.ndarray:
    """1 for a paragraph's first sentence (its topic sentence), 0 elsewhere. No decay with position in
    the section: that favoured the first sub-section and cost coverage of the others."""
    return np.array(paragraph_starts, dtype=float)


def lexrank(vectors: np.ndarray, paragraph_starts: Sequence[bool], concrete: Sequence[bool]) -> np.ndarray:
    sims = vectors @ vectors.T
    graph = np.where(sims >= SIMILARITY_THRESHOLD, sims, 0.0)
    np.fill_diagonal(graph, 0.0)
    central = pagerank(graph)
    central = central / central.max() if central.size and central.max() > 0 else central
    centrality = 1 - POSITION_WEIGHT - CONCRETE_WEIGHT
    return centrality * central + POSITION_WEIGHT * position_prior(paragraph_starts) + CONCRETE_WEIGHT * np.array(concrete, dtype=float)


def textrank(texts: Sequence[str]) -> np.ndarray:
    bags = [set(w for w in words(t) if len(w) > 1) for t in texts]
    n = len(bags)
    graph = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            overlap = len(bags[i] & bags[j])
            if overlap:
                graph[i, j] = graph[j, i] = overlap / (np.log(len(bags[i]) + 1) + np.log(len(bags[j]) + 1))
    return pagerank(graph)


def lead(n: int) -> np.ndarray:
    return np.linspace(1.0, 0.0, num=n, endpoint=False) if n else np.empty(0)


def mmr(scores: np.ndarray, vectors: np.ndarray | None, k: int, lam: float = MMR_LAMBDA) -> list[int]:
    """Pick ``k`` indices by relevance minus redundancy with what is already picked, back in text order."""
    chosen: list[int] = []
    candidates = list(range(len(scores)))
    relevance = scores / scores.max() if scores.size and scores.max() > 0 else scores
    while candidates and len(chosen) < k:
        def gain(i: int) -> float:
            if vectors is None or not chosen:
                return float(relevance[i])
            closest = max(float(vectors[i] @ vectors[j]) for j in chosen)
            return lam * float(relevance[i]) - (1 - lam) * max(0.0, (closest - REDUNDANT_FROM) / (1 - REDUNDANT_FROM))

        best = max(candidates, key=lambda i: (gain(i), -i))
        chosen.append(best)
        candidates.remove(best)
    return sorted(chosen)
