"""Shared passages between reports: exact, template (numbers and unit names swapped) and near-exact.

Sentences are the unit of matching; candidate pairs come from shared shingles, each pair is aligned
character by character (rapidfuzz's Levenshtein opcodes over template texts), and runs of
consecutive matching sentences in both reports merge into one finding. Each finding says which
report is the earlier (the candidate source), whether both are the same region, and how many
reports and regions share the passage, so that boilerplate ranks below copying.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np
from rapidfuzz.distance import Indel, Levenshtein

from semcomp.errors import SemcompError
from semcomp.model import Report
from semcomp.reuse.shingles import candidate_pairs, shingle_matrix
from semcomp.store.catalogue import Catalogue
from semcomp.text.template import Template, informative, span, template

Kind = Literal["exact", "template", "near", "paraphrase"]
MIN_CHARS = 15
MIN_SIMILARITY = 0.8


class ReuseError(SemcompError):
    """Reuse can't be computed on this selection (fewer than two reports, nothing ingested)."""


@dataclass
class Sentence:
    id: int
    report_id: str
    ordinal: int
    paragraph: int | None
    section_path: str
    text: str
    start: int
    end: int
    template: Template = field(repr=False)


@dataclass
class Side:
    report_id: str
    region: str | None
    year: int | None
    section_path: str
    start: int  # offsets into the report's raw document text
    end: int
    text: str


@dataclass
class Finding:
    source: Side
    target: Side
    kind: Kind
    similarity: float
    chars: int  # informative characters matched (numbers and masks excluded)
    sentences: int
    direction: Literal["source-earlier", "unknown"]
    scope: Literal["within-region", "across-regions", "unknown"]  # unknown: a report without a region
    spread_reports: int  # reports that share this passage (including these two)
    spread_regions: int
    score: float  # length × rarity
    opcodes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, source text, target text)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Selection:
    years: tuple[int, int] | None = None
    region: str | None = None
    scope: Literal["within-region", "across-regions"] | None = None
    min_chars: int = MIN_CHARS


def load_sentences(catalogue: Catalogue, report_ids: list[str]) -> list[Sentence]:
    marks = ",".join("?" * len(report_ids))
    rows = catalogue.db.execute(
        "SELECT id, report_id, ordinal, paragraph, section_path, text, start, \"end\" FROM passages"
        f" WHERE level = 'sentence' AND kind = 'body' AND report_id IN ({marks}) ORDER BY report_id, ordinal",
        report_ids,
    ).fetchall()
    return [Sentence(*r, template=template(r[5])) for r in rows]


def when(report: Report) -> tuple[int, str]:
    return (report.value("year") or 0, report.value("date") or "")


def order(a: Report, b: Report) -> tuple[Report, Report, bool]:
    """(earlier, later, known): the earlier report is the candidate source."""
    ya, yb = when(a), when(b)
    if ya[0] != yb[0] and ya[0] and yb[0]:
        return (a, b, True) if ya[0] < yb[0] else (b, a, True)
    if ya[1] and yb[1] and ya[1] != yb[1]:
        return (a, b, True) if ya[1] < yb[1] else (b, a, True)
    return (a, b, False) if a.id <= b.id else (b, a, False)


def scope_of(a: Report, b: Report) -> Literal["within-region", "across-regions", "unknown"]:
    """One region across years, two regions, or unknown when a report has no region."""
    region_a, region_b = a.value("region"), b.value("region")
    if not (region_a and region_b):
        return "unknown"
    return "within-region" if region_a == region_b else "across-regions"


def align(a: Template, b: Template) -> tuple[float, int, tuple[int, int], tuple[int, int], list]:
    """Similarity, matched informative chars, template spans in a and b, and the opcodes."""
    ops = Levenshtein.opcodes(a.text, b.text)
    equal = [op for op in ops if op.tag == "equal"]
    if not equal:
        return 0.0, 0, (0, 0), (0, 0), []
    a0, a1 = equal[0].src_start, equal[-1].src_end
    b0, b1 = equal[0].dest_start, equal[-1].dest_end
    chars = sum(informative(a.text[op.src_start : op.src_end]) for op in equal)
    similarity = Indel.normalized_similarity(a.text[a0:a1], b.text[b0:b1])
    return similarity, chars, (a0, a1), (b0, b1), [op for op in ops if a0 <= op.src_start and op.src_end <= a1]


def _original(s: Sentence, a: int, b: int, last: int) -> str:
    """The sentence's own text for template characters [a, b), with the punctuation that follows them
    up to the next template character (nothing past the aligned span ending at ``last``)."""
    t = s.template
    if a == b:
        return ""
    start = int(t.offsets[a])
    end = int(t.offsets[b]) if b < last else int(t.ends[b - 1])
    return s.text[start:end]


def _quote(raw: str, s: Sentence, tspan: tuple[int, int]) -> tuple[int, int]:
    """Raw offsets of a template span of a sentence. Clean-up that maps characters one to one (full
    width punctuation, 繁→简) keeps positions; otherwise the whole sentence is quoted."""
    if len(raw[s.start : s.end]) == len(s.text) and tspan[1] > tspan[0]:
        a, b = span(s.template, *tspan)
        return s.start + a, s.start + b
    return s.start, s.end


def find_reuse(
    catalogue: Catalogue, selection: Selection = Selection(), on_progress: Callable[[str], None] | None = None
) -> list[Finding]:
    """Every shared passage between the catalogue's reports, best first."""
    reports = {r.id: r for r in catalogue.reports()}
    if len(reports) < 2:
        raise ReuseError(f"reuse needs at least two reports; the index holds {len(reports)} (run `semcomp ingest`)")
    if on_progress:
        on_progress("templates")
    sentences = load_sentences(catalogue, list(reports))
    if not sentences:
        raise ReuseError("the reports hold no body sentences to compare")
    return match_sentences(sentences, reports, catalogue.raw_text, selection, on_progress)


def match_sentences(
    sentences: list[Sentence],
    reports: dict[str, Report],
    raw_text: Callable[[str], str],
    selection: Selection = Selection(),
    on_progress: Callable[[str], None] | None = None,
) -> list[Finding]:
    """The matching itself, on sentences already loaded (``raw_text`` gives a report's raw text)."""
    step = on_progress or (lambda _m: None)
    report_index = {rid: i for i, rid in enumerate(reports)}
    group = np.array([report_index[s.report_id] for s in sentences])
    step("shingles")
    matrix, df = shingle_matrix([s.template.text for s in sentences])
    max_df = max(400, len(sentences) // 200)
    step("candidate pairs")
    pairs = candidate_pairs(matrix, df, group, max_df)
    step(f"aligning {len(pairs)} pairs")
    rids = list(reports)
    wanted: dict[tuple[int, int], bool] = {}  # report pairs the selection keeps; others are not aligned
    matches: dict[tuple[int, int], tuple] = {}
    for i, j in pairs:
        key = (int(group[i]), int(group[j]))
        if key not in wanted:
            ra, rb = reports[rids[key[0]]], reports[rids[key[1]]]
            wanted[key] = _selected(ra, rb, selection) and selection.scope in (None, scope_of(ra, rb))
        if not wanted[key]:
            continue
        similarity, chars, ta, tb, ops = align(sentences[i].template, sentences[j].template)
        if similarity >= MIN_SIMILARITY and chars >= selection.min_chars:
            matches[(i, j)] = (similarity, chars, ta, tb, ops)
    step("spread")
    matched = sorted({i for pair in matches for i in pair})
    regions = np.array([reports[rid].value("region") or rid for rid in rids])
    spreads = dict(zip(matched, sharing(matrix, matched, group, regions), strict=True))

    step("merging runs")
    raw_cache: dict[str, str] = {}
    findings = []
    by_pair: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for i, j in matches:
        by_pair[(sentences[i].report_id, sentences[j].report_id)].append((i, j))
    for (ra, rb), items in by_pair.items():
        early, _, known = order(reports[ra], reports[rb])
        scope = scope_of(reports[ra], reports[rb])
        items = _one_to_one(items, matches)
        items.sort(key=lambda p: (sentences[p[0]].ordinal, sentences[p[1]].ordinal))
        for run in _runs(items, sentences):
            findings.append(_finding(run, sentences, matches, reports, early.id, known, scope, spreads, raw_cache, raw_text))
    findings.sort(key=lambda f: (-f.score, f.source.report_id, f.source.start, f.target.report_id))
    return findings


def sharing(matrix, rows: list[int], group: np.ndarray, regions: np.ndarray, share: float = 0.6) -> list[tuple[int, int]]:
    """For each row: how many reports and regions hold a sentence with most of its shingles.

    All shingles count here, boilerplate ones included, so a formula repeated in hundreds of reports
    gets its true spread even though such shingles are left out of pairing.
    """
    out: list[tuple[int, int]] = []
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    for start in range(0, len(rows), 2000):
        chunk = rows[start : start + 2000]
        shared = (matrix @ matrix[chunk].T).tocsc()
        for c, row in enumerate(chunk):
            lo, hi = shared.indptr[c], shared.indptr[c + 1]
            holders = shared.indices[lo:hi][shared.data[lo:hi] >= share * sizes[row]]
            reps = np.unique(group[holders])
            out.append((len(reps), len(np.unique(regions[reps]))))
    return out


def _selected(a: Report, b: Report, sel: Selection) -> bool:
    if sel.years and not all(sel.years[0] <= (r.value("year") or 0) <= sel.years[1] for r in (a, b)):
        return False
    return not sel.region or any(sel.region in (r.value("region") or "") for r in (a, b))


def _one_to_one(items: list[tuple[int, int]], matches: dict) -> list[tuple[int, int]]:
    """Each sentence in its best match only (template lists otherwise match every sibling item)."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept = []
    for i, j in sorted(items, key=lambda p: (-matches[p][0], -matches[p][1], p)):
        if i not in used_a and j not in used_b:
            kept.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return kept


def _runs(items: list[tuple[int, int]], sentences: list[Sentence]) -> list[list[tuple[int, int]]]:
    """Split matched pairs into runs that are consecutive in both reports."""
    runs: list[list[tuple[int, int]]] = []
    for i, j in items:
        if runs:
            pi, pj = runs[-1][-1]
            if sentences[i].ordinal == sentences[pi].ordinal + 1 and sentences[j].ordinal == sentences[pj].ordinal + 1:
                runs[-1].append((i, j))
                continue
        runs.append([(i, j)])
    return runs


def _finding(run, sentences, matches, reports, early_id, known, scope, spreads, raw_cache, raw_text) -> Finding:
    sides = []
    for pos in (0, 1):
        quotes = []
        for i, j in run:
            s = sentences[(i, j)[pos]]
            tspan = matches[(i, j)][2 + pos]
            if s.report_id not in raw_cache:
                raw_cache[s.report_id] = raw_text(s.report_id)
            quotes.append((s, _quote(raw_cache[s.report_id], s, tspan)))
        (first, (start, _)), (_, (_, end)) = quotes[0], quotes[-1]
        r = reports[first.report_id]
        sides.append(Side(r.id, r.value("region"), r.value("year"), first.section_path, start, end, raw_cache[r.id][start:end]))
    chars = sum(matches[p][1] for p in run)
    similarity = sum(matches[p][0] * matches[p][1] for p in run) / max(chars, 1)
    a_texts = "".join(sentences[i].text for i, _ in run)
    b_texts = "".join(sentences[j].text for _, j in run)
    if a_texts == b_texts:
        kind: Kind = "exact"
    elif all(sentences[i].template.text == sentences[j].template.text for i, j in run):
        kind = "template"
    else:
        kind = "near"
    n_reports, n_regions = min(spreads[i] for i, _ in run)
    n_reports, n_regions = max(n_reports, 2), max(n_regions, 1 if scope == "within-region" else 2)  # at least these two
    source, target = (sides[0], sides[1]) if sides[0].report_id == early_id else (sides[1], sides[0])
    flip = source is sides[1]
    opcodes = []
    for i, j in run:
        a_s, b_s = sentences[i], sentences[j]
        ops = matches[(i, j)][4]
        a_end, b_end = ops[-1].src_end, ops[-1].dest_end
        for op in ops:
            a = _original(a_s, op.src_start, op.src_end, a_end)
            b = _original(b_s, op.dest_start, op.dest_end, b_end)
            tag = "differs" if op.tag == "equal" and a != b else op.tag  # same template, other numbers or unit
            opcodes.append((tag, b, a) if flip else (tag, a, b))
    rarity = 1.0 / math.log2(1 + n_reports)
    return Finding(source, target, kind, round(similarity, 4), chars, len(run), "source-earlier" if known else "unknown", scope,
                   n_reports, n_regions, round(chars * rarity, 2), opcodes)  # fmt: skip
