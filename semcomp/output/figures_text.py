"""Figures as a reader writes them, for tables in the terminal and on pages."""

from __future__ import annotations

from semcomp.figures.reader import Figure


def figures_text(figures: list[Figure], sep: str = "；") -> str:
    """``806亿元；增长3.2%``: a report's values of one indicator, each with its period where it has one
    (a terminal gives each its own line, ``sep="\\n"``, so that no value breaks in two)."""
    return sep.join(dict.fromkeys(f"{f.describe()}（{f.period}）" if f.period else f.describe() for f in figures))
