"""Which passages an analysis looks at: restrictions applied before ranking, not after."""

from __future__ import annotations

from dataclasses import dataclass

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
