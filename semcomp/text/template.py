"""Template form of a passage: what stays when names and numbers are swapped.

``全区实现地区生产总值806亿元，同比增长3.2%`` and ``全县实现地区生产总值95亿元，同比增长6.1%``
are one template. Numbers collapse to ``0``, punctuation and spaces go, masked runs (``****``)
become a separator that never matches, and each kept character remembers its offset in the input,
so an aligned span can be quoted from the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?%?|[零〇一二三四五六七八九十百千万亿]+(?=[个项家件所条座次年月日])")
KEEP = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
MASK_CHAR = "\uffff"  # never equal to anything in another text
# administrative suffixes that copy-paste swaps (全区 ↔ 全县); matched as one class
UNIT = str.maketrans({c: "区" for c in "县市旗"})


@dataclass(frozen=True)
class Template:
    text: str  # normalised characters
    offsets: np.ndarray  # offsets[i] = index in the input of text[i]; numbers map to their first char
    ends: np.ndarray  # ends[i] = end offset in the input of text[i]


def template(text: str) -> Template:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in NUMBER.finditer(text):
        _plain(text, pos, m.start(), chars, starts, ends)
        chars.append("0")
        starts.append(m.start())
        ends.append(m.end())
        pos = m.end()
    _plain(text, pos, len(text), chars, starts, ends)
    return Template("".join(chars).translate(UNIT), np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64))


def _plain(text: str, a: int, b: int, chars: list[str], starts: list[int], ends: list[int]) -> None:
    for i in range(a, b):
        ch = text[i]
        if ch == "*":
            if not chars or chars[-1] != MASK_CHAR:
                chars.append(MASK_CHAR)
                starts.append(i)
                ends.append(i + 1)
            else:
                ends[-1] = i + 1
        elif KEEP.match(ch):
            chars.append(ch.lower())
            starts.append(i)
            ends.append(i + 1)


def span(t: Template, a: int, b: int) -> tuple[int, int]:
    """Offsets in the input text of template characters ``[a, b)``."""
    return int(t.offsets[a]), int(t.ends[b - 1])


def informative(text: str) -> int:
    """Characters that carry content: not numbers, not masks."""
    return sum(1 for c in text if c not in ("0", MASK_CHAR))
