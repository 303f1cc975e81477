"""Embed every passage of a catalogue and publish its vector and lexical indexes as one build.

One build at a time per index (a lock file): a second ``semcomp index`` waits, then finds every
embedding in the shared cache and encodes nothing. Readers keep using the previous build until
the new one is published (see ``published``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from semcomp.embed.encoder import Encoder
from semcomp.index.lexical import LexicalIndex
from semcomp.index.published import Build, BuildWriter
from semcomp.index.vectors import Kind, VectorIndex, VectorIndexError, VectorMeta
from semcomp.store.catalogue import Catalogue
from semcomp.store.embeddings import EmbeddingCache, text_key
from semcomp.store.lock import exclusive

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


def stored_vectors(catalogue: Catalogue, level: str) -> tuple[Callable[[Sequence[str]], np.ndarray], int]:
    """(texts → vectors, dimension): the embeddings the current build of the catalogue's index holds for a
    level, read from the embedding cache by text (exact, whatever kind of faiss index holds them)."""
    folder = catalogue.path.parent
    meta = VectorMeta.read(Build.current(folder).folder, level)
    cache = EmbeddingCache(meta.fingerprint, meta.dimension, folder.parent)

    def vectors(texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t, "passage") for t in texts]
        found = cache.get(keys)
        if len(found) < len(set(keys)):
            missing = len(set(keys)) - len(found)
            raise VectorIndexError(f"{missing} {level}s have no stored embedding: run `semcomp index -i {folder.name} --level {level}`")
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, meta.dimension), np.float32)

    return vectors, meta.dimension


def build_index(
    catalogue: Catalogue,
    folder: Path,
    encoder: Encoder,
    levels: Sequence[str] = LEVELS,
    kind: Kind = "exact",
    on_progress: Progress | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> list[LevelSummary]:
    """Build the given levels and publish them, with the other levels of the current build carried over."""
    folder.mkdir(parents=True, exist_ok=True)
    with exclusive(folder / "index.lock", f"index '{folder.name}'", catalogue.on_wait):
        cache = EmbeddingCache(encoder.model.fingerprint, encoder.dimension, folder.parent, on_warning)
        writer = BuildWriter(folder)
        try:
            summaries = [_build_level(catalogue, writer, encoder, cache, level, kind, on_progress) for level in levels]
            previous = Build.find(folder)
            for level in previous.levels() if previous else ():
                if level not in writer.levels and level not in levels:
                    writer.carry(previous, level)
            writer.publish()
        except BaseException:
            writer.discard()
            raise
        finally:
            cache.close()
    return summaries


def _build_level(
    catalogue: Catalogue, writer: BuildWriter, encoder: Encoder, cache: EmbeddingCache, level: str, kind: Kind, on_progress: Progress | None
) -> LevelSummary:
    began = time.perf_counter()
    with catalogue.snapshot():  # the state recorded is the state of exactly these passages
        state = catalogue.state()
        rows = catalogue.passage_texts(level)
    ids = [r[0] for r in rows]
    texts = [r[1] for r in rows]
    vectors, encoded, windowed = embed_passages(texts, encoder, cache, on_progress, f"embedding {level}s")
    if ids:
        model = encoder.model
        meta = VectorMeta(model=model.name, fingerprint=model.fingerprint, dimension=encoder.dimension, level=level, kind=kind)
        files = VectorIndex.build(np.asarray(ids), vectors, meta).save(writer.folder)
        label, total = f"terms of {level}s", len(ids)
        tick = (lambda n: on_progress(label, n, total)) if on_progress else None
        files += LexicalIndex.build(ids, texts, tick).save(writer.folder, level)
        writer.add_level(level, state, files)
    return LevelSummary(level, len(ids), encoded, len(ids) - encoded, windowed, time.perf_counter() - began)
