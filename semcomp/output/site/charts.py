"""plotly figures placed in a page: the data inline, the library from the site's assets."""

from __future__ import annotations

import hashlib
import json

from semcomp.output.site.assets import FONT_STACK
from semcomp.output.site.page import script_json

CHAR_PX = 13  # width of one CJK character at plotly's default 12 px font, with room to spare
CONFIG = {"displaylogo": False, "responsive": True}


def label_room(labels: list[str]) -> int:
    """Pixels for axis labels: measured before the page's font loads, plotly's own margins cut them."""
    return CHAR_PX * max((len(s) for s in labels), default=0) + 16


def chart(figure, height: int | None = None) -> str:
    """A ``<div>`` and the script that draws ``figure`` (a plotly ``Figure``) into it."""
    import plotly.io

    spec = json.loads(plotly.io.to_json(figure, validate=False))
    layout = spec.get("layout", {})
    layout.setdefault("font", {})["family"] = FONT_STACK
    for axis in ("xaxis", "yaxis"):
        layout.setdefault(axis, {})["automargin"] = True  # long Chinese labels push the plot over, never get cut
    if height:
        layout["height"] = height
    data = script_json({"data": spec.get("data", []), "layout": layout})
    element = "chart-" + hashlib.sha1(data.encode()).hexdigest()[:12]  # from what it draws: a site built again is the same
    draw = f"Plotly.newPlot('{element}',s.data,s.layout,{script_json(CONFIG)})"
    return f'<div class="chart" id="{element}"></div><script>(function(){{var s={data};{draw};}})();</script>'
