"""Writes the system refused, as the OS or SQLite words them: told apart from faults of the input."""

from __future__ import annotations

import errno
import sqlite3


def busy(exc: BaseException) -> bool:
    """Another process holds the database: try again later."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def disk_full(exc: BaseException) -> bool:
    """A write refused for want of space: never a fault of the file being read."""
    return (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
        isinstance(exc, sqlite3.OperationalError) and "disk is full" in str(exc)
    )


def read_only_database(exc: BaseException) -> bool:
    """A write SQLite refused because its file can't be written."""
    return isinstance(exc, sqlite3.OperationalError) and "readonly database" in str(exc)
