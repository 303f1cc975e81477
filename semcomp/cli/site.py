"""``semcomp site``: the whole analysis of an index as a static site that opens from disk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import (
    IndexOpt,
    JsonOpt,
    QuietOpt,
    RegionOpt,
    TypeOpt,
    YearOpt,
    app,
    err,
    fail,
    open_catalogue,
    read_terms,
    resolve_report,
)
from semcomp.cli.progress import bars
from semcomp.errors import SemcompError
from semcomp.output.emit import print_json
from semcomp.store.catalogue import Catalogue
from semcomp.summarize import Method

SITE_HELP = """A static HTML site of an index: overview, a page per report (outline, summaries, figures, full text),
themes, reuse, comparisons, policy attention, diffusion and targets. It needs no server and fetches
nothing: open OUT/index.html.

Without --pair, consecutive years of each region and report type are compared.

[bold]Examples[/]

  semcomp site 网站 --index seeds
  semcomp site 海拉尔 --region 海拉尔区 --year 2015-2019
  semcomp site 海拉尔 --pair 海拉尔区2015,海拉尔区2016 --pair 海拉尔区2018,海拉尔区2019
  semcomp site 保定 --region 保定 --terms 词典.txt --phrase 精准扶贫 --phrase 京津冀协同发展
"""


@app.command(help=SITE_HELP)
def site(
    out: Annotated[Path, typer.Argument(help="Folder to write (new, empty, or a site written before).")],
    pair: Annotated[list[str] | None, typer.Option("--pair", help="Two reports to compare, 'EARLIER,LATER'; repeat for more.")] = None,
    method: Annotated[Method | None, typer.Option(help="How sections are summarised (default: lexrank if sentences are indexed).")] = None,
    year: YearOpt = None,
    region: RegionOpt = None,
    report_type: TypeOpt = None,
    terms: Annotated[Path | None, typer.Option("--terms", help="The attention page's dictionary (as for semcomp attention).")] = None,
    phrase: Annotated[list[str] | None, typer.Option("--phrase", help="A phrase for the diffusion page; repeat for more.")] = None,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    from semcomp.attention import read_dictionary
    from semcomp.site import build_site, check_target
    from semcomp.store.filters import Filters, parse_years

    try:
        check_target(out)  # before the progress bar, so that a refusal is one line
    except SemcompError as exc:
        fail(exc)
    cat = open_catalogue(index)
    pairs = _pairs(cat, pair) if pair else None
    try:
        with bars(quiet=quiet) as bar:
            filters = Filters(years=parse_years(year), region=region, report_type=report_type)
            concepts = read_dictionary(read_terms(terms)) if terms else None
            summary = build_site(cat, out, pairs, method, filters, on_progress=bar.reach, concepts=concepts, phrases=phrase)
    except SemcompError as exc:
        fail(exc)
    if as_json:
        print_json({"folder": str(summary.folder), "pages": summary.pages, "reports": summary.reports,
                    "pairs": [list(p) for p in summary.pairs], "method": summary.method, "notes": summary.notes})  # fmt: skip
        return
    for note in summary.notes:
        err.print(note)
    err.print(f"wrote {summary.pages} pages ({summary.reports} reports, {len(summary.pairs)} comparisons, summaries by {summary.method})")
    typer.echo(str(summary.folder / "index.html"))


def _pairs(cat: Catalogue, given: list[str]) -> list[tuple[str, str]]:
    """The report pairs of ``--pair EARLIER,LATER`` options, as report ids."""
    pairs = []
    for text in given:
        names = text.replace("，", ",").split(",")
        if len(names) != 2:
            fail(f"--pair takes two reports as 'EARLIER,LATER', not '{text}'")
        pairs.append((resolve_report(cat, names[0].strip()), resolve_report(cat, names[1].strip())))
    return pairs
