"""Index builds published whole: a reader sees the previous complete build or the new one, never a mix.

Each ``semcomp index`` run writes every file of its build into a fresh folder under
``indexes/<name>/builds/``, with a manifest holding each file's SHA-256 and the catalogue state the
build was made from, and then swaps one pointer file (``current.json``) with an atomic rename. Old
builds are pruned, keeping the one before the current build for readers that are still loading it.
A file whose checksum no longer matches (a bit flip, a half-copied backup) is refused, never read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from semcomp.index.vectors import VectorIndex, VectorIndexError
from semcomp.model import Granularity
from semcomp.whole_files import write_whole

POINTER = "current.json"
BUILDS = "builds"
MANIFEST = "manifest.json"
ENTRIES = "levels"  # the manifest's key for its granularities (paragraph, sentence), as its first format named it
_VERIFIED = ".verified.json"  # checksums already confirmed, keyed by file size, mtime and inode


def sha256_of(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Build:
    """One published build of an index: its folder and manifest."""

    folder: Path
    manifest: dict

    @classmethod
    def current(cls, index_folder: Path) -> Build:
        """The build the pointer names; raises ``VectorIndexError`` when there is none or it is unreadable."""
        pointer = index_folder / POINTER
        name = index_folder.name
        if not pointer.is_file():
            if (index_folder / "vectors-paragraph.json").is_file():
                raise VectorIndexError(f"index '{name}' was built by an older semcomp: rebuild it with `semcomp index -i {name}`")
            raise VectorIndexError(f"index '{name}' has no search index yet (run `semcomp index -i {name}`)")
        try:
            folder = index_folder / BUILDS / json.loads(pointer.read_text(encoding="utf-8"))["build"]
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            manifest[ENTRIES].items()
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise VectorIndexError(f"index '{name}' is damaged ({type(exc).__name__}): rebuild it with `semcomp index -i {name}`") from None
        return cls(folder, manifest)

    @classmethod
    def find(cls, index_folder: Path) -> Build | None:
        try:
            return cls.current(index_folder)
        except VectorIndexError:
            return None

    @property
    def index_name(self) -> str:
        return self.folder.parent.parent.name

    def granularities(self) -> list[Granularity]:
        return list(self.manifest[ENTRIES])

    def state(self, granularity: Granularity) -> str:
        """The catalogue state the granularity was built from."""
        return self.entry(granularity)["state"]

    def entry(self, granularity: Granularity) -> dict:
        entry = self.manifest[ENTRIES].get(granularity)
        if entry is None:
            name = self.index_name
            raise VectorIndexError(f"no {granularity} vectors in index '{name}' (run `semcomp index -i {name} --level {granularity}`)")
        return entry

    def verify(self, granularity: Granularity, full: bool = False) -> None:
        """Check every file of a granularity against its recorded SHA-256; ``full`` ignores what was confirmed before."""
        confirmed = {} if full else _read_json(self.folder / _VERIFIED)
        changed = False
        for filename, digest in self.entry(granularity)["files"].items():
            path = self.folder / filename
            try:
                info = path.stat()
            except OSError:
                raise VectorIndexError(f"{path} is missing: rebuild the index with `semcomp index -i {self.index_name}`") from None
            key = f"{filename}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"
            if confirmed.get(key) == digest:
                continue
            if sha256_of(path) != digest:
                raise VectorIndexError(f"{path} is damaged (its checksum changed): rebuild it with `semcomp index -i {self.index_name}`")
            confirmed[key] = digest
            changed = True
        if changed and not full:
            with contextlib.suppress(OSError):  # a read-only index: the checksums are read again next time
                _write_json_atomic(self.folder / _VERIFIED, confirmed)

    def path(self, filename: str) -> Path:
        return self.folder / filename


class BuildWriter:
    """A build being written: files go into a hidden folder that becomes visible only on ``publish``."""

    def __init__(self, index_folder: Path) -> None:
        self.index_folder = index_folder
        self.id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.folder = index_folder / BUILDS / f".{self.id}.partial"
        self.folder.mkdir(parents=True)
        self.granularities: dict[Granularity, dict] = {}

    def add_granularity(self, granularity: Granularity, state: str, filenames: list[str]) -> None:
        """Record a granularity whose files were written into ``folder``."""
        self.granularities[granularity] = {"state": state, "files": {f: sha256_of(self.folder / f) for f in filenames}}

    def carry(self, previous: Build, granularity: Granularity) -> None:
        """Take a granularity unchanged from the previous build (hard links where the file system allows)."""
        entry = previous.entry(granularity)
        for filename in entry["files"]:
            try:
                os.link(previous.path(filename), self.folder / filename)
            except OSError:
                shutil.copy2(previous.path(filename), self.folder / filename)
        self.granularities[granularity] = entry

    def publish(self) -> Build:
        manifest = {ENTRIES: self.granularities, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        _write_json_atomic(self.folder / MANIFEST, manifest)
        for path in self.folder.iterdir():
            with path.open("rb") as f:
                os.fsync(f.fileno())
        final = self.index_folder / BUILDS / self.id
        self.folder.rename(final)
        _fsync_dir(final.parent)
        _write_json_atomic(self.index_folder / POINTER, {"build": self.id})
        _prune(self.index_folder, keep={self.id})
        return Build(final, manifest)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _prune(index_folder: Path, keep: set[str]) -> None:
    """Remove old builds, keeping ``keep`` and the newest other complete build; and stale partial folders."""
    builds = index_folder / BUILDS
    complete = sorted((p for p in builds.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    others = [p for p in complete if p.name not in keep]
    for old in others[:-1]:
        shutil.rmtree(old, ignore_errors=True)
    for partial in builds.glob(".*.partial"):
        if time.time() - partial.stat().st_mtime > 24 * 3600:  # a killed build's leftovers; a live one is younger
            shutil.rmtree(partial, ignore_errors=True)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json_atomic(path: Path, data: dict) -> None:
    write_whole(path, json.dumps(data, ensure_ascii=False, indent=1).encode())


def current_vectors(index_folder: Path, granularity: Granularity, state: str | None = None) -> VectorIndex:
    """The verified vectors of a granularity of the current build; with ``state``, refused unless built from it."""
    build = Build.current(index_folder)
    if state is not None and build.state(granularity) != state:
        name = build.index_name
        raise VectorIndexError(f"index '{name}' is older than its catalogue: run `semcomp index -i {name} --level {granularity}`")
    build.verify(granularity)
    return VectorIndex.load(build.folder, granularity)
