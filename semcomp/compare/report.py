"""``compare``: two reports' passages aligned and marked, their figures side by side, themes that moved."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from semcomp.compare.align import Mark, align
from semcomp.compare.diff import Change, changes
from semcomp.compare.pairing import Evidence
from semcomp.embed.encoder import Encoder
from semcomp.figures.reader import Figure
from semcomp.figures.report import report_figures
from semcomp.index.build import cached_vectors
from semcomp.model import Passage, Report
from semcomp.store.catalogue import Catalogue
from semcomp.themes.model import cluster

KINDS = ("body", "table")


@dataclass
class ComparedPassage:
    section_path: str
    text: str
    start: int
    end: int


@dataclass
class AlignedPair:
    status: str
    similarity: float | None  # cosine of a kept or reworded pair
    a: ComparedPassage | None
    b: ComparedPassage | None
    confidence: float | None = None  # probability that the pair speaks of the same policy
    evidence: Evidence | None = None  # what that probability rests on
    changes: list[Change] = field(default_factory=list)  # inside a kept or reworded pair, A → B


@dataclass
class FigurePair:
    indicator: str
    kind: str
    standard: bool
    a: list[Figure] = field(default_factory=list)
    b: list[Figure] = field(default_factory=list)


@dataclass
class Comparison:
    a: str
    b: str
    rows: list[AlignedPair]
    counts: dict[str, int]
    figures: list[FigurePair]
    themes: list[dict]  # label, share in A, share in B
    a_label: str = ""  # 海拉尔区 2015 政府工作报告
    b_label: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _passages(report: Report) -> list[Passage]:
    return [p for p in report.passages if p.granularity == "paragraph" and p.kind in KINDS]


def _side(p: Passage) -> ComparedPassage:
    return ComparedPassage(p.section_path, p.text, p.start, p.end)


def compare_reports(catalogue: Catalogue, a_id: str, b_id: str, encoder: Encoder, cache_root=None) -> Comparison:
    a_report, b_report = catalogue.report(a_id), catalogue.report(b_id)
    a_pass, b_pass = _passages(a_report), _passages(b_report)
    vectors = cached_vectors([p.text for p in a_pass + b_pass], encoder, cache_root)
    a_vec, b_vec = vectors[: len(a_pass)], vectors[len(a_pass) :]
    marks = align(a_vec, b_vec, [p.text for p in a_pass], [p.text for p in b_pass])
    rows = [_row(m, a_pass, b_pass) for m in marks]
    counts: dict[str, int] = dict(Counter(m.status for m in marks))
    themes = _themes(a_pass + b_pass, vectors, len(a_pass))
    return Comparison(a_id, b_id, rows, counts, _figures(a_report, b_report), themes, a_report.label, b_report.label)


def _row(m: Mark, a_pass: list[Passage], b_pass: list[Passage]) -> AlignedPair:
    a, b = (a_pass[m.a] if m.a is not None else None), (b_pass[m.b] if m.b is not None else None)
    row = AlignedPair(m.status, None, _side(a) if a else None, _side(b) if b else None)
    if m.evidence is not None and a and b:
        row.similarity, row.confidence = m.evidence.cosine, round(m.evidence.probability, 3)
        row.evidence, row.changes = m.evidence, changes(a.text, b.text)
    return row


def _figures(a_report: Report, b_report: Report) -> list[FigurePair]:
    """The two reports' figures by indicator and kind: the standard indicators, and others both state."""
    pairs: dict[tuple[str, str], FigurePair] = {}
    for side, report in (("a", a_report), ("b", b_report)):
        for f in report_figures(report):
            pair = pairs.setdefault((f.indicator, f.kind), FigurePair(f.indicator, f.kind, f.standard))
            getattr(pair, side).append(f)
    kept = [p for p in pairs.values() if p.standard or (p.a and p.b)]
    # standard indicators first, those both reports state before the others, results before targets
    return sorted(kept, key=lambda p: (not p.standard, not (p.a and p.b), p.kind != "result"))


def _themes(passages: list[Passage], vectors: np.ndarray, n_a: int) -> list[dict]:
    """Themes of both reports together, and each report's share of them; biggest changes first."""
    k = max(2, min(8, len(passages) // 15))
    if len(passages) < 2 * k:
        return []
    found = cluster([p.text for p in passages], vectors, k)
    a_labels, b_labels = found.labels[:n_a], found.labels[n_a:]
    rows = []
    for c in range(found.k):
        share_a = float((a_labels == c).mean()) if len(a_labels) else 0.0
        share_b = float((b_labels == c).mean()) if len(b_labels) else 0.0
        label = "、".join(found.terms[c][:3])
        rows.append({"theme": label, "a": round(share_a, 3), "b": round(share_b, 3), "change": round(share_b - share_a, 3)})
    return sorted(rows, key=lambda r: -abs(r["change"]))
