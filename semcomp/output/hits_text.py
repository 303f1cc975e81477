"""Search hits in the terminal: rank, score, report and section, the passage with the query's words
marked, and where to find it again."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from semcomp.search.similar import Hit

# the columns of ``similar --csv``, in this order
HIT_FIELDS = ["score", "dense", "lexical", "report_id", "label", "title", "region", "year", "report_type", "section_path",
              "section_title", "level", "kind", "part", "start", "end", "passage_id", "text"]  # fmt: skip


def print_hits(hits: list[Hit], grouped: bool, console: Console) -> None:
    for rank, h in enumerate(hits, 1):
        where = h.label or h.title or h.report_id
        section = f"{h.section_path} {h.section_title or ''}".strip()
        head = Text(f"{rank:>2}. ", style="bold")
        head.append(f"{h.score:.3f}  ", style="cyan")
        head.append(where, style="bold")
        head.append(f"  {section}", style="dim")
        if grouped and h.hits_in_report > 1:
            head.append(f"  (+{h.hits_in_report - 1} more in this report)", style="dim")
        console.print(head)
        body = Text(h.text)
        body.highlight_words(h.matched, style="bold yellow")
        console.print(body)
        console.print(Text(f"    {h.report_id} [{h.start}:{h.end}] passage {h.passage_id}", style="dim"))
