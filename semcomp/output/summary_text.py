"""Summaries in the terminal: the outline, each section's chosen sentences with their offsets."""

from __future__ import annotations

from rich.console import Console

from semcomp.output.terminal import line
from semcomp.summarize.summarizer import SectionSummary


def print_summaries(result: list[SectionSummary], console: Console) -> None:
    for s in result:
        depth = s.path.count(".") + 1
        note = " (whole: too short to summarise)" if s.whole else f" ({len(s.sentences)} of {s.total} sentences)"
        points = " · ".join(h.text.rstrip("。：:") for h in s.headings)
        console.print(line((f"{'  ' * (depth - 1)}{s.path} {s.title}", "bold"), (note, "dim")))
        if points:
            console.print(line((f"{'  ' * depth}{points}", "italic")))
        for p in s.sentences:
            console.print(line(f"{'  ' * depth}{p.text} ", (f"[{p.start}:{p.end}]", "dim")))
