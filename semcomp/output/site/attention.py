"""The policy attention page: for each concept a heat map of hits per 10,000 characters, region × year,
with the dictionary it was measured with."""

from __future__ import annotations

from collections.abc import Sequence

from semcomp.attention import Concept, PanelRow
from semcomp.output.site.charts import chart, label_room
from semcomp.output.site.page import esc, page

MAX_REGIONS = 60  # rows of one heat map; the command line's --panel has them all


def _heat_map(concept: str, rows: Sequence[PanelRow]) -> str:
    import plotly.graph_objects as go

    mine = [r for r in rows if r.concept == concept]
    years = sorted({r.year for r in mine})
    spans: dict[str, int] = {}
    for r in mine:
        spans[r.region] = spans.get(r.region, 0) + 1
    regions = sorted(sorted(spans, key=lambda region: -spans[region])[:MAX_REGIONS])
    cell = {(r.region, r.year): r for r in mine}
    z = [[cell[region, y].per_10k if (region, y) in cell else None for y in years] for region in regions]
    figure = go.Figure(go.Heatmap(
        z=z, x=[str(y) for y in years], y=regions, colorscale="YlOrRd", zmin=0, hoverongaps=False,
        hovertemplate="%{y}<br>%{x} 年<br>每万字 %{z:.1f} 次<extra></extra>", colorbar={"title": {"text": "每万字"}},
    ))  # fmt: skip
    figure.update_layout(template="plotly_white", yaxis={"autorange": "reversed"}, xaxis={"type": "category"},
                         margin={"l": label_room(regions), "r": 10, "t": 30, "b": 10})  # fmt: skip
    return chart(figure, height=max(300, 22 * len(regions) + 120))


def attention_page(rows: Sequence[PanelRow], concepts: Sequence[Concept]) -> str:
    """``rows``: the region × year panel of ``concepts``."""
    parts = [
        '<p>每份报告正文（不含网页杂项、名词解释和表格）中概念词语出现的次数，按每万字计，'
        "同一地区同一年的报告合并计算；空白表示该地区该年没有报告。命令行 "
        "<code>semcomp attention --panel --csv</code> 给出全部数值和行政区划代码。</p>"
    ]
    for concept in concepts:
        parts += [f"<h2>{esc(concept.name)}</h2>", f'<p class="note">词语：{esc("、".join(concept.terms))}</p>',
                  _heat_map(concept.name, rows)]  # fmt: skip
    return page("政策注意力", "".join(parts), charts=True)
