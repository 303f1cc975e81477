"""Embed every passage of a catalogue and publish its vector and lexical indexes as one build.

One build at a time per index (a lock file): a second ``semcomp index`` waits, then finds every
embedding in the shared cache and encodes nothing. Readers keep using the previous build until
the new one is published (see ``published``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from semcomp.embed.encoder import Encoder, PassageEngine
from semcomp.index.kinds import VectorKind, choose_kind
from semcomp.index.lexical import LexicalIndex
from semcomp.index.published import Build, BuildWriter
from semcomp.index.vectors import VectorIndex, VectorIndexError, VectorMeta
from semcomp.model import Granularity
from semcomp.ray_cluster import Engine
from semcomp.store.catalogue import Catalogue
from semcomp.store.embeddings import EmbeddingCache, text_key
from semcomp.store.lock import exclusive

GRANULARITIES: tuple[Granularity, ...] = ("paragraph", "sentence")
CHUNK = 256  # passages encoded between cache writes, so an interrupted run keeps its work


@dataclass
class GranularitySummary:
    granularity: Granularity
    passages: int
    encoded: int
    cached: int
    windowed: int
    seconds: float
    vectors: str = ""  # the kind of vector index, with its measured recall
    updated: bool = False  # the previous build's indexes updated in place of a rebuild


Progress = Callable[[str, int, int], None]  # (what, advance, total)


def embed_passages(
    texts: Sequence[str], encoder: PassageEngine, cache: EmbeddingCache, on_progress: Progress | None = None, label: str = ""
) -> tuple[np.ndarray, int, int]:
    """Vectors for the texts, from the cache where possible. Returns (vectors, encoded, windowed).

    ``encoder`` is an ``Encoder`` or another engine with the same ``stream`` (``RayEncoder``); what it
    yields goes into the cache chunk by chunk, so an interrupted run keeps its work."""
    keys = [text_key(t, "passage") for t in texts]
    found = cache.get(keys)
    waiting = Counter(k for k in keys if k not in found)  # passages per missing text: a repeated text is encoded once
    missing = list(waiting)
    text_of = dict(zip(keys, texts, strict=True))
    total = len(texts)
    if on_progress:
        on_progress(label, total - waiting.total(), total)
    windowed = 0
    for positions, result in encoder.stream([text_of[k] for k in missing], CHUNK):
        windowed += result.windowed
        done = [missing[p] for p in positions]
        cache.put(zip(done, result.vectors, strict=True))
        found.update(zip(done, result.vectors, strict=True))
        if on_progress:
            on_progress(label, sum(waiting[k] for k in done), total)
    vectors = np.stack([found[k] for k in keys]) if keys else np.zeros((0, encoder.dimension), np.float32)
    return vectors, waiting.total(), windowed


def passage_engine(encoder: Encoder, engine: Engine = "local", address: str | None = None, workers: int | None = None) -> PassageEngine:
    """What encodes the passages: the encoder itself, or Ray workers (at ``address``; a local cluster if None)."""
    if engine == "local":
        if address or workers:
            raise ValueError("a cluster address and a number of workers are for the Ray engine")
        return encoder
    from semcomp.embed.ray_engine import RayEncoder

    return RayEncoder(encoder, address, workers)


def cached_vectors(texts: Sequence[str], encoder: Encoder, root: Path | str | None = None) -> np.ndarray:
    """Vectors of a few texts through the shared cache (for summaries and comparisons)."""
    cache = EmbeddingCache(encoder.model.fingerprint, encoder.precision, encoder.device, encoder.dimension, root)
    try:
        return embed_passages(texts, encoder, cache)[0]
    finally:
        cache.close()


def stored_vectors(catalogue: Catalogue, granularity: Granularity) -> tuple[Callable[[Sequence[str]], np.ndarray], int]:
    """(texts → vectors, dimension): the embeddings the current build of the catalogue's index holds for a
    granularity, read from the embedding cache by text (exact, whatever kind of faiss index holds them)."""
    folder = catalogue.folder
    meta = VectorMeta.read(Build.current(folder).folder, granularity)
    if not meta.precision:
        rebuild = f"semcomp index -i {folder.name}"
        raise VectorIndexError(f"index '{folder.name}' records no precision (an older build): rebuild it with `{rebuild}`")
    cache = EmbeddingCache(meta.fingerprint, meta.precision, meta.device, meta.dimension, folder.parent)

    def vectors(texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t, "passage") for t in texts]
        found = cache.get(keys)
        if len(found) < len(set(keys)):
            missing, rerun = len(set(keys)) - len(found), f"semcomp index -i {folder.name} --level {granularity}"
            raise VectorIndexError(f"{missing} {granularity}s have no stored embedding: run `{rerun}`")
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, meta.dimension), np.float32)

    return vectors, meta.dimension


def build_index(
    catalogue: Catalogue,
    encoder: PassageEngine,
    granularities: Sequence[Granularity] = GRANULARITIES,
    kind: VectorKind = "auto",
    on_progress: Progress | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> list[GranularitySummary]:
    """Build the given granularities of the catalogue's index and publish them, with the others of the current
    build carried over (or rebuilt, when they were encoded by another model or at another precision).

    A granularity whose previous build can take the changes (same model and kind of index; for IVF kinds, at
    most half as many passages added and removed as it holds; no removal from HNSW) is updated
    instead: only new passages are embedded and segmented, and an IVF index keeps its trained lists."""
    folder = catalogue.folder
    with exclusive(folder / "index.lock", f"index '{folder.name}'", catalogue.on_wait):
        cache = EmbeddingCache(encoder.model.fingerprint, encoder.precision, encoder.device, encoder.dimension, folder.parent, on_warning)
        writer = BuildWriter(folder)
        try:
            previous = Build.find(folder)
            others = [g for g in previous.granularities() if g not in granularities] if previous else []
            # an index holds one precision: a granularity encoded otherwise is rebuilt rather than carried over
            granularities = [*granularities, *(g for g in others if not _same_numerics(previous, g, encoder))]
            summaries = [_build_granularity(catalogue, writer, encoder, cache, g, kind, previous, on_progress) for g in granularities]
            for g in others:
                if previous and g not in writer.granularities and g not in granularities:
                    writer.carry(previous, g)
            writer.publish()
        except BaseException:
            writer.discard()
            raise
        finally:
            cache.close()
    return summaries


def _build_granularity(
    catalogue: Catalogue,
    writer: BuildWriter,
    encoder: PassageEngine,
    cache: EmbeddingCache,
    granularity: Granularity,
    kind: VectorKind,
    previous: Build | None,
    on_progress: Progress | None,
) -> GranularitySummary:
    began = time.perf_counter()
    with catalogue.snapshot():  # the state recorded is the state of exactly these passages
        state = catalogue.state()
        rows = catalogue.passage_texts(granularity)
    ids = np.array([r.id for r in rows], dtype=np.int64)
    base = _updatable(previous, granularity, encoder, kind, ids)
    if base is not None:
        vector_index, lexical = base
        removed = np.setdiff1d(lexical.ids, ids)
        rows = [r for r in rows if not lexical.has(r.id)]
    texts = [r.text for r in rows]
    vectors, encoded, windowed = embed_passages(texts, encoder, cache, on_progress, f"embedding {granularity}s")
    label, total = f"terms of {granularity}s", len(texts)
    tick = (lambda n: on_progress(label, n, total)) if on_progress else None
    new_ids = np.array([r.id for r in rows], dtype=np.int64)
    if base is not None:
        vector_index.remove(removed)
        vector_index.add(new_ids, vectors)
        lexical = lexical.updated(new_ids, texts, removed, tick)
    elif len(ids):
        model = encoder.model
        meta = VectorMeta(model.name, model.fingerprint, encoder.dimension, granularity, kind,
                          precision=encoder.precision, device=encoder.device)  # fmt: skip
        vector_index = VectorIndex.build(ids, vectors, meta)
        lexical = LexicalIndex.build(ids, texts, tick)
    else:
        return GranularitySummary(granularity, 0, 0, 0, 0, time.perf_counter() - began)
    files = vector_index.save(writer.folder) + lexical.save(writer.folder, granularity)
    writer.add_granularity(granularity, state, files)
    seconds = time.perf_counter() - began
    return GranularitySummary(granularity, len(ids), encoded, len(ids) - encoded, windowed, seconds, vector_index.meta.describe(),
                              base is not None)  # fmt: skip


def _same_numerics(build: Build | None, granularity: Granularity, encoder: PassageEngine) -> bool:
    """Whether a granularity of a build was encoded by this model at this precision on this kind of device."""
    try:
        meta = VectorMeta.read(build.folder, granularity) if build else None
    except VectorIndexError:
        return False
    ours = (encoder.model.fingerprint, encoder.precision, encoder.device)
    return meta is not None and (meta.fingerprint, meta.precision, meta.device) == ours


def _updatable(
    previous: Build | None, granularity: Granularity, encoder: PassageEngine, kind: VectorKind, ids: np.ndarray
) -> tuple[VectorIndex, LexicalIndex] | None:
    """The previous build's indexes of a granularity, loaded to be updated, when they can take the change."""
    if previous is None or granularity not in previous.granularities():
        return None
    try:
        previous.verify(granularity)
        meta = VectorMeta.read(previous.folder, granularity)
        wanted = choose_kind(len(ids), encoder.dimension) if kind == "auto" else kind
        if not _same_numerics(previous, granularity, encoder) or meta.kind != wanted:
            return None  # vectors of another model or precision are never mixed with new ones: rebuilt whole
        lexical = LexicalIndex.load(previous.folder, granularity, counts=True)
        changed = len(np.setxor1d(lexical.ids, ids))
        trained = meta.kind.startswith("ivf")  # lists trained on the old passages: retrained when much changed
        removes = np.setdiff1d(lexical.ids, ids).size > 0
        if lexical.counts is None or (trained and changed > len(lexical.ids) // 2) or (meta.kind == "hnsw" and removes):
            return None
        return VectorIndex.load(previous.folder, granularity), lexical
    except VectorIndexError:
        return None  # damaged or unreadable: built afresh
