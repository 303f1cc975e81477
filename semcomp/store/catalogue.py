"""The catalogue: documents, reports, sections and passages in SQLite under ``indexes/<name>/``.

Writes happen inside one transaction per ingest run, so an interrupted run leaves the previous
catalogue as it was. Documents are keyed by path and content hash: the same file twice adds
nothing, a changed file replaces its old version, the same bytes under another path are skipped.

Concurrency: one writer at a time (a lock file; a second writer waits and says so), readers never
blocked (WAL). Passages are never changed in place and their ids are never reused, so a passage id
names one text for ever; ``state()`` is a token chained over every committed change, which is
what an index records to know whether it is current.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import urllib.parse
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import asdict
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from semcomp.errors import NotFound, SemcompError
from semcomp.model import Field, Granularity, Passage, Report, Section
from semcomp.store.failures import busy, disk_full, read_only_database
from semcomp.store.filters import Filters
from semcomp.store.lock import exclusive
from semcomp.store.records import (
    ExportRow,
    GroupedPassage,
    ParagraphText,
    PassageGranularity,
    PassagePlace,
    PassageRow,
    PassageText,
    Salvaged,
    SentenceRow,
    ShortParagraph,
    StoredDocument,
)
from semcomp.text.report_names import label_match

SCHEMA_VERSION = 3
FILENAME = "catalogue.sqlite"
BUSY_TIMEOUT_S = 60  # a reader waits this long for a writer that is switching journal mode
CACHE_KB = 256 * 1024  # at most this much of the catalogue is cached per connection (used only as it is read)

# the column ``level`` is a report's level of government in ``reports`` and a passage's granularity in
# ``passages``: the records this module hands out name them ``gov_level`` and ``granularity``
SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, source TEXT UNIQUE NOT NULL, sha256 TEXT NOT NULL, size INTEGER,
    format TEXT, encoding TEXT, raw TEXT NOT NULL, ingested_at TEXT DEFAULT (datetime('now')),
    parser INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER, start INTEGER, "end" INTEGER, title TEXT, region TEXT, level TEXT, year INTEGER,
    date TEXT, report_type TEXT, speaker TEXT, role TEXT, truncated INTEGER, meta TEXT, warnings TEXT);
CREATE TABLE IF NOT EXISTS sections (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, path TEXT, title TEXT,
    depth INTEGER, part TEXT, kind TEXT, start INTEGER, "end" INTEGER, PRIMARY KEY (report_id, path));
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    level TEXT, ordinal INTEGER, section_path TEXT, kind TEXT, part TEXT, text TEXT,
    start INTEGER, "end" INTEGER, paragraph INTEGER, masked INTEGER);
CREATE INDEX IF NOT EXISTS passages_report ON passages(report_id, level, ordinal);
CREATE TABLE IF NOT EXISTS fingerprints (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, hash INTEGER NOT NULL,
    PRIMARY KEY (report_id, hash)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fingerprints_hash ON fingerprints(hash);
CREATE TABLE IF NOT EXISTS hash_counts (hash INTEGER PRIMARY KEY, reports INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fingerprint_sizes (report_id TEXT PRIMARY KEY, hashes INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS fingerprint_added AFTER INSERT ON fingerprints BEGIN
    INSERT INTO hash_counts VALUES (new.hash, 1) ON CONFLICT (hash) DO UPDATE SET reports = reports + 1;
    INSERT INTO fingerprint_sizes VALUES (new.report_id, 1) ON CONFLICT (report_id) DO UPDATE SET hashes = hashes + 1;
END;
CREATE TRIGGER IF NOT EXISTS fingerprint_removed AFTER DELETE ON fingerprints BEGIN
    UPDATE hash_counts SET reports = reports - 1 WHERE hash = old.hash;
    UPDATE fingerprint_sizes SET hashes = hashes - 1 WHERE report_id = old.report_id;
END;
CREATE TABLE IF NOT EXISTS copies (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    original TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, share REAL NOT NULL);
"""


# one report row, in the order _report() reads it
_REPORT_ROWS = (
    'SELECT r.id, d.source, r.ordinal, r.start, r."end", r.meta, r.truncated, r.warnings'
    " FROM reports r JOIN documents d ON d.id = r.document_id"
)


class CatalogueError(SemcompError):
    """A catalogue that is missing, damaged, busy, or that this version cannot read."""


def writable(path: Path) -> bool:
    """Whether a file (and its folder, where SQLite keeps its journal) can be written: not on read-only media."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _wal_pending(path: Path) -> bool:
    """Whether committed changes may wait in the write-ahead log beside the file."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def sqlite_uri(path: Path, read_only: bool) -> str:
    """A URI for ``sqlite3.connect(..., uri=True)``. Read-only where nothing can be written (read-only media,
    no permission) is also immutable, since SQLite can't keep its WAL index beside the file there; but not
    while the write-ahead log holds changes, which an immutable reader would not see."""
    immutable = read_only and not writable(path) and not _wal_pending(path)
    query = "" if not read_only else "?mode=ro&immutable=1" if immutable else "?mode=ro"
    return f"file:{urllib.parse.quote(str(path.absolute()))}{query}"


# tables of counts that triggers keep, and how each is made from the fingerprints of an older catalogue
_COUNTED = {
    "hash_counts": "INSERT INTO hash_counts SELECT hash, count(*) FROM fingerprints GROUP BY hash",
    "fingerprint_sizes": "INSERT INTO fingerprint_sizes SELECT report_id, count(*) FROM fingerprints GROUP BY report_id",
}


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script one by one (a trigger's body holds semicolons of its own)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""


class _Schema(NamedTuple):
    columns: dict[str, list[tuple[str, str]]]  # table → (column, its declaration)
    others: list[tuple[str, str]]  # (name, type) of each index and trigger


@functools.cache
def _schema() -> _Schema:
    """The schema's tables with their columns and declarations, and its indexes and triggers, as SQLite reads ``SCHEMA``."""
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    others = db.execute("SELECT name, type FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%'").fetchall()
    columns = {}
    for table in tables:
        columns[table] = [
            (name, f'"{name}" {kind}' + (" NOT NULL" if notnull else "") + (f" DEFAULT {default}" if default is not None else ""))
            for _, name, kind, notnull, default, _ in db.execute(f"PRAGMA table_info({table})")
        ]
    db.close()
    return _Schema(columns, others)


def schema_gaps(db: sqlite3.Connection) -> list[str]:
    """What of this version's schema a catalogue lacks (``table``, ``table.column``, ``index name`` or
    ``trigger name``): a catalogue is judged by what it holds, not only by the version number it carries."""
    schema, present = _schema(), {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    gaps = [f"{kind} {name}" for name, kind in schema.others if name not in present]
    gaps += [table for table in schema.columns if table not in present]
    return gaps + [f"{table}.{name}" for table, name, _ in _missing_columns(db)]


def _missing_columns(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(table, column, its declaration) of each column of this version's schema that a table of the catalogue lacks."""
    missing = []
    for table, columns in _schema().columns.items():
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        missing += [(table, name, declaration) for name, declaration in columns if have and name not in have]
    return missing


def indexes_root(root: Path | str | None = None) -> Path:
    """The folder that holds every index: ``root``, else ``$SEMCOMP_INDEXES`` (where set and not empty), else ``indexes/``."""
    folder = Path(root or os.environ.get("SEMCOMP_INDEXES") or "indexes")
    if folder.exists() and not folder.is_dir():
        raise CatalogueError(f"the indexes folder {folder} is a file ($SEMCOMP_INDEXES or --index's root): name a folder")
    return folder


def index_dir(name: str, root: Path | str | None = None) -> Path:
    """The folder of a named index. A name is a plain name, so that an index never lands outside the
    indexes folder (``../x``, ``/abs``), in its root (an empty name) or among its own files (``.embeddings``)."""
    if not name or name.startswith(".") or any(c in name for c in "/\\\0") or name != name.strip():
        raise CatalogueError(f"'{name}' is not an index name: give a plain name (no slash, no leading dot, not empty)")
    return indexes_root(root) / name


_F = TypeVar("_F", bound=Callable[..., Any])


def _guarded(method: _F) -> _F:
    """SQLite's errors in the catalogue's own words: damaged (with the way out) or busy."""

    @functools.wraps(method)
    def wrapper(self: Catalogue, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if busy(exc):
                raise CatalogueError(f"{self.path} is busy (another semcomp is writing it); try again") from None
            if disk_full(exc) or read_only_database(exc):
                raise  # the file is sound: the system refused the write, and says so
            raise self.damaged(exc) from None
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from None

    return wrapper  # type: ignore[return-value]


class Catalogue:
    """Read and write access to one catalogue file.

    ``on_wait`` is called with a message when a write has to wait for another process's write.
    """

    def __init__(self, path: Path, create: bool = False, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.on_wait = on_wait
        if create and (not self.path.exists() or self.path.stat().st_size == 0):
            # a new catalogue is made under the write lock, and a second first ingest waits for it there
            # instead of finding the file SQLite has created and not yet written
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._write_lock():
                self._connect(create, locked=True)
        else:
            self._connect(create, locked=False)

    def _connect(self, create: bool, locked: bool) -> None:
        exists = self.path.exists()
        # on read-only media (or without write permission) the catalogue is read as it stands
        self.read_only = exists and not writable(self.path)
        if not exists and not create:
            raise CatalogueError(f"no catalogue at {self.path} (run `semcomp ingest PATH` first)")
        if exists and self.path.is_file() and self.path.stat().st_size == 0:
            # SQLite would read an empty file as an empty catalogue: a truncated one must not pass for that
            raise CatalogueError(f"{self.path} is empty (0 bytes; truncated?): move it aside and ingest the source files again")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # a catalogue may be opened in one thread and used in another (``semcomp serve`` answers in its
            # server's thread), never by two at once: SQLite's serialized mode makes the hand-over safe
            uri = sqlite_uri(self.path, self.read_only)
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            # pages kept in memory: SQLite's default of 2 MB made every lookup of a large ingest go to the file
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
            version = self._version()
            if self.read_only:
                if version != SCHEMA_VERSION:
                    raise CatalogueError(f"{self.path} is read-only and has schema {version}; this semcomp reads {SCHEMA_VERSION}")
                return
            if version is None and not create and self.db.execute("SELECT 1 FROM sqlite_master").fetchone():
                raise CatalogueError(f"{self.path} is an SQLite file, but not a semcomp catalogue")  # never written into
            current = version == SCHEMA_VERSION and not schema_gaps(self.db)
            if not current or self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                with nullcontext() if locked else self._write_lock():
                    self._set_up()
                version = self._version()
        except sqlite3.DatabaseError as exc:
            raise CatalogueError(f"{self.path} is not a semcomp catalogue, or is damaged ({exc})") from None
        if version != SCHEMA_VERSION:
            raise CatalogueError(f"{self.path} has schema {version}; this semcomp reads {SCHEMA_VERSION}")

    def _version(self) -> int | None:
        has_info = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'info'").fetchone()
        row = self.db.execute("SELECT value FROM info WHERE key = 'schema'").fetchone() if has_info else None
        return int(row[0]) if row else None

    def _set_up(self) -> None:
        """Create the schema, or bring an older one up to date; switch to WAL. Under the write lock."""
        self.db.execute("PRAGMA journal_mode = WAL")
        version = self._version()
        if version is not None and version > SCHEMA_VERSION:
            return  # a newer semcomp's catalogue: refused by the caller, never touched
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for table, _, declaration in _missing_columns(self.db):  # columns added since a catalogue was written
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {declaration}")
            if version == 1:  # passage ids were reusable: make them AUTOINCREMENT, keeping every id
                self.db.execute("ALTER TABLE passages RENAME TO passages_v1")
                self.db.execute("DROP INDEX IF EXISTS passages_report")
            present = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for statement in _statements(SCHEMA):
                self.db.execute(statement)
            for table, fill in _COUNTED.items():  # counts kept since a catalogue was written: made from what it holds
                if table not in present:
                    self.db.execute(fill)
            if version == 1:
                self.db.execute("INSERT INTO passages SELECT * FROM passages_v1")
                self.db.execute("DROP TABLE passages_v1")
            self.db.execute("INSERT OR REPLACE INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            self.db.execute("INSERT OR IGNORE INTO info VALUES ('state', ?)", (uuid.uuid4().hex,))
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @classmethod
    def open(
        cls, name: str = "default", root: Path | str | None = None, create: bool = False, on_wait: Callable[[str], None] | None = None
    ) -> Catalogue:
        return cls(index_dir(name, root) / FILENAME, create=create, on_wait=on_wait)

    @property
    def folder(self) -> Path:
        """The index folder the catalogue lives in, beside that index's builds."""
        return self.path.parent

    @property
    def index_name(self) -> str:
        return self.folder.name

    def close(self) -> None:
        self.db.close()

    def damaged(self, exc: Exception) -> CatalogueError:
        return CatalogueError(f"{self.path} is damaged ({exc}): `semcomp doctor` says what is wrong, `--repair` rebuilds it")

    def _write_lock(self) -> Any:
        return exclusive(self.path.with_name(self.path.name + ".lock"), f"to {self.path}", self.on_wait)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception or interrupt rolls everything back. One writer at a time."""
        if self.read_only:
            raise CatalogueError(f"{self.path} is read-only (read-only media, or no write permission): it can be read, not changed")
        with self._write_lock():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.db.in_transaction:  # SQLite rolls back by itself on some errors (a full disk)
                    self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[Callable[[], object]]:
        """A nested unit inside a transaction; the block may call the function it gets to undo it."""
        self.db.execute("SAVEPOINT unit")
        try:
            yield lambda: self.db.execute("ROLLBACK TO unit")
        finally:
            if self.db.in_transaction:  # SQLite ends the transaction itself on some errors (a full disk)
                self.db.execute("RELEASE unit")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one committed state, whatever another process commits meanwhile."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    @_guarded
    def state(self) -> str:
        """A token of the catalogue's content: it changes with every report added, replaced or removed."""
        row = self.db.execute("SELECT value FROM info WHERE key = 'state'").fetchone()
        return row[0] if row else ""

    def _changed(self, what: str) -> None:
        new = hashlib.sha256(f"{self.state()}\0{what}".encode()).hexdigest()[:32]
        self.db.execute("INSERT OR REPLACE INTO info VALUES ('state', ?)", (new,))

    # documents -----------------------------------------------------------------------------

    @_guarded
    def document_state(self, source: str, sha256: str, parser: int) -> tuple[str, str | None]:
        """``("new"|"unchanged"|"changed"|"outdated"|"duplicate", other source)`` for an incoming document;
        ``outdated``: the same file, stored by another version of the parser."""
        row = self.db.execute("SELECT sha256, parser FROM documents WHERE source = ?", (source,)).fetchone()
        if row:
            return ("changed" if row[0] != sha256 else "outdated" if row[1] != parser else "unchanged"), None
        dup = self.db.execute("SELECT source FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return ("duplicate", dup[0]) if dup else ("new", None)

    def put_document(self, source: str, sha256: str, size: int, fmt: str, encoding: str | None, raw: str, parser: int) -> int:
        self._changed(f"put\0{source}\0{sha256}")
        self.db.execute("DELETE FROM documents WHERE source = ?", (source,))
        cur = self.db.execute(
            "INSERT INTO documents (source, sha256, size, format, encoding, raw, parser) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source, sha256, size, fmt, encoding, raw, parser),
        )
        if cur.lastrowid is None:  # an INSERT always sets it; a document without its id must not go on
            raise CatalogueError(f"no row id for the stored document {source}")
        return cur.lastrowid

    def free_report_id(self, wanted: str) -> str:
        rid, n = wanted, 1
        while self.db.execute("SELECT 1 FROM reports WHERE id = ?", (rid,)).fetchone():
            n += 1
            rid = f"{wanted}~{n}"
        return rid

    def put_report(self, document_id: int, report: Report) -> None:
        v = report.value
        self.db.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.id, document_id, report.ordinal, report.start, report.end,
                v("title"), v("region"), v("level"), v("year"), v("date"), v("report_type"),
                v("speaker"), v("role"), int(report.truncated),
                json.dumps({k: asdict(f) for k, f in report.meta.items()}, ensure_ascii=False),
                json.dumps(report.warnings, ensure_ascii=False),
            ),
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(report.id, s.path, s.title, s.depth, s.part, s.kind, s.start, s.end) for s in report.sections],
        )
        self.db.executemany(
            "INSERT INTO passages (report_id, level, ordinal, section_path, kind, part, text, start, \"end\","
            " paragraph, masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (report.id, p.granularity, p.ordinal, p.section_path, p.kind, p.part, p.text, p.start, p.end,
                 p.paragraph, p.masked)
                for p in report.passages
            ],
        )  # fmt: skip

    @_guarded
    def short_paragraphs(self, max_chars: int) -> list[ShortParagraph]:
        """Every body paragraph of at most ``max_chars`` characters, with its report's region
        (its id where the region is unknown, so that unknown reports never count as one region)."""
        rows = self.db.execute(
            "SELECT p.text, coalesce(r.region, r.id) FROM passages p JOIN reports r ON r.id = p.report_id"
            " WHERE p.level = 'paragraph' AND p.kind = 'body' AND length(p.text) <= ?",
            (max_chars,),
        )
        return [ShortParagraph(text, region) for text, region in rows]

    @_guarded
    def set_aside_as_chrome(self, texts: Collection[str]) -> int:
        """Mark body paragraphs whose text is one of ``texts``, and their sentences, as chrome: kept,
        never analysed. Returns how many paragraphs were marked."""
        places = list(self._rows_in(
            "SELECT report_id, ordinal FROM passages WHERE level = 'paragraph' AND kind = 'body' AND trim(text) IN ({marks})",
            [t.strip() for t in texts]))  # fmt: skip
        if places:
            self._changed(f"chrome\0{len(places)}")
            self.db.executemany(
                "UPDATE passages SET kind = 'chrome' WHERE report_id = ? AND"
                " ((level = 'paragraph' AND ordinal = ?) OR (level = 'sentence' AND paragraph = ?))",
                [(rid, ordinal, ordinal) for rid, ordinal in places],
            )
        return len(places)

    @_guarded
    def unfingerprinted(self) -> list[str]:
        """Ids of the reports whose text has no fingerprint yet (new ones, or stored by an older semcomp)."""
        sql = "SELECT id FROM reports WHERE id NOT IN (SELECT DISTINCT report_id FROM fingerprints) ORDER BY id"
        return [rid for (rid,) in self.db.execute(sql)]

    @_guarded
    def copy_candidates(self, report_id: str, common: int, share: float) -> tuple[int, dict[str, int]]:
        """(the size of the report's fingerprint, and the size of each other report's that could hold ``share``
        of the smaller of the two's hashes with it). The holders of a hash more than ``common`` reports hold
        are never looked up, since following the genre's formulas would cost time quadratic in the corpus:
        such a hash counts as shared with every report, an upper bound (``overlaps`` counts exactly)."""
        held = dict(self.db.execute(
            "SELECT f.hash, coalesce(c.reports, 0) FROM fingerprints f LEFT JOIN hash_counts c ON c.hash = f.hash"
            " WHERE f.report_id = ?", (report_id,)))  # fmt: skip
        rare = [h for h, n in held.items() if n <= common]
        sql = ("SELECT f.report_id, s.hashes FROM fingerprints f JOIN fingerprint_sizes s ON s.report_id = f.report_id"
               " WHERE f.hash IN (SELECT value FROM json_each(?)) AND f.report_id != ? GROUP BY f.report_id"
               " HAVING count(*) + ? >= ? * min(?, s.hashes) AND s.hashes > 0")  # fmt: skip
        found = self.db.execute(sql, (json.dumps(rare), report_id, len(held) - len(rare), share, len(held)))
        return len(held), dict(found.fetchall())

    @_guarded
    def overlaps(self, report_id: str, others: Collection[str]) -> dict[str, int]:
        """How many hashes of the report's fingerprint each of ``others`` holds, counted in one query."""
        if not others:
            return {}
        sql = ("SELECT c.value, count(*) FROM json_each(?) AS c CROSS JOIN fingerprints AS m CROSS JOIN fingerprints AS o"
               " WHERE m.report_id = ? AND o.report_id = c.value AND o.hash = m.hash GROUP BY c.value")  # fmt: skip
        found = dict(self.db.execute(sql, (json.dumps(list(others), ensure_ascii=False), report_id)))
        return {other: found.get(other, 0) for other in others}

    @_guarded
    def put_fingerprint(self, report_id: str, hashes: Collection[int]) -> None:
        # a report with no text to fingerprint gets the hash -1 (no shingle's), so it is never fingerprinted again
        self.db.executemany("INSERT OR IGNORE INTO fingerprints VALUES (?, ?)", [(report_id, h) for h in hashes or (-1,)])

    @_guarded
    def put_second_copy(self, copy: str, original: str, share: float, warning: str) -> None:
        """Record ``copy`` as a second copy of ``original``, with the warning the copy's report shows."""
        self._changed(f"copy\0{copy}\0{original}")
        self.db.execute("INSERT OR REPLACE INTO copies VALUES (?, ?, ?)", (copy, original, share))
        (warnings,) = self.db.execute("SELECT warnings FROM reports WHERE id = ?", (copy,)).fetchone()
        warnings = json.dumps([*json.loads(warnings), warning], ensure_ascii=False)
        self.db.execute("UPDATE reports SET warnings = ? WHERE id = ?", (warnings, copy))

    @_guarded
    def second_copies(self) -> dict[str, tuple[str, float]]:
        """{copy's id: (original's id, share)} of every report stored twice."""
        return {rid: (original, share) for rid, original, share in self.db.execute("SELECT report_id, original, share FROM copies")}

    @_guarded
    def remove_report(self, report_id: str) -> bool:
        """Remove a report; its document goes too once it holds no other report."""
        if not self.db.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone():
            return False
        with self.transaction():
            self._drop(report_id)
        return True

    @_guarded
    def keep_only(self, report_ids: Collection[str], filters: Filters) -> list[str]:
        """Remove those of ``report_ids`` that don't pass ``filters`` (inside a transaction: a slice being
        ingested); returns the ids removed."""
        passing = set(self.report_ids(filters))
        outside = [rid for rid in report_ids if rid not in passing]
        for rid in outside:
            self._drop(rid)
        return outside

    def _drop(self, report_id: str) -> None:
        """Delete a report, and its document once it holds no other report."""
        (document,) = self.db.execute("SELECT document_id FROM reports WHERE id = ?", (report_id,)).fetchone()
        self._changed(f"remove\0{report_id}")
        self.db.execute("DELETE FROM reports WHERE id = ?", (report_id,))
        orphan = "DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reports WHERE document_id = ?)"
        self.db.execute(orphan, (document, document))

    # reading ---------------------------------------------------------------------------------

    @_guarded
    def resolve(self, ref: str) -> str:
        """A report id from an id, a unique id prefix, a document path, a unique part of an id
        (``hailaer_2015``), or a readable name (``海拉尔区 2015 政府工作报告``, ``海拉尔区2015``)."""
        if self.db.execute("SELECT 1 FROM reports WHERE id = ?", (ref,)).fetchone():
            return ref
        hits = [r[0] for r in self.db.execute("SELECT id FROM reports WHERE id LIKE ? ESCAPE '\\' ORDER BY id", (_like(ref) + "%",))]
        if not hits:
            hits = [
                r[0]
                for r in self.db.execute(
                    "SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.source LIKE ? ESCAPE '\\'",
                    ("%" + _like(ref),),
                )
            ]
        if not hits:
            inside = ("%" + _like(ref) + "%",)
            hits = [r[0] for r in self.db.execute("SELECT id FROM reports WHERE id LIKE ? ESCAPE '\\' ORDER BY id", inside)]
        labels: dict[str, str] = {}
        if not hits:
            fields = ("region", "level", "year", "report_type")
            scored = [(label_match(ref, *(r.value(f) for f in fields)), r) for r in self.reports()]
            best = max((score for score, _ in scored), default=0)
            labels = {r.id: r.label for score, r in scored if best and score == best}
            hits = list(labels)
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise NotFound(f"no report '{ref}' (see `semcomp reports`)")
        named = [f"{labels[h]} ({h})" if h in labels else h for h in hits[:5]]
        raise NotFound(f"'{ref}' matches {len(hits)} reports: {', '.join(named)}{' …' if len(hits) > 5 else ''}")

    @_guarded
    def reports(self) -> list[Report]:
        """All reports with metadata (no sections or passages), ordered by region and year."""
        rows = self.db.execute(_REPORT_ROWS + " ORDER BY r.region IS NULL, r.region, r.year, r.id").fetchall()
        return [_report(row) for row in rows]

    @_guarded
    def report(self, report_id: str, passages: bool = True) -> Report:
        row = self.db.execute(_REPORT_ROWS + " WHERE r.id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFound(f"no report '{report_id}'")
        report = _report(row)
        report.sections = [
            Section(*r)
            for r in self.db.execute(
                "SELECT path, title, depth, part, kind, start, \"end\" FROM sections WHERE report_id = ? ORDER BY rowid",
                (report_id,),
            )
        ]
        if passages:
            report.passages = [
                Passage(*r)
                for r in self.db.execute(
                    "SELECT level, ordinal, section_path, kind, part, text, start, \"end\", paragraph, masked"
                    " FROM passages WHERE report_id = ? ORDER BY level, ordinal",
                    (report_id,),
                )
            ]
        return report

    @_guarded
    def counts(self) -> dict[str, dict[str, int]]:
        """Per report: number of sections, paragraphs and sentences."""
        out: dict[str, dict[str, int]] = {}
        for rid, n in self.db.execute("SELECT report_id, count(*) FROM sections GROUP BY report_id"):
            out.setdefault(rid, {})["sections"] = n
        for rid, granularity, n in self.db.execute("SELECT report_id, level, count(*) FROM passages GROUP BY report_id, level"):
            out.setdefault(rid, {})[granularity + "s"] = n
        return out

    @_guarded
    def raw_text(self, report_id: str) -> str:
        row = self.db.execute(
            "SELECT d.raw FROM documents d JOIN reports r ON r.document_id = d.id WHERE r.id = ?", (report_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no report '{report_id}'")
        return row[0]

    # what the index and search read ------------------------------------------------------------

    @_guarded
    def passage_texts(self, granularity: Granularity) -> list[PassageText]:
        """Every passage of a granularity, in id order."""
        rows = self.db.execute("SELECT id, text FROM passages WHERE level = ? ORDER BY id", (granularity,))
        return [PassageText(*row) for row in rows]

    @_guarded
    def passage(self, passage_id: int) -> PassageGranularity | None:
        """One passage's text and granularity, or None."""
        if not -(2**63) <= passage_id < 2**63:
            return None
        row = self.db.execute("SELECT text, level FROM passages WHERE id = ?", (passage_id,)).fetchone()
        return PassageGranularity(*row) if row else None

    def _rows_in(self, sql: str, values: Sequence, before: Sequence = ()) -> Iterator[tuple]:
        """Rows of ``sql`` over ``values``, whose ``{marks}`` stands for their placeholders: in chunks, as SQLite
        takes a limited number of parameters. ``before`` are the parameters that come ahead of them."""
        for i in range(0, len(values), _IN_CHUNK):
            chunk = list(values[i : i + _IN_CHUNK])
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))), [*before, *chunk])

    @_guarded
    def passage_rows(self, passage_ids: list[int]) -> dict[int, PassageRow]:
        """Each of these passages that is still in the catalogue, by id."""
        rows = self._rows_in(
            "SELECT p.id, p.report_id, r.title, r.region, r.year, r.report_type, p.section_path, s.title, p.level, p.kind,"
            ' p.part, p.text, p.start, p."end" FROM passages p JOIN reports r ON r.id = p.report_id'
            " LEFT JOIN sections s ON s.report_id = p.report_id AND s.path = p.section_path WHERE p.id IN ({marks})",
            passage_ids,
        )
        return {pid: PassageRow(*rest) for pid, *rest in rows}

    @_guarded
    def sentence_rows(self, report_ids: Sequence[str], kinds: Sequence[str] = ("body",)) -> list[SentenceRow]:
        """These reports' sentences of these kinds, report by report in reading order."""
        kind_marks = ",".join("?" * len(kinds))
        return [SentenceRow(*row) for row in self._rows_in(
            'SELECT id, report_id, ordinal, paragraph, section_path, text, start, "end" FROM passages'
            f" WHERE level = 'sentence' AND kind IN ({kind_marks}) AND report_id IN ({{marks}}) ORDER BY report_id, ordinal",
            report_ids, before=kinds)]  # fmt: skip

    @_guarded
    def passage_records(self, granularity: Granularity) -> list[ExportRow]:
        """Every body passage of a granularity, report by report in reading order (what exports write)."""
        rows = self.db.execute(
            'SELECT p.report_id, p.ordinal, p.text, p.start, p."end", r.region, r.year FROM passages p'
            " JOIN reports r ON r.id = p.report_id WHERE p.level = ? AND p.kind = 'body' ORDER BY p.report_id, p.ordinal",
            (granularity,),
        )
        return [ExportRow(*row) for row in rows]

    @_guarded
    def paragraph_texts(self, report_ids: Sequence[str], kinds: Sequence[str]) -> list[ParagraphText]:
        """The paragraphs of these kinds of these reports, report by report in reading order."""
        kind_marks = ",".join("?" * len(kinds))
        rows = self._rows_in(
            f"SELECT report_id, text, start, end, id FROM passages WHERE level = 'paragraph' AND kind IN ({kind_marks})"
            " AND report_id IN ({marks}) ORDER BY report_id, ordinal",
            report_ids, before=kinds)  # fmt: skip
        return [ParagraphText(*row) for row in rows]

    @_guarded
    def paragraphs_by_id(self, passage_ids: Sequence[int]) -> list[ParagraphText]:
        """These passages, in the order given."""
        rows = self._rows_in("SELECT report_id, text, start, end, id FROM passages WHERE id IN ({marks})", list(passage_ids))
        found = {row[4]: ParagraphText(*row) for row in rows}
        return [found[i] for i in passage_ids]

    @_guarded
    def passage_places(self, granularity: Granularity, kinds: Sequence[str] = ("body",)) -> list[PassagePlace]:
        """A granularity's passages of these kinds, in id order."""
        marks = ",".join("?" * len(kinds))
        sql = f"SELECT id, report_id, section_path, text FROM passages WHERE level = ? AND kind IN ({marks}) ORDER BY id"
        return [PassagePlace(*row) for row in self.db.execute(sql, (granularity, *kinds))]

    @_guarded
    def section_titles(self) -> dict[tuple[str, str], str]:
        """{(report id, section path): title} of every section."""
        return {(r, p): t or "" for r, p, t in self.db.execute("SELECT report_id, path, title FROM sections")}

    @_guarded
    def grouped_passages(self, passage_ids: list[int], by: str = "year") -> list[GroupedPassage]:
        """Each passage in the order given, ``group`` being its report's year, region or type (``by``)."""
        rows = self._rows_in(
            f'SELECT p.id, p.text, {_GROUP_COLUMNS[by]}, p.report_id, r.region, r.year, p.start, p."end" FROM passages p'
            " JOIN reports r ON r.id = p.report_id WHERE p.id IN ({marks})",
            passage_ids,
        )
        found = {row[0]: GroupedPassage(*row) for row in rows}
        return [found[i] for i in passage_ids]

    @_guarded
    def years(self) -> list[int]:
        """The years of the catalogue's reports, ascending."""
        return [int(y) for (y,) in self.db.execute("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year")]

    @_guarded
    def has_region(self, region: str) -> bool:
        """Whether any report's region contains this text (taken literally: ``%`` and ``_`` are characters)."""
        return self.db.execute("SELECT 1 FROM reports WHERE region LIKE ? ESCAPE '\\'", (f"%{_like(region)}%",)).fetchone() is not None

    @_guarded
    def passage_ids(self, granularity: Granularity, filters: Filters) -> list[int]:
        """Ids of a granularity's passages that pass the filters, in id order."""
        sql = ["SELECT p.id FROM passages p JOIN reports r ON r.id = p.report_id WHERE p.level = ?"]
        args: list = [granularity]
        if filters.kinds:
            sql.append(f"AND p.kind IN ({','.join('?' * len(filters.kinds))})")
            args += filters.kinds
        _report_conditions(filters, sql, args)
        if filters.part:
            sql.append("AND p.part = ?")
            args.append(filters.part)
        sql.append("ORDER BY p.id")
        return [r[0] for r in self.db.execute(" ".join(sql), args)]

    @_guarded
    def report_ids(self, filters: Filters) -> list[str]:
        """Ids of the reports whose year, region and type pass the filters, in id order."""
        sql = ["SELECT r.id FROM reports r WHERE 1"]
        args: list[object] = []
        _report_conditions(filters, sql, args)
        sql.append("ORDER BY r.id")
        return [r[0] for r in self.db.execute(" ".join(sql), args)]

    @_guarded
    def integrity(self) -> list[str]:
        """What SQLite finds wrong with the file (``PRAGMA integrity_check``, foreign keys); empty when sound."""
        rows = [r[0] for r in self.db.execute("PRAGMA integrity_check")]
        problems = [r for r in rows if r != "ok"]
        problems += [f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in self.db.execute("PRAGMA foreign_key_check")]
        return problems


_IN_CHUNK = 500  # values per IN (…): SQLite takes at most 999 parameters in a statement
_GROUP_COLUMNS = {"year": "r.year", "region": "r.region", "type": "r.report_type"}


def salvage(path: Path) -> Salvaged:
    """What a catalogue holds, read table by table as far as a damaged file allows (for rebuilding it)."""
    try:
        db = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)
    except sqlite3.Error:
        return Salvaged([], [], {}, {})
    try:
        source_of = dict(_rows(db, "SELECT id, source FROM documents ORDER BY id"))
        stored = "SELECT source, sha256, size, format, encoding, raw FROM documents ORDER BY id"
        found = Salvaged(list(source_of.values()), [StoredDocument(*r) for r in _rows(db, stored)], {}, {})
        for rid, document_id, meta in _rows(db, "SELECT id, document_id, meta FROM reports ORDER BY document_id, ordinal"):
            try:
                fields = {k: f for k, f in json.loads(meta).items() if isinstance(f, dict)}
            except (TypeError, ValueError):
                continue
            found.reports[rid] = {k: f.get("value") for k, f in fields.items()}
            manifest = {k: str(f["value"]) for k, f in fields.items() if f.get("source") == "manifest" and f.get("value") is not None}
            if manifest and document_id in source_of:
                found.manifests.setdefault(source_of[document_id], manifest)
    finally:
        db.close()
    return found


def _rows(db: sqlite3.Connection, sql: str) -> Iterator[tuple]:
    """The rows of a query up to the first damage SQLite meets."""
    try:
        yield from db.execute(sql)
    except sqlite3.Error:
        return


def _report_conditions(filters: Filters, sql: list[str], args: list) -> None:
    """The filters on a report (alias ``r``) added to a query: the reports named, years, region, type,
    and second copies left out unless asked for (or named)."""
    if filters.reports:
        sql.append(f"AND r.id IN ({','.join('?' * len(filters.reports))})")
        args += filters.reports
    elif not filters.all_copies:
        sql.append("AND r.id NOT IN (SELECT report_id FROM copies)")
    if filters.years:
        sql.append("AND r.year BETWEEN ? AND ?")
        args += filters.years
    if filters.region:
        sql.append("AND r.region LIKE ? ESCAPE '\\'")
        args.append(f"%{_like(filters.region)}%")
    if filters.report_type:
        sql.append("AND r.report_type LIKE ? ESCAPE '\\'")
        args.append(f"%{_like(filters.report_type)}%")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _report(row: tuple) -> Report:
    rid, source, ordinal, start, end, meta, truncated, warnings = row
    fields = {k: Field(**v) for k, v in json.loads(meta).items()}
    return Report(rid, source, ordinal, start, end, fields, bool(truncated), warnings=json.loads(warnings))
