"""How much of each report a concept takes, and the region × year panel that attention studies regress on.

Hits are counted in the report's own words: its prose and headings (tables with ``tables=True``),
never page chrome or a glossary. ``strings`` counts every non-overlapping occurrence of any of a
concept's words, longest first (生态环境 once when it is a word of the concept, 生态 and 环境 when
only they are); ``words`` counts jieba words equal to one of them, the concept's words added to a
private jieba dictionary. Length is the characters of the counted text, so hits per 10,000
characters compare long and short reports. A theme's attention counts instead the report's paragraphs
that the clustering put in the theme, out of those it clustered.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from semcomp.attention.dictionary import Concept
from semcomp.errors import SemcompError
from semcomp.ingest.gazetteer import region_code
from semcomp.model import PROSE, json_fields
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters
from semcomp.text.terms import private_tokenizer

if TYPE_CHECKING:
    from semcomp.themes.model import Themes

Match = Literal["strings", "words"]


class AttentionError(SemcompError):
    """No report to measure."""


@dataclass(frozen=True)
class ReportAttention:
    report_id: str
    label: str
    region: str | None
    region_code: str | None
    gov_level: str | None  # national, province, prefecture …
    year: int | None
    concept: str
    hits: int
    chars: int
    per_10k: float  # hits per 10,000 characters
    paragraphs: int
    touched: int  # paragraphs with at least one hit
    paragraph_share: float

    def to_dict(self) -> dict:
        return json_fields(self)


@dataclass(frozen=True)
class PanelRow:
    """One region × year × concept cell, pooled over that region's reports of that year."""

    region: str
    region_code: str | None
    gov_level: str | None
    year: int
    concept: str
    reports: int
    hits: int
    chars: int
    per_10k: float
    paragraph_share: float

    def to_dict(self) -> dict:
        return json_fields(self)


def _counters(concepts: Sequence[Concept], match: Match) -> Callable[[str], list[int]]:
    """A function from a paragraph to its hits for each concept, in the concepts' order."""
    if match == "strings":
        patterns = [re.compile("|".join(re.escape(t) for t in sorted(c.terms, key=len, reverse=True))) for c in concepts]
        return lambda text: [len(p.findall(text)) for p in patterns]
    tokenizer = private_tokenizer(t for c in concepts for t in c.terms)
    term_sets = [set(c.terms) for c in concepts]
    anywhere = re.compile("|".join(re.escape(t) for c in concepts for t in c.terms))
    none = [0] * len(concepts)

    def count(text: str) -> list[int]:
        if not anywhere.search(text):
            return none  # no term even as a string: nothing for jieba to find
        words = Counter(tokenizer.lcut(text))
        return [sum(words[t] for t in terms) for terms in term_sets]

    return count


def measure_attention(
    catalogue: Catalogue, concepts: Sequence[Concept], filters: Filters = Filters(), match: Match = "strings", tables: bool = False
) -> list[ReportAttention]:
    """Each report's attention to each concept, in report order (second copies left out unless
    ``filters.all_copies``)."""
    ids = catalogue.report_ids(filters)
    if not ids:
        raise AttentionError("no report matches the filters", param="filters")
    wanted = set(ids)
    reports = {r.id: r for r in catalogue.reports() if r.id in wanted}
    count = _counters(concepts, match)
    by_report: dict[str, list[list[int]]] = {rid: [] for rid in ids}  # hits per paragraph per concept
    chars = dict.fromkeys(ids, 0)
    for paragraph in catalogue.paragraph_texts(ids, (*PROSE, "table") if tables else PROSE):
        by_report[paragraph.report_id].append(count(paragraph.text))
        chars[paragraph.report_id] += len(paragraph.text)
    rows = []
    for rid in ids:
        report = reports[rid]
        region = report.value("region")
        for c, concept in enumerate(concepts):
            hits = [h[c] for h in by_report[rid]]
            touched = sum(h > 0 for h in hits)
            rows.append(ReportAttention(
                report_id=rid, label=report.label, region=region, region_code=region_code(region),
                gov_level=report.gov_level, year=report.value("year"),
                concept=concept.name, hits=sum(hits), chars=chars[rid], per_10k=_per_10k(sum(hits), chars[rid]),
                paragraphs=len(hits), touched=touched, paragraph_share=_share(touched, len(hits)),
            ))  # fmt: skip
    return rows


def theme_attention(catalogue: Catalogue, result: Themes, theme: int) -> list[ReportAttention]:
    """Each clustered report's attention to one theme of ``result``: its paragraphs in the theme are the
    hits, out of its paragraphs that were clustered, and their characters out of all of theirs."""
    if not 0 <= theme < len(result.themes):
        raise AttentionError(f"there is no theme {theme}: the themes are numbered 0 to {len(result.themes) - 1}")
    ids, labels = result.passage_ids, result.labels
    if ids is None or labels is None:
        raise AttentionError("these themes carry no passages to count")
    name = f"{theme} {result.themes[theme].label}"
    by_report: dict[str, list[tuple[bool, int]]] = defaultdict(list)  # (in the theme, characters) of each paragraph
    for paragraph, label in zip(catalogue.paragraphs_by_id([int(i) for i in ids]), labels, strict=True):
        by_report[paragraph.report_id].append((bool(label == theme), len(paragraph.text)))
    reports = {r.id: r for r in catalogue.reports() if r.id in by_report}
    rows = []
    for rid in sorted(by_report):
        report, found = reports[rid], by_report[rid]
        region, chars, touched = report.value("region"), sum(c for _, c in found), sum(hit for hit, _ in found)
        rows.append(ReportAttention(
            report_id=rid, label=report.label, region=region, region_code=region_code(region), gov_level=report.gov_level,
            year=report.value("year"), concept=name, hits=touched, chars=chars, per_10k=_per_10k(touched, chars),
            paragraphs=len(found), touched=touched, paragraph_share=_share(touched, len(found)),
        ))  # fmt: skip
    return rows


def _per_10k(hits: int, chars: int) -> float:
    return round(hits * 10_000 / chars, 3) if chars else 0.0


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def attention_panel(rows: Sequence[ReportAttention]) -> list[PanelRow]:
    """The long-format region × year panel: reports without a region or a year are left out."""
    cells: dict[tuple[str, int, str], list[ReportAttention]] = defaultdict(list)
    for row in rows:
        if row.region and row.year:
            cells[row.region, row.year, row.concept].append(row)
    out = []
    for (region, year, concept), group in sorted(cells.items()):
        hits, chars = sum(r.hits for r in group), sum(r.chars for r in group)
        paragraphs, touched = sum(r.paragraphs for r in group), sum(r.touched for r in group)
        out.append(PanelRow(
            region=region, region_code=group[0].region_code, gov_level=group[0].gov_level, year=year, concept=concept, reports=len(group),
            hits=hits, chars=chars, per_10k=_per_10k(hits, chars), paragraph_share=_share(touched, paragraphs),
        ))  # fmt: skip
    return out
