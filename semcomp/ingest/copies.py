"""Second copies: one report stored twice, from two sources or under two labels.

Each report gets a fingerprint: a fixed sample of the hashes of its 6-character shingles (letters
and digits only, so line breaks, punctuation and spacing of a web copy don't matter). A report at
least ``SECOND_COPY`` of whose sample another report holds is a second copy of it: an abridged
capture (摘登) of the full text, or the same file filed under another year. The smaller one is the
copy; of two of one size, the one stored later.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 6
SAMPLE = 16  # keep the shingles whose hash is 0 modulo this: a 20,000-character report keeps about 1,250
# measured on the bundled corpus (see benchmarks/bench_ingest.py): one text filed twice holds 1.00, an
# abridged capture (摘登) 0.91 of its hashes in the full text; two years of one county at most 0.27
SECOND_COPY = 0.8
_NOT_TEXT = re.compile(r"[^\w]|_", re.UNICODE)


def fingerprint(texts: Iterable[str]) -> set[int]:
    """The sampled shingle hashes of a report's paragraphs (stable across runs and machines)."""
    text = _NOT_TEXT.sub("", "".join(texts))
    hashes = (zlib.crc32(text[i : i + SHINGLE].encode("utf-8")) for i in range(len(text) - SHINGLE + 1))
    return {h for h in hashes if h % SAMPLE == 0}


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
