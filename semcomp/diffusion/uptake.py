"""When a phrase first appears at each level of government, and how each region took it up.

A region's *mode* compares the year it first used the phrase with the years its superiors (its
prefecture, its province, the State Council) first did: ``top-down`` when one of them used it in an
earlier year, ``simultaneous`` in the same year, ``bottom-up`` when the region used it before any of
them and at least one of them has a report of that year or earlier in the catalogue that doesn't say
it (so the absence is seen, not a gap in the corpus), else ``unknown``. The State Council is
``bottom-up`` when some region used the phrase in an earlier year, ``simultaneous`` in the same year,
else ``first``. Years, not dates: a county's January report can't echo the State Council's March one
of that year, but both may echo one central document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from semcomp.attention import Concept
from semcomp.diffusion.phrases import Occurrence, bare, occurrences
from semcomp.errors import SemcompError
from semcomp.ingest.gazetteer import region_code, superiors
from semcomp.model import PROSE, Report
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters

Tier = Literal["national", "province", "prefecture", "county"]
Mode = Literal["first", "top-down", "simultaneous", "bottom-up", "unknown"]
TIERS: tuple[Tier, ...] = ("national", "province", "prefecture", "county")


class DiffusionError(SemcompError):
    """No phrase to follow, or no report to follow it in."""


def tier(gov_level: str | None) -> Tier | None:
    """The tier a report's level of government belongs to: districts and county-level cities are counties."""
    if gov_level in ("national", "province", "prefecture"):
        return gov_level  # type: ignore[return-value]
    return "county" if gov_level else None


@dataclass(frozen=True)
class Adoption:
    """A region's first report holding the phrase."""

    phrase: str
    region: str
    region_code: str | None
    tier: Tier | None
    year: int
    date: str | None
    report_id: str
    label: str
    written: str
    exact: bool
    start: int
    end: int
    mode: Mode

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Diffusion:
    phrase: str
    reports: int  # reports that hold it
    firsts: list[Adoption]  # the earliest adoption at each tier, in tier order
    adoptions: list[Adoption]  # every region's, in the order they took it up

    def to_dict(self) -> dict:
        return asdict(self)


def _when(report: Report) -> tuple[int, str]:
    return report.value("year") or 0, report.value("date") or "9999"


def diffusion(catalogue: Catalogue, phrases: Sequence[str | Concept], filters: Filters = Filters()) -> list[Diffusion]:
    """Each phrase's spread over the selected reports that have a region and a year; a concept's is that
    of any of its words, under its name.

    A region's first use and its mode are read from every report of the catalogue (of the selected type),
    so that a filter on regions or years changes which adoptions are shown, never when they happened:
    a region is shown when its first report holding the phrase is among the selected ones."""
    concepts = [c for c in map(_as_concept, phrases) if c.name]
    if not concepts:
        raise DiffusionError("give at least one phrase")
    for c in concepts:
        if empty := next((t for t in c.terms if not bare(t)[0]), None):  # all punctuation: it would match every paragraph
            raise DiffusionError(f"phrase {empty!r} holds no character to look for (punctuation and spaces are ignored)")
    reports = {r.id: r for r in catalogue.reports() if r.value("region") and r.value("year")}
    selected = {rid for rid in catalogue.report_ids(filters) if rid in reports}
    if not selected:
        raise DiffusionError("no report with a region and a year matches the filters", param="filters")
    whole = Filters(report_type=filters.report_type, all_copies=filters.all_copies)
    universe = [rid for rid in catalogue.report_ids(whole) if rid in reports]
    found = occurrences(concepts, catalogue.paragraph_texts(universe, PROSE))
    national = {reports[rid].value("region") for rid in universe if reports[rid].gov_level == "national"}
    seen_years: dict[str, int] = {}  # each region's earliest report
    for rid in universe:
        region, year = reports[rid].value("region"), reports[rid].value("year")
        seen_years[region] = min(year, seen_years.get(region, year))
    return [_spread(c.name, [o for o in found if o.phrase == c.name], reports, national, seen_years, selected) for c in concepts]


def _as_concept(phrase: str | Concept) -> Concept:
    return phrase if isinstance(phrase, Concept) else Concept(phrase.strip(), (phrase.strip(),))


def _spread(phrase: str, found: list[Occurrence], reports: dict[str, Report], national: set[str], seen: dict[str, int],
            selected: set[str]) -> Diffusion:  # fmt: skip
    firsts: dict[str, Occurrence] = {}
    for o in sorted(found, key=lambda o: _when(reports[o.report_id])):
        firsts.setdefault(reports[o.report_id].value("region"), o)
    adopted = {region: reports[o.report_id].value("year") for region, o in firsts.items()}
    adoptions = [_adoption(o, reports[o.report_id], _mode(region, adopted, national, seen))
                 for region, o in firsts.items() if o.report_id in selected]  # fmt: skip
    by_tier: dict[Tier | None, Adoption] = {}
    for a in adoptions:
        by_tier.setdefault(a.tier, a)
    held = sum(o.report_id in selected for o in found)
    return Diffusion(phrase, held, [by_tier[t] for t in TIERS if t in by_tier], adoptions)


def _mode(region: str, adopted: dict[str, int], national: set[str], seen: dict[str, int]) -> Mode:
    year = adopted[region]
    if region in national:
        others = [y for r, y in adopted.items() if r not in national]
        return "bottom-up" if any(y < year for y in others) else "simultaneous" if year in others else "first"
    above = [*superiors(region), *national]
    years = [adopted[s] for s in above if s in adopted]
    if any(y < year for y in years):
        return "top-down"
    if year in years:
        return "simultaneous"
    return "bottom-up" if any(seen.get(s, year + 1) <= year for s in above) else "unknown"


def _adoption(o: Occurrence, report: Report, mode: Mode) -> Adoption:
    region = report.value("region")
    return Adoption(
        phrase=o.phrase, region=region, region_code=region_code(region), tier=tier(report.gov_level),
        year=report.value("year"), date=report.value("date"), report_id=report.id, label=report.label,
        written=o.written, exact=o.exact, start=o.start, end=o.end, mode=mode,
    )  # fmt: skip
