"""Which kind of faiss index a granularity gets, from its size and the machine's memory (no faiss import:
the command line offers the choice without loading it)."""

from __future__ import annotations

import os
from typing import Literal

VectorKind = Literal["auto", "flat", "ivf", "ivfsq", "ivfpq", "hnsw"]
FLAT_MAX = 50_000  # exact search answers in under 8 ms up to here on two cores; tuned IVF in 2–3 ms beyond
MEMORY_SHARE = 0.25  # the vectors of an index kind may take at most this share of memory


def memory_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return 8 << 30


def choose_kind(n: int, dimension: int, memory: int | None = None) -> VectorKind:
    """flat while exact search is fast; then IVF over full vectors (4 bytes a dimension), over 8-bit
    scalar-quantised ones (1 byte) or over PQ codes (96 bytes a vector), the first that fits the share."""
    if n <= FLAT_MAX:
        return "flat"
    budget = MEMORY_SHARE * (memory or memory_bytes())
    if n * dimension * 4 <= budget:
        return "ivf"
    if n * dimension <= budget:
        return "ivfsq"
    return "ivfpq"
