"""Where a phrase stands in the reports' prose, written as it is or as a near variant.

Reports punctuate one slogan several ways (``大众创业、万众创新``, ``大众创业万众创新``), so a phrase is
looked for with punctuation and spaces ignored on both sides. A phrase of six characters or more also
matches a variant at a small edit distance (``打好脱贫攻坚战`` for ``打赢脱贫攻坚战``): a substring of
the same length whose Indel similarity is at least 1 − k/n, k = n // 6 characters changed. Shorter
phrases match only as written: one changed character of four is another phrase (精准扶持, 精准扶贫).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from rapidfuzz import fuzz

from semcomp.attention import Concept
from semcomp.store.records import ParagraphText

SEPARATORS = re.compile(r"[\s、，,。；;：:“”\"'‘’（）()《》〈〉·—\-]")
MIN_VARIANT = 6  # shortest phrase that has near variants


@dataclass(frozen=True)
class Occurrence:
    """A report's first paragraph holding the phrase, and how many of its paragraphs do."""

    report_id: str
    phrase: str
    written: str  # as the report writes it (a variant, or the phrase with its punctuation)
    exact: bool
    paragraphs: int
    start: int  # the first paragraph's offsets into the raw text
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


def bare(text: str) -> tuple[str, list[int]]:
    """The text without punctuation and spaces, and each kept character's index in the text."""
    kept = [i for i, c in enumerate(text) if not SEPARATORS.match(c)]
    return "".join(text[i] for i in kept), kept


def match(phrase: str, text: str) -> tuple[str, bool] | None:
    """(what the text writes, exact) where it holds the phrase, else ``None``."""
    return _match(bare(phrase)[0], text, *bare(text))


def _match(want: str, text: str, flat: str, index: list[int]) -> tuple[str, bool] | None:
    """``match`` on texts already stripped: ``want`` the phrase's, ``flat`` and ``index`` the text's."""
    at = flat.find(want)
    if at >= 0:
        return text[index[at] : index[at + len(want) - 1] + 1], True
    if len(want) < MIN_VARIANT:
        return None
    changed = len(want) // 6
    edits = 2 * changed  # the Indel distance the cutoff allows: a substitution is two edits
    piece = len(want) // (edits + 1)  # each edit breaks at most one piece: one of edits + 1 is intact
    if not any(want[i * piece : (i + 1) * piece] in flat for i in range(edits + 1)):
        return None
    found = fuzz.partial_ratio_alignment(want, flat, score_cutoff=100 * (1 - changed / len(want)))
    if found is None or found.dest_end - found.dest_start < len(want) - changed:
        return None
    return text[index[found.dest_start] : index[found.dest_end - 1] + 1], False


def occurrences(concepts: Iterable[Concept], paragraphs: Iterable[ParagraphText]) -> list[Occurrence]:
    """Each report that holds any word of each concept, with its first such paragraph (paragraphs in
    reading order); ``phrase`` is the concept's name."""
    wanted = [(c.name, [bare(t)[0] for t in c.terms]) for c in concepts]
    first: dict[tuple[str, str], Occurrence] = {}
    for p in paragraphs:
        flat, index = bare(p.text)
        for name, terms in wanted:
            found = next((m for m in (_match(t, p.text, flat, index) for t in terms) if m), None)
            if found is None:
                continue
            key = (p.report_id, name)
            seen = first.get(key)
            if seen is None:
                first[key] = Occurrence(p.report_id, name, found[0], found[1], 1, p.start, p.end)
            else:
                first[key] = replace(seen, paragraphs=seen.paragraphs + 1)
    return list(first.values())
