"""Where the work runs: the device passages are encoded on (no GPU here: its selection and refusal), and a
Ray cluster, for encoding and for reuse's block pairs."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from semcomp import Catalogue, SearchIndex, ingest
from semcomp.embed.encoder import DeviceError, Encoder, resolve_device
from semcomp.embed.ray_engine import RayEncoder
from semcomp.reuse.finder import find_reuse
from tests.conftest import cli, seed


@pytest.fixture(scope="module")
def ray_cluster():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


def real_paragraphs(n: int) -> list[str]:
    """Paragraphs of a real report of every length, long ones (windowed) included."""
    cat = Catalogue(Path(os.environ.get("TMPDIR", "/tmp")) / f"engines-{os.getpid()}.sqlite", create=True)
    try:
        ingest([seed("004")], cat)
        texts = [t for _, t in cat.passage_texts("paragraph")]
    finally:
        cat.close()
        cat.path.unlink()
    picked = texts[:: max(1, len(texts) // n)][:n]
    return [*picked, "".join(sorted(texts, key=len)[-4:])]  # and one past the model's limit, encoded in windows


def test_device_selection_without_a_gpu(e5) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU: the refusal below is for machines without one")
    assert resolve_device("auto") == "cpu" and resolve_device("cpu") == "cpu"
    with pytest.raises(DeviceError, match="sees no CUDA GPU"):
        resolve_device("cuda")
    encoder = Encoder(e5, device="cuda")
    with pytest.raises(DeviceError):
        encoder.encode(["招商引资"])
    assert encoder.query("招商引资").shape == (384,)  # queries never need the device: the numpy path answers them


def test_index_on_a_missing_gpu_is_one_line(search_root: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    cat = Catalogue.open("gpu", search_root, create=True)
    ingest([seed("000")], cat)
    cat.close()
    result = cli("index", "--index", "gpu", "--device", "cuda", "--level", "paragraph", indexes=search_root)
    assert result.code == 1 and "--device cuda:" in result.err and "Traceback" not in result.err
    assert "no search index" in cli("similar", "招商", "--index", "gpu", indexes=search_root).err  # nothing was published
    local_only = cli("index", "--index", "gpu", "--address", "auto", indexes=search_root)
    assert local_only.code == 1 and "--engine ray" in local_only.err


def test_ray_engine_gives_the_local_vectors(ray_cluster, encoder) -> None:
    texts = real_paragraphs(11)
    local = np.zeros((len(texts), encoder.dimension), np.float32)
    for positions, result in encoder.stream(texts, 4):
        local[positions] = result.vectors
    remote = np.full_like(local, np.nan)
    windows = 0
    for positions, result in RayEncoder(encoder, workers=2, threads_per_worker=1).stream(texts, 4):
        remote[positions] = result.vectors
        windows += result.windowed
    assert not np.isnan(remote).any()  # every chunk came back, each to its place
    assert windows == 1 and encoder.token_count(texts[-1]) > encoder.max_tokens
    assert np.abs(remote - local).max() < 1e-5  # the same chunks through the same code: equal but for thread rounding


def test_index_with_the_ray_engine_fills_the_same_cache(ray_cluster, search_root: Path, encoder, tmp_path: Path) -> None:
    shutil.copytree(search_root / ".embeddings", tmp_path / ".embeddings")  # its own cache: other tests count encodings
    search_root = tmp_path
    cat = Catalogue.open("ray", search_root, create=True)
    ingest([seed("000"), seed("001"), seed("004")], cat)  # 000 and 001 are cached by 'halfyear'; 004 is new
    new = [t for pid, t in cat.passage_texts("paragraph") if cat.passage_rows([pid])[pid].report_id.startswith("004")]
    cat.close()
    result = cli("index", "--index", "ray", "--engine", "ray", "--level", "paragraph", "--json", indexes=search_root)
    assert result.code == 0, result.err
    assert "ray engine" in result.err
    index = SearchIndex("ray", search_root)
    assert index.similar("交通基础设施建设", k=3)
    vectors = index.vectors("paragraph")
    rows = Catalogue.open("ray", search_root).passage_texts("paragraph")
    ids = np.array([pid for pid, t in rows if t in set(new[:20])])
    local = {t: v for t, v in zip(new[:20], encoder.encode(new[:20]).vectors, strict=True)}
    got = vectors.vectors(ids)
    expected = np.stack([local[t] for pid, t in rows if pid in set(ids.tolist())])
    assert (got * expected).sum(1).min() > 0.99999


def test_reuse_on_ray_gives_the_local_findings(ray_cluster, corpus_catalogue) -> None:
    """The whole bundled corpus, its block pairs as Ray tasks (two CPUs: two blocks, three tasks)."""
    local = find_reuse(corpus_catalogue)
    on_ray = find_reuse(corpus_catalogue, engine="ray")
    assert len(local) > 1000 and any(f.kind == "adapted" for f in local)
    assert {json.dumps(f.to_dict(), ensure_ascii=False) for f in on_ray} == {json.dumps(f.to_dict(), ensure_ascii=False) for f in local}


def test_reuse_address_needs_the_ray_engine_and_an_answer(tmp_path: Path) -> None:
    result = cli("reuse", "--address", "auto")
    assert result.code == 1 and "--address goes with --engine ray" in result.err
    cat = Catalogue.open("twin", tmp_path, create=True)
    ingest([seed("000"), seed("001")], cat)
    cat.close()
    start = time.perf_counter()
    nobody = cli("reuse", "-i", "twin", "--engine", "ray", "--address", "127.0.0.1:9", indexes=tmp_path)  # ray.init would retry for minutes
    assert nobody.code == 1 and "no Ray cluster at 127.0.0.1:9" in nobody.err and "Traceback" not in nobody.err
    assert time.perf_counter() - start < 60  # 2.5 s measured; ray.init alone was still retrying after five minutes
