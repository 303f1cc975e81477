"""``semcomp export --parquet``: passages with metadata and embeddings, read back with pyarrow."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from semcomp import Catalogue, SearchIndex
from tests.conftest import cli


def test_parquet_export_reads_back_with_metadata_and_embeddings(search_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "段落.parquet"
    result = cli("export", "--parquet", str(out), "--embeddings", "--index", "halfyear", indexes=search_root)
    assert result.code == 0, result.err
    table = pq.read_table(out)
    cat = Catalogue.open("halfyear", search_root)
    ids = [pid for pid, _ in cat.passage_texts("paragraph")]
    assert table.column("passage_id").to_pylist() == ids  # every paragraph, headings and tables included
    assert f"wrote {len(ids)} paragraphs" in result.err
    row = table.slice(len(ids) // 2, 1).to_pylist()[0]
    raw = cat.raw_text(row["report_id"])
    assert row["text"][:4] in raw[row["start"] : row["end"]]  # offsets into the raw text, as everywhere
    assert {row["region"] for row in table.select(["region"]).to_pylist()} >= {"云南省昆明市官渡区"}
    vectors = np.stack(table.column("embedding").to_numpy(zero_copy_only=False))
    index = SearchIndex("halfyear", search_root).vectors("paragraph")
    expected = index.vectors(np.asarray(ids))
    assert vectors.dtype == np.float32 and np.allclose(vectors, expected, atol=1e-6)


def test_export_without_index_or_folder_says_so(search_root: Path, tmp_path: Path) -> None:
    cat = Catalogue.open("bare", search_root, create=True)
    cat.close()
    no_vectors = cli("export", "--parquet", str(tmp_path / "a.parquet"), "--embeddings", "--index", "bare", indexes=search_root)
    assert no_vectors.code == 1 and "no search index" in no_vectors.err and "Traceback" not in no_vectors.err
    assert not (tmp_path / "a.parquet").exists()
    no_folder = cli("export", "--parquet", str(tmp_path / "missing" / "a.parquet"), "--index", "halfyear", indexes=search_root)
    assert no_folder.code == 1 and "no such folder" in no_folder.err
