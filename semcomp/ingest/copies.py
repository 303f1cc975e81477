"""Second copies: one report stored twice, from two sources or under two labels.

Each report gets a fingerprint: a fixed sample of the hashes of its 6-character shingles (letters
and digits only, so line breaks, punctuation and spacing of a web copy don't matter), computed when
it is stored. A report at
least ``SECOND_COPY`` of whose sample another report holds is a second copy of it: an abridged
capture (摘登) of the full text, or the same file filed under another year. The smaller one is the
copy; of two of one size, the one stored later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE = 6
SAMPLE = 32  # keep one shingle in this many, by its hash: a 20,000-character report keeps about 600
_SAMPLE_SHIFT = np.uint64(64 - 5)  # the top five bits zero: one in 32
_BASE, _MIX = np.uint64(1_000_003), np.uint64(0x9E3779B97F4A7C15)
# measured on the bundled corpus (see benchmarks/bench_ingest.py): one text filed twice holds 1.00, an
# abridged capture (摘登) 0.90 of its hashes in the full text; two years of one county at most 0.31
SECOND_COPY = 0.8
# a hash more reports than this hold is the genre's formula: whose it is is never looked up, which keeps the
# check linear in the corpus (a national corpus of 50,000 reports); a copy shares its distinctive text too
COMMON = 100
_NOT_TEXT = re.compile(r"[^\w]|_", re.UNICODE)


def fingerprint(texts: Iterable[str]) -> set[int]:
    """The sampled shingle hashes of a report's paragraphs: a polynomial hash of each window of code
    points, mixed by an odd multiplier (wrapping 64-bit arithmetic, the same on every machine), kept
    when its top four bits are zero, and stored in 63 bits for SQLite."""
    text = _NOT_TEXT.sub("", "".join(texts))
    n = len(text) - SHINGLE + 1
    if n <= 0:
        return set()
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):
        h = h * _BASE + points[j : j + n]
    mixed = h * _MIX
    return set((mixed[(mixed >> _SAMPLE_SHIFT) == 0] >> np.uint64(1)).tolist())


@dataclass(frozen=True)
class SecondCopy:
    """``copy`` is a second copy of ``original``: ``share`` of the copy's fingerprint is in the original's."""

    copy: str
    original: str
    share: float
    mutual: bool = False  # the original holds as much of the copy's text: either could be the copy

    def swapped(self) -> SecondCopy:
        return SecondCopy(self.original, self.copy, self.share, self.mutual)


def second_copy(report: str, size: int, shared: dict[str, int], sizes: dict[str, int]) -> SecondCopy | None:
    """Whether a new report (``size`` hashes) and a stored one that shares ``shared[other]`` hashes
    with it are one text: the smaller holds ``SECOND_COPY`` of its hashes in the other."""
    best: SecondCopy | None = None
    for other, count in shared.items():
        if other == report or not size or not sizes.get(other):
            continue
        # the smaller one is the copy; of two of one size the new one
        copy, original, own = (report, other, size) if size <= sizes[other] else (other, report, sizes[other])
        share = count / own
        if share >= SECOND_COPY and (best is None or share > best.share):
            best = SecondCopy(copy, original, share, count / max(size, sizes[other]) >= SECOND_COPY)
    return best
