"""Summaries of a report's sections from its own sentences, with their offsets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from semcomp.embed.encoder import Encoder
from semcomp.errors import SemcompError
from semcomp.index.build import cached_vectors
from semcomp.model import Passage
from semcomp.store.catalogue import Catalogue
from semcomp.summarize import Method, methods
from semcomp.text.sentences import is_concrete, is_lead_in


class SummaryError(SemcompError):
    """Nothing to summarise: unknown section, empty section."""


@dataclass
class Picked:
    ordinal: int
    text: str
    start: int  # offsets into the report's raw text
    end: int


@dataclass
class SectionSummary:
    path: str
    title: str
    sentences: list[Picked] = field(default_factory=list)
    total: int = 0  # sentences in the section
    headings: list[Picked] = field(default_factory=list)  # run-in lead-ins of its paragraphs (全面壮大项目投资。)
    whole: bool = False  # too short to summarise: returned whole

    def to_dict(self) -> dict:
        return asdict(self)

    def joined(self, sentence: Callable[[Picked], str], gap: str = "…", sep: str = " ") -> str:
        """The picked sentences as ``sentence`` renders them, ``gap`` where the section's sentences between
        two picks were left out."""
        parts: list[str] = []
        for k, p in enumerate(self.sentences):
            if k and p.ordinal != self.sentences[k - 1].ordinal + 1:
                parts.append(gap)
            parts.append(sentence(p))
        return sep.join(parts)


def length(total: int, sentences: int | None, ratio: float | None) -> int:
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise SummaryError(f"ratio takes a share between 0 and 1, not {ratio}", param="ratio")
        return max(1, round(ratio * total))
    if sentences is not None and sentences < 1:
        raise SummaryError("sentences must be at least 1", param="sentences")
    return sentences or 3


def pick(texts: list[str], vectors: np.ndarray | None, starts: list[bool], n: int, method: Method) -> list[int]:
    """Indices of the chosen sentences, in text order."""
    if method == "lead":
        return list(range(min(n, len(texts))))
    if method == "textrank":
        return methods.mmr(methods.textrank(texts), None, n)
    if vectors is None:
        raise ValueError("lexrank needs the sentences' vectors")
    return methods.mmr(methods.lexrank(vectors, starts, [is_concrete(t) for t in texts]), vectors, n)


def run_in_headings(members: list[Passage]) -> set[int]:
    """Positions of the sentences that open a paragraph as its run-in heading: a lead-in followed by
    more of the same paragraph."""
    return {
        i
        for i, p in enumerate(members)
        if (i == 0 or members[i - 1].paragraph != p.paragraph)
        and i + 1 < len(members)
        and members[i + 1].paragraph == p.paragraph
        and is_lead_in(p.text)
    }


def summarize_report(
    catalogue: Catalogue,
    report_id: str,
    encoder: Encoder | None = None,
    section: str | None = None,
    sentences: int | None = None,
    ratio: float | None = None,
    method: Method = "lexrank",
    cache_root=None,
) -> list[SectionSummary]:
    """One summary per section (every section of the report, or the one given with its subsections)."""
    report = catalogue.report(report_id)
    known = {s.path: s for s in report.sections}
    if section is not None and section not in known:
        raise SummaryError(f"report {report_id} has no section {section} (see `semcomp show {report_id} --outline`)")
    body = [p for p in report.passages if p.granularity == "sentence" and p.kind == "body"]
    groups: list[tuple[str, str, list]] = []
    if section is not None:
        members = [p for p in body if p.section_path == section or p.section_path.startswith(section + ".")]
        if not members:
            raise SummaryError(f"section {section} of {report_id} holds no sentences to summarise")
        groups.append((section, known[section].title, members))
    else:
        by_path: dict[str, list] = {}
        for p in body:
            by_path.setdefault(p.section_path, []).append(p)
        groups = [(s.path, s.title, by_path[s.path]) for s in report.sections if s.path in by_path]
        if "0" in by_path and "0" not in known:
            groups.insert(0, ("0", "", by_path["0"]))
    if not groups:
        raise SummaryError(f"report {report_id} holds no sentences to summarise")
    vectors_of: dict[int, np.ndarray] = {}
    if method == "lexrank":
        if encoder is None:
            raise SummaryError("lexrank needs the embedding model")
        all_members = [p for _, _, members in groups for p in members]
        vectors = cached_vectors([p.text for p in all_members], encoder, cache_root)
        vectors_of = {p.ordinal: v for p, v in zip(all_members, vectors, strict=True)}
    out = []
    for path, title, members in groups:
        heads = run_in_headings(members)
        candidates = [p for i, p in enumerate(members) if i not in heads]
        n = length(len(candidates), sentences, ratio)
        if len(candidates) <= n:
            chosen, whole = list(range(len(candidates))), True
        else:
            starts = [i == 0 or candidates[i].paragraph != candidates[i - 1].paragraph for i in range(len(candidates))]
            vecs = np.stack([vectors_of[p.ordinal] for p in candidates]) if vectors_of else None
            chosen, whole = pick([p.text for p in candidates], vecs, starts, n, method), False
        headings = [_picked(members[i]) for i in sorted(heads)]
        picked = [_picked(candidates[i]) for i in chosen]
        out.append(SectionSummary(path, title, picked, total=len(members), whole=whole, headings=headings))
    return out


def _picked(p: Passage) -> Picked:
    return Picked(p.ordinal, p.text, p.start, p.end)
