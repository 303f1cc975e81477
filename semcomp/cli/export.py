"""``semcomp export``: the corpus as a file other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import IndexOpt, QuietOpt, app, err, fail, open_catalogue, output
from semcomp.errors import SemcompError
from semcomp.model import Granularity


@app.command()
def export(
    parquet: Annotated[
        Path, typer.Option("--parquet", help="Write passages with their report's metadata to FILE.parquet.", callback=output())
    ],
    granularity: Annotated[Granularity, typer.Option("--level", help="Which passages: paragraph or sentence.")] = "paragraph",
    embeddings: Annotated[bool, typer.Option("--embeddings", help="Add each passage's embedding (from the index's model).")] = False,
    index: IndexOpt = "default",
    quiet: QuietOpt = False,
) -> None:
    """Passages as Parquet, one row each, for Spark, Ray or DuckDB.

    Columns: passage_id, report_id, report_title, region, year, report_type, section_path,
    section_title, level, kind, part, text, start, end (offsets into the raw text) and, with
    --embeddings, embedding (float32, normalised).

    [bold]Examples[/]

      semcomp export --parquet 段落.parquet
      semcomp export --parquet 句子.parquet --level sentence --embeddings --index 全国
    """
    from semcomp.cli.progress import bars
    from semcomp.output.parquet import export_parquet

    cat = open_catalogue(index)
    vectors, dimension = None, None
    try:
        if embeddings:
            from semcomp.index.build import stored_vectors

            vectors, dimension = stored_vectors(cat, granularity)
        with bars(quiet=quiet) as bar:
            n = export_parquet(cat, parquet, granularity, vectors=vectors, dimension=dimension,
                               on_progress=lambda done, total: bar.advance(f"export {granularity}s", done, total))  # fmt: skip
    except (SemcompError, OSError) as exc:
        fail(exc)
    err.print(f"wrote {n} {granularity}s to {parquet}")
