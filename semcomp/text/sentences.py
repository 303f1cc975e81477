"""What a sentence of a report is: a run-in heading, or a statement that carries figures or names.

These reports open most paragraphs with a run-in lead-in, a short phrase that names the paragraph's
policy and ends like a sentence (``全面壮大项目投资。``, ``二是创新招商、融资方式，激发发展动力。``);
the paragraph's substance follows it. A summary of three lead-ins says little, so the summariser
shows them as the paragraph's heading and picks among the other sentences, preferring those with a
figure or a named project.
"""

from __future__ import annotations

import re

# 一是 二要 （三） (4) 第五， —— 6． at the start of a sentence: list markers, not content
ENUMERATOR = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十]+[是要][，,]?|第[一二三四五六七八九十]+[，、,]?|——|[0-9]+[.．、])\s*"
)
LEAD_IN_CHARS = 20  # longer than this (without the list marker and the stop), it is a statement
# words of a statement, not of a heading: 台湾是……, 我们处理……, 这是……, 必须……
STATEMENT = re.compile(r"是|我们|我国|这|必须|应当|一定|[0-9０-９%％]")
NAMED = re.compile(
    r"[0-9０-９]"  # a figure
    r"|“[^”]{2,}”|《[^》]{2,}》"  # a quoted programme or document
    r"|[\u4e00-\u9fff]{2,}(?:产业园|园区|工业园|中心|医院|中学|小学|学校|幼儿园|公园|基地|小区|广场|大道|高速|铁路|机场|水库|电站|厂)"
)
GENERIC = re.compile(r"(?:重点|重大|各类|一批|服务|民生|建设|发展|创新|公共)(?:产业园|园区|中心|基地|项目)")


def is_lead_in(sentence: str) -> bool:
    """A short heading-like sentence: a list marker at most, one comma at most, no figure, no statement
    words, and a full stop or colon at the end (``；`` continues a list, so it is not one)."""
    body = ENUMERATOR.sub("", sentence.strip())
    if not body.endswith(("。", "：", ":")):
        return False
    core = body[:-1]
    return 4 <= len(core) <= LEAD_IN_CHARS and core.count("，") <= 1 and "；" not in core and not STATEMENT.search(core)


def is_concrete(sentence: str) -> bool:
    """A sentence with a figure, a quoted name or a named facility (not a generic 重点项目 or 服务中心)."""
    return any(not GENERIC.search(m.group()) for m in NAMED.finditer(sentence))
