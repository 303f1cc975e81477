"""Local alignment of a chain: the copied stretches of two streams, exactly where they start and end.

A chain is a set of tiles, exact matches of two streams found from shared windows. The heaviest run
of tiles in the same order in both streams is the backbone (the text copied in place); tiles out of
that order are clauses moved (``A，B，C`` → ``B，A，C``), extended over the few characters edited
around them. The gaps between backbone tiles are aligned character by character (rapidfuzz's
Levenshtein opcodes), which catches numbers and names swapped and characters inserted or deleted.
The ops are cut where a long stretch differs (text that is not part of the copy) and each part is
trimmed to its best-scoring run: matched characters score one, a stretch of changed ones costs an
affine penalty, which drops the chance matches at the edges (a ``的`` here and there) and keeps a
copy with a few characters changed whole; whole clauses added, dropped or rewritten cost only a gap's
opening (``edits``), since that is how a county adapts what it adopts. The ends are then extended
over what still matches past the last tile (seed and extend), past one such clause if need be,
carried to the clause boundary when only a little, alike on both sides, is left of the clause, and
over a short clause added at the copy's start or end. Whatever of this would make a copy fail the
closeness test is undone: the extensions decorate a copy, they never decide whether it is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import cast

from rapidfuzz.distance import Indel, Levenshtein

from semcomp.reuse.edits import MATCHED, Clauses, Op, edge_left, edge_right, slid, whole_clause
from semcomp.reuse.seeds import GAP
from semcomp.reuse.stream import Stream
from semcomp.text.template import informative

Tile = tuple[int, int, int]  # a0, a1, b0: a[a0:a1] == b[b0:b0 + a1 - a0]
EXTEND = 16
MAX_ROUNDS = 6
GAP_OPEN, GAP_EXTEND = 2.0, 0.5  # cost of a stretch of changed characters: affine, as in sequence alignment
MIN_MOVE = 6  # shortest clause recognised as moved
BACK = 64  # tiles looked back at for the one before (the backbone of a long chain stays linear)
MIN_SIMILARITY = 0.8
SHORT, SHORT_SIMILARITY = 30, 0.9  # a short copy must be closer: set phrases of the genre vary a little everywhere
SNAP = 12  # most characters added to reach a clause boundary
SNAP_SIMILARITY = 0.5
WORD = 2  # a word added at a clause's edge (组织开展 for 开展), carried into the copy
MIN_TAIL = 5  # characters that must match again past a clause added or dropped (a four-character set phrase is chance)


@dataclass
class Alignment:
    a0: int  # stream span of the copy in a
    a1: int
    b0: int
    b1: int
    ops: list[Op]
    matched: int  # informative characters matched, moved clauses included
    similarity: float  # matched share of both spans, moved clauses counting as matched

    @property
    def moved(self) -> bool:
        return any(op[0] == "moved" for op in self.ops)


def align_chain(sa: Stream, sb: Stream, tiles: list[Tile], min_chars: int) -> list[Alignment]:
    """The copies in a chain: its exact matches ``tiles`` (a0, a1, b0) of stream ``sa`` in stream ``sb``."""
    a, b = sa.text, sb.text
    a0, a1 = min(t[0] for t in tiles), max(t[1] for t in tiles)
    b0, b1 = min(t[2] for t in tiles), max(t[2] + t[1] - t[0] for t in tiles)
    if a[a0:a1] == b[b0:b1]:
        parts: list[list[Op]] = [[("equal", a0, a1, b0, b1)]]
    else:
        backbone = _backbone(tiles)
        ops = slid(sa, sb, _ops(a, b, backbone, _moved(a, b, tiles, backbone, (a0, b0), (a1, b1)), (a0, b0), (a1, b1)))
        parts = _parts(ops, partial(whole_clause, sa, sb))
    found = []
    for k, core in enumerate(parts):
        extended = _extend_left(sa, sb, core) if k == 0 else core
        extended = _extend_right(sa, sb, extended) if k == len(parts) - 1 else extended
        snapped = _snap_left(sa, sb, extended) if k == 0 else extended
        snapped = _snap_right(sa, sb, snapped) if k == len(parts) - 1 else snapped
        part = next((x for x in (snapped, extended, core) if _copied(sa, sb, x, min_chars)), [])  # what spoils a copy is undone
        if not part:
            continue
        if k == 0:  # a clause added or dropped at an edge belongs to the copy, but does not decide whether it is one
            part = edge_left(sa, sb, part)
        if k == len(parts) - 1:
            part = edge_right(sa, sb, part)
        found.append(_alignment(part, a))
    return found


def _copied(sa: Stream, sb: Stream, part: list[Op], min_chars: int) -> bool:
    """Long and close enough to be a copy, with text on both sides. Whole clauses added or dropped
    (``，按照上级部署，``) are how a copy was adapted: they don't count against its closeness."""
    if sum(op[2] - op[1] for op in part if op[0] in MATCHED) < min_chars:
        return False
    al = _alignment(part, sa.text)
    kept = [op for op in part if not whole_clause(sa, sb, op)]
    closeness = _same(kept) / max(1, sum(op[2] - op[1] + op[4] - op[3] for op in kept))
    closest = MIN_SIMILARITY if al.matched >= SHORT else SHORT_SIMILARITY
    return al.a1 > al.a0 and al.b1 > al.b0 and al.matched >= min_chars and closeness >= closest


def _backbone(tiles: list[Tile]) -> list[Tile]:
    """The heaviest run of tiles in the same order in both streams (tiles trimmed where they overlap the
    one before): what was copied in place. Tiles come sorted by a0."""
    best: list[float] = []
    back: list[tuple[int, int]] = []  # (predecessor, characters trimmed from the tile's start)
    for j, (ja0, ja1, jb0) in enumerate(tiles):
        best.append(ja1 - ja0)
        back.append((-1, 0))
        for i in range(max(0, j - BACK), j):
            ia0, ia1, ib0 = tiles[i]
            trim = max(0, ia1 - ja0, ib0 + ia1 - ia0 - jb0)
            if ia0 < ja0 and ib0 < jb0 and trim < ja1 - ja0 and best[i] + ja1 - ja0 - trim > best[j]:
                best[j], back[j] = best[i] + ja1 - ja0 - trim, (i, trim)
    out: list[Tile] = []
    j = max(range(len(tiles)), key=best.__getitem__)
    while j >= 0:
        (ja0, ja1, jb0), (i, trim) = tiles[j], back[j]
        out.append((ja0 + trim, ja1, jb0 + trim))
        j = i
    return out[::-1]


def _moved(a: str, b: str, tiles: list[Tile], backbone: list[Tile], start: tuple[int, int], end: tuple[int, int]) -> list[Op]:
    """Tiles out of the backbone's order (clauses moved) as (moved, a0, a1, b0, b1): each cut to what no
    tile kept already holds, then extended over the few characters edited around it, short of the next
    kept tile."""
    taken_a = [(t[0], t[1]) for t in backbone]
    taken_b = [(t[2], t[2] + t[1] - t[0]) for t in backbone]
    out: list[Op] = []
    for a0, a1, b0 in sorted(set(tiles) - set(backbone), key=lambda t: t[0] - t[1]):
        blocked = [(x0 - a0, x1 - a0) for x0, x1 in taken_a] + [(y0 - b0, y1 - b0) for y0, y1 in taken_b]
        free, at = (0, 0), 0  # the longest stretch of the tile outside every blocked one
        for lo, hi in sorted((max(0, lo), min(a1 - a0, hi)) for lo, hi in blocked if hi > 0 and lo < a1 - a0):
            if lo - at > free[1] - free[0]:
                free = (at, lo)
            at = max(at, hi)
        if a1 - a0 - at > free[1] - free[0]:
            free = (at, a1 - a0)
        if free[1] - free[0] < MIN_MOVE:
            continue
        i0, i1, j0, j1 = a0 + free[0], a0 + free[1], b0 + free[0], b0 + free[1]
        limit_a = min([x0 for x0, _ in taken_a if x0 >= i1] + [end[0]])
        limit_b = min([y0 for y0, _ in taken_b if y0 >= j1] + [end[1]])
        more = _forward(a, b, i1, j1, limit_a, limit_b)
        if more:
            i1, j1 = more[-1][2], more[-1][4]
        start_a = max([x1 for _, x1 in taken_a if x1 <= i0] + [start[0]])
        start_b = max([y1 for _, y1 in taken_b if y1 <= j0] + [start[1]])
        back = _backward(a, b, i0, j0, start_a, start_b)
        if back:
            i0, j0 = back[0][1], back[0][3]
        out.append(("moved", i0, i1, j0, j1))
        taken_a.append((i0, i1))
        taken_b.append((j0, j1))
    return out


def _ops(a: str, b: str, backbone: list[Tile], moved: list[Op], start: tuple[int, int], end: tuple[int, int]) -> list[Op]:
    """Ops from ``start`` to ``end``: the backbone's tiles equal, the gaps between them aligned character by
    character, or, where a gap holds a moved clause, cut into moved and deleted (inserted) pieces."""
    ops: list[Op] = []
    cur_a, cur_b = start
    for ta0, ta1, tb0 in [*backbone, (end[0], end[0], end[1])]:
        in_a = sorted((m[1], m[2]) for m in moved if cur_a <= m[1] and m[2] <= ta0)
        in_b = sorted((m[3], m[4]) for m in moved if cur_b <= m[3] and m[4] <= tb0)
        if not in_a and not in_b:
            ops += _opcodes(a, b, cur_a, ta0, cur_b, tb0)  # a gap empty on one side is one delete (insert)
        else:
            ops += [("moved" if m else "delete", x0, x1, cur_b, cur_b) for x0, x1, m in _pieces(cur_a, ta0, in_a)]
            ops += [("moved" if m else "insert", ta0, ta0, y0, y1) for y0, y1, m in _pieces(cur_b, tb0, in_b)]
        if ta1 > ta0:
            ops.append(("equal", ta0, ta1, tb0, tb0 + ta1 - ta0))
        cur_a, cur_b = ta1, tb0 + ta1 - ta0
    return ops


def _pieces(lo: int, hi: int, marked: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """``[lo, hi)`` cut into the marked stretches (True) and what lies between them (False)."""
    out, at = [], lo
    for x0, x1 in marked:
        if x0 > at:
            out.append((at, x0, False))
        out.append((x0, x1, True))
        at = x1
    if hi > at:
        out.append((at, hi, False))
    return out


def _snap_right(sa: Stream, sb: Stream, part: list[Op]) -> list[Op]:
    """Carry a copy on to the end of its clause when little is left of it on both sides and that little is
    alike (``集团等89户企业`` after a swapped company name belongs to the copy), or when one side is at the
    end and the other has only a word added (``组织开展`` for ``开展``)."""
    i, j = part[-1][2], part[-1][4]
    ei, ej = min(sa.clause_end(i), len(sa.text)), min(sb.clause_end(j), len(sb.text))
    if not _snaps(sa.text[i:ei], sb.text[j:ej]):
        return part
    return part + _opcodes(sa.text, sb.text, i, ei, j, ej)


def _snap_left(sa: Stream, sb: Stream, part: list[Op]) -> list[Op]:
    """Carry a copy back to the start of its clause, as ``_snap_right`` does forwards."""
    i, j = part[0][1], part[0][3]
    si, sj = sa.clause_start(i), sb.clause_start(j)
    if not _snaps(sa.text[si:i], sb.text[sj:j]):
        return part
    return _opcodes(sa.text, sb.text, si, i, sj, j) + part


def _snaps(x: str, y: str) -> bool:
    """Whether what is left of a clause past a copy, ``x`` in one stream and ``y`` in the other, belongs to it."""
    if not (x or y) or len(x) > SNAP or len(y) > SNAP:
        return False
    return Indel.normalized_similarity(x, y) >= SNAP_SIMILARITY or (min(len(x), len(y)) == 0 and max(len(x), len(y)) <= WORD)


def _extend_right(sa: Stream, sb: Stream, part: list[Op]) -> list[Op]:
    """Add what still matches after the part (seed windows stop short of a copy's last characters), past a
    whole clause added, dropped or rewritten there if that matches more (``_past_clause``)."""
    for _ in range(MAX_ROUNDS):
        i, j = part[-1][2], part[-1][4]
        plain = part + _forward(sa.text, sb.text, i, j, len(sa.text), len(sb.text))
        longer = max(plain, _past_clause(sa, sb, part, 1), key=_equal)
        if longer == part or (longer[-1][2] < i + EXTEND and longer[-1][4] < j + EXTEND):
            return longer
        part = longer
    return part


def _extend_left(sa: Stream, sb: Stream, part: list[Op]) -> list[Op]:
    """Add what still matches before the part, as ``_extend_right`` does after it."""
    for _ in range(MAX_ROUNDS):
        i, j = part[0][1], part[0][3]
        plain = _backward(sa.text, sb.text, i, j, 0, 0) + part
        longer = max(plain, _past_clause(sa, sb, part, -1), key=_equal)
        if longer == part or (longer[0][1] > i - EXTEND and longer[0][3] > j - EXTEND):
            return longer
        part = longer
    return part


def _past_clause(sa: Stream, sb: Stream, part: list[Op], way: int) -> list[Op]:
    """The part carried past one whole clause added, dropped or rewritten after it (``way`` 1) or before it
    (-1), when at least ``MIN_TAIL`` characters match again beyond: short tails such as ``，按照上级部署，
    促进分级诊疗`` hold no seed window of their own. A match of up to ``WORD`` characters past the last clause
    boundary (``坚`` of 坚决 and 坚持) is given back first. The part itself when no clause fits."""
    edge = part[-1] if way > 0 else part[0]
    i, j = (edge[2], edge[4]) if way > 0 else (edge[1], edge[3])
    back = i - sa.clause_start(i) if way > 0 else sa.clause_end(i) - i
    if back != (j - sb.clause_start(j) if way > 0 else sb.clause_end(j) - j) or back > WORD or edge[2] - edge[1] <= back:
        return part
    if back and edge[0] != "equal":
        return part
    i, j = i - back * way, j - back * way
    if not (_at_clause_edge(sa, i) and _at_clause_edge(sb, j)):
        return part
    kept = [*part[:-1], (edge[0], edge[1], i, edge[3], j)] if way > 0 else [(edge[0], i, edge[2], j, edge[4]), *part[1:]]
    far_a = sa.clause_end(i + 1) if way > 0 else sa.clause_start(i - 1)
    far_b = sb.clause_end(j + 1) if way > 0 else sb.clause_start(j - 1)
    best = part
    for ni, nj in ((i, far_b), (far_a, j), (far_a, far_b)):
        if not (abs(ni - i) <= GAP and abs(nj - j) <= GAP and (ni, nj) != (i, j)):
            continue
        if not (_same_sentence(sa, i, ni, way) and _same_sentence(sb, j, nj, way)):
            continue  # the tail must lie in the copy's sentence: a clause skipped never reaches into the next one
        tag = "insert" if ni == i else "delete" if nj == j else "replace"
        (a0, a1), (b0, b1) = sorted((i, ni)), sorted((j, nj))
        skip: Op = (tag, a0, a1, b0, b1)
        if way > 0:
            found = [*kept, skip, *_forward(sa.text, sb.text, ni, nj, len(sa.text), len(sb.text))]
        else:
            found = [*_backward(sa.text, sb.text, ni, nj, 0, 0), skip, *kept]
        if _equal(found) - _equal(kept) >= MIN_TAIL and _equal(found) > _equal(best):
            best = found
    return best


def _same_sentence(s: Stream, x: int, nx: int, way: int) -> bool:
    """Whether the tail that starts at ``nx`` (forwards) or ends there (backwards) is in the sentence the copy
    reaches at ``x``."""
    return nx < s.sentence_end(x) if way > 0 else nx > s.sentence_start(x)


def _at_clause_edge(s: Stream, x: int) -> bool:
    return 0 < x < len(s.text) and s.clause_start(x) == x


def _equal(ops: list[Op]) -> int:
    return sum(op[2] - op[1] for op in ops if op[0] == "equal")


def _forward(a: str, b: str, i: int, j: int, stop_a: int, stop_b: int) -> list[Op]:
    """The best-scoring ops from ``(i, j)`` on, within ``EXTEND`` characters and short of the stops: what
    still matches, past a word or a short clause added or dropped (``，因地制宜，`` before the last clause)."""
    end_a, end_b = min(stop_a, i + EXTEND), min(stop_b, j + EXTEND)
    if i >= end_a or j >= end_b:
        return []
    return _anchored(_opcodes(a, b, i, end_a, j, end_b))


def _backward(a: str, b: str, i: int, j: int, stop_a: int, stop_b: int) -> list[Op]:
    """The best-scoring ops ending at ``(i, j)``, in reading order: ``_forward`` on the reversed texts."""
    x, y = a[max(stop_a, i - EXTEND) : i][::-1], b[max(stop_b, j - EXTEND) : j][::-1]
    if not x or not y:
        return []
    return _anchored([(t, i - q, i - p, j - s, j - r) for t, p, q, r, s in _levenshtein(x, y)])[::-1]


def _anchored(ops: list[Op]) -> list[Op]:
    """The best-scoring run of ops that starts at the first one (an extension from an anchor)."""
    best, best_at, total = 0.0, 0, 0.0
    for k, op in enumerate(ops):
        total += _score(op)
        if total > best:
            best, best_at = total, k + 1
    return ops[:best_at]


def _opcodes(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> list[Op]:
    """Levenshtein opcodes of ``a[a0:a1]`` and ``b[b0:b1]`` in stream positions."""
    return [(tag, i + a0, j + a0, k + b0, m + b0) for tag, i, j, k, m in _levenshtein(a[a0:a1], b[b0:b1])]


def _levenshtein(a: str, b: str) -> Iterable[Op]:
    """rapidfuzz's opcodes (its annotations widen each field to ``str | int``)."""
    return cast("Iterable[Op]", Levenshtein.opcodes(a, b))


def _score(op: Op, whole: Clauses | None = None) -> float:
    """Matched characters score one each; a stretch of changed ones costs an affine penalty, and whole
    clauses added or dropped (``whole``) cost only the opening: they are how a copy was adapted."""
    tag, i1, i2, j1, j2 = op
    if tag == "equal":
        return i2 - i1
    if tag == "moved":
        return (i2 - i1) + (j2 - j1)  # each side of a moved clause counts where it stands
    return -GAP_OPEN if whole and whole(op) else -GAP_OPEN - GAP_EXTEND * max(i2 - i1, j2 - j1)


def _parts(ops: list[Op], whole: Clauses) -> list[list[Op]]:
    """Cut at long differing stretches, then keep the best-scoring runs of ops of each piece."""
    pieces: list[list[Op]] = [[]]
    for op in ops:
        if op[0] not in MATCHED and max(op[2] - op[1], op[4] - op[3]) > GAP:
            pieces.append([])
        else:
            pieces[-1].append(op)
    return [best for piece in pieces for best in _best_runs(piece, whole)]


def _best_runs(ops: list[Op], whole: Clauses) -> list[list[Op]]:
    """The highest-scoring contiguous run of ops (Kadane), then the same on what lies either side of it."""
    if not ops:
        return []
    best, best_at = 0.0, (0, 0)
    total, start = 0.0, 0
    for k, op in enumerate(ops):
        if total <= 0:
            total, start = 0.0, k
        total += _score(op, whole)
        if total > best:
            best, best_at = total, (start, k + 1)
    if best <= 0:
        return []
    lo, hi = best_at
    return [*_best_runs(ops[:lo], whole), ops[lo:hi], *_best_runs(ops[hi:], whole)]


def _same(ops: list[Op]) -> int:
    """Characters matched, on both sides: each equal stretch twice, each side of a moved clause once."""
    return sum(op[2] - op[1] + op[4] - op[3] for op in ops if op[0] in MATCHED)


def _alignment(ops: list[Op], a: str) -> Alignment:
    a0, a1 = ops[0][1], ops[-1][2]
    b0, b1 = ops[0][3], ops[-1][4]
    matched = sum(informative(a[op[1] : op[2]]) for op in ops if op[0] in MATCHED)
    similarity = _same(ops) / max(1, (a1 - a0) + (b1 - b0))
    return Alignment(a0, a1, b0, b1, ops, matched, round(similarity, 4))
