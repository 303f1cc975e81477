"""The most widely shared phrases, with their lineage: where each first appears and how it spread.

Phrases are clauses (between commas and stops) in their template form, so that a formula with other
numbers or 县 for 区 counts as the same formula. Each phrase gives the earliest report that holds it
(its first year and region), and the reports holding it per year and per level of government.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from semcomp.model import json_fields
from semcomp.reuse.stream import load_sentences
from semcomp.store.catalogue import Catalogue
from semcomp.text.template import NUMBER, informative, template_text

CLAUSE = re.compile(r"[^，。；：！？,;:!?]+")
MIN_CLAUSE = 8


@dataclass
class Phrase:
    text: str  # as the earliest report writes it, numbers shown as N
    reports: int
    regions: int
    first_year: int | None
    first_region: str | None
    first_report: str
    by_year: dict[int, int] = field(default_factory=dict)  # reports holding it per year
    by_gov_level: dict[str, int] = field(default_factory=dict)  # per level of government (province, county, …)
    by_region: dict[str, int] = field(default_factory=dict)  # the five regions holding it most

    def to_dict(self) -> dict:
        return json_fields(self)


def boilerplate(catalogue: Catalogue, top: int = 50, min_reports: int = 3) -> list[Phrase]:
    reports = {r.id: r for r in catalogue.reports()}
    holders: dict[str, set[str]] = defaultdict(set)
    written: dict[tuple[str, str], str] = {}  # (template, report) → the clause as that report writes it
    for s in load_sentences(catalogue, list(reports)):
        for clause in CLAUSE.findall(s.text):
            key = template_text(clause)
            if informative(key) >= MIN_CLAUSE:
                holders[key].add(s.report_id)
                written.setdefault((key, s.report_id), NUMBER.sub("N", clause.strip()))
    ranked = sorted((k for k, v in holders.items() if len(v) >= min_reports), key=lambda k: (-len(holders[k]), -len(k), k))
    phrases = []
    for key in ranked[:top]:
        rids = holders[key]
        first = min(rids, key=lambda r: (reports[r].when[0] or 9999, reports[r].when[1], r))
        years = Counter(reports[r].value("year") for r in rids if reports[r].value("year"))
        gov_levels = Counter(reports[r].gov_level or "?" for r in rids)
        regions = Counter(reports[r].value("region") or "?" for r in rids)
        phrases.append(Phrase(written[(key, first)], len(rids), len(regions), reports[first].value("year"),
                              reports[first].value("region"), first, dict(sorted(years.items())), _most(gov_levels),
                              _most(regions, 5)))  # fmt: skip
    return phrases


def _most(counts: Counter[str], n: int | None = None) -> dict[str, int]:
    """The most frequent first, ties by name: the same order in every run (a set's order is not)."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])
