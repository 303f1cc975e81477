"""Reuse benchmark: planted copies with known truth, semcomp against MinHash-LSH, and scaling.

Run: `make bench` (or `python benchmarks/bench_reuse.py`).

1. Planted copies. Real reports of the bundled corpus receive passages (one to three sentences)
   copied from other real reports, with the edits copy-paste makes: numbers swapped, 区/县 swapped,
   a few characters inserted or deleted, two clauses reordered. Both systems run on the corpus
   before and after planting; what is new after planting is scored against the truth:
   recall (planted spans found with the right source), precision (new findings that are planted
   copies with the right source), and how tightly the reported target span fits the planted one.
   The baseline is what users otherwise do: datasketch MinHash-LSH over character 5-gram shingles
   of paragraphs (threshold 0.5, 128 permutations).
2. All-pairs search over the whole corpus at 1x, 2x and 4x (copies enciphered so that they don't
   match each other, keeping each copy's own reuse), in a fresh process each: time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from semcomp import Catalogue, ingest
from semcomp.reuse.finder import find_reuse

DATA = Path(__file__).resolve().parent.parent / "data" / "reports"
SENTENCE = re.compile(r"[^。！？\n]{12,}[。！？]")


def edit(text: str, rng: random.Random) -> str:
    """The edits copy-paste makes."""
    text = re.sub(r"\d+(\.\d+)?", lambda m: str(round(rng.uniform(1, 999), rng.choice((0, 1, 2)))), text)
    text = text.replace("全区", "全县") if rng.random() < 0.5 else text.replace("全县", "全区")
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(1, max(2, len(chars) - 1))
        if rng.random() < 0.5:
            del chars[i]
        else:
            chars.insert(i, rng.choice("进一步全面持续着力大力"))
    text = "".join(chars)
    clauses = text.split("，")
    if len(clauses) >= 3 and rng.random() < 0.5:
        i = rng.randrange(len(clauses) - 2)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    return "，".join(clauses)


def plant(files: list[Path], n: int, seed: int) -> tuple[dict[str, str], list[dict]]:
    """Texts with planted copies, and the truth: target file, span, source file."""
    rng = random.Random(seed)
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    truth: list[dict] = []
    for _ in range(n):
        src, dst = rng.sample(sorted(texts), 2)
        sentences = SENTENCE.findall(texts[src])
        if len(sentences) < 5:
            continue
        i = rng.randrange(len(sentences) - 3)
        copied = edit("".join(sentences[i : i + rng.randint(1, 3)]), rng)
        body = texts[dst]
        breaks = [m.end() for m in re.finditer("\n", body)]
        at = rng.choice(breaks[len(breaks) // 5 : -2] or breaks)
        texts[dst] = body[:at] + copied + "\n" + body[at:]
        for t in truth:  # later insertions shift earlier spans
            if t["target"] == dst and t["start"] >= at:
                t["start"] += len(copied) + 1
                t["end"] += len(copied) + 1
        truth.append({"target": dst, "start": at, "end": at + len(copied), "source": src})
    return texts, truth


def catalogue_of(texts: dict[str, str], folder: Path) -> Catalogue:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    cat = Catalogue(folder / "catalogue.sqlite", create=True)
    ingest([p for p in folder.glob("*.txt")], cat)
    return cat


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def semcomp_spans(cat: Catalogue) -> tuple[list[tuple[str, int, int, str]], float]:
    """(target file, start, end, other file) for both sides of every finding."""
    name = {r.id: Path(r.source).name for r in cat.reports()}
    start = time.perf_counter()
    findings = find_reuse(cat)
    spans = []
    for f in findings:
        spans.append((name[f.target.report_id], f.target.start, f.target.end, name[f.source.report_id]))
        spans.append((name[f.source.report_id], f.source.start, f.source.end, name[f.target.report_id]))
    return spans, time.perf_counter() - start


def minhash_spans(cat: Catalogue, threshold: float = 0.5) -> tuple[list[tuple[str, int, int, str]], float]:
    from datasketch import MinHash, MinHashLSH

    name = {r.id: Path(r.source).name for r in cat.reports()}
    sql = "SELECT id, report_id, text, start, \"end\" FROM passages WHERE level = 'paragraph' AND kind = 'body'"
    rows = cat.db.execute(sql).fetchall()
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = {}
    for pid, _, text, _, _ in rows:
        m = MinHash(num_perm=128)
        for i in range(max(1, len(text) - 4)):
            m.update(text[i : i + 5].encode())
        sketches[pid] = m
        lsh.insert(pid, m)
    info = {pid: (rid, s, e) for pid, rid, _, s, e in rows}
    spans = []
    for pid, m in sketches.items():
        rid, s, e = info[pid]
        for other in lsh.query(m):
            if info[other][0] != rid:
                spans.append((name[rid], s, e, name[info[other][0]]))
    return spans, time.perf_counter() - start


def unshift(truth: list[dict], target: str, s: int, e: int) -> tuple[int, int] | None:
    """Offsets before planting of a span found after it; None when it touches a planted copy."""
    shift = 0
    for p in truth:
        if p["target"] != target:
            continue
        if overlap((s, e), (p["start"], p["end"] + 1)) > 0:
            return None
        if p["end"] < s:
            shift += p["end"] - p["start"] + 1
    return s - shift, e - shift


def score(before: list, after: list, truth: list[dict]) -> dict[str, float]:
    old = {(t, s, e, o) for t, s, e, o in before}
    new = [(t, s, e, o) for t, s, e, o in after if (t, *(unshift(truth, t, s, e) or (-1, -1)), o) not in old]
    by_target = defaultdict(list)
    for t, s, e, o in new:
        by_target[t].append((s, e, o))
    found, tight = 0, []
    for p in truth:
        planted = (p["start"], p["end"])
        hits = [(s, e) for s, e, o in by_target[p["target"]] if o == p["source"] and overlap((s, e), planted) > 0]
        covered = len(set().union(*(range(max(s, planted[0]), min(e, planted[1])) for s, e in hits))) if hits else 0
        if covered >= 0.5 * (planted[1] - planted[0]):  # a copy with reordered clauses may come as two findings
            found += 1
            reported = sum(e - s for s, e in hits)
            tight.append(covered / max(reported, planted[1] - planted[0]))
    sources = {(p["source"], p["target"]) for p in truth}
    correct = sum(
        1 for t, s, e, o in new
        if (t, o) in sources  # the copied side of a planted pair
        or any(p["target"] == t and p["source"] == o and overlap((s, e), (p["start"], p["end"])) > 0 for p in truth)
    )  # fmt: skip
    fit = sum(tight) / max(len(tight), 1)
    return {"recall": found / len(truth), "precision": correct / max(len(new), 1), "span fit": fit, "new": len(new)}


def planted(args) -> None:
    files = sorted(DATA.glob("*/*.txt"))[: args.reports]
    with tempfile.TemporaryDirectory() as tmp:
        base = catalogue_of({f.name: f.read_text(encoding="utf-8") for f in files}, Path(tmp) / "before")
        texts, truth = plant(files, args.plants, args.seed)
        after = catalogue_of(texts, Path(tmp) / "after")
        print(f"{len(files)} real reports, {len(truth)} planted copies "
              f"({sum(t['end'] - t['start'] for t in truth) / len(truth):.0f} characters on average)")  # fmt: skip
        print(f"{'system':<28}{'recall':>8}{'precision':>11}{'span fit':>10}{'time (s)':>10}")
        for label, run in (("semcomp reuse", semcomp_spans), ("MinHash-LSH (datasketch)", minhash_spans)):
            b, _ = run(base)
            a, seconds = run(after)
            r = score(b, a, truth)
            print(f"{label:<28}{r['recall']:>8.3f}{r['precision']:>11.3f}{r['span fit']:>10.3f}{seconds:>10.1f}")


def cipher(text: str, shift: int) -> str:
    """Move every common CJK character by ``shift`` within the block: copies stop matching each other."""
    return "".join(chr(0x4E00 + (ord(c) - 0x4E00 + shift) % 0x51A6) if "\u4e00" <= c <= "\u9fa5" else c for c in text)


def scale_worker(factor: int) -> None:
    from semcomp.reuse.finder import Sentence, load_sentences, match_sentences
    from semcomp.store.catalogue import Catalogue as Cat
    from semcomp.text.template import template

    with tempfile.TemporaryDirectory() as tmp:
        cat = Cat(Path(tmp) / "c.sqlite", create=True)
        ingest([DATA], cat)
        reports = {r.id: r for r in cat.reports()}
        base = load_sentences(cat, list(reports))
        raw = {rid: cat.raw_text(rid) for rid in reports}
    sentences, all_reports, all_raw = [], {}, {}
    for c in range(factor):
        for rid, r in reports.items():
            all_reports[f"{rid}~{c}"] = type(r)(**{**r.__dict__, "id": f"{rid}~{c}"})
            all_raw[f"{rid}~{c}"] = cipher(raw[rid], 7919 * c)
        for s in base:
            text = cipher(s.text, 7919 * c)
            sentences.append(Sentence(s.id + c * 10**7, f"{s.report_id}~{c}", s.ordinal, s.paragraph, s.section_path, text, s.start, s.end,
                                      template(text)))  # fmt: skip
    start = time.perf_counter()
    findings = match_sentences(sentences, all_reports, all_raw.__getitem__)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"factor": factor, "reports": len(all_reports), "sentences": len(sentences), "findings": len(findings),
                      "seconds": round(seconds, 1), "peak_mb": round(peak)}))  # fmt: skip


def scaling() -> None:
    print(f"\n{'corpus':<8}{'reports':>9}{'sentences':>11}{'findings':>10}{'all-pairs (s)':>15}{'peak RSS (MB)':>15}")
    for factor in (1, 2, 4):
        out = subprocess.run([sys.executable, __file__, "--scale-worker", str(factor)], check=True, capture_output=True, text=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{str(factor) + 'x':<8}{r['reports']:>9}{r['sentences']:>11}{r['findings']:>10}{r['seconds']:>15}{r['peak_mb']:>15}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--plants", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--part", choices=("planted", "scaling", "all"), default="all")
    parser.add_argument("--scale-worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_worker:
        scale_worker(args.scale_worker)
        return
    if args.part in ("planted", "all"):
        planted(args)
    if args.part in ("scaling", "all"):
        scaling()


if __name__ == "__main__":
    main()
