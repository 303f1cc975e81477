"""Units as these reports write them, and the factor to each indicator's normalised unit.

``19.54万人`` and ``186262人`` are the same kind of quantity; a series needs them in one unit.
Quantities of different kinds (人民币 and 美元, 吨 and 元) never convert into each other.
"""

from __future__ import annotations

# unit -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "万亿元": ("元", 1e12), "亿元": ("元", 1e8), "万元": ("元", 1e4), "元": ("元", 1),
    "亿美元": ("美元", 1e8), "万美元": ("美元", 1e4), "美元": ("美元", 1),
    "万人次": ("人次", 1e4), "人次": ("人次", 1),
    "万人": ("人", 1e4), "人": ("人", 1),
    "亿吨": ("吨", 1e8), "万吨": ("吨", 1e4), "吨": ("吨", 1), "公斤": ("吨", 1e-3),
    "亿斤": ("吨", 5e4), "万斤": ("吨", 5), "斤": ("吨", 5e-4),
    "万亩": ("亩", 1e4), "亩": ("亩", 1), "万平方米": ("平方米", 1e4), "平方米": ("平方米", 1),
    "公里": ("公里", 1), "千米": ("公里", 1),
    "万户": ("户", 1e4), "户": ("户", 1), "万家": ("家", 1e4), "家": ("家", 1), "个": ("个", 1), "项": ("项", 1), "天": ("天", 1),
    "%": ("%", 1), "个百分点": ("个百分点", 1),
}  # fmt: skip

# longest first, so 万亿元 is not read as 亿元 after a stray 万
PATTERN = "|".join(sorted((u.replace("%", "%|％") for u in UNITS), key=len, reverse=True))


def normalise(value: float, unit: str, to: str) -> tuple[float, str]:
    """``value unit`` in ``to`` where both are of one kind, else unchanged."""
    have, want = UNITS.get(unit), UNITS.get(to)
    if not have or not want or have[0] != want[0]:
        return value, unit
    return round(value * have[1] / want[1], 6), to


def same_kind(unit: str, other: str) -> bool:
    """Whether two units measure one kind of quantity (money in any currency counts as one kind)."""
    a, b = UNITS.get(unit, (unit, 1))[0], UNITS.get(other, (other, 1))[0]
    return a == b or {a, b} <= {"元", "美元"}
