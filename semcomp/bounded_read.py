"""Files read by path, never past a size limit: a path may name ``/dev/zero``, a pipe or a 50 GB file."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from semcomp.errors import SemcompError

MB = 1024 * 1024


class TooLarge(SemcompError):
    """A file past the size limit it was read under."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path} is too large ({size / MB:.1f} MB or more; the limit is {limit / MB:.0f} MB)")
        self.size, self.limit = size, limit


def read_stream(stream: BinaryIO, limit: int, name: str) -> bytes:
    """The bytes of a stream (standard input), at most ``limit`` of them; ``TooLarge`` when there are more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(Path(name), len(data), limit)
    return data


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a file, at most ``limit`` of them; ``TooLarge`` when there are more, whatever its size says."""
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        try:
            size = max(path.stat().st_size, len(data))
        except OSError:
            size = len(data)
        raise TooLarge(path, size, limit)
    return data
