"""An indicator across reports: one row per region and period, the result next to the target.

A government work report of year Y states Y−1's results and Y's targets, so a year's row takes its
result from one report and its target from another; both are kept with their report and offsets.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from semcomp.errors import SemcompError
from semcomp.figures.indicators import INDICATORS, lookup
from semcomp.figures.reader import Figure
from semcomp.figures.report import report_figures
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters


class FiguresError(SemcompError):
    """An unknown indicator, or a report or selection that states no figures."""


@dataclass
class SeriesRow:
    region: str
    period: str
    year: int
    result: Figure | None = None  # the level reached (an estimate where no result is stated)
    growth: Figure | None = None  # the growth reached
    target: Figure | None = None  # the target set for the period (a growth, else a level)
    gap: float | None = None  # points above or below the target, as the report states it
    reports: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # result, growth, target: the report each came from

    def to_dict(self) -> dict:
        def value(f: Figure | None) -> dict | None:
            return None if f is None else {"value": f.normalised, "unit": f.normal_unit, "text": f.describe(), "kind": f.kind,
                                           "quote": f.text, "start": f.start, "end": f.end}  # fmt: skip

        return {"region": self.region, "period": self.period, "year": self.year, "result": value(self.result),
                "growth": value(self.growth), "target": value(self.target), "gap": self.gap, "reports": self.reports}  # fmt: skip


def standard(name: str) -> str:
    """The dictionary's name for an indicator or any synonym of it."""
    found = lookup(name)
    if found is None:
        names = "、".join(i.name for i in INDICATORS)
        raise FiguresError(f"unknown indicator '{name}' (standard indicators: {names})")
    return found.name


def series(catalogue: Catalogue, indicator: str, filters: Filters = Filters()) -> list[SeriesRow]:
    """``indicator`` in every selected report, by region and period, oldest first."""
    name = standard(indicator)
    rows = [row for (_, row) in collect(catalogue, filters, {name})]
    if not rows:
        raise FiguresError(f"no report in the selection states {name}")
    return rows


def collect(catalogue: Catalogue, filters: Filters, names: Collection[str] | None = None) -> list[tuple[str, SeriesRow]]:
    """(indicator, row) of the named standard indicators (all of them without ``names``) in every selected
    report, each report's figures read once; by indicator, region and period, oldest first."""
    rows: dict[tuple[str, str, str], SeriesRow] = {}
    for report_id in catalogue.report_ids(filters):
        report = catalogue.report(report_id)
        region = report.value("region") or ""
        for f in report_figures(report):
            if not f.standard or (names is not None and f.indicator not in names) or f.year is None or f.measure == "average growth":
                continue
            row = rows.setdefault((f.indicator, region, f.period), SeriesRow(region, f.period, f.year))
            _take(row, f, report.id)
            if report.id not in row.reports:
                row.reports.append(report.id)
    return [(key[0], row) for key, row in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[1].region, kv[1].year, kv[1].period))]


def _take(row: SeriesRow, f: Figure, report_id: str) -> None:
    """The first statement of each part of a row wins; a result beats an estimate."""
    if f.kind == "target":
        if row.target is None or (row.target.measure == "level" and f.measure == "growth"):
            row.target = f
            row.sources["target"] = report_id
        return
    slot = "result" if f.measure == "level" else "growth" if f.measure == "growth" else None
    if slot is None:
        return
    have = getattr(row, slot)
    if have is None or (have.kind == "estimate" and f.kind == "result"):
        setattr(row, slot, f)
        row.sources[slot] = report_id
        if slot == "growth" and f.gap is not None:
            row.gap = f.gap
