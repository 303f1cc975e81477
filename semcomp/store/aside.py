"""Damaged files are moved out of the way, never deleted: what they still hold may be wanted."""

from __future__ import annotations

import time
from pathlib import Path


def set_aside(path: Path) -> Path:
    """Rename a damaged file (and its SQLite ``-wal``/``-shm`` side files) to ``<name>.damaged-<time>``."""
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    return aside
