"""``semcomp themes``: policy themes, their labels and their shares per year, region or type."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from semcomp.cli.common import AllCopiesOpt, IndexOpt, JsonOpt, app, err, fail, out, print_json
from semcomp.errors import SemcompError
from semcomp.output.terminal import line


@app.command()
def themes(
    year: Annotated[str | None, typer.Option(help="A year or a range: 2021, 2003-2025.")] = None,
    region: Annotated[str | None, typer.Option(help="Any part of the region: 保定, 唐县.")] = None,
    report_type: Annotated[str | None, typer.Option("--type", help="Report type, e.g. 政府工作报告.")] = None,
    level: Annotated[str, typer.Option(help="paragraph or sentence.")] = "paragraph",
    k: Annotated[str, typer.Option("--k", "-k", help="Number of themes, or 'auto' (5–60, by silhouette).")] = "auto",
    by: Annotated[str, typer.Option(help="Shares per year, region or type.")] = "year",
    per_year: Annotated[bool, typer.Option("--per-year", help="Cluster each year on its own and link themes across years.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Write a chart of shares: FILE.png and FILE.html.")] = None,
    all_copies: AllCopiesOpt = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the theme × group shares as CSV.")] = False,
) -> None:
    """Theme clusters of body paragraphs, with labels, representative passages and shares.

    Uses the embeddings stored by `semcomp index`; nothing is re-encoded. The same corpus and options
    give the same themes on every run.

    [bold]Examples[/]

      semcomp themes --region 保定 --by year --plot 保定主题
      semcomp themes --year 2019-2023 -k 20 --json
      semcomp themes --region 保定 --per-year
    """
    from semcomp.search.similar import SearchIndex
    from semcomp.store.filters import Filters, parse_years
    from semcomp.themes.model import find_themes, per_year_themes

    if by not in ("year", "region", "type"):
        fail(f"--by takes year, region or type, not '{by}'")
    if k != "auto" and not k.isdigit():
        fail(f"-k takes a number or 'auto', not '{k}'")
    try:
        search = SearchIndex(index)
        filters = Filters(years=parse_years(year), region=region, report_type=report_type, kinds=("body",), all_copies=all_copies)
        with err.status("clustering"):
            if per_year:
                years = per_year_themes(search, filters, level, "auto" if k == "auto" else int(k))
            else:
                result = find_themes(search, filters, level, "auto" if k == "auto" else int(k), by)
    except SemcompError as exc:
        fail(exc)
    if per_year:
        _print_per_year(years, as_json)
        return
    if plot:
        for path in _plot(result, plot):
            err.print(f"wrote {path}")
    if as_json:
        print_json(result.to_dict())
        return
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["theme", "label", "size", *result.groups])
        for t in result.themes:
            writer.writerow([t.id, t.label, t.size, *(t.shares.get(g, 0.0) for g in result.groups)])
        return
    _print_themes(result)


def _plot(result, path: Path) -> list[Path]:
    from semcomp.output.fonts import FontError
    from semcomp.output.themes_chart import plot_shares

    try:
        return plot_shares(result, path)
    except FontError as exc:
        fail(exc)


def _print_themes(result) -> None:
    err.print(f"{result.passages} passages, {len(result.themes)} themes, {result.outliers} outliers; {result.k_reason}")
    table = Table(show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("theme", overflow="fold", min_width=18)
    table.add_column("size", justify="right", no_wrap=True)
    shown = result.groups[-max(3, (out.width - 34) // 6) :]  # the latest groups that fit; --csv has all
    for g in shown:
        table.add_column(g, justify="right", no_wrap=True)
    for t in result.themes:
        table.add_row(str(t.id), t.label, str(t.size), *(f"{t.shares.get(g, 0.0):.0%}" for g in shown))
    out.print(table)
    if result.by == "year":
        for word, items in (("rising", result.rising()), ("falling", result.falling())):
            if items:
                out.print(line((f"{word}: ", "bold"), "; ".join(f"{t.id} {t.label} ({t.trend * 100:+.2f} points/year)" for t in items)))
    for t in result.themes:
        out.print(line((f"{t.id} {t.label}", "bold"), " ", (" ".join(t.terms), "dim")))
        for r in t.representatives:
            out.print(line("  ", (r.label or r.report_id, "dim"), " ", r.text[:90]))


def _print_per_year(years: dict, as_json: bool) -> None:
    if as_json:
        print_json({y: r.to_dict() for y, r in years.items()})
        return
    previous = None
    for year, result in years.items():
        out.rule(f"{year}: {len(result.themes)} themes, {result.passages} passages")
        for t in result.themes:
            link = f"  ← {previous.themes[t.follows].label}" if previous is not None and t.follows is not None else "  (new)"
            out.print(line(f"{t.id:>2} {t.label} ", (f"({t.size}){link if previous is not None else ''}", "dim")))
        previous = result
