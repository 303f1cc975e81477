"""Where the reports are in a cleaned file: compilations, truncation, and page chrome.

A file may hold one report wrapped in web or forum chrome (navigation, user badges, footers),
or a compilation whose table of contents lists several reports of which only some are present.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_TOC_HEAD = re.compile(r"^目\s*录$")
_TOC_ENTRY = re.compile(r"^\d{1,2}[.、．]\s*(.{2,60}?报告)\s*\d*$")
_TRUNCATED = re.compile(r"试读结束|未完待续|[（(]未完[)）]|下载全文|查看全文|剩余\d+页")
_SALUTATION = re.compile(r"^(各位代表|尊敬的|同志们|各位委员|各位常委)[^。；]{0,30}[：:！!]?$")
_CN_NUM = "〇零一二三四五六七八九十"
_SUBTITLE = re.compile(rf"^[—－\-─]{{1,4}}|^[（(]?[\d{_CN_NUM}]{{4}}年[\d{_CN_NUM}]{{1,2}}月[\d{_CN_NUM}]{{1,3}}日")
_FOOTER = re.compile(
    r"^(本作品是|分享到|相关报道|相关链接|责任编辑|【?责任编辑|版权所有|免责声明|上一篇|下一篇|打印本页|关闭窗口|扫一扫|【打印】|您需要登录)"
    r"|请联系本站|转载请注明|来源于网络的作品"
)
_FIRST_HEADING = re.compile(r"^[一1][、.．]")
# a gazette (政府公报) or a session's papers: each document opens with its title, then its session or
# date line (——2026年1月27日在…会议上, （2026年2月9日…会议通过）) or its salutation
_DOC_TITLE = re.compile(r"(?:报告|决议)(?:（[^）]{1,12}）)?$")
_DOC_CUE = re.compile(rf"会议上|会议通过|^[（(]?[\d{_CN_NUM}]{{4}}年[\d{_CN_NUM}]{{1,2}}月|^[—－\-─]{{1,4}}|^(?:各位代表|尊敬的)")
_CONTENT_END = re.compile(r"[。！？”；…）)]$")
HEAD_WINDOW = 12


@dataclass
class ReportSpan:
    """Line indices of one report: front matter ``[start, body)``, body ``[body, end)``."""

    start: int
    body: int
    end: int
    truncated: bool = False


@dataclass
class Layout:
    spans: list[ReportSpan]
    warnings: list[str] = field(default_factory=list)


def _toc(lines: list[str]) -> tuple[int, list[str]]:
    """Index after the table of contents and its entry titles, if the file opens with one."""
    for i, line in enumerate(lines[:40]):
        if _TOC_HEAD.match(line):
            titles = []
            j = i + 1
            while j < len(lines) and (m := _TOC_ENTRY.match(lines[j])):
                titles.append(m.group(1))
                j += 1
            if len(titles) >= 2:
                return j, titles
    return 0, []


def _is_content(line: str) -> bool:
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in line)
    return (bool(_CONTENT_END.search(line)) and cjk > 0) or line.count("|") >= 2 or cjk >= 40


def _trim(lines: list[str], start: int, end: int) -> ReportSpan | None:
    truncated = False
    for i in range(start, end):
        if _TRUNCATED.search(lines[i]):
            end, truncated = i, True
            break
    body = next((i for i in range(start, min(end, start + 80)) if _SALUTATION.match(lines[i])), None)
    if body is None:
        body = next(
            (i for i in range(start, end) if _FIRST_HEADING.match(lines[i]) or (len(lines[i]) >= 60 and "。" in lines[i])),
            None,
        )
    if body is None:
        return None
    head = body
    for i in range(body - 1, max(start, body - HEAD_WINDOW) - 1, -1):
        if "报告" in lines[i] or _SUBTITLE.match(lines[i]):
            head = i
    half = body + (end - body) // 2
    end = next((i for i in range(half, end) if _FOOTER.search(lines[i])), end)
    while end > body and not _is_content(lines[end - 1]):
        end -= 1
    return ReportSpan(head, body, end, truncated) if end > body else None


def _document_starts(lines: list[str]) -> list[int]:
    """Lines that open a document of the genre: a short title line ending in 报告/决议, followed
    within three lines by its session or date line or its salutation."""
    starts: list[int] = []
    for i, line in enumerate(lines):
        titled = len(line) <= 60 and "。" not in line and _DOC_TITLE.search(line)
        # a title over two lines opens one document
        if titled and any(_DOC_CUE.search(n) for n in lines[i + 1 : i + 4]) and (not starts or i > starts[-1] + 3):
            starts.append(i)
    return starts


def _several_documents(lines: list[str], starts: list[int]) -> bool:
    """Whether the document starts open several documents: a title found twice in the file is a page
    that repeats its report (a web capture's print view), not a gazette."""
    if len(starts) < 2:
        return False
    normalized = Counter(re.sub(r"\s", "", line) for line in lines)
    return all(normalized[re.sub(r"\s", "", lines[i])] == 1 for i in starts)


def find_reports(lines: list[str]) -> Layout:
    """Split a cleaned file (as lines) into report spans, with warnings for what is missing."""
    toc_end, titles = _toc(lines)
    warnings: list[str] = []
    if titles:
        normalized = [re.sub(r"\s", "", line) for line in lines]
        starts = []
        for title in titles:
            key = re.sub(r"\s", "", title)
            hit = next((i for i in range(toc_end, len(lines)) if normalized[i] == key), None)
            if hit is None:
                warnings.append(f"listed in the table of contents but absent: {title}")
            else:
                starts.append(hit)
        starts.sort()
        bounds = list(zip(starts, [*starts[1:], len(lines)], strict=False))
    elif _several_documents(lines, starts := _document_starts(lines)):
        bounds = list(zip(starts, [*starts[1:], len(lines)], strict=False))
    else:
        bounds = [(0, len(lines))]
    spans = []
    for start, end in bounds:
        span = _trim(lines, start, end)
        if span is not None:
            spans.append(span)
            if span.truncated:
                warnings.append(f"report at line {span.start + 1} is cut off (truncation marker)")
    return Layout(spans, warnings)
