"""Lexical terms of a text: jieba words plus Chinese character bigrams.

Words match what a reader types (``招商引资``); bigrams catch what word segmentation splits
differently from one report to the next (``招商`` + ``引资`` inside ``招商引资工作``).
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import cache

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)


@cache
def _jieba():
    with warnings.catch_warnings():  # jieba imports pkg_resources, which recent setuptools deprecates loudly
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def words(text: str) -> list[str]:
    """jieba words (precise mode), lower-cased, punctuation and spaces dropped."""
    return [w.lower() for w in _jieba().lcut(text) if _WORD.search(w)]


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out += [run[i : i + 2] for i in range(len(run) - 1)]
    return out


def terms(text: str) -> list[str]:
    """Words, then bigrams that are not already a word (a two-character word counts once)."""
    ws = words(text)
    seen = set(ws)
    return ws + [b for b in bigrams(text) if b not in seen]
