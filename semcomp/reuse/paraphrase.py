"""Paraphrased reuse: the same sentence reworded, from the sentence embeddings of the index.

A pair counts only when the embeddings are very close and a lexical check agrees (the two share a
good part of their content words), and it is never one that the verbatim search already reports:
paraphrase findings are labelled ``paraphrase`` and kept apart from verbatim reuse.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel

from semcomp.index.published import current_vectors
from semcomp.model import Report
from semcomp.reuse.finder import Finding, Side, order
from semcomp.reuse.local import MIN_SIMILARITY
from semcomp.reuse.selection import MIN_CHARS, scope_of
from semcomp.reuse.stream import Sentence, load_sentences
from semcomp.store.catalogue import Catalogue
from semcomp.text.template import informative
from semcomp.text.terms import words

MIN_COSINE = 0.93
MIN_WORD_OVERLAP = 0.3
NEIGHBOURS = 5


def word_overlap(a: str, b: str) -> float:
    """Jaccard overlap of content words (two characters or more)."""
    wa, wb = {w for w in words(a) if len(w) > 1}, {w for w in words(b) if len(w) > 1}
    return len(wa & wb) / max(len(wa | wb), 1)


def find_paraphrases(catalogue: Catalogue, verbatim: list[Finding], min_chars: int = MIN_CHARS) -> list[Finding]:
    vectors = current_vectors(catalogue.folder, "sentence", catalogue.state())
    reports = {r.id: r for r in catalogue.reports()}
    sentences = [s for s in load_sentences(catalogue, list(reports)) if informative(s.template) >= min_chars]
    if not sentences:
        return []
    ids = np.array([s.id for s in sentences], dtype=np.int64)
    by_id = {s.id: s for s in sentences}
    matrix = vectors.vectors(ids)
    scores, neighbours = vectors.index.search(matrix, NEIGHBOURS + 1)
    taken = {(f.source.report_id, f.source.start, f.target.report_id) for f in verbatim}
    found: dict[tuple[int, int], Finding] = {}
    for row, s in enumerate(sentences):
        for cos, other_id in zip(scores[row], neighbours[row], strict=True):
            t = by_id.get(int(other_id))
            if t is None or t.report_id == s.report_id or cos < MIN_COSINE:
                continue
            key = (min(s.id, t.id), max(s.id, t.id))
            if key in found:
                continue
            if Indel.normalized_similarity(s.template, t.template) >= MIN_SIMILARITY:
                continue  # verbatim or near-verbatim: the other search's job
            overlap = word_overlap(s.text, t.text)
            if overlap < MIN_WORD_OVERLAP:
                continue
            early, _, known = order(reports[s.report_id], reports[t.report_id])
            src, dst = (s, t) if early.id == s.report_id else (t, s)
            if (src.report_id, src.start, dst.report_id) in taken:
                continue
            scope = scope_of(reports[src.report_id], reports[dst.report_id])
            chars = informative(dst.template)
            found[key] = Finding(
                source=_side(src, reports[src.report_id]),
                target=_side(dst, reports[dst.report_id]),
                kind="paraphrase", similarity=round(float(cos), 4), chars=chars, sentences=1,
                direction="source-earlier" if known else "unknown", scope=scope, spread_reports=2,
                spread_regions=1 if scope == "within-region" else 2,
                score=round(chars * float(cos) * overlap, 2),
                opcodes=[("replace", src.text, dst.text)],
            )  # fmt: skip
    return sorted(found.values(), key=lambda f: (-f.score, f.source.report_id, f.source.start))


def _side(s: Sentence, report: Report) -> Side:
    return Side(s.report_id, report.value("region"), report.value("year"), s.section_path, s.start, s.end, s.text, report.label)
