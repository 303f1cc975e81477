"""Figures as a reader writes them, for tables in the terminal and on pages, and the terminal's tables of them."""

from __future__ import annotations

from rich.table import Table

from semcomp.figures.reader import Figure
from semcomp.figures.report import lines
from semcomp.figures.series import SeriesRow


def figures_text(figures: list[Figure], sep: str = "；") -> str:
    """``806亿元；增长3.2%``: a report's values of one indicator, each with its period where it has one
    (a terminal gives each its own line, ``sep="\\n"``, so that no value breaks in two)."""
    return sep.join(dict.fromkeys(f"{f.describe()}（{f.period}）" if f.period else f.describe() for f in figures))


def gap_text(gap: float | None) -> str:
    return "" if gap is None else f"{gap:+g} 个百分点"


def report_figures_table(report_id: str, found: list[Figure]) -> Table:
    """A report's figures, one line per indicator and kind; the standard indicators first, then a rule."""
    table = Table(title=f"{report_id}: key figures")
    for col in ("indicator", "kind", "period", "value", "growth", "gap"):
        table.add_column(col, overflow="fold")
    folded = lines(found)
    for n, line in enumerate(folded):
        if n and not line.standard and folded[n - 1].standard:
            table.add_section()
        table.add_row(line.indicator, line.kind, line.period, line.amount.describe() if line.amount else "",
                      line.growth.describe() if line.growth else "", gap_text(line.growth.gap if line.growth else None))  # fmt: skip
    return table


def series_table(rows: list[SeriesRow]) -> Table:
    """One indicator across regions and periods: result, growth, target and the gap between them."""
    table = Table()
    for col in ("region", "period", "result", "growth", "target", "gap"):
        table.add_column(col, overflow="fold")
    for r in rows:
        result = f"{r.result.normalised:g}{r.result.normal_unit}{'（预计）' if r.result.kind == 'estimate' else ''}" if r.result else ""
        table.add_row(r.region, r.period, result, r.growth.describe() if r.growth else "", r.target.describe() if r.target else "",
                      gap_text(r.gap))  # fmt: skip
    return table
