"""A report's section summaries as Markdown: the report's name as the title, every section on its own
heading level (parents included, so that levels never jump), picked sentences in their order with their
offsets, and ``…`` where sentences of the section were left out between two picks."""

from __future__ import annotations

from semcomp.model import Report
from semcomp.safe_text import printable
from semcomp.summarize.summarizer import SectionSummary


def as_markdown(report: Report, summaries: list[SectionSummary]) -> str:
    """The Markdown text, control characters of the report's text shown as visible stand-ins (``␛``)."""
    return printable(_markdown(report, summaries))


def _markdown(report: Report, summaries: list[SectionSummary]) -> str:
    titles = {s.path: s.title for s in report.sections}
    lines = [f"# {report.label}", "", f"`{report.id}` · {report.value('title') or ''}".rstrip(" ·"), ""]
    shown: set[str] = set()
    for s in summaries:
        parts = s.path.split(".")
        for depth in range(1, len(parts) + 1):  # the section and any parent not shown yet
            path = ".".join(parts[:depth])
            if path in shown:
                continue
            shown.add(path)
            title = titles.get(path, "") if path != "0" else "开头"
            lines += [f"{'#' * min(depth + 1, 6)} {path} {title}".rstrip(), ""]
        if s.headings:
            lines += ["*" + " · ".join(h.text.rstrip("。：:") for h in s.headings) + "*", ""]
        if s.sentences:
            lines += [s.joined(lambda p: f"{p.text} `{p.start}:{p.end}`"), ""]
    return "\n".join(lines)
