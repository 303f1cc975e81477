"""Which passages an analysis looks at: restrictions applied before ranking, not after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast, get_args

from semcomp.errors import SemcompError

DEFAULT_KINDS = ("body", "table")
PartFilter = Literal["review", "plan"]  # a report's look back, or its plans


@dataclass(frozen=True)
class Filters:
    """Restrictions applied before ranking."""

    years: tuple[int, int] | None = None
    region: str | None = None  # any part of the region path: 保定, 河北省保定市, 唐县
    report_type: str | None = None
    part: PartFilter | None = None
    kinds: tuple[str, ...] = DEFAULT_KINDS
    reports: tuple[str, ...] = ()  # report ids
    all_copies: bool = False  # keep reports stored twice (second copies), left out by default


class FilterError(SemcompError):
    """A filter value that can't be read (a year range)."""


def parse_years(spec: str | None) -> tuple[int, int] | None:
    """``2021``, ``2019-2022`` or ``2019:2022`` (either end may be left open)."""
    if not spec:
        return None
    for sep in ("-", ":", "..", "–"):
        if sep in spec:
            lo, hi = spec.split(sep, 1)
            break
    else:
        lo = hi = spec
    try:
        years = (int(lo) if lo.strip() else 0, int(hi) if hi.strip() else 9999)
    except ValueError:
        raise FilterError(f"year takes a year or a range like 2019-2022, not '{spec}'", param="year") from None
    if not all(0 <= y <= 9999 for y in years):
        raise FilterError(f"year takes years from 0 to 9999, not '{spec}'", param="year")
    if years[0] > years[1]:
        raise FilterError(f"year {spec} runs backwards: write {years[1]}-{years[0]}", param="year")
    return years


def parse_part(value: str | None) -> PartFilter | None:
    """``review`` or ``plan`` (or None for both), as given in a URL or a file."""
    if value is None:
        return None
    if value not in get_args(PartFilter):
        raise FilterError(f"part takes review or plan, not {value!r}")
    return cast("PartFilter", value)
