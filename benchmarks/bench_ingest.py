"""Ingest benchmark: the whole bundled corpus, stage by stage, against a naive baseline.

Run: `make bench` (or `python benchmarks/bench_ingest.py [PATH] [--repeat N]`).
Prints wall time per stage, throughput, peak memory, and what comes out. The baseline is what a
user would otherwise write: read each file as UTF-8 and split it on blank lines — no encoding
detection, clean-up, structure, metadata or catalogue.

Then scale (``--rows``, by default 1k, 10k and 100k): a corpus file of that many rows, as a national
corpus holds them: each row twelve sentences drawn from the bundled reports (so rows share the
genre's formulas but are otherwise their own) and a line of its own, and one row in twenty a copy of
an earlier row with another line of its own (a report filed twice). Ingest time per row should stay
flat, and the copies should all be found.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from semcomp import Catalogue, ingest
from semcomp.ingest.clean import clean
from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.readers import discover, read_path
from semcomp.ingest.textmap import MappedText

ROOT = Path(__file__).resolve().parent.parent / "data" / "reports"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000, 10_000, 100_000], help="corpus rows to ingest, for scale")
    args = parser.parse_args()
    files = [f for f in discover([args.path]) if f.suffix == ".txt"]
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"corpus: {len(files)} files, {size_mb:.1f} MB, {args.path}")

    naive, t_naive = timed(lambda: [p for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()])
    docs, t_read = timed(lambda: [d for f in files for d in read_path(f)])
    _, t_clean = timed(lambda: [clean(MappedText.identity(d.raw)) for d in docs])
    parsed, t_parse = timed(lambda: [parse_document(d.raw, d.source, d.name) for d in docs])
    n_reports = sum(len(r) for r, _ in parsed)
    n_par = sum(p.granularity == "paragraph" for r, _ in parsed for rep in r for p in rep.passages)
    n_sent = sum(p.granularity == "sentence" for r, _ in parsed for rep in r for p in rep.passages)

    full = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            cat = Catalogue(Path(tmp) / "catalogue.sqlite", create=True)
            _, t = timed(lambda cat=cat: ingest([args.path], cat))
            _again, t_again = timed(lambda cat=cat: ingest([args.path], cat))
            full.append((t, t_again))
            chrome = cat.db.execute(
                "SELECT count(*), count(DISTINCT report_id) FROM passages WHERE level = 'paragraph' AND kind = 'chrome'"
            ).fetchone()
            copies, closest = cat.second_copies(), closest_distinct(cat)
    best, best_again = min(full)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"output: {n_reports} reports, {n_par} paragraphs, {n_sent} sentences")
    print(f"{'stage':28} {'seconds':>8}")
    for name, t in (("naive read + blank-line split", t_naive), ("read + decode", t_read), ("clean-up", t_clean),
                    ("parse (clean+layout+meta+tree)", t_parse)):  # fmt: skip
        print(f"{name:28} {t:8.2f}")
    print(f"{'full ingest into SQLite':28} {best:8.2f}  (best of {args.repeat}; {len(files) / best:.0f} files/s, "
          f"{size_mb / best:.2f} MB/s)")  # fmt: skip
    print(f"{'re-ingest, nothing changed':28} {best_again:8.2f}")
    print(f"peak RSS: {peak:.0f} MB; naive split gives {len(naive)} chunks with no structure or metadata")
    print(f"page chrome set aside: {chrome[0]} paragraphs in {chrome[1]} reports")
    for copy, (original, share) in sorted(copies.items()):
        print(f"second copy: {copy} holds {share:.2f} of its fingerprint in {original}")
    print(f"closest two reports that are not copies: {closest[0]:.2f} ({closest[1]} and {closest[2]})")
    scale(args.rows)


def closest_distinct(cat: Catalogue) -> tuple[float, str, str]:
    """The highest share of a report's fingerprint held by another, among pairs not recorded as copies:
    how far below the second-copy threshold the corpus's real reuse stays."""
    sizes, copies = cat.fingerprint_sizes(), cat.second_copies()
    pairs = cat.db.execute(
        "SELECT a.report_id, b.report_id, count(*) FROM fingerprints a JOIN fingerprints b"
        " ON a.hash = b.hash AND a.report_id < b.report_id GROUP BY 1, 2"
    ).fetchall()
    return max(((n / min(sizes[a], sizes[b]), a, b) for a, b, n in pairs if a not in copies and b not in copies), default=(0.0, "", ""))



def scale(counts: list[int]) -> None:
    """Ingest time of corpus files of ``counts`` rows (see the module's docstring)."""
    texts = (f.read_text(encoding="utf-8") for f in sorted(ROOT.rglob("*.txt")))
    sentences = sorted({s.strip() + "。" for t in texts for s in t.split("。") if 15 <= len(s.strip()) <= 120})
    previous = None
    for n in counts:
        rng = random.Random(7)
        with tempfile.TemporaryDirectory() as tmp:
            rows = Path(tmp) / "rows.jsonl"
            bodies: list[str] = []
            with rows.open("w", encoding="utf-8") as fh:
                for i in range(n):
                    copy = bool(bodies) and rng.random() < 0.05
                    bodies.append(rng.choice(bodies) if copy else "".join(rng.choices(sentences, k=12)))
                    text = bodies[-1] + f"\n本文编号{i}。"
                    fh.write(json.dumps({"title": f"第{i}号县{2000 + i % 25}年政府工作报告", "text": text}, ensure_ascii=False) + "\n")
            size = rows.stat().st_size / 1e6
            cat = Catalogue(Path(tmp) / "catalogue.sqlite", create=True)
            summary, t = timed(lambda cat=cat, rows=rows: ingest([rows], cat))
            copies = len(cat.second_copies())
            cat.close()
        ratio = f", {t / previous[1]:.1f}x the time of {previous[0]:,} rows" if previous else ""
        print(f"{n:,} corpus rows ({size:.0f} MB): {t:.1f} s, {t / n * 1000:.2f} ms a row,"
              f" {summary.reports:,} reports, {copies:,} second copies{ratio}")  # fmt: skip
        previous = (n, t)

if __name__ == "__main__":
    main()
