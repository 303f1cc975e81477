"""A report's page: outline, section summaries, key figures, and its whole cleaned text, every passage
addressable by its offsets into the raw text (``#q120-180`` highlights what a quote points at)."""

from __future__ import annotations

from pathlib import PurePath

from semcomp.figures.report import Line
from semcomp.model import Passage, Report
from semcomp.output.site.page import esc, gov_level_name, page, table
from semcomp.output.site.warnings import in_chinese
from semcomp.summarize.summarizer import SectionSummary


def _at(start: int, end: int) -> str:
    return f'<a class="at" href="#q{start}-{end}">[{start}:{end}]</a>'


def _outline(report: Report) -> str:
    html, depth = [], 0
    for s in report.sections:
        if s.depth == 0:
            continue
        while depth < s.depth:
            html.append("<ul>")
            depth += 1
        while depth > s.depth:
            html.append("</ul>")
            depth -= 1
        html.append(f'<li><a href="#s{esc(s.path)}">{esc(s.path)} {esc(s.title)}</a></li>')
    html += ["</ul>"] * depth
    return f'<div class="outline">{"".join(html)}</div>'


def _summaries(summaries: list[SectionSummary], method: str) -> str:
    parts = [f'<p class="note">每节摘取原文句子（{esc(method)}），按原文顺序；不相邻的句子之间以“…”相隔。</p>']
    for s in summaries:
        depth = s.path.count(".") + 1
        head = f"{esc(s.path)} {esc(s.title)}" if s.path != "0" else "开头"
        note = "（全文）" if s.whole else f"（{len(s.sentences)}/{s.total} 句）"
        points = " · ".join(esc(h.text.rstrip("。：:")) for h in s.headings)
        body = s.joined(lambda p: f"{esc(p.text)}{_at(p.start, p.end)}", sep="")
        parts.append(f'<h{min(depth + 2, 6)}>{head} <span class="note">{note}</span></h{min(depth + 2, 6)}>'
                     + (f"<p><i>{points}</i></p>" if points else "") + f"<p>{body}</p>")  # fmt: skip
    return "".join(parts)


def _figures(lines: list[Line]) -> str:
    rows = [
        [esc(n.indicator), esc(n.period or ""),
         esc(n.amount.describe()) + _at(n.amount.start, n.amount.end) if n.amount else "",
         esc(n.growth.describe()) + _at(n.growth.start, n.growth.end) if n.growth else "", esc(n.kind)]
        for n in lines
    ]  # fmt: skip
    return table(["指标", "时期", "数值", "增速", "类型"], rows) if rows else '<p class="note">未读出主要指标。</p>'


def _text(report: Report) -> str:
    depth = {s.path: s.depth for s in report.sections}
    sentences: dict[int, list[Passage]] = {}
    for p in report.passages:
        if p.granularity == "sentence" and p.paragraph is not None:
            sentences.setdefault(p.paragraph, []).append(p)
    html = []
    for p in report.passages:
        if p.granularity != "paragraph":
            continue
        span = f'data-start="{p.start}" data-end="{p.end}"'
        if p.kind == "heading":
            rank = min(depth.get(p.section_path, 1) + 2, 6)
            html.append(f'<h{rank} id="s{esc(p.section_path)}" class="heading" {span}>{esc(p.text)}</h{rank}>')
            continue
        inner = "".join(f'<span data-start="{s.start}" data-end="{s.end}">{esc(s.text)}</span>' for s in sentences.get(p.ordinal, []))
        html.append(f'<p class="{esc(p.kind)}" id="o{p.start}" {span}>{inner or esc(p.text)}</p>')
    return f'<div class="text">{"".join(html)}</div>'


def report_page(report: Report, summaries: list[SectionSummary] | None, method: str, lines: list[Line]) -> str:
    facts = [("报告", report.value("title")), ("地区", report.value("region")), ("层级", gov_level_name(report)),
             ("年份", report.value("year")), ("日期", report.value("date")), ("类型", report.value("report_type")),
             ("报告人", " ".join(str(v) for v in (report.value("role"), report.value("speaker")) if v)),
             ("编号", report.id), ("来源文件", PurePath(report.source).name)]  # a file name: pages are handed on  # fmt: skip
    body = (
        "<dl>" + "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in facts if v) + "</dl>"
        + "".join(f'<p class="note">{esc(in_chinese(w))}</p>' for w in report.warnings)
        + "<h2>目录</h2>" + _outline(report)
        + "<h2>各节摘要</h2>" + (_summaries(summaries, method) if summaries else '<p class="note">没有可摘要的正文句子。</p>')
        + "<h2>主要指标</h2>" + _figures(lines)
        + "<h2>全文</h2>" + _text(report)
    )  # fmt: skip
    return page(report.label, body, depth=1)
