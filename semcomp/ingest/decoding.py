"""Bytes → text for Chinese documents: UTF-8 (with or without BOM), GB18030/GBK, Big5, UTF-16/32.

Detected, not assumed: every candidate that decodes strictly is scored by how much of it is
common Chinese, which separates GB18030 from Big5 reliably where generic detectors guess. A text
with a few broken bytes (a bad copy, a truncated download) is read with them replaced and says how
many; charset-normalizer is the fallback for anything else.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from semcomp.errors import SemcompError

COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
    "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社"
    "义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直"
    "题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被"
    "干做必战先回则任取据处府研县市省镇乡区域改革创新服务保障推进加快完善提升坚持全面深化"
    "們個國會時來說為對於從發經濟進產區縣實現建設務動業務",
)
_CJK = re.compile("[\u4e00-\u9fff]")


class DecodeError(SemcompError):
    """The bytes are not text in an encoding we can read."""


MAX_REPLACED = 0.01  # share of characters that may be replaced before a text counts as undecodable
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16's little-endian BOM
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int = 0  # undecodable bytes replaced by U+FFFD


def _score(text: str) -> float:
    cjk = _CJK.findall(text[:50000])
    if not cjk:
        return 0.0
    return sum(c in COMMON for c in cjk) / len(cjk)


def decode(data: bytes) -> Decoded:
    """The text and its encoding; raises ``DecodeError`` with a reason a user can act on."""
    if not data:
        raise DecodeError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {name} text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        wide = _wide(data)
        if wide is None:
            raise DecodeError("binary file (NUL bytes)")
        return wide
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), name, text))
    if candidates:
        score, name, text = max(candidates)
        if score > 0.2:
            return Decoded(text, name)
    repaired = _with_replacements(data)
    if repaired is not None:
        return repaired
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable bytes (not UTF-8, GB18030 or Big5 text)")
    return Decoded(str(best), best.encoding)


def _wide(data: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 without a byte-order mark, recognised by decoding to Chinese with no NULs."""
    for name in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _score(text) > 0.2:
            return Decoded(text, name)
    return None


def _with_replacements(data: bytes) -> Decoded | None:
    """The encoding that needs the fewest replaced bytes, if few enough that the text is still the report."""
    best: Decoded | None = None
    for name in ("utf-8", "gb18030", "big5"):
        text = data.decode(name, errors="replace")
        replaced = text.count("\ufffd")
        if replaced <= MAX_REPLACED * len(text) and _score(text) > 0.2 and (best is None or replaced < best.replaced):
            best = Decoded(text, name, replaced)
    return best


def chinese_chars(text: str) -> int:
    return len(_CJK.findall(text))
