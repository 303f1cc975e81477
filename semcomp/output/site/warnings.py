"""Ingest's warnings, said in Chinese on the pages (the command line keeps them as ingest words them).

Each known warning is matched by its shape; its values (titles, places, years) are kept as they are,
and a warning of an unknown shape is shown as it was written rather than dropped."""

from __future__ import annotations

import re

KEYS = {"region": "地区", "year": "年份"}
SOURCES = {"title": "标题", "opening": "开场白", "body": "正文", "filename": "文件名"}
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), chinese) for p, chinese in (
    (r"^cut off in the source \(truncation marker\)$", "来源文本在截断标记处中断，报告不完整"),
    (r"^report at line (?P<n>\d+) is cut off \(truncation marker\)$", "第 {n} 行起的报告在截断标记处中断"),
    (r"^listed in the table of contents but absent: (?P<title>.+)$", "目录列出但正文中没有：{title}"),
    (r"^manifest gives (?P<key>region|year) (?P<value>.+?) but the (?P<source>\w+) says (?P<said>.+)$",
     "清单所记{key}为 {value}，但{source}写的是 {said}"),
    (r"^region left unknown: .+$", "地区不详：开场白和会议名称没有指明哪一级政府，正文中也没有突出的地名"),
    (r"^year left unknown: the body's cues disagree: .+$", "年份不详：正文中关于年份的线索互相矛盾"),
    (r"^second copy of (?P<label>.+?) \((?P<id>[^()]+)\): (?P<share>\d+%) of its text is there.*$",
     "与 {label}（{id}）为同一文本的重复副本：{share} 的内容见于该报告；默认不参与复用、主题和指标序列分析"),
))  # fmt: skip


def in_chinese(warning: str) -> str:
    """A warning in Chinese where its shape is known, else as written."""
    for shape, chinese in _SHAPES:
        m = shape.match(warning)
        if m:
            values = m.groupdict()
            values["key"] = KEYS.get(values.get("key", ""), values.get("key", ""))
            values["source"] = SOURCES.get(values.get("source", ""), values.get("source", ""))
            return chinese.format(**values)
    return warning
