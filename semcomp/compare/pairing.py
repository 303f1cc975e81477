"""Whether two aligned passages speak of the same policy, from evidence a reader can check.

e5 cosines between any two paragraphs of this genre sit between about 0.8 and 1.0, so one absolute
threshold pairs 社会救助 with 国防动员 as readily as with its own successor. The decision weighs four
pieces of evidence instead, each measured against the two reports at hand:

- **margin**: the pair's cosine minus the mean of each side's nearest neighbours in the other
  report (as bitext mining scores candidates), in units of the spread of all the pair's cosines;
  a pair that stands out from both sides' alternatives is a real counterpart, one that merely
  shares the genre's style does not;
- **shared characters**: cosine of the two texts' character-bigram TF-IDF vectors (weights from the
  two reports' paragraphs), which catches names and terms whatever jieba makes of them;
- **shared content words**: the IDF-weighted content words both hold, over those of the smaller
  side, so that a short paragraph continued inside a longer one still counts;
- **order**: how far apart the two passages sit in their reports (0 to 1), a prior that reports
  follow the same sequence of sections.

The weights are a logistic regression fitted on hand-labelled pairs from real report pairs
(``benchmarks/data/pairs_gold.tsv``: 海拉尔区 across years, 保定市 and its counties in one year, the
two half-year seeds); ``benchmarks/bench_pairing.py`` refits them, reports precision and recall by
leaving each report pair out, and says when these constants drift from the labels.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from semcomp.text.content_words import content_words
from semcomp.text.terms import bigrams

NEIGHBOURS = 3  # nearest neighbours on each side that a pair's cosine is measured against
WEIGHTS = {"margin": 3.168, "shared_chars": 5.651, "shared_words": 10.081, "order": -5.570}
BIAS = -0.165
SAME_POLICY = 0.7  # probability from which a pair is kept or reworded rather than two policies


@dataclass(frozen=True)
class Evidence:
    """Why a pair was judged as it was; every figure is shown to the user."""

    cosine: float
    margin: float
    shared_chars: float
    shared_words: float
    order: float

    @property
    def probability(self) -> float:
        z = BIAS + sum(w * getattr(self, name) for name, w in WEIGHTS.items())
        return 1.0 / (1.0 + math.exp(-z))

    @property
    def same_policy(self) -> bool:
        return self.probability >= SAME_POLICY


def _neighbour_means(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean cosine of each A passage's nearest B passages, and of each B passage's nearest A passages."""
    k_a, k_b = min(NEIGHBOURS, sims.shape[1]), min(NEIGHBOURS, sims.shape[0])
    near_a = -np.sort(-sims, axis=1)[:, :k_a].mean(axis=1)
    near_b = -np.sort(-sims, axis=0)[:k_b, :].mean(axis=0)
    return near_a, near_b


def _weighted_words(texts: list[str]) -> list[dict[str, float]]:
    """Each text's content words, weighted by count × IDF over the texts given."""
    bags = [Counter(content_words(t)) for t in texts]
    df = Counter(w for bag in bags for w in bag)
    return [{w: c * math.log(len(bags) / df[w]) for w, c in bag.items()} for bag in bags]


def _containment(a: dict[str, float], b: dict[str, float]) -> float:
    smaller = min(sum(a.values()), sum(b.values()))
    if smaller <= 0:
        return 0.0
    return sum(min(a[w], b[w]) for w in a.keys() & b.keys()) / smaller


def evidence(sims: np.ndarray, a_texts: list[str], b_texts: list[str], pairs: list[tuple[int, int]]) -> list[Evidence]:
    """Evidence for each (i, j) pair of A's and B's passages, ``sims`` being their cosine matrix."""
    if not pairs:
        return []
    near_a, near_b = _neighbour_means(sims)
    spread = float(sims.std()) or 1.0
    texts = a_texts + b_texts
    try:
        chars = TfidfVectorizer(analyzer=bigrams, sublinear_tf=True).fit_transform(texts)
    except ValueError:  # not one Chinese character pair in either report
        chars = None
    bags = _weighted_words(texts)
    n_a, n_b = len(a_texts), len(b_texts)
    out = []
    for i, j in pairs:
        out.append(
            Evidence(
                cosine=round(float(sims[i, j]), 4),
                margin=round(float(sims[i, j] - (near_a[i] + near_b[j]) / 2) / spread, 4),
                shared_chars=0.0 if chars is None else round(float(chars[i].multiply(chars[n_a + j]).sum()), 4),
                shared_words=round(_containment(bags[i], bags[n_a + j]), 4),
                order=round(abs(i / n_a - j / n_b), 4),
            )
        )
    return out
