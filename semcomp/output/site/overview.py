"""The site's front page: what the corpus holds, by region × year, and every report by name."""

from __future__ import annotations

from collections import defaultdict

from semcomp.model import Report
from semcomp.output.site.page import esc, gov_level_name, name_link, page, report_href, table
from semcomp.output.site.warnings import in_chinese


def overview_page(reports: list[Report], counts: dict[str, dict[str, int]], index: str, notes: list[str]) -> str:
    """``reports`` in date order; ``counts``: sections, paragraphs and sentences per report id;
    ``notes``: what the site leaves out or how it was made, said on the page."""
    years = sorted({r.value("year") for r in reports if r.value("year")})
    grid: dict[str, dict[int | None, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        grid[r.place][r.value("year")].append(r)
    columns = [*years, None] if any(r.value("year") is None for r in reports) else years

    def cell(found: list[Report]) -> str:
        return "<br>".join(f'<a href="{report_href(r.id)}" title="{esc(r.label)}">{esc(r.type_name or r.id)}</a>' for r in found)

    by_region = [[esc(place), *(cell(grid[place].get(y, [])) for y in columns)] for place in sorted(grid)]
    listing = [
        [name_link(r), esc(r.value("date") or ""), esc(r.value("region") or ""), esc(gov_level_name(r)),
         *(f'{counts.get(r.id, {}).get(k, 0):,}' for k in ("sections", "paragraphs", "sentences")),
         esc("；".join(in_chinese(w) for w in r.warnings)) + (" 文本不完整" if r.truncated else "")]
        for r in reports
    ]  # fmt: skip
    gov_levels: defaultdict[str, int] = defaultdict(int)
    for r in reports:
        gov_levels[gov_level_name(r, "层级不详")] += 1
    span = f"{years[0]}–{years[-1]} 年" if years else "年份不详"
    body = (
        f"<p>索引 <b>{esc(index)}</b>：{len(reports)} 份报告，{len(grid)} 个地区，{span}；"
        + "，".join(f"{esc(k)} {v} 份" for k, v in sorted(gov_levels.items()))
        + "。</p>"
        + "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
        + "<h2>地区 × 年份</h2>"
        + table(["地区", *(str(y) if y else "年份不详" for y in columns)], by_region, "grid")
        + "<h2>全部报告（按时间）</h2>"
        + table(["报告", "日期", "地区（全称）", "层级", '<span class="num">章节</span>', "段落", "句子", "提示"], listing)
    )
    return page("政府报告语料总览", body)
