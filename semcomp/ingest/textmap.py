"""Text that remembers where each of its characters came from in the raw document.

Every clean-up step (pinyin removal, 繁→简, width and whitespace normalisation) returns a new
``MappedText`` whose characters still point at a span of the raw text, so that any passage cut
from the cleaned text can be traced back and quoted from the unmodified source.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

Replacement = str | Callable[[re.Match[str]], str]


class MappedText:
    """A string plus, for each character, the raw ``[start, end)`` span it was derived from."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: np.ndarray, ends: np.ndarray) -> None:
        if not (len(text) == len(starts) == len(ends)):
            raise ValueError("text and offset arrays differ in length")
        self.text = text
        self.starts = starts
        self.ends = ends

    @classmethod
    def identity(cls, raw: str, base: int = 0) -> MappedText:
        idx = np.arange(base, base + len(raw), dtype=np.int64)
        return cls(raw, idx, idx + 1)

    def __len__(self) -> int:
        return len(self.text)

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        """Raw span covering cleaned characters ``[i, j)``."""
        if j <= i:  # an empty span sits where character i starts (or at the very end)
            if i < len(self.text):
                return int(self.starts[i]), int(self.starts[i])
            end = int(self.ends[-1]) if len(self.text) else 0
            return end, end
        return int(self.starts[i]), int(self.ends[j - 1])

    def slice(self, i: int, j: int) -> MappedText:
        return MappedText(self.text[i:j], self.starts[i:j], self.ends[i:j])

    def sub(self, pattern: re.Pattern[str], repl: Replacement) -> MappedText:
        """``re.sub`` that keeps offsets.

        A replacement of the same length maps character for character; any other replacement
        maps every new character to the whole raw span of the match.
        """
        texts: list[str] = []
        starts: list[np.ndarray] = []
        ends: list[np.ndarray] = []
        pos = 0
        changed = False
        for m in pattern.finditer(self.text):
            a, b = m.span()
            new = repl(m) if callable(repl) else m.expand(repl)
            if new == m.group(0):
                continue
            changed = True
            texts.append(self.text[pos:a])
            starts.append(self.starts[pos:a])
            ends.append(self.ends[pos:a])
            if new:
                if len(new) == b - a:
                    starts.append(self.starts[a:b])
                    ends.append(self.ends[a:b])
                else:
                    lo = self.starts[a] if b > a else (self.ends[a - 1] if a else 0)
                    hi = self.ends[b - 1] if b > a else lo
                    starts.append(np.full(len(new), lo, dtype=np.int64))
                    ends.append(np.full(len(new), hi, dtype=np.int64))
                texts.append(new)
            pos = b
        if not changed:
            return self
        texts.append(self.text[pos:])
        starts.append(self.starts[pos:])
        ends.append(self.ends[pos:])
        return MappedText("".join(texts), np.concatenate(starts), np.concatenate(ends))

    def translate(self, table: dict[int, int | str]) -> MappedText:
        """Character-for-character replacement (every value must be one character)."""
        return MappedText(self.text.translate(table), self.starts, self.ends)

    def convert_chars(self, convert: Callable[[str], str]) -> MappedText:
        """Apply a converter that usually keeps length (such as OpenCC t2s).

        Where a converted line changes length, that line falls back to character-by-character
        conversion so offsets stay exact.
        """
        out = convert(self.text)
        if len(out) == len(self.text):
            return MappedText(out, self.starts, self.ends)
        lines = self.text.split("\n")
        fixed = []
        for line in lines:
            conv = convert(line)
            if len(conv) != len(line):
                conv = "".join(c if len(c) == 1 else ch for ch in line for c in [convert(ch)])
            fixed.append(conv)
        return MappedText("\n".join(fixed), self.starts, self.ends)

    def lines(self) -> list[tuple[int, int]]:
        """``(start, end)`` positions of each line in the cleaned text, newline excluded."""
        spans = []
        pos = 0
        for line in self.text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return spans
