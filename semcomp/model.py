"""The one document model every stage shares: reports, their sections and passages.

Offsets (``start``/``end``) are character offsets into the report's raw document text, so any
passage can be quoted from the unmodified source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from semcomp.text.report_names import report_label, short_region, short_type

Source = Literal["title", "opening", "body", "filename", "manifest"]
PassageKind = Literal["heading", "body", "table", "glossary", "chrome"]  # chrome: a page's own text, kept, never analysed
PROSE: tuple[PassageKind, ...] = ("body", "heading")  # a report's own words: what attention and diffusion read
Part = Literal["review", "plan", "other"]
Granularity = Literal["paragraph", "sentence"]  # what a passage is
GranularityChoice = Literal["paragraph", "sentence", "both"]  # what ``index --level`` builds

# a report's metadata; "level" is its level of government (national, province, prefecture, county, district, town)
META_FIELDS = ("title", "region", "level", "year", "date", "report_type", "issuer", "speaker", "role")

# JSON writes both a passage's granularity and a report's level of government as ``level``, as it did before the
# code told the two apart, so that scripts reading the output keep working
JSON_NAMES = {"granularity": "level", "gov_level": "level", "by_gov_level": "by_level"}


def json_fields(record: Any) -> dict[str, Any]:
    """A dataclass record's fields in their order, under their JSON names."""
    return {JSON_NAMES.get(k, k): v for k, v in asdict(record).items()}


@dataclass(frozen=True)
class Field:
    """A metadata value with where it came from."""

    value: Any
    source: Source
    confidence: float = 1.0  # how far the source is trusted (1.0: a manifest; a file name 0.5)


@dataclass
class Section:
    path: str  # "2.3": third child of the second top-level section; "0" is the preamble
    title: str
    depth: int
    part: Part
    kind: PassageKind
    start: int
    end: int


@dataclass
class Passage:
    granularity: Granularity
    ordinal: int  # position among the report's passages of this granularity
    section_path: str
    kind: PassageKind
    part: Part
    text: str
    start: int
    end: int
    paragraph: int | None = None  # for sentences: ordinal of the paragraph they belong to
    masked: int = 0  # number of masked-name runs (**) inside


@dataclass
class Report:
    id: str
    source: str  # the document path (or path#row for corpus rows)
    ordinal: int  # position of this report within its document
    start: int
    end: int
    meta: dict[str, Field] = field(default_factory=dict)
    truncated: bool = False
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def value(self, name: str) -> Any:
        f = self.meta.get(name)
        return f.value if f else None

    @property
    def label(self) -> str:
        """``海拉尔区 2015 政府工作报告``: how a reader names the report (shown next to its id)."""
        return report_label(self.value("region"), self.gov_level, self.value("year"), self.value("report_type"))

    @property
    def place(self) -> str:
        """``海拉尔区``: the region as readers name it."""
        return short_region(self.value("region"), self.gov_level)

    @property
    def gov_level(self) -> str | None:
        """The level of government that delivered the report: national, province, prefecture, county …"""
        return self.value("level")

    @property
    def when(self) -> tuple[int, str]:
        """(year, date) to put reports in the order they were delivered: no year first, no date first in its year."""
        return self.value("year") or 0, self.value("date") or ""

    @property
    def type_name(self) -> str:
        """``上半年执行情况``: the report type as readers shorten it."""
        return short_type(self.value("report_type"))

    def meta_dict(self) -> dict[str, Any]:
        return {k: (asdict(v) if v else None) for k, v in ((n, self.meta.get(n)) for n in META_FIELDS)}
