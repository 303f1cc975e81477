"""Encode passages and queries with a sentence-transformers model, prompts applied exactly once.

sentence-transformers adds a folder's ``default_prompt_name`` on top of whatever the caller passes
unless a prompt is given explicitly, so every call here passes ``prompt=`` with the model's own
prompt for the role (``passage: `` / ``query: `` for e5, nothing for models without prompts) and
never adds a prefix by hand. Texts longer than the model's token limit are cut into windows at
token boundaries and their embeddings averaged by token count, never truncated silently.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from semcomp.embed.models import ModelRef, read_json
from semcomp.errors import SemcompError

Role = Literal["query", "passage"]
Device = Literal["auto", "cpu", "cuda"]
Precision = Literal["auto", "float32", "bfloat16", "float16"]
# Each forward pass has a shape that depends on its texts alone: a text is padded to its own length bucket
# and batched with texts of that bucket in a fixed number of rows (spare rows hold copies). On a CPU with
# AMX, oneDNN picks bf16 kernels by shape, so a text encoded beside others of another length came out up to
# 4.6e-4 apart per component; this way its vector is the same however the texts are grouped.
BUCKET = 16  # tokens: a text is padded up to the next multiple
BATCH_TOKENS = {"cpu": 512, "cuda": 16384}  # tokens per forward pass: rows = BATCH_TOKENS // padded length
# Least cosine to float32 that a lower precision must keep on the probe texts when the model loads. Autocast
# bf16 kept at least 0.99999 on 300 real passages of 2 to 1,600 characters (benchmarks/bench_precision.py);
# bf16 weights, which also run LayerNorm and softmax in bf16, fell to 0.998 and cost search quality.
PARITY = 0.9999
_PROMPT_NAMES = {"query": ("query",), "passage": ("passage", "document")}
# the parity check's texts: sentences and paragraphs in the genre's words, short to long
_PROBE = [
    "招商引资工作取得新成效。",
    "稳步推进乡村振兴，巩固拓展脱贫攻坚成果。",
    "全区实现地区生产总值806亿元，同比增长3.2%。",
    "强化招商引资力度。围绕主导产业开展精准招商，全年引进亿元以上项目32个，到位资金156.8亿元。",
    "深化“放管服”改革，持续优化营商环境，企业开办时间压缩至1个工作日以内，“一网通办”事项达到95%以上，"
    "新增市场主体1.2万户，民营经济增加值占地区生产总值比重达到55%。",
    "坚持生态优先、绿色发展，深入打好蓝天、碧水、净土保卫战，PM2.5平均浓度下降到35微克/立方米，空气质量优良天数"
    "比例达到85%，地表水国考断面水质优良比例保持100%，完成营造林5万亩，森林覆盖率提高到42.5%，"
    "城乡生活垃圾无害化处理率达到100%，人居环境持续改善，群众的获得感、幸福感、安全感不断增强。",
]


class DeviceError(SemcompError):
    """A device that was asked for and is not there."""


class PrecisionError(SemcompError):
    """A precision that this device can't run, or that departs from float32 here."""


@dataclass
class Encoded:
    vectors: np.ndarray
    windows: np.ndarray  # pieces each text was encoded as: more than one when longer than the model's limit

    @property
    def windowed(self) -> int:
        """Texts longer than the model's limit, encoded as several windows."""
        return int((self.windows > 1).sum())


class PassageEngine(Protocol):
    """What encodes passages for an index: an ``Encoder`` here, or a cluster engine (``RayEncoder``)."""

    model: ModelRef

    @property
    def dimension(self) -> int: ...

    @property
    def precision(self) -> str: ...

    @property
    def device(self) -> str: ...

    def stream(self, texts: Sequence[str], chunk: int) -> Iterator[tuple[np.ndarray, Encoded]]: ...


def resolve_device(requested: Device) -> str:
    """``cpu`` or ``cuda``: ``auto`` takes a CUDA GPU when torch sees one."""
    if requested == "cpu":
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if requested == "cuda":
        raise DeviceError(f"device 'cuda' was asked for, but torch {torch.__version__} sees no CUDA GPU")
    return "cpu"


def cpu_has_bf16() -> bool:
    """Native bf16 arithmetic (AVX512-BF16 or AMX); without it bf16 is emulated and slower."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16)\b", flags))


def resolve_precision(requested: Precision, device: str, measured: bool = True) -> str:
    """``float32``, ``bfloat16`` or ``float16`` for passages encoded on ``device`` (``cpu`` or ``cuda``).

    A lower precision means autocast: matrix products in that type, LayerNorm, softmax and pooling in
    float32. ``auto`` takes it only where it is both faster and faithful: bf16 on a CPU with native bf16
    (1.7x the float32 speed, cosine to float32 at least 0.99999, the same search quality), float16 on a GPU;
    float32 elsewhere, since emulated bf16 is slower than float32. Faithful was ``measured`` for the default
    model only (benchmarks/bench_precision.py): any other model stays float32 unless a precision is asked
    for (a random static-embedding model fell to a cosine of 0.34 under bf16)."""
    if requested == "float16" and device == "cpu":
        raise PrecisionError("float16 runs on a GPU only: on a CPU use bfloat16 or float32")
    if requested != "auto":
        return requested
    if not measured:
        return "float32"
    if device == "cuda":
        return "float16"
    return "bfloat16" if cpu_has_bf16() else "float32"


def windows(offsets: Sequence[tuple[int, int]], text_start: int, limit: int) -> list[tuple[int, int]]:
    """Character spans of the text (offsets relative to it) holding at most ``limit`` tokens each.

    ``offsets`` are the tokens' character spans in prompt + text, special tokens excluded; the
    prompt's own tokens (ending before ``text_start``) count against every window.
    """
    body = [(s - text_start, e - text_start) for s, e in offsets if e > text_start]
    prompt_tokens = len(offsets) - len(body)
    room = max(1, limit - prompt_tokens)
    spans = []
    for i in range(0, len(body), room):
        chunk = body[i : i + room]
        spans.append((max(0, chunk[0][0]), chunk[-1][1]))
    # close the gaps between windows so that no character is lost
    return [(0 if i == 0 else spans[i][0], spans[i + 1][0] if i + 1 < len(spans) else spans[i][1]) for i in range(len(spans))]


@dataclass(frozen=True)
class Batch:
    """One forward pass: ``members`` (positions of texts) padded to ``length`` tokens in ``rows`` rows."""

    length: int
    rows: int
    members: list[int]


def plan_batches(tokens: Sequence[int], limit: int, budget: int) -> list[Batch]:
    """Forward passes for texts of these token counts whose shapes depend only on each text's own count.

    A text goes to the bucket of its count rounded up to ``BUCKET`` (at most ``limit``), and every pass of
    a bucket has the same number of rows, ``budget // length`` (at least one), whichever texts fill it."""
    buckets: dict[int, list[int]] = {}
    for i, n in enumerate(tokens):
        buckets.setdefault(min(limit, -(-max(1, n) // BUCKET) * BUCKET), []).append(i)
    plan = []
    for length in sorted(buckets):
        rows = max(1, budget // length)
        members = buckets[length]
        plan += [Batch(length, rows, members[i : i + rows]) for i in range(0, len(members), rows)]
    return plan


class Encoder:
    """One loaded model. Passages go through sentence-transformers; queries take a numpy path when
    the folder allows it, so that a new process needn't import torch to answer a query."""

    def __init__(self, model: ModelRef, precision: Precision = "auto", device: Device = "auto", threads: int | None = None) -> None:
        self.model = model
        self.requested_precision = precision
        self.requested_device = device
        self.threads = threads or os.cpu_count() or 1
        config = read_json(model.path / "config_sentence_transformers.json")
        prompts: dict[str, str] = config.get("prompts") or {}
        self.prompts = {role: next((prompts[n] for n in names if prompts.get(n)), "") for role, names in _PROMPT_NAMES.items()}
        self.max_tokens = int(read_json(model.path / "sentence_bert_config.json").get("max_seq_length") or 512)
        self._queries: dict[str, np.ndarray] = {}

    @cached_property
    def device(self) -> str:
        """Where passages are encoded: ``cpu`` or ``cuda``."""
        return resolve_device(self.requested_device)

    @cached_property
    def precision(self) -> str:
        """The precision passages are encoded in, known before the model loads (it keys the embedding cache)."""
        return resolve_precision(self.requested_precision, self.device, self.model.prepared)

    @cached_property
    def tokenizer(self):  # tokenizers.Tokenizer; typed loosely to keep the import lazy
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.model.path / "tokenizer.json"))
        tok.no_truncation()
        tok.no_padding()
        return tok

    @cached_property
    def st(self):  # SentenceTransformer
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        torch.set_num_threads(self.threads)
        model = SentenceTransformer(str(self.model.path), device=self.device, local_files_only=True)
        if self.precision != "float32":
            reference = model.encode(_PROBE, prompt=self.prompts["passage"])
            with self._autocast():
                lower = model.encode(_PROBE, prompt=self.prompts["passage"]).astype(np.float32)
            worst = float((lower * reference).sum(1).min())
            if worst < PARITY:
                raise PrecisionError(
                    f"{self.precision} on this {self.device} departs from float32 (least cosine {worst:.5f} on the probe texts,"
                    f" {PARITY} needed): use precision float32"
                )
        return model

    def _autocast(self) -> contextlib.AbstractContextManager:
        """Autocast at the encoder's precision, or nothing for float32."""
        import torch

        if self.precision == "float32":
            return contextlib.nullcontext()
        return torch.autocast(device_type=self.device, dtype=getattr(torch, self.precision))

    @cached_property
    def _query_tokenizer(self):  # QueryTokenizer | None
        from semcomp.embed.query_tokens import QueryTokenizer

        try:
            return QueryTokenizer(self.model.path)
        except (OSError, ValueError, KeyError, TypeError):  # another kind of tokenizer, or a read-only folder
            return None

    @cached_property
    def _numpy_query(self):  # NumpyBert | None
        from semcomp.embed.numpy_bert import NumpyBert, supported

        path = self.model.path
        return NumpyBert(path) if supported(path) and (path / "tokenizer.json").is_file() else None

    @property
    def dimension(self) -> int:
        pooling = read_json(self.model.path / "1_Pooling" / "config.json")
        known = pooling.get("embedding_dimension") or pooling.get("word_embedding_dimension")
        if known:
            return int(known)
        size = getattr(self.st, "get_embedding_dimension", None) or self.st.get_sentence_embedding_dimension  # renamed in 6.x
        return int(size())

    def token_count(self, text: str, role: Role = "passage") -> int:
        """Tokens the model sees for this text, prompt and special tokens included."""
        return len(self.tokenizer.encode(self.prompts[role] + text).ids)

    def _split(self, text: str, role: Role) -> list[tuple[str, int]]:
        """The text, or its windows when it is longer than the model's limit, each with its token count."""
        prompt = self.prompts[role]
        enc = self.tokenizer.encode(prompt + text)
        if len(enc.ids) <= self.max_tokens:
            return [(text, len(enc.ids))]
        content = [span for span, special in zip(enc.offsets, enc.special_tokens_mask, strict=True) if not special]
        specials = len(enc.ids) - len(content)
        parts = [text[a:b] for a, b in windows(content, len(prompt), self.max_tokens - specials) if b > a]
        return [(part, self.token_count(part, role)) for part in parts]

    def encode(self, texts: Sequence[str], role: Role = "passage") -> Encoded:
        """Normalised embeddings, one row per text, in order; each the same whatever texts come with it."""
        pieces: list[str] = []
        tokens: list[int] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            for part, count in self._split(text, role):
                pieces.append(part)
                tokens.append(count)
                owner.append(i)
        encoded = np.zeros((len(pieces), self.dimension), dtype=np.float32)
        for batch in plan_batches(tokens, self.max_tokens, BATCH_TOKENS[self.device]):
            chunk = [pieces[i] for i in batch.members]
            chunk += chunk[:1] * (batch.rows - len(chunk))
            encoded[batch.members] = self._forward(chunk, batch.length, role)[: len(batch.members)]
        windows = np.bincount(np.asarray(owner, dtype=np.int64), minlength=len(texts))
        if len(pieces) == len(texts):
            return Encoded(encoded, windows)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        np.add.at(out, owner, encoded * np.maximum(1, np.asarray(tokens, dtype=np.float32))[:, None])
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return Encoded(out, windows)

    def _forward(self, texts: list[str], length: int, role: Role) -> np.ndarray:
        """Normalised embeddings of texts padded to ``length`` tokens, in one pass through the model."""
        import torch

        st = self.st
        padding = {"text": {"padding": "max_length", "max_length": length}}
        features = st.preprocess(texts, prompt=self.prompts[role], processing_kwargs=padding)
        features = {k: v.to(self.device) if isinstance(v, torch.Tensor) else v for k, v in features.items()}
        with torch.inference_mode(), self._autocast():
            vectors = st.forward(features)["sentence_embedding"]
        return torch.nn.functional.normalize(vectors.float(), dim=1).cpu().numpy()

    def stream(self, texts: Sequence[str], chunk: int) -> Iterator[tuple[np.ndarray, Encoded]]:
        """(positions, their embeddings) chunk by chunk, so that a caller can keep what is done; texts of
        like length go together, so that few padded rows are spent."""
        order = np.argsort([len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), chunk):
            positions = order[start : start + chunk]
            yield positions, self.encode([texts[i] for i in positions])

    def query(self, text: str) -> np.ndarray:
        """The embedding of one query (or of a passage used as a query); repeated queries are remembered."""
        if text not in self._queries:
            if len(self._queries) >= 1024:
                self._queries.clear()
            self._queries[text] = self._encode_query(text)
        return self._queries[text]

    def _encode_query(self, text: str) -> np.ndarray:
        fast = self._numpy_query
        if fast is not None:  # also when sentence-transformers is loaded: for one short text numpy is faster
            ids = self._query_ids(self.prompts["query"] + text)
            if len(ids) <= self.max_tokens:
                return fast.embed(ids)
        return self.encode([text], role="query").vectors[0]

    def _query_ids(self, text: str) -> list[int]:
        """Token ids of a query: from the pieces it holds until the whole tokenizer is loaded (``warm_up``)."""
        if "tokenizer" not in self.__dict__ and self._query_tokenizer is not None:
            return self._query_tokenizer.ids(text)
        return self.tokenizer.encode(text).ids

    def warm_up(self) -> None:
        """Load what answers queries (about 1 s), so that each later query costs only its arithmetic."""
        if self._numpy_query is None:
            _ = self.st
            return
        _ = self.tokenizer
        self.query("预热")
