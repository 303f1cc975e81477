"""Seeds and chains: where two report streams share k characters, and which shared stretches belong together.

Every k-character window of every stream is hashed (a polynomial hash over code points, the same on
every machine). A hash held by two to ``max_reports`` reports seeds the report pairs that share it;
windows held by more reports (a tenth of them, thirty at least) are formulas of the genre and seed
nothing (``boilerplate`` counts them). A large corpus is matched in blocks of reports (``block_pairs``),
each block with itself and with every other block, against formula hashes counted over the whole
corpus: the seeds, and so the findings, are those of one pass, in bounded memory per block pair.
Seeds on one diagonal that overlap or touch form tiles (exact matches), and tiles close to each other
in both reports form a chain: a copy with a few characters changed, or with its clauses in another order, is one chain. The
work is sorting and grouping numpy arrays, so it stays near-linear in the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from semcomp.text.template import MASK_CHAR, codes_of

K = 8
MIN_COMMON, COMMON_SHARE = 30, 0.1  # a window held by more reports than both is a formula of the genre
GAP = 24  # largest distance, in stream characters, between two pieces of one copy
_P = np.uint64(1000003)


def kgrams(text: str, k: int = K) -> tuple[np.ndarray, np.ndarray]:
    """Hashes and start positions of the k-character windows of a stream; windows over a mask are dropped."""
    codes = codes_of(text).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _P + codes[j : j + n]
    masked = np.convolve((codes == ord(MASK_CHAR)).astype(np.int32), np.ones(k, np.int32), "valid") > 0
    keep = np.flatnonzero(~masked)
    return h[keep], keep


@dataclass
class Seeds:
    """Pairs of equal windows: stream ``ra`` at ``pa`` equals stream ``rb`` at ``pb``, with ``ra < rb``."""

    ra: np.ndarray
    pa: np.ndarray
    rb: np.ndarray
    pb: np.ndarray


def following(count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) with j one of the ``count[i]`` elements right after i, all in numpy."""
    i = np.repeat(np.arange(len(count)), count)
    return i, i + 1 + np.arange(len(i)) - np.repeat(np.cumsum(count) - count, count)


def max_reports(n_reports: int) -> int:
    """The most reports a window may be held by and still seed: windows held by more are formulas."""
    return max(MIN_COMMON, int(COMMON_SHARE * n_reports))


def common_hashes(parts: list[tuple[np.ndarray, np.ndarray]], max_reports: int, partitions: int = 16) -> np.ndarray:
    """The window hashes (sorted) held by more than ``max_reports`` reports: formulas, counted over the whole
    corpus one hash partition at a time, so that memory holds a partition's distinct hashes, not all."""
    distinct = [np.unique(h) for h, _ in parts]
    common = []
    for p in range(partitions):
        mine = np.concatenate([d[d % np.uint64(partitions) == p] for d in distinct]) if distinct else np.empty(0, np.uint64)
        values, holders = np.unique(mine, return_counts=True)
        common.append(values[holders > max_reports])
    return np.sort(np.concatenate(common)) if common else np.empty(0, np.uint64)


def shared_seeds(
    texts: list[str], k: int = K, max_reports: int = MIN_COMMON, parts: list[tuple[np.ndarray, np.ndarray]] | None = None,
    common: np.ndarray | None = None, cross: int | None = None,
) -> Seeds:  # fmt: skip
    """Pairs of equal windows between the texts. ``parts`` are their ``kgrams`` when already computed;
    ``common`` the hashes that seed nothing (by default those held by more than ``max_reports`` of these
    texts); with ``cross``, only pairs of a text before ``cross`` with one from ``cross`` on."""
    parts = parts if parts is not None else [kgrams(t, k) for t in texts]
    h = np.concatenate([p[0] for p in parts])
    pos = np.concatenate([p[1] for p in parts])
    rep = np.repeat(np.arange(len(texts)), [len(p[0]) for p in parts])
    if common is not None:
        keep = ~np.isin(h, common, assume_unique=False)
        h, pos, rep = h[keep], pos[keep], rep[keep]
    order = np.lexsort((pos, rep, h))
    h, pos, rep = h[order], pos[order], rep[order]
    new = np.r_[True, h[1:] != h[:-1]]
    group = np.cumsum(new) - 1
    first_in_report = np.r_[True, (h[1:] != h[:-1]) | (rep[1:] != rep[:-1])]
    holders = np.bincount(group, weights=first_in_report)
    keep = (holders[group] >= 2) & (common is not None or holders[group] <= max_reports)
    pos, rep, group = pos[keep], rep[keep], group[keep]
    # all pairs within each group: element x pairs with the elements after it in its group
    start = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    size = np.diff(np.r_[start, len(group)])
    left, right = following(np.repeat(start + size, size) - np.arange(len(group)) - 1)
    other = rep[left] != rep[right] if cross is None else (rep[left] < cross) != (rep[right] < cross)
    left, right = left[other], right[other]
    swap = rep[left] > rep[right]
    first, second = np.where(swap, right, left), np.where(swap, left, right)
    return Seeds(rep[first], pos[first], rep[second], pos[second])


def block_pairs(n: int, size: int) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
    """The block pairs of ``n`` streams in blocks of ``size``, as (stream numbers of one block, of the other
    or None): a block with itself, then each two blocks. Every pair of streams falls in exactly one; each
    is a task of bounded memory."""
    spans = [np.arange(a, min(a + size, n)) for a in range(0, n, size)]
    for i, first in enumerate(spans):
        yield first, None
        for second in spans[i + 1 :]:
            yield first, second


@dataclass
class Spans:
    """Stretches of two streams, one per row: ``[a0, a1)`` of stream ``ra`` and ``[b0, b1)`` of ``rb``."""

    ra: np.ndarray
    rb: np.ndarray
    a0: np.ndarray
    a1: np.ndarray
    b0: np.ndarray
    b1: np.ndarray


@dataclass
class Chains(Spans):
    """Stretches of two streams that share seeds, with ``covered`` stream characters of ``ra`` inside shared
    windows. The exact matches (tiles) of chain ``c`` are ``tiles[tile_at[c]:tile_at[c + 1]]``, rows of
    (a0, a1, b0), in the order of a."""

    covered: np.ndarray
    tiles: np.ndarray
    tile_at: np.ndarray

    def __len__(self) -> int:
        return len(self.ra)

    def each(self) -> Iterator[tuple[int, int, list[tuple[int, int, int]]]]:
        """(ra, rb, tiles) of each chain, as Python values (what the per-chain alignment reads)."""
        tiles = [tuple(t) for t in self.tiles.tolist()]
        at = self.tile_at.tolist()
        for c, (ra, rb) in enumerate(zip(self.ra.tolist(), self.rb.tolist(), strict=True)):
            yield ra, rb, tiles[at[c] : at[c + 1]]


def chains(seeds: Seeds, k: int = K, gap: int = GAP, min_covered: int = 12) -> Chains:
    """Tiles (seeds along one diagonal that overlap or touch: an exact match), then tiles near each other
    in both streams, joined into chains."""
    if not len(seeds.ra):
        empty = np.empty(0, np.int64)
        return Chains(empty, empty, empty, empty, empty, empty, empty, np.empty((0, 3), np.int64), np.zeros(1, np.int64))
    diag = seeds.pb - seeds.pa
    order = np.lexsort((seeds.pa, diag, seeds.rb, seeds.ra))
    ra, rb, pa, pb, diag = seeds.ra[order], seeds.rb[order], seeds.pa[order], seeds.pb[order], diag[order]
    same = (ra[1:] == ra[:-1]) & (rb[1:] == rb[:-1]) & (diag[1:] == diag[:-1]) & (pa[1:] - pa[:-1] <= k)
    starts = np.flatnonzero(np.r_[True, ~same])
    a1 = np.maximum.reduceat(pa, starts) + k
    runs = _Runs(ra[starts], rb[starts], pa[starts], a1, pb[starts], a1 - pa[starts] + pb[starts])
    label = runs.linked(gap)
    n = label.max() + 1
    covered = np.bincount(label, weights=runs.a1 - runs.a0, minlength=n).astype(np.int64)
    keep = covered >= min_covered
    # renumber the chains kept, in the order of their pair and start, and sort their tiles
    a_start = _group_min(label, runs.a0, n)
    first = np.full(n, -1)
    first[label[::-1]] = np.arange(len(label))[::-1]
    kept = np.flatnonzero(keep)
    kept = kept[np.lexsort((a_start[kept], runs.rb[first[kept]], runs.ra[first[kept]]))]
    number = np.full(n, -1)
    number[kept] = np.arange(len(kept))
    mine = number[label] >= 0
    tile_order = np.lexsort((runs.a0[mine], number[label][mine]))
    tiles = np.stack([runs.a0[mine], runs.a1[mine], runs.b0[mine]], axis=1)[tile_order]
    tile_at = np.r_[0, np.cumsum(np.bincount(number[label][mine], minlength=len(kept)))]
    f = first[kept]
    return Chains(runs.ra[f], runs.rb[f], a_start[kept], _group_max(label, runs.a1, n)[kept],
                  _group_min(label, runs.b0, n)[kept], _group_max(label, runs.b1, n)[kept], covered[kept], tiles, tile_at)  # fmt: skip


class _Runs(Spans):
    """Tiles before they are joined into chains."""

    def linked(self, gap: int, reach: int = 3) -> np.ndarray:
        """Component label of each run, linking runs of one pair whose spans lie within ``gap`` of each other
        in both streams (each run is compared with its next ``reach`` runs in the order of either stream)."""
        n = len(self.ra)
        rows, cols = [], []
        for by in (self.a0, self.b0):
            order = np.lexsort((by, self.rb, self.ra))
            for d in range(1, reach + 1):
                i, j = order[:-d], order[d:]
                near = (
                    (self.ra[i] == self.ra[j]) & (self.rb[i] == self.rb[j])
                    & (self.a0[j] <= self.a1[i] + gap) & (self.a0[i] <= self.a1[j] + gap)
                    & (self.b0[j] <= self.b1[i] + gap) & (self.b0[i] <= self.b1[j] + gap)
                )  # fmt: skip
                rows.append(i[near])
                cols.append(j[near])
        r, c = np.concatenate(rows), np.concatenate(cols)
        graph = sparse.coo_matrix((np.ones(len(r), np.int8), (r, c)), shape=(n, n))
        return connected_components(graph, directed=False)[1]


def _group_min(label: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(out, label, values)
    return out


def _group_max(label: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(out, label, values)
    return out
