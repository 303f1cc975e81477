"""Files written whole or not at all, so that a reader never sees half of one and a full disk or an
interrupt leaves nothing behind: an index build's manifest and pointer, the query paths' sidecars, and
the charts and pages written where the user asks."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

import numpy as np


def write_whole(path: Path, content: bytes) -> None:
    """Write through a temporary file, synced to disk, then renamed over ``path``."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # a full disk or an interrupt leaves no half-written file


def write_figure(fig, path: Path, dpi: int = 120) -> None:  # a matplotlib Figure
    """A chart as a PNG, written whole."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    write_whole(path, buffer.getvalue())


def npy_bytes(array: np.ndarray) -> bytes:
    """The array as the bytes of a ``.npy`` file."""
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()
