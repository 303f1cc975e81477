"""Which passages an analysis looks at: restrictions applied before ranking, not after."""

from __future__ import annotations

from dataclasses import dataclass

from semcomp.errors import SemcompError

DEFAULT_KINDS = ("body", "table")


@dataclass(frozen=True)
class Filters:
    """Restrictions applied before ranking."""

    years: tuple[int, int] | None = None
    region: str | None = None  # any part of the region path: 保定, 河北省保定市, 唐县
    report_type: str | None = None
    part: str | None = None  # review | plan
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
    return years
