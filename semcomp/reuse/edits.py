"""The edits of an alignment (ops) and the clauses among them: how a copy was adapted, clause by clause.

An op is one step of aligning two streams: characters equal, replaced, inserted, deleted, or a clause
moved. A county that adopts a superior's paragraph adds and drops whole clauses (``，按照上级部署，``),
so an op that adds, drops or rewrites whole clauses (``whole_clause``) is adaptation, not noise: the
alignment scores it as one gap and does not count it against a copy's closeness. ``slid`` moves an
added or dropped stretch along the text it repeats onto clause boundaries, and ``edge_left`` and
``edge_right`` carry a copy over the one short clause added or dropped at its start or end.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from semcomp.reuse.seeds import GAP
from semcomp.reuse.stream import Stream

Op = tuple[str, int, int, int, int]  # tag (equal, replace, insert, delete, moved), a0, a1, b0, b1
MATCHED = ("equal", "moved")
Clauses = Callable[[Op], bool]  # whether an op adds, drops or rewrites whole clauses and nothing else
SLIDE = 4  # farthest an added or dropped stretch is moved to find clause boundaries
EDGE = 10  # longest clause added or dropped at a copy's start or end that it is carried over
# a clause that ties adopted text to the adopting place or to the superior's instructions (template form: 县 reads 区)
LOCALISING = re.compile("结合|立足|因地制宜|按照|根据|围绕|紧扣|对接|聚焦|本地|区情|上级|部署|导向|实际")


def slid(sa: Stream, sb: Stream, ops: list[Op]) -> list[Op]:
    """Each added or dropped stretch moved along the text it repeats, by up to ``SLIDE`` characters, to where it
    is whole clauses if it can be: ``保持…发展，必须加快…方式，必须提高…`` against ``保持…发展，必须提高…``
    drops ``必须加快…方式``, not ``加快…方式必须``."""
    ops = list(ops)
    for k in range(1, len(ops) - 1):
        tag, i0, i1, j0, j1 = ops[k]
        if tag not in ("insert", "delete") or ops[k - 1][0] != "equal" or ops[k + 1][0] != "equal" or whole_clause(sa, sb, ops[k]):
            continue
        text, x0, x1 = (sb.text, j0, j1) if tag == "insert" else (sa.text, i0, i1)
        for d in (d for step in range(1, SLIDE + 1) for d in (step, -step)):
            room = ops[k + 1][2] - ops[k + 1][1] if d > 0 else ops[k - 1][2] - ops[k - 1][1]
            repeats = text[x0 : x0 + d] == text[x1 : x1 + d] if d > 0 else text[x0 + d : x0] == text[x1 + d : x1]
            shifted: Op = (tag, i0 + d, i1 + d, j0 + d, j1 + d)
            if abs(d) < room and repeats and whole_clause(sa, sb, shifted):
                (_, p0, p1, q0, q1), (_, n0, n1, m0, m1) = ops[k - 1], ops[k + 1]
                ops[k - 1 : k + 2] = [("equal", p0, p1 + d, q0, q1 + d), shifted, ("equal", n0 + d, n1, m0 + d, m1)]
                break
    return ops


def whole_clause(sa: Stream, sb: Stream, op: Op) -> bool:
    """Whether an op adds, drops or rewrites whole clauses, no longer than ``GAP``, and nothing else."""
    tag, i0, i1, j0, j1 = op
    if tag not in ("insert", "delete", "replace"):
        return False
    return (tag == "insert" or _clauses(sa, i0, i1)) and (tag == "delete" or _clauses(sb, j0, j1))


def _clauses(s: Stream, x0: int, x1: int) -> bool:
    """Whether ``[x0, x1)`` of ``s`` is whole clauses, no longer than ``GAP``."""
    return 0 < x1 - x0 <= GAP and s.clause_start(x0) == x0 and s.clause_end(x1) == x1


def edge_left(sa: Stream, sb: Stream, part: list[Op]) -> list[Op]:
    """Carry a copy back over a short clause added (``结合本地实际，…``) or dropped before it (``_added``)."""
    i, j, i1, j1 = part[0][1], part[0][3], part[-1][2], part[-1][4]
    if (start := _added(sb, j, sa, i, j1, before=True)) is not None:
        return [("insert", i, i, start, j), *part]
    if (start := _added(sa, i, sb, j, i1, before=True)) is not None:
        return [("delete", start, i, j, j), *part]
    return part


def edge_right(sa: Stream, sb: Stream, part: list[Op]) -> list[Op]:
    """Carry a copy on over a short clause added (``…，因地制宜。``) or dropped after it (``_added``)."""
    i0, j0, i, j = part[0][1], part[0][3], part[-1][2], part[-1][4]
    if (end := _added(sb, j, sa, i, j0, before=False)) is not None:
        return [*part, ("insert", i, i, j, end)]
    if (end := _added(sa, i, sb, j, i0, before=False)) is not None:
        return [*part, ("delete", i, end, j, j)]
    return part


def _added(s: Stream, x: int, other: Stream, y: int, far: int, before: bool) -> int | None:
    """The far end of the short clause just before (after) position ``x`` of ``s`` when it belongs to the
    copy, which stops at a clause boundary there and at ``y`` in ``other``, and reaches ``far`` at its other
    end in ``s``. It belongs when the copy fills the rest of ``s``'s sentence and starts (ends) a sentence
    in ``other``, so that the clause can only have been added there; or when the clause ties the text to the
    adopting place or to its superior's instructions (``LOCALISING``). A copy set inside a longer sentence
    is not carried over that sentence's own clauses otherwise."""
    if before:
        edge, edge_other, clause = s.clause_start(x) == x, other.clause_start(y) == y, s.clause_start(max(0, x - 1))
        first = clause == s.sentence_start(max(0, x - 1))
        whole = first and s.sentence_end(far) == far and other.sentence_start(y) == y
    else:  # a clause after the copy ties it to the place only where it ends the sentence: else it leads what follows
        edge, edge_other, clause = s.clause_end(x) == x, other.clause_end(y) == y, s.clause_end(min(len(s.text), x + 1))
        last = clause == s.sentence_end(min(len(s.text), x + 1))
        whole = last and s.sentence_start(far) == far and other.sentence_end(y) == y
    span = (clause, x) if before else (x, clause)
    inside = 0 < x < len(s.text) and s.sentence[x - 1] == s.sentence[x]  # the clause is in the copy's sentence
    if not (edge and edge_other and inside and 0 < span[1] - span[0] <= EDGE):
        return None
    local = (before or last) and LOCALISING.search(s.written[span[0] : span[1]])
    return clause if whole or local else None
