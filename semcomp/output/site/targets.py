"""The targets page: each target with the result stated a year later, met or missed, and the superior's
target for the same year, with a summary per indicator."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from semcomp.figures.targets import Target
from semcomp.output.site.page import at_link, esc, page, report_href, table

STATUS = {"met": "完成", "missed": "未完成", None: ""}


def _number(value: float | None, unit: str = "") -> str:
    return "" if value is None else f'<span class="num">{value:+g}{esc(unit)}</span>'


def targets_page(found: Sequence[Target]) -> str:
    counts: dict[str, Counter] = {}
    for t in found:
        counts.setdefault(t.indicator, Counter())[t.status] += 1
    summary = [[esc(name), str(sum(c.values())), str(c["met"]), str(c["missed"]), str(c[None])] for name, c in counts.items()]
    rows = [[esc(t.region), str(t.year), esc(t.indicator),
             at_link(t.report_id, t.start, t.end, text=esc(t.stated)),
             "" if t.result is None else f'<a href="{report_href(t.result_report or "")}">{t.result:g}</a>'
             + ("（预计）" if t.result_kind == "estimate" else ""),
             esc(STATUS[t.status]), _number(t.gap), esc(t.superior_stated or ""), _number(t.amplification)]
            for t in found]  # fmt: skip
    body = (
        "<p>各报告提出的年度目标（含“左右”“以上”“力争”“控制在…以内”等修饰），同一地区下一年报告所述的完成情况，"
        "以及最近一级上级政府同年同指标的目标。完成：结果不低于目标（价格、失业率、能耗等上限类指标为不高于）；"
        "“左右”不设容差，差距一栏可自行判断。放大幅度为本级增长目标高出上级的百分点。</p>"
        + "<h2>按指标汇总</h2>" + table(["指标", "目标数", "完成", "未完成", "无结果"], summary)
        + "<h2>全部目标</h2>" + table(["地区", "年份", "指标", "目标", "结果", "", "差距", "上级目标", "放大"], rows)
    )  # fmt: skip
    return page("目标与完成", body) if found else page("目标与完成", '<p class="note">所选报告中没有读出年度目标。</p>')
