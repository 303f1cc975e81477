"""The standard indicators of these reports: one name each, the ways reports write it, its unit.

Reports name one statistic many ways (实际使用外资 / 实际利用外资, 空气优良率 / 空气质量优良率,
区域内生产总值 / 本地生产总值 / 国内生产总值); the dictionary maps each way to one name so that a
series across districts and years lines up. ``unit`` is the unit values are normalised to; a rate
(``rate=True``) is a level in per cent, so ``失业率4.2%`` is its value, not a growth.

Old and new statistics that are not the same quantity stay apart (农民人均纯收入 was replaced by
农村居民人均可支配收入 in 2014; 调查失业率 is not 登记失业率).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    name: str
    pattern: str  # regex of the ways reports write it
    unit: str  # the unit values are normalised to
    rate: bool = False  # a value in per cent is its level
    ceiling: bool = False  # lower is better: a target is met at or below it (prices, unemployment, energy use)


_REGION = r"(?:地区|区域内|区域|本地|县域|全市|全区|全县|全省|全旗|市域|国内)?"
_BUDGET = r"(?:地方)?(?:一般公共(?:财政)?预算收入|公共财政预算收入|地方财政一般预算收入|一般预算收入|公共预算收入|地方级收入)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator("单位生产总值能耗", r"单位(?:地区|国内)?生产总值(?:综合)?能耗|单位GDP(?:综合)?能耗|万元(?:GDP|生产总值)(?:综合)?能耗", "%",
              ceiling=True),
    Indicator("人均地区生产总值", rf"人均{_REGION}生产总值|人均GDP", "元"),
    Indicator("国民生产总值", r"国民生产总值|GNP", "亿元"),
    Indicator("地区生产总值", rf"{_REGION}生产总值|GDP|经济总量", "亿元"),
    Indicator("一般公共预算收入", _BUDGET, "亿元"),
    Indicator("一般公共预算支出", r"一般公共(?:财政)?预算支出|公共财政预算支出|一般预算支出", "亿元"),
    Indicator("财政总收入", r"(?:地方)?财政总收入|全部财政收入|全口径财政收入|财政收入", "亿元"),
    Indicator("税收收入", r"税收收入", "亿元"),
    Indicator("固定资产投资", r"(?:全社会|城镇以上|城镇|500万元以上|区本级|县本级|市本级)?固定资产投资(?![项额])"
                          r"(?:[（(]不含农户[)）])?", "亿元"),
    Indicator("社会消费品零售总额", r"社会消费品零售(?:总)?额|社会商品零售总额|社零额", "亿元"),
    Indicator("规模以上工业增加值", r"规模以上工业(?:企业)?增加值|规上工业增加值", "亿元"),
    Indicator("城镇居民人均可支配收入", r"(?:城镇|城市)(?:常住)?居民(?:人均)?可支配收入|城镇居民人均收入", "元"),
    Indicator("农村居民人均可支配收入", r"农村(?:牧区)?(?:常住)?居民(?:人均)?可支配收入|农(?:牧)?民人均可支配收入", "元"),
    Indicator("农民人均纯收入", r"农民人均纯收入|农村居民人均纯收入|农牧民人均纯收入", "元"),
    Indicator("居民人均可支配收入", r"(?:全体|常住)?居民人均可支配收入", "元"),
    Indicator("城镇登记失业率", r"(?:城镇)?登记失业率", "%", rate=True, ceiling=True),
    Indicator("城镇调查失业率", r"(?:城镇)?调查失业率", "%", rate=True, ceiling=True),
    Indicator("城镇新增就业", r"城镇新增就业(?:人数|岗位)?|新增城镇就业(?:岗位)?|城镇就业新增", "万人"),
    Indicator("实际利用外资", r"实际(?:利用|使用)(?:外资|外商直接投资)(?:金额)?", "亿美元"),
    Indicator("进出口总额", r"(?:外贸|货物|对外贸易)?进出口(?:贸易)?总(?:额|值)|外贸进出口", "亿元"),
    Indicator("出口总额", r"(?:外贸)?出口总(?:额|值)|外贸出口|(?<=其中)出口(?:额)?", "亿元"),
    Indicator("粮食产量", r"粮食(?:总)?产量|粮食总产", "万吨"),
    Indicator("空气质量优良率", r"空气(?:质量)?优良(?:天数)?(?:比例|比率|率)|优良天数比例", "%", rate=True),
    Indicator("居民消费价格", r"居民消费价格(?:总水平|指数)?(?:涨幅)?|CPI", "%", ceiling=True),
    Indicator("常住人口城镇化率", r"(?:常住人口)?城镇化率", "%", rate=True),
    Indicator("研发经费投入强度", r"研发经费投入强度|研发投入强度|(?:全社会)?研发经费(?:投入|支出)?占(?:地区)?生产总值(?:的)?比重",
              "%", rate=True),
)  # fmt: skip

BY_NAME = {i.name: i for i in INDICATORS}

# ``城镇和农村常住居民人均可支配收入完成29092元、17191元``: one phrase names two indicators
COMPOUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?:城镇(?:和|、|与|及|、农村)?农村|城乡)(?:常住)?居民(?:人均)?可支配收入", ("城镇居民人均可支配收入", "农村居民人均可支配收入")),
    (r"城镇居民人均可支配收入(?:和|、|与|及)农民人均纯收入", ("城镇居民人均可支配收入", "农民人均纯收入")),
)

# a mention right after 占/相当于 names what another figure is a share of, not a figure of its own
_NOT_AFTER = re.compile(r"(?:占|相当于|与|比)$")

_MENTION = re.compile("|".join(f"(?P<c{n}>{p})" for n, (p, _) in enumerate(COMPOUNDS)) + "|"
                      + "|".join(f"(?P<i{n}>{i.pattern})" for n, i in enumerate(INDICATORS)))  # fmt: skip


@dataclass(frozen=True)
class Mention:
    names: tuple[str, ...]  # one indicator, or the several a compound phrase names in order
    start: int
    end: int


def mentions(text: str) -> list[Mention]:
    """The standard indicators a text names, left to right."""
    found = []
    for m in _MENTION.finditer(text):
        if _NOT_AFTER.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        group = m.lastgroup or ""
        names = COMPOUNDS[int(group[1:])][1] if group.startswith("c") else (INDICATORS[int(group[1:])].name,)
        found.append(Mention(names, m.start(), m.end()))
    return found


def lookup(name: str) -> Indicator | None:
    """The standard indicator a name or one of its synonyms stands for (``实际使用外资`` → 实际利用外资)."""
    if name in BY_NAME:
        return BY_NAME[name]
    found = [m for m in mentions(name) if m.start == 0 and m.end == len(name) and len(m.names) == 1]
    return BY_NAME[found[0].names[0]] if found else None
