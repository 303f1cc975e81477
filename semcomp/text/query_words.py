"""jieba's segmentation of one short text without loading its whole dictionary.

jieba's first call unmarshals a dictionary of about 580,000 entries (words and their prefixes),
0.6–1.2 s on two cores: half of a cold query. Every dictionary lookup jieba makes while cutting a
text (its DAG, the route through it, the HMM's buffers) is of a substring of that text, so a jieba
tokenizer holding just the entries that are substrings of the text, with the same total, cuts it
the same way. The entries are kept, sorted, in a plain file beside jieba's own cache (written on
first use), and looked up by bisection. Tests compare the words with full jieba's on real text.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import numpy as np

from semcomp.text.string_table import StringTable
from semcomp.whole_files import npy_bytes, write_whole


def _sidecar_paths(full) -> tuple[Path, Path]:  # full: the loaded jieba module
    dictionary = Path(full.get_dict_file().name)
    stamp = f"{full.__version__}-{int(dictionary.stat().st_mtime) if dictionary.is_file() else 0}"
    folder = Path(full.dt.tmp_dir or tempfile.gettempdir())
    return folder / f"semcomp-jieba-{stamp}-table.txt", folder / f"semcomp-jieba-{stamp}-counts.npy"


class Entries:
    """jieba's dictionary entries (words and prefixes, with their counts), sorted, and its total."""

    def __init__(self, keys: StringTable, counts: np.ndarray) -> None:
        self.keys = keys
        self.counts = counts  # counts[:-1] per key, in the keys' order; the last value is jieba's total

    @classmethod
    def load(cls, jieba_module, load_full) -> Entries:
        """From the sidecar files, written from the full dictionary (``load_full()``) when missing."""
        words_path, counts_path = _sidecar_paths(jieba_module)
        try:
            return cls(StringTable.read(words_path), np.load(counts_path))
        except (OSError, ValueError):
            pass
        full = load_full()
        keys = list(full.dt.FREQ)
        table, order = StringTable.of(keys)
        counts = np.array([full.dt.FREQ[keys[i]] for i in order] + [full.dt.total], dtype=np.int64)
        try:
            table.save(words_path)
            write_whole(counts_path, npy_bytes(counts))
        except OSError:
            pass  # a read-only temp folder: the next query reads the full dictionary again
        return cls(table, counts)

    def within(self, text: str) -> dict[str, int]:
        """The entries that are substrings of the text."""
        found: dict[str, int] = {}
        for a in range(len(text)):
            for b in range(a + 1, len(text) + 1):
                piece = text[a:b]
                i = self.keys.position(piece)
                if i < len(self.keys) and self.keys[i] == piece:
                    found[piece] = int(self.counts[i])
                elif not self.keys.continues(piece, i):
                    break  # no entry starts with this piece, nor with any longer one
        return found

    @property
    def total(self) -> int:
        return int(self.counts[-1])


@cache
def _entries(jieba_module, load_full) -> Entries:
    return Entries.load(jieba_module, load_full)


def cut(text: str, jieba_module, load_full) -> list[str]:
    """``jieba.lcut(text)`` (precise mode, HMM on) from the dictionary entries inside the text."""
    entries = _entries(jieba_module, load_full)
    tokenizer = jieba_module.Tokenizer()
    tokenizer.FREQ = entries.within(text)
    tokenizer.total = entries.total
    tokenizer.initialized = True
    return tokenizer.lcut(text)
