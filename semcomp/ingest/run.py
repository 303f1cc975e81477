"""``semcomp ingest``: paths → catalogue, with per-file outcomes and a summary.

The whole run is one transaction: an interrupted run leaves the catalogue as it was. Inside it
each file has its own savepoint, so a file that fails for any reason is skipped with its reason
and the rest of the batch is stored.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from semcomp.bounded_read import MB, TooLarge, read_bounded
from semcomp.errors import SemcompError
from semcomp.ingest.chrome import MAX_CHROME, repeated_chrome
from semcomp.ingest.copies import COMMON, SECOND_COPY, SecondCopy, fingerprint, second_copy
from semcomp.ingest.decoding import DecodeError, decode
from semcomp.ingest.metadata import contradicted
from semcomp.ingest.pipeline import PARSER, parse_document
from semcomp.ingest.readers import DEFAULT_MAX_MB, MAX_MB, META_COLUMNS, Document, Skip, discover, read_path
from semcomp.model import Report
from semcomp.safe_text import path_text
from semcomp.store.catalogue import Catalogue
from semcomp.store.failures import disk_full
from semcomp.store.filters import DEFAULT_KINDS, Filters
from semcomp.store.records import StoredDocument

MANIFEST_LIMIT = 50 * MB  # a manifest lists files: 50 MB is a million rows


class IngestError(SemcompError):
    """Options that make no sense for an ingest run."""


@dataclass
class Outcome:
    """What happened to one file (or corpus row)."""

    source: str
    status: str  # added | replaced | reread (by a newer parser) | unchanged | duplicate | skipped | ignored
    reason: str = ""
    reports: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "skipped"


@dataclass
class IngestSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    chrome: int = 0  # paragraphs set aside as chrome by repetition across the catalogue
    copies: list[SecondCopy] = field(default_factory=list)  # reports found stored twice

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(o.failed for o in self.outcomes)

    @property
    def reports(self) -> int:
        return sum(len(o.reports) for o in self.outcomes)


def load_manifest(path: Path) -> dict[Path, dict[str, str]]:
    """Rows of a manifest CSV keyed by the resolved path of the file each row describes."""
    try:
        text = decode(read_bounded(path, MANIFEST_LIMIT)).text
    except (OSError, DecodeError, TooLarge) as exc:
        raise ValueError(f"cannot read manifest {path_text(path)}: {exc}") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "file" not in rows[0]:
        raise ValueError(f"manifest {path_text(path)} needs a 'file' column")
    out = {}
    for row in rows:
        meta = {}
        for key, options in META_COLUMNS.items():
            col = next((c for c in row if c and c.strip().lower() in options), None)
            if col and row[col] and row[col].strip():
                meta[key] = row[col].strip()
        out[(path.parent / row["file"]).resolve()] = meta
    return out


def _is_manifest(path: Path) -> bool:
    return path.suffix.lower() == ".csv" and path.stem.lower().startswith("manifest")


def ingest(
    paths: Iterable[Path],
    catalogue: Catalogue,
    manifests: Iterable[Path] = (),
    max_mb: float = DEFAULT_MAX_MB,
    on_file: Callable[[Path], None] | None = None,
    known: Mapping[str, Mapping[str, str]] | None = None,
    keep: Filters | None = None,
) -> IngestSummary:
    """Ingest files and folders. Manifests named ``manifest*.csv`` inside them are used too;
    an explicit manifest wins over one found beside the files. ``known``: manifest values by source
    (what a catalogue being rebuilt had), which a manifest given now overrides. ``keep``: store only the
    reports that pass these filters (a slice: a region, some years, a type), read as every command reads them."""
    if not (isinstance(max_mb, int | float) and math.isfinite(max_mb) and 0 < max_mb <= MAX_MB):
        raise IngestError(f"the size limit takes a number of megabytes above 0 and up to {MAX_MB:,}, not {max_mb!r}")
    files = list(discover([Path(p) for p in paths]))
    meta: dict[Path, dict[str, str]] = {}
    summary = IngestSummary()
    for path in [f for f in files if _is_manifest(f)] + list(manifests):
        try:
            meta.update(load_manifest(Path(path)))
        except ValueError as exc:
            summary.outcomes.append(Outcome(path_text(path), "skipped", str(exc)))
    with catalogue.transaction():
        for path in files:
            if on_file:
                on_file(path)
            if _is_manifest(path):
                summary.outcomes.append(Outcome(path_text(path), "ignored", "manifest (used for metadata)"))
                continue
            if not path.exists():
                reason = "a link to nothing (dangling symlink)" if path.is_symlink() else "no such file or folder"
                summary.outcomes.append(Outcome(path_text(path), "skipped", reason))
                continue
            if path.is_dir():
                summary.outcomes.append(Outcome(path_text(path), "skipped", "a folder that can't be listed (permission denied)"))
                continue
            with catalogue.savepoint() as undo:
                outcomes: list[Outcome] = []
                try:
                    for doc in read_path(path, max_mb):
                        given = (dict(known.get(doc.source, {})) if known else {}) | meta.get(path.resolve(), {}) | doc.row_meta
                        outcomes.append(_store(catalogue, doc, given))
                    failure = None
                except Skip as skip:
                    failure = Outcome(path_text(path), "skipped" if skip.failed else "ignored", skip.reason)
                except Exception as exc:
                    if disk_full(exc):  # the catalogue can't be written: the whole run is rolled back and says so
                        raise
                    # an unreadable file, a bug or a hostile file must not cost the batch
                    why = (f"cannot read ({exc.strerror or exc})" if isinstance(exc, OSError)
                           else f"could not be read ({type(exc).__name__}: {exc})")  # fmt: skip
                    failure = Outcome(path_text(path), "skipped", why)
                if failure is not None:
                    undo()  # whatever the file had stored before it failed
                    outcomes = [failure]
            summary.outcomes.extend(outcomes)
        if keep is not None:
            _slice(catalogue, summary, keep)
        _across_catalogue(catalogue, summary)
    return summary


def _slice(catalogue: Catalogue, summary: IngestSummary, keep: Filters) -> None:
    """Remove the new reports outside ``keep``; an input left with none is ignored, and says why."""
    outside = set(catalogue.keep_only([rid for o in summary.outcomes for rid in o.reports], keep))
    for o in summary.outcomes:
        if outside & set(o.reports):
            o.reports = [rid for rid in o.reports if rid not in outside]
            if not o.reports:
                o.status, o.reason, o.warnings = "ignored", "outside the slice asked for (region, year, type)", []


def restore(documents: Iterable[StoredDocument], catalogue: Catalogue, manifests: Mapping[str, Mapping[str, str]]) -> IngestSummary:
    """Store documents from the text a catalogue held, under the keys it held them by, each with the manifest
    values it was given: a catalogue rebuilt from what it stored, files or no files, names of any encoding."""
    summary = IngestSummary()
    with catalogue.transaction():
        for stored in documents:
            path, _, row = stored.source.partition("#row=")
            doc = Document(Path(path), stored.raw, stored.format, stored.encoding, stored.sha256, stored.size,
                           row=int(row) if row.isdigit() else None, stored_as=stored.source)  # fmt: skip
            summary.outcomes.append(_store(catalogue, doc, dict(manifests.get(stored.source, {}))))
        _across_catalogue(catalogue, summary)
    return summary


def _across_catalogue(catalogue: Catalogue, summary: IngestSummary) -> None:
    """What the new reports change across the catalogue: chrome found by repetition, second copies."""
    summary.chrome = catalogue.set_aside_as_chrome(repeated_chrome(catalogue.short_paragraphs(MAX_CHROME)))
    new = [rid for o in summary.outcomes if o.status in ("added", "replaced", "reread") for rid in o.reports]
    summary.copies = _second_copies(catalogue, new)


def report_fingerprint(report: Report) -> set[int]:
    return fingerprint(p.text for p in report.passages if p.granularity == "paragraph" and p.kind in DEFAULT_KINDS)


def _second_copies(catalogue: Catalogue, new: list[str]) -> list[SecondCopy]:
    """Record the new reports (and any an older semcomp stored without a fingerprint) that are one
    text with another report of the catalogue (see ``copies``)."""
    for rid in catalogue.unfingerprinted():
        catalogue.put_fingerprint(rid, report_fingerprint(catalogue.report(rid)))
        new.append(rid)
    known = catalogue.second_copies()
    found = []
    for rid in new:
        size, sizes = catalogue.copy_candidates(rid, COMMON, SECOND_COPY)
        copy = second_copy(rid, size, catalogue.overlaps(rid, list(sizes)), sizes)
        if copy is None or copy.copy in known or copy.original in known:
            continue
        a, b = catalogue.report(copy.copy, passages=False), catalogue.report(copy.original, passages=False)
        if copy.mutual and contradicted(b.warnings) and not contradicted(a.warnings):  # keep the one whose text bears its label out
            copy, a, b = copy.swapped(), b, a
        labels = "" if a.label == b.label else f"; filed as {a.label}, the other as {b.label}"
        warning = (f"second copy of {b.label} ({b.id}): {copy.share:.0%} of its text is there{labels}; "
                   "left out of reuse, themes and series unless all copies are asked for")  # fmt: skip
        catalogue.put_second_copy(copy.copy, copy.original, copy.share, warning)
        known[copy.copy] = (copy.original, copy.share)
        found.append(copy)
    return found


def _store(catalogue: Catalogue, doc: Document, manifest: dict[str, str]) -> Outcome:
    source = doc.source
    if doc.refused:
        return Outcome(source, "skipped", doc.refused)
    state, other = catalogue.document_state(source, doc.sha256, PARSER)
    if state == "unchanged":
        return Outcome(source, "unchanged")
    if state == "duplicate":
        return Outcome(source, "duplicate", f"same content as {other}")
    reports, warnings = parse_document(doc.raw, source, doc.name, manifest or None)
    warnings = doc.warnings + warnings
    if not reports:
        return Outcome(source, "skipped", "; ".join(warnings) or "no report found")
    doc_id = catalogue.put_document(source, doc.sha256, doc.size, doc.format, doc.encoding, doc.raw, PARSER)
    ids = []
    for report in reports:
        report.id = catalogue.free_report_id(report.id)
        catalogue.put_report(doc_id, report)
        catalogue.put_fingerprint(report.id, report_fingerprint(report))
        ids.append(report.id)
        warnings.extend(f"{report.id}: {w}" if len(reports) > 1 else w for w in report.warnings)
    status = {"changed": "replaced", "outdated": "reread"}.get(state, "added")
    return Outcome(source, status, reports=ids, warnings=warnings)
