"""The one rule for every file semcomp writes: the path asked for and nothing else, never through a link or
onto a device or a folder, never inside an index folder when a user names it, and whole or not at all.

A file is written under a temporary name unique to the process (short enough for any file system, whatever
the length of the final name), synced, then renamed over the path: a reader never sees half of one, two
writers of one path never mix (the last rename wins), and a full disk, an error or an interrupt leaves
the old file as it was and no temporary behind."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from semcomp.errors import SemcompError
from semcomp.safe_text import path_text
from semcomp.store.catalogue import FILENAME as CATALOGUE_FILE
from semcomp.store.embeddings import CACHE_FOLDER

NAME_MAX = 255  # bytes in one file name on every common file system


class OutputError(SemcompError):
    """An output path that semcomp refuses to write, said before any work is done."""


def _refuse_special(path: Path, param: str) -> None:
    if path.is_symlink():
        raise OutputError(f"{param} {path_text(path)} is a symbolic link: semcomp replaces only regular files", param)
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "a device or another special file"
        raise OutputError(f"{param} {path_text(path)} is {kind}, not a file", param)


def index_folder_holding(folder: Path) -> Path | None:
    """The index folder (or embedding cache) that ``folder`` is or lies in, if any."""
    for d in (folder, *folder.parents):
        if (d / CATALOGUE_FILE).exists() or d.name == CACHE_FOLDER:
            return d
    return None


def check_output(path: Path | str, param: str = "path", suffixes: Sequence[str] = ()) -> Path:
    """The path a user named for an output, refused in one line if writing it could destroy what semcomp did
    not write: a name that is no file name, a link, a folder or a device, a missing or unwritable folder, a
    folder of an index; ``suffixes``: the endings the output must have (``.png``). An existing regular file
    is replaced, as a shell's ``>`` does."""
    path = Path(path)
    text = str(path)
    if not text or text.endswith(("/", os.sep)) or path.name in ("", ".", ".."):
        raise OutputError(f"{param} {path_text(text) or repr(text)} is not a file name", param)
    if len(os.fsencode(path.name)) > NAME_MAX:
        raise OutputError(f"{param}: a file name of at most {NAME_MAX} bytes, not {len(os.fsencode(path.name))}", param)
    if suffixes and path.suffix.lower() not in suffixes:
        raise OutputError(f"{param} {path_text(path)}: name a file ending {' or '.join(suffixes)}", param)
    _refuse_special(path, param)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{param} {path_text(path)}: no such folder {path_text(folder)}", param)
    index = index_folder_holding(folder.resolve())
    if index is not None:
        raise OutputError(f"{param} {path_text(path)} lies in the index folder {path_text(index)}: write outputs elsewhere", param)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{param} {path_text(path)}: can't write in {path_text(folder)} (permission denied)", param)
    return path


@contextmanager
def whole_file(path: Path) -> Iterator[Path]:
    """A temporary path to write, renamed over ``path`` (synced first) when the block ends without error."""
    _refuse_special(path, "path")
    tmp = path.with_name(f".semcomp-{uuid.uuid4().hex}.tmp")
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _refuse_special(path, "path")  # again: a link or a device may have been put there meanwhile
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_whole(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all."""
    with whole_file(path) as tmp:
        tmp.write_bytes(content)


def write_figure(fig, path: Path, dpi: int = 120) -> None:  # a matplotlib Figure
    """A chart as a PNG, written whole at the path named, which must end ``.png``."""
    check_output(path, suffixes=(".png",))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    write_whole(path, buffer.getvalue())


def npy_bytes(array: np.ndarray) -> bytes:
    """The array as the bytes of a ``.npy`` file."""
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()
