"""One writer at a time, across processes: a lock file beside what it guards.

Readers never take it (SQLite's WAL lets them read while a writer writes); a second writer waits
and is told what it is waiting for, instead of failing with "database is locked".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


@contextmanager
def exclusive(path: Path, what: str, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock at ``path`` for the block; call ``on_wait`` once if another process holds it."""
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait:
            on_wait(f"waiting for another semcomp that is writing {what} …")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
