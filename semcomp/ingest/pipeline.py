"""One decoded document in, its reports (metadata, sections, passages) out. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping

from semcomp.ingest import boundaries, metadata, structure
from semcomp.ingest.clean import MASK, clean
from semcomp.ingest.segment import chunk_paragraph, split_sentences
from semcomp.ingest.textmap import MappedText
from semcomp.model import Granularity, Passage, PassageKind, Report, Section

# which reading of a document the catalogue holds: bump it when parsing stores something else for the
# same file, and the next ingest reads every stored file again (metadata from the text, chrome: 2; a
# State Council report no longer warned that its manifest contradicts it: 3)
PARSER = 3


def parse_document(
    raw: str,
    source: str,
    report_id: str,
    manifest: Mapping[str, str] | None = None,
) -> tuple[list[Report], list[str]]:
    """Reports found in ``raw`` (the decoded document text) and file-level warnings.

    ``report_id`` names the report; a compilation's reports get ``-1``, ``-2`` … appended.
    """
    mt = clean(MappedText.identity(raw))
    spans = mt.lines()
    lines = [mt.text[a:b] for a, b in spans]
    layout = boundaries.find_reports(lines)
    if not layout.spans:
        return [], [*layout.warnings, "no report text found"]
    reports = []
    name = source.rsplit("/", 1)[-1]
    prev_end = 0
    for k, span in enumerate(layout.spans):
        rid = report_id if len(layout.spans) == 1 else f"{report_id}-{k + 1}"
        front = lines[span.start : span.body]
        above = lines[max(prev_end, span.body - boundaries.HEAD_WINDOW) : span.start]
        meta, warnings = metadata.extract(
            front,
            above,
            lines[span.body : span.end],
            name,
            manifest if len(layout.spans) == 1 else None,
        )
        start, _ = mt.raw_span(*spans[span.start])
        _, end = mt.raw_span(*spans[span.end - 1])
        report = Report(rid, source, k, start, end, meta, span.truncated, warnings=warnings)
        if span.truncated:
            report.warnings.append("cut off in the source (truncation marker)")
        _fill(report, mt, spans[span.body : span.end], lines[span.body : span.end])
        reports.append(report)
        prev_end = span.end
    file_warnings = [w for w in layout.warnings if "cut off" not in w]
    return reports, file_warnings


def _fill(report: Report, mt: MappedText, spans: list[tuple[int, int]], lines: list[str]) -> None:
    """Sections and passages (paragraphs and sentences) of one report body."""
    roles = structure.parse(lines)
    paragraphs: list[Passage] = []
    sentences: list[Passage] = []
    section_ends: dict[str, int] = {}
    for role in roles:
        a, b = spans[role.index]
        raw_a, raw_b = mt.raw_span(a, b)
        text = lines[role.index]
        if role.heading_title is not None:
            report.sections.append(
                Section(role.section, role.heading_title, role.depth, role.part, role.kind, raw_a, raw_b)
            )
        elif role.section == "0" and not report.sections:
            report.sections.append(Section("0", "（开头）", 0, "other", "body", raw_a, raw_b))
        path = role.section
        while path:
            section_ends[path] = raw_b
            path = path.rpartition(".")[0]
        # a heading with its prose on the same line is a body paragraph whose first clause is the title
        kind = "body" if role.kind == "heading" and role.inline else role.kind
        chunks = [(0, len(text))] if kind == "heading" or kind == "table" else chunk_paragraph(text)
        for ca, cb in chunks:
            para = _passage(mt, "paragraph", len(paragraphs), role, kind, text, a, ca, cb)
            paragraphs.append(para)
            if kind == "table":
                continue
            for sa, sb in split_sentences(text[ca:cb]):
                sent = _passage(mt, "sentence", len(sentences), role, kind, text, a, ca + sa, ca + sb)
                sent.paragraph = para.ordinal
                sentences.append(sent)
    for section in report.sections:
        section.end = max(section.end, section_ends.get(section.path, section.end))
    report.passages = paragraphs + sentences


def _passage(
    mt: MappedText, granularity: Granularity, ordinal: int, role: structure.Line, kind: PassageKind, line: str, line_start: int,
    a: int, b: int,
) -> Passage:
    text = line[a:b]
    raw_a, raw_b = mt.raw_span(line_start + a, line_start + b)
    return Passage(granularity, ordinal, role.section, kind, role.part, text, raw_a, raw_b, masked=len(MASK.findall(text)))
