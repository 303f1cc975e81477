"""The faiss vector index of one passage level, with what it was built from.

Exact search (inner product over normalised vectors, i.e. cosine) is the default. The approximate
index is an inverted file (IVF) for large corpora; its recall against exact search is measured in
``benchmarks/bench_search.py``. Filters become a faiss ID selector, so they apply before ranking.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from semcomp.errors import SemcompError

Kind = Literal["exact", "approximate"]


class VectorIndexError(SemcompError):
    """A search index that is missing, damaged or built with another model."""


@dataclass(frozen=True)
class VectorMeta:
    model: str
    fingerprint: str
    dimension: int
    level: str
    kind: Kind
    nlist: int = 0
    nprobe: int = 0

    @classmethod
    def read(cls, folder: Path, level: str) -> VectorMeta:
        """The metadata of a level's vectors in a build folder."""
        path = _paths(folder, level)[1]
        try:
            return cls(**json.loads(path.read_text()))
        except FileNotFoundError:
            raise VectorIndexError(f"no {level} vectors in {folder} (run `semcomp index`)") from None
        except (OSError, ValueError, TypeError) as exc:
            raise VectorIndexError(f"{path} can't be read ({exc}): rebuild it with `semcomp index`") from None


def _paths(folder: Path, level: str) -> tuple[Path, Path]:
    return folder / f"vectors-{level}.faiss", folder / f"vectors-{level}.json"


class VectorIndex:
    def __init__(self, index: faiss.Index, meta: VectorMeta) -> None:
        self.index = index
        self.meta = meta

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, meta: VectorMeta, min_approximate: int = 1000) -> VectorIndex:
        """An exact index, or an IVF one when asked for and there are at least ``min_approximate`` vectors."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        d = vectors.shape[1]
        if meta.kind == "approximate" and len(ids) >= min_approximate:
            nlist = max(2, min(int(4 * math.sqrt(len(ids))), len(ids) // 39))  # faiss wants ~39 training points per list
            index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT)
            index.train(vectors)
            index.nprobe = min(nlist, 16)
            index.add_with_ids(vectors, ids)
            index.set_direct_map_type(faiss.DirectMap.Hashtable)  # reconstruct by passage id
            meta = VectorMeta(**{**asdict(meta), "nlist": nlist, "nprobe": index.nprobe})
        else:
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(d))
            index.add_with_ids(vectors, ids)
            meta = VectorMeta(**{**asdict(meta), "kind": "exact"})
        return cls(index, meta)

    def save(self, folder: Path) -> list[str]:
        """Write the index into a build folder (see ``published``); returns the file names."""
        index_path, meta_path = _paths(folder, self.meta.level)
        faiss.write_index(self.index, str(index_path))
        meta_path.write_text(json.dumps(asdict(self.meta), indent=2))
        return [index_path.name, meta_path.name]

    @classmethod
    def load(cls, folder: Path, level: str) -> VectorIndex:
        index_path = _paths(folder, level)[0]
        if not index_path.is_file():
            raise VectorIndexError(f"no {level} vectors in {folder} (run `semcomp index`)")
        meta = VectorMeta.read(folder, level)
        try:
            index = faiss.read_index(str(index_path))
        except (ValueError, TypeError, RuntimeError, MemoryError) as exc:
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise VectorIndexError(f"{index_path} can't be read ({first}): rebuild it with `semcomp index`") from None
        if isinstance(index, faiss.IndexIVF):
            index.nprobe = meta.nprobe
        return cls(index, meta)

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
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            if isinstance(self.index, faiss.IndexIVF):
                # a selective filter leaves few vectors per list: probe them all, which is exact
                nprobe = self.index.nlist if len(allowed) < self.index.ntotal // 10 else self.index.nprobe
                params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
            else:
                params = faiss.SearchParameters(sel=selector)
        scores, ids = self.index.search(q, k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return self.index.reconstruct_batch(np.ascontiguousarray(ids, dtype=np.int64))
