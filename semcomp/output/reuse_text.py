"""Reuse in the terminal: findings with both sides' differences marked, the report × report shares,
clusters of one passage with its witnesses, two reports side by side, and shared phrases."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from semcomp.model import Report
from semcomp.output.terminal import line
from semcomp.reuse.adaptation import Adaptation
from semcomp.reuse.boilerplate import Phrase
from semcomp.reuse.clusters import Cluster
from semcomp.reuse.finder import Finding
from semcomp.reuse.matrix import Cell

_STYLES = {"equal": ("", ""), "differs": ("yellow", "yellow"), "moved": ("magenta", "magenta"), "swapped": ("bold blue", "bold blue")}


def report_name(report: Report) -> str:
    """The reader's name and the id."""
    return f"{report.label} ({report.id})"


def diff_text(opcodes, side: int, prefix: str = "") -> Text:
    """One side of a finding, verbatim, its differences styled: changed red (A) or green (B), numbers and
    punctuation that differ yellow, moved clauses magenta, words swapped for a synonym blue."""
    text = Text(prefix, overflow="fold")  # whole passages, wrapped, never cut
    for tag, a, b in opcodes:
        text.append((a, b)[side], style=_STYLES.get(tag, ("bold red", "bold green"))[side])
    return text


def print_findings(findings: list[Finding], reports: Mapping[str, Report], top: int, console: Console) -> None:
    for rank, f in enumerate(findings[:top], 1):
        arrow = "→" if f.direction == "source-earlier" else "↔"
        head = Text(f"{rank:>2}. ", style="bold")
        held = f"held by {f.spread_reports} reports/{f.spread_regions} regions"
        spread = held if f.kind != "paraphrase" else f"cosine {f.similarity:.3f}"
        boiler = " · boilerplate" if f.boilerplate else ""
        head.append(f"{f.kind} · {f.scope} · {f.chars} chars · {spread}{boiler}", style="cyan")
        console.print(head)
        src, tgt = f.source, f.target
        console.print(Text(f"    {report_name(reports[src.report_id])} [{src.start}:{src.end}] {arrow} "
                           f"{report_name(reports[tgt.report_id])} [{tgt.start}:{tgt.end}]", style="dim"))  # fmt: skip
        console.print(diff_text(f.opcodes, 0, "    A: "))
        console.print(diff_text(f.opcodes, 1, "    B: "))
        if changes := adaptation_text(f.adaptation):
            console.print(Text("    ", style="dim") + changes)


def adaptation_text(a: Adaptation) -> Text:
    """What B swapped, dropped, added and changed, in one line (empty when it kept A's text)."""
    out = Text(overflow="fold")
    for name, items in a.listed():
        out.append(f"{' · ' if out else ''}{name} ", style="dim")
        out.append("、".join(items))
    return out


def matrix_table(cells: list[Cell], reports: Mapping[str, Report], top: int) -> Table:
    """The ``top`` report pairs with the largest shares, in the matrix's date order."""
    strongest = set(sorted(range(len(cells)), key=lambda k: -cells[k].share)[:top])
    table = Table(title="share of each later report found in an earlier one, in date order")
    table.add_column("target (later)", overflow="fold", min_width=16)
    table.add_column("source (earlier)", overflow="fold", min_width=16)
    for col in ("share", "chars", "findings", "scope"):
        table.add_column(col, no_wrap=True)
    for k, c in enumerate(cells):
        if k in strongest:
            table.add_row(report_name(reports[c.target]), report_name(reports[c.source]), f"{c.share:.1%}", str(c.chars), str(c.findings),
                          c.scope)  # fmt: skip
    return table


def print_clusters(found: list[Cluster], reports: Mapping[str, Report], top: int, console: Console) -> None:
    for rank, c in enumerate(found[:top], 1):
        head = Text(f"{rank:>2}. ", style="bold")
        years = " ".join(f"{y}:{n}" for y, n in c.by_year.items())
        head.append(f"{c.reports} reports · {c.regions} regions · {c.chars} chars · {years}"
                    + (" · boilerplate" if c.boilerplate else ""), style="cyan")  # fmt: skip
        console.print(head)
        origin = c.witnesses[0]
        console.print(Text(f"    origin: {report_name(reports[origin.report_id])} [{origin.start}:{origin.end}]", style="dim"))
        console.print(Text(f"    {origin.text}"))
        for w in c.witnesses[1:8]:
            console.print(Text(f"    → {report_name(reports[w.report_id])} [{w.start}:{w.end}]", style="dim"))
        if len(c.witnesses) > 8:
            console.print(Text(f"    … and {len(c.witnesses) - 8} more", style="dim"))


def print_pair(findings: list[Finding], reports: Mapping[str, Report], console: Console) -> None:
    """Two reports' shared passages side by side (``findings`` not empty, in the earlier report's order)."""
    first = findings[0]
    console.print(line(("earlier: ", "bold"), report_name(reports[first.source.report_id])))  # a line each: a title would not wrap
    console.print(line(("later:   ", "bold"), report_name(reports[first.target.report_id])))
    table = Table(show_lines=True)
    table.add_column("earlier", ratio=1, overflow="fold")
    table.add_column("later", ratio=1, overflow="fold")
    table.add_column("kind")
    for f in findings:
        later = diff_text(f.opcodes, 1, "B: ")
        if changes := adaptation_text(f.adaptation):
            later.append("\n").append(changes)
        table.add_row(diff_text(f.opcodes, 0, "A: "), later, f"{f.kind}\n{f.similarity:.2f}")
    console.print(table)


def boilerplate_table(phrases: list[Phrase]) -> Table:
    table = Table()
    for col in ("phrase", "reports", "first", "reports per year", "per level"):
        table.add_column(col, overflow="fold")
    for p in phrases:
        years = " ".join(f"{y}:{n}" for y, n in p.by_year.items())
        levels = " ".join(f"{lv}:{n}" for lv, n in p.by_gov_level.items())
        first = " ".join(str(v) for v in (p.first_year, p.first_region) if v) or p.first_report
        table.add_row(p.text, f"{p.reports} ({p.regions} regions)", first, years, levels)
    return table
