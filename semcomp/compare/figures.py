"""Key figures stated in a text: indicator, value, unit, and whether it is a target or a result.

``地区生产总值增长6%左右`` is a target; ``一般公共预算收入完成21.91亿元，同比增长1.3%`` states two
results of one indicator (the second clause inherits it). Plain rules over clauses: these reports
write figures in a small number of fixed shapes.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

UNITS = "个百分点|亿美元|万美元|亿元|万元|万人次|万人|万吨|万亩|万平方米|平方米|公顷|公里|千米|家|个|项|人|户|亩|元|%|％"
FIGURE = re.compile(rf"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{UNITS})")
CLAUSE = re.compile(r"[^，。；：,;:！？]+")
TARGET = re.compile(r"左右|以上|以内|力争|目标|预期|预计|确保|计划|争取|控制在")
CHANGE = {"增长": "增长", "增加": "增长", "提高": "增长", "上升": "增长", "下降": "下降", "减少": "下降", "回落": "下降"}
VERBS = re.compile(r"(实现|完成|达到|达|为|突破|超过|累计|全年|上半年|同比|比上年|比去年同期|预计|力争|增长|下降|增加|减少|提高|"
                   r"分别|总量|总额达|规模|达到了|全区|全县|全市|全省|全国|实现了|年均|共|新增)+$")  # fmt: skip
LEAD = re.compile(r"^(其中|全区|全县|全市|全省|全国|全年|上半年|预计|力争|今年|去年|实现|完成|\d{4}年)+")
MAX_INDICATOR = 16


@dataclass(frozen=True)
class Figure:
    indicator: str
    value: float
    unit: str
    kind: str  # target | result
    change: str | None  # 增长 | 下降 | None (a level, not a change)
    text: str  # the clause it was read from

    def to_dict(self) -> dict:
        return asdict(self)


def _indicator(before: str) -> str:
    name = VERBS.sub("", before.strip())
    name = LEAD.sub("", name)
    return name[-MAX_INDICATOR:]


def extract(text: str, plan: bool = False) -> list[Figure]:
    """Figures of a passage; ``plan`` marks a passage from the plan part (its figures are targets)."""
    out: list[Figure] = []
    last = ""
    for clause in CLAUSE.findall(text):
        m = FIGURE.search(clause)
        if not m:
            last = _indicator(clause) or last
            continue
        before = clause[: m.start()]
        name = _indicator(before) or last
        change = next((v for k, v in CHANGE.items() if k in before[-6:]), None)
        if name and not name.isdigit() and "目标" not in name:  # 塌目标/高于目标 N 个百分点: a gap, not a figure
            kind = "target" if plan or TARGET.search(clause) else "result"
            out.append(Figure(name, float(m.group("value")), m.group("unit").replace("％", "%"), kind, change, clause.strip()))
            last = name
    return out
