"""Token ids of one short text without building the model's whole tokenizer.

Building the 250,000-piece unigram tokenizer of multilingual-e5 from ``tokenizer.json`` takes about
a second, most of a cold query's budget. A unigram tokenizer's Viterbi search only ever uses pieces
that occur in the (normalised, pre-tokenised) text, so a tokenizer built from just those pieces, plus
the lowest-scoring piece (the score of an unknown character is derived from it), the special tokens
at their own ids, and the same normaliser, pre-tokeniser and post-processor, gives the same ids.
The vocabulary is kept beside the model as a sorted string table (``query-pieces.*``, written on first use),
which loads in a few milliseconds. Tests compare the ids with the full tokenizer's on real text.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from semcomp.text.string_table import StringTable
from semcomp.whole_files import npy_bytes, write_whole

# the pieces in a string table, each one's id and score in the table's order, and the tokenizer without its vocabulary
_PIECES, _IDS, _SCORES, _SKELETON = "query-pieces.txt", "query-pieces-ids.npy", "query-pieces-scores.npy", "query-vocab-skeleton.json"


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
    table, order = StringTable.of([piece for piece, _ in vocab])
    table.save(folder / _PIECES)
    write_whole(folder / _IDS, npy_bytes(np.array(order, dtype=np.int64)))
    write_whole(folder / _SCORES, npy_bytes(np.array([vocab[i][1] for i in order], dtype=np.float64)))
    write_whole(folder / _SKELETON, json.dumps(skeleton, ensure_ascii=False).encode())


class QueryTokenizer:
    """The ids the model's unigram tokenizer gives a text, from the pieces that occur in it."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        source = folder / "tokenizer.json"
        written = source.stat().st_mtime
        sidecar = [folder / n for n in (_PIECES, _IDS, _SCORES, _SKELETON)]
        if not (StringTable.present(sidecar[0]) and all(p.is_file() and p.stat().st_mtime >= written for p in sidecar)):
            _write_sidecar(folder, _unigram_json(source))
        self.pieces = StringTable.read(folder / _PIECES)
        self.ids_of = np.load(folder / _IDS).tolist()
        self.scores = np.load(folder / _SCORES)
        self.skeleton = Tokenizer.from_file(str(folder / _SKELETON))
        self.specials = self.skeleton.get_vocab_size(with_added_tokens=False)  # ids 0..specials-1, kept as they are
        self.lowest = int(np.argmin(self.scores))  # its score is what an unknown character's derives from
        self._config = json.loads(self.skeleton.to_str())

    def ids(self, text: str) -> list[int]:
        from tokenizers import Tokenizer

        normalised = self.skeleton.normalizer.normalize_str(text) if self.skeleton.normalizer else text
        segments = self.skeleton.pre_tokenizer.pre_tokenize_str(normalised) if self.skeleton.pre_tokenizer else [(normalised, None)]
        used = {self.ids_of[self.lowest]: self.lowest}  # id → position in the table
        for segment, _ in segments:
            for a in range(len(segment)):
                for b in range(a + 1, len(segment) + 1):
                    piece = segment[a:b]
                    i = self.pieces.position(piece)
                    if i < len(self.pieces) and self.pieces[i] == piece:
                        if self.ids_of[i] >= self.specials:
                            used[self.ids_of[i]] = i
                    elif not self.pieces.continues(piece, i):
                        break  # no piece starts with this one, nor with any longer one
        chosen = sorted(used)
        vocab = self._config["model"]["vocab"][: self.specials] + [[self.pieces[used[i]], float(self.scores[used[i]])] for i in chosen]
        local = Tokenizer.from_str(json.dumps(dict(self._config, model=dict(self._config["model"], vocab=vocab)), ensure_ascii=False))
        ids = list(range(self.specials)) + chosen
        return [ids[i] for i in local.encode(text).ids]
