"""What changed inside a pair of passages: a character diff in which a number is one piece.

``全区实现地区生产总值747.7亿元`` → ``全区实现地区生产总值806亿元`` reads as one replaced figure, not as
digits shuffled. The texts are cut into tokens (a number, a Latin word, any other character), aligned
by rapidfuzz's longest-common-subsequence opcodes (compiled; diff-match-patch's own pure-Python
bisection took seconds per report pair), and cleaned with diff-match-patch's semantic clean-up, so
that a stray 的 or 。 shared by two rewritten clauses does not cut them into fragments. The clean-up
works on strings: each token is mapped to one private-use character for it, and back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

Op = Literal["same", "removed", "added", "replaced"]
TOKEN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?|[A-Za-z]+|.", re.S)
PRIVATE = 0xF0000  # supplementary private use area: never in a report's text as a token stand-in
DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Change:
    op: Op
    a: str  # the text of A this piece covers ("" when added)
    b: str  # the text of B ("" when removed)
    figure: bool = False  # a change that touches a number: what readers of these reports look for first


def _change(op: Op, a: str, b: str) -> Change:
    return Change(op, a, b, op != "same" and bool(DIGIT.search(a) or DIGIT.search(b)))


def changes(a: str, b: str) -> list[Change]:
    """The pieces of A and B in order: what they share, and what B removed, added or replaced."""
    tokens: dict[str, str] = {}
    back: list[str] = []

    def encode(text: str) -> str:
        out = []
        for t in TOKEN.findall(text):
            if t not in tokens:
                tokens[t] = chr(PRIVATE + len(back))
                back.append(t)
            out.append(tokens[t])
        return "".join(out)

    ca, cb = encode(a), encode(b)
    diffs = []
    for op in Indel.opcodes(ca, cb):
        if op.tag == "equal":
            diffs.append((0, ca[op.src_start : op.src_end]))
        else:  # Indel has no replacements: each opcode is a deletion or an insertion
            diffs.append((-1, ca[op.src_start : op.src_end]) if op.tag == "delete" else (1, cb[op.dest_start : op.dest_end]))
    diff_match_patch().diff_cleanupSemantic(diffs)
    pieces: list[Change] = []
    for sign, coded in diffs:
        text = "".join(back[ord(c) - PRIVATE] for c in coded)
        if sign == 0:
            pieces.append(_change("same", text, text))
            continue
        was_a, was_b = "", ""
        if pieces and pieces[-1].op != "same":  # a removal and an addition side by side: one replacement
            last = pieces.pop()
            was_a, was_b = last.a, last.b
        new_a, new_b = (was_a + text, was_b) if sign < 0 else (was_a, was_b + text)
        pieces.append(_change("replaced" if new_a and new_b else "removed" if new_a else "added", new_a, new_b))
    return pieces
