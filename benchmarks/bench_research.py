"""Research measurements benchmark: attention, diffusion, echo and targets over the bundled corpus.

Run: `make bench` (or `python benchmarks/bench_research.py [--index corpus]`). Needs the bundled
reports ingested into the index. Prints the time of each command's work, and compares the attention
counts with what a researcher gets by hand from the raw files (each report's raw text searched for the
same words, longest first): how many report counts differ, since the raw text also holds the title
and date lines, page chrome, glossaries and tables.
"""

from __future__ import annotations

import argparse
import re
import time

from semcomp.attention import attention_panel, example_dictionary, measure_attention
from semcomp.diffusion import diffusion, echoes
from semcomp.figures.targets import targets
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters

PHRASES = ["精准扶贫", "京津冀协同发展", "打赢脱贫攻坚战", "营商环境", "供给侧结构性改革"]


def timed(label: str, work):
    start = time.perf_counter()
    result = work()
    print(f"{label:<44} {time.perf_counter() - start:6.2f} s")
    return result


def by_hand(cat: Catalogue, concepts) -> dict[tuple[str, str], int]:
    """(report, concept) → hits in the report's raw text."""
    patterns = {c.name: re.compile("|".join(map(re.escape, sorted(c.terms, key=len, reverse=True)))) for c in concepts}
    counts = {}
    for r in cat.reports():
        raw = cat.raw_text(r.id)[r.start : r.end]
        for name, pattern in patterns.items():
            counts[r.id, name] = len(pattern.findall(raw))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    args = parser.parse_args()
    cat = Catalogue.open(args.index)
    concepts = example_dictionary()
    print(f"{len(cat.reports())} reports, {len(concepts)} concepts")
    rows = timed("attention, strings (per report)", lambda: measure_attention(cat, concepts))
    timed("attention, jieba words (per report)", lambda: measure_attention(cat, concepts, match="words"))
    cells = attention_panel(rows)
    print(f"panel: {len(cells)} region × year × concept cells from {len(rows)} report rows")
    naive = timed("by hand: str.count over raw files", lambda: by_hand(cat, concepts))
    ours = {(r.report_id, r.concept): r.hits for r in rows}
    differ = [(key, naive[key], hits) for key, hits in ours.items() if naive.get(key) != hits]
    more = sum(n > h for _, n, h in differ)
    print(f"by hand differs on {len(differ)} of {len(ours)} report counts: {more} higher (the raw text also holds glossaries, "
          f"tables, chrome), {len(differ) - more} lower (繁体 and pinyin-glossed text that only cleaning reads)")  # fmt: skip
    spreads = timed(f"diffusion of {len(PHRASES)} phrases", lambda: diffusion(cat, PHRASES))
    for d in spreads:
        firsts = ", ".join(f"{f.tier} {f.year}" for f in d.firsts)
        modes = {m: sum(a.mode == m for a in d.adoptions) for m in ("top-down", "simultaneous", "bottom-up", "unknown")}
        print(f"  {d.phrase}: {d.reports} reports, {len(d.adoptions)} regions; first {firsts}; {modes}")
    found = timed("echo of superiors (reuse over the corpus)", lambda: echoes(cat))
    measured = [r for r in found if r.share is not None]
    mean = sum(r.share or 0 for r in measured) / max(1, len(measured))
    print(f"  {len(measured)} of {len(found)} local reports have superiors' reports to compare with; mean share {mean:.3f}")
    aims = timed("targets with results and superiors", lambda: targets(cat, Filters()))
    judged = [t for t in aims if t.status]
    met = sum(t.status == "met" for t in judged)
    above = [t.amplification for t in aims if t.amplification is not None]
    print(f"  {len(aims)} targets, {len(judged)} with a stated result ({met} met), {len(above)} with a superior's growth target "
          f"(mean amplification {sum(above) / max(1, len(above)):+.2f} points)")  # fmt: skip


if __name__ == "__main__":
    main()
