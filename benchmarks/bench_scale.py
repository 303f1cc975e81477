"""Indexes at millions of passages: build time, memory, recall@10 against exact search, query latency.

Run: `python benchmarks/bench_scale.py [--index corpus] [--sizes 1000000 10000000]`. Needs the
paragraph index of the bundled reports (`semcomp index data/reports --index corpus --level
paragraph`). Synthetic but made of real parts: every vector is a real paragraph embedding with
Gaussian noise (sigma 0.02 a dimension, cosine about 0.93 to its original) renormalised, written in
blocks to a memory-mapped file; queries are 20 real queries encoded by the model and 180 real
paragraphs. Each size runs in its own process so that its peak memory is its own. BM25 is measured
with the real paragraphs' term counts repeated to the size.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse

from semcomp.index.lexical import LexicalIndex, bm25
from semcomp.index.vectors import VectorIndex, exact_top
from semcomp.search.similar import SearchIndex

QUERIES = ["招商引资", "营商环境", "乡村振兴", "疫情防控", "优化营商环境，激发市场主体活力", "地区生产总值增长", "老旧小区改造",
           "高校毕业生就业", "生态环境保护", "科技创新", "养老服务", "财政收入", "安全生产", "文化旅游", "交通基础设施",
           "住房保障", "政府自身建设", "制造业转型升级", "农民增收", "教育"]  # fmt: skip
SIGMA = 0.02
BM25_MAX = 2_000_000  # rows of BM25 measured; beyond, its memory is extrapolated (it grows linearly)


def synthetic(base: np.ndarray, n: int, path: Path, seed: int = 0) -> np.memmap:
    """n noisy copies of the base vectors, in a memory-mapped file."""
    rng = np.random.default_rng(seed)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, base.shape[1]))
    for a in range(0, n, 500_000):
        b = min(a + 500_000, n)
        block = base[np.arange(a, b) % len(base)] + rng.normal(0, SIGMA, (b - a, base.shape[1])).astype(np.float32)
        out[a:b] = block / np.linalg.norm(block, axis=1, keepdims=True)
    out.flush()
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_size(index: str, n: int) -> dict:
    search = SearchIndex(index)
    lexical = search.lexical("paragraph")
    base = search.vectors("paragraph").vectors(lexical.ids)
    queries = np.concatenate([np.stack([search.encoder.query(q) for q in QUERIES]), base[:: max(1, len(base) // 180)][:180]])
    result: dict = {"n": n}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        vectors = synthetic(base, n, Path(tmp) / "v.npy")
        result["generate_s"] = time.perf_counter() - start
        ids = np.arange(n, dtype=np.int64)
        truth = exact_top(vectors, queries, 10)
        before = peak_mb()
        start = time.perf_counter()
        built = VectorIndex.build(ids, vectors, replace(search.vectors("paragraph").meta, kind="auto"))
        result["build_s"] = time.perf_counter() - start
        result["kind"] = built.meta.describe()
        result["build_peak_mb"] = peak_mb()
        result["peak_before_build_mb"] = before
        built.save(Path(tmp))
        result["index_mb"] = (Path(tmp) / "vectors-paragraph.faiss").stat().st_size / 2**20
        latencies, recalls = [], []
        for q, t in zip(queries, truth, strict=True):
            start = time.perf_counter()
            found, _ = built.search(q, 10)
            latencies.append((time.perf_counter() - start) * 1000)
            recalls.append(len(set(found.tolist()) & set(t.tolist())) / 10)
        result["query_ms_median"] = statistics.median(latencies)
        result["query_ms_p90"] = sorted(latencies)[int(0.9 * (len(latencies) - 1))]
        result["recall_real_queries"] = statistics.fmean(recalls[: len(QUERIES)])
        result["recall_all"] = statistics.fmean(recalls)
        result["sweep"] = sweep(built, queries[: len(QUERIES)], truth[: len(QUERIES)])
        start = time.perf_counter()
        rows = min(n, 2_000_000)
        for q in queries[:5]:  # what a user without an index would do: a matrix product over every vector
            np.asarray(vectors[:rows]) @ q
        result["exact_numpy_ms_per_2m"] = (time.perf_counter() - start) / 5 * 1000 * 2_000_000 / rows
        del built
    result.update(lexical_at(lexical, min(n, BM25_MAX)))
    result["peak_mb"] = peak_mb()
    return result


def sweep(built: VectorIndex, queries: np.ndarray, truth: np.ndarray) -> list[tuple[int, float, float]]:
    """(lists probed, recall@10 of the real queries, ms a query) at depths below and at the tuned one."""
    if not built.meta.kind.startswith("ivf"):
        return []
    out = []
    for probe in sorted({p for p in (16, 64, 256) if p < built.meta.nprobe} | {built.meta.nprobe}):
        built._set_probe(probe)
        start = time.perf_counter()
        found = [built.search(q, 10)[0] for q in queries]
        ms = (time.perf_counter() - start) / len(queries) * 1000
        out.append((probe, statistics.fmean(len(set(f.tolist()) & set(t.tolist())) / 10 for f, t in zip(found, truth, strict=True)), ms))
    built._set_probe(built.meta.nprobe)
    return out


def lexical_at(lexical: LexicalIndex, n: int) -> dict:
    """BM25 over n rows: the real paragraphs' weights repeated (their idf is that of the real corpus)."""
    weights = lexical.weights.tocsr()
    copies = -(-n // weights.shape[0])
    start = time.perf_counter()
    tiled = sparse.vstack([weights] * copies, format="csr")[:n]
    big = LexicalIndex(np.arange(n, dtype=np.int64), bm25(tiled).tocsc(), lexical.vocabulary)
    built_s = time.perf_counter() - start
    latencies = []
    for q in QUERIES:
        start = time.perf_counter()
        scores = big.scores(big.query_terms(q))
        np.argpartition(-scores, 100)[:100]
        latencies.append((time.perf_counter() - start) * 1000)
    mb = (big.weights.data.nbytes + big.weights.indices.nbytes + big.weights.indptr.nbytes) / 2**20
    return {"bm25_rows": n, "bm25_build_s": built_s, "bm25_mb": mb, "bm25_ms_median": statistics.median(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.index, args.one)))
        return
    print(f"{'passages':>10}  {'index (chosen by size)':<58}{'build':>8}{'peak RSS':>10}{'index':>9}"
          f"{'query':>9}{'recall@10':>10}  BM25 (rows, MB, ms)")  # fmt: skip
    for n in args.sizes:
        run = subprocess.run([sys.executable, __file__, "--index", args.index, "--one", str(n)], capture_output=True, text=True)
        if run.returncode:
            print(f"{n:>10}  failed: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{n:>10,}  {r['kind']:<58}{r['build_s']:>7.0f}s{r['peak_mb'] / 1024:>8.1f}GB{r['index_mb'] / 1024:>7.2f}GB"
              f"{r['query_ms_median']:>7.1f}ms{r['recall_real_queries']:>10.3f}"
              f"  {r['bm25_rows']:,}, {r['bm25_mb']:.0f}, {r['bm25_ms_median']:.0f}")  # fmt: skip
        print(f"{'':>12}recall@10 over all 200 queries {r['recall_all']:.3f}; exact numpy search {r['exact_numpy_ms_per_2m']:.0f} ms"
              f" per 2M rows; generating the vectors took {r['generate_s']:.0f} s")  # fmt: skip
        for probe, recall, ms in r.get("sweep", []):
            print(f"{'':>12}{probe:>5} lists probed: real-query recall@10 {recall:.3f}, {ms:.1f} ms a query")


if __name__ == "__main__":
    main()
