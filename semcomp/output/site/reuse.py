"""The reuse page: who copied whom as a matrix in date order (values written in) and as a network by
region and year, the strongest pairs, and the most widely copied passages with a side-by-side diff."""

from __future__ import annotations

from semcomp.model import Report
from semcomp.output.reuse_matrix import MAX_REPORTS
from semcomp.output.site.charts import chart, label_room
from semcomp.output.site.page import at_link, esc, name_link, page, quote, table
from semcomp.reuse.adaptation import Adaptation
from semcomp.reuse.clusters import Cluster
from semcomp.reuse.finder import Finding
from semcomp.reuse.matrix import Cell, strongest_reports

MAX_EDGES = 80
MAX_CLUSTERS = 30
_WRAP = {"equal": ("{}", "{}"), "differs": ("<mark>{}</mark>",) * 2, "moved": ('<span class="moved">{}</span>',) * 2,
         "swapped": ('<span class="swapped">{}</span>',) * 2}
_ADAPTED = {"swapped": "替换", "dropped": "删去", "added": "新增", "figures": "数字"}
SCOPES = {"within-region": "本地区", "across-regions": "跨地区", "unknown": "地区不详"}
_CHANGED = ("<del>{}</del>", "<ins>{}</ins>")


def matrix_chart(cells: list[Cell], dated: list[Report]) -> str:
    import plotly.graph_objects as go

    shown = strongest_reports(cells, MAX_REPORTS)
    order = [r for r in dated if r.id in shown]
    pos = {r.id: i for i, r in enumerate(order)}
    z: list[list[float | None]] = [[None] * len(order) for _ in order]
    for c in cells:
        if c.source in pos and c.target in pos:
            z[pos[c.target]][pos[c.source]] = c.share
    twice = {r.label for r in order if sum(o.label == r.label for o in order) > 1}
    names = [f"{r.label}｜{r.id}" if r.label in twice else r.label for r in order]  # ids only where names collide
    figure = go.Figure(go.Heatmap(
        z=z, x=names, y=names, colorscale="Reds", zmin=0, text=[["" if v is None else f"{v:.0%}" for v in row] for row in z],
        texttemplate="%{text}", hoverongaps=False, colorbar={"title": {"text": "复用比例"}, "tickformat": ".0%"},
        hovertemplate="较晚：%{y}<br>较早：%{x}<br>较晚报告中见于较早报告的文字：%{z:.1%}<extra></extra>",
    ))  # fmt: skip
    room = label_room(names)
    figure.update_layout(template="plotly_white", xaxis={"tickangle": 45}, yaxis={"autorange": "reversed"},
                         margin={"l": room, "r": 10, "t": 30, "b": room * 3 // 4})  # fmt: skip
    return chart(figure, height=28 * len(order) + room * 3 // 4 + 80)


def network_chart(cells: list[Cell], reports: dict[str, Report]) -> str:
    """Reports placed by year (x) and region (y); an arrow from source to target for each of the
    strongest pairs, thicker for a larger share."""
    import plotly.graph_objects as go

    strongest = sorted(cells, key=lambda c: -c.share)[:MAX_EDGES]
    ids = sorted({c.source for c in strongest} | {c.target for c in strongest}, key=lambda i: (reports[i].value("date") or "", i))
    regions = sorted({reports[i].place for i in ids})
    row = {name: k for k, name in enumerate(regions)}
    seen: dict[tuple[str, int], int] = {}
    xy: dict[str, tuple[float, float]] = {}
    for i in ids:  # reports of one region and year side by side
        r = reports[i]
        key = (r.place, r.value("year") or 0)
        xy[i] = ((r.value("year") or 0) + 0.18 * seen.get(key, 0), row[r.place])
        seen[key] = seen.get(key, 0) + 1
    figure = go.Figure(go.Scatter(
        x=[xy[i][0] for i in ids], y=[xy[i][1] for i in ids], mode="markers", marker={"size": 11, "color": "#37474f"},
        text=[f"{reports[i].label}<br>{i}" for i in ids], hovertemplate="%{text}<extra></extra>", showlegend=False,
    ))  # fmt: skip
    top = max((c.share for c in strongest), default=1.0) or 1.0
    for c in strongest:
        (x0, y0), (x1, y1) = xy[c.source], xy[c.target]
        figure.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", showarrow=True, arrowhead=2,
                              arrowwidth=1 + 4 * c.share / top, arrowcolor="rgba(183,28,28,0.55)", text="")  # fmt: skip
    figure.update_layout(template="plotly_white", xaxis={"title": {"text": "年份"}, "dtick": 1},
                         yaxis={"tickvals": list(range(len(regions))), "ticktext": regions},
                         margin={"l": label_room(regions), "r": 10, "t": 30, "b": 10})  # fmt: skip
    return chart(figure, height=max(380, 34 * len(regions) + 160))


def side_html(opcodes: list[tuple[str, str, str]], side: int) -> str:
    """One side of a finding verbatim: what differs is struck (earlier) or underlined (later), numbers and
    punctuation that differ are marked, moved clauses set apart."""
    return "".join(_WRAP.get(tag, _CHANGED)[side].format(esc(texts[side])) for tag, *texts in opcodes if texts[side])


def finding_html(f: Finding, reports: dict[str, Report], depth: int = 0) -> str:
    """A finding side by side, each side linked to its place."""
    names = ("较早", "较晚") if f.direction == "source-earlier" else ("A", "B")
    sides = []
    for k, s in enumerate((f.source, f.target)):
        at = at_link(s.report_id, s.start, s.end, depth)
        quoted = f"<blockquote>{side_html(f.opcodes, k)}</blockquote>"
        sides.append(f"<div><p>{names[k]}：{name_link(reports[s.report_id], depth)} {at}</p>{quoted}</div>")
    return f'<div class="side">{"".join(sides)}</div>' + adaptation_html(f.adaptation)


def adaptation_html(a: Adaptation) -> str:
    """What the later report swapped, dropped, added and changed, in one line (empty when it kept the text)."""
    parts = [f"{_ADAPTED[name]}：" + "；".join(esc(x) for x in items) for name, items in a.listed()]
    return f'<p class="note">{" · ".join(parts)}</p>' if parts else ""


def _cluster(rank: int, c: Cluster, best: Finding | None, reports: dict[str, Report]) -> str:
    years = "，".join(f"{y} 年 {n} 份" for y, n in c.by_year.items())
    origin, *others = c.witnesses
    witnesses = "".join(f"<li>{name_link(reports[w.report_id])} {at_link(w.report_id, w.start, w.end)}</li>" for w in others)
    return (f"<h3>{rank}. {c.reports} 份报告 · {c.regions} 个地区 · {c.chars} 字</h3><p class=\"note\">{esc(years)}</p>"
            f"<p>最早（候选来源）：{name_link(reports[origin.report_id])}</p>"
            + quote(origin.report_id, origin.start, origin.end, esc(origin.text))
            + f"<details><summary>其余 {len(others)} 份报告</summary><ul>{witnesses}</ul></details>"
            + (f"<p>最接近的一对，逐字对照：</p>{finding_html(best, reports)}" if best else ""))  # fmt: skip


def reuse_page(findings: list[Finding], cells: list[Cell], clusters: list[Cluster], reports: dict[str, Report], dated: list[Report]) -> str:
    copying = [f for f in findings if not f.boilerplate]
    best: dict[int, Finding] = {}
    for f in sorted(copying, key=lambda f: -f.score):
        best.setdefault(f.cluster, f)
    strongest = sorted(cells, key=lambda c: -c.share)[:60]
    rows = [
        [name_link(reports[c.target]), name_link(reports[c.source]), f'<span class="num">{c.share:.1%}</span>', str(c.chars),
         str(c.findings), esc(SCOPES.get(c.scope, c.scope))]
        for c in strongest
    ]  # fmt: skip
    kept = [c for c in clusters if not c.boilerplate][:MAX_CLUSTERS]
    body = (
        f"<p>{len(findings)} 处共有文字，其中 {len(copying)} 处为复用，{len(findings) - len(copying)} 处为通用套话（不计入复用）；"
        f"{len(cells)} 对报告之间有复用。</p>"
        + (
            "<h2>复用矩阵（按时间排列）</h2>"
            + '<p class="note">行为较晚的报告，列为较早的来源；格中数字：较晚报告的文字中见于较早报告的比例。'
            + f"显示复用最多的 {MAX_REPORTS} 份以内的报告。</p>"
            + matrix_chart(cells, dated)
            + "<h2>谁复用了谁</h2>"
            + f'<p class="note">横轴为年份，纵轴为地区；箭头从来源指向复用者，越粗比例越高（最强的 {MAX_EDGES} 对）。</p>'
            + network_chart(cells, reports)
            + "<h2>复用比例最高的报告对</h2>"
            + table(["较晚的报告", "较早的报告", "比例", "字数", "段数", "范围"], rows)
            if cells else "<p>这些报告之间没有找到复用。</p>"
        )
        + f"<h2>复用最广的段落（前 {MAX_CLUSTERS} 个）</h2>"
        + "".join(_cluster(k, c, best.get(c.id), reports) for k, c in enumerate(kept, 1))
    )  # fmt: skip
    return page("文本复用", body, charts=bool(cells))
