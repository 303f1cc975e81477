"""Search speed: a cold `semcomp similar`, warm queries at about 100k passages, exact against IVF.

Run: `make bench` (or `python benchmarks/bench_search.py [--index corpus]`). Needs the paragraph
index of the bundled reports (see bench_quality.py). The 100k-passage index is the real one repeated
five times (vectors with a little noise, BM25 rows repeated), in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse

from semcomp.index.lexical import LexicalIndex
from semcomp.index.published import Build, BuildWriter
from semcomp.index.vectors import VectorIndex
from semcomp.search.similar import Filters, SearchIndex
from semcomp.store.catalogue import index_dir

QUERIES = ["招商引资", "营商环境", "乡村振兴", "疫情防控", "优化营商环境，激发市场主体活力", "地区生产总值增长", "老旧小区改造",
           "高校毕业生就业", "生态环境保护", "科技创新", "养老服务", "财政收入", "安全生产", "文化旅游", "交通基础设施",
           "住房保障", "政府自身建设", "制造业转型升级", "农民增收", "教育"]  # fmt: skip


def cold(index: str, repeat: int = 7) -> tuple[list[float], list[float]]:
    """Wall times of a new `semcomp similar` process (model not in memory) and of `semcomp --help`."""
    semcomp = [str(Path(sys.executable).with_name("semcomp"))]
    subprocess.run([*semcomp, "similar", "预热", "-i", index], check=True, capture_output=True)  # sidecars, page cache
    times, helps = [], []
    for q in QUERIES[:repeat]:
        for command, into in (([*semcomp, "similar", q, "-i", index, "--json"], times), ([*semcomp, "--help"], helps)):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            into.append(time.perf_counter() - start)
    return times, helps


def scaled_copy(index: str, root: Path, copies: int) -> tuple[np.ndarray, VectorIndex]:
    """The index repeated ``copies`` times: passages duplicated in SQLite, vectors jittered, BM25 rows tiled."""
    src = index_dir(index)
    dst = root / "scaled"
    dst.mkdir()
    shutil.copy(src / "catalogue.sqlite", dst / "catalogue.sqlite")
    search = SearchIndex("scaled", root)
    db = search.catalogue.db
    cols = 'report_id, level, ordinal, section_path, kind, part, text, start, "end", paragraph, masked'
    build = Build.current(src)
    base = VectorIndex.load(build.folder, "paragraph")
    lexical = LexicalIndex.load(build.folder, "paragraph")
    ids = [lexical.ids]
    offset = int(db.execute("SELECT max(id) FROM passages").fetchone()[0])
    for c in range(1, copies):
        db.execute(f"INSERT INTO passages (id, {cols}) SELECT id + ?, {cols} FROM passages WHERE level = 'paragraph' AND id <= ?",
                   (c * offset, offset))  # fmt: skip
        ids.append(lexical.ids + c * offset)
    all_ids = np.concatenate(ids)
    rng = np.random.default_rng(0)
    original = base.vectors(lexical.ids)
    vectors = np.concatenate([original] + [original + rng.normal(0, 0.01, original.shape).astype(np.float32) for _ in range(copies - 1)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    meta = base.meta
    writer = BuildWriter(dst)
    files = VectorIndex.build(all_ids, vectors, meta).save(writer.folder)
    tiled = LexicalIndex(all_ids, sparse.vstack([lexical.weights.tocsr()] * copies).tocsc(), lexical.vocabulary)
    files += tiled.save(writer.folder, "paragraph")
    writer.add_granularity("paragraph", search.catalogue.state(), files)
    writer.publish()
    approx = VectorIndex.build(all_ids, vectors, replace(meta, kind="ivf"))
    return all_ids, approx


def warm(search: SearchIndex, encode: bool = True, **options) -> list[float]:
    for q in QUERIES:  # loads the model and indexes, and fills the filter cache
        search.similar(q, k=10, **options)
    times = []
    for q in QUERIES:
        if encode:
            search.encoder._queries.pop(q, None)  # the timing includes encoding the query
        start = time.perf_counter()
        search.similar(q, k=10, **options)
        times.append(time.perf_counter() - start)
    return times


def fmt(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):6.1f} ms, p90 {ms[int(0.9 * (len(ms) - 1))]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    times, helps = cold(args.index)
    print(f"cold `semcomp similar` (new process, {args.index}): median {statistics.median(times):.2f} s, max {max(times):.2f} s"
          f" over {len(times)} queries; `semcomp --help` median {statistics.median(helps):.2f} s")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        all_ids, approx = scaled_copy(args.index, Path(tmp), args.copies)
        light = SearchIndex("scaled", Path(tmp))
        n = light.vectors("paragraph").index.ntotal
        print(f"queries over {n} paragraphs ({args.copies}x the bundled corpus), 20 queries, query encoding included:")
        print(f"  hybrid, first queries of a process     {fmt(warm(light))}")
        search = SearchIndex("scaled", Path(tmp), warm=True)
        for mode in ("hybrid", "dense", "lexical"):
            print(f"  {mode:<8} warm                           {fmt(warm(search, mode=mode))}")
        print(f"  hybrid --region 保定, warm             {fmt(warm(search, filters=Filters(region='保定')))}")
        print(f"  hybrid warm, query already encoded     {fmt(warm(search, encode=False))}")
        exact = search.vectors("paragraph")
        search._vectors["paragraph"] = approx  # what `semcomp index` chooses past 50,000 passages
        print(f"  hybrid warm, IVF index                 {fmt(warm(search))}")
        print(f"  hybrid warm, IVF, query encoded        {fmt(warm(search, encode=False))}")
        start = time.perf_counter()
        for q in QUERIES:
            search.encoder._queries.pop(q, None)
            search.encoder.query(q)
        print(f"  query encoding alone (numpy, e5-small)  {(time.perf_counter() - start) / len(QUERIES) * 1000:6.1f} ms")
        search._vectors["paragraph"] = exact
        queries = np.stack([search.encoder.query(q) for q in QUERIES])
        probes = np.concatenate([queries, exact.vectors(all_ids[:: max(1, n // 200)][:200])])
        for name, index in (("exact (flat)", exact), (approx.meta.describe(), approx)):
            start = time.perf_counter()
            results = [index.search(q, 10)[0] for q in probes]
            per_query = (time.perf_counter() - start) / len(probes) * 1000
            if index is exact:
                truth = results
            recall = statistics.fmean(len(set(a) & set(b)) / 10 for a, b in zip(results, truth, strict=True))
            print(f"  {name:<32} {per_query:6.2f} ms per search, recall@10 against exact {recall:.3f}")



if __name__ == "__main__":
    main()
