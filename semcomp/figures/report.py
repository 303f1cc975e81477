"""A report's figures, read paragraph by paragraph with what the report says about its periods."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from semcomp.figures.reader import Context, Figure, opening_period, read, read_table
from semcomp.model import Passage, Report

LATE_MONTH = 11  # a work report delivered from November on reviews the year it was delivered in


def context(report: Report, part: str, section: str = "") -> Context:
    """When a report's figures are: a half-year report is about its year's first half; a government
    work report of year Y reviews Y−1 and plans Y, unless it was delivered late in the year (金牛区's
    of 2022-12-27 reviews 2022 and plans 2023). ``section``: the titles above the text."""
    year, date = report.value("year"), report.value("date") or ""
    if "上半年" in (report.value("report_type") or ""):
        return Context(year, year, part, half_year=True, this_year=year, section=section)
    delivered = int(date[:4]) if date[:4].isdigit() else None
    if delivered and date[5:7].isdigit() and int(date[5:7]) >= LATE_MONTH:
        return Context(delivered, delivered + 1, part, this_year=delivered, section=section)
    return Context(None if year is None else year - 1, year, part, this_year=delivered or year, section=section)


def _titles(report: Report) -> dict[str, str]:
    """Each section's title joined with its parents' (``2 今后五年的目标任务 2.1 …``)."""
    own = {s.path: s.title for s in report.sections}
    return {path: " ".join(own.get(".".join(path.split(".")[: n + 1]), "") for n in range(path.count(".") + 1)) for path in own}


def report_figures(report: Report) -> list[Figure]:
    """Every figure of a report's prose, the dictionary's indicators first, each in text order."""
    sentences: dict[int, list[Passage]] = defaultdict(list)
    for p in report.passages:
        if p.granularity == "sentence" and p.paragraph is not None:
            sentences[p.paragraph].append(p)
    found: list[Figure] = []
    titles = _titles(report)
    opened: dict[str, str] = {}  # per section: the span of years its paragraphs last opened with
    table: list[Passage] = []
    for p in report.passages:
        if p.granularity != "paragraph":
            continue
        if p.kind == "table" and (not table or table[-1].ordinal == p.ordinal - 1):
            table.append(p)
            continue
        found += _table(report, table)
        table = [p] if p.kind == "table" else []
        if p.kind == "body":
            parts = sentences.get(p.ordinal) or [p]
            period = opening_period(p.text)
            if period is not None:
                opened[p.section_path] = period
            where = opened.get(p.section_path, titles.get(p.section_path, ""))
            found += read([(s.text, s.start, s.end) for s in parts], context(report, p.part, where))
    found += _table(report, table)
    return sorted(found, key=lambda f: not f.standard)


def _table(report: Report, rows: list[Passage]) -> list[Figure]:
    return read_table([(p.text, p.start, p.end) for p in rows], context(report, rows[0].part)) if rows else []


@dataclass
class Line:
    """One indicator, kind and period of a report, its amount (a level) and its growth side by side."""

    indicator: str
    standard: bool
    kind: str
    period: str
    amount: Figure | None = None
    growth: Figure | None = None


def lines(figures: list[Figure]) -> list[Line]:
    """Figures folded into one line per indicator, kind and period: the first level and growth stated."""
    folded: dict[tuple[str, str, str], Line] = {}
    for f in figures:
        line = folded.setdefault((f.indicator, f.kind, f.period), Line(f.indicator, f.standard, f.kind, f.period))
        if f.measure == "level" and line.amount is None:
            line.amount = f
        elif f.measure != "level" and line.growth is None:
            line.growth = f
    return list(folded.values())
