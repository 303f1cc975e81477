"""Themes in the terminal and as CSV: the shares table, rising and falling themes, representatives."""

from __future__ import annotations

import csv
from typing import TextIO

from rich.console import Console
from rich.table import Table

from semcomp.output.terminal import line
from semcomp.safe_text import spreadsheet_cell
from semcomp.themes.model import Themes


def themes_csv(result: Themes, stream: TextIO) -> None:
    """One row per theme: id, label, size and its share of every group."""
    writer = csv.writer(stream)
    writer.writerow(map(spreadsheet_cell, ["theme", "label", "size", *result.groups]))
    for t in result.themes:
        writer.writerow(map(spreadsheet_cell, [t.id, t.label, t.size, *(t.shares.get(g, 0.0) for g in result.groups)]))


def print_themes(result: Themes, console: Console) -> None:
    table = Table(show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("theme", overflow="fold", min_width=18)
    table.add_column("size", justify="right", no_wrap=True)
    shown = result.groups[-max(3, (console.width - 34) // 6) :]  # the latest groups that fit; --csv has all
    for g in shown:
        table.add_column(g, justify="right", no_wrap=True)
    for t in result.themes:
        table.add_row(str(t.id), t.label, str(t.size), *(f"{t.shares.get(g, 0.0):.0%}" for g in shown))
    console.print(table)
    if result.by == "year":
        for word, items in (("rising", result.rising()), ("falling", result.falling())):
            if items:
                trends = "; ".join(f"{t.id} {t.label} ({(t.trend or 0.0) * 100:+.2f} points/year)" for t in items)
                console.print(line((f"{word}: ", "bold"), trends))
    for t in result.themes:
        console.print(line((f"{t.id} {t.label}", "bold"), " ", (" ".join(t.terms), "dim")))
        for r in t.representatives:
            console.print(line("  ", (r.label or r.report_id, "dim"), " ", r.text[:90]))


def print_per_year(years: dict[str, Themes], console: Console) -> None:
    """Each year's themes, each marked with the theme of the year before that it continues, or new."""
    previous = None
    for year, result in years.items():
        console.rule(f"{year}: {len(result.themes)} themes, {result.passages} passages")
        for t in result.themes:
            link = f"  ← {previous.themes[t.follows].label}" if previous is not None and t.follows is not None else "  (new)"
            console.print(line(f"{t.id:>2} {t.label} ", (f"({t.size}){link if previous is not None else ''}", "dim")))
        previous = result
