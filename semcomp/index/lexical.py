"""BM25 over lexical terms, stored as a sparse document × term weight matrix.

scikit-learn's CountVectorizer does the counting and the vocabulary; the BM25 weighting
(Robertson/Sparck Jones idf, k1 = 1.2, b = 0.75) is applied once at build time, so a query is a
sum of a few matrix columns.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from semcomp.index.vectors import VectorIndexError
from semcomp.text.terms import terms

K1, B = 1.2, 0.75


def _paths(folder: Path, level: str) -> tuple[Path, Path]:
    return folder / f"lexical-{level}.npz", folder / f"lexical-{level}.json"


class LexicalIndex:
    def __init__(self, ids: np.ndarray, weights: sparse.csc_matrix, vocabulary: dict[str, int]) -> None:
        self.ids = ids
        self.weights = weights
        self.vocabulary = vocabulary
        self._row = {int(pid): i for i, pid in enumerate(ids)}
        self._column_max: np.ndarray | None = None

    @classmethod
    def build(cls, ids: Sequence[int], texts: Sequence[str], on_progress: Callable[[int], None] | None = None) -> LexicalIndex:
        from sklearn.feature_extraction.text import CountVectorizer

        def analyzer(text: str) -> list[str]:
            out = terms(text)
            if on_progress:
                on_progress(1)
            return out

        vectorizer = CountVectorizer(analyzer=analyzer, dtype=np.float32)
        tf = vectorizer.fit_transform(texts).tocsr()
        n = tf.shape[0]
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        norm = K1 * (1 - B + B * lengths / max(float(lengths.mean()), 1.0))
        rows = np.repeat(np.arange(n), np.diff(tf.indptr))
        tf.data = tf.data * (K1 + 1) / (tf.data + norm[rows]) * idf[tf.indices]
        vocabulary = {t: int(i) for t, i in vectorizer.vocabulary_.items()}
        return cls(np.asarray(ids, dtype=np.int64), tf.tocsc(), vocabulary)

    def save(self, folder: Path, level: str) -> list[str]:
        """Write the index into a build folder (see ``published``); returns the file names."""
        matrix_path, vocab_path = _paths(folder, level)
        sparse.save_npz(matrix_path, self.weights, compressed=False)
        vocab_path.write_text(json.dumps({"ids": self.ids.tolist(), "vocabulary": self.vocabulary}, ensure_ascii=False))
        return [matrix_path.name, vocab_path.name]

    @classmethod
    def load(cls, folder: Path, level: str) -> LexicalIndex:
        matrix_path, vocab_path = _paths(folder, level)
        try:
            data = json.loads(vocab_path.read_text(encoding="utf-8"))
            index = cls(np.asarray(data["ids"], dtype=np.int64), sparse.load_npz(matrix_path).tocsc(), data["vocabulary"])
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            raise VectorIndexError(f"{matrix_path} can't be read ({type(exc).__name__}): rebuild it with `semcomp index`") from None
        if index.weights.shape != (len(index.ids), len(index.vocabulary)):
            raise VectorIndexError(f"{matrix_path} does not match its vocabulary: rebuild it with `semcomp index`")
        return index

    def query_terms(self, text: str) -> list[str]:
        """The query's terms that occur in the corpus, each once."""
        return [t for t in dict.fromkeys(terms(text)) if t in self.vocabulary]

    def ceiling(self, query_terms: list[str]) -> float:
        """The highest score a passage could reach for these terms: each at its best weight.

        Dividing by it (rather than by the best candidate's score) keeps weak, incidental word
        matches of a paraphrased query from counting as much as a passage that uses the query's words.
        """
        if self._column_max is None:
            self._column_max = np.asarray(self.weights.max(axis=0).todense()).ravel()
        return float(sum(self._column_max[self.vocabulary[t]] for t in query_terms))

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every document (row order of ``ids``) for terms from ``query_terms``."""
        cols = [self.vocabulary[t] for t in query_terms]
        if not cols:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.weights[:, cols].sum(axis=1)).ravel().astype(np.float32)

    def has(self, passage_id: int) -> bool:
        return int(passage_id) in self._row

    def rows(self, passage_ids: np.ndarray) -> np.ndarray:
        return np.array([self._row[int(p)] for p in passage_ids], dtype=np.int64)
