"""Passages as passim input records, so that users with a Spark cluster can run passim on them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from semcomp.store.catalogue import Catalogue


def passim_records(catalogue: Catalogue, level: str = "paragraph") -> Iterator[dict]:
    """One record per passage: ``id``, ``series`` (its report: passim never aligns within a series),
    ``text``, and ``begin``/``end`` offsets into the report's raw text, plus region and year."""
    for rid, ordinal, text, start, end, region, year in catalogue.passage_records(level):
        yield {"id": f"{rid}#{ordinal}", "series": rid, "text": text, "begin": start, "end": end, "region": region, "year": year}


def write_passim(catalogue: Catalogue, out: TextIO, level: str = "paragraph") -> int:
    n = 0
    for record in passim_records(catalogue, level):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
