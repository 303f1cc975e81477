"""``semcomp diffusion``: when a phrase first appears at each level of government and how regions took
it up, or (``--echo``) how much of each local report echoes its superiors' reports."""

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
    output,
    read_terms,
)
from semcomp.output.emit import print_json

FIRST_COLUMNS = ("phrase", "tier", "year", "date", "label", "written")
ADOPTION_COLUMNS = ("year", "date", "tier", "label", "written", "mode")
ECHO_COLUMNS = ("label", "tier", "superior_reports", "share", "national_share", "province_share", "prefecture_share", "boilerplate_share")
PANEL_COLUMNS = ("region", "region_code", "tier", "year", "reports", "share")


EchoOpt = Annotated[
    bool,
    typer.Option(
        "--echo", help="Per local report: the share of its prose found in its superiors' reports of the same and the previous year."
    ),
]
DIFFUSION_HELP = """Policy diffusion across levels: State Council, province, prefecture, county.

A phrase's first appearance at each level and the order in which regions took it up, each marked
top-down, bottom-up or simultaneous (same year) against its superiors; punctuation is ignored and
a phrase of six characters or more also matches near variants (打好脱贫攻坚战 for 打赢脱贫攻坚战).

[bold]Examples[/]

  semcomp diffusion 精准扶贫 京津冀协同发展
  semcomp diffusion 打赢脱贫攻坚战 --plot 扩散.png --csv > 扩散.csv
  semcomp diffusion --terms 词典.txt
  semcomp diffusion --echo --region 保定
  semcomp diffusion --echo --panel --csv > 呼应面板.csv
"""


@app.command(help=DIFFUSION_HELP)
def diffusion(
    phrases: Annotated[list[str] | None, typer.Argument(help="Phrases to follow: 精准扶贫 河长制 …")] = None,
    echo: EchoOpt = False,
    terms: Annotated[
        Path | None, typer.Option("--terms", help="Follow each concept of a dictionary, as semcomp attention reads it.")
    ] = None,
    as_panel: Annotated[bool, typer.Option("--panel", help="With --echo: one row per region × year.")] = False,
    region: RegionOpt = None,
    year: YearOpt = None,
    report_type: TypeOpt = None,
    plot: Annotated[
        Path | None, typer.Option(help="Write a timeline by level of each phrase to FILE.png.", callback=output(".png"))
    ] = None,
    all_copies: AllCopiesOpt = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    from semcomp.errors import SemcompError
    from semcomp.store.filters import Filters, parse_years

    if echo == bool(phrases or terms):
        fail("give phrases to follow (or --terms), or --echo")
    if as_panel and not echo:
        fail("--panel goes with --echo")
    cat = open_catalogue(index)
    try:
        filters = Filters(years=parse_years(year), region=region, report_type=report_type, all_copies=all_copies)
        if echo:
            _echo(cat, filters, as_panel, as_json, as_csv)
        else:
            _spread(cat, filters, phrases or [], terms, plot, as_json, as_csv)
    except SemcompError as exc:
        fail(exc)


def _spread(cat, filters, phrases: list[str], terms: Path | None, plot: Path | None, as_json: bool, as_csv: bool) -> None:
    from semcomp.attention import read_dictionary
    from semcomp.diffusion import diffusion as spread

    found = spread(cat, [*phrases, *(read_dictionary(read_terms(terms)) if terms else [])], filters)
    if plot:
        from semcomp.output.diffusion_chart import plot_timeline

        err.print(f"wrote {plot_timeline(found, plot)}")
    if as_json:  # one object per phrase, with its firsts and adoptions
        print_json([d.to_dict() for d in found])
    elif as_csv:
        emit_records([a for d in found for a in d.adoptions], ADOPTION_COLUMNS, False, True)
    else:
        emit_records([f for d in found for f in d.firsts], FIRST_COLUMNS, False, False, title="first appearance at each level")
        for d in found:
            emit_records(d.adoptions, ADOPTION_COLUMNS, False, False, title=f"{d.phrase}: {len(d.adoptions)} regions, {d.reports} reports")


def _echo(cat, filters, as_panel: bool, as_json: bool, as_csv: bool) -> None:
    from semcomp.diffusion import echo_panel, echoes

    with err.status("looking for passages shared with superiors") as status:
        rows = echoes(cat, filters, on_progress=lambda m: status.update(m))
    emit_records(echo_panel(rows) if as_panel else rows, PANEL_COLUMNS if as_panel else ECHO_COLUMNS, as_json, as_csv)
