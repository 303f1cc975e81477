"""How much of a local report echoes its superiors: the share of its prose that the reuse alignment
finds in the reports of its prefecture, its province and the State Council of the same year or the
year before (Xiao & Zhu 2022 measure provincial reiteration of central guidelines this way). The
passages are ``semcomp reuse``'s findings over the whole catalogue, so a report's echo is the same
whatever the filters select.

Passages that reuse calls boilerplate (the genre's formulas, or text most reports hold) are counted
apart in ``boilerplate_share``: the set phrases of central documents are a kind of echo too, but not
one a report chooses. Shares are of the raw characters of the report's prose paragraphs, so a passage
echoed by two superiors counts once. A report none of whose superiors' reports of those years is in
the selection has no echo to measure: ``superior_reports`` is 0 and its shares are empty, not zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from semcomp.diffusion.uptake import TIERS, DiffusionError, Tier, tier
from semcomp.ingest.gazetteer import region_code, superiors
from semcomp.model import PROSE, Report
from semcomp.reuse.finder import Finding, find_reuse
from semcomp.reuse.selection import Selection
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters

Span = tuple[int, int]
YEARS_BACK = 1  # superiors' reports of the same year and of this many years before


@dataclass(frozen=True)
class Echo:
    report_id: str
    label: str
    region: str
    region_code: str | None
    tier: Tier | None
    year: int
    chars: int  # raw characters of its prose paragraphs
    superior_reports: int  # its superiors' reports of the same and the previous year, compared with it
    share: float | None  # of its prose found in them, boilerplate left out
    national_share: float | None  # the same, from the State Council's reports alone
    province_share: float | None
    prefecture_share: float | None
    boilerplate_share: float | None  # boilerplate shared with them

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EchoCell:
    """One region × year, its reports pooled by their characters."""

    region: str
    region_code: str | None
    tier: Tier | None
    year: int
    reports: int
    chars: int
    share: float

    def to_dict(self) -> dict:
        return asdict(self)


def echoes(catalogue: Catalogue, filters: Filters = Filters(), on_progress: Callable[[str], None] | None = None) -> list[Echo]:
    """The echo of each selected report below the State Council that has a region and a year."""
    copies = {} if filters.all_copies else catalogue.second_copies()
    reports = {r.id: r for r in catalogue.reports() if r.value("region") and r.value("year") and r.id not in copies}
    local = [rid for rid in catalogue.report_ids(filters) if rid in reports and tier(reports[rid].gov_level) != "national"]
    if not local:
        raise DiffusionError("no local report with a region and a year matches the filters", param="filters")
    above = _superior_reports(local, reports)
    findings = find_reuse(catalogue, Selection(all_copies=filters.all_copies), on_progress) if any(above.values()) else []
    spans = _echoed_spans(findings, above, reports)
    paragraphs: dict[str, list[Span]] = defaultdict(list)
    for p in catalogue.paragraph_texts(local, PROSE):
        paragraphs[p.report_id].append((p.start, p.end))
    return [_echo(reports[rid], paragraphs[rid], [reports[s] for s in above[rid]], spans[rid]) for rid in local]


def _superior_reports(local: list[str], reports: dict[str, Report]) -> dict[str, list[str]]:
    """For each local report, the reports of its superiors of its year and the year before."""
    by_region_year: dict[tuple[str, int], list[str]] = defaultdict(list)
    national = set()
    for r in reports.values():
        by_region_year[r.value("region"), r.value("year")].append(r.id)
        if r.gov_level == "national":
            national.add(r.value("region"))
    out = {}
    for rid in local:
        report = reports[rid]
        year = report.value("year")
        chain = [*superiors(report.value("region")), *sorted(national)]
        out[rid] = [s for region in chain for y in range(year - YEARS_BACK, year + 1) for s in by_region_year.get((region, y), [])]
    return out


def _echoed_spans(findings: list[Finding], above: dict[str, list[str]], reports: dict[str, Report]) -> dict[str, dict[str, list[Span]]]:
    """For each local report, its raw spans found in its superiors' reports: by the superior's tier, and
    ``boilerplate`` for what reuse calls boilerplate."""
    wanted = {(rid, s) for rid, ss in above.items() for s in ss}
    spans: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        for mine, theirs in ((f.target, f.source), (f.source, f.target)):
            if (mine.report_id, theirs.report_id) in wanted:
                key = "boilerplate" if f.boilerplate else tier(reports[theirs.report_id].gov_level) or "county"
                spans[mine.report_id][key].append((mine.start, mine.end))
    return spans


def covered(spans: Sequence[Span], within: Sequence[Span]) -> int:
    """Characters of ``within`` that the union of ``spans`` covers."""
    total = 0
    for a0, a1 in _merged(spans):
        for b0, b1 in _merged(within):
            total += max(0, min(a1, b1) - max(a0, b0))
    return total


def _merged(spans: Sequence[Span]) -> list[Span]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _echo(report: Report, paragraphs: list[Span], compared: list[Report], spans: dict[str, list[Span]]) -> Echo:
    """The shares of one report; a tier none of whose reports was compared has none."""
    chars = sum(end - start for start, end in paragraphs)
    tiers = {tier(r.gov_level) for r in compared}

    def share(keys: Sequence[str], compared_any: bool) -> float | None:
        if not (chars and compared_any):
            return None
        return round(covered([s for k in keys for s in spans.get(k, [])], paragraphs) / chars, 4)

    region = report.value("region")
    return Echo(
        report_id=report.id, label=report.label, region=region, region_code=region_code(region),
        tier=tier(report.gov_level), year=report.value("year"), chars=chars, superior_reports=len(compared),
        share=share(TIERS, bool(tiers)), national_share=share(["national"], "national" in tiers),
        province_share=share(["province"], "province" in tiers), prefecture_share=share(["prefecture"], "prefecture" in tiers),
        boilerplate_share=share(["boilerplate"], bool(tiers)),
    )  # fmt: skip


def echo_panel(rows: Sequence[Echo]) -> list[EchoCell]:
    """Region × year cells of the reports that had superiors to compare with, pooled by characters."""
    cells: dict[tuple[str, int], list[Echo]] = defaultdict(list)
    for row in rows:
        if row.share is not None:
            cells[row.region, row.year].append(row)
    out = []
    for (region, year), group in sorted(cells.items()):
        chars = sum(r.chars for r in group)
        share = sum((r.share or 0.0) * r.chars for r in group) / chars if chars else 0.0
        out.append(EchoCell(region=region, region_code=group[0].region_code, tier=group[0].tier, year=year, reports=len(group),
                            chars=chars, share=round(share, 4)))  # fmt: skip
    return out
