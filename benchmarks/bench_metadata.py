"""Metadata benchmark: the bundled corpus read as a stranger's folder, scored field by field.

Run: `make bench` (or `python benchmarks/bench_metadata.py [--show-misses]`).
Every manifest file is read under an uninformative name (``doc_017.txt``) with no manifest, so
region, level, year and type come from the text alone. Each field is scored against the manifest:
right, empty (unknown: honest) or wrong (a value the truth contradicts, the failure that matters).
The baseline is a reader of the title line only (what the first version did), for comparison.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections import Counter
from pathlib import Path

from semcomp.ingest.gazetteer import same_region
from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.readers import read_path

HEAD_END = re.compile(r"^\s*(?:各位代表|各位委员|同志们|一、)", re.M)
ROOT = Path(__file__).resolve().parent.parent / "data" / "reports"
FIELDS = ("region", "level", "year", "report_type")
GOV_LEVELS = {"county-level city": "county"}  # the manifest's word for 县级市; semcomp calls them counties
NATIONAL = {"中华人民共和国国务院": "中国"}  # the manifest names the State Council's reports by their author
# where the text contradicts the manifest, the text is the truth; each was checked by reading it
CORRECTIONS = {
    ("baoding_hebei/hebei_保定市_2006_gwr.txt", "year"): "2007",  # delivered 2007-01-30; filed under 2006 and 2007
    ("baoding_hebei/hebei_河北省_2018_gwr.txt", "year"): "2019",  # delivered 二〇一九年一月十四日, reviewing 2018
    # 新安县 of 河南 filed as 安新县 of 河北: it says 新安 11 times, 安新 never, and names 洛阳
    ("baoding_hebei/hebei_baoding_130632_安新县_2024_gwr.txt", "region"): "河南省洛阳市新安县",
    ("national_gwr/national_1956_gwr.txt", "report_type"): "预算执行情况报告",  # the 1955 accounts and 1956 budget
}


def truth_rows() -> list[dict[str, str]]:
    with open(ROOT / "manifest_all.csv", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f)]


def headless(raw: str) -> str:
    m = HEAD_END.search(raw)
    return raw[m.start():] if m else raw


def verdict(name: str, got: object, want: str) -> str:
    if got in (None, ""):
        return "empty"
    if name == "region":
        return "right" if same_region(str(got), NATIONAL.get(want, want)) else "wrong"
    if name == "level":
        return "right" if got == GOV_LEVELS.get(want, want) else "wrong"
    return "right" if str(got) == want else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="list every field that is not right")
    parser.add_argument("--headless", action="store_true", help="cut each text before its salutation or first heading, "
                        "as half the crawled reports come: no title, subtitle, date or speaker lines")
    args = parser.parse_args()
    rows = truth_rows()
    scores: dict[tuple[str, str], Counter[str]] = {}
    misses = []
    start = time.perf_counter()
    for k, row in enumerate(rows):
        (doc,) = read_path(ROOT / row["file"])
        raw = headless(doc.raw) if args.headless else doc.raw
        reports, _ = parse_document(raw, f"doc_{k:03d}.txt", f"doc_{k:03d}")
        meta = reports[0].meta if len(reports) == 1 else {}
        group = row["file"].split("/")[0]
        for name in FIELDS:
            got = meta[name].value if name in meta else None
            want = CORRECTIONS.get((row["file"], name), row[name])
            v = verdict(name, got, want)
            for key in ((group, name), ("all", name)):
                scores.setdefault(key, Counter())[v] += 1
            if v != "right":
                misses.append(f"{v:5} {name:11} got {got!s:24} want {want:24} {row['file']}")
    seconds = time.perf_counter() - start
    print(f"{len(rows)} reports read without manifest or file names in {seconds:.1f} s ({len(CORRECTIONS)} manifest values corrected)")
    print(f"{'reports':18} {'field':12} {'right':>6} {'empty':>6} {'wrong':>6} {'right %':>8}")
    for (group, name), s in sorted(scores.items(), key=lambda kv: (kv[0][0] != "all", kv[0][0])):
        total = sum(s.values())
        print(f"{group:18} {name:12} {s['right']:6} {s['empty']:6} {s['wrong']:6} {100 * s['right'] / total:8.1f}")
    if args.show_misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
