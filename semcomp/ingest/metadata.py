"""Report metadata from front matter, file name and manifest, each value with its source.

Precedence: manifest (or corpus row) > text > file name. Unknown stays unknown: a masked
district (``****政府``) gets no region rather than a guess from the body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from semcomp.ingest.gazetteer import COUNTY_SUFFIXES, Region, find_places, is_national, resolve_region, stem
from semcomp.model import Field, Source

GWR = "政府工作报告"
PLAN_H1 = "计划执行情况报告（上半年）"
PLAN_YEAR = "计划执行情况报告（全年）"
OTHER = "其他"

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})年")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
_ROLE = r"(?:代理|代)?(?:副)?(?:区长|县长|市长|省长|州长|旗长|盟长|主席|总理|镇长|乡长|主任)"
_SPEAKER = re.compile(rf"^(.*?{_ROLE}(?:（[^）]*）)?)\s*([\u4e00-\u9fff·]{{2,4}})$")
_ROLE_ONLY = re.compile(rf"^.*{_ROLE}$")
_NAME_ONLY = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_TITLE_NOISE = re.compile(r"^(名\s*称[：:]\s*\|?\s*|\[[^\]]{1,6}\]\s*|【[^】]{1,6}】\s*)|[—\-－]+全文$|\s*\|.*$")
_MASK = re.compile(r"\*{2,}")


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十七 → 27 (enough for months and days)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return int(_CN_DIGITS.get(tens, "1") if tens else "1") * 10 + (int(_CN_DIGITS[ones]) if ones else 0)
    return int("".join(_CN_DIGITS[c] for c in text))


def find_date(lines: list[str]) -> str | None:
    """The delivery date: the first full date in the front matter, as ISO ``YYYY-MM-DD``."""
    for line in lines:
        if m := _DATE.search(line):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m := _CN_DATE.search(line):
            y = int("".join(_CN_DIGITS[c] for c in m.group(1)))
            mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
        else:
            continue
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_title(lines: list[str]) -> str | None:
    for line in lines:
        if "报告" in line and len(line) <= 90 and not line.startswith(("—", "－", "-")):
            title = _TITLE_NOISE.sub("", line).strip(" |")
            if "报告" in title:
                return title
    return None


def report_type(title: str | None, body_head: str) -> tuple[str, Source] | None:
    text = title or ""
    if "政府工作报告" in text:
        return GWR, "text"
    if re.search(r"计划(的)?执行情况|计划执行", text):
        return (PLAN_H1 if "半年" in text else PLAN_YEAR), "text"
    if title:
        return OTHER, "text"
    if re.search(r"向(本次)?大会(报告|作)(政府)?工作", body_head):
        return GWR, "text"
    if "计划执行情况" in body_head:
        return (PLAN_H1 if "上半年" in body_head else PLAN_YEAR), "text"
    return None


def find_speaker(lines: list[str]) -> tuple[str, str] | None:
    """``(name, role)`` from a line like ``官渡区人民政府副区长（提名人选）吴小军``."""
    for i, line in enumerate(lines):
        if "报告" in line or len(line) > 40:
            continue
        if m := _SPEAKER.match(line):
            return m.group(2), m.group(1)
        if _ROLE_ONLY.match(line) and i + 1 < len(lines) and _NAME_ONLY.match(lines[i + 1]):
            return lines[i + 1], line
    return None


def title_year(title: str | None) -> int | None:
    if not title:
        return None
    if m := _YEAR.search(title):
        return int(m.group(1))
    if m := _CN_YEAR.search(title):
        return int("".join(_CN_DIGITS[c] for c in m.group(1)))
    return None


def _place_key(region: str) -> str | None:
    places = find_places(region)
    if not places:
        return None
    return stem(places[-1][0], (*COUNTY_SUFFIXES, "省", "自治区"))


def extract(
    front: list[str],
    above: list[str],
    body_head: str,
    filename: str,
    manifest: Mapping[str, str] | None = None,
) -> tuple[dict[str, Field], list[str]]:
    """Metadata fields and warnings for one report.

    ``front`` is the report's front matter (title, subtitle, speaker lines); ``above`` the page
    lines before it (header fields such as 名称), read too when the front has no title;
    ``body_head`` the first paragraphs, used only where the front is silent.
    """
    meta: dict[str, Field] = {}
    warnings: list[str] = []
    title = find_title(front)
    if title is None and above:
        front = above + front
        title = find_title(front)
    if title:
        meta["title"] = Field(title, "text")
    # title, subtitle and speaker lines; photo captions and source/time fields name other places
    front_text = " ".join(line for line in front if "。" not in line and not line.startswith(("来源", "时间", "发布")))
    masked = bool(_MASK.search(front_text))
    region = resolve_region(front_text)
    if region is None and not masked and is_national(body_head):
        region = Region("中国", "national")
    if region is None and not masked and (region := resolve_region(filename)):
        meta["region"] = Field(region.path, "filename")
        meta["level"] = Field(region.level, "filename")
    elif region is not None:
        meta["region"] = Field(region.path, "text")
        meta["level"] = Field(region.level, "text")
    if date := find_date(front):
        meta["date"] = Field(date, "text")
    if rtype := report_type(title, body_head[:600]):
        meta["report_type"] = Field(*rtype)
    if (year := title_year(title)) is not None:
        meta["year"] = Field(year, "text")
    elif date:
        meta["year"] = Field(int(date[:4]), "text")
    elif m := _YEAR.search(filename):
        meta["year"] = Field(int(m.group(1)), "filename")
    if speaker := find_speaker(front):
        meta["speaker"] = Field(speaker[0], "text")
        meta["role"] = Field(speaker[1], "text")

    for key, raw in (manifest or {}).items():
        if key not in ("title", "region", "level", "year", "date", "report_type", "speaker", "role") or not raw:
            continue
        value: str | int = int(raw) if key == "year" and str(raw).isdigit() else raw
        old = meta.get(key)
        if old and old.source == "text" and str(old.value) != str(value):
            if key == "region" and (
                _place_key(str(value)) == _place_key(str(old.value)) or str(old.value).startswith(str(value))
            ):
                pass  # the same place, written more or less fully
            elif key in ("region", "year"):
                warnings.append(f"manifest gives {key} {value} but the text says {old.value}")
        meta[key] = Field(value, "manifest")
    return meta, warnings
