"""The heading tree of a report body, and what each line is (heading, prose, table, glossary).

Heading levels are not fixed per marker: the first marker style met opens level 1, a new style
met below it opens the next level, and a style seen before closes everything under it. That is
how these reports nest ``一、`` / ``（一）`` / ``1.`` / ``（1）`` whatever level they start at.
Unnumbered part headings (``2022年工作回顾``, ``名词解释``) always sit at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from semcomp.ingest.chrome import is_chrome
from semcomp.model import Part, PassageKind

_CN = "一二三四五六七八九十"
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第[{_CN}]+(?:部分|章|篇)\s*")),
    ("cn1", re.compile(rf"^[{_CN}]{{1,3}}[、.．]\s*")),
    ("cn2", re.compile(rf"^（[{_CN}]{{1,3}}）\s*")),
    ("ar1", re.compile(r"^\d{1,2}[、.．](?!\d)\s*")),
    ("ar2", re.compile(r"^（\d{1,2}）\s*")),
    ("circ", re.compile(r"^[①-⑳]\s*")),
]
_GLOSSARY = re.compile(r"^(附[：:]?\s*)?(有关)?(名词解释|名词注释|注释|注解|词语解释|附注)[：:]?$")
_NOTE = re.compile(r"^(【\d{1,3}】|\[\d{1,3}\]|注\d{1,3}[：:.．])")
_PLAIN = re.compile(r"^[^。，,；;：:！？!?、|“”]{3,24}$")
_PLAIN_WORDS = re.compile(r"回顾|工作|任务|安排|建议|目标|展望|要求|计划|情况|问题|总结|部署|建设")
_CLAUSE_END = re.compile(r"[。；！？：]")
_CAPTION = re.compile(r"表$|表[（(][^）)]*[）)]$")
_PLAN = re.compile(
    r"下半年|今后|明年|未来|展望|安排|部署|打算|主要任务|重点任务|工作任务|目标任务|总体要求|预期目标|建议|思路|举措|主要工作|重点工作"
)
_REVIEW = re.compile(r"回顾|过去|执行情况|完成情况|取得|成效|成绩|进展|问题|困难|不足|一年来|五年来|总结")
MAX_TITLE = 40


@dataclass
class Line:
    """One non-empty line of the body with its role."""

    index: int
    kind: PassageKind
    section: str  # section path
    part: Part
    heading_title: str | None = None  # set when the line opens a section
    depth: int = 0
    inline: bool = False  # a heading followed by prose on the same line


def part_of(title: str) -> Part | None:
    if _PLAN.search(title):
        return "plan"
    if _REVIEW.search(title):
        return "review"
    return None


def match_heading(line: str) -> tuple[str, str, bool] | None:
    """``(marker, title, inline)`` if the line opens a section."""
    if _GLOSSARY.match(line):
        return "glossary", line.rstrip("：:"), False
    for marker, pattern in MARKERS:
        if m := pattern.match(line):
            rest = line[m.end() :]
            if not rest:
                return None
            clause = _CLAUSE_END.search(rest)
            if clause is None or clause.end() == len(rest):
                if len(rest) <= MAX_TITLE:
                    return marker, rest.rstrip("。；："), False
                if marker == "ar1":
                    return None  # a long numbered list item, not a heading
                return marker, rest[:MAX_TITLE], True
            if marker == "ar1" and clause.start() > 25:
                return None
            return marker, rest[: min(clause.start(), MAX_TITLE)], True
    if _PLAIN.match(line) and _PLAIN_WORDS.search(line) and "报告" not in line and re.search("[\u4e00-\u9fff]", line):
        return "plain", line, False
    return None


def parse(lines: list[str]) -> list[Line]:
    """Roles for the non-empty ``lines`` of a report body (front matter excluded)."""
    out: list[Line] = []
    stack: list[str] = []
    counts: list[int] = []
    parts: dict[str, Part] = {"0": "other"}
    section, in_glossary = "0", False
    part: Part = "other"
    for i, text in enumerate(lines):
        if not text:
            continue
        if is_chrome(text):
            out.append(Line(i, "chrome", section, part))
            continue
        if text.count("|") >= 2:
            out.append(Line(i, "table", section, part))
            continue
        if _CAPTION.search(text) and len(text) <= 40 and i + 1 < len(lines) and lines[i + 1].count("|") >= 2:
            out.append(Line(i, "table", section, part))
            continue
        heading = None if in_glossary and not _GLOSSARY.match(text) else match_heading(text)
        if heading and heading[0] in ("plain", "glossary") and _NOTE.match(text):
            heading = None
        if heading and heading[0] == "plain" and stack and stack[0] not in ("plain", "part"):
            heading = None  # under a numbered top level, a bare short line is prose, not a part
        if heading is None:
            kind: PassageKind = "glossary" if in_glossary or _NOTE.match(text) else "body"
            out.append(Line(i, kind, section, part))
            continue
        marker, title, inline = heading
        if marker in ("plain", "glossary", "part"):
            stack = [marker]
        elif marker in stack:
            stack = stack[: stack.index(marker) + 1]
        else:
            stack.append(marker)
        depth = len(stack)
        counts = counts[:depth] + [0] * (depth - len(counts))
        counts[depth - 1] += 1
        section = ".".join(str(c) for c in counts[:depth])
        parent = section.rpartition(".")[0]
        in_glossary = marker == "glossary" or (in_glossary and depth > 1)
        if in_glossary:
            part = "other"
        elif depth == 1:
            # reports run review → plan: an unlabelled top section after the review looks ahead
            part = part_of(title) or ("plan" if "review" in parts.values() else "other")
        else:
            part = parts.get(parent, "other")
        parts[section] = part
        out.append(Line(i, "glossary" if in_glossary else "heading", section, part, title, depth, inline))
    return _chrome_tail(lines, out)


_CONTENT = re.compile(r"[。！？]$")


def _chrome_tail(lines: list[str], roles: list[Line]) -> list[Line]:
    """A page's tail: once chrome (来源：河北新闻网, 分享到：, 编辑推荐) follows the report's last content,
    what comes after it (a share bar's sites, links to other pages) is chrome too."""
    last = max((r.index for r in roles if r.kind in ("glossary", "table") or (r.kind == "body" and _CONTENT.search(lines[r.index]))),
               default=-1)  # fmt: skip
    start = next((r.index for r in roles if r.kind == "chrome" and r.index > last), None)
    if start is None:
        return roles
    return [Line(r.index, "chrome", r.section, r.part) if r.index > start else r for r in roles]
