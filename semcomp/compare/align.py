"""Aligning two reports' passages by meaning, one to one, and marking each.

The pairing maximises total cosine similarity (scipy's Hungarian solver), so a passage that moved
to another section still finds its counterpart. Each proposed pair is then judged on its evidence
(``pairing``): only a pair that speaks of the same policy is *kept* (near-identical text, numbers
aside) or *reworded*; the rest, and every passage left over, are *new* in B or *dropped* from A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz.distance import Indel
from scipy.optimize import linear_sum_assignment

from semcomp.compare.pairing import Evidence, evidence
from semcomp.text.template import template_text

Status = Literal["kept", "reworded", "new", "dropped"]
SAME_TEXT = 0.8  # template similarity from which a pair is the same text


@dataclass
class Mark:
    status: Status
    a: int | None  # index into A's passages
    b: int | None
    evidence: Evidence | None = None  # for kept and reworded pairs


def align(a_vectors: np.ndarray, b_vectors: np.ndarray, a_texts: list[str], b_texts: list[str]) -> list[Mark]:
    """Marks for every passage of A and B, in B's order with A's dropped ones after."""
    proposed: list[tuple[int, int]] = []
    sims = np.zeros((len(a_vectors), len(b_vectors)), dtype=np.float32)
    if len(a_vectors) and len(b_vectors):
        sims = a_vectors @ b_vectors.T
        rows, cols = linear_sum_assignment(-sims)
        proposed = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]
    judged = zip(proposed, evidence(sims, a_texts, b_texts, proposed), strict=True)
    of_b = {j: (i, e) for (i, j), e in judged if e.same_policy}
    marks: list[Mark] = []
    for j in range(len(b_texts)):
        if j not in of_b:
            marks.append(Mark("new", None, j))
            continue
        i, e = of_b[j]
        same = Indel.normalized_similarity(template_text(a_texts[i]), template_text(b_texts[j])) >= SAME_TEXT
        marks.append(Mark("kept" if same else "reworded", i, j, e))
    used = {i for i, _ in of_b.values()}
    return marks + [Mark("dropped", i, None) for i in range(len(a_texts)) if i not in used]
