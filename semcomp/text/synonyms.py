"""The genre's interchangeable words, mapped onto one spelling so that a rewritten copy still matches.

A county that adopts a paragraph of the province's report swaps its policy verbs and adverbs (加快→加速,
推进→推动, 加强→强化, 大力→着力, 提高→提升) and keeps the rest. Reuse matches on a stream in which each
word of a group below reads as the group's first word, so such a copy shares long windows with its
source again, and the alignment counts the swap as matched (``swapped`` in a finding's ops). Words of a
group have one length, so the stream keeps its offsets into the raw text. The groups are drawn from
the verbs and adverbs of the bundled reports; a word belongs to one group only.
"""

from __future__ import annotations

import re

GROUPS = (
    "加快 加速 加紧 抓紧",
    "推进 推动 促进",
    "加强 强化 增强",
    "大力 着力 全力 倾力 努力",
    "提高 提升",
    "完善 健全",
    "落实 抓好 做好 抓实 狠抓",
    "深入 扎实 切实 认真",
    "持续 不断 继续",
    "积极 主动",
    "支持 扶持 鼓励",
    "建设 打造",
    "构建 建立",
    "改善 优化 改进",
    "确保 保障 保证",
    "显著 明显",
    "稳步 有序 平稳",
    "培育 壮大",
    "开展 实施 推行",
    "巩固 稳固",
    "坚持 坚定",
)


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in GROUPS:
        words = group.split()
        for w in words:
            assert len(w) == len(words[0]) and w not in table, f"{w}: another length, or in two groups"
            table[w] = words[0]
    return table


CANONICAL = _table()
WORDS = re.compile("|".join(sorted(CANONICAL, key=len, reverse=True)))


def canonical(text: str) -> str:
    """``text`` with each interchangeable word spelled as its group's first word; the same length."""
    return WORDS.sub(lambda m: CANONICAL[m[0]], text)
