"""Passages with their report's metadata, and their embeddings on request, as one Parquet file.

For users who take the corpus on to Spark, Ray or DuckDB: one row per passage, written in batches
so that memory stays bounded whatever the corpus size; offsets point into the report's raw text
as everywhere else in semcomp.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import get_args

import numpy as np

from semcomp.model import Granularity, PassageKind
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters
from semcomp.whole_files import check_output, whole_file

BATCH = 10_000
EVERY_KIND = Filters(kinds=get_args(PassageKind))  # headings, glossary entries and tables too

# (column, pyarrow type name); each but the first is a field of ``PassageRow`` (``_FIELD`` where it is named otherwise)
COLUMNS = (
    ("passage_id", "int64"),
    ("report_id", "string"),
    ("report_title", "string"),
    ("region", "string"),
    ("year", "int32"),
    ("report_type", "string"),
    ("section_path", "string"),
    ("section_title", "string"),
    ("level", "string"),
    ("kind", "string"),
    ("part", "string"),
    ("text", "string"),
    ("start", "int64"),
    ("end", "int64"),
)

_FIELD = {"report_title": "title", "level": "granularity"}
Vectors = Callable[[Sequence[str]], np.ndarray]  # texts → one float32 row each


def schema(dimension: int | None = None):  # pyarrow.Schema; the import stays lazy
    import pyarrow as pa

    fields = [pa.field(name, getattr(pa, kind)()) for name, kind in COLUMNS]
    if dimension:
        fields.append(pa.field("embedding", pa.list_(pa.float32(), dimension)))
    return pa.schema(fields)


def export_parquet(
    catalogue: Catalogue,
    path: Path,
    granularity: Granularity = "paragraph",
    filters: Filters = EVERY_KIND,
    vectors: Vectors | None = None,
    dimension: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the passages of a granularity that pass ``filters``; with ``vectors`` (and its ``dimension``) an
    ``embedding`` column too. The file appears whole or not at all. Returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    check_output(path)
    ids = catalogue.passage_ids(granularity, filters)
    table_schema = schema(dimension if vectors else None)
    with whole_file(path) as tmp, pq.ParquetWriter(tmp, table_schema, compression="zstd") as writer:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            rows = catalogue.passage_rows(chunk)
            kept = [pid for pid in chunk if pid in rows]
            columns = [kept] + [[getattr(rows[pid], _FIELD.get(name, name)) for pid in kept] for name, _ in COLUMNS[1:]]
            arrays = [pa.array(col, type=table_schema.field(i).type) for i, col in enumerate(columns)]
            if vectors:
                flat = np.ascontiguousarray(vectors([rows[pid].text for pid in kept]), dtype=np.float32).reshape(-1)
                arrays.append(pa.FixedSizeListArray.from_arrays(pa.array(flat), dimension))
            writer.write_table(pa.Table.from_arrays(arrays, schema=table_schema))
            if on_progress:
                on_progress(len(chunk), len(ids))
    return len(ids)
