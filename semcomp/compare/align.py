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


def proposals(sims: np.ndarray) -> list[tuple[int, int]]:
    """The one-to-one pairs of A's and B's passages with the largest total cosine."""
    if not sims.size:
        return []
    rows, cols = linear_sum_assignment(-sims)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]


def same_text(a: str, b: str) -> bool:
    """Near-identical once names and numbers are set aside: a kept pair rather than a reworded one."""
    return Indel.normalized_similarity(template_text(a), template_text(b)) >= SAME_TEXT


def align(a_vectors: np.ndarray, b_vectors: np.ndarray, a_texts: list[str], b_texts: list[str]) -> list[Mark]:
    """Marks for every passage of A and B, in B's order with A's dropped ones after."""
    sims = a_vectors @ b_vectors.T if len(a_vectors) and len(b_vectors) else np.zeros((len(a_vectors), len(b_vectors)), np.float32)
    proposed = proposals(sims)
    judged = zip(proposed, evidence(sims, a_texts, b_texts, proposed), strict=True)
    of_b = {j: (i, e) for (i, j), e in judged if e.same_policy}
    marks: list[Mark] = []
    for j in range(len(b_texts)):
        if j not in of_b:
            marks.append(Mark("new", None, j))
            continue
        i, e = of_b[j]
        marks.append(Mark("kept" if same_text(a_texts[i], b_texts[j]) else "reworded", i, j, e))
    used = {i for i, _ in of_b.values()}
    return marks + [Mark("dropped", i, None) for i in range(len(a_texts)) if i not in used]
