"""``semcomp compare``: what changed between two reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import CsvOpt, IndexOpt, JsonOpt, app, err, fail, open_catalogue, out, output, resolve_report
from semcomp.output.emit import print_csv, print_json


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="The earlier report, or one of two districts: name (海拉尔区2015), id, prefix or file name.")],
    b: Annotated[str, typer.Argument(help="The later report, or the other district.")],
    html: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML page.", callback=output())] = None,
    only_changes: Annotated[bool, typer.Option("--changes", help="Leave out kept passages.")] = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Passages aligned by meaning (kept, reworded, new, dropped), key figures side by side, themes that moved.

    [bold]Examples[/]

      semcomp compare 001_a8e5e 000_783dc
      semcomp compare 海拉尔区2015 海拉尔区2016 --html 海拉尔2015-2016.html
    """
    from semcomp.cli.common import encoder_for
    from semcomp.compare.report import compare_reports
    from semcomp.embed.models import ModelError

    cat = open_catalogue(index)
    ra, rb = resolve_report(cat, a), resolve_report(cat, b)
    if ra == rb:
        fail("give two different reports")
    try:
        encoder = encoder_for(index)
        with err.status("aligning"):
            result = compare_reports(cat, ra, rb, encoder)
    except ModelError as exc:
        fail(exc)
    if html:
        _write_html(result, html)
    _emit(result, only_changes, as_json, as_csv)


def _write_html(result, path: Path) -> None:
    from semcomp.output.site.assets import single_file
    from semcomp.output.site.compare import compare_body, compare_title
    from semcomp.whole_files import write_whole

    write_whole(path, single_file(compare_title(result), compare_body(result)).encode())
    err.print(f"wrote {path}")


def _emit(result, only_changes: bool, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.comparison_text import print_comparison
    from semcomp.output.rows import comparison_rows

    if as_json:
        print_json(result.to_dict())
    elif as_csv:
        print_csv([r for r in comparison_rows(result) if not (only_changes and r["status"] == "kept")])
    else:
        err.print(", ".join(f"{k} {v}" for k, v in sorted(result.counts.items())))
        print_comparison(result, out, only_changes)
