"""Which kind of faiss index a level gets, from its size and the machine's memory (no faiss import:
the command line offers the choice without loading it)."""

from __future__ import annotations

import os
from typing import Literal

Kind = Literal["auto", "flat", "ivf", "ivfpq", "hnsw"]
FLAT_MAX = 50_000  # exact search answers in under 8 ms up to here on two cores; tuned IVF in 2–3 ms beyond
MEMORY_SHARE = 0.25  # full vectors (IVF) while they take at most this share of memory; PQ codes beyond


def memory_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return 8 << 30


def choose_kind(n: int, dimension: int, memory: int | None = None) -> Kind:
    """flat while exact search is fast, IVF while full vectors fit the memory share, IVF-PQ beyond."""
    if n <= FLAT_MAX:
        return "flat"
    if n * dimension * 4 <= MEMORY_SHARE * (memory or memory_bytes()):
        return "ivf"
    return "ivfpq"
