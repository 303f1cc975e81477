"""Files derived from a larger one and kept beside it to load faster (the query paths' vocabularies):
written whole or not at all, so that a reader never sees half of one."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

import numpy as np


def write_whole(path: Path, content: bytes) -> None:
    """Write through a temporary file renamed over ``path``."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


def npy_bytes(array: np.ndarray) -> bytes:
    """The array as the bytes of a ``.npy`` file."""
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()
