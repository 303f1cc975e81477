"""Lexical terms of a text: jieba words plus Chinese character bigrams.

Words match what a reader types (``招商引资``); bigrams catch what word segmentation splits
differently from one report to the next (``招商`` + ``引资`` inside ``招商引资工作``).
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable
from functools import cache

from semcomp.text import query_words

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)


QUERY_CHARS = 2000  # a query this long or shorter is cut from the dictionary entries inside it


@cache
def _module():
    with warnings.catch_warnings():  # jieba imports pkg_resources, which recent setuptools deprecates loudly
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def _jieba():
    jieba = _module()
    jieba.initialize()
    return jieba


def private_tokenizer(extra_words: Iterable[str]):  # a jieba.Tokenizer; the import stays lazy
    """A jieba tokenizer of its own that knows ``extra_words``: a user's terms must not change how the
    shared one cuts words for search and themes."""
    tokenizer = _module().Tokenizer()
    for word in extra_words:
        tokenizer.add_word(word)
    return tokenizer


def words(text: str, query: bool = False) -> list[str]:
    """jieba words (precise mode), lower-cased, punctuation and spaces dropped. A ``query`` is cut the same
    way without loading jieba's whole dictionary unless it is loaded already (see ``query_words``)."""
    if query and len(text) <= QUERY_CHARS and not _jieba.cache_info().currsize:
        cut = query_words.cut(text, _module(), _jieba)
    else:
        cut = _jieba().lcut(text)
    return [w.lower() for w in cut if _WORD.search(w)]


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out += [run[i : i + 2] for i in range(len(run) - 1)]
    return out


def terms(text: str, query: bool = False) -> list[str]:
    """Words, then bigrams that are not already a word (a two-character word counts once)."""
    ws = words(text, query)
    seen = set(ws)
    return ws + [b for b in bigrams(text) if b not in seen]
