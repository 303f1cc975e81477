"""Compare benchmark: 海拉尔区's consecutive government work reports, pair by pair.

Run: `make bench` (or `python benchmarks/bench_compare.py [--index corpus]`). Needs the paragraph
index of the bundled reports (embeddings come from the cache). For each pair of consecutive years
it prints the share of the later report's passages kept, reworded and new, the share of the earlier
one's dropped, the number of key figures found in both, and the time.
"""

from __future__ import annotations

import argparse
import itertools
import time

from semcomp.compare.report import compare_reports
from semcomp.embed.encoder import Encoder
from semcomp.embed.models import resolve_model
from semcomp.store.catalogue import Catalogue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--region", default="海拉尔")
    args = parser.parse_args()
    cat = Catalogue.open(args.index)
    encoder = Encoder(resolve_model())
    series = sorted((r.value("year"), r.id) for r in cat.reports() if args.region in (r.value("region") or "") and r.value("year"))
    print(f"{'pair':<12}{'kept':>7}{'reworded':>10}{'new':>7}{'dropped':>9}{'figures':>9}{'time (s)':>10}")
    for (ya, a), (yb, b) in itertools.pairwise(series):
        start = time.perf_counter()
        c = compare_reports(cat, a, b, encoder)
        seconds = time.perf_counter() - start
        n_b = sum(1 for r in c.rows if r.b is not None)
        n_a = sum(1 for r in c.rows if r.a is not None)
        share = {k: c.counts.get(k, 0) / max(n_b, 1) for k in ("kept", "reworded", "new")}
        both = sum(1 for p in c.figures if p.a and p.b)
        print(f"{ya}→{yb:<7}{share['kept']:>7.0%}{share['reworded']:>10.0%}{share['new']:>7.0%}"
              f"{c.counts.get('dropped', 0) / max(n_a, 1):>9.0%}{both:>9}{seconds:>10.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
