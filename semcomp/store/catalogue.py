"""The catalogue: documents, reports, sections and passages in SQLite under ``indexes/<name>/``.

Writes happen inside one transaction per ingest run, so an interrupted run leaves the previous
catalogue as it was. Documents are keyed by path and content hash: the same file twice adds
nothing, a changed file replaces its old version, the same bytes under another path are skipped.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from semcomp.model import Field, Passage, Report, Section

SCHEMA_VERSION = 1
FILENAME = "catalogue.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, source TEXT UNIQUE NOT NULL, sha256 TEXT NOT NULL, size INTEGER,
    format TEXT, encoding TEXT, raw TEXT NOT NULL, ingested_at TEXT DEFAULT (datetime('now')));
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER, start INTEGER, "end" INTEGER, title TEXT, region TEXT, level TEXT, year INTEGER,
    date TEXT, report_type TEXT, speaker TEXT, role TEXT, truncated INTEGER, meta TEXT, warnings TEXT);
CREATE TABLE IF NOT EXISTS sections (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, path TEXT, title TEXT,
    depth INTEGER, part TEXT, kind TEXT, start INTEGER, "end" INTEGER, PRIMARY KEY (report_id, path));
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    level TEXT, ordinal INTEGER, section_path TEXT, kind TEXT, part TEXT, text TEXT,
    start INTEGER, "end" INTEGER, paragraph INTEGER, masked INTEGER);
CREATE INDEX IF NOT EXISTS passages_report ON passages(report_id, level, ordinal);
"""


# one report row, in the order _report() reads it
_REPORT_ROWS = (
    'SELECT r.id, d.source, r.ordinal, r.start, r."end", r.meta, r.truncated, r.warnings'
    " FROM reports r JOIN documents d ON d.id = r.document_id"
)


class CatalogueError(RuntimeError):
    """A catalogue that is missing, or that this version cannot read."""


def index_dir(name: str, root: Path | str | None = None) -> Path:
    base = Path(root or os.environ.get("SEMCOMP_INDEXES", "indexes"))
    return base / name


class Catalogue:
    """Read and write access to one catalogue file."""

    def __init__(self, path: Path, create: bool = False) -> None:
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise CatalogueError(f"no catalogue at {self.path} (run `semcomp ingest PATH` first)")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(SCHEMA)
            version = self.db.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CatalogueError(f"{self.path} is not a semcomp catalogue ({exc})") from None
        if version is None:
            self.db.execute("INSERT INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(version[0]) != SCHEMA_VERSION:
            raise CatalogueError(f"{self.path} has schema {version[0]}; this semcomp reads {SCHEMA_VERSION}")

    @classmethod
    def open(cls, name: str = "default", root: Path | str | None = None, create: bool = False) -> Catalogue:
        return cls(index_dir(name, root) / FILENAME, create=create)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception or interrupt rolls everything back."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # documents -----------------------------------------------------------------------------

    def document_state(self, source: str, sha256: str) -> tuple[str, str | None]:
        """``("new"|"unchanged"|"changed"|"duplicate", other source)`` for an incoming document."""
        row = self.db.execute("SELECT sha256 FROM documents WHERE source = ?", (source,)).fetchone()
        if row:
            return ("unchanged", None) if row[0] == sha256 else ("changed", None)
        dup = self.db.execute("SELECT source FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return ("duplicate", dup[0]) if dup else ("new", None)

    def put_document(self, source: str, sha256: str, size: int, fmt: str, encoding: str | None, raw: str) -> int:
        self.db.execute("DELETE FROM documents WHERE source = ?", (source,))
        cur = self.db.execute(
            "INSERT INTO documents (source, sha256, size, format, encoding, raw) VALUES (?, ?, ?, ?, ?, ?)",
            (source, sha256, size, fmt, encoding, raw),
        )
        return int(cur.lastrowid)

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
                (report.id, p.level, p.ordinal, p.section_path, p.kind, p.part, p.text, p.start, p.end,
                 p.paragraph, p.masked)
                for p in report.passages
            ],
        )  # fmt: skip

    def remove_report(self, report_id: str) -> bool:
        """Remove a report; its document goes too once it holds no other report."""
        row = self.db.execute("SELECT document_id FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            return False
        with self.transaction():
            self.db.execute("DELETE FROM reports WHERE id = ?", (report_id,))
            self.db.execute(
                "DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reports WHERE document_id = ?)",
                (row[0], row[0]),
            )
        return True

    # reading ---------------------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """A report id from an id, a unique id prefix, or a document path."""
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
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise KeyError(f"no report '{ref}' (see `semcomp reports`)")
        raise KeyError(f"'{ref}' matches {len(hits)} reports: {', '.join(hits[:5])}{' …' if len(hits) > 5 else ''}")

    def reports(self) -> list[Report]:
        """All reports with metadata (no sections or passages), ordered by region and year."""
        rows = self.db.execute(_REPORT_ROWS + " ORDER BY r.region IS NULL, r.region, r.year, r.id").fetchall()
        return [_report(row) for row in rows]

    def report(self, report_id: str, passages: bool = True) -> Report:
        row = self.db.execute(_REPORT_ROWS + " WHERE r.id = ?", (report_id,)).fetchone()
        if row is None:
            raise KeyError(f"no report '{report_id}'")
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

    def counts(self) -> dict[str, dict[str, int]]:
        """Per report: number of sections, paragraphs and sentences."""
        out: dict[str, dict[str, int]] = {}
        for rid, n in self.db.execute("SELECT report_id, count(*) FROM sections GROUP BY report_id"):
            out.setdefault(rid, {})["sections"] = n
        for rid, level, n in self.db.execute("SELECT report_id, level, count(*) FROM passages GROUP BY report_id, level"):
            out.setdefault(rid, {})[level + "s"] = n
        return out

    def raw_text(self, report_id: str) -> str:
        row = self.db.execute(
            "SELECT d.raw FROM documents d JOIN reports r ON r.document_id = d.id WHERE r.id = ?", (report_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no report '{report_id}'")
        return row[0]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _report(row: tuple) -> Report:
    rid, source, ordinal, start, end, meta, truncated, warnings = row
    fields = {k: Field(**v) for k, v in json.loads(meta).items()}
    return Report(rid, source, ordinal, start, end, fields, bool(truncated), warnings=json.loads(warnings))
