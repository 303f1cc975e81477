"""BM25 over lexical terms, stored as a sparse document × term weight matrix.

scikit-learn's CountVectorizer does the counting and the vocabulary; the BM25 weighting
(Robertson/Sparck Jones idf, k1 = 1.2, b = 0.75) is applied once at build time, so a query is a
sum of a few matrix columns. The raw term counts are kept beside the weights, so that adding a
report segments only its own passages (``updated``): the weights, which depend on the whole corpus
through idf and the mean length, are recomputed from the counts in a few sparse operations.

A query reads the weights' arrays as they are stored (by column) with numpy alone: a new process that
answers one query never imports scipy, which took a tenth of a second of a cold query.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from semcomp.index.vectors import VectorIndexError
from semcomp.model import Granularity
from semcomp.text.terms import terms

if TYPE_CHECKING:
    from scipy import sparse

K1, B = 1.2, 0.75


class Columns(NamedTuple):
    """A matrix stored by column (scipy's CSC arrays): column ``c``'s rows are ``indices[indptr[c]:indptr[c + 1]]``."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def of(cls, matrix: sparse.spmatrix) -> Columns:
        csc = matrix.tocsc()
        return cls(csc.data, csc.indices, csc.indptr, csc.shape)

    @classmethod
    def read(cls, path: Path) -> Columns:
        """From a file ``scipy.sparse.save_npz`` wrote; one of another layout is converted by scipy."""
        with np.load(path) as stored:
            if stored["format"].item() == b"csc":
                return cls(stored["data"], stored["indices"], stored["indptr"], tuple(stored["shape"].tolist()))
        from scipy import sparse

        return cls.of(sparse.load_npz(path))

    def matrix(self) -> sparse.csc_matrix:
        from scipy import sparse

        return sparse.csc_matrix((self.data, self.indices, self.indptr), shape=self.shape)

    def column_sums(self, cols: Sequence[int]) -> np.ndarray:
        """Each row's sum over these columns (float32)."""
        out = np.zeros(self.shape[0], dtype=np.float32)
        for c in cols:
            a, b = self.indptr[c], self.indptr[c + 1]
            out[self.indices[a:b]] += self.data[a:b]  # a row stands once in a column
        return out

    def column_max(self, c: int) -> float:
        a, b = self.indptr[c], self.indptr[c + 1]
        return float(self.data[a:b].max()) if b > a else 0.0


def _paths(folder: Path, granularity: Granularity) -> tuple[Path, Path, Path, Path]:
    """Weights, ids (with the vocabulary in builds before 2026-11), term counts, and the vocabulary, one
    term a line in column order (it loads several times faster than a JSON object)."""
    stem = folder / f"lexical-{granularity}"
    return stem.with_suffix(".npz"), stem.with_suffix(".json"), folder / f"lexical-{granularity}-counts.npz", stem.with_suffix(".terms")


def bm25(counts: sparse.csr_matrix) -> sparse.csc_matrix:
    """BM25 weights of a document × term count matrix."""
    weights = counts.astype(np.float32, copy=True).tocsr()
    n = weights.shape[0]
    df = np.bincount(weights.indices, minlength=weights.shape[1])
    idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    lengths = np.asarray(weights.sum(axis=1)).ravel()
    norm = K1 * (1 - B + B * lengths / max(float(lengths.mean()) if n else 1.0, 1.0))
    rows = np.repeat(np.arange(n), np.diff(weights.indptr))
    weights.data = weights.data * (K1 + 1) / (weights.data + norm[rows]) * idf[weights.indices]
    return weights.tocsc()


def count_terms(
    texts: Sequence[str], vocabulary: dict[str, int], on_progress: Callable[[int], None] | None = None
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """Term counts of the texts over ``vocabulary``, extended by the terms it lacks (new columns at the end)."""
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    def analyzer(text: str) -> list[str]:
        out = terms(text)
        if on_progress:
            on_progress(1)
        return out

    vectorizer = CountVectorizer(analyzer=analyzer, dtype=np.float32)
    local = vectorizer.fit_transform(texts).tocsr() if texts else sparse.csr_matrix((0, 0), dtype=np.float32)
    merged = dict(vocabulary)
    column = np.zeros(local.shape[1], dtype=np.int64)
    for term, i in vectorizer.vocabulary_.items() if texts else ():
        column[i] = merged.setdefault(term, len(merged))
    counts = sparse.csr_matrix((local.data, column[local.indices], local.indptr), shape=(local.shape[0], len(merged)))
    return counts, merged


class LexicalIndex:
    def __init__(
        self, ids: np.ndarray, weights: sparse.spmatrix | Columns, vocabulary: dict[str, int], counts: sparse.csr_matrix | None = None
    ) -> None:
        self.ids = ids
        self.columns = weights if isinstance(weights, Columns) else Columns.of(weights)
        self.vocabulary = vocabulary
        self.counts = counts  # raw term counts, for ``updated``; None in builds made before they were kept
        self._row = {int(pid): i for i, pid in enumerate(ids)}

    @property
    def weights(self) -> sparse.csc_matrix:
        """The BM25 weights as a scipy matrix (document × term)."""
        return self.columns.matrix()

    @classmethod
    def build(cls, ids: Sequence[int] | np.ndarray, texts: Sequence[str], on_progress: Callable[[int], None] | None = None) -> LexicalIndex:
        counts, vocabulary = count_terms(texts, {}, on_progress)
        return cls(np.asarray(ids, dtype=np.int64), bm25(counts), vocabulary, counts)

    def updated(
        self, ids: Sequence[int] | np.ndarray, texts: Sequence[str], removed: np.ndarray, on_progress: Callable[[int], None] | None = None
    ) -> LexicalIndex:
        """This index without the ``removed`` passages and with new ones: only the new texts are segmented."""
        from scipy import sparse

        if self.counts is None:
            raise ValueError("this build keeps no term counts")
        keep = ~np.isin(self.ids, removed)
        added, vocabulary = count_terms(texts, self.vocabulary, on_progress)
        old = self.counts[keep]
        old = sparse.csr_matrix((old.data, old.indices, old.indptr), shape=(old.shape[0], len(vocabulary)))
        counts = sparse.vstack([old, added], format="csr")
        all_ids = np.concatenate([self.ids[keep], np.asarray(ids, dtype=np.int64)])
        return LexicalIndex(all_ids, bm25(counts), vocabulary, counts)

    def save(self, folder: Path, granularity: Granularity) -> list[str]:
        """Write the index into a build folder (see ``published``); returns the file names."""
        from scipy import sparse

        matrix_path, ids_path, counts_path, terms_path = _paths(folder, granularity)
        sparse.save_npz(matrix_path, self.weights, compressed=False)
        ids_path.write_text(json.dumps({"ids": self.ids.tolist()}))
        by_column = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        terms_path.write_text("\n".join(by_column), encoding="utf-8")  # terms hold no line breaks: they are words
        files = [matrix_path.name, ids_path.name, terms_path.name]
        if self.counts is not None:
            sparse.save_npz(counts_path, self.counts, compressed=False)
            files.append(counts_path.name)
        return files

    @classmethod
    def load(cls, folder: Path, granularity: Granularity, counts: bool = False) -> LexicalIndex:
        """The index of a build folder; with ``counts``, its term counts too (to update it)."""
        matrix_path, ids_path, counts_path, terms_path = _paths(folder, granularity)
        try:
            data = json.loads(ids_path.read_text(encoding="utf-8"))
            if terms_path.is_file():
                listed = terms_path.read_text(encoding="utf-8").split("\n")
                vocabulary = dict(zip(listed, range(len(listed)), strict=True)) if listed != [""] else {}
            else:
                vocabulary = data["vocabulary"]
            kept = None
            if counts and counts_path.is_file():
                from scipy import sparse

                kept = sparse.load_npz(counts_path).tocsr()
            index = cls(np.asarray(data["ids"], dtype=np.int64), Columns.read(matrix_path), vocabulary, kept)
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            raise VectorIndexError(f"{matrix_path} can't be read ({type(exc).__name__}): rebuild it with `semcomp index`") from None
        if index.columns.shape != (len(index.ids), len(index.vocabulary)):
            raise VectorIndexError(f"{matrix_path} does not match its vocabulary: rebuild it with `semcomp index`")
        return index

    def query_terms(self, text: str) -> list[str]:
        """The query's terms that occur in the corpus, each once."""
        return [t for t in dict.fromkeys(terms(text, query=True)) if t in self.vocabulary]

    def ceiling(self, query_terms: list[str]) -> float:
        """The highest score a passage could reach for these terms: each at its best weight.

        Dividing by it (rather than by the best candidate's score) keeps weak, incidental word
        matches of a paraphrased query from counting as much as a passage that uses the query's words.
        """
        return sum(self.columns.column_max(self.vocabulary[t]) for t in query_terms)

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every document (row order of ``ids``) for terms from ``query_terms``."""
        return self.columns.column_sums([self.vocabulary[t] for t in query_terms])

    def has(self, passage_id: int) -> bool:
        return int(passage_id) in self._row

    def rows(self, passage_ids: np.ndarray) -> np.ndarray:
        return np.array([self._row[int(p)] for p in passage_ids], dtype=np.int64)
