"""Themes of a set of passages from their stored embeddings (nothing is re-encoded).

Ward's hierarchical clustering of a fixed sample of the normalised vectors (every passage up to
``FIT_SAMPLE``), the passages outside it given to their nearest theme centroid; k chosen by silhouette
when asked for ``auto``; passages far from every theme set apart as outliers; labels by
class-based TF-IDF; and each theme's share of the passages of every year, region or report type.

Ward rather than k-means, because the themes must be the same whoever encoded the passages: vectors
from bf16 arithmetic differ from float32 ones by a cosine of about 1e-5, and k-means (any seeding)
turned noise of twice that size into other local optima, an adjusted Rand index of 0.47 to 0.98 on a
county slice at a fixed k; Ward's merges are deterministic and only a near-tie between two merges can
flip: that slice's bf16 vectors give its float32 themes (adjusted Rand 0.997). On the whole bundled
corpus neither method holds (about 0.6, ``benchmarks/bench_themes.py``).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.metrics import silhouette_score

from semcomp.errors import SemcompError
from semcomp.search.similar import SearchIndex
from semcomp.store.filters import Filters
from semcomp.themes.labels import class_tfidf

By = Literal["year", "region", "type"]
K_RANGE = (5, 60)
SEED = 0
FIT_SAMPLE = 8000  # passages whose tree is built (Ward keeps their n² / 2 distances: 256 MB at this size)
SAMPLE = 3000  # of those, passages scored for silhouette
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
        return sorted((t for t in self.themes if t.trend is not None and t.trend > 0), key=lambda t: -t.trend)[:n]

    def falling(self, n: int = 3) -> list[Theme]:
        return sorted((t for t in self.themes if t.trend is not None and t.trend < 0), key=lambda t: t.trend)[:n]


def _sample(n: int) -> np.ndarray:
    """Sorted positions of the passages the tree is built on: all of them up to ``FIT_SAMPLE``."""
    return np.sort(np.random.default_rng(SEED).choice(n, size=min(FIT_SAMPLE, n), replace=False))


def choose_k(x: np.ndarray, tree: np.ndarray, k_range: tuple[int, int] = K_RANGE) -> tuple[int, str, dict[int, float]]:
    """k for Ward's ``tree`` of the vectors ``x``, and why.

    Candidates from 5 (or sqrt(n / 10)) to 60 are scored by cosine silhouette on a fixed sample, and the
    best is taken. Under noise at bf16 scale Ward's silhouettes moved by a few 1e-4 in most draws (k-means':
    up to 0.02). Rules meant to be steadier only added boundaries where the scores sit: the smallest k
    within 0.002 of the best put two candidates of the county slice on either side of it with float32 and
    with bf16 vectors, and moving the cut to where trees of jittered vectors agreed most moved k under two
    of six draws."""
    n = len(x)
    hi = min(k_range[1], max(2, n // 15))  # small selections: themes of at least ~15 passages
    # and at least sqrt(n / 10) themes: on the whole bundled corpus every cut's silhouette was under 0.035,
    # and its maximum, at 9 themes, lumped policy areas together (NMI with the headings' areas 0.15, 0.30 at 60)
    lo = min(max(k_range[0], round(math.sqrt(n / 10))), hi)
    candidates = sorted({round(v) for v in np.geomspace(lo, hi, num=min(10, hi - lo + 1))})
    scored = np.sort(np.random.default_rng(SEED).choice(n, size=min(SAMPLE, n), replace=False))
    scores = {}
    for k in candidates:
        labels = fcluster(tree, k, "maxclust")[scored]
        scores[k] = round(float(silhouette_score(x[scored], labels, metric="cosine")), 4) if len(set(labels)) > 1 else -1.0
    best = max(candidates, key=lambda k: (scores[k], -k))
    tried = ", ".join(f"{k}: {s:.3f}" for k, s in scores.items())
    return best, f"k={best} has the best silhouette (cosine, on {len(scored)} passages) among k = {tried}", scores


Clustering = tuple[np.ndarray, np.ndarray, list[list[str]], int, str, dict]


def cluster(texts: list[str], vectors: np.ndarray, k: int | Literal["auto"]) -> Clustering:
    """Labels (−1 for outliers), unit centroids, label words, k, the reason for k, silhouettes."""
    n = len(vectors)
    if not (k == "auto" or 2 <= k <= n):
        raise ThemeError(f"-k {k} is out of range: give 2 to {n} themes for these {n} passages")
    if k == "auto" and n < 10:
        raise ThemeError(f"only {n} passages: too few for themes")
    sample = _sample(n)
    tree = linkage(vectors[sample].astype(np.float64), "ward")
    if k == "auto":
        k, reason, scores = choose_k(vectors[sample], tree)
    else:
        k = min(k, len(sample))
        reason, scores = f"k={k} was given", {}
    members = fcluster(tree, k, "maxclust") - 1
    k = int(members.max()) + 1
    centroids = np.stack([vectors[sample[members == c]].mean(axis=0) for c in range(k)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    labels = np.argmax(vectors @ centroids.T, axis=1).astype(np.int64)  # passages outside the sample: the nearest theme
    labels[sample] = members  # the sample keeps the tree's themes
    # order themes by size (then by their first member) so that ids are stable
    sizes = np.bincount(labels, minlength=k)
    first = np.array([np.flatnonzero(labels == c)[0] for c in range(k)])
    order = sorted(range(k), key=lambda c: (-sizes[c], first[c]))
    remap = np.empty(k, dtype=np.int64)
    remap[order] = np.arange(k)
    labels, centroids = remap[labels], centroids[order]
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
    return labels, centroids, terms, k, reason, scores


def find_themes(
    search: SearchIndex,
    filters: Filters = BODY,
    level: str = "paragraph",
    k: int | Literal["auto"] = "auto",
    by: By = "year",
) -> Themes:
    """Themes of the passages the filters select, with their shares per ``by`` group."""
    ids = search.allowed(level, filters)
    if ids.size == 0:
        raise ThemeError("no passages match these filters")
    rows = passage_rows(search, ids, by)
    keep = [i for i, r in enumerate(rows) if len(r[1]) >= MIN_CHARS]  # salutations (各位代表：) say nothing
    ids, rows = ids[keep], [rows[i] for i in keep]
    if ids.size == 0:
        raise ThemeError("no passages match these filters")
    vectors = search.vectors(level).vectors(ids)
    texts = [r[1] for r in rows]
    labels, centroids, terms, k, reason, scores = cluster(texts, vectors, k)
    groups = [str(r[2]) if r[2] is not None else "?" for r in rows]
    names = {r.id: r.label for r in search.catalogue.reports()}
    themes = [_theme(c, terms[c], labels, centroids, vectors, rows, names) for c in range(k)]
    sizes = _share(themes, labels, groups, by)
    return Themes(themes, by, list(sizes), k, reason, len(ids), int((labels < 0).sum()), sizes, scores, centroids, ids, labels)


def passage_rows(search: SearchIndex, ids: np.ndarray, by: str = "year") -> list[tuple]:
    """(id, text, group, report id, region, year, start, end) of each passage, in the order of ``ids``."""
    return search.catalogue.grouped_passages([int(i) for i in ids], by)


def _theme(c: int, words: list[str], labels, centroids, vectors, rows, names: dict[str, str]) -> Theme:
    members = np.flatnonzero(labels == c)
    closeness = vectors[members] @ centroids[c]
    best = members[np.argsort(-closeness, kind="stable")[:3]]
    reps = [Representative(int(rows[i][0]), rows[i][3], rows[i][4], rows[i][5], rows[i][1], rows[i][6], rows[i][7], names[rows[i][3]])
            for i in best]  # fmt: skip
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


def per_year_themes(search: SearchIndex, filters: Filters, level: str = "paragraph", k: int | Literal["auto"] = "auto",
                    link: float = 0.8) -> dict[str, Themes]:  # fmt: skip
    """Each year clustered on its own; each theme linked to the closest theme of the previous year."""
    years = search.catalogue.years()
    lo, hi = filters.years or (min(years, default=0), max(years, default=0))
    out: dict[str, Themes] = {}
    previous: np.ndarray | None = None
    for year in (y for y in years if lo <= y <= hi):
        f = Filters(**{**asdict(filters), "years": (year, year)})
        try:
            result = find_themes(search, f, level, k if k == "auto" else min(k, len(search.allowed(level, f))), "region")
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

