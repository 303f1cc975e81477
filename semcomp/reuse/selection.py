"""Which report pairs reuse compares: the years, the region and the scope a user asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from semcomp.model import Report

Scope = Literal["within-region", "across-regions", "unknown"]  # unknown: a report without a region
ScopeFilter = Literal["within-region", "across-regions"]
MIN_CHARS = 15


@dataclass(frozen=True)
class Selection:
    years: tuple[int, int] | None = None
    region: str | None = None
    scope: ScopeFilter | None = None
    min_chars: int = MIN_CHARS
    all_copies: bool = False  # keep reports stored twice, which would rank as the strongest copying


def scope_of(a: Report, b: Report) -> Scope:
    """One region across years, two regions, or unknown when a report has no region."""
    region_a, region_b = a.value("region"), b.value("region")
    if not (region_a and region_b):
        return "unknown"
    return "within-region" if region_a == region_b else "across-regions"


def selected(a: Report, b: Report, sel: Selection) -> bool:
    """Whether the pair falls in the selection: both reports in its years, one in its region, the scope its scope."""
    if sel.years and not all(sel.years[0] <= (r.value("year") or 0) <= sel.years[1] for r in (a, b)):
        return False
    if sel.region and not any(sel.region in (r.value("region") or "") for r in (a, b)):
        return False
    return sel.scope in (None, scope_of(a, b))
