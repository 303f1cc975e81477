"""A comparison of two reports in the terminal: key figures side by side, themes that moved, and the
aligned passages with what changed marked."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from semcomp.compare.report import Comparison
from semcomp.output.changes import as_text
from semcomp.output.figures_text import figures_text
from semcomp.output.terminal import line

STYLES = {"kept": "green", "reworded": "yellow", "new": "cyan", "dropped": "red"}


def print_comparison(result: Comparison, console: Console, only_changes: bool = False) -> None:
    a_name, b_name = f"{result.a_label}\n{result.a}", f"{result.b_label}\n{result.b}"
    figures = Table(title="key figures")
    for col in ("indicator", "kind", a_name, b_name):
        figures.add_column(col, overflow="fold")
    for p in result.figures[:25]:
        figures.add_row(p.indicator, p.kind, figures_text(p.a, "\n"), figures_text(p.b, "\n"))
    console.print(figures)
    for t in result.themes[:5]:
        console.print(f"theme {t['theme']}: {t['a']:.0%} → {t['b']:.0%} ({t['change'] * 100:+.1f} points)")
    table = Table(show_lines=True, caption="B's column marks what changed: A's words struck through, B's underlined, figures bold")
    table.add_column(a_name, ratio=1, overflow="fold")
    table.add_column(b_name, ratio=1, overflow="fold")
    table.add_column("", no_wrap=True)
    for r in result.rows:
        if only_changes and r.status == "kept":
            continue
        mark = line((r.status, STYLES[r.status]), "" if r.confidence is None else f"\n{r.similarity:.2f}\np {r.confidence:.2f}")
        b_text = as_text(r.changes) if r.changes else (r.b.text if r.b else "")
        table.add_row(r.a.text if r.a else "", b_text, mark)
    console.print(table)
