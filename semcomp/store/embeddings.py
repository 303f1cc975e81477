"""Embeddings already computed, keyed by model fingerprint, precision, device and a hash of the exact text.

One SQLite file per model, precision and device under ``indexes/.embeddings/`` (so vectors of two
precisions never meet), shared by every named index: rebuilding
an unchanged corpus encodes nothing, and adding a report encodes only its new passages. The cache
is only ever a shortcut: a damaged cache file is set aside (never deleted) and a fresh one started,
so it can cost encoding time but never block ``semcomp index``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from semcomp.store.aside import set_aside
from semcomp.store.catalogue import indexes_root, sqlite_uri
from semcomp.store.failures import busy, disk_full, read_only_database

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)"


def text_key(text: str, role: str) -> bytes:
    return hashlib.blake2b(f"{role}\0{text}".encode(), digest_size=16).digest()


CACHE_FOLDER = ".embeddings"  # beside the indexes, shared by them


def cache_folder(root: Path | str | None = None) -> Path:
    return indexes_root(root) / CACHE_FOLDER


def check_cache(path: Path) -> tuple[int, str | None]:
    """(embeddings held, None) for a sound cache file, or (0, what SQLite finds wrong), read-only."""
    try:
        db = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)
        try:
            result = [r[0] for r in db.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                return 0, result[0]
            return db.execute("SELECT count(*) FROM vectors").fetchone()[0], None
        finally:
            db.close()
    except sqlite3.Error as exc:
        return 0, str(exc)


def _not_damage(exc: sqlite3.DatabaseError) -> bool:
    """Errors that say nothing about the file's health: another writer holds it, or the system refused the write."""
    return busy(exc) or disk_full(exc) or read_only_database(exc)


def cache_name(fingerprint: str, precision: str, device: str) -> str:
    """The cache file of one model's embeddings at one precision on one kind of device."""
    return f"{fingerprint[:32]}-{precision}-{device}.sqlite"


class EmbeddingCache:
    def __init__(
        self,
        fingerprint: str,
        precision: str,
        device: str,
        dimension: int,
        root: Path | str | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        folder = cache_folder(root)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / cache_name(fingerprint, precision, device)
        self.dimension = dimension
        self.on_warning = on_warning
        self.db = self._open()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        db.execute("PRAGMA journal_mode = WAL")  # two index runs read and write it at once
        db.execute(_SCHEMA)
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            db = self._connect()
            db.execute("SELECT key, vec FROM vectors LIMIT 1").fetchall()
            return db
        except sqlite3.DatabaseError as exc:
            if _not_damage(exc):
                raise
            return self._set_aside(exc)

    def _set_aside(self, exc: Exception) -> sqlite3.Connection:
        """Move a damaged cache file out of the way and start an empty one."""
        if getattr(self, "db", None) is not None:
            self.db.close()
        aside = set_aside(self.path)
        if self.on_warning:
            self.on_warning(f"the embedding cache was damaged ({exc}); moved to {aside}; a new one fills as passages are encoded")
        self.db = self._connect()
        return self.db

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i : i + 500])
                rows = self.db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, blob in rows:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.size == self.dimension and np.isfinite(vec).all():
                        found[key] = vec
        except sqlite3.DatabaseError as exc:
            if _not_damage(exc):
                raise
            self._set_aside(exc)
            return {}
        return found

    def put(self, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as exc:
            if _not_damage(exc):
                raise
            self._set_aside(exc)
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)

    def close(self) -> None:
        self.db.close()
