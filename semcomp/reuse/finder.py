"""Shared passages between reports: exact, template (numbers and unit names swapped), near and reordered.

Each report is one stream of template characters (``stream``). Windows shared by two reports seed
chains (``seeds``), each chain is aligned locally (``local``), so a copy is found wherever it sits:
inside a longer sentence, across a sentence boundary whose punctuation changed, with its clauses in
another order. Each finding says which report is the earlier (the candidate source), whether both
are the same region, and how many reports and regions hold the passage (its cluster of witnesses),
so that boilerplate ranks below copying.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np

from semcomp.errors import SemcompError
from semcomp.model import Report
from semcomp.reuse.clusters import assign_clusters
from semcomp.reuse.formulas import formulaic
from semcomp.reuse.local import Alignment, align_chain
from semcomp.reuse.seeds import Seeds, blocks, chains, common_hashes, kgrams, max_reports, shared_seeds
from semcomp.reuse.stream import Stream, load_streams
from semcomp.store.catalogue import Catalogue

FindingKind = Literal["exact", "template", "near", "reordered", "paraphrase"]
Scope = Literal["within-region", "across-regions", "unknown"]  # unknown: a report without a region
ScopeFilter = Literal["within-region", "across-regions"]
MIN_CHARS = 15
BLOCK = 2000  # reports matched together; a larger corpus goes block pair by block pair, in bounded memory
_FLIP = {"insert": "delete", "delete": "insert"}


class ReuseError(SemcompError):
    """Reuse can't be computed on this selection (fewer than two reports, nothing ingested)."""


@dataclass
class Side:
    report_id: str
    region: str | None
    year: int | None
    section_path: str
    start: int  # offsets into the report's raw document text
    end: int
    text: str  # the raw text between them, verbatim
    label: str = ""  # the report's readable name: 海拉尔区 2015 政府工作报告


@dataclass
class Finding:
    source: Side
    target: Side
    kind: FindingKind
    similarity: float
    chars: int  # informative characters matched (numbers and masks excluded)
    sentences: int  # sentences of the target the copy touches
    direction: Literal["source-earlier", "unknown"]
    scope: Scope
    spread_reports: int  # reports that hold most of this passage (these two included)
    spread_regions: int
    score: float  # length × rarity
    boilerplate: bool = False  # a formula of the genre or a passage most reports hold: not copying
    cluster: int = -1  # the cluster of witnesses it belongs to
    opcodes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, source text, target text)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Selection:
    years: tuple[int, int] | None = None
    region: str | None = None
    scope: ScopeFilter | None = None
    min_chars: int = MIN_CHARS
    all_copies: bool = False  # keep reports stored twice, which would rank as the strongest copying


def order(a: Report, b: Report) -> tuple[Report, Report, bool]:
    """(earlier, later, known): the earlier report is the candidate source."""
    ya, yb = a.when, b.when
    if ya[0] != yb[0] and ya[0] and yb[0]:
        return (a, b, True) if ya[0] < yb[0] else (b, a, True)
    if ya[1] and yb[1] and ya[1] != yb[1]:
        return (a, b, True) if ya[1] < yb[1] else (b, a, True)
    return (a, b, False) if a.id <= b.id else (b, a, False)


def scope_of(a: Report, b: Report) -> Scope:
    """One region across years, two regions, or unknown when a report has no region."""
    region_a, region_b = a.value("region"), b.value("region")
    if not (region_a and region_b):
        return "unknown"
    return "within-region" if region_a == region_b else "across-regions"


def find_reuse(
    catalogue: Catalogue, selection: Selection = Selection(), on_progress: Callable[[str], None] | None = None
) -> list[Finding]:
    """Every shared passage between the catalogue's reports, copying first, boilerplate after."""
    copies = {} if selection.all_copies else catalogue.second_copies()
    reports = {r.id: r for r in catalogue.reports() if r.id not in copies}
    if len(reports) < 2:
        raise ReuseError(f"reuse needs at least two reports; the index holds {len(reports)} (run `semcomp ingest`)")
    if on_progress:
        on_progress("reading reports")
    streams = load_streams(catalogue, list(reports))
    if not streams:
        raise ReuseError("the reports hold no body sentences to compare")
    return match_streams(streams, reports, selection, on_progress)


def match_streams(
    streams: dict[str, Stream],
    reports: dict[str, Report],
    selection: Selection = Selection(),
    on_progress: Callable[[str], None] | None = None,
    max_holders: int | None = None,
    block: int = BLOCK,
) -> list[Finding]:
    """The matching itself, on streams already built. Windows held by more than ``max_holders`` reports
    seed nothing (by default a tenth of the reports, thirty at least). More than ``block`` reports are
    matched block pair by block pair (see ``seeds.blocks``), with the same findings."""
    step = on_progress or (lambda _m: None)
    rids = list(streams)
    texts = [streams[r].text for r in rids]
    limit = max_holders or max_reports(len(rids))
    step("shared windows")
    if len(rids) <= block:
        tasks: Iterable[tuple[np.ndarray, Seeds]] = [(np.arange(len(rids)), shared_seeds(texts, max_reports=limit))]
    else:
        parts = [kgrams(t) for t in texts]
        common = common_hashes(parts, limit)
        tasks = (
            (members, shared_seeds([texts[i] for i in members], parts=[parts[i] for i in members], common=common, cross=cross))
            for members, cross in blocks(len(rids), block)
        )
    wanted: dict[tuple[int, int], bool] = {}  # report pairs the selection keeps; others are not aligned
    aligned: dict[tuple[int, int], list[Alignment]] = defaultdict(list)
    for members, seeds in tasks:
        found = chains(seeds, min_covered=selection.min_chars)
        step(f"aligning {len(found)} chains")
        for la, lb, tiles in found.each():
            key = (int(members[la]), int(members[lb]))
            if key not in wanted:
                ra, rb = reports[rids[key[0]]], reports[rids[key[1]]]
                wanted[key] = _selected(ra, rb, selection) and selection.scope in (None, scope_of(ra, rb))
            if wanted[key]:
                aligned[key] += align_chain(streams[rids[key[0]]], streams[rids[key[1]]], tiles, selection.min_chars)
    step("clusters")
    findings, formulas = [], []
    for (ka, kb), items in aligned.items():
        sa, sb = streams[rids[ka]], streams[rids[kb]]
        pair = _Pair(sa, sb, reports[sa.report_id], reports[sb.report_id])
        for al in _one_to_one(items):
            findings.append(pair.finding(al))
            formulas.append(formulaic(sa.text[al.a0 : al.a1]))
    assign_clusters(findings, len(reports))
    for f, formula in zip(findings, formulas, strict=True):
        f.boilerplate = f.boilerplate or formula
        f.score = round(f.chars / math.log2(1 + f.spread_reports), 2)
    findings.sort(key=lambda f: (f.boilerplate, -f.score, f.source.report_id, f.source.start, f.target.report_id))
    return findings


def _selected(a: Report, b: Report, sel: Selection) -> bool:
    if sel.years and not all(sel.years[0] <= (r.value("year") or 0) <= sel.years[1] for r in (a, b)):
        return False
    return not sel.region or any(sel.region in (r.value("region") or "") for r in (a, b))


def _one_to_one(items: list[Alignment]) -> list[Alignment]:
    """The best alignment of each stretch: a passage repeated in one report is paired once."""
    if len(items) == 1:
        return items
    kept: list[Alignment] = []
    taken_a: list[tuple[int, int]] = []  # spans kept so far, sorted
    taken_b: list[tuple[int, int]] = []
    for al in sorted(items, key=lambda x: (-x.matched, x.a0, x.b0)):
        if not (_clashes(taken_a, (al.a0, al.a1)) or _clashes(taken_b, (al.b0, al.b1))):
            kept.append(al)
            bisect.insort(taken_a, (al.a0, al.a1))
            bisect.insort(taken_b, (al.b0, al.b1))
    return kept


def _clashes(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether more than half of the shorter of ``span`` and a nearby kept span lies in the other."""
    at = bisect.bisect_left(taken, span)
    for x in taken[max(0, at - 2) : at + 2]:
        inter = min(x[1], span[1]) - max(x[0], span[0])
        if inter > 0.5 * min(x[1] - x[0], span[1] - span[0]):
            return True
    return False


def _side(s: Stream, report: Report, a0: int, a1: int) -> Side:
    start, end = s.raw_span(a0, a1)
    return Side(report.id, report.value("region"), report.value("year"), s.section_path(a0), start, end, s.raw[start:end], report.label)


@dataclass
class _Pair:
    """Two reports' streams, and what holds for every finding between them."""

    sa: Stream
    sb: Stream
    ra: Report
    rb: Report

    def __post_init__(self) -> None:
        early, _, known = order(self.ra, self.rb)
        self.a_first = early.id == self.ra.id
        self.direction: Literal["source-earlier", "unknown"] = "source-earlier" if known else "unknown"
        self.scope = scope_of(self.ra, self.rb)

    def finding(self, al: Alignment) -> Finding:
        sa, sb = self.sa, self.sb
        side_a, side_b = _side(sa, self.ra, al.a0, al.a1), _side(sb, self.rb, al.b0, al.b1)
        opcodes = []
        for tag, i1, i2, j1, j2 in al.ops:
            a, b = sa.piece(i1, i2, al.a1), sb.piece(j1, j2, al.b1)
            opcodes.append(("differs" if tag == "equal" and a != b else tag, a, b))  # same template, other numbers or punctuation
        if side_a.text == side_b.text:
            kind: FindingKind = "exact"
        elif al.moved:
            kind = "reordered"
        elif all(op[0] == "equal" for op in al.ops):
            kind = "template"
        else:
            kind = "near"
        if self.a_first:
            source, target, touched = side_a, side_b, sb.sentence[al.b0 : al.b1]
        else:
            source, target, touched = side_b, side_a, sa.sentence[al.a0 : al.a1]
            opcodes = [(_FLIP.get(tag, tag), b, a) for tag, a, b in opcodes]
        return Finding(source, target, kind, al.similarity, al.matched, int(touched[-1]) - int(touched[0]) + 1, self.direction,
                       self.scope, 2, 1 if self.scope == "within-region" else 2, 0.0, opcodes=opcodes)  # fmt: skip
