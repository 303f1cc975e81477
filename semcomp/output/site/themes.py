"""The themes page: a heat map of every theme's share per group (with N per group), year trends with
toggles, the rising and falling themes, and each theme's words and representative passages."""

from __future__ import annotations

from collections.abc import Callable

from semcomp.output.site.charts import chart, label_room
from semcomp.output.site.page import esc, page, quote, table
from semcomp.themes.model import Representative, Themes

SHOWN_LINES = 6  # trend lines drawn at first; the others are a click on the legend away
Quote = Callable[[Representative], str]


def group_axis(result: Themes, reports: dict[str, int] | None = None) -> list[str]:
    """Each group with its N: passages in themes, and reports when known (``2015<br>N=412 段 · 3 份``)."""
    return [f"{g}<br>N={result.sizes.get(g, 0)} 段" + (f" · {reports[g]} 份" if reports and g in reports else "") for g in result.groups]


def heat_map(result: Themes, reports: dict[str, int] | None = None) -> str:
    import plotly.graph_objects as go

    themes = result.themes
    names = [f"{t.id} {t.label}" for t in themes]
    z = [[t.shares.get(g, 0.0) for g in result.groups] for t in themes]
    figure = go.Figure(go.Heatmap(
        z=z, x=group_axis(result, reports), y=names,
        text=[[f"{v:.0%}" for v in row] for row in z], texttemplate="%{text}", colorscale="Blues", zmin=0,
        hovertemplate="%{y}<br>%{x}<br>占比 %{z:.1%}<extra></extra>", colorbar={"title": {"text": "占比"}, "tickformat": ".0%"},
    ))  # fmt: skip
    margin = {"l": label_room(names), "r": 10, "t": 30, "b": 10}
    figure.update_layout(template="plotly_white", margin=margin, yaxis={"autorange": "reversed"})
    return chart(figure, height=max(320, 26 * len(themes) + 140))


def trend_lines(result: Themes, reports: dict[str, int] | None = None) -> str:
    """Year shares as lines, the themes that move most drawn and the others in the legend."""
    import plotly.graph_objects as go

    moving = {t.id for t in sorted(result.themes, key=lambda t: -abs(t.trend or 0))[:SHOWN_LINES]}
    figure = go.Figure()
    x = group_axis(result, reports)
    for t in result.themes:
        figure.add_trace(go.Scatter(
            x=x, y=[t.shares.get(g, 0.0) for g in result.groups], mode="lines+markers", name=f"{t.id} {t.label}",
            visible=True if t.id in moving else "legendonly", hovertemplate=f"{t.id} {t.label}<br>%{{x}}<br>%{{y:.1%}}<extra></extra>",
        ))  # fmt: skip
    figure.update_layout(template="plotly_white", yaxis={"tickformat": ".0%", "title": {"text": "占该年段落的比例"}},
                         legend={"font": {"size": 11}}, margin={"l": 10, "r": 10, "t": 30, "b": 10})  # fmt: skip
    return chart(figure, height=480)


def _k_note(result: Themes) -> str:
    """Why this many themes, in Chinese: the silhouette scores of the candidates, or k as given."""
    if not result.silhouette:
        return f"主题数 k={result.k} 由用户指定。"
    scores = "，".join(f"{k}：{s:.3f}" for k, s in result.silhouette.items())
    return f"主题数 k={result.k}：候选主题数中余弦轮廓系数（silhouette）最高者（{scores}）。"


def themes_body(result: Themes, reports: dict[str, int] | None = None, quote_of: Quote | None = None) -> str:
    """Everything the page shows; ``reports``: reports per group; ``quote_of`` renders a representative
    (linked to its report page on the site, plain in a single file)."""
    quote_of = quote_of or (lambda r: f'<blockquote>{esc(r.text)} <span class="note">{esc(r.label)} {r.report_id}</span></blockquote>')
    by = {"year": "年份", "region": "地区", "type": "报告类型"}[result.by]
    parts = [f'<p>{result.passages} 个段落，{len(result.themes)} 个主题（全部列出），离群段落 {result.outliers} 个。'
             f'按{by}分组；N 为每组归入主题的段落数。<span class="note">{esc(_k_note(result))}</span></p>',
             "<h2>各主题占比</h2>", heat_map(result, reports)]  # fmt: skip
    if result.by == "year" and len(result.groups) > 1:
        parts += [
            "<h2>趋势</h2>",
            f'<p class="note">变化最大的 {SHOWN_LINES} 个主题已画出，其余点击图例显示。</p>',
            trend_lines(result, reports),
        ]
        for word, items in (("上升", result.rising()), ("下降", result.falling())):
            if items:
                parts.append(
                    f"<p><b>{word}：</b>"
                    + "；".join(f"{t.id} {esc(t.label)}（每年 {(t.trend or 0.0) * 100:+.2f} 个百分点）" for t in items)
                    + "</p>"
                )
    rows = [
        [str(t.id), esc(t.label), str(t.size), esc(" ".join(t.terms)), "".join(quote_of(r) for r in t.representatives)]
        for t in result.themes
    ]
    parts += ["<h2>主题与代表段落</h2>", table(["#", "主题", "段落", "关键词", "代表段落"], rows)]
    return "".join(parts)


def themes_page(result: Themes, reports: dict[str, int], title: str = "主题") -> str:
    """The site's page, each representative passage linked to its place."""

    def linked(r: Representative) -> str:
        return quote(r.report_id, r.start, r.end, f'{esc(r.text)} <span class="note">{esc(r.label or r.report_id)}</span>')

    return page(title, themes_body(result, reports, linked), charts=True)


def no_themes_page(why: str) -> str:
    """The themes page of a site whose reports have too few passages for themes, saying why."""
    return page("主题", f"<p>{esc(why)}</p>")
