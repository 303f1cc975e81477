"""Consoles for data: report text, paths and arguments are printed as plain text, never as markup.

rich parses ``[...]`` in printed strings as markup by default, so a forum copy containing ``[/b]``
crashed the command that showed it. These consoles turn markup and emoji codes off, and neutralise
terminal control characters in every string they render; styling comes only from ``Text`` objects
built with :func:`line`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from semcomp.safe_text import printable


class PlainConsole(Console):
    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, soft_wrap=True, **options)

    def render_str(self, text: str, **options: Any) -> Text:  # every str renderable passes here: prints, cells, labels
        return super().render_str(printable(text), **options)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        """Every renderable, table cells included, passes here; a ``Text`` is neutralised in place of
        its characters (one for one, so its styles still cover the same spans)."""
        if isinstance(renderable, Text):
            clean = printable(renderable.plain)
            if clean != renderable.plain:
                renderable = renderable.copy()
                renderable.plain = clean
        return super().render(renderable, options)


def line(*parts: object | tuple[object, str]) -> Text:
    """A line from plain pieces and ``(piece, style)`` pairs: styling without markup."""
    out = Text()
    for part in parts:
        text, style = part if isinstance(part, tuple) else (part, "")
        out.append(str(text), style=style)
    return out
