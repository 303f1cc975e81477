"""The year a report was delivered, from what its body says when the front matter is silent.

A work report reviews the year before the one it is delivered in (``一、2023年工作回顾`` is
delivered in 2024) and plans the year it is delivered in (``2024年工作安排``). The State Council's
reports also name their congress sitting, which dates them. Each cue votes; cues that disagree
leave the year unknown rather than picking one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from semcomp.text.cn_numbers import YEAR_DIGITS, cn_int, cn_year

_Y = r"((?:19[4-9]|20\d)\d)"
# a short review heading: 一、2023年工作回顾 / 2018年政府工作回顾 / 一、2014年工作回顾
_REVIEW_HEADING = re.compile(rf"^[一二三四五六七八九十\d]*[、.．]?\s*(?:关于)?{_Y}年[^，。]{{0,6}}?工作(?:的)?回顾")
# 一、关于2014年政府工作 reviews; 三、关于2026年工作 plans: only the position tells them apart
_YEAR_WORK = re.compile(rf"^([一二三四五六七八九十]、)(?:关于)?{_Y}年(?:的)?(?:政府)?工作$")
# the review's first sentence: 2018年，在上级党委… / 刚刚过去的2023年 / 过去的2006年
_REVIEW_START = re.compile(rf"^(?:刚刚)?(?:过去的)?{_Y}年[，,是]")
_REVIEW_TITLE = re.compile(r"(?:过去|上)一年(?:的)?(?:政府)?工作(?:的)?回顾|^[一二三四五六七八九十]、.{0,8}工作回顾$")
# a five-year plan named in a heading: its review (“十四五”时期…回顾, 回顾“十三五”) is delivered in the next
# plan's first year, its targets (“十五五”时期主要目标任务, 推动“十五五”开好局) in its own first year
_PLAN_PERIOD = re.compile(r"[“\"]?(十[一二三四五六七八九]|[三四五六七八九])五[”\"]?")
_PERIOD_REVIEW = re.compile(r"回顾|成就")
_PERIOD_AHEAD = re.compile(r"目标|任务|要求|展望|开局|开好局|起好步")
_CN_YEAR = re.compile(rf"([{YEAR_DIGITS}]{{4}})年")
# a heading's lead phrase before a colon: 站在新起点：2012年工作回顾
_LEAD = re.compile(r"^[^，。：:]{2,12}[：:]")
_PLAN_HEADING = re.compile(
    rf"^[一二三四五六七八九十\d]*[、.．]?(?:关于)?{_Y}年(?:的)?(?:上半年|下半年)?(?:政府|经济社会发展|经济和社会发展)?(?:工作)?(?:的)?"
    r"(?:总体要求|主要任务|工作安排|安排|任务|重点工作|目标任务|主要预期目标|预期目标|建议|工作$)"
)
# the plan's targets stated: 2013年经济社会发展的主要预期目标是 (not …目标全面完成, a review of them)
_TARGETS = re.compile(rf"{_Y}年[^，。]{{0,10}}?主要预期目标(?:是|为)")
# 第十一届全国人民代表大会第一次会议以来的五年: the State Council's term under review, delivered as it ends
_TERM_REVIEW = re.compile(r"第?([一二三四五六七八九十]{1,3})届全国人民代表大会第一次会议以来的五年")
# 首先报告2001年的工作: the year under review, named in the opening
_REPORTS_ON = re.compile(rf"^(?:首先|下面)?(?:报告|回顾){_Y}年(?:的)?(?:政府)?工作")
# 今年是新中国成立75周年, 今年十月一日是中华人民共和国成立三十五周年: the year itself
_FOUNDED = {"中华人民共和国成立": 1949, "新中国成立": 1949, "建国": 1949, "中国共产党成立": 1921, "建党": 1921, "改革开放": 1978}
_ANNIVERSARY = re.compile(rf"今年[^。；]{{0,10}}?是[^。；]{{0,6}}?({'|'.join(_FOUNDED)})([\d一二三四五六七八九十百]+)周年")
# terms of the National People's Congress: the year each began, and the sittings that were not a year apart
_NPC_TERMS = {
    1: 1954, 2: 1959, 3: 1964, 4: 1975, 5: 1978, 6: 1983, 7: 1988, 8: 1993,
    9: 1998, 10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023, 15: 2028,
}
_NPC_SITTINGS = {
    (1, 1): 1954, (1, 2): 1955, (1, 3): 1956, (1, 4): 1957, (1, 5): 1958, (2, 1): 1959, (2, 2): 1960, (2, 3): 1962,
    (2, 4): 1963, (3, 1): 1964, (4, 1): 1975, (5, 1): 1978, (5, 2): 1979, (5, 3): 1980, (5, 4): 1981, (5, 5): 1982,
}


@dataclass(frozen=True)
class YearCue:
    year: int
    cue: str  # what said so, for the warning when cues disagree


def npc_year(term: int, sitting: int) -> int | None:
    """The year of a sitting of the National People's Congress (第十三届 … 第二次 → 2019)."""
    if (term, sitting) in _NPC_SITTINGS:
        return _NPC_SITTINGS[term, sitting]
    start = _NPC_TERMS.get(term)
    return start + sitting - 1 if start and term >= 6 and 1 <= sitting <= 5 else None


def body_year_cues(lines: list[str], half_year: bool = False) -> list[YearCue]:
    """Year cues in the body's lines: review headings and review openings give the year after,
    plan headings the year itself. A half-year execution report is dated by the year it reviews."""
    cues: list[YearCue] = []
    after = 0 if half_year else 1
    review_titled = False
    for line in lines:
        text = _LEAD.sub("", _CN_YEAR.sub(lambda m: f"{cn_year(m.group(1))}年", re.sub(r"\s", "", line)))
        if m := _TARGETS.search(text):
            cues.append(YearCue(int(m.group(1)), f"targets for {m.group(1)}"))
        if (m := _TERM_REVIEW.search(text)) and (start := npc_year(cn_int(m.group(1)), 1)):
            cues.append(YearCue(start + 5, f"the five years since the term of {start}"))
        if m := _ANNIVERSARY.search(text):
            count = int(m.group(2)) if m.group(2).isdigit() else 100 if m.group(2) == "一百" else cn_int(m.group(2))
            cues.append(YearCue(_FOUNDED[m.group(1)] + count, f"{m.group(1)}{m.group(2)}周年 this year"))
        if m := _REVIEW_HEADING.match(text) or _REPORTS_ON.match(text):
            cues.append(YearCue(int(m.group(1)) + after, f"review heading {text[:20]}"))
        elif m := _YEAR_WORK.match(text):
            first = m.group(1) == "一、"
            cues.append(YearCue(int(m.group(2)) + (after if first else 0), f"{'review' if first else 'plan'} heading {text[:20]}"))
        elif _REVIEW_TITLE.search(text) and len(text) <= 30:
            review_titled = True
            continue
        elif (review_titled or text.startswith("刚刚过去的")) and (m := _REVIEW_START.match(text)):
            cues.append(YearCue(int(m.group(1)) + after, f"review of {m.group(1)}"))
        elif m := _PLAN_HEADING.match(text):
            cues.append(YearCue(int(m.group(1)), f"plan heading {text[:20]}"))
        elif len(text) <= 40 and not text.endswith(("。", "；", "！")) and (m := _PLAN_PERIOD.search(text)):  # a heading
            first = 1966 + 5 * (cn_int(m.group(1)) - 3)  # the third plan began in 1966, after three years of adjustment
            if _PERIOD_REVIEW.search(text):
                cues.append(YearCue(first + 5, f"review of the plan in {text[:20]}"))
            elif _PERIOD_AHEAD.search(text) and not re.search("制定|编制", text):  # drafting the plan: the year before
                cues.append(YearCue(first, f"the plan ahead in {text[:20]}"))
        review_titled = False
    return cues


# 从去年９月第五届全国人民代表大会第三次会议到现在 / 按照去年五届人大四次会议: a sitting a year back
_LAST_YEARS_SITTING = re.compile(
    r"去年[^。；]{0,10}?第?([一二三四五六七八九十]{1,3})届(?:全国人民代表大会|人大)第?([一二三四五六七八九十]{1,3})次会议"
)
# 提出关于1955年国家决算和1956年国家预算的报告: a budget report is dated by the budget it proposes
_BUDGET_OF = re.compile(rf"{_Y}年(?:国家|全国)?预算(?:草案)?的报告")


def national_year_cues(lines: list[str]) -> list[YearCue]:
    """Cues only the State Council's reports give: the NPC sitting of a year back, the budget proposed."""
    cues = []
    for line in lines:
        text = re.sub(r"\s", "", line)
        if (m := _LAST_YEARS_SITTING.search(text)) and (year := npc_year(cn_int(m.group(1)), cn_int(m.group(2)))):
            cues.append(YearCue(year + 1, f"last year's sitting {m.group(0)[-12:]}"))
        if m := _BUDGET_OF.search(text):
            cues.append(YearCue(int(m.group(1)), f"the budget for {m.group(1)}"))
    return cues


def settle(cues: list[YearCue]) -> tuple[int | None, str | None]:
    """The year all cues agree on, or ``(None, warning)`` naming the disagreement."""
    if not cues:
        return None, None
    if len({c.year for c in cues}) == 1:
        return cues[0].year, None
    seen = "; ".join(f"{c.year} ({c.cue})" for c in cues[:4])
    return None, f"year left unknown: the body's cues disagree: {seen}"
