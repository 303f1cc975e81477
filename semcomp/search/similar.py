"""``similar``: passages closest to a query, dense, lexical or both, with filters applied first."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import numpy as np

from semcomp.embed.encoder import Encoder
from semcomp.embed.models import ModelError, ModelRef, resolve
from semcomp.index.build import catalogue_state
from semcomp.index.lexical import LexicalIndex
from semcomp.index.vectors import VectorIndex, VectorIndexError
from semcomp.search import fusion
from semcomp.store.catalogue import Catalogue, index_dir

Mode = Literal["hybrid", "dense", "lexical"]
DEFAULT_KINDS = ("body", "table")
CANDIDATES = 100  # per signal, before fusion


class SearchError(RuntimeError):
    """A search that can't run: bad query, unknown region, missing or mismatched index."""


@dataclass(frozen=True)
class Filters:
    """Restrictions applied before ranking."""

    years: tuple[int, int] | None = None
    region: str | None = None  # any part of the region path: 保定, 河北省保定市, 唐县
    report_type: str | None = None
    part: str | None = None  # review | plan
    kinds: tuple[str, ...] = DEFAULT_KINDS
    reports: tuple[str, ...] = ()  # report ids


@dataclass
class Hit:
    passage_id: int
    score: float
    dense: float | None
    lexical: float | None
    report_id: str
    title: str | None
    region: str | None
    year: int | None
    report_type: str | None
    section_path: str
    section_title: str | None
    level: str
    kind: str
    part: str
    text: str
    start: int
    end: int
    matched: list[str] = field(default_factory=list)
    hits_in_report: int = 1

    def to_dict(self) -> dict:
        return asdict(self)


def parse_years(spec: str | None) -> tuple[int, int] | None:
    """``2021``, ``2019-2022`` or ``2019:2022`` (either end may be left open)."""
    if not spec:
        return None
    for sep in ("-", ":", "..", "–"):
        if sep in spec:
            lo, hi = spec.split(sep, 1)
            break
    else:
        lo = hi = spec
    try:
        return (int(lo) if lo.strip() else 0, int(hi) if hi.strip() else 9999)
    except ValueError:
        raise SearchError(f"--year takes a year or a range like 2019-2022, not '{spec}'") from None


class SearchIndex:
    """A named index opened for searching. The model is loaded on the first query that needs it."""

    def __init__(self, name: str = "default", root: Path | str | None = None, model: str | None = None, warm: bool = False) -> None:
        """``warm``: load the full model up front (about 8 s), which halves the time of each later
        query; for notebooks, servers and long query files. Otherwise a query needs no torch."""
        self.folder = index_dir(name, root)
        self.catalogue = Catalogue.open(name, root)
        self.name = name
        self._model_name = model
        self._vectors: dict[str, VectorIndex] = {}
        self._lexical: dict[str, LexicalIndex] = {}
        if warm:
            _ = self.encoder.st

    # loading ---------------------------------------------------------------------------------

    def vectors(self, level: str) -> VectorIndex:
        if level not in self._vectors:
            index = VectorIndex.load(self.folder, level)
            if (index.meta.count, index.meta.max_id) != catalogue_state(self.catalogue, level):
                raise VectorIndexError(f"index '{self.name}' is older than its catalogue: run `semcomp index -i {self.name}`")
            self._vectors[level] = index
        return self._vectors[level]

    def lexical(self, level: str) -> LexicalIndex:
        if level not in self._lexical:
            self.vectors(level)  # the same staleness check
            self._lexical[level] = LexicalIndex.load(self.folder, level)
        return self._lexical[level]

    @cached_property
    def model(self) -> ModelRef:
        meta = next(iter(self._vectors.values())).meta if self._vectors else self.vectors("paragraph").meta
        try:
            ref = resolve(self._model_name or meta.model, prepare_missing=True)
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
        return Encoder(self.model)

    # filtering -------------------------------------------------------------------------------

    @cache  # noqa: B019 - one SearchIndex per process; filters are few
    def allowed(self, level: str, filters: Filters) -> np.ndarray:
        sql = ["SELECT p.id FROM passages p JOIN reports r ON r.id = p.report_id WHERE p.level = ?"]
        args: list = [level]
        if filters.kinds:
            sql.append(f"AND p.kind IN ({','.join('?' * len(filters.kinds))})")
            args += filters.kinds
        if filters.years:
            sql.append("AND r.year BETWEEN ? AND ?")
            args += filters.years
        if filters.region:
            if not self.catalogue.db.execute("SELECT 1 FROM reports WHERE region LIKE ?", (f"%{filters.region}%",)).fetchone():
                raise SearchError(f"no report from a region matching '{filters.region}' (see `semcomp reports`)")
            sql.append("AND r.region LIKE ?")
            args.append(f"%{filters.region}%")
        if filters.report_type:
            sql.append("AND r.report_type LIKE ?")
            args.append(f"%{filters.report_type}%")
        if filters.part:
            sql.append("AND p.part = ?")
            args.append(filters.part)
        if filters.reports:
            sql.append(f"AND p.report_id IN ({','.join('?' * len(filters.reports))})")
            args += filters.reports
        return np.sort(np.fromiter((r[0] for r in self.catalogue.db.execute(" ".join(sql), args)), dtype=np.int64))

    @cache  # noqa: B019 - as above
    def _lexical_rows(self, level: str, filters: Filters) -> np.ndarray:
        return self.lexical(level).rows(self.allowed(level, filters))

    # searching -------------------------------------------------------------------------------

    def passage_text(self, passage_id: int) -> tuple[str, str]:
        row = self.catalogue.db.execute("SELECT text, level FROM passages WHERE id = ?", (passage_id,)).fetchone()
        if row is None:
            raise SearchError(f"no passage {passage_id} in index '{self.name}'")
        return row[0], row[1]

    def similar(
        self,
        query: str | None = None,
        *,
        like: int | None = None,
        k: int = 10,
        level: str = "paragraph",
        mode: Mode = "hybrid",
        filters: Filters = Filters(),
        group_by_report: bool = False,
        dense_weight: float = fusion.DENSE_WEIGHT,
        fuse: Literal["weighted", "rrf"] = "weighted",
    ) -> list[Hit]:
        """The ``k`` best passages for a query text, or for a stored passage (``like``)."""
        like_level = None
        if like is not None:
            query, like_level = self.passage_text(like)
        if not query or not query.strip():
            raise SearchError("the query is empty")
        if k < 1:
            raise SearchError("-k must be at least 1")
        query = query.strip()
        allowed = self.allowed(level, filters)
        rows = self._lexical_rows(level, filters) if mode != "dense" else None
        if like is not None:
            keep = allowed != like
            allowed = allowed[keep]
            rows = rows[keep] if rows is not None else None
        if allowed.size == 0:
            return []
        depth = max(CANDIDATES, k * (10 if group_by_report else 3))
        lexical = self.lexical(level)
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
            vectors = self.vectors(level)
            qvec = vectors.vectors(np.array([like]))[0] if like_level == level else self.encoder.query(query)
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
        hits: list[Hit] = []
        per_report: dict[str, Hit] = {}
        for i in order:
            hit = self._hit(int(candidates[i]), float(final[i]), dense_scores.get(int(candidates[i])) if mode != "lexical" else None,
                            float(lex[i]) if mode != "dense" else None, terms)  # fmt: skip
            if group_by_report:
                if hit.report_id in per_report:
                    per_report[hit.report_id].hits_in_report += 1
                    continue
                per_report[hit.report_id] = hit
            if len(hits) < k:
                hits.append(hit)
            elif not group_by_report:
                break
        return hits

    def _hit(self, pid: int, score: float, dense: float | None, lexical: float | None, terms: list[str]) -> Hit:
        row = self.catalogue.db.execute(
            "SELECT p.report_id, r.title, r.region, r.year, r.report_type, p.section_path, s.title, p.level, p.kind, p.part,"
            ' p.text, p.start, p."end" FROM passages p JOIN reports r ON r.id = p.report_id'
            " LEFT JOIN sections s ON s.report_id = p.report_id AND s.path = p.section_path WHERE p.id = ?",
            (pid,),
        ).fetchone()
        text = row[10]
        matched = [t for t in terms if t in text]
        # a bigram inside a matched longer word adds nothing to show
        matched = [t for t in matched if not any(t != o and t in o for o in matched)]
        return Hit(pid, score, dense, lexical, *row, matched=matched)
