"""Themes of a set of passages from their stored embeddings (nothing is re-encoded).

The passages' normalised vectors are partitioned (``clustering``: soft k-means that noise of bf16 size
leaves alone), k chosen by silhouette when asked for ``auto``; passages far from every theme are set
apart as outliers; labels by class-based TF-IDF; and each theme's share of the passages of every year,
region or report type.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np

from semcomp.errors import SemcompError
from semcomp.model import Granularity
from semcomp.search.similar import SearchIndex
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters
from semcomp.store.records import GroupedPassage
from semcomp.themes import By
from semcomp.themes.clustering import choose_k, partition
from semcomp.themes.labels import class_tfidf

OUTLIER_SIGMAS = 2.5
MIN_CHARS = 20  # shorter passages are left out
LABEL_SAMPLE = 150  # most central passages per theme that name it
BODY = Filters(kinds=("body",))  # headings, tables and glossaries would dilute themes


class ThemeError(SemcompError):
    """Themes can't be computed for this selection."""


@dataclass
class Representative:
    passage_id: int
    report_id: str
    region: str | None
    year: int | None
    text: str
    start: int  # offsets into the report's raw text
    end: int
    label: str = ""  # the report's readable name


@dataclass
class Theme:
    id: int
    label: str
    terms: list[str]
    size: int
    representatives: list[Representative]
    shares: dict[str, float] = field(default_factory=dict)  # group → share of that group's passages
    trend: float | None = None  # change of share per year (by year only)
    follows: int | None = None  # per-year themes: the previous year's theme this one continues


@dataclass
class Themes:
    themes: list[Theme]
    by: str
    groups: list[str]
    k: int
    k_reason: str
    passages: int
    outliers: int
    sizes: dict[str, int] = field(default_factory=dict)  # group → its passages in themes (the shares' denominators)
    silhouette: dict[int, float] = field(default_factory=dict)
    centroids: np.ndarray | None = field(default=None, repr=False)  # unit vectors, row = theme id
    passage_ids: np.ndarray | None = field(default=None, repr=False)
    labels: np.ndarray | None = field(default=None, repr=False)  # theme of each passage, −1 for outliers

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("centroids", "passage_ids", "labels")}

    def shares_frame(self):
        """Theme × group shares as a pandas DataFrame (rows: theme labels)."""
        import pandas as pd

        return pd.DataFrame([[t.shares.get(g, 0.0) for g in self.groups] for t in self.themes],
                            index=[f"{t.id} {t.label}" for t in self.themes], columns=self.groups)  # fmt: skip

    def rising(self, n: int = 3) -> list[Theme]:
        return sorted((t for t in self.themes if t.trend is not None and t.trend > 0), key=lambda t: -(t.trend or 0.0))[:n]

    def falling(self, n: int = 3) -> list[Theme]:
        return sorted((t for t in self.themes if t.trend is not None and t.trend < 0), key=lambda t: t.trend or 0.0)[:n]


@dataclass(frozen=True)
class Clustering:
    """Themes of a list of passages: one theme per passage (−1 for outliers), unit centroids (row = theme
    id, largest theme first), each theme's label words, and why this k."""

    labels: np.ndarray
    centroids: np.ndarray
    terms: list[list[str]]
    k: int
    reason: str
    silhouette: dict[int, float]


def cluster(texts: list[str], vectors: np.ndarray, k: int | Literal["auto"]) -> Clustering:
    """Themes of the passages ``texts`` with the unit ``vectors``."""
    n = len(vectors)
    if not (k == "auto" or 2 <= k <= n):
        raise ThemeError(f"-k {k} is out of range: give 2 to {n} themes for these {n} passages")
    if k == "auto" and n < 10:
        raise ThemeError(f"only {n} passages: too few for themes")
    if k == "auto":
        choice, found = choose_k(vectors)
        reason, scores = choice.reason, choice.silhouette
    else:
        found = partition(vectors, k)
        reason, scores = f"k={k} was given", {}
    # themes by size (then by their first member) so that ids are stable; a centroid nearest to no passage is dropped
    sizes = np.bincount(found.labels, minlength=len(found.centroids))
    used = np.flatnonzero(sizes)
    first = {c: int(np.flatnonzero(found.labels == c)[0]) for c in used}
    order = sorted(used, key=lambda c: (-sizes[c], first[c]))
    k = len(order)
    remap = np.full(len(found.centroids), -1, dtype=np.int64)
    remap[order] = np.arange(k)
    labels, centroids = remap[found.labels], found.centroids[order].astype(np.float32)
    fit = (vectors * centroids[labels]).sum(axis=1)
    labels = np.where(fit < fit.mean() - OUTLIER_SIGMAS * fit.std(), -1, labels)
    # label words from each theme's most central passages: as good a label, and word segmentation
    # of every passage would be half the running time
    central = np.full(len(labels), -1)
    for c in range(k):
        members = np.flatnonzero(labels == c)
        keep = members[np.argsort(-fit[members], kind="stable")[:LABEL_SAMPLE]]
        central[keep] = c
    chosen = np.flatnonzero(central >= 0)
    terms = class_tfidf([texts[i] for i in chosen], central[chosen], k)
    return Clustering(labels, centroids, terms, k, reason, scores)


def find_themes(
    catalogue: Catalogue,
    filters: Filters = BODY,
    granularity: Granularity = "paragraph",
    k: int | Literal["auto"] = "auto",
    by: By = "year",
) -> Themes:
    """Themes of the passages the filters select, with their shares per ``by`` group, from the vectors of
    the index that holds ``catalogue``."""
    return _themes(SearchIndex.over(catalogue), filters, granularity, k, by)


def _themes(search: SearchIndex, filters: Filters, granularity: Granularity, k: int | Literal["auto"], by: By) -> Themes:
    ids = search.allowed(granularity, filters)
    if ids.size == 0:
        raise ThemeError("no passages match these filters")
    rows = passage_rows(search.catalogue, ids, by)
    keep = [i for i, r in enumerate(rows) if len(r.text) >= MIN_CHARS]  # salutations (各位代表：) say nothing
    ids, rows = ids[keep], [rows[i] for i in keep]
    if ids.size == 0:
        raise ThemeError("no passages match these filters")
    vectors = search.vectors(granularity).vectors(ids)
    texts = [r.text for r in rows]
    found = cluster(texts, vectors, k)
    labels, centroids, k = found.labels, found.centroids, found.k
    groups = [str(r.group) if r.group is not None else "?" for r in rows]
    names = {r.id: r.label for r in search.catalogue.reports()}
    themes = [_theme(c, found.terms[c], labels, centroids, vectors, rows, names) for c in range(k)]
    sizes = _share(themes, labels, groups, by)
    return Themes(themes, by, list(sizes), k, found.reason, len(ids), int((labels < 0).sum()), sizes, found.silhouette,
                  centroids, ids, labels)  # fmt: skip


def passage_rows(catalogue: Catalogue, ids: np.ndarray, by: str = "year") -> list[GroupedPassage]:
    """Each passage, in the order of ``ids``, with its report's ``by`` group."""
    return catalogue.grouped_passages([int(i) for i in ids], by)


def _theme(c: int, words: list[str], labels, centroids, vectors, rows, names: dict[str, str]) -> Theme:
    members = np.flatnonzero(labels == c)
    closeness = vectors[members] @ centroids[c]
    best = members[np.argsort(-closeness, kind="stable")[:3]]
    reps = [Representative(rows[i].id, rows[i].report_id, rows[i].region, rows[i].year, rows[i].text, rows[i].start, rows[i].end,
                           names[rows[i].report_id]) for i in best]  # fmt: skip
    return Theme(c, "、".join(words[:3]) or f"theme {c}", words, int(members.size), reps)


def _share(themes: list[Theme], labels: np.ndarray, groups: list[str], by: str) -> dict[str, int]:
    """Set each theme's shares (and trend by year); returns each group's passages in themes, groups in order."""
    totals: Counter[str] = Counter(g for g, lab in zip(groups, labels, strict=True) if lab >= 0)
    per: dict[int, Counter[str]] = defaultdict(Counter)
    for g, lab in zip(groups, labels, strict=True):
        if lab >= 0:
            per[int(lab)][g] += 1
    ordered = sorted(totals, key=lambda g: (g == "?", int(g) if g.isdigit() else 0, g))
    for t in themes:
        t.shares = {g: round(per[t.id][g] / totals[g], 4) for g in ordered}
        if by == "year":
            years = [g for g in ordered if g.isdigit()]
            if len(years) >= 2:
                t.trend = round(float(np.polyfit([int(y) for y in years], [t.shares[y] for y in years], 1)[0]), 5)
    return {g: totals[g] for g in ordered}


def per_year_themes(catalogue: Catalogue, filters: Filters = BODY, granularity: Granularity = "paragraph",
                    k: int | Literal["auto"] = "auto", link: float = 0.8) -> dict[str, Themes]:  # fmt: skip
    """Each year clustered on its own; each theme linked to the closest theme of the previous year."""
    search = SearchIndex.over(catalogue)
    years = catalogue.years()
    lo, hi = filters.years or (min(years, default=0), max(years, default=0))
    out: dict[str, Themes] = {}
    previous: np.ndarray | None = None
    for year in (y for y in years if lo <= y <= hi):
        f = Filters(**{**asdict(filters), "years": (year, year)})
        try:
            result = _themes(search, f, granularity, k if k == "auto" else min(k, len(search.allowed(granularity, f))), "region")
        except ThemeError:
            continue
        centroids = result.centroids
        if previous is not None:
            sims = centroids @ previous.T
            for t in result.themes:
                j = int(np.argmax(sims[t.id]))
                t.follows = j if sims[t.id, j] >= link else None
        previous = centroids
        out[str(year)] = result
    if not out:
        raise ThemeError("no year in this selection has enough passages")
    return out

