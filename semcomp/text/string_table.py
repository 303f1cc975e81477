"""A sorted list of strings kept as one text and the offsets of its entries, searched by bisection.

Splitting a 250,000-entry vocabulary into Python strings and a dictionary costs a tenth of a second; a
query looks up a few hundred substrings. Kept as one text (each entry followed by a separator) and an
array of where each entry starts, the table loads in milliseconds and makes a string only of the
entries a bisection visits.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from semcomp.whole_files import npy_bytes, write_whole

SEP = "\x00"  # after every entry; no entry holds it


class StringTable:
    """Entries in code-point order; ``i`` is an entry's position in that order."""

    def __init__(self, text: str, starts: np.ndarray) -> None:
        self.text = text
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> str:
        start = self.starts[i]
        return self.text[start : self.text.index(SEP, start)]

    def position(self, entry: str) -> int:
        """Where ``entry`` is or would be inserted (the first entry not below it)."""
        return bisect.bisect_left(self, entry)  # bisect takes any sequence

    def find(self, entry: str) -> int | None:
        """The entry's position, or None when the table doesn't hold it."""
        i = self.position(entry)
        return i if i < len(self) and self[i] == entry else None

    def continues(self, prefix: str, i: int) -> bool:
        """Whether the entry at ``i`` (where ``prefix`` would be inserted) starts with ``prefix``: if not, no entry does."""
        return i < len(self) and self[i].startswith(prefix)

    @classmethod
    def of(cls, entries: Sequence[str]) -> tuple[StringTable, list[int]]:
        """The table of these entries, and where each of its entries stands among those given (so that a
        caller can keep values beside the table, in its order)."""
        order = sorted(range(len(entries)), key=entries.__getitem__)
        lengths = np.fromiter((len(entries[i]) + 1 for i in order), dtype=np.int64, count=len(order))
        starts = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)[:-1]]) if order else np.zeros(0, dtype=np.int64)
        return cls("".join(entries[i] + SEP for i in order), starts), order

    def save(self, path: Path) -> None:
        """To ``path`` (the text) and ``path.npy`` (the starts), each whole."""
        write_whole(path, self.text.encode("utf-8"))
        write_whole(_starts(path), npy_bytes(self.starts))

    @classmethod
    def read(cls, path: Path) -> StringTable:
        return cls(path.read_text(encoding="utf-8"), np.load(_starts(path)))

    @staticmethod
    def present(path: Path) -> bool:
        return path.is_file() and _starts(path).is_file()


def _starts(path: Path) -> Path:
    return path.with_name(path.name + ".npy")
