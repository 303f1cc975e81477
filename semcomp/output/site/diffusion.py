"""The policy diffusion page: each phrase's timeline by level of government and the regions in the
order they took it up, then how much of each local report echoes its superiors' reports."""

from __future__ import annotations

from collections.abc import Sequence

from semcomp.diffusion import Diffusion, Echo
from semcomp.diffusion.uptake import TIERS
from semcomp.output.site.charts import chart, label_room
from semcomp.output.site.page import at_link, esc, page, report_href, table

TIER_NAMES = {"national": "国务院", "province": "省级", "prefecture": "地市级", "county": "县级", None: "层级不详"}
MODE_NAMES = {"first": "最早", "top-down": "自上而下", "simultaneous": "同年", "bottom-up": "自下而上", "unknown": "不详"}
MODE_COLOURS = {"first": "#000000", "top-down": "#1565c0", "simultaneous": "#2e7d32", "bottom-up": "#ef6c00", "unknown": "#9e9e9e"}
MAX_ECHOES = 40


def _timeline(spread: Diffusion) -> str:
    import plotly.graph_objects as go

    figure = go.Figure()
    for mode, name in MODE_NAMES.items():
        mine = [a for a in spread.adoptions if a.mode == mode and a.tier]
        if mine:
            figure.add_trace(go.Scatter(
                x=[a.year for a in mine], y=[TIER_NAMES[a.tier] for a in mine], mode="markers", name=name,
                marker={"color": MODE_COLOURS[mode], "size": 10}, text=[a.label for a in mine],
                hovertemplate="%{text}<br>%{x} 年<extra>" + name + "</extra>",
            ))  # fmt: skip
    figure.update_layout(template="plotly_white", margin={"l": label_room(list(TIER_NAMES.values())), "r": 10, "t": 30, "b": 10},
                         xaxis={"dtick": 1},
                         legend={"orientation": "h", "y": -0.2},
                         yaxis={"categoryorder": "array", "categoryarray": [TIER_NAMES[t] for t in reversed(TIERS)]})  # fmt: skip
    return chart(figure, height=300)


def _uptake(spread: Diffusion) -> str:
    rows = [[str(a.year), esc(a.date or ""), esc(TIER_NAMES[a.tier]), f'<a href="{report_href(a.report_id)}">{esc(a.label)}</a>',
             at_link(a.report_id, a.start, a.end, text=esc(a.written)) + ("" if a.exact else "（近似）"), esc(MODE_NAMES[a.mode])]
            for a in spread.adoptions]  # fmt: skip
    return table(["年份", "日期", "层级", "首次使用的报告", "写法", "方式"], rows)


def _echoes(rows: Sequence[Echo]) -> str:
    measured = sorted((r for r in rows if r.share is not None), key=lambda r: -(r.share or 0))[:MAX_ECHOES]
    if not measured:
        return '<p class="note">所选报告的上级政府报告不在语料中，无法计算。</p>'

    def pct(v: float | None) -> str:
        return "" if v is None else f'<span class="num">{v:.1%}</span>'

    cells = [[f'<a href="{report_href(r.report_id)}">{esc(r.label)}</a>', esc(TIER_NAMES[r.tier]), str(r.superior_reports),
              *(pct(v) for v in (r.share, r.national_share, r.province_share, r.prefecture_share, r.boilerplate_share))]
             for r in measured]  # fmt: skip
    return table(["报告", "层级", "对照的上级报告", "呼应比例", "国务院", "省级", "地市级", "套话"], cells)


def diffusion_page(spreads: Sequence[Diffusion], echoes: Sequence[Echo], note: str = "") -> str:
    parts = [
        "<p>每个词语在各级政府报告中首次出现的年份，以及各地区开始使用它的先后；"
        "“自上而下”指其上级（所在地市、省或国务院）更早使用，“同年”指同一年，“自下而上”指早于所有上级且上级当年或更早的报告中没有。"
        "标点不计；六个字以上的词语也计入只差一两个字的写法（近似）。</p>"
    ]
    if note:
        parts.append(f'<p class="note">{esc(note)}</p>')
    for spread in spreads:
        parts.append(f"<h2>{esc(spread.phrase)}</h2>")
        if not spread.adoptions:
            parts.append('<p class="note">所选报告中没有出现。</p>')
            continue
        parts += [f'<p class="note">{spread.reports} 份报告、{len(spread.adoptions)} 个地区。</p>', _timeline(spread), _uptake(spread)]
    parts += ["<h2>对上级报告的呼应</h2>",
              f"<p>地方报告正文中，文本复用分析在其上级政府同年及上一年报告中找到的文字所占比例（最高的 {MAX_ECHOES} 份）；"
              "套话（文体惯用语、多数报告共有的段落）单列。</p>", _echoes(echoes)]  # fmt: skip
    return page("政策扩散", "".join(parts), charts=True)
