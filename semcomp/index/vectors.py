"""The faiss vector index of one passage granularity, with what it was built from.

The kind of index follows the size of the corpus and the machine's memory (``choose_kind``): exact
search (inner product over normalised vectors, i.e. cosine) up to ``FLAT_MAX`` vectors, then an
inverted file (IVF) over full vectors while they fit in a share of memory, then over 8-bit
scalar-quantised vectors (IVF-SQ, a byte a dimension), then over product-quantisation codes (IVF-PQ,
96 bytes a vector; at 10M near-duplicate passages its recall fell to 0.3, so it comes last). HNSW
is there for whoever asks for it. Approximate kinds are tuned at build time: the number of lists
probed (or HNSW's search breadth) grows until recall@10 against exact search, on points between
three passages of the corpus used as queries (see ``tune``), reaches ``TARGET_RECALL``; the recall
reached is recorded and printed. Filters become a faiss ID selector, so they apply before ranking.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from semcomp.errors import SemcompError
from semcomp.index.kinds import choose_kind
from semcomp.model import Granularity

TARGET_RECALL = 0.98
PLATEAU = 0.005  # a doubling of the depth that gains less recall than this stops the tuning
SAMPLE_QUERIES = 200
MAX_LISTS = 4096  # adding costs a distance to every list: more lists stop paying off on two cores
PQ_BYTES = 96  # sub-quantisers of 8 bits: 4 dimensions each for e5-small's 384
_LEGACY = {"exact": "flat", "approximate": "ivf"}  # kinds recorded by earlier builds


class VectorIndexError(SemcompError):
    """A search index that is missing, damaged or built with another model."""


@dataclass(frozen=True)
class VectorMeta:
    model: str
    fingerprint: str
    dimension: int
    granularity: Granularity
    kind: str  # a VectorKind; "auto" is resolved at build time
    nlist: int = 0
    nprobe: int = 0  # IVF lists probed, or HNSW's efSearch
    recall: float | None = None  # measured recall@10 against exact search (approximate kinds)
    precision: str = ""  # what the passages were encoded in (``Encoder.precision``); empty in builds before it was recorded
    device: str = ""  # cpu or cuda

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _LEGACY.get(self.kind, self.kind))

    @classmethod
    def read(cls, folder: Path, granularity: Granularity) -> VectorMeta:
        """The metadata of a granularity's vectors in a build folder."""
        path = _paths(folder, granularity)[1]
        try:
            fields = json.loads(path.read_text())
            if "level" in fields:  # builds before the field was renamed
                fields["granularity"] = fields.pop("level")
            return cls(**fields)
        except FileNotFoundError:
            raise VectorIndexError(f"no {granularity} vectors in {folder} (run `semcomp index`)") from None
        except (OSError, ValueError, TypeError) as exc:
            raise VectorIndexError(f"{path} can't be read ({exc}): rebuild it with `semcomp index`") from None

    def describe(self) -> str:
        """One line for the user: the kind, its settings and its measured recall."""
        if self.kind == "flat":
            return "exact (flat)"
        setting = f"efSearch {self.nprobe}" if self.kind == "hnsw" else f"{self.nlist} lists, {self.nprobe} probed"
        recall = f", recall@10 {self.recall:.3f} against exact" if self.recall is not None else ""
        return f"{self.kind.upper()} ({setting}{recall})"


def _paths(folder: Path, granularity: Granularity) -> tuple[Path, Path]:
    return folder / f"vectors-{granularity}.faiss", folder / f"vectors-{granularity}.json"


def _batches(n: int, size: int = 100_000):
    return ((i, min(i + size, n)) for i in range(0, n, size))


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row numbers of the ``k`` best vectors for each query, by brute force in blocks (any size, memory-mapped too)."""
    best_s = np.full((len(queries), 0), -np.inf, np.float32)
    best_i = np.zeros((len(queries), 0), np.int64)
    for a, b in _batches(len(vectors), 200_000):
        s = queries @ np.asarray(vectors[a:b], dtype=np.float32).T
        top = np.argpartition(-s, min(k, b - a) - 1, axis=1)[:, :k]
        best_s = np.concatenate([best_s, np.take_along_axis(s, top, 1)], 1)
        best_i = np.concatenate([best_i, top + a], 1)
        keep = np.argsort(-best_s, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(best_s, keep, 1), np.take_along_axis(best_i, keep, 1)
    return best_i


class VectorIndex:
    def __init__(self, index: faiss.Index, meta: VectorMeta) -> None:
        self.index: Any = index  # faiss's annotations miss what each kind of index adds (nprobe, nlist, hnsw)
        self.meta = meta

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, meta: VectorMeta, min_approximate: int = 1000, seed: int = 0) -> VectorIndex:
        """The index of ``meta.kind`` ("auto": chosen by size) over the vectors, tuned to ``TARGET_RECALL``.

        ``vectors`` may be memory-mapped: they are read in blocks."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        n, d = len(ids), vectors.shape[1]
        kind = choose_kind(n, d) if meta.kind == "auto" else meta.kind
        if kind != "flat" and n < min_approximate:  # too few to train on, and exact is instant
            kind = "flat"
        rng = np.random.default_rng(seed)
        nlist = 0
        index: Any  # as above
        if kind == "flat":
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(d))
        elif kind == "hnsw":
            graph = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
            graph.hnsw.efConstruction = 80
            index = faiss.IndexIDMap2(graph)
        else:
            nlist = max(2, min(int(4 * math.sqrt(n)), n // 39, MAX_LISTS))  # faiss wants ~39 training points per list
            quantizer = faiss.IndexFlatIP(d)
            if kind == "ivf":
                index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
            elif kind == "ivfsq":
                index = faiss.IndexIVFScalarQuantizer(quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
            else:
                m = next(m for m in range(min(PQ_BYTES, d), 0, -1) if d % m == 0)  # sub-quantisers must divide d
                index = faiss.IndexIVFPQ(quantizer, d, nlist, m, 8, faiss.METRIC_INNER_PRODUCT)
            train = np.sort(rng.choice(n, size=min(n, 40 * nlist), replace=False))
            index.train(np.ascontiguousarray(vectors[train], dtype=np.float32))
            index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]  # reconstruct and remove by passage id
        for a, b in _batches(n):
            index.add_with_ids(np.ascontiguousarray(vectors[a:b], dtype=np.float32), ids[a:b])
        built = cls(index, replace(meta, kind=kind, nlist=nlist, nprobe=0, recall=None))
        if kind != "flat":
            built.tune(ids, vectors, rng)
        return built

    def tune(self, ids: np.ndarray, vectors: np.ndarray, rng: np.random.Generator) -> None:
        """Probe more lists (or search wider) until recall@10 against exact search reaches the target.

        The probes are normalised means of three random passages. A real query lies between passages,
        not on one, and its neighbours spread over many lists: on the bundled corpus (535 lists) the
        recall of 20 real queries stayed at or above that of such points at every depth (0.965 against
        0.957 at 128 lists, 0.995 against 0.980 at 256), while passages used as queries overstated it."""
        picks = np.sort(rng.choice(len(ids), size=(min(SAMPLE_QUERIES, len(ids)), 3)), axis=0)
        queries = sum(np.asarray(vectors[picks[:, j]], np.float32) for j in range(3))
        queries = np.ascontiguousarray(queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12))
        top = exact_top(vectors, queries, 10)
        tenth = np.einsum("ij,ij->i", np.asarray(vectors[top[:, -1]], np.float32), queries)
        order = np.argsort(ids)
        probe, limit = (32, 1024) if self.meta.kind == "hnsw" else (8, self.meta.nlist)
        seen: list[tuple[int, float]] = []  # (depth, recall) of each step
        while True:
            probe = min(probe, limit)
            self._set_probe(probe)
            found = self.index.search(queries, 10)[1]
            # a hit counts when its exact score reaches the tenth best: passages repeated word for word
            # have equal vectors, and which of them makes the ten is a toss-up, not a miss
            rows = order[np.clip(np.searchsorted(ids, found, sorter=order), 0, len(ids) - 1)]
            exact = np.einsum("qkd,qd->qk", np.asarray(vectors[rows.ravel()], np.float32).reshape(*rows.shape, -1), queries)
            seen.append((probe, float(np.mean(((exact >= tenth[:, None] - 1e-5) & (found >= 0)).sum(1) / 10))))
            flat = len(seen) > 1 and seen[-1][1] < seen[-2][1] + PLATEAU  # deeper no longer helps: quantisation caps it
            if seen[-1][1] >= TARGET_RECALL or probe >= limit or flat:
                break
            probe *= 2
        best = max(recall for _, recall in seen)
        if best < TARGET_RECALL:  # short of the target: the shallowest depth that comes within PLATEAU of the best
            probe, recall = next((p, r) for p, r in seen if r >= best - PLATEAU)
        else:
            probe, recall = seen[-1]
        self._set_probe(probe)
        self.meta = replace(self.meta, nprobe=probe, recall=round(recall, 4))

    def _set_probe(self, probe: int) -> None:
        if self.meta.kind == "hnsw":
            graph: Any = faiss.downcast_index(self.index.index)  # an IndexHNSWFlat
            graph.hnsw.efSearch = probe
        elif self.meta.kind in ("ivf", "ivfsq", "ivfpq"):
            self.index.nprobe = probe

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add passages to the index as it stands (an IVF keeps its trained lists)."""
        for a, b in _batches(len(ids)):
            self.index.add_with_ids(np.ascontiguousarray(vectors[a:b], dtype=np.float32), np.ascontiguousarray(ids[a:b], dtype=np.int64))

    def remove(self, ids: np.ndarray) -> bool:
        """Remove passages; False when this kind can't (HNSW), and the index must be rebuilt instead."""
        if self.meta.kind == "hnsw":
            return False
        self.index.remove_ids(faiss.IDSelectorBatch(np.ascontiguousarray(ids, dtype=np.int64)))
        return True

    def save(self, folder: Path) -> list[str]:
        """Write the index into a build folder (see ``published``); returns the file names."""
        index_path, meta_path = _paths(folder, self.meta.granularity)
        faiss.write_index(self.index, str(index_path))
        meta_path.write_text(json.dumps(asdict(self.meta), indent=2))
        return [index_path.name, meta_path.name]

    @classmethod
    def load(cls, folder: Path, granularity: Granularity) -> VectorIndex:
        index_path = _paths(folder, granularity)[0]
        if not index_path.is_file():
            raise VectorIndexError(f"no {granularity} vectors in {folder} (run `semcomp index`)")
        meta = VectorMeta.read(folder, granularity)
        try:
            index = faiss.read_index(str(index_path))
        except (ValueError, TypeError, RuntimeError, MemoryError) as exc:
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise VectorIndexError(f"{index_path} can't be read ({first}): rebuild it with `semcomp index`") from None
        loaded = cls(index, meta)
        loaded._set_probe(meta.nprobe)
        return loaded

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (ids, scores), restricted to ``allowed`` ids (sorted) when given."""
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        k = min(k, self.index.ntotal if allowed is None else len(allowed))
        if k <= 0:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        if allowed is not None and len(allowed) >= self.index.ntotal // 3:
            # a loose filter: search a little deeper without it and drop what it excludes, which
            # avoids a per-vector selector test; fall through to the selector when too few remain
            ids, scores = self.search(q, min(self.index.ntotal, int(k * 2 * self.index.ntotal / len(allowed)) + 1))
            pos = np.minimum(np.searchsorted(allowed, ids), len(allowed) - 1)
            keep = allowed[pos] == ids
            if keep.sum() >= k:
                return ids[keep][:k], scores[keep][:k]
        if allowed is not None and self.meta.kind == "hnsw" and len(allowed) < self.index.ntotal // 10:
            # a graph walk that may only step on a few nodes loses its way: score those few directly
            scores = self.vectors(allowed) @ q[0]
            top = np.argsort(-scores, kind="stable")[:k]
            return allowed[top], scores[top]
        params: faiss.SearchParameters | None = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            if isinstance(self.index, faiss.IndexIVF):
                # a selective filter leaves few vectors per list: probe them all, which is exact
                nprobe = self.index.nlist if len(allowed) < self.index.ntotal // 10 else self.index.nprobe
                params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)  # type: ignore[call-arg]  # SWIG takes keywords
            else:
                params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        scores, ids = self.index.search(q, k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return self.index.reconstruct_batch(np.ascontiguousarray(ids, dtype=np.int64))
