"""Results onto a stream in the formats every command offers: JSON, CSV, a terminal table, Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from rich.console import Console

from semcomp.output.records import Record, records_parquet, records_table
from semcomp.safe_text import spreadsheet_cell


def print_json(data: object, stream: IO[str] | None = None) -> None:
    (stream or sys.stdout).write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_csv(rows: Sequence[dict[str, Any]], fields: list[str] | None = None, stream: IO[str] | None = None) -> None:
    """Rows as CSV with a header: ``fields`` in that order (others left out), else the first row's keys."""
    if not rows and fields is None:
        return
    writer = csv.DictWriter(stream or sys.stdout, fieldnames=fields or list(rows[0]), extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)


def emit_records(records: Sequence[Record], columns: Sequence[str], console: Console, as_json: bool = False, as_csv: bool = False,
                 parquet: Path | None = None, title: str | None = None) -> None:  # fmt: skip
    """Named records (each with ``to_dict``) as JSON, CSV or a table of ``columns`` on the console's
    stream, or into a Parquet file."""
    if parquet:
        records_parquet(records, parquet)
    elif as_json:
        print_json([r.to_dict() for r in records], console.file)
    elif as_csv:
        print_csv([r.to_dict() for r in records], stream=console.file)
    else:
        console.print(records_table(records, columns, title))
