"""How a copy was adapted: the words swapped, the clauses dropped and added, the figures changed.

This is what a policy-diffusion study codes by hand for each adopted passage. The stream matches the
genre's interchangeable words alike (``text.synonyms``), so an aligned stretch can hold words that are
written differently: ``cut_swaps`` cuts them out of it as ``swapped`` ops. ``adaptation`` then reads a
finding's ops, source side first, into the four lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from semcomp.reuse.edits import Op
from semcomp.text.synonyms import WORDS
from semcomp.text.template import NUMBER, informative, template_text

MIN_WORD, MAX_WORD = 2, 4  # a replaced stretch this long on both sides is a word swapped, not a clause rewritten
MIN_CLAUSE = 3  # characters a stretch added or dropped needs to be listed: shorter ones are edits, not adaptation
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # punctuation and spaces around a dropped or added clause


@dataclass
class Adaptation:
    swapped: list[tuple[str, str]] = field(default_factory=list)  # (source's word, target's word)
    dropped: list[str] = field(default_factory=list)  # text of the source the target left out
    added: list[str] = field(default_factory=list)  # text of the target the source does not have
    figures: list[tuple[str, str]] = field(default_factory=list)  # (source's figure, target's figure)

    def listed(self) -> list[tuple[str, list[str]]]:
        """(field name, its items as text, a pair as ``a→b``) for each list that is not empty, in this order."""
        named = (("swapped", self.swapped), ("dropped", self.dropped), ("added", self.added), ("figures", self.figures))
        return [(name, [x if isinstance(x, str) else "→".join(x) for x in items]) for name, items in named if items]


def cut_swaps(written_a: str, written_b: str, op: Op) -> list[Op]:
    """An equal op cut where the two streams' words as written differ (``swapped``): the stretch matched
    only because the stream reads synonyms alike. Each swap covers the whole word."""
    tag, i1, i2, j1, j2 = op
    x, y = written_a[i1:i2], written_b[j1:j2]
    if tag != "equal" or x == y:
        return [op]
    words = [m.span() for text in (x, y) for m in WORDS.finditer(text)]
    spans: list[tuple[int, int]] = []
    for k in (k for k in range(len(x)) if x[k] != y[k]):
        hit = [w for w in words if w[0] <= k < w[1]] or [(k, k + 1)]
        lo, hi = min(w[0] for w in hit), max(w[1] for w in hit)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    out: list[Op] = []
    at = 0
    for lo, hi in spans:
        if lo > at:
            out.append(("equal", i1 + at, i1 + lo, j1 + at, j1 + lo))
        out.append(("swapped", i1 + lo, i1 + hi, j1 + lo, j1 + hi))
        at = hi
    if at < len(x):
        out.append(("equal", i1 + at, i2, j1 + at, j2))
    return out


def joined(ops: list[Op]) -> list[Op]:
    """Equal ops that follow each other (two tiles, one after the other) as one, so that a word across their
    boundary is cut out whole by ``cut_swaps``."""
    out: list[Op] = []
    for op in ops:
        if out and op[0] == out[-1][0] == "equal" and (op[1], op[3]) == (out[-1][2], out[-1][4]):
            out[-1] = ("equal", out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out


def adaptation(opcodes: list[tuple[str, str, str]]) -> Adaptation:
    """The adaptation a finding's ops (tag, source text, target text) record. A short replaced stretch is a
    word swapped; a longer one is a clause dropped and another added. Single characters changed are
    edits, not adaptation, and are not listed."""
    out = Adaptation()
    for tag, a, b in opcodes:
        if tag == "swapped" or (tag == "replace" and MIN_WORD <= _size(a) <= MAX_WORD and MIN_WORD <= _size(b) <= MAX_WORD):
            out.swapped.append((_trimmed(a), _trimmed(b)))
            continue
        if tag in ("delete", "replace") and _size(a) >= MIN_CLAUSE:
            out.dropped.append(_trimmed(a))
        if tag in ("insert", "replace") and _size(b) >= MIN_CLAUSE:
            out.added.append(_trimmed(b))
        if tag == "differs":
            numbers_a, numbers_b = [m.group() for m in NUMBER.finditer(a)], [m.group() for m in NUMBER.finditer(b)]
            if len(numbers_a) == len(numbers_b):
                out.figures += [(x, y) for x, y in zip(numbers_a, numbers_b, strict=True) if x != y]
    return out


def _size(text: str) -> int:
    """Characters of content: not punctuation, spaces or numbers."""
    return informative(template_text(text))


def _trimmed(text: str) -> str:
    return _EDGES.sub("", text)
