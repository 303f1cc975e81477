"""What a report says about itself: who delivers it, to which congress, and how it names its own ground.

A report that starts at ``各位代表：`` still says in its first paragraph ``我代表沈阳市人民政府，向大会报告
工作``, names its congress (``市十六届人大四次会议``) and calls its territory ``全市`` dozens of times.
These cues give the issuing government and the administrative unit it governs, which the title, when
there is one, only repeats.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from semcomp.text.cn_numbers import cn_int

_CJK = "\u4e00-\u9fff"
# 我代表沈阳市人民政府 / 受市人民政府委托 / 我代表国务院 / 我代表锡林郭勒盟行政公署 / 我代表市政府
_GOVERNMENT = rf"[{_CJK}*]{{0,16}}?(?:人民政府|行政公署|政府)"
_ISSUER = re.compile(rf"(?<!人民)代表(国务院|中央人民政府|{_GOVERNMENT})|受(?:中共中央和)?(国务院|{_GOVERNMENT})(?:的)?委托")
_NUM = "一二三四五六七八九十"
_SESSION = re.compile(
    rf"([{_CJK}*]{{0,16}}?)第?([{_NUM}]{{1,3}})届(全国)?(?:人民代表大会|人大)(常委会|常务委员会)?第?([{_NUM}]{{1,3}})次(?:全体)?会议"
)
# 向第五届全国人民代表大会作政府工作报告: addressed to a term's congress with no sitting named, its first
_TO_NEW_CONGRESS = re.compile(rf"向第([{_NUM}]{{1,3}})届全国人民代表大会(?:作|报告|提出)")
_SELF = re.compile(r"(?:全|我|本)(国|省|市|县|区|州|盟|旗)")
# the unit a government's name ends in, longest first; 全国 is the national congress
UNITS = ("全国", "国务院", "自治区", "地区", "省", "市", "州", "盟", "县", "旗", "区", "镇", "乡")
_NATIONAL_ISSUERS = ("国务院", "中央人民政府")  # the State Council, and before 1954's constitution the Central People's Government
_SUFFIX = re.compile(r"(?:人民政府|行政公署|政府)$")


@dataclass(frozen=True)
class Opening:
    """The self-description of one report.

    ``issuer`` is the government as the opening formula names it (``沈阳市人民政府``, ``县人民政府``);
    ``unit`` the administrative unit it governs (``市``, ``县``, ``national`` …) from the strongest
    cue present; ``self_counts`` how often the body says 全市/我县/本区 …, by unit.
    """

    issuer: str | None
    issuer_place: str | None  # the place part of the issuer, when it names one: 沈阳市
    session_place: str | None  # the place part of the congress line: 保定市, 省, 全国
    session: tuple[int, int] | None  # (term, sitting): 第十三届 … 第二次 → (13, 2)
    self_counts: Counter[str]
    unit: str | None
    unit_cue: str | None  # which cue gave the unit: issuer, session, self-reference

    @property
    def national(self) -> bool:
        return self.unit == "national"


def unit_of(name: str) -> str | None:
    """The unit a government or congress name ends in: ``沈阳市`` → 市, ``全国`` → national."""
    for unit in UNITS:
        if name.endswith(unit):
            return "national" if unit in ("全国", "国务院") else unit
    return None


def dominant_self_reference(counts: Counter[str]) -> str | None:
    """The unit the body calls its own (全县 38 times, 全市 4): clear majority of at least 5 uses."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 5:
        return None
    if len(ranked) > 1 and ranked[1][1] * 3 > ranked[0][1]:
        return None
    return ranked[0][0]


def _delivery_sessions(front: str, opening: str) -> Iterator[re.Match[str]]:
    """The congress sittings that the report is delivered at: any in the title lines; in the opening
    only one it is addressed to (向/在 …) in its first sentences, not one it looks back on (…以来,
    经…批准, 在去年的…会议上)."""
    for m in _SESSION.finditer(front):
        if not m.group(4):  # a standing committee's meeting is numbered on its own
            yield m
    for m in _SESSION.finditer(opening[:250]):
        if m.group(4):
            continue
        addressed = re.search(r"(?:向|在|我们|这次|本次)[^向在]*$", m.group(1))
        if addressed and not re.match(r"以来|闭幕|确定|通过|提出|批准", opening[m.end() :]):
            yield m


def read_opening(front: str, opening: str, body: str) -> Opening:
    """Cues from the front matter (title lines), the opening (first paragraphs) and the whole body."""
    issuer = issuer_place = None
    if m := _ISSUER.search(opening):
        issuer = m.group(1) or m.group(2)
        issuer_place = _SUFFIX.sub("", issuer) or None
    session_place = session = None
    if m := _SESSION.search(front) or _SESSION.search(opening):  # any sitting names the congress's unit
        session_place = m.group(3) or re.sub(r"^.*?(?:在|于|日|了|我们|完成)", "", m.group(1)) or None
    if m := next(_delivery_sessions(front, opening), None):  # only the one it is delivered at dates it
        session = cn_int(m.group(2)), cn_int(m.group(5))
    elif m := _TO_NEW_CONGRESS.search(opening[:250]):
        session = cn_int(m.group(1)), 1
    counts = Counter(_SELF.findall(body))
    unit, cue = None, None
    if issuer in _NATIONAL_ISSUERS or (session_place or "").endswith("全国"):
        unit, cue = "national", "issuer" if issuer in _NATIONAL_ISSUERS else "session"
    elif issuer_place and (u := unit_of(issuer_place)):
        unit, cue = u, "issuer"
    elif session_place and (u := unit_of(session_place)):
        unit, cue = u, "session"
    elif u := dominant_self_reference(counts):
        unit, cue = ("national" if u == "国" else u), "self-reference"
    return Opening(issuer, issuer_place, session_place, session, counts, unit, cue)
