"""Formulas of the genre: openings, closings and political set phrases that every report has.

Two reports that both say ``现在，我代表区人民政府，向大会报告工作，请予审议`` did not copy each
other. In a large catalogue such passages are held by so many reports that their spread ranks them
low; in a small one (two districts, one district's five years) they are not, so the genre's formulas
are listed here and a finding made mostly of them is boilerplate whatever the catalogue's size.
The patterns match the template form (no punctuation, numbers as ``0``, 县/市/旗 as 区).
"""

from __future__ import annotations

import re

from semcomp.text.template import informative

# (a literal every match holds, the pattern): the literals find the few texts worth the patterns' time
_FORMULAS = (
    # the opening: 现在，我代表××人民政府（国务院），向大会（作政府工作）报告（工作），请予审议
    ("请予审议", r"(?:现在)?我(?:代表|受).{0,16}?(?:政府|国务院)(?:委托)?向大会.{0,30}?请予审议"),
    ("政协", r"并请.{0,12}?政协.{0,20}?提出意见"),
    ("各位代表", r"各位代表"),
    ("同志们", r"同志们"),
    # the closing: 让我们……团结在以习近平同志为核心的党中央周围……而努力奋斗
    ("让我们", r"让我们.{0,40}?(?:团结|凝心聚力|同心同德).{0,60}?(?:奋斗|努力|前进)"),
    ("党中央周围", r"(?:更加)?紧密地?团结在以.{0,6}同志为(?:核心|总书记)的党中央周围"),
    ("的坚强领导下", r"在.{0,10}?的坚强领导下"),
    # thanks and the turn to the problems
    ("感谢", r"(?:向.{0,60}?)?表示衷心的?感谢(?:并致以崇高的敬意)?"),
    ("成绩的同时", r"(?:在)?(?:肯定|总结|看到)成绩的同时"),
    ("清醒地", r"(?:我们)?(?:也)?(?:要)?清醒地(?:看到|认识到)"),
    ("困难和问题", r"(?:仍然|仍|还)?(?:面临|存在)(?:着)?(?:不少|一些|许多)困难和问题"),
    # set phrases of the year's central documents
    ("为指导", r"(?:坚持)?以.{0,6}(?:新时代中国特色社会主义思想|邓小平理论|三个代表重要思想|科学发展观).{0,30}?为指导"),
    ("党的", r"(?:全面|深入)?(?:贯彻|落实|学习)(?:落实|贯彻)?党的.{1,6}大(?:和.{1,12}全会)?(?:精神)?"),
    ("稳中求进工作总基调", r"(?:坚持)?稳中求进工作总基调"),
    ("贯彻新发展理念", r"(?:完整准确全面)?贯彻新发展理念"),
    ("构建新发展格局", r"(?:加快)?构建新发展格局"),
    ("推动高质量发展", r"(?:着力)?推动高质量发展"),
    ("统筹发展和安全", r"统筹发展和安全"),
    ("以人民为中心的发展思想", r"以人民为中心的发展思想"),
    ("四个意识", r"(?:切实)?增强四个意识坚定四个自信做到两个维护"),
    ("两个确立", r"(?:深刻)?(?:认识|领悟|把握)?两个确立的决定性意义"),
    ("保持高度一致", r"(?:自觉|始终|坚定不移)?(?:在思想上政治上行动上)?同以习近平同志为核心的党中央保持高度一致"),
)
ANCHORS = re.compile("|".join(anchor for anchor, _ in _FORMULAS))
FORMULAS = re.compile("|".join(pattern for _, pattern in _FORMULAS))
MIN_SHARE = 0.5


def formulaic(t: str) -> bool:
    """Whether formulas make up at least half of the informative characters of a template text."""
    total = informative(t)
    if not ANCHORS.search(t):
        return False
    covered = sum(informative(m.group()) for m in FORMULAS.finditer(t))
    return total > 0 and covered >= MIN_SHARE * total
