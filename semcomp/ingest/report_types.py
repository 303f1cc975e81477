"""The genre's document types, read from a title or, without one, from the opening formula.

A session of a people's congress hears the government's work report (a league's or prefecture's
行政公署 delivers it too), the plan report, the budget report, and passes resolutions on them; a
five-year plan's outline (规划纲要) is delivered in place of the work report in its year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

GWR = "政府工作报告"
PLAN_H1 = "计划执行情况报告（上半年）"
PLAN_YEAR = "计划执行情况报告（全年）"
BUDGET = "预算执行情况报告"
RESOLUTION = "人大决议"
OTHER = "其他"
REPORT_TYPES = (GWR, PLAN_H1, PLAN_YEAR, BUDGET, RESOLUTION, OTHER)

_RESOLUTION = re.compile(r"决议$|决议（|的决议")
_BUDGET = re.compile(r"预算(?:的)?执行情况|预算草案|决算")
_PLAN = re.compile(r"计划(?:的)?执行情况|计划执行")
_WORK_REPORT = re.compile(r"(?:政府|行政公署|公署)?工作报告")
_OUTLINE = re.compile(r"五年(?:规划|计划)(?:纲要)?(?:（草案）)?的?报告|规划纲要(?:（草案）)?的?报告")
_DELIVERS_WORK = re.compile(r"向[^，。]{0,20}?(?:大会|会议)(?:报告|作)[^，。]{0,12}?工作|作(?:政府)?工作报告|政府工作报告")
_REVIEWS_WORK = re.compile(r"^[一二三四五六七八九十\d]*[、.．]?\s*(?:(?:19|20)\d\d年|过去[一五]年|去年|上年)(?:政府)?工作(?:的)?回顾")


def type_from_title(title: str) -> str:
    if _RESOLUTION.search(title):
        return RESOLUTION
    if _BUDGET.search(title):
        return BUDGET
    if _PLAN.search(title):
        return PLAN_H1 if "半年" in title else PLAN_YEAR
    if _WORK_REPORT.search(title) or _OUTLINE.search(title):
        return GWR
    return OTHER


def type_from_opening(opening: str, headings: Sequence[str] = ()) -> str | None:
    """A report without a title: its first paragraphs say what it is, or a work report's review
    heading (``一、2014年工作回顾``) among its first lines does; otherwise nothing is claimed."""
    if _DELIVERS_WORK.search(opening) or _OUTLINE.search(opening[:300]) or any(_REVIEWS_WORK.match(h) for h in headings):
        return GWR
    head = opening[:300]
    if _BUDGET.search(head):
        return BUDGET
    if _PLAN.search(head):
        return PLAN_H1 if "上半年" in head else PLAN_YEAR
    return None
