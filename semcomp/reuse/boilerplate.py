"""The most widely shared phrases: clauses (between commas and stops) in their template form."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from semcomp.reuse.stream import load_sentences
from semcomp.store.catalogue import Catalogue
from semcomp.text.template import NUMBER, informative, template

CLAUSE = re.compile(r"[^，。；：！？,;:!?]+")
MIN_CLAUSE = 8


@dataclass
class Phrase:
    text: str  # as first written, numbers shown as N
    reports: int
    regions: int
    by_year: dict[int, int] = field(default_factory=dict)
    by_region: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def boilerplate(catalogue: Catalogue, top: int = 50, min_reports: int = 3) -> list[Phrase]:
    reports = {r.id: r for r in catalogue.reports()}
    holders: dict[str, set[str]] = defaultdict(set)
    first: dict[str, str] = {}
    for s in load_sentences(catalogue, list(reports)):
        for clause in CLAUSE.findall(s.text):
            key = template(clause).text
            if informative(key) >= MIN_CLAUSE:
                holders[key].add(s.report_id)
                first.setdefault(key, NUMBER.sub("N", clause.strip()))
    ranked = sorted((k for k, v in holders.items() if len(v) >= min_reports), key=lambda k: (-len(holders[k]), -len(k), k))
    phrases = []
    for key in ranked[:top]:
        rids = holders[key]
        years = Counter(reports[r].value("year") or 0 for r in rids)
        regions = Counter(reports[r].value("region") or "?" for r in rids)
        phrases.append(Phrase(first[key], len(rids), len(regions), dict(sorted(years.items())), dict(regions.most_common(5))))
    return phrases
