"""``semcomp attention``: how much of each report a policy concept takes, per report or as a region × year panel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from semcomp.attention.measure import Match
from semcomp.cli.common import (
    AllCopiesOpt,
    CsvOpt,
    IndexOpt,
    JsonOpt,
    RegionOpt,
    ThemeCountOpt,
    TypeOpt,
    YearOpt,
    app,
    emit_records,
    err,
    fail,
    open_catalogue,
    output,
    read_terms,
    theme_count,
)

REPORT_COLUMNS = ("label", "concept", "hits", "chars", "per_10k", "paragraph_share")
PANEL_COLUMNS = ("region", "region_code", "year", "concept", "reports", "hits", "per_10k", "paragraph_share")


TermsOpt = Annotated[
    Path | None,
    typer.Option(
        "--terms",
        help="Dictionary: a concept a line, its words split by spaces or commas; - is stdin. Default: an example of five concepts.",
    ),
]
ThemeOpt = Annotated[
    int | None,
    typer.Option("--theme", help="A theme's number (as semcomp themes with the same filters and -k shows it) instead of a dictionary."),
]
ATTENTION_HELP = """Policy attention: hits of a concept's words per report, per 10,000 characters of its own text,
and the share of its paragraphs that touch the concept. Page chrome and glossaries never count.

[bold]Examples[/]

  semcomp attention --region 保定
  printf '环保 生态环境 环境保护 污染 节能减排\\n创新 科技创新 自主创新\\n' > 词典.txt
  semcomp attention --terms 词典.txt --panel --type 政府工作报告 --csv > 注意力面板.csv
  semcomp attention --terms 词典.txt --panel --match words --plot 注意力.png
  semcomp attention --theme 12 --region 保定 --panel     # after: semcomp themes --region 保定
"""


@app.command(help=ATTENTION_HELP)
def attention(
    terms: TermsOpt = None,
    theme: ThemeOpt = None,
    k: ThemeCountOpt = "auto",
    as_panel: Annotated[bool, typer.Option("--panel", help="One row per region × year × concept (long format), reports pooled.")] = False,
    region: RegionOpt = None,
    year: YearOpt = None,
    report_type: TypeOpt = None,
    match: Annotated[Match, typer.Option(help="strings: every occurrence; words: whole jieba words only.")] = "strings",
    tables: Annotated[bool, typer.Option("--tables", help="Count table rows too (prose and headings only by default).")] = False,
    plot: Annotated[
        Path | None, typer.Option(help="Write a heat map region × year per concept to FILE.png.", callback=output(".png"))
    ] = None,
    parquet: Annotated[Path | None, typer.Option("--parquet", help="Write the rows to this Parquet file.", callback=output())] = None,
    all_copies: AllCopiesOpt = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    from semcomp.attention import attention_panel
    from semcomp.errors import SemcompError
    from semcomp.store.filters import Filters, parse_years

    _check(theme, terms)
    try:
        filters = Filters(years=parse_years(year), region=region, report_type=report_type, all_copies=all_copies)
        rows = _rows(index, filters, terms, theme, k, match, tables)
        cells = attention_panel(rows) if as_panel or plot else []
        if plot:
            from semcomp.output.attention_chart import plot_panel

            err.print(f"wrote {plot_panel(cells, plot)}")
    except SemcompError as exc:
        fail(exc)
    emit_records(cells if as_panel else rows, PANEL_COLUMNS if as_panel else REPORT_COLUMNS, as_json, as_csv, parquet)


def _check(theme: int | None, terms: Path | None) -> None:
    if theme is not None and terms is not None:
        fail("give --terms or --theme, not both")


def _rows(index: str, filters, terms: Path | None, theme: int | None, k: str, match: Match, tables: bool) -> list:
    """Attention per report to the dictionary's concepts, or to a theme."""
    from semcomp.attention import example_dictionary, measure_attention, read_dictionary

    if theme is not None:
        return _theme_rows(index, filters, theme, theme_count(k))
    concepts = read_dictionary(read_terms(terms)) if terms else example_dictionary()
    return measure_attention(open_catalogue(index), concepts, filters, match=match, tables=tables)


def _theme_rows(index: str, filters, theme: int, k: int | Literal["auto"]) -> list:
    """Attention to a theme of the body paragraphs these filters select, clustered as ``semcomp themes`` does."""
    from dataclasses import replace

    from semcomp.attention import theme_attention
    from semcomp.themes.model import find_themes

    cat = open_catalogue(index)
    with err.status("clustering"):
        result = find_themes(cat, replace(filters, kinds=("body",)), k=k)
    return theme_attention(cat, result, theme)
