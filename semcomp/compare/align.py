"""Aligning two reports' passages by meaning, one to one, and marking each.

The pairing maximises total cosine similarity (scipy's Hungarian solver), so a passage that moved
to another section still finds its counterpart. A pair is *kept* when its texts are near-identical
(template similarity, numbers aside), *reworded* when only the meaning matches; what is left is
*new* in B or *dropped* from A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz.distance import Indel
from scipy.optimize import linear_sum_assignment

from semcomp.text.template import template_text

Status = Literal["kept", "reworded", "new", "dropped"]
SAME_MEANING = 0.92  # e5 cosine from which two passages say the same thing
SAME_TEXT = 0.8  # template similarity from which a pair is the same text


@dataclass
class Mark:
    status: Status
    similarity: float | None  # cosine of the pair
    a: int | None  # index into A's passages
    b: int | None


def align(a_vectors: np.ndarray, b_vectors: np.ndarray, a_texts: list[str], b_texts: list[str]) -> list[Mark]:
    """Marks for every passage of A and B, in B's order with A's dropped ones after their neighbours."""
    marks: list[Mark] = []
    if len(a_vectors) and len(b_vectors):
        sims = a_vectors @ b_vectors.T
        rows, cols = linear_sum_assignment(-sims)
        matched = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if sims[i, j] >= SAME_MEANING]
    else:
        sims, matched = np.zeros((len(a_vectors), len(b_vectors))), []
    of_b = {j: i for i, j in matched}
    for j in range(len(b_texts)):
        i = of_b.get(j)
        if i is None:
            marks.append(Mark("new", None, None, j))
            continue
        same = Indel.normalized_similarity(template_text(a_texts[i]), template_text(b_texts[j])) >= SAME_TEXT
        marks.append(Mark("kept" if same else "reworded", round(float(sims[i, j]), 4), i, j))
    used = set(of_b.values())
    dropped = [Mark("dropped", None, i, None) for i in range(len(a_texts)) if i not in used]
    return marks + dropped
