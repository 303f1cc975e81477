"""Figures as a reader writes them, for tables in the terminal and on pages."""

from __future__ import annotations

from semcomp.figures.reader import Figure


def figures_text(figures: list[Figure]) -> str:
    """``806亿元；增长3.2%``: a report's values of one indicator, each with its period where it has one."""
    return "；".join(dict.fromkeys(f"{f.describe()}（{f.period}）" if f.period else f.describe() for f in figures))
