"""Numbers written in Chinese characters, as dates, years and congress sittings write them."""

from __future__ import annotations

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
YEAR_DIGITS = "〇零○一二三四五六七八九"  # the characters a year is spelt in: 二〇二四, 一九五四


def cn_int(text: str) -> int:
    """一 → 1, 十 → 10, 十三 → 13, 二十七 → 27: months, days, terms and sittings."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return int("".join(str(_DIGITS[c]) for c in text))


def cn_year(text: str) -> int:
    """二〇二四 → 2024: a year spelt digit by digit."""
    return int("".join(str(_DIGITS[c]) for c in text))
