"""Token ids of one short text without building the model's whole tokenizer.

Building the 250,000-piece unigram tokenizer of multilingual-e5 from ``tokenizer.json`` takes about
a second, most of a cold query's budget. A unigram tokenizer's Viterbi search only ever uses pieces
that occur in the (normalised, pre-tokenised) text, so a tokenizer built from just those pieces, plus
the lowest-scoring piece (the score of an unknown character is derived from it), the special tokens
at their own ids, and the same normaliser, pre-tokeniser and post-processor, gives the same ids.
The vocabulary is kept beside the model as a plain list (``query-vocab.*``, written on first use),
which loads in a few milliseconds. Tests compare the ids with the full tokenizer's on real text.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from semcomp.whole_files import npy_bytes, write_whole

_PIECES, _SCORES, _SKELETON = "query-vocab.txt", "query-vocab-scores.npy", "query-vocab-skeleton.json"
_SEP = "\x00"


def _unigram_json(path: Path) -> dict:
    """The tokenizer's configuration, when it is a unigram model with its special tokens first."""
    data = json.loads(path.read_text(encoding="utf-8"))
    model = data.get("model") or {}
    specials = sorted(t["id"] for t in data.get("added_tokens", []) if t.get("special"))
    if model.get("type") != "Unigram" or model.get("byte_fallback") or not model.get("vocab") or specials != list(range(len(specials))):
        raise ValueError("not a unigram tokenizer with its special tokens first")
    return data


def _write_sidecar(folder: Path, data: dict) -> None:
    vocab = data["model"]["vocab"]
    specials = sum(1 for t in data.get("added_tokens", []) if t.get("special"))
    skeleton = dict(data, model=dict(data["model"], vocab=vocab[:specials]))
    write_whole(folder / _PIECES, _SEP.join(piece for piece, _ in vocab).encode())
    write_whole(folder / _SCORES, npy_bytes(np.array([score for _, score in vocab], dtype=np.float64)))
    write_whole(folder / _SKELETON, json.dumps(skeleton, ensure_ascii=False).encode())


class QueryTokenizer:
    """The ids the model's unigram tokenizer gives a text, from the pieces that occur in it."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        source = folder / "tokenizer.json"
        written = source.stat().st_mtime
        if not all((folder / n).is_file() and (folder / n).stat().st_mtime >= written for n in (_PIECES, _SCORES, _SKELETON)):
            _write_sidecar(folder, _unigram_json(source))
        self.pieces = (folder / _PIECES).read_text(encoding="utf-8").split(_SEP)
        self.scores = np.load(folder / _SCORES)
        self.skeleton = Tokenizer.from_file(str(folder / _SKELETON))
        self.specials = self.skeleton.get_vocab_size(with_added_tokens=False)  # ids 0..specials-1, kept as they are
        self.index = {piece: i for i, piece in enumerate(self.pieces)}
        self.longest = max(map(len, self.pieces))
        self.lowest = int(np.argmin(self.scores))
        self._config = json.loads(self.skeleton.to_str())

    def ids(self, text: str) -> list[int]:
        from tokenizers import Tokenizer

        normalised = self.skeleton.normalizer.normalize_str(text) if self.skeleton.normalizer else text
        segments = self.skeleton.pre_tokenizer.pre_tokenize_str(normalised) if self.skeleton.pre_tokenizer else [(normalised, None)]
        used = {self.lowest}
        for segment, _ in segments:
            for a in range(len(segment)):
                for b in range(a + 1, min(len(segment), a + self.longest) + 1):
                    i = self.index.get(segment[a:b])
                    if i is not None and i >= self.specials:
                        used.add(i)
        chosen = list(range(self.specials)) + sorted(used - set(range(self.specials)))
        config = dict(self._config, model=dict(self._config["model"], vocab=[[self.pieces[i], float(self.scores[i])] for i in chosen]))
        local = Tokenizer.from_str(json.dumps(config, ensure_ascii=False))
        return [chosen[i] for i in local.encode(text).ids]
