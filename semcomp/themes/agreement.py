"""How far two clusterings of the same passages agree: the same themes, found twice.

Used to check that themes are a property of the corpus, not of the machine that encoded it (float32
against bf16 vectors) or of the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import adjusted_rand_score


@dataclass(frozen=True)
class Agreement:
    rand: float  # adjusted Rand index over the passages, outliers (-1) counted as a group of their own
    labels: float  # share of the first clustering's themes whose best match in the second has the same label
    same_k: bool


def agreement(first: np.ndarray, first_labels: Sequence[str], second: np.ndarray, second_labels: Sequence[str]) -> Agreement:
    """Compare two theme assignments of the same passages (theme per passage, -1 for outliers) and their labels."""
    if first.shape != second.shape:
        raise ValueError("the two clusterings must assign the same passages")
    same = 0
    for theme, label in enumerate(first_labels):
        members = second[first == theme]
        members = members[members >= 0]
        if members.size and second_labels[int(np.bincount(members).argmax())] == label:
            same += 1
    share = same / len(first_labels) if len(first_labels) else 1.0
    return Agreement(float(adjusted_rand_score(first, second)), share, len(first_labels) == len(second_labels))
