"""``semcomp themes``: policy themes, their labels and their shares per year, region or type."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import (
    AllCopiesOpt,
    IndexOpt,
    JsonOpt,
    RegionOpt,
    ThemeCountOpt,
    TypeOpt,
    YearOpt,
    app,
    err,
    fail,
    open_catalogue,
    out,
    output,
    theme_count,
)
from semcomp.errors import SemcompError
from semcomp.model import Granularity
from semcomp.output.emit import print_json
from semcomp.themes import CHART_SUFFIXES, By

THEMES_HELP = """Theme clusters of body paragraphs, with labels, representative passages and shares.

Uses the embeddings stored by `semcomp index`; nothing is re-encoded. The same corpus and options
give the same themes on every run.

[bold]Examples[/]

  semcomp themes --region 保定 --by year --plot 保定主题.png --plot 保定主题.html
  semcomp themes --year 2019-2023 -k 20 --json
  semcomp themes --region 保定 --per-year
"""


@app.command(help=THEMES_HELP)
def themes(
    year: YearOpt = None,
    region: RegionOpt = None,
    report_type: TypeOpt = None,
    granularity: Annotated[Granularity, typer.Option("--level", help="paragraph or sentence.")] = "paragraph",
    k: ThemeCountOpt = "auto",
    by: Annotated[By, typer.Option(help="Shares per year, region or type.")] = "year",
    per_year: Annotated[bool, typer.Option("--per-year", help="Cluster each year on its own and link themes across years.")] = False,
    plot: Annotated[
        list[Path] | None,
        typer.Option(
            help="Write a chart of shares: small multiples to a .png, an interactive page to a .html (repeatable).",
            callback=output(*CHART_SUFFIXES),
        ),
    ] = None,
    all_copies: AllCopiesOpt = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the theme × group shares as CSV.")] = False,
) -> None:
    from semcomp.output.themes_text import print_per_year
    from semcomp.store.filters import Filters, parse_years
    from semcomp.themes.model import find_themes, per_year_themes

    try:
        cat = open_catalogue(index)
        filters = Filters(years=parse_years(year), region=region, report_type=report_type, kinds=("body",), all_copies=all_copies)
        with err.status("clustering"):
            if per_year:
                years = per_year_themes(cat, filters, granularity, theme_count(k))
            else:
                result = find_themes(cat, filters, granularity, theme_count(k), by)
    except SemcompError as exc:
        fail(exc)
    if per_year and as_json:
        print_json({y: r.to_dict() for y, r in years.items()})
    elif per_year:
        print_per_year(years, out)
    else:
        _emit(result, plot, as_json, as_csv)


def _emit(result, plots: list[Path] | None, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.themes_text import print_themes, themes_csv

    for path in plots or ():
        _plot(result, path)
        err.print(f"wrote {path}")
    if as_json:
        print_json(result.to_dict())
        return
    if as_csv:
        themes_csv(result, sys.stdout)
        return
    err.print(f"{result.passages} passages, {len(result.themes)} themes, {result.outliers} outliers; {result.k_reason}")
    print_themes(result, out)


def _plot(result, path: Path) -> None:
    from semcomp.output.fonts import FontError
    from semcomp.output.themes_chart import plot_shares

    try:
        plot_shares(result, path)
    except FontError as exc:
        fail(exc)
