"""Named records (frozen dataclasses with ``to_dict``) as a terminal table and as a Parquet file."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from rich.table import Table

from semcomp.whole_files import check_output, write_whole


class Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def records_table(records: Sequence[Record], columns: Sequence[str], title: str | None = None) -> Table:
    """The chosen fields of each record, one row each; numbers right-aligned, empty values blank."""
    dicts = [r.to_dict() for r in records]
    table = Table(title=title)
    for column in columns:
        numeric = any(isinstance(d[column], int | float) and not isinstance(d[column], bool) for d in dicts)
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for d in dicts:
        table.add_row(*("" if d[c] is None else f"{d[c]:g}" if isinstance(d[c], float) else str(d[c]) for c in columns))
    return table


def records_parquet(records: Sequence[Record], path: Path) -> None:
    """Write the records as one Parquet table (zstd), whole or not at all; column types from the values."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    check_output(path)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist([r.to_dict() for r in records]), buffer, compression="zstd")
    write_whole(path, buffer.getvalue())
