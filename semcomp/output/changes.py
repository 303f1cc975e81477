"""The changes inside a compared pair, marked for a terminal and for a page.

What B removed is struck through, what it added is underlined, and a changed figure is bold on
top of that, so that numbers stand out from rewording in either medium.
"""

from __future__ import annotations

import html

from rich.text import Text

from semcomp.compare.diff import Change

REMOVED, ADDED, FIGURE = "red strike", "green underline", " bold"


def as_text(changes: list[Change]) -> Text:
    """B's text with what A had instead shown in place (rich styles, no markup)."""
    out = Text()
    for c in changes:
        bold = FIGURE if c.figure else ""
        if c.op == "same":
            out.append(c.b)
            continue
        if c.a:
            out.append(c.a, REMOVED + bold)
        if c.b:
            out.append(c.b, ADDED + bold)
    return out


def as_html(changes: list[Change]) -> str:
    """The same as escaped HTML: ``<del>`` and ``<ins>``, class ``figure`` on changed numbers."""
    parts = []
    for c in changes:
        cls = ' class="figure"' if c.figure else ""
        if c.op == "same":
            parts.append(html.escape(c.b))
            continue
        if c.a:
            parts.append(f"<del{cls}>{html.escape(c.a)}</del>")
        if c.b:
            parts.append(f"<ins{cls}>{html.escape(c.b)}</ins>")
    return "".join(parts)
