"""Names of reports the way people say them: ``海拉尔区 2015 政府工作报告``, not a file id.

The region is the most specific division of the stored path (``内蒙古自治区呼伦贝尔市海拉尔区`` →
``海拉尔区``; an autonomous region alone is named as readers name it, ``新疆``), the State Council's
reports are the 国务院's, and the type is shortened as readers shorten it (``计划执行情况报告（上半年）``
→ ``上半年执行情况``).
"""

from __future__ import annotations

import re

# one division of a path: shortest run ending in an administrative suffix (州 alone would cut 惠州市)
DIVISION = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|盟|市|区|县|旗|镇|乡)")
PROVINCIAL_AUTONOMY = re.compile(r"(?:维吾尔|壮族|回族)?自治区$")  # 新疆维吾尔自治区 → 新疆, as readers say it
NATIONAL = "国务院"
UNKNOWN_REGION = "地区不详"
_EXECUTION = re.compile(r"^(?:国民经济和社会发展)?计划执行情况(?:的)?报告(?:（(.+?)）)?$")


def short_region(region: str | None, gov_level: str | None = None) -> str:
    if gov_level == "national" or (region and region.endswith("国务院")):
        return NATIONAL
    if not region:
        return UNKNOWN_REGION
    divisions = DIVISION.findall(region)
    if not divisions or "".join(divisions) != region:
        return region
    if len(divisions) == 1:
        return PROVINCIAL_AUTONOMY.sub("", divisions[0]) or divisions[0]
    return divisions[-1]


def short_type(report_type: str | None) -> str:
    if not report_type:
        return ""
    m = _EXECUTION.match(report_type)
    if m:
        return f"{m.group(1)}执行情况" if m.group(1) else "计划执行情况"
    return report_type


def report_label(region: str | None, gov_level: str | None, year: int | None, report_type: str | None) -> str:
    """``海拉尔区 2015 政府工作报告``: region, year and type, each left out when unknown."""
    parts = [short_region(region, gov_level), str(year) if year else "", short_type(report_type)]
    return " ".join(p for p in parts if p)


_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def label_match(ref: str, region: str | None, gov_level: str | None, year: int | None, report_type: str | None) -> int:
    """How well a name as a reader types it (``海拉尔区2015``, ``海拉尔 2015 政府工作报告``, ``官渡区 上半年``)
    names this report: 0 not at all; 1 when the region part is found in its region, the year is its
    year and what follows the year is found in its type; 2 when the region part is moreover its
    whole short region (``易县`` is 易县, and only inside 米易县)."""
    compact = re.sub(r"\s+", "", ref)
    found = _YEAR.search(compact)
    place, rest = (compact[: found.start()], compact[found.end() :]) if found else (compact, "")
    if found and year != int(found.group(1)):
        return 0
    short = short_region(region, gov_level)

    def in_region(text: str) -> bool:
        return text in (region or "") or text in short

    if not found and not in_region(place):  # no year: the part after the region may name the type
        head = next((k for k in range(len(place), 0, -1) if in_region(place[:k])), 0)
        place, rest = place[:head], place[head:]
    if not (place or found) or not in_region(place) or not (rest in (report_type or "") or rest in short_type(report_type)):
        return 0
    return 2 if place == short else 1
