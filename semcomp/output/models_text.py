"""The models folder in the terminal."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from semcomp.output.terminal import line


def models_table(rows: list[dict[str, Any]], current: str) -> Table:
    """Each model's name (the configured one marked), whether it is prepared, where it comes from and lies."""
    table = Table()
    for col in ("name", "prepared", "source", "path"):
        table.add_column(col)
    for r in rows:
        mark = line(r["name"], (" (current)", "green") if r["name"] == current else "")
        table.add_row(mark, "yes" if r["prepared"] else "no", r["source"], r["path"])
    return table
