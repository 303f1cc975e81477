"""Precision: each one forced on this CPU, its parity with float32, and indexes and caches that never mix two.

Bounds come from benchmarks/bench_precision.py: autocast bf16 kept a cosine to float32 of at least
0.99999 on 300 real passages of every length (on a CPU with AVX512-BF16); the tests ask for 0.9999,
the encoder's own parity bar, so that they hold where bf16 is emulated too.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from semcomp import Catalogue, ingest
from semcomp.embed.encoder import PARITY, Encoder, PrecisionError, cpu_has_bf16, resolve_precision
from semcomp.index.build import build_index
from semcomp.index.published import Build
from semcomp.index.vectors import VectorMeta
from semcomp.search.similar import SearchIndex
from semcomp.store.catalogue import index_dir
from semcomp.store.embeddings import cache_folder, cache_name
from tests.conftest import DATA, cli, seed

SHORT_REPORT = DATA / "national_gwr" / "national_1975_gwr.txt"  # 30-odd paragraphs: cheap at any precision


@pytest.fixture(scope="module")
def bf16_encoder(e5) -> Encoder:
    return Encoder(e5, precision="bfloat16")


def test_auto_takes_bf16_only_where_the_cpu_has_it() -> None:
    assert resolve_precision("auto", "cpu") == ("bfloat16" if cpu_has_bf16() else "float32")
    assert resolve_precision("auto", "cuda") == "float16"
    assert resolve_precision("float32", "cpu") == "float32" and resolve_precision("bfloat16", "cpu") == "bfloat16"
    assert resolve_precision("auto", "cpu", measured=False) == "float32"  # another model: never lowered unasked
    with pytest.raises(PrecisionError, match="GPU only"):
        resolve_precision("float16", "cpu")


def test_bfloat16_keeps_parity_with_float32_at_every_length(encoder, bf16_encoder, seeds_catalogue) -> None:
    assert encoder.precision == "float32"
    sentences = [t for _, t in seeds_catalogue.passage_texts("sentence")]
    paragraphs = [t for _, t in seeds_catalogue.passage_texts("paragraph")]
    texts = sorted(sentences, key=len)[:: len(sentences) // 12] + paragraphs[:: len(paragraphs) // 8] + ["".join(paragraphs[:16])]
    assert min(map(len, texts)) < 15 and bf16_encoder.token_count(texts[-1]) > bf16_encoder.max_tokens
    reference = encoder.encode(texts).vectors
    lower = bf16_encoder.encode(texts).vectors
    cosines = (reference * lower).sum(1)
    assert cosines.min() >= PARITY  # measured: 0.99999 at least
    assert np.abs(reference - lower).max() > 0  # bf16 was really used: the vectors differ in their last digits


def test_float16_on_a_cpu_is_one_line(search_root: Path) -> None:
    result = cli("index", "--index", "halfyear", "--device", "cpu", "--precision", "float16", indexes=search_root)
    assert result.code == 1 and result.err.strip().count("\n") == 0
    assert "--precision float16" in result.err and "GPU only" in result.err


def test_an_index_never_mixes_precisions(encoder, bf16_encoder, tmp_path: Path) -> None:
    cat = Catalogue.open("mixed", tmp_path, create=True)
    ingest([SHORT_REPORT], cat)
    texts = [t for _, t in cat.passage_texts("paragraph")]

    def stored() -> tuple[VectorMeta, np.ndarray]:
        search = SearchIndex("mixed", tmp_path)
        ids = np.array([pid for pid, _ in cat.passage_texts("paragraph")])
        return search.vectors("paragraph").meta, search.vectors("paragraph").vectors(ids)

    build_index(cat, encoder, granularities=("paragraph",))
    meta, float32 = stored()
    assert (meta.precision, meta.device) == ("float32", "cpu")
    np.testing.assert_allclose(float32, encoder.encode(texts).vectors, atol=1e-6)

    # the same catalogue at bf16: nothing of the float32 cache is taken, and the level is rebuilt whole
    [summary] = build_index(cat, bf16_encoder, granularities=("paragraph",))
    assert summary.encoded == len(texts) and summary.cached == 0 and not summary.updated
    meta, bf16 = stored()
    assert meta.precision == "bfloat16"
    np.testing.assert_allclose(bf16, bf16_encoder.encode(texts).vectors, atol=1e-6)
    assert np.abs(bf16 - float32).max() > 1e-5
    caches = {p.name for p in cache_folder(tmp_path).glob("*.sqlite")}
    assert caches == {cache_name(encoder.model.fingerprint, p, "cpu") for p in ("float32", "bfloat16")}

    # a report added at float32 to the bf16 index: every vector is re-made at float32, from its cache
    ingest([seed("000")], cat)
    [summary] = build_index(cat, encoder, granularities=("paragraph",))
    assert not summary.updated and summary.cached >= len(texts)
    meta, again = stored()
    assert meta.precision == "float32"
    np.testing.assert_allclose(again[: len(texts)], float32, atol=1e-6)


def test_a_granularity_at_another_precision_is_rebuilt_not_carried(encoder, bf16_encoder, tmp_path: Path) -> None:
    cat = Catalogue.open("levels", tmp_path, create=True)
    ingest([SHORT_REPORT], cat)
    folder = index_dir("levels", tmp_path)
    build_index(cat, encoder, granularities=("paragraph",))
    summaries = build_index(cat, bf16_encoder, granularities=("sentence",))
    assert [s.granularity for s in summaries] == ["sentence", "paragraph"]
    build = Build.current(folder)
    assert {VectorMeta.read(build.folder, g).precision for g in build.granularities()} == {"bfloat16"}


def test_the_precision_is_recorded_and_printed(search_root: Path) -> None:
    manifest = json.loads((Build.current(index_dir("halfyear", search_root)).folder / "vectors-paragraph.json").read_text())
    assert manifest["precision"] == "float32" and manifest["device"] == "cpu"
    doctor = cli("doctor", "--index", "halfyear", "--json", indexes=search_root)
    assert any(c["part"] == "index" and "float32 on cpu" in c["detail"] for c in json.loads(doctor.out))
    info = json.loads(cli("models", "info", "--json").out)
    assert info["precision"] == resolve_precision("auto", "cpu") and info["device"] == "cpu"
