"""Character shingles of template texts, and sentence pairs that share enough of them.

Each template is hashed into overlapping k-character shingles (a polynomial hash over code points,
the same on every machine). Pairs come from one sparse product of the sentence × shingle matrix;
shingles found in very many sentences are boilerplate and left out of pairing (they are counted by
``boilerplate``), which keeps the product near-linear in the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from semcomp.text.template import MASK_CHAR

K = 6
_P = np.uint64(1000003)
_MASK = ord(MASK_CHAR)


def shingles(text: str, k: int = K) -> np.ndarray:
    """Distinct shingle hashes of a template text; windows over a mask are dropped."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _P + codes[j : j + n]
    masked = np.convolve((codes == _MASK).astype(np.int32), np.ones(k, np.int32), "valid") > 0
    return np.unique(h[~masked])


def shingle_matrix(templates: Sequence[str], k: int = K) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Binary sentence × shingle matrix and each shingle's sentence count."""
    per = [shingles(t, k) for t in templates]
    rows = np.repeat(np.arange(len(per)), [len(h) for h in per])
    hashes = np.concatenate(per) if per else np.empty(0, np.uint64)
    _, cols, df = np.unique(hashes, return_inverse=True, return_counts=True)
    matrix = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(per), len(df)))
    return matrix, df


def candidate_pairs(matrix: sparse.csr_matrix, df: np.ndarray, group: np.ndarray, max_df: int, min_shared: int = 4,
                    min_share: float = 0.5) -> np.ndarray:  # fmt: skip
    """Pairs (i, j), i < j, of sentences from different groups (reports) sharing enough shingles."""
    keep = (df >= 2) & (df <= max_df)
    x = matrix[:, keep].tocsr()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    shared = sparse.triu(x @ x.T, k=1).tocoo()
    i, j, n = shared.row, shared.col, shared.data
    need = np.maximum(min_shared, min_share * np.minimum(sizes[i], sizes[j]))
    ok = (n >= need) & (group[i] != group[j])
    return np.stack([i[ok], j[ok]], axis=1)
