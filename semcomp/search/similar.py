"""``similar``: passages closest to a query, dense, lexical or both, with filters applied first.

A search reads one published build of the index (see ``index.published``). When the catalogue has
changed since that build, it still answers from it and says so (``stale``): every hit is a passage
that the build indexed and that is still in the catalogue, with exactly the text that was indexed,
because passage ids are never reused.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Literal, cast

import numpy as np

from semcomp.embed.encoder import Encoder, Precision
from semcomp.embed.models import ModelError, ModelRef, resolve_model
from semcomp.errors import SemcompError
from semcomp.index.lexical import LexicalIndex
from semcomp.index.published import Build
from semcomp.index.vectors import VectorIndex, VectorMeta
from semcomp.model import Granularity, json_fields
from semcomp.search import Mode, fusion
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import DEFAULT_KINDS, Filters
from semcomp.store.records import PassageRow
from semcomp.text.report_names import report_label

__all__ = ["DEFAULT_KINDS", "Filters", "Hit", "SearchError", "SearchIndex"]

CANDIDATES = 100  # per signal, before fusion
MAX_QUERY_CHARS = 2000  # a passage, not a report: longer queries took minutes to segment and encode
MAX_K = 10_000


class SearchError(SemcompError):
    """A search that can't run: bad query, unknown region, missing or mismatched index."""


@dataclass(frozen=True)
class Hit(PassageRow):
    """A passage found, with its scores."""

    passage_id: int
    score: float
    dense: float | None
    lexical: float | None
    matched: list[str] = field(default_factory=list)
    hits_in_report: int = 1
    label: str = ""  # the report's readable name: 官渡区 2023 上半年执行情况

    def to_dict(self) -> dict:
        """The JSON of a hit: its id and scores first, then the passage's fields."""
        fields = json_fields(self)
        return {k: fields.pop(k) for k in _FIRST} | fields


_FIRST = ("passage_id", "score", "dense", "lexical")


class SearchIndex:
    """A named index opened for searching. The model is loaded on the first query that needs it."""

    def __init__(self, name: str = "default", root: Path | str | None = None, model: str | None = None, warm: bool = False) -> None:
        """``warm``: load the query encoder up front (about 1 s), so that each later query costs only its
        arithmetic; for notebooks, servers and long query files. A query never needs torch."""
        self._open(Catalogue.open(name, root), model, warm)

    @classmethod
    def over(cls, catalogue: Catalogue, model: str | None = None, warm: bool = False) -> SearchIndex:
        """The search of the index that holds ``catalogue``, reading through that same catalogue: how the
        analyses that read vectors (themes, the site, the server) get them from the one handle they take."""
        search = cls.__new__(cls)
        search._open(catalogue, model, warm)
        return search

    def _open(self, catalogue: Catalogue, model: str | None, warm: bool) -> None:
        self.catalogue = catalogue
        self.folder = catalogue.folder
        self.name = catalogue.index_name
        self._model_name = model
        self._vectors: dict[str, VectorIndex] = {}
        self._lexical: dict[str, LexicalIndex] = {}
        self.stale: set[str] = set()  # granularities whose build is older than the catalogue
        self._checked: set[str] = set()
        if warm:
            self.encoder.warm_up()

    # loading ---------------------------------------------------------------------------------

    @cached_property
    def build(self) -> Build:
        """The build this search reads, fixed for its lifetime: both granularities come from the same one."""
        return Build.current(self.folder)

    def _check(self, granularity: Granularity) -> None:
        """Verify a granularity's files and note whether it is older than the catalogue, once per granularity."""
        if granularity in self._checked:
            return
        self.build.verify(granularity)
        if self.build.state(granularity) != self.catalogue.state():
            self.stale.add(granularity)
        self._checked.add(granularity)

    @property
    def staleness(self) -> str | None:
        """A line for the user when answers come from a build older than the catalogue."""
        if not self.stale:
            return None
        return (
            f"index '{self.name}' was built before the latest changes to its catalogue; these answers leave out"
            f" what changed since (run `semcomp index -i {self.name}`)"
        )

    def vectors(self, granularity: Granularity) -> VectorIndex:
        if granularity not in self._vectors:
            self._check(granularity)
            self._vectors[granularity] = VectorIndex.load(self.build.folder, granularity)
        return self._vectors[granularity]

    def lexical(self, granularity: Granularity) -> LexicalIndex:
        if granularity not in self._lexical:
            self._check(granularity)
            self._lexical[granularity] = LexicalIndex.load(self.build.folder, granularity)
        return self._lexical[granularity]

    @cached_property
    def meta(self) -> VectorMeta:
        """What the vectors were built with (model, precision), from whichever granularity was loaded first."""
        return next(iter(self._vectors.values())).meta if self._vectors else self.vectors("paragraph").meta

    @cached_property
    def model(self) -> ModelRef:
        meta = self.meta
        try:
            ref = resolve_model(self._model_name or meta.model, prepare_missing=True)
        except ModelError as exc:
            raise SearchError(f"{exc} (index '{self.name}' was built with '{meta.model}')") from None
        if ref.fingerprint != meta.fingerprint:
            raise SearchError(
                f"index '{self.name}' was built with model '{meta.model}' ({meta.fingerprint[:12]}), "
                f"not '{ref.name}' ({ref.fingerprint[:12]}): rebuild with `semcomp index -i {self.name} --model {ref.name}`"
            )
        return ref

    @cached_property
    def encoder(self) -> Encoder:
        """Passages this index's analyses encode (summaries, comparisons) take the precision of its build where
        this machine runs it (float16 needs a GPU)."""
        precision = self.meta.precision
        return Encoder(self.model, precision=cast("Precision", precision) if precision in ("float32", "bfloat16") else "auto")

    # filtering -------------------------------------------------------------------------------

    @cache  # noqa: B019 - one SearchIndex per process; filters are few
    def allowed(self, granularity: Granularity, filters: Filters) -> np.ndarray:
        """Sorted ids of the passages that pass the filters and that the build indexed."""
        if filters.region and not self.catalogue.has_region(filters.region):
            raise SearchError(f"no report from a region matching '{filters.region}' (see `semcomp reports`)")
        ids = np.asarray(self.catalogue.passage_ids(granularity, filters), dtype=np.int64)
        self._check(granularity)
        if granularity in self.stale:  # passages added since the build have no vectors or terms yet
            ids = np.intersect1d(ids, self.lexical(granularity).ids, assume_unique=True)
        return ids

    @cache  # noqa: B019 - as above
    def _lexical_rows(self, granularity: Granularity, filters: Filters) -> np.ndarray:
        return self.lexical(granularity).rows(self.allowed(granularity, filters))

    # searching -------------------------------------------------------------------------------

    def passage_text(self, passage_id: int) -> tuple[str, str]:
        row = self.catalogue.passage(passage_id)
        if row is None:
            raise SearchError(f"no passage {passage_id} in index '{self.name}'")
        return row.text, row.granularity

    def similar(
        self,
        query: str | None = None,
        *,
        like: int | None = None,
        k: int = 10,
        granularity: Granularity = "paragraph",
        mode: Mode = "hybrid",
        filters: Filters = Filters(),
        group_by_report: bool = False,
        dense_weight: float = fusion.DENSE_WEIGHT,
        fuse: Literal["weighted", "rrf"] = "weighted",
    ) -> list[Hit]:
        """The ``k`` best passages for a query text, or for a stored passage (``like``)."""
        like_granularity = None
        if like is not None:
            query, like_granularity = self.passage_text(like)
        if not query or not any(ch.isalnum() for ch in query):  # zero-width characters and punctuation say nothing
            raise SearchError("the query is empty: it holds no word or number")
        query = query.strip()
        if len(query) > MAX_QUERY_CHARS and like is None:
            raise SearchError(f"the query has {len(query):,} characters; the limit is {MAX_QUERY_CHARS:,} (a passage, not a report)")
        if not 1 <= k <= MAX_K:
            raise SearchError(f"-k must be between 1 and {MAX_K:,}")
        allowed = self.allowed(granularity, filters)
        rows = self._lexical_rows(granularity, filters) if mode != "dense" else None
        if like is not None:
            keep = allowed != like
            allowed = allowed[keep]
            rows = rows[keep] if rows is not None else None
        if allowed.size == 0:
            return []
        depth = max(CANDIDATES, k * (10 if group_by_report else 3))
        lexical = self.lexical(granularity)
        terms = lexical.query_terms(query)  # segmented once: scores, ceiling and highlighting share them
        lex_all = lexical.scores(terms) if mode != "dense" else None
        candidates: np.ndarray = np.empty(0, np.int64)
        if lex_all is not None:
            scores = lex_all[rows]
            top = np.argsort(-scores, kind="stable")[:depth]
            top = top[scores[top] > 0]
            candidates = allowed[top]
        dense_scores: dict[int, float] = {}
        if mode != "lexical":
            vectors = self.vectors(granularity)
            indexed = like is not None and like_granularity == granularity and lexical.has(like)
            qvec = vectors.vectors(np.array([like]))[0] if indexed else self.encoder.query(query)
            ids, scores = vectors.search(qvec, depth, allowed)
            dense_scores = dict(zip(ids.tolist(), scores.tolist(), strict=True))
            extra = np.setdiff1d(candidates, ids)
            if extra.size:
                dense_scores.update(zip(extra.tolist(), (vectors.vectors(extra) @ qvec).tolist(), strict=True))
            candidates = np.union1d(candidates, ids)
        if candidates.size == 0:
            return []
        lex = lex_all[lexical.rows(candidates)] if lex_all is not None else np.zeros(len(candidates), np.float32)
        dense = np.array([dense_scores.get(int(c), 0.0) for c in candidates], dtype=np.float32)
        if mode == "dense":
            final = dense
        elif mode == "lexical":
            final = lex
        elif fuse == "rrf":
            final = fusion.reciprocal_rank(dense, lex)
        else:
            final = fusion.weighted(dense, lex, dense_weight, lexical.ceiling(terms))
        order = np.lexsort((candidates, -final))
        passages = self.catalogue.passage_rows(candidates.tolist())
        hits: list[Hit] = []
        per_report: Counter[str] = Counter()
        for i in order:
            pid = int(candidates[i])
            if pid not in passages:  # removed from the catalogue since the build
                continue
            if group_by_report:
                rid = passages[pid].report_id
                per_report[rid] += 1
                if per_report[rid] > 1:
                    continue
            if len(hits) < k:
                hits.append(_hit(pid, passages[pid], float(final[i]), dense_scores.get(pid) if mode != "lexical" else None,
                                 float(lex[i]) if mode != "dense" else None, terms))  # fmt: skip
            elif not group_by_report:
                break
        return [replace(h, hits_in_report=per_report[h.report_id]) for h in hits] if group_by_report else hits



def _hit(pid: int, row: PassageRow, score: float, dense: float | None, lexical: float | None, terms: list[str]) -> Hit:
    matched = [t for t in terms if t in row.text]
    # a bigram inside a matched longer word adds nothing to show
    matched = [t for t in matched if not any(t != o and t in o for o in matched)]
    return Hit(**vars(row), passage_id=pid, score=score, dense=dense, lexical=lexical, matched=matched,
               label=report_label(row.region, None, row.year, row.report_type))  # fmt: skip
