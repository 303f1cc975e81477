"""Targets and their fate: each target a report sets, the result the same region's next report states
for it, and the target its superior (prefecture, province, State Council) set for the same year.

A work report of year Y sets Y's targets and the report of Y+1 states Y's results, so both come from
the rows of :func:`collect`. A target is *met* when the result is at or above it (at or below it for
a ceiling: prices, unemployment, energy use per unit of output, or a target written ``控制在…以内``);
``左右`` gets no tolerance, so a study that reads 4.9 % against ``5%左右`` as met applies its own from
``gap``. A range is met from its lower end (its upper end for a ceiling). *Amplification* is how far a
growth target exceeds its nearest superior's for the same indicator and year, in points (Li, Liu,
Weng & Zhou 2019 on targets raised down the hierarchy).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from semcomp.figures.indicators import BY_NAME
from semcomp.figures.reader import Figure
from semcomp.figures.series import SeriesRow, collect, standard
from semcomp.ingest.gazetteer import region_code, superiors
from semcomp.model import json_fields
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters

Status = Literal["met", "missed"]
CEILING_WORDS = ("以内", "以下", "不超过", "不高于", "控制在")


@dataclass(frozen=True)
class Target:
    region: str
    region_code: str | None
    gov_level: str | None
    indicator: str
    year: int
    measure: str  # level | growth
    target: float  # in the indicator's unit, or per cent for a growth; a fall is negative
    high: float | None  # the upper end of a range
    unit: str
    modifier: str | None  # 左右, 以上, 以内, 不低于, 力争, 约, range … (a hedge and a qualifier joined by +)
    ceiling: bool  # met at or below the target
    stated: str  # as the report writes it: 增长5%左右
    report_id: str
    quote: str
    start: int
    end: int
    result: float | None  # the same measure, from the report that states the year's result
    result_kind: str | None  # result | estimate (预计)
    result_report: str | None
    status: Status | None
    gap: float | None  # result − the bound the status is judged on
    superior: str | None  # the nearest superior region that set a target for this indicator and year
    superior_target: float | None
    superior_stated: str | None
    amplification: float | None  # points above the superior's growth target

    def to_dict(self) -> dict:
        return json_fields(self)


def signed(f: Figure) -> float:
    """The value with its direction: a fall (下降) is negative."""
    return -f.normalised if f.change == "下降" else f.normalised


def stated(f: Figure) -> str:
    """The target as a report writes it, its hedge in front: 力争增长6%以上, 控制在4.5%以内."""
    return f"{f.hedge if f.hedge and f.hedge != '约' else ''}{f.describe()}"


def modifier(f: Figure) -> str | None:
    words = [w for w in (f.hedge, "range" if f.high is not None else f.qualifier) if w]
    return "+".join(words) or None


def _is_ceiling(indicator: str, f: Figure) -> bool:
    return BY_NAME[indicator].ceiling or f.qualifier in CEILING_WORDS or f.hedge in CEILING_WORDS


def _bound(f: Figure, ceiling: bool) -> float:
    """The end of a range a result is judged against: the lower for a floor, the upper for a ceiling."""
    if f.high is None:
        return signed(f)
    ends = sorted((signed(f), -f.high if f.change == "下降" else f.high))
    return ends[1] if ceiling else ends[0]


def _annual(rows: Iterable[tuple[str, SeriesRow]]) -> Iterator[tuple[str, SeriesRow]]:
    return ((name, row) for name, row in rows if row.period == f"{row.year}年")


def targets(catalogue: Catalogue, filters: Filters = Filters(), indicator: str | None = None) -> list[Target]:
    """Every annual target of the standard indicators (or of one) that the selected reports set, by
    indicator, region and year, with its result and its superior's target, wherever in the catalogue
    those are stated (a result is in the next year's report, which the selection may leave out)."""
    names = {standard(indicator)} if indicator else None
    selected = set(catalogue.report_ids(filters))
    usable = selected | set(catalogue.report_ids(Filters(all_copies=filters.all_copies)))
    reports = [r for r in catalogue.reports() if r.id in usable and r.value("region")]
    gov_levels = {r.value("region"): r.gov_level for r in reports}
    national = next((region for region, gov_level in gov_levels.items() if gov_level == "national"), None)
    chains = {r.value("region"): _superiors(r.value("region"), national) for r in reports if r.id in selected}
    wanted = set(chains) | {s for chain in chains.values() for s in chain}
    read = tuple(r.id for r in reports if r.value("region") in wanted)
    rows = list(_annual(collect(catalogue, Filters(reports=read), names))) if read else []
    set_for = {(name, row.region, row.year): row.target for name, row in rows if row.target}
    out = []
    for name, row in rows:
        aim = row.target
        if aim is None or aim.measure not in ("level", "growth") or row.sources["target"] not in selected:
            continue
        superior = next((s for s in chains[row.region] if (name, s, row.year) in set_for), None)
        out.append(_target(name, row, aim, gov_levels.get(row.region), superior, set_for.get((name, superior or "", row.year))))
    return out


def _superiors(region: str, national: str | None) -> list[str]:
    """The regions above one, nearest first, the State Council last."""
    chain = superiors(region)
    return [*chain, national] if national and region != national else chain


def _target(name: str, row: SeriesRow, aim: Figure, gov_level: str | None, superior: str | None, above: Figure | None) -> Target:
    ceiling = _is_ceiling(name, aim)
    done = row.growth if aim.measure == "growth" else row.result
    gap = None if done is None else round(signed(done) - _bound(aim, ceiling), 4)
    status: Status | None = None if gap is None else "met" if (gap <= 0 if ceiling else gap >= 0) else "missed"
    amplification = round(signed(aim) - signed(above), 4) if above and above.measure == aim.measure == "growth" else None
    return Target(
        region=row.region, region_code=region_code(row.region), gov_level=gov_level, indicator=name, year=row.year,
        measure=aim.measure, target=signed(aim), high=aim.high, unit=aim.normal_unit, modifier=modifier(aim),
        ceiling=ceiling, stated=stated(aim), report_id=row.sources["target"], quote=aim.text, start=aim.start,
        end=aim.end, result=None if done is None else signed(done), result_kind=None if done is None else done.kind,
        result_report=row.sources.get("growth" if aim.measure == "growth" else "result"), status=status, gap=gap,
        superior=superior if above else None, superior_target=None if above is None else signed(above),
        superior_stated=None if above is None else stated(above), amplification=amplification,
    )  # fmt: skip

