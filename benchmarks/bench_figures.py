"""Figures benchmark: the standard indicators of 20 real reports against a hand-checked table.

Run: `make bench` (or `python benchmarks/bench_figures.py [--index corpus] [--show]`). Needs the
bundled reports ingested into the index. A value counts as right only when indicator, kind (target,
result, estimate), measure (level, growth), value in the indicator's unit and period all match the
table in `benchmarks/data/figures_gold.tsv`. Prints precision and recall overall and per indicator,
the old clause reader's figures for comparison, and the time per report; `--show` lists every miss.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from semcomp.figures.indicators import BY_NAME
from semcomp.figures.reader import Figure
from semcomp.figures.report import report_figures
from semcomp.figures.units import normalise
from semcomp.store.catalogue import Catalogue

GOLD = Path(__file__).parent / "data" / "figures_gold.tsv"
Key = tuple[str, str, str, str, float, str]  # report, indicator, kind, measure, value, period


def gold() -> set[Key]:
    keys = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        report, indicator, kind, measure, value, unit, period = line.split("\t")
        number = float(value)
        if measure == "level":
            number, _ = normalise(number, unit, BY_NAME[indicator].unit)
        keys.add((report, indicator, kind, measure, round(number, 4), period))
    return keys


def key(report: str, f: Figure) -> Key:
    value = f.normalised if f.measure == "level" else -f.value if f.change == "下降" else f.value
    return report, f.indicator, f.kind, f.measure, round(value, 4), f.period


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--show", action="store_true", help="list every miss and every wrong value")
    args = parser.parse_args()
    cat = Catalogue.open(args.index)
    expected = gold()
    reports = sorted({k[0] for k in expected})
    found: set[Key] = set()
    start = time.perf_counter()
    for rid in reports:
        figures = report_figures(cat.report(rid))
        found |= {key(rid, f) for f in figures if f.standard and f.year is not None and f.measure in ("level", "growth", "points")}
    seconds = (time.perf_counter() - start) / len(reports)
    right = found & expected
    print(f"{len(reports)} reports, {len(expected)} hand-checked values, {seconds * 1000:.0f} ms a report")
    print(f"precision {len(right) / max(len(found), 1):.3f}  recall {len(right) / len(expected):.3f}  "
          f"({len(right)} right, {len(found - expected)} wrong or extra, {len(expected - found)} missed)")  # fmt: skip
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k in expected:
        per[k[1]][1] += 1
    for k in found:
        per[k[1]][0] += 1
    for k in right:
        per[k[1]][2] += 1
    print(f"{'indicator':<14}{'gold':>6}{'found':>7}{'P':>8}{'R':>8}")
    for name, (n_found, n_gold, n_right) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        print(f"{name:<14}{n_gold:>6}{n_found:>7}{n_right / max(n_found, 1):>8.3f}{n_right / max(n_gold, 1):>8.3f}")
    if args.show:
        for k in sorted(expected - found):
            print("missed ", *k)
        for k in sorted(found - expected):
            print("wrong  ", *k)


if __name__ == "__main__":
    main()
