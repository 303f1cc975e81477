"""Reuse benchmark: planted copies of every kind with known truth, semcomp against MinHash-LSH, and scaling.

Run: `make bench` (or `python benchmarks/bench_reuse.py [--part planted|scaling|real]`).

1. Planted copies. Real reports of the bundled corpus receive passages copied from other real
   reports, planted the way counties copy a city's or the State Council's text, one kind at a time:
   a whole sentence; a clause set inside a longer sentence of the target; a passage of two to four
   sentences; clauses reordered; numbers and 区/县 swapped; one to five characters inserted or
   deleted; punctuation changed (``。`` to ``；`` or ``，``, two sentences merged); and combinations of
   these. Then copies rewritten the way a county adopts a superior's text (``adapted-*``: a sentence,
   a stretch of clauses set inside a sentence, two to four sentences): most policy verbs and adverbs
   swapped (``REWORDED``, from the corpus' wording; its pairs of one length are all in semcomp's
   synonym table, the three of another length are not and can't be), a clause dropped, a localising
   clause added (``ADDED``; two of them are phrasings semcomp's cues don't know), figures changed,
   and kept only when their similarity to the source is between 0.55 and 0.95. Every system runs on
   the reports before and after planting; what is new after planting is
   scored against the truth, per kind:
   - recall: planted copies whose target span is covered (80 % or more) by new findings that pair
     it with its source report;
   - precision: new findings that are right, i.e. one side claims text of a planted copy as shared
     (its ops there are not ``insert`` or ``delete``: a clause marked added is no claim) and the other
     is its source, or another report that holds the same text, numbers aside (a third witness of the
     copied passage, as copied or as the source wrote it: 80 or more by rapidfuzz's partial ratio over
     the template forms, or, reordered, 85 % of the characters);
   - span fit: intersection over union of the reported and the planted target span (median).
   The baselines are what users otherwise do: datasketch MinHash-LSH (128 permutations, threshold
   0.5) over character 5-grams of sentences and of paragraphs. ``--kinds`` plants only some kinds.
2. All-pairs over the whole bundled corpus: the whole `find_reuse` at 1x (reading included), then the
   matching at 1x, 2x, 4x and 10x (copies enciphered so that they don't match each other, keeping each
   copy's own reuse), each in a fresh process: time and peak memory; 10x both in one pass and in
   blocks of 400 reports (`match_streams` goes by blocks past 2,000 reports); then the same on a local
   Ray cluster (`engine="ray"`, one worker per CPU), with the largest memory of any worker.
3. Real findings reported before (保定 counties and the city, 徐水 year over year, 海拉尔区, the seeds
   000/001): still found; those whose reports are dated (a year apart, or dates within one year) name
   the earlier report as the source.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from semcomp import Catalogue, ingest
from semcomp.reuse.finder import BLOCK, find_reuse
from semcomp.text.template import informative, template_text

DATA = Path(__file__).resolve().parent.parent / "data" / "reports"
LIGHT = ("sentence", "clause-in-sentence", "passage", "reordered", "numbers", "indels", "punctuation", "combined")
ADAPTED = ("adapted-sentence", "adapted-clause", "adapted-passage")
KINDS = LIGHT + ADAPTED
EMBEDDED = ("clause-in-sentence", "adapted-clause")  # set inside a sentence of the target, after a comma
MIN_ADAPTED = 0.55  # character similarity (rapidfuzz Indel) of a rewritten copy to its source, at least
FILLERS = "进一步全面持续着力大力切实不断扎实"
# How a county rewrites the text it adopts, from the corpus' own wording: policy verbs and adverbs swapped,
# some of them for words of another length (which semcomp's synonym table does not hold).
REWORDED = {
    "加快": ("加速", "加紧"), "推进": ("推动", "促进"), "推动": ("推进",), "加强": ("强化", "增强"), "强化": ("加强",),
    "大力": ("着力", "全力"), "着力": ("大力",), "提高": ("提升",), "提升": ("提高",), "完善": ("健全",),
    "落实": ("抓好", "抓实"), "持续": ("不断",), "不断": ("持续",), "积极": ("主动",), "支持": ("扶持",),
    "深入": ("扎实",), "切实": ("扎实",), "确保": ("保障",), "改善": ("优化",), "优化": ("改善",),
    "全面": ("全方位",), "进一步": ("更加", "持续"), "坚持": ("坚定",), "开展": ("组织开展",), "建设": ("打造",),
}
ADDED = ("结合本地实际", "因地制宜", "立足县情", "按照上级部署", "坚持问题导向", "紧扣全县发展大局", "主动对接省市要求", "在全省争先进位",
         "以钉钉子精神抓落实")
_REWORD = re.compile("|".join(sorted(REWORDED, key=len, reverse=True)))
Side = tuple[str, int, int, str, tuple[tuple[int, int], ...]]  # (report file, start, end, text, the stretches it claims copied)
CLAIMED = ("equal", "differs", "swapped", "moved")  # a finding's ops that say the text is shared (added or dropped text is not)
Pair = tuple[Side, Side]


def swap_numbers(text: str, rng: random.Random) -> str:
    text = re.sub(r"\d+(\.\d+)?", lambda m: str(round(rng.uniform(1, 999), rng.choice((0, 1)))), text)
    pairs = (("全区", "全县"), ("区委", "县委"), ("区政府", "县政府"), ("全市", "全县"))
    for a, b in pairs:
        text = text.replace(a, b) if a in text else text.replace(b, a)
    return text


def indels(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(2, max(3, len(chars) - 2))
        if rng.random() < 0.5 and "\u4e00" <= chars[i] <= "\u9fff":
            del chars[i]
        else:
            chars.insert(i, rng.choice(FILLERS))
    return "".join(chars)


def reorder(text: str, rng: random.Random) -> str:
    clauses = text.rstrip("。！？").split("，")
    movable = [i for i in range(len(clauses) - 1) if len(clauses[i]) >= 6 and len(clauses[i + 1]) >= 6]
    if not movable:
        return text
    i = rng.choice(movable)
    clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    return "，".join(clauses) + text[len(text.rstrip("。！？")) :]


def punctuate(text: str, rng: random.Random) -> str:
    stops = [m.start() for m in re.finditer("。", text[:-1])]
    if stops:  # merge two sentences or turn a stop into a semicolon
        i = rng.choice(stops)
        text = text[:i] + rng.choice("；，") + text[i + 1 :]
    commas = [m.start() for m in re.finditer("，", text)]
    if commas:
        i = rng.choice(commas)
        text = text[:i] + rng.choice("；、") + text[i + 1 :]
    return text if text.endswith("。") else text + "。"


def adapt(text: str, rng: random.Random) -> str:
    """A rewritten copy: most policy verbs swapped, a clause dropped, a local clause added, figures changed."""
    text = _REWORD.sub(lambda m: rng.choice(REWORDED[m[0]]) if rng.random() < 0.8 else m[0], text)
    body, end = text.rstrip("。；！？"), text[len(text.rstrip("。；！？")) :]
    clauses = body.split("，")
    if len(clauses) >= 3 and rng.random() < 0.6:
        i = rng.randrange(1, len(clauses))
        if len(clauses[i]) <= 0.35 * len(body):
            del clauses[i]
    if rng.random() < 0.7:
        clauses.insert(rng.randrange(0, len(clauses)), rng.choice(ADDED))
    return swap_numbers("，".join(clauses) + end, rng)


def long_enough(text: str) -> bool:
    """At least 20 characters that are not numbers: what semcomp's default shortest finding (15) allows
    after five characters are edited."""
    return informative(template_text(text)) >= 20


def pick(sentences: list[str], kind: str, rng: random.Random) -> str | None:
    """The source text of a copy of this kind."""
    if kind == "adapted-clause":  # a stretch of a sentence's clauses, set inside a sentence of the target
        runs = [s.rstrip("。；！？").split("，") for s in sentences]
        spans = ["，".join(c[i:j]) for c in runs for i in range(len(c)) for j in range(i + 2, len(c) + 1)]
        spans = [x for x in spans if 24 <= len(x) <= 70 and long_enough(x)]
        return rng.choice(spans) if spans else None
    if kind == "clause-in-sentence":
        clauses = [c for s in sentences for c in re.split("[，。；！？]", s) if len(c) <= 40 and long_enough(c)]
        return rng.choice(clauses) if clauses else None
    if kind == "reordered":
        ok = [s for s in sentences if len([c for c in s.split("，") if len(c) >= 6]) >= 3]
        return rng.choice(ok) if ok else None
    n = rng.randint(2, 4) if kind in ("passage", "punctuation", "combined", "adapted-passage") else 1
    i = rng.randrange(len(sentences) - n)
    text = "".join(sentences[i : i + n])
    return text if long_enough(text) else None


def edit(text: str, kind: str, rng: random.Random) -> str:
    if kind in ADAPTED:
        return adapt(text, rng)
    if kind == "reordered":
        return reorder(text, rng)
    if kind == "numbers":
        return swap_numbers(text, rng)
    if kind == "indels":
        return indels(text, rng)
    if kind == "punctuation":
        return punctuate(text, rng)
    if kind == "combined":
        return indels(swap_numbers(punctuate(reorder(text, rng), rng), rng), rng)
    return text


def anchors(cat: Catalogue) -> dict[str, dict[str, list]]:
    """Per report file: its body sentences as ingest cleaned them (what is copied: simplified characters
    even where the file is in traditional ones), and where a copy can go: after a body sentence, or after
    a comma inside one."""
    out: dict[str, dict[str, list]] = {}
    for r in cat.reports():
        texts, ends, commas = [], [], []
        for p in cat.report(r.id).passages:
            if p.granularity == "sentence" and p.kind == "body":
                texts.append(p.text)
                if p.end - p.start == len(p.text):
                    ends.append(p.end)
                    commas += [p.start + m.end() for m in re.finditer("，", p.text[:-2])]
        out[Path(r.source).name] = {"sentences": texts, "sentence": ends, "comma": commas}
    return out


def plant(
    texts: dict[str, str], places: dict, per_kind: int, seed: int, kinds: tuple[str, ...] = KINDS
) -> tuple[dict[str, str], list[dict]]:
    """Texts with planted copies, and the truth: target file, span, source file, kind."""
    rng = random.Random(seed)
    sentences = {name: [s for s in places[name]["sentences"] if len(s) >= 12] for name in texts}
    plans: dict[str, list[tuple[int, str, dict]]] = defaultdict(list)  # target → (offset, written text, truth)
    for kind in kinds:
        planted = 0
        while planted < per_kind:
            src, dst = rng.sample(sorted(texts), 2)
            where = places[dst]["comma" if kind in EMBEDDED else "sentence"]
            if len(sentences[src]) < 8 or not where:
                continue
            original = pick(sentences[src], kind, rng)
            if not original or any(original[i : i + 10] in texts[dst] for i in range(0, len(original) - 10, 5)):
                continue  # too short, or the target holds the text already
            copied = edit(original, kind, rng)
            similar = Indel.normalized_similarity(original, copied)
            if kind in ADAPTED and not MIN_ADAPTED <= similar < 0.95:
                continue  # rewritten past recognition, or hardly rewritten
            written = copied + "，" if kind in EMBEDDED else copied
            truth_of = {"target": dst, "length": len(copied), "source": src, "kind": kind, "similarity": similar, "original": original}
            plans[dst].append((rng.choice(where), written, truth_of))
            planted += 1
    out, truth = dict(texts), []
    for dst, items in plans.items():
        items.sort(key=lambda x: x[0])
        pieces, shift, last = [], 0, 0
        for at, written, t in items:
            pieces += [texts[dst][last:at], written]
            truth.append({**t, "start": at + shift, "end": at + shift + t["length"], "written": len(written)})
            shift, last = shift + len(written), at
        out[dst] = "".join(pieces) + texts[dst][last:]
    return out, truth


def catalogue_of(texts: dict[str, str], folder: Path) -> Catalogue:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    cat = Catalogue(folder / "catalogue.sqlite", create=True)
    ingest(sorted(folder.glob("*.txt")), cat)
    return cat


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def semcomp_pairs(cat: Catalogue) -> tuple[list[Pair], float]:
    name = {r.id: Path(r.source).name for r in cat.reports()}
    start = time.perf_counter()
    findings = find_reuse(cat)
    pairs = [tuple((name[s.report_id], s.start, s.end, s.text, claimed(f.opcodes, k, s.start)) for k, s in enumerate((f.source, f.target)))
             for f in findings]  # fmt: skip
    return pairs, time.perf_counter() - start  # type: ignore[return-value]


def claimed(opcodes: list[tuple[str, str, str]], side: int, start: int) -> tuple[tuple[int, int], ...]:
    """The raw spans of one side that a finding's ops say are shared: its pieces join into the quote."""
    spans, at = [], start
    for tag, *pieces in opcodes:
        if tag in CLAIMED:
            spans.append((at, at + len(pieces[side])))
        at += len(pieces[side])
    return tuple(spans)


def minhash_pairs(cat: Catalogue, granularity: str, threshold: float = 0.5) -> tuple[list[Pair], float]:
    from datasketch import MinHash, MinHashLSH

    reports = cat.reports()
    name = {r.id: Path(r.source).name for r in reports}
    rows = [(name[r.id], p.start, p.end, p.text, ((p.start, p.end),)) for r in reports for p in cat.report(r.id).passages
            if p.granularity == granularity and p.kind == "body"]  # fmt: skip
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = []
    for k, (_, _, _, text, _) in enumerate(rows):
        m = MinHash(num_perm=128)
        m.update_batch([text[i : i + 5].encode() for i in range(max(1, len(text) - 4))])
        sketches.append(m)
        lsh.insert(k, m)
    pairs = [(rows[k], rows[other]) for k, m in enumerate(sketches) for other in lsh.query(m) if other > k and rows[other][0] != rows[k][0]]
    return pairs, time.perf_counter() - start


def unshift(truth: list[dict], side: Side) -> tuple[str, int, int] | None:
    """A side's offsets before planting; None when it overlaps a planted copy."""
    name, s, e = side[:3]
    shift = 0
    for p in truth:
        if p["target"] != name:
            continue
        if overlap((s, e), (p["start"], p["end"])) > 0:
            return None
        if p["end"] <= s:
            shift += p["written"]
    return name, s - shift, e - shift


def key(truth: list[dict], pair: Pair) -> frozenset | None:
    sides = [unshift(truth, side) for side in pair]
    return None if None in sides else frozenset(sides)


def holds(other: str, mine: str) -> bool:
    """Whether another report's text holds this one, numbers aside: as one stretch (partial ratio 80 or
    more) or in another order (85 % of its characters there)."""
    if fuzz.partial_ratio(mine, other) >= 80:
        return True
    return sum((Counter(mine) & Counter(other)).values()) >= 0.85 * len(mine)


def score(before: list[Pair], after: list[Pair], truth: list[dict]) -> dict[str, dict[str, float]]:
    old = {frozenset(side[:3] for side in pair) for pair in before}
    new = [pair for pair in after if key(truth, pair) not in old]
    hits_of: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # file → (start, end, other file)
    for x, y in new:
        hits_of[x[0]].append((x[1], x[2], y[0]))
        hits_of[y[0]].append((y[1], y[2], x[0]))
    found: dict[str, list[bool]] = defaultdict(list)
    fit: dict[str, list[float]] = defaultdict(list)
    for p in truth:
        planted = (p["start"], p["end"])
        hits = [(s, e) for s, e, o in hits_of[p["target"]] if o == p["source"] and overlap((s, e), planted) > 0]
        covered = len(set().union(*(range(max(s, planted[0]), min(e, planted[1])) for s, e in hits))) if hits else 0
        ok = covered >= 0.8 * (planted[1] - planted[0])
        found[p["kind"]].append(ok)
        if ok:
            lo, hi = min(s for s, _ in hits), max(e for _, e in hits)
            fit[p["kind"]].append(covered / (max(hi, planted[1]) - min(lo, planted[0])))
    right: dict[str, list[bool]] = defaultdict(list)
    changed = 0
    for pair in new:
        touching = [(sum(overlap(span, (p["start"], p["end"])) for span in side[4]), side, other, p)
                    for side, other in (pair, pair[::-1]) for p in truth if p["target"] == side[0]]  # fmt: skip
        touching = [t for t in touching if t[0] > 0]
        if not touching:  # an old finding whose extent moved with a copy planted next to it, or that only
            changed += 1  # marks a planted clause as added inside it: it claims none of the planted text
            continue
        _, side, other, p = max(touching, key=lambda t: t[0])
        # what the finding claims as shared inside the planted copy
        mine = "".join(side[3][max(s, p["start"]) - side[1] : min(e, p["end"]) - side[1]] for s, e in side[4])
        witness = template_text(other[3])  # a third report that holds the copied text, as copied or as its source wrote it
        held = holds(witness, template_text(mine)) or holds(witness, template_text(p["original"]))
        right[p["kind"]].append(other[0] == p["source"] or held)
    rows = {}
    for kind in (*KINDS, "all"):
        f_ = [x for v in found.values() for x in v] if kind == "all" else found[kind]
        r_ = [x for v in right.values() for x in v] if kind == "all" else right[kind]
        t_ = [x for v in fit.values() for x in v] if kind == "all" else fit[kind]
        rows[kind] = {"recall": sum(f_) / max(1, len(f_)), "precision": sum(r_) / max(1, len(r_)),
                      "fit": statistics.median(t_) if t_ else 0.0, "n": len(f_), "changed": changed}  # fmt: skip
    return rows


def planted(args) -> None:
    rng = random.Random(0)
    files = sorted(rng.sample(sorted(DATA.glob("*/*.txt")), args.reports))
    systems = {"semcomp reuse": semcomp_pairs,
               "MinHash-LSH sentences": lambda c: minhash_pairs(c, "sentence"),
               "MinHash-LSH paragraphs": lambda c: minhash_pairs(c, "paragraph")}  # fmt: skip
    results: dict[str, list[dict]] = defaultdict(list)
    seconds: dict[str, list[float]] = defaultdict(list)
    n_plants, targets, rewritten = 0, set(), []
    with tempfile.TemporaryDirectory() as tmp:
        originals = {f.name: f.read_text(encoding="utf-8") for f in files}
        base = catalogue_of(originals, Path(tmp) / "before")
        places = anchors(base)
        before = {label: run(base)[0] for label, run in systems.items()}
        for seed in args.seeds:
            texts, truth = plant(originals, places, args.per_kind, seed, tuple(args.kinds))
            n_plants += len(truth)
            rewritten += [t["similarity"] for t in truth if t["kind"] in ADAPTED]
            targets |= {t["target"] for t in truth}
            after = catalogue_of(texts, Path(tmp) / f"after-{seed}")
            for label, run in systems.items():
                spans, took = run(after)
                results[label].append(score(before[label], spans, truth))
                seconds[label].append(took)
    print(f"{len(files)} real reports, {n_plants} planted copies into {len(targets)} reports, seeds {args.seeds}")
    if rewritten:
        print(f"rewritten copies' similarity to their source: median {statistics.median(rewritten):.2f}, least {min(rewritten):.2f}")
    print(f"{'system':<24}{'kind':<20}{'recall':>8}{'precision':>11}{'span fit':>10}{'copies':>8}")
    for label, runs in results.items():
        for kind in (*args.kinds, "all"):
            n = sum(r[kind]["n"] for r in runs)
            rec = sum(r[kind]["recall"] * r[kind]["n"] for r in runs) / max(1, n)
            prec = statistics.mean(r[kind]["precision"] for r in runs)
            fit = statistics.mean(r[kind]["fit"] for r in runs)
            print(f"{label if kind == args.kinds[0] else '':<24}{kind:<20}{rec:>8.3f}{prec:>11.3f}{fit:>10.3f}{n:>8}")
        print(f"{'':<24}{'time per run (s)':<20}{statistics.mean(seconds[label]):>8.1f}"
              f"   (old findings moved by a copy next to them, not scored: {sum(r['all']['changed'] for r in runs)})")


def cipher(text: str, shift: int) -> str:
    """Move every common CJK character by ``shift`` within the block: copies stop matching each other."""
    return "".join(chr(0x4E00 + (ord(c) - 0x4E00 + shift) % 0x51A6) if "\u4e00" <= c <= "\u9fa5" else c for c in text)


class WorkerMemory(threading.Thread):
    """The largest resident memory of any Ray worker process while it runs, sampled five times a second."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak, self.done = 0, threading.Event()

    def run(self) -> None:
        import psutil

        while not self.done.wait(0.2):
            for proc in psutil.process_iter(["name", "memory_info"]):
                if (proc.info["name"] or "").startswith("ray::") and proc.info["memory_info"]:
                    self.peak = max(self.peak, proc.info["memory_info"].rss)


def scale_worker(factor: int, block: int, engine: str) -> None:
    from dataclasses import replace

    from semcomp.reuse.finder import match_streams
    from semcomp.reuse.seeds import max_reports
    from semcomp.reuse.stream import load_streams

    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalogue(Path(tmp) / "c.sqlite", create=True)
        ingest([DATA], cat)
        start = time.perf_counter()
        if factor == 0:  # the whole call, reading included, as `semcomp reuse` makes it
            findings = find_reuse(cat)
            print(json.dumps({"factor": 1, "seconds": round(time.perf_counter() - start, 1), "findings": len(findings)}))
            return
        reports = {r.id: r for r in cat.reports()}
        streams = load_streams(cat, list(reports))
    all_streams, all_reports = {}, {}
    for c in range(factor):
        for rid, s in streams.items():
            all_reports[f"{rid}~{c}"] = replace(reports[rid], id=f"{rid}~{c}")
            shift = 7919 * c
            all_streams[f"{rid}~{c}"] = replace(s, report_id=f"{rid}~{c}", text=cipher(s.text, shift), written=cipher(s.written, shift))
    memory = WorkerMemory()
    if engine == "ray":
        import ray

        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        memory.start()
    start = time.perf_counter()
    # the copies are enciphered apart, so no window gains holders: formulas stay those of the 1x corpus
    findings = match_streams(all_streams, all_reports, max_holders=max_reports(len(reports)), block=block, engine=engine)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    memory.done.set()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"factor": factor, "reports": len(all_reports), "characters": sum(len(s.text) for s in all_streams.values()),
                      "findings": len(findings), "seconds": round(seconds, 1), "peak_mb": round(peak),
                      "worker_peak_mb": round(memory.peak / 2**20)}))  # fmt: skip


def worker(factor: int, block: int = BLOCK, engine: str = "local") -> dict:
    command = [sys.executable, __file__, "--scale-worker", str(factor), "--block", str(block), "--engine", engine]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def scaling() -> None:
    whole = worker(0)
    print(f"\nfind_reuse over the bundled corpus, reading included: {whole['seconds']} s, {whole['findings']} findings")
    print(f"{'corpus':<8}{'reports':>9}{'characters':>12}{'findings':>10}{'matching (s)':>14}{'peak RSS (MB)':>15}"
          f"{'per worker (MB)':>17}  engine, blocks")  # fmt: skip
    runs = [("local", 1, BLOCK), ("local", 2, BLOCK), ("local", 4, BLOCK), ("local", 10, 10**9), ("local", 10, 400),
            ("ray", 1, BLOCK), ("ray", 2, BLOCK), ("ray", 4, BLOCK), ("ray", 10, 400)]  # fmt: skip
    for engine, factor, block in runs:
        r = worker(factor, block, engine)
        size = min(block, -(-r["reports"] // (os.cpu_count() or 1))) if engine == "ray" else block  # as align_on_ray cuts them
        how = "one pass" if r["reports"] <= size else f"blocks of {size} reports at most"
        per = r["worker_peak_mb"] if engine == "ray" else "-"
        print(f"{str(factor) + 'x':<8}{r['reports']:>9}{r['characters']:>12}{r['findings']:>10}{r['seconds']:>14}{r['peak_mb']:>15}"
              f"{per:>17}  {engine}, {how}")  # fmt: skip


SEEDS_PAIR = {"001_a8e5ecbf9c348b01", "000_783dc1874403daa0"}


def real() -> None:
    """Findings reported before on the bundled corpus, still there, and the earlier report the source."""
    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalogue(Path(tmp) / "c.sqlite", create=True)
        ingest([DATA], cat)
        findings = [f for f in find_reuse(cat) if not f.boilerplate]
    checks = {
        "保定 counties ↔ 保定市, same year": lambda f: "保定市" in (f.source.region or "") and f.source.region != f.target.region
        and f.source.year == f.target.year and "保定" in (f.target.region or ""),
        "徐水 year over year": lambda f: "徐水" in (f.source.region or "") and f.scope == "within-region",
        "海拉尔区 year over year": lambda f: "海拉尔" in (f.source.region or "") and f.scope == "within-region",
        "seeds 001 (2021) → 000 (2023)": lambda f: {f.source.report_id, f.target.report_id} == SEEDS_PAIR,
    }  # fmt: skip
    print(f"\n{'real finding':<34}{'findings':>9}{'dated':>7}{'source not later':>18}")
    for label, test in checks.items():
        hits = [f for f in findings if test(f)]
        dated = [f for f in hits if f.direction == "source-earlier"]
        right = sum(1 for f in dated if (f.source.year or 0) <= (f.target.year or 0))
        print(f"{label:<34}{len(hits):>9}{len(dated):>7}{right:>18}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=80)
    parser.add_argument("--per-kind", type=int, default=16, help="planted copies of each kind per seed")
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 23])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS), help="kinds of copies planted")
    parser.add_argument("--part", choices=("planted", "scaling", "real", "all"), default="all")
    parser.add_argument("--scale-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--block", type=int, default=BLOCK, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_worker is not None:
        scale_worker(args.scale_worker, args.block, args.engine)
        return
    if args.part in ("planted", "all"):
        planted(args)
    if args.part in ("scaling", "all"):
        scaling()
    if args.part in ("real", "all"):
        real()


if __name__ == "__main__":
    main()
