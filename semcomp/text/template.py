"""Template form of a passage: what stays when names and numbers are swapped.

``全区实现地区生产总值806亿元，同比增长3.2%`` and ``全县实现地区生产总值95亿元，同比增长6.1%``
are one template. Numbers collapse to ``0``, punctuation and spaces go, masked runs (``****``)
become a separator that never matches, and each kept character remembers its offsets in the input,
so an aligned span can be quoted from the original text. The work is done on code-point arrays, so
that a whole report (tens of thousands of characters) takes milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?%?|[零〇一二三四五六七八九十百千万亿]+(?=[个项家件所条座次年月日])")
MASK_CHAR = "\uffff"  # never equal to anything in another text
_STARS = re.compile(r"\*+")
_DROP = re.compile(r"[^\u3400-\u9fffA-Za-z0\uffff]+")  # all but what a template keeps (numbers are 0 by then)
# administrative suffixes that copy-paste swaps (全区 ↔ 全县); matched as one class
UNIT = {ord(c): ord("区") for c in "县市旗"}


@dataclass(frozen=True)
class Template:
    text: str  # normalised characters
    offsets: np.ndarray  # offsets[i] = index in the input of text[i]; numbers map to their first char
    ends: np.ndarray  # ends[i] = end offset in the input of text[i]


def codes_of(text: str) -> np.ndarray:
    """The code points of a text as an array."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def template(text: str) -> Template:
    codes = codes_of(text).copy()
    n = len(codes)
    ends = np.arange(1, n + 1, dtype=np.int64)
    keep = (
        ((codes >= 0x3400) & (codes <= 0x9FFF))
        | ((codes >= ord("a")) & (codes <= ord("z")))
        | ((codes >= ord("A")) & (codes <= ord("Z")))
    )
    star = codes == ord("*")
    if star.any():  # a run of * becomes one mask character spanning the run
        first = star & ~np.r_[False, star[:-1]]
        last = star & ~np.r_[star[1:], False]
        codes[first] = ord(MASK_CHAR)
        ends[np.flatnonzero(first)] = np.flatnonzero(last) + 1
        keep |= first
    for m in NUMBER.finditer(text):
        a, b = m.span()
        keep[a:b] = False
        keep[a] = True
        codes[a] = ord("0")
        ends[a] = b
    upper = (codes >= ord("A")) & (codes <= ord("Z"))
    codes[upper] += 32
    for src, dst in UNIT.items():
        codes[codes == src] = dst
    kept = np.flatnonzero(keep)
    out = codes[kept].tobytes().decode("utf-32-le")
    return Template(out, kept.astype(np.int64), ends[kept])


def template_text(text: str) -> str:
    """``template(text).text`` without the offsets, in three regex passes: what comparing many short texts
    (clauses, sentences) needs, where ``template``'s array set-up would cost more than the work."""
    return _DROP.sub("", NUMBER.sub("0", _STARS.sub(MASK_CHAR, text))).lower().translate(UNIT)


def span(t: Template, a: int, b: int) -> tuple[int, int]:
    """Offsets in the input text of template characters ``[a, b)``."""
    return int(t.offsets[a]), int(t.ends[b - 1])


def informative(text: str) -> int:
    """Characters that carry content: not numbers, not masks."""
    return len(text) - text.count("0") - text.count(MASK_CHAR)
