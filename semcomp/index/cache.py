"""Embeddings already computed, keyed by model fingerprint and a hash of the exact text encoded.

One SQLite file per model under ``indexes/.embeddings/``, shared by every named index: rebuilding
an unchanged corpus encodes nothing, and adding a report encodes only its new passages.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from semcomp.store.catalogue import index_dir


def text_key(text: str, role: str) -> bytes:
    return hashlib.blake2b(f"{role}\0{text}".encode(), digest_size=16).digest()


class EmbeddingCache:
    def __init__(self, fingerprint: str, dimension: int, root: Path | str | None = None) -> None:
        folder = index_dir(".embeddings", root)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{fingerprint[:32]}.sqlite"
        self.dimension = dimension
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            rows = self.db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.size == self.dimension:
                    found[key] = vec
        return found

    def put(self, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)", ((k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items)
            )

    def close(self) -> None:
        self.db.close()
