"""The catalogue's reports in the terminal and as records: the list, one report's metadata and
outline, one section's paragraphs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from semcomp.model import META_FIELDS, Passage, Report
from semcomp.output.terminal import line


def report_record(r: Report) -> dict[str, Any]:
    """A report's metadata as ``reports --json`` and ``show --json`` give it."""
    return {"id": r.id, "label": r.label, "source": r.source, "start": r.start, "end": r.end, "truncated": r.truncated} | {
        k: r.value(k) for k in META_FIELDS
    } | {"meta": r.meta_dict(), "warnings": r.warnings}


def report_row(r: Report) -> dict[str, Any]:
    """A report as a CSV row: the metadata's values without their sources, warnings joined."""
    return {k: "；".join(v) if k == "warnings" else v for k, v in report_record(r).items() if k != "meta"}


def reports_table(reports: list[Report], counts: Mapping[str, Mapping[str, int]]) -> Table:
    table = Table(show_lines=False, caption="full regions, titles and counts: --json")
    table.add_column("report", no_wrap=True)
    table.add_column("id", overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("paras", justify="right", no_wrap=True)
    table.add_column("notes", overflow="fold", max_width=10)
    for r in reports:
        c = counts.get(r.id, {})
        notes = ("truncated " if r.truncated else "") + (f"{len(r.warnings)} warnings" if r.warnings else "")
        table.add_row(r.label, r.id, r.value("date") or "", str(c.get("paragraphs", 0)), notes.strip())
    return table


def print_report(r: Report, console: Console, outline: bool = False) -> None:
    """Metadata with each value's source and confidence, the source's span and warnings (unless only
    the ``outline``), then the heading tree."""
    if not outline:
        for name, f in r.meta.items():
            console.print(line((f"{name}: ", "bold"), f"{f.value}  ", (f"({f.source}, confidence {f.confidence:.2f})", "dim")))
        console.print(line(("source: ", "bold"), f"{r.source} ", (f"[{r.start}:{r.end}]", "dim")))
        for w in r.warnings:
            console.print(line(("warning: ", "yellow"), w))
    tree = Tree(line((r.value("title") or r.id, "bold")))
    nodes = {"": tree}
    for s in r.sections:
        parent = s.path.rpartition(".")[0]
        label = line(f"{s.path} {s.title}", (f" ({s.part})", "dim") if s.depth == 1 else "")
        nodes[s.path] = nodes.get(parent, tree).add(label)
    console.print(tree)


def print_passages(passages: list[Passage], console: Console) -> None:
    """Each passage under its section path and offsets; headings bold, tables and glossaries dim."""
    for p in passages:
        style = "bold" if p.kind == "heading" else "dim" if p.kind in ("table", "glossary") else ""
        console.print(line((f"{p.section_path} [{p.start}:{p.end}]", "dim")))
        console.print(p.text, style=style)
