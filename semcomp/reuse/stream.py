"""A report as one stream of template characters, each mapped back to the raw text.

Reuse is matched on this stream rather than sentence by sentence: punctuation, spaces and sentence
boundaries are gone from it, so a copy whose ``。`` became ``；``, two sentences merged into one, or a
clause set inside a longer sentence all read the same as the original, and so does a copy whose policy
verbs were swapped for their synonyms (``text.synonyms``). Every stream character keeps
the raw offsets of what it stands for, so any stretch of the stream is quoted verbatim, punctuation
and line breaks between its characters included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from semcomp.ingest.clean import clean
from semcomp.ingest.textmap import MappedText
from semcomp.store.catalogue import Catalogue
from semcomp.text.synonyms import canonical
from semcomp.text.template import codes_of, template, template_text

STREAM_KINDS = ("body", "heading", "glossary", "table")  # copying is copying, in a heading or a glossary too
STOPS = np.array([ord(c) for c in "，。；！？：,;!?:\n"], dtype=np.uint32)  # what ends a clause


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

    @cached_property
    def template(self) -> str:
        """The sentence's template text."""
        return template_text(self.text)


def load_sentences(catalogue: Catalogue, report_ids: list[str], kinds: tuple[str, ...] = ("body",)) -> list[Sentence]:
    return [Sentence(**row._asdict()) for row in catalogue.sentence_rows(report_ids, kinds)]


@dataclass
class Stream:
    report_id: str
    raw: str  # the report's raw document text
    text: str  # what is matched: ``written`` with the genre's interchangeable words spelled alike (``synonyms``)
    written: str  # template characters of the report's sentences, in reading order
    starts: np.ndarray  # starts[i]: raw offset where text[i] begins
    ends: np.ndarray  # ends[i]: raw offset where text[i] ends
    sentence: np.ndarray  # sentence[i]: index into ``sentences`` of the sentence holding text[i]
    stop: np.ndarray  # stop[i]: a clause or sentence ends after text[i] (punctuation or a line break follows)
    next_stop: np.ndarray = field(init=False, repr=False)  # next_stop[i]: first x >= i with stop[x], or len
    prev_stop: np.ndarray = field(init=False, repr=False)  # prev_stop[i]: last x <= i with stop[x], or -1
    first: np.ndarray = field(init=False, repr=False)  # first[s]: where sentence s begins in ``text``
    last: np.ndarray = field(init=False, repr=False)  # last[s]: where sentence s ends in ``text``
    sentences: list[Sentence] = field(repr=False)

    def __post_init__(self) -> None:
        at = np.flatnonzero(self.stop)
        n = len(self.stop)
        found = np.searchsorted(at, np.arange(n))
        self.next_stop = np.r_[at, n][found]
        self.prev_stop = np.r_[-1, at][np.searchsorted(at, np.arange(n), side="right")]
        count = len(self.sentences)
        self.first = np.searchsorted(self.sentence, np.arange(count))
        self.last = np.searchsorted(self.sentence, np.arange(count), side="right")

    def clause_end(self, i: int) -> int:
        """The end of the clause that position ``i - 1`` belongs to."""
        return i if i == 0 or i >= len(self.stop) or self.stop[i - 1] else int(self.next_stop[i]) + 1

    def clause_start(self, i: int) -> int:
        """The start of the clause that position ``i`` belongs to."""
        return i if i == 0 or self.stop[i - 1] else int(self.prev_stop[i - 1]) + 1

    def sentence_start(self, i: int) -> int:
        """The start of the sentence that position ``i`` belongs to."""
        return int(self.first[self.sentence[min(i, len(self.text) - 1)]]) if len(self.text) else 0

    def sentence_end(self, i: int) -> int:
        """The end of the sentence that position ``i - 1`` belongs to."""
        return int(self.last[self.sentence[max(i, 1) - 1]]) if len(self.text) else 0

    def raw_span(self, a: int, b: int) -> tuple[int, int]:
        """Raw offsets of stream characters ``[a, b)``."""
        return int(self.starts[a]), int(self.ends[b - 1])

    def piece(self, a: int, b: int, last: int) -> str:
        """Raw text of stream characters ``[a, b)`` with what follows them up to the next character, unless
        ``b`` is ``last`` (the end of a quoted span): consecutive pieces join into the verbatim quote."""
        if a == b:
            return ""
        end = int(self.starts[b]) if b < last else int(self.ends[b - 1])
        return self.raw[int(self.starts[a]) : end]

    def section_path(self, a: int) -> str:
        return self.sentences[int(self.sentence[a])].section_path


def build_stream(report_id: str, raw: str, sentences: list[Sentence]) -> Stream:
    """The stream of one report's sentences (in reading order)."""
    joined = "\n".join(s.text for s in sentences)  # the separator keeps numbers of two sentences apart
    lengths = np.array([len(s.text) + 1 for s in sentences], dtype=np.int64)
    first = np.cumsum(lengths) - lengths  # where each sentence begins in ``joined``
    owner = np.repeat(np.arange(len(sentences)), lengths)[: len(joined)]
    sentence_starts = np.array([s.start for s in sentences], dtype=np.int64)
    raw_start = sentence_starts[owner] + (np.arange(len(joined)) - first[owner])
    raw_end = raw_start + 1
    changed = [i for i, s in enumerate(sentences) if s.end - s.start != len(s.text)]
    if changed:  # clean-up changed these sentences' length (pinyin readings, spaces): map them through it again
        cleaned = clean(_raw_of([sentences[i] for i in changed], raw))
        for i in changed:
            s, span = sentences[i], slice(first[i], first[i] + len(sentences[i].text))
            at = int(np.searchsorted(cleaned.starts, s.start))
            if cleaned.text[at : at + len(s.text)] == s.text:
                raw_start[span], raw_end[span] = cleaned.starts[at : at + len(s.text)], cleaned.ends[at : at + len(s.text)]
            else:  # not found again: quote the whole sentence
                raw_start[span], raw_end[span] = s.start, s.end
    t = template(joined)
    stops = np.cumsum(np.r_[0, np.isin(codes_of(joined), STOPS)])  # stops[x]: stop characters before x
    after = np.r_[t.offsets[1:], len(joined)]  # where the next kept character begins
    stop = stops[after] > stops[t.ends]
    return Stream(report_id, raw, canonical(t.text), t.text, raw_start[t.offsets], raw_end[t.ends - 1], owner[t.offsets], stop, sentences)


def _raw_of(sentences: list[Sentence], raw: str) -> MappedText:
    """The raw text of these sentences, one per line, mapped to where it stands in ``raw``."""
    # each line break maps onto its sentence's last character, so that the next sentence's start finds its own text
    starts = np.concatenate([np.r_[np.arange(s.start, s.end), max(s.start, s.end - 1)] for s in sentences])
    return MappedText("\n".join(raw[s.start : s.end] for s in sentences) + "\n", starts, starts + 1)


def load_streams(catalogue: Catalogue, report_ids: list[str]) -> dict[str, Stream]:
    by_report: dict[str, list[Sentence]] = {rid: [] for rid in report_ids}
    for s in load_sentences(catalogue, report_ids, STREAM_KINDS):
        by_report[s.report_id].append(s)
    return {rid: build_stream(rid, catalogue.raw_text(rid), ss) for rid, ss in by_report.items() if ss}
