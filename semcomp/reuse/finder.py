"""Shared passages between reports: exact, template (numbers and unit names swapped), near, reordered and
adapted (policy words swapped for their synonyms, clauses dropped or added: ``adaptation``).

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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal

from semcomp.errors import SemcompError
from semcomp.model import Report
from semcomp.ray_cluster import Engine
from semcomp.reuse.adaptation import Adaptation, adaptation, cut_swaps, joined
from semcomp.reuse.blocks import Aligned, Context, align_here, align_on_ray
from semcomp.reuse.clusters import assign_clusters
from semcomp.reuse.formulas import formulaic
from semcomp.reuse.local import Alignment
from semcomp.reuse.seeds import max_reports
from semcomp.reuse.selection import Scope, Selection, scope_of
from semcomp.reuse.stream import Stream, load_streams
from semcomp.store.catalogue import Catalogue

# adapted: policy words swapped for their synonyms (加快→加速), often with clauses dropped or added
FindingKind = Literal["exact", "template", "near", "reordered", "adapted", "paraphrase"]
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
    adaptation: Adaptation = field(default_factory=Adaptation)  # words swapped, clauses dropped and added, figures changed

    def to_dict(self) -> dict:
        return asdict(self)


def order(a: Report, b: Report) -> tuple[Report, Report, bool]:
    """(earlier, later, known): the earlier report is the candidate source."""
    ya, yb = a.when, b.when
    if ya[0] != yb[0] and ya[0] and yb[0]:
        return (a, b, True) if ya[0] < yb[0] else (b, a, True)
    if ya[1] and yb[1] and ya[1] != yb[1]:
        return (a, b, True) if ya[1] < yb[1] else (b, a, True)
    return (a, b, False) if a.id <= b.id else (b, a, False)


def find_reuse(
    catalogue: Catalogue, selection: Selection = Selection(), on_progress: Callable[[str], None] | None = None,
    engine: Engine = "local", address: str | None = None,
) -> list[Finding]:  # fmt: skip
    """Every shared passage between the catalogue's reports, copying first, boilerplate after; ``engine`` ray
    matches the block pairs of reports on the Ray cluster at ``address``, with the same findings."""
    copies = {} if selection.all_copies else catalogue.second_copies()
    reports = {r.id: r for r in catalogue.reports() if r.id not in copies}
    if len(reports) < 2:
        raise ReuseError(f"reuse needs at least two reports; the index holds {len(reports)} (run `semcomp ingest`)")
    if on_progress:
        on_progress("reading reports")
    streams = load_streams(catalogue, list(reports))
    if not streams:
        raise ReuseError("the reports hold no body sentences to compare")
    return match_streams(streams, reports, selection, on_progress, engine=engine, address=address)


def match_streams(
    streams: dict[str, Stream],
    reports: dict[str, Report],
    selection: Selection = Selection(),
    on_progress: Callable[[str], None] | None = None,
    max_holders: int | None = None,
    block: int = BLOCK,
    engine: Engine = "local",
    address: str | None = None,
) -> list[Finding]:
    """The matching itself, on streams already built. Windows held by more than ``max_holders`` reports
    seed nothing (by default a tenth of the reports, thirty at least). More than ``block`` reports are
    matched block pair by block pair (``blocks``), here or as Ray tasks (``engine``), with the same findings."""
    step = on_progress or (lambda _m: None)
    context = Context(reports, selection, max_holders or max_reports(len(streams)))
    step("shared windows and alignment" + (" on Ray" if engine == "ray" else ""))
    ordered = list(streams.values())
    work = align_on_ray(ordered, context, block, address) if engine == "ray" else align_here(ordered, context, block)
    aligned: Aligned = {}
    for done in work:
        aligned |= done  # block pairs share no report pair
    step("clusters")
    findings, formulas = [], []
    for key in sorted(aligned):  # the same order whatever the blocks
        sa, sb = streams[key[0]], streams[key[1]]
        pair = _Pair(sa, sb, reports[sa.report_id], reports[sb.report_id])
        items = aligned[key]
        for al in _one_to_one(items):
            findings.append(pair.finding(al))
            formulas.append(formulaic(sa.written[al.a0 : al.a1]))
    assign_clusters(findings, len(reports))
    for f, formula in zip(findings, formulas, strict=True):
        f.boilerplate = f.boilerplate or formula
        f.score = round(f.chars / math.log2(1 + f.spread_reports), 2)
    findings.sort(key=lambda f: (f.boilerplate, -f.score, f.source.report_id, f.source.start, f.target.report_id))
    return findings


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
        for tag, i1, i2, j1, j2 in (cut for op in joined(al.ops) for cut in cut_swaps(sa.written, sb.written, op)):
            a, b = sa.piece(i1, i2, al.a1), sb.piece(j1, j2, al.b1)
            opcodes.append(("differs" if tag == "equal" and a != b else tag, a, b))  # same template, other numbers or punctuation
        if side_a.text == side_b.text:
            kind: FindingKind = "exact"
        elif al.moved:
            kind = "reordered"
        elif any(op[0] == "swapped" for op in opcodes):
            kind = "adapted"
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
                       self.scope, 2, 1 if self.scope == "within-region" else 2, 0.0, opcodes=opcodes,
                       adaptation=adaptation(opcodes))  # fmt: skip
