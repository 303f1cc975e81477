"""Clusters of witnesses: every report that holds one passage, earliest first.

Findings are pairwise; a passage copied into many reports is many findings. Two sides of findings in
one report that cover mostly the same text (each covers four fifths of the other or more) are one
witness, and findings joined through shared witnesses form a cluster (as passim clusters its
alignments). The earliest witness is the candidate origin; the years and regions of the others say
how the passage spread. Requiring the overlap both ways keeps a short formula inside a long copy
from joining the copy's cluster.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from semcomp.reuse.seeds import following

if TYPE_CHECKING:
    from semcomp.reuse.finder import Finding, Side
    from semcomp.store.catalogue import Catalogue

BOILERPLATE_SHARE = 0.3  # a passage held by this share of the reports (and at least MIN_COMMON) is a formula
MIN_COMMON = 8
SAME_PASSAGE = 0.8  # sides covering this share of each other are one witness


@dataclass
class Cluster:
    id: int
    witnesses: list[Side]  # one per report holding the passage, earliest first: the first is the candidate origin
    reports: int
    regions: int
    findings: int
    chars: int  # the longest finding's informative characters
    boilerplate: bool
    by_year: dict[int, int] = field(default_factory=dict)  # witnesses per year

    def to_dict(self) -> dict:
        return asdict(self)


def _overlapping(report: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of spans of one report that overlap, each pair once."""
    order = np.lexsort((start, report))
    report, start, end = report[order], start[order], end[order]
    key = report.astype(np.int64) * (int(end.max()) + 1 if len(end) else 1)
    # span i overlaps the spans after it (in start order) that begin in the same report before it ends
    reach = np.searchsorted(key + start, key + end, side="left")
    i, j = following(np.maximum(reach - np.arange(len(start)) - 1, 0))
    return order[i], order[j]


def assign_clusters(findings: list[Finding], n_reports: int) -> None:
    """Set each finding's cluster, spread and boilerplate flag.

    The spread of a finding is the number of reports holding most of its passage: those of the findings
    whose side covers half of it or more. A cluster joins findings whose sides cover nearly the same text
    (``SAME_PASSAGE`` of each), so that it can't drift from one passage to the next.
    """
    n = len(findings)
    if not n:
        return
    region = {s.report_id: s.region or s.report_id for f in findings for s in (f.source, f.target)}  # no region: its own
    names = sorted(region)
    number = {name: x for x, name in enumerate(names)}
    region_number: dict[str, int] = {}
    region_of = np.array([region_number.setdefault(region[name], len(region_number)) for name in names])
    sides = [(number[s.report_id], s.start, s.end, k) for k, f in enumerate(findings) for s in (f.source, f.target)]
    report, start, end, owner = (np.array(col, dtype=np.int64) for col in zip(*sides, strict=True))
    partner = report.reshape(-1, 2)[:, ::-1].ravel()  # the report on the other side of each side's finding
    i, j = _overlapping(report, start, end)
    inter = np.minimum(end[i], end[j]) - np.maximum(start[i], start[j])
    share_i, share_j = inter / np.maximum(1, end[i] - start[i]), inter / np.maximum(1, end[j] - start[j])
    # a side mostly inside another is held by the other's partner report too
    held = np.concatenate([owner, owner, owner[j[share_j >= 0.5]], owner[i[share_i >= 0.5]]])
    by = np.concatenate([report, partner, partner[i[share_j >= 0.5]], partner[j[share_i >= 0.5]]])
    spread = _distinct_per(held, by, n)
    regions = _distinct_per(held, region_of[by], n)
    same = (share_i >= SAME_PASSAGE) & (share_j >= SAME_PASSAGE)
    graph = sparse.coo_matrix((np.ones(int(same.sum()), np.int8), (owner[i[same]], owner[j[same]])), shape=(n, n))
    label = connected_components(graph, directed=False)[1]
    common = max(MIN_COMMON, BOILERPLATE_SHARE * n_reports)
    for k, f in enumerate(findings):
        f.cluster, f.spread_reports, f.spread_regions = int(label[k]), int(spread[k]), int(regions[k])
        f.boilerplate = f.spread_reports >= common


def _distinct_per(group: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Number of distinct values per group 0..n-1."""
    width = int(value.max()) + 1 if len(value) else 1
    pairs = np.sort(group * width + value)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]
    return np.bincount(pairs // width, minlength=n)


def reuse_clusters(catalogue: Catalogue, findings: list[Finding]) -> list[Cluster]:
    """The clusters of the findings (as ``assign_clusters`` numbered them), the most widely held first."""
    dates = {r.id: r.value("date") or "" for r in catalogue.reports()}
    members: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        members[f.cluster].append(f)
    out = []
    for cid, group in members.items():
        best: dict[str, Side] = {}
        for f in group:
            for s in (f.source, f.target):
                if s.report_id not in best or s.end - s.start > best[s.report_id].end - best[s.report_id].start:
                    best[s.report_id] = s
        witnesses = list(best.values())
        witnesses.sort(key=lambda w: (w.year or 9999, dates[w.report_id], w.report_id))
        years = Counter(w.year for w in witnesses if w.year)
        out.append(Cluster(cid, witnesses, len(witnesses), len({w.region or w.report_id for w in witnesses}), len(group),
                           max(f.chars for f in group), any(f.boilerplate for f in group), dict(sorted(years.items()))))  # fmt: skip
    out.sort(key=lambda c: (c.boilerplate, -c.reports, -c.chars, c.id))
    return out
