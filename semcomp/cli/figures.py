"""``semcomp figures``: a report's key figures, or one indicator across reports, regions and years."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import (
    AllCopiesOpt,
    CsvOpt,
    IndexOpt,
    JsonOpt,
    RegionOpt,
    TypeOpt,
    YearOpt,
    app,
    emit_records,
    err,
    fail,
    open_catalogue,
    out,
    output,
    resolve_report,
)
from semcomp.figures import SeriesMeasure
from semcomp.output.emit import print_csv, print_json

TargetsOpt = Annotated[
    bool,
    typer.Option(
        "--targets", help="Targets set, the result stated a year later, met or missed, and the superior's target for the same year."
    ),
]
FIGURES_HELP = """Key figures read from the text: indicator, value (unit normalised), growth, target or result, period.

The standard indicators (地区生产总值, 一般公共预算收入, 固定资产投资 …) come first under one
name whatever synonym the report uses; other figures follow under the name the text gives them.
A series takes each year's result from the report that states it (usually the next year's) and
its target from the report that set it, with the gap where a report states one.

[bold]Examples[/]

  semcomp figures 000_783dc
  semcomp figures --indicator 地区生产总值 --region 保定
  semcomp figures --indicator 一般公共预算收入 --region 海拉尔 --csv > 海拉尔财政.csv
  semcomp figures --indicator GDP --region 保定市 --plot 保定GDP.png --measure growth
  semcomp figures --targets --indicator 地区生产总值 --region 河北省 --csv > 河北目标.csv
"""


@app.command(help=FIGURES_HELP)
def figures(
    report: Annotated[str | None, typer.Argument(help="A report (id, prefix or file name); leave out with --indicator.")] = None,
    indicator: Annotated[str | None, typer.Option(help="One indicator across reports: 地区生产总值, GDP, 实际使用外资 …")] = None,
    region: RegionOpt = None,
    year: YearOpt = None,
    report_type: TypeOpt = None,
    targets: TargetsOpt = False,
    plot: Annotated[Path | None, typer.Option(help="With --indicator: chart the series in FILE.png.", callback=output(".png"))] = None,
    measure: Annotated[SeriesMeasure, typer.Option(help="With --plot: chart the level or the growth.")] = "level",
    all_copies: AllCopiesOpt = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    from semcomp.errors import SemcompError
    from semcomp.store.filters import Filters, parse_years

    if (report is None) == (indicator is None) and not targets:
        fail("give a report, or --indicator for a series across reports")
    cat = open_catalogue(index)
    try:
        filters = Filters(years=parse_years(year), region=region, report_type=report_type, all_copies=all_copies)
        if targets:
            _targets(cat, Filters(reports=(resolve_report(cat, report),)) if report else filters, indicator, as_json, as_csv)
            return
        if report is not None:
            _report(cat, resolve_report(cat, report), as_json, as_csv)
            return
        rows = _indicator(cat, indicator or "", filters, plot, measure)
    except SemcompError as exc:
        fail(exc)
    _series(rows, as_json, as_csv)


def _indicator(cat, indicator: str, filters, plot: Path | None, measure: SeriesMeasure) -> list:
    """One indicator's series across regions and periods, charted with ``plot``."""
    from semcomp.figures.series import series, standard

    rows = series(cat, indicator, filters)
    if plot:
        from semcomp.output.figures_chart import plot_series

        err.print(f"wrote {plot_series(rows, standard(indicator), measure, plot)}")
    return rows


def _report(cat, report_id: str, as_json: bool, as_csv: bool) -> None:
    from semcomp.figures.report import report_figures
    from semcomp.figures.series import FiguresError
    from semcomp.output.figures_text import report_figures_table

    found = report_figures(cat.report(report_id))
    if not found:
        raise FiguresError(f"report {report_id} states no figures")
    if as_json:
        print_json([f.to_dict() for f in found])
        return
    if as_csv:
        print_csv([f.to_dict() for f in found])
        return
    out.print(report_figures_table(report_id, found))


def _targets(cat, filters, indicator: str | None, as_json: bool, as_csv: bool) -> None:
    from semcomp.figures.series import FiguresError
    from semcomp.figures.targets import targets

    found = targets(cat, filters, indicator)
    if not found:
        raise FiguresError("no report in the selection sets a target" + (f" for {indicator}" if indicator else ""))
    emit_records(found, TARGET_COLUMNS, as_json, as_csv)


TARGET_COLUMNS = ("region", "year", "indicator", "stated", "result", "status", "gap", "superior_stated", "amplification")


def _series(rows, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.figures_text import series_table
    from semcomp.output.rows import series_rows

    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    if as_csv:
        print_csv(series_rows(rows))
        return
    out.print(series_table(rows))
