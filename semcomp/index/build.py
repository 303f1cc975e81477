"""Embed every passage of a catalogue and write its vector and lexical indexes."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from semcomp.embed.encoder import Encoder
from semcomp.index.cache import EmbeddingCache, text_key
from semcomp.index.lexical import LexicalIndex
from semcomp.index.vectors import Kind, VectorIndex, VectorMeta
from semcomp.store.catalogue import Catalogue

LEVELS = ("paragraph", "sentence")
CHUNK = 256  # passages encoded between cache writes, so an interrupted run keeps its work


@dataclass
class LevelSummary:
    level: str
    passages: int
    encoded: int
    cached: int
    windowed: int
    seconds: float


Progress = Callable[[str, int, int], None]  # (what, advance, total)


def catalogue_state(catalogue: Catalogue, level: str) -> tuple[int, int]:
    """(count, max id) of a level's passages: changes whenever reports are added, replaced or removed."""
    count, max_id = catalogue.db.execute("SELECT count(*), coalesce(max(id), 0) FROM passages WHERE level = ?", (level,)).fetchone()
    return int(count), int(max_id)


def embed_passages(
    texts: Sequence[str], encoder: Encoder, cache: EmbeddingCache, on_progress: Progress | None = None, label: str = ""
) -> tuple[np.ndarray, int, int]:
    """Vectors for the texts, from the cache where possible. Returns (vectors, encoded, windowed)."""
    keys = [text_key(t, "passage") for t in texts]
    found = cache.get(keys)
    missing = [i for i, k in enumerate(keys) if k not in found]
    total = len(texts)
    if on_progress:
        on_progress(label, total - len(missing), total)
    windowed = 0
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        result = encoder.encode([texts[i] for i in chunk], on_progress=(lambda n: on_progress(label, n, total)) if on_progress else None)
        windowed += result.windowed
        cache.put((keys[i], v) for i, v in zip(chunk, result.vectors, strict=True))
        found.update((keys[i], v) for i, v in zip(chunk, result.vectors, strict=True))
    vectors = np.stack([found[k] for k in keys]) if keys else np.zeros((0, encoder.dimension), np.float32)
    return vectors, len(missing), windowed


def cached_vectors(texts: Sequence[str], encoder: Encoder, root: Path | str | None = None) -> np.ndarray:
    """Vectors of a few texts through the shared cache (for summaries and comparisons)."""
    cache = EmbeddingCache(encoder.model.fingerprint, encoder.dimension, root)
    try:
        return embed_passages(texts, encoder, cache)[0]
    finally:
        cache.close()


def build_index(
    catalogue: Catalogue,
    folder: Path,
    encoder: Encoder,
    levels: Sequence[str] = LEVELS,
    kind: Kind = "exact",
    on_progress: Progress | None = None,
) -> list[LevelSummary]:
    cache = EmbeddingCache(encoder.model.fingerprint, encoder.dimension, folder.parent)
    summaries = []
    try:
        for level in levels:
            began = time.perf_counter()
            rows = catalogue.db.execute("SELECT id, text FROM passages WHERE level = ? ORDER BY id", (level,)).fetchall()
            ids = [r[0] for r in rows]
            texts = [r[1] for r in rows]
            vectors, encoded, windowed = embed_passages(texts, encoder, cache, on_progress, f"embedding {level}s")
            count, max_id = catalogue_state(catalogue, level)
            meta = VectorMeta(
                model=encoder.model.name,
                fingerprint=encoder.model.fingerprint,
                dimension=encoder.dimension,
                level=level,
                count=count,
                max_id=max_id,
                kind=kind,
            )
            if ids:
                VectorIndex.build(np.asarray(ids), vectors, meta).save(folder)
                label, total = f"terms of {level}s", len(ids)
                tick = (lambda n, label=label, total=total: on_progress(label, n, total)) if on_progress else None
                LexicalIndex.build(ids, texts, tick).save(folder, level)
            summaries.append(LevelSummary(level, len(ids), encoded, len(ids) - encoded, windowed, time.perf_counter() - began))
    finally:
        cache.close()
    return summaries
