"""Report metadata read as a reader reads it, each value with its source and a confidence.

Precedence: manifest (or corpus row) > title lines > opening formula > body > file name. Unknown
stays unknown: a masked district (``****政府``) gets no region rather than a guess from the body,
a year whose cues disagree stays empty with a warning, and no field takes a value that the
report's own opening contradicts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from semcomp.ingest.delivery_year import body_year_cues, national_year_cues, npc_year, settle
from semcomp.ingest.gazetteer import NATIONAL, Region, dominant_region, is_national, resolve_region, same_region
from semcomp.ingest.opening import Opening, read_opening
from semcomp.ingest.report_types import OTHER, PLAN_H1, type_from_opening, type_from_title
from semcomp.model import META_FIELDS, Field, Source
from semcomp.text.cn_numbers import YEAR_DIGITS, cn_int, cn_year

_CN_YEAR = re.compile(rf"([{YEAR_DIGITS}]{{4}})年")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_CN_DATE = re.compile(rf"([{YEAR_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日")
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
_ROLE = r"(?:代理|代)?(?:副)?(?:区长|县长|市长|省长|州长|旗长|盟长|主席|总理|镇长|乡长|主任)"
_SPEAKER = re.compile(rf"^(.*?{_ROLE}(?:（[^）]*）)?)\s*([\u4e00-\u9fff·]{{2,4}})$")
_ROLE_ONLY = re.compile(rf"^.*{_ROLE}$")
_NAME_ONLY = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_TITLE_NOISE = re.compile(r"^(名\s*称[：:]\s*\|?\s*|\[[^\]]{1,6}\]\s*|【[^】]{1,6}】\s*)|[—\-－]+全文$|\s*\|.*$")
_MASK = re.compile(r"\*{2,}")
_TITLE_WORD = re.compile(r"报告|决议")
CONTRADICTED = "manifest gives"  # how the warning that a report's text contradicts its manifest starts


def contradicted(warnings: list[str]) -> bool:
    """Whether a report's own text contradicts the year or region it was filed under."""
    return any(w.startswith((f"{CONTRADICTED} year", f"{CONTRADICTED} region")) for w in warnings)


def find_date(lines: list[str]) -> str | None:
    """The delivery date: the first full date in the front matter, as ISO ``YYYY-MM-DD``."""
    for line in lines:
        if m := _DATE.search(line):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m := _CN_DATE.search(line):
            y, mo, d = cn_year(m.group(1)), cn_int(m.group(2)), cn_int(m.group(3))
        else:
            continue
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_title(lines: list[str]) -> str | None:
    """The first line of the front matter that names a report (or a congress's resolution on one)."""
    for line in lines:
        if _TITLE_WORD.search(line) and len(line) <= 90 and not line.startswith(("—", "－", "-")):
            title = _TITLE_NOISE.sub("", line).strip(" |")
            if _TITLE_WORD.search(title):
                return title
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
    """The year a title names; a plan or budget title naming two (执行情况与2024年计划草案) the later."""
    if not title:
        return None
    years = [int(y) for y in _YEAR.findall(title)]
    years += [cn_year(y) for y in _CN_YEAR.findall(title)]
    if not years:
        return None
    return max(years) if "草案" in title else years[0]


# the divisions a government of each unit can lead: 市 is a municipality, a prefecture or a county-level
# city; a county may have become a district since (清苑县 → 清苑区), and its level is read as written
UNIT_DIVISIONS: dict[str, set[str]] = {
    "省": {"省"}, "自治区": {"自治区"}, "市": {"直辖市", "地级市", "县级市"}, "州": {"自治州"}, "盟": {"盟"},
    "地区": {"地区"}, "县": {"县", "自治县", "市辖区"}, "旗": {"旗", "自治旗"}, "区": {"市辖区", "自治区", "林区", "县"},
    "镇": {"镇"}, "乡": {"镇"},
}
# how far each source is trusted: the manifest is a person's word, a file name a guess
CONFIDENCE: dict[Source, float] = {"manifest": 1.0, "title": 0.95, "opening": 0.9, "body": 0.75, "filename": 0.5}


def _field(value: object, source: Source) -> Field:
    return Field(value, source, CONFIDENCE[source])


def read_region(front_text: str, opening: Opening, body: str, filename: str, masked: bool) -> tuple[Region, Source] | None:
    """The region a report is from, by the strongest cue that names one consistent with its opening.

    The opening formula's government comes first, then the title lines, then the place the body
    names most among those of the opening's unit (a county report says 容城 more than 保定), then
    the file name. A masked name (``****政府``) is never guessed from the body.
    """
    if opening.national or (opening.unit is None and is_national(front_text)):
        return NATIONAL, "opening" if opening.national else "title"
    if masked:
        return None
    divisions = UNIT_DIVISIONS.get(opening.unit or "")
    if opening.issuer_place and (region := resolve_region(opening.issuer_place, divisions, context=body)):
        return region, "opening"
    if region := resolve_region(front_text, divisions, context=body):
        return region, "title"
    if divisions and (found := dominant_region(body, divisions, opening.unit)):
        return found[0], "body"
    if region := resolve_region(filename, divisions):
        return region, "filename"
    return None


def read_year(
    title: str | None, date: str | None, opening: Opening, body: list[str], rtype: str | None, filename: str
) -> tuple[int, Source] | str | None:
    """The delivery year and its source, or a warning saying why it is left unknown."""
    if (year := title_year(title)) is not None or (date and (year := int(date[:4]))):
        return year, "title"
    if opening.national and opening.session and (year := npc_year(*opening.session)):
        return year, "opening"
    cues = body_year_cues(body, half_year=rtype == PLAN_H1)
    year, warning = settle(cues + (national_year_cues(body) if opening.national else []))
    if year is not None:
        return year, "body"
    if m := _YEAR.search(filename):
        return int(m.group(1)), "filename"
    return warning


def extract(
    front: list[str],
    above: list[str],
    body: list[str],
    filename: str,
    manifest: Mapping[str, str] | None = None,
) -> tuple[dict[str, Field], list[str]]:
    """Metadata fields, each with its source and confidence, and warnings for one report.

    ``front`` is the report's front matter (title, subtitle, speaker lines); ``above`` the page
    lines before it (header fields such as 名称), read too when the front has no title;
    ``body`` the report's lines from its salutation or first heading on.
    """
    meta: dict[str, Field] = {}
    warnings: list[str] = []
    title = find_title(front)
    if title is None and above:
        front = above + front
        title = find_title(front)
    if title:
        meta["title"] = _field(title, "title")
    # title, subtitle and speaker lines; photo captions and source/time fields name other places
    front_text = " ".join(line for line in front if "。" not in line and not line.startswith(("来源", "时间", "发布")))
    # joined: web copies break lines inside the opening sentence, and some put it above the salutation
    opening_text = "".join([*(line for line in front if "。" in line), *body[:8]])[:1500]
    body_text = "\n".join(body)
    opening = read_opening(front_text, opening_text, body_text)
    masked = bool(_MASK.search(front_text) or _MASK.search(opening.issuer or ""))
    if opening.issuer and not masked:
        meta["issuer"] = _field(opening.issuer, "opening")
    if found := read_region(front_text, opening, body_text, filename, masked):
        region, source = found
        meta["region"] = _field(region.path, source)
        meta["level"] = _field(region.gov_level, source)
    elif not masked:
        said = (
            f"the opening names {opening.issuer}" if opening.issuer
            else f"the {opening.unit_cue} says {opening.unit}" if opening.unit
            else "no opening formula or congress line names the government"
        )
        warnings.append(f"region left unknown: {said}, and no place stands out in the text")
    date = find_date(front)
    if date:
        meta["date"] = _field(date, "title")
    rtype = type_from_title(title) if title else None
    if rtype in (None, OTHER) and (opening_type := type_from_opening(opening_text, body[:12])):
        meta["report_type"] = _field(opening_type, "opening")
    elif rtype:
        meta["report_type"] = _field(rtype, "title")
    year = read_year(title, date, opening, body, meta["report_type"].value if "report_type" in meta else None, filename)
    if isinstance(year, tuple):
        meta["year"] = _field(*year)
    elif year:
        warnings.append(year)
    if speaker := find_speaker(front):
        meta["speaker"] = _field(speaker[0], "title")
        meta["role"] = _field(speaker[1], "title")

    for key, raw in (manifest or {}).items():
        if key not in META_FIELDS or not raw:
            continue
        value: str | int = int(raw) if key == "year" and str(raw).isdigit() else raw
        old = meta.get(key)
        if old and old.source != "filename" and str(old.value) != str(value):
            national = old.value == NATIONAL.path and (manifest or {}).get("level") == "national"  # 中国, as the manifest names it
            if key == "region" and (national or same_region(str(value), str(old.value)) or str(old.value).startswith(str(value))):
                pass  # the same place, written more or less fully
            elif key in ("region", "year"):
                warnings.append(f"{CONTRADICTED} {key} {value} but the {old.source} says {old.value}")
        meta[key] = _field(value, "manifest")
    return meta, warnings
