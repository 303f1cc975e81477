"""Report × report reuse: the share of each later report's text found in an earlier one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from semcomp.reuse.finder import Finding
from semcomp.reuse.stream import STREAM_KINDS, load_sentences
from semcomp.store.catalogue import Catalogue
from semcomp.text.template import informative


@dataclass
class Cell:
    source: str
    target: str
    share: float  # of the target's informative characters
    chars: int
    findings: int
    scope: str

    def to_dict(self) -> dict:
        return asdict(self)


def share_matrix(catalogue: Catalogue, findings: list[Finding]) -> list[Cell]:
    """Pairs with any reuse, in date order (targets, then their sources). Boilerplate is not copying and
    counts for nothing; pairs of unknown direction count both ways."""
    findings = [f for f in findings if not f.boilerplate]
    targets = {f.target.report_id for f in findings} | {f.source.report_id for f in findings if f.direction == "unknown"}
    size: dict[str, int] = defaultdict(int)
    for s in load_sentences(catalogue, sorted(targets), STREAM_KINDS) if targets else []:
        size[s.report_id] += informative(s.template)
    chars: dict[tuple[str, str], int] = defaultdict(int)
    count: dict[tuple[str, str], int] = defaultdict(int)
    scope: dict[tuple[str, str], str] = {}
    for f in findings:
        pairs = [(f.source.report_id, f.target.report_id)]
        if f.direction == "unknown":
            pairs.append((f.target.report_id, f.source.report_id))
        for pair in pairs:
            chars[pair] += f.chars
            count[pair] += 1
            scope[pair] = f.scope
    cells = [Cell(a, b, round(min(1.0, chars[(a, b)] / max(size[b], 1)), 4), chars[(a, b)], count[(a, b)], scope[(a, b)]) for a, b in chars]
    reports = {r.id: r for r in catalogue.reports()}
    cells.sort(key=lambda c: (reports[c.target].when, c.target, reports[c.source].when, c.source))
    return cells


def strongest_reports(cells: list[Cell], limit: int) -> set[str]:
    """The reports of the pairs with the largest shares, taken pair by pair while at most ``limit``: the
    rows and columns a drawn matrix can show."""
    shown: set[str] = set()
    for c in sorted(cells, key=lambda c: -c.share):
        if len(shown | {c.source, c.target}) <= limit:
            shown |= {c.source, c.target}
    return shown
