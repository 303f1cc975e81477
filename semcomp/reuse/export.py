"""Passages as passim input records, so that users with a Spark cluster can run passim on them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from semcomp.model import Granularity
from semcomp.store.catalogue import Catalogue


def passim_records(catalogue: Catalogue, granularity: Granularity = "paragraph") -> Iterator[dict]:
    """One record per passage: ``id``, ``series`` (its report: passim never aligns within a series),
    ``text``, and ``begin``/``end`` offsets into the report's raw text, plus region and year."""
    for row in catalogue.passage_records(granularity):
        yield {"id": f"{row.report_id}#{row.ordinal}", "series": row.report_id, "text": row.text, "begin": row.start,
               "end": row.end, "region": row.region, "year": row.year}  # fmt: skip


def write_passim(catalogue: Catalogue, out: TextIO, granularity: Granularity = "paragraph") -> int:
    n = 0
    for record in passim_records(catalogue, granularity):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
