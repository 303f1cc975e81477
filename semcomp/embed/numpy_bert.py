"""A numpy forward pass for BERT-type sentence-transformers folders, used to encode queries.

Importing sentence-transformers costs about 7 s and torch about 2 s on two cores, while one query
needs a few milliseconds of arithmetic. This reads the same safetensors weights (memory-mapped, only
the embedding rows of the query's tokens) and computes mean pooling and L2 normalisation, so a new
process can answer a query without importing either. Tests check it against sentence-transformers.
"""

from __future__ import annotations

import json
import math
import struct
from functools import cache
from pathlib import Path

import numpy as np


def erf(x: np.ndarray) -> np.ndarray:
    """The error function to within 1.5e-7 (Abramowitz and Stegun 7.1.26), below float32 rounding of
    BERT's activations; scipy.special would cost half a second of import in every new process."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    return np.sign(x) * (1.0 - poly * np.exp(-a * a))


@cache
def _blas():  # threadpoolctl.ThreadpoolController, found once (finding it takes half a millisecond)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def supported(folder: Path) -> bool:
    """True when the folder is Transformer(BERT) → mean pooling [→ Normalize] with float weights."""
    try:
        modules = [m["type"].rsplit(".", 1)[-1] for m in _read(folder / "modules.json")]
        config = _read(folder / "config.json")
        pooling = _read(folder / "1_Pooling" / "config.json")
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if "pooling_mode" in pooling:  # sentence-transformers 6 writes one mode
        mean_only = pooling["pooling_mode"] == "mean"
    else:
        flags = {k: v for k, v in pooling.items() if k.startswith("pooling_mode_")}
        mean_only = flags.get("pooling_mode_mean_tokens") and not any(v for k, v in flags.items() if k != "pooling_mode_mean_tokens")
    return (
        modules in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"])
        and config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and bool(mean_only)
        and _float_weights(folder / "model.safetensors")
    )


_DTYPES = {"F32": np.float32, "F16": np.float16}


def _header(path: Path) -> tuple[int, dict]:
    """(where the tensor data starts, the tensors' dtypes, shapes and offsets) of a safetensors file."""
    with path.open("rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        return 8 + size, json.loads(f.read(size))


def _float_weights(path: Path) -> bool:
    try:
        return all(v["dtype"] in _DTYPES for k, v in _header(path)[1].items() if k != "__metadata__")
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        return False


class NumpyBert:
    """Mean-pooled BERT embeddings of one token sequence at a time."""

    def __init__(self, folder: Path) -> None:
        config = _read(folder / "config.json")
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.normalize = (folder / "modules.json").read_text().count("Normalize") > 0
        # memory-mapped: of the word embeddings (most of the file) only a query's rows are read
        start, header = _header(folder / "model.safetensors")
        data = np.memmap(folder / "model.safetensors", dtype=np.uint8, mode="r", offset=start)
        self._tensors = {
            name: data[info["data_offsets"][0] : info["data_offsets"][1]].view(_DTYPES[info["dtype"]]).reshape(info["shape"])
            for name, info in header.items()
            if name != "__metadata__"
        }
        self._words = self._tensors["embeddings.word_embeddings.weight"]
        self._w: dict[str, np.ndarray] = {}

    def _get(self, name: str) -> np.ndarray:
        if name not in self._w:
            # the file's float32 tensor where it is aligned (read straight from the page cache), else an aligned
            # copy: the file's offsets need not be aligned, and numpy multiplies unaligned arrays without BLAS
            tensor = self._tensors[name]
            aligned = tensor.dtype == np.float32 and tensor.flags.aligned
            self._w[name] = np.asarray(tensor) if aligned else np.array(tensor, dtype=np.float32)
        return self._w[name]

    def _layer_norm(self, x: np.ndarray, prefix: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self._get(prefix + ".weight") + self._get(prefix + ".bias")

    def _linear(self, x: np.ndarray, prefix: str) -> np.ndarray:
        # weights are stored (out, in); BLAS multiplies by the transposed view without copying it
        return x @ self._get(prefix + ".weight").T + self._get(prefix + ".bias")

    def embed(self, ids: list[int]) -> np.ndarray:
        # one thread: a few rows gain nothing from more, and BLAS threads left spinning after the call
        # would take the cores from the faiss search that follows (it ran seven times slower)
        with _blas().limit(limits=1, user_api="blas"):
            return self._embed(ids)

    def _embed(self, ids: list[int]) -> np.ndarray:
        n = len(ids)
        words = np.asarray(self._words[ids], dtype=np.float32)
        x = words + self._get("embeddings.position_embeddings.weight")[:n] + self._get("embeddings.token_type_embeddings.weight")[0]
        x = self._layer_norm(x, "embeddings.LayerNorm")
        hidden = x.shape[1]
        hd = hidden // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q, k, v = (
                self._linear(x, p + f"attention.self.{m}").reshape(n, self.heads, hd).transpose(1, 0, 2) for m in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd)  # a Python float: a numpy float64 would promote to float64
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            ctx = (scores / scores.sum(-1, keepdims=True)) @ v
            ctx = ctx.transpose(1, 0, 2).reshape(n, hidden)
            x = self._layer_norm(x + self._linear(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            mid = self._linear(x, p + "intermediate.dense")
            mid = 0.5 * mid * (1.0 + erf(mid / math.sqrt(2.0)))
            x = self._layer_norm(x + self._linear(mid, p + "output.dense"), p + "output.LayerNorm")
        pooled = x.mean(0)
        if self.normalize:
            pooled = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return pooled.astype(np.float32)
