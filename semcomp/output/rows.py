"""Results as flat rows (one dict each, plain values), for CSV and for pandas.

Nested results (a finding's two sides, a comparison's pair) are spread into prefixed columns; each
passage keeps its report id, readable name and offsets, so a spreadsheet row can still be quoted.
"""

from __future__ import annotations

from typing import Any

from semcomp.compare.report import Comparison
from semcomp.figures.series import SeriesRow
from semcomp.reuse.boilerplate import Phrase
from semcomp.reuse.clusters import Cluster
from semcomp.reuse.finder import Finding, Side
from semcomp.summarize.summarizer import SectionSummary

Row = dict[str, Any]


def _side(prefix: str, s: Side | None) -> Row:
    keys = ("report_id", "label", "section_path", "start", "end", "text")
    return {f"{prefix}_{k}": getattr(s, k) if s else None for k in keys}


def finding_rows(findings: list[Finding]) -> list[Row]:
    return [
        {"kind": f.kind, "scope": f.scope, "direction": f.direction, "chars": f.chars, "similarity": f.similarity,
         "boilerplate": f.boilerplate, "cluster": f.cluster, "spread_reports": f.spread_reports}
        | _side("source", f.source) | _side("target", f.target)
        for f in findings
    ]  # fmt: skip


def cluster_rows(clusters: list[Cluster]) -> list[Row]:
    """One row per witness: the cluster's first row is its candidate origin."""
    return [
        {"cluster": c.id, "reports": c.reports, "regions": c.regions, "chars": c.chars, "boilerplate": c.boilerplate,
         "origin": k == 0} | _side("witness", w)
        for c in clusters
        for k, w in enumerate(c.witnesses)
    ]  # fmt: skip


def comparison_rows(c: Comparison) -> list[Row]:
    keys = ("section_path", "start", "end", "text")
    return [
        {"status": r.status, "similarity": r.similarity, "confidence": r.confidence}
        | {f"{side}_{k}": getattr(p, k) if p else None for side, p in (("a", r.a), ("b", r.b)) for k in keys}
        for r in c.rows
    ]


def summary_rows(summaries: list[SectionSummary]) -> list[Row]:
    """One row per picked sentence, under its section."""
    return [
        {"section_path": s.path, "section_title": s.title, "whole": s.whole, "sentence": p.ordinal, "start": p.start, "end": p.end,
         "text": p.text}
        for s in summaries
        for p in s.sentences
    ]  # fmt: skip


def series_rows(rows: list[SeriesRow]) -> list[Row]:
    return [{"region": r.region, "period": r.period, "year": r.year,
             "result": r.result.normalised if r.result else None, "unit": r.result.normal_unit if r.result else None,
             "result_kind": r.result.kind if r.result else None, "growth": r.growth.describe() if r.growth else None,
             "target": r.target.describe() if r.target else None, "gap": r.gap,
             "reports": " ".join(r.reports)} for r in rows]  # fmt: skip


def phrase_rows(phrases: list[Phrase]) -> list[Row]:
    """Shared phrases, their per-year and per-level counts written as 2019:3 2020:5."""
    return [{k: " ".join(f"{a}:{n}" for a, n in v.items()) if isinstance(v, dict) else v for k, v in p.to_dict().items()}
            for p in phrases]  # fmt: skip
