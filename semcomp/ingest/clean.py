"""Clean-up of raw report text, each step a pure function that keeps raw offsets.

Order matters: pinyin readings are repaired before brackets are normalised, and 繁→简 runs
before width normalisation so that OpenCC sees the text as published.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from semcomp.ingest.textmap import MappedText

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = f"[a-zü{TONE_VOWELS}]"
# A reading such as "(bào)": lowercase letters with at least one tone mark.
READING = rf"\((?=[a-zü]*[{TONE_VOWELS}]){PINYIN}{{1,7}}\)"
MASK = re.compile(r"\*{2,}")

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES: dict[int, int | str] = {ord(c): " " for c in "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))}


_LOST_CHARS = re.compile(r"\?{2,}|\ufffd+")


def drop_lost_characters(mt: MappedText) -> MappedText:
    """Runs of ``??`` (characters lost to an encoding round-trip, mostly spaces) become a space."""
    return mt.sub(_LOST_CHARS, " ")


def normalize_whitespace_chars(mt: MappedText) -> MappedText:
    """Unify line breaks, drop invisible characters and map exotic spaces to a plain space."""
    mt = mt.sub(_NEWLINES, "\n")
    mt = mt.sub(_INVISIBLE, "")
    return mt.translate(_SPACES)


_BASED_READING = re.compile(rf"(?<=[{CJK}]){READING}")
_ORPHAN_READING = re.compile(rf"\?{PINYIN}*\)?\^?\(({PINYIN}{{1,7}})\)")
_READING_DEBRIS = re.compile(rf"\?(?=[a-zü]*[{TONE_VOWELS}]){PINYIN}{{1,7}}\)\^?|\^|{READING}")


def repair_pinyin_readings(mt: MappedText, min_readings: int = 20) -> MappedText:
    """Remove pinyin readings glued after characters: ``報(bào)告`` → ``報告``.

    Web copies of these reports sometimes lose the character before a reading and leave debris
    such as ``麒麟?yún)^(qū)``. The lost character is restored from the same document: the
    character that carries that reading most often elsewhere in it (``qū`` → ``區``).
    Only documents with many readings are touched, so ordinary brackets are never at risk.
    """
    based = re.compile(rf"([{CJK}])({READING})")
    pairs = [(m.group(1), m.group(2)[1:-1]) for m in based.finditer(mt.text)]
    if len(pairs) < min_readings:
        return mt
    by_reading: dict[str, Counter[str]] = {}
    for char, reading in pairs:
        by_reading.setdefault(reading, Counter())[char] += 1

    def restore(m: re.Match[str]) -> str:
        counts = by_reading.get(m.group(1))
        return counts.most_common(1)[0][0] if counts else ""

    mt = mt.sub(_ORPHAN_READING, restore)
    mt = mt.sub(_BASED_READING, "")
    return mt.sub(_READING_DEBRIS, "")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of CJK characters that OpenCC's t2s changes (0 for simplified text)."""
    sample = "".join(re.findall(f"[{CJK}]", text[:8000]))
    if not sample:
        return 0.0
    converted = _t2s().convert(sample)
    if len(converted) != len(sample):
        return 1.0
    before = np.frombuffer(sample.encode("utf-32-le"), dtype=np.uint32)
    after = np.frombuffer(converted.encode("utf-32-le"), dtype=np.uint32)
    return float((before != after).mean())


def to_simplified(mt: MappedText, threshold: float = 0.02) -> MappedText:
    """繁→简 with OpenCC, only for text that is actually traditional.

    Simplified text is left alone: t2s would still rewrite a few characters (e.g. in names).
    """
    if traditional_share(mt.text) < threshold:
        return mt
    return mt.convert_chars(_t2s().convert)


# full-width digits and Latin letters → ASCII (and the full-width full stop used in decimals)
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH_ALNUM[0xFF0E] = ord(".")
_ASCII_PUNCT = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;!()]|(?<=[" + CJK + r"])\?")
_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "(": "（", ")": "）", "?": "？"}


def normalize_width(mt: MappedText) -> MappedText:
    """Full-width digits/letters → ASCII; ASCII punctuation in Chinese prose → full width.

    ``806,000`` and ``9:00`` keep their ASCII separators.
    """
    mt = mt.translate(_FULLWIDTH_ALNUM)
    return mt.sub(_ASCII_PUNCT, lambda m: _TO_FULL[m.group(0)])


_INNER_SPACE = re.compile(rf"(?<=[{CJK}0-9“”‘’（）《》、，。：；！？]) +(?=[{CJK}0-9“”‘’（）《》、，。：；！？])")
_EDGE_SPACE = re.compile(r"^ +| +$", re.M)
_MULTI_SPACE = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{2,}")


def collapse_spaces(mt: MappedText) -> MappedText:
    """Drop letter-spacing (``政 府 工 作 报 告``, ``1 9 9 3 年``), edge spaces and blank lines."""
    mt = mt.sub(_INNER_SPACE, "")
    mt = mt.sub(_EDGE_SPACE, "")
    mt = mt.sub(_MULTI_SPACE, " ")
    return mt.sub(_BLANK_LINES, "\n")


def clean(mt: MappedText) -> MappedText:
    """The full clean-up chain."""
    mt = normalize_whitespace_chars(mt)
    mt = repair_pinyin_readings(mt)
    mt = drop_lost_characters(mt)
    mt = to_simplified(mt)
    mt = normalize_width(mt)
    return collapse_spaces(mt)


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of masked names (``**``, ``****``): kept in the text, never treated as words."""
    return [m.span() for m in MASK.finditer(text)]
