"""The rows the catalogue hands to the rest of the package, as named records.

Everything outside ``store`` reads these by field name: adding a column to a query then breaks nothing
that does not ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from semcomp.model import Granularity


class PassageText(NamedTuple):
    id: int
    text: str


class PassageGranularity(NamedTuple):
    text: str
    granularity: Granularity


@dataclass(frozen=True)
class PassageRow:
    """A passage with its report's and section's metadata: what search hits (which extend it) and exports show."""

    report_id: str
    title: str | None
    region: str | None
    year: int | None
    report_type: str | None
    section_path: str
    section_title: str | None
    granularity: Granularity
    kind: str
    part: str
    text: str
    start: int  # offsets into the report's raw text
    end: int


class SentenceRow(NamedTuple):
    id: int
    report_id: str
    ordinal: int
    paragraph: int | None  # ordinal of the paragraph that holds it
    section_path: str
    text: str
    start: int
    end: int


class ExportRow(NamedTuple):
    """A body passage as reuse exports write it."""

    report_id: str
    ordinal: int
    text: str
    start: int
    end: int
    region: str | None
    year: int | None


class PassagePlace(NamedTuple):
    id: int
    report_id: str
    section_path: str
    text: str


class GroupedPassage(NamedTuple):
    """A passage and the group its report falls in (its year, region or type)."""

    id: int
    text: str
    group: str | int | None
    report_id: str
    region: str | None
    year: int | None
    start: int
    end: int


class ParagraphText(NamedTuple):
    """One paragraph of a report, as the attention counts and phrase searches read it."""

    report_id: str
    text: str
    start: int  # offsets into the report's raw text
    end: int
    id: int  # the passage's


class ShortParagraph(NamedTuple):
    """A short body paragraph and its report's region: what chrome by repetition is looked for in."""

    text: str
    region: str


@dataclass
class Salvaged:
    """What a damaged catalogue still tells, for rebuilding it faithfully: every source it lists, the stored
    text of each document that still reads, the manifest values its reports were given, and the metadata
    each report had (to say what a rebuild changed)."""

    sources: list[str]
    documents: list[StoredDocument]
    manifests: dict[str, dict[str, str]]  # source → field → the manifest's value
    reports: dict[str, dict[str, object]]  # report id → field → value


class StoredDocument(NamedTuple):
    source: str
    sha256: str
    size: int
    format: str
    encoding: str | None
    raw: str
