"""``semcomp reuse`` and ``semcomp boilerplate``: copied phrasing between reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from semcomp.cli.common import IndexOpt, JsonOpt, app, err, fail, open_catalogue, out, print_json, resolve_report
from semcomp.store.catalogue import Catalogue

reuse_app = typer.Typer(rich_markup_mode="rich")
app.add_typer(reuse_app, name="reuse")


def _find(cat: Catalogue, selection):
    from semcomp.reuse.finder import ReuseError, find_reuse

    with err.status("looking for shared passages") as status:
        try:
            return find_reuse(cat, selection, on_progress=lambda m: status.update(m))
        except ReuseError as exc:
            fail(str(exc))


@reuse_app.callback(invoke_without_command=True)
def reuse(
    ctx: typer.Context,
    year: Annotated[str | None, typer.Option(help="Both reports in this year or range: 2021, 2019-2022.")] = None,
    region: Annotated[str | None, typer.Option(help="Either report's region contains this: 保定, 海拉尔区.")] = None,
    within_region: Annotated[bool, typer.Option("--within-region", help="Only a region reusing its own earlier text.")] = False,
    across_regions: Annotated[bool, typer.Option("--across-regions", help="Only reuse between different regions.")] = False,
    min_chars: Annotated[int, typer.Option(help="Shortest finding, in characters that are not numbers.")] = 15,
    top: Annotated[int, typer.Option(help="Findings (or matrix rows) to print.")] = 30,
    matrix: Annotated[bool, typer.Option("--matrix", help="Report × report share of text found in an earlier report.")] = False,
    plot: Annotated[Path | None, typer.Option(help="With --matrix: write a heat map (PNG).")] = None,
    paraphrase: Annotated[bool, typer.Option("--paraphrase", help="Also reworded sentences, from the sentence embeddings.")] = False,
    export: Annotated[Path | None, typer.Option(help="Write passages as passim input (JSON lines) and stop.")] = None,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
) -> None:
    """Shared passages between reports, earlier report first, boilerplate ranked below copying.

    [bold]Examples[/]

      semcomp reuse --region 保定 --across-regions
      semcomp reuse --region 海拉尔区 --within-region --json
      semcomp reuse --matrix --plot 复用.png
      semcomp reuse show 000_783dc 001_a8e5e
      semcomp reuse --export passages.jsonl
    """
    if ctx.invoked_subcommand:
        return
    from semcomp.reuse.finder import Selection
    from semcomp.search.similar import SearchError, parse_years

    cat = open_catalogue(index)
    if export is not None:
        from semcomp.reuse.export import write_passim

        with export.open("w", encoding="utf-8") as fh:
            n = write_passim(cat, fh)
        err.print(f"wrote {n} passages to {export}")
        return
    if within_region and across_regions:
        fail("choose one of --within-region and --across-regions")
    try:
        years = parse_years(year)
    except SearchError as exc:
        fail(str(exc))
    scope = "within-region" if within_region else "across-regions" if across_regions else None
    findings = _find(cat, Selection(years=years, region=region, scope=scope, min_chars=min_chars))
    if matrix:
        from semcomp.reuse.matrix import share_matrix

        cells = share_matrix(cat, findings)
        if plot:
            from semcomp.reuse.plot import plot_matrix

            plot_matrix(cells, plot)
            err.print(f"wrote {plot}")
        if as_json:
            print_json([c.to_dict() for c in cells])
            return
        table = Table()
        table.add_column("source (earlier)", overflow="fold", min_width=16)
        table.add_column("target", overflow="fold", min_width=16)
        for col in ("share", "chars", "findings", "scope"):
            table.add_column(col, no_wrap=True)
        for c in cells[:top]:
            table.add_row(c.source, c.target, f"{c.share:.1%}", str(c.chars), str(c.findings), c.scope)
        out.print(table)
        return
    reworded = _paraphrases(cat, index, findings, min_chars) if paraphrase else []
    if as_json:
        print_json([f.to_dict() for f in findings] if not paraphrase else {"verbatim": [f.to_dict() for f in findings],
                                                                            "paraphrase": [f.to_dict() for f in reworded]})  # fmt: skip
        return
    for rank, f in enumerate(findings[:top], 1):
        _print_finding(rank, f)
    err.print(f"{len(findings)} findings" + (f", {top} shown (--top)" if len(findings) > top else ""))
    if paraphrase:
        out.rule("paraphrased (reworded, from embeddings)")
        for rank, f in enumerate(reworded[:top], 1):
            _print_finding(rank, f)
        err.print(f"{len(reworded)} paraphrase findings")


def _paraphrases(cat: Catalogue, index: str, findings, min_chars: int):
    from semcomp.index.vectors import VectorIndexError
    from semcomp.reuse.paraphrase import find_paraphrases
    from semcomp.store.catalogue import index_dir

    try:
        return find_paraphrases(cat, index_dir(index), findings, min_chars)
    except VectorIndexError as exc:
        fail(f"--paraphrase needs the sentence embeddings of a current index: {exc}")


def _print_finding(rank: int, f) -> None:
    arrow = "→" if f.direction == "source-earlier" else "↔"
    head = Text(f"{rank:>2}. ", style="bold")
    spread = f"shared by {f.spread_reports} reports/{f.spread_regions} regions" if f.kind != "paraphrase" else f"cosine {f.similarity:.3f}"
    head.append(f"{f.kind} · {f.scope} · {f.chars} chars · {spread}", style="cyan")
    out.print(head)
    src, tgt = f.source, f.target
    out.print(Text(f"    {src.report_id} [{src.start}:{src.end}] {arrow} {tgt.report_id} [{tgt.start}:{tgt.end}]", style="dim"))
    out.print(_diff_text(f.opcodes, 0, "    A: "))
    out.print(_diff_text(f.opcodes, 1, "    B: "))


def _diff_text(opcodes, side: int, prefix: str = "") -> Text:
    text = Text(prefix)
    for tag, a, b in opcodes:
        piece = (a, b)[side]
        style = "" if tag == "equal" else "yellow" if tag == "differs" else "bold red" if side == 0 else "bold green"
        text.append(piece, style=style)
    return text


@reuse_app.command()
def show(
    a: Annotated[str, typer.Argument(help="One report (id, prefix or file name).")],
    b: Annotated[str, typer.Argument(help="The other report.")],
    min_chars: Annotated[int, typer.Option(help="Shortest shared passage shown.")] = 15,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
) -> None:
    """The shared passages of two reports side by side, differences highlighted.

    [bold]Example[/]

      semcomp reuse show 000_783dc 001_a8e5e
    """
    from semcomp.reuse.finder import Selection

    cat = open_catalogue(index)
    ra, rb = resolve_report(cat, a), resolve_report(cat, b)
    if ra == rb:
        fail("give two different reports")
    findings = [f for f in _find(cat, Selection(min_chars=min_chars)) if {f.source.report_id, f.target.report_id} == {ra, rb}]
    findings.sort(key=lambda f: f.source.start)
    if as_json:
        print_json([f.to_dict() for f in findings])
        return
    if not findings:
        err.print(f"{ra} and {rb} share no passage of {min_chars}+ characters")
        return
    first = findings[0]
    table = Table(title=f"{first.source.report_id} ({first.source.year}) → {first.target.report_id} ({first.target.year})", show_lines=True)
    table.add_column("earlier", ratio=1)
    table.add_column("later", ratio=1)
    table.add_column("kind")
    for f in findings:
        table.add_row(_diff_text(f.opcodes, 0, "A: "), _diff_text(f.opcodes, 1, "B: "), f"{f.kind}\n{f.similarity:.2f}")
    out.print(table)


@app.command("boilerplate")
def boilerplate_cmd(
    top: Annotated[int, typer.Option(help="Number of phrases.")] = 50,
    min_reports: Annotated[int, typer.Option(help="Fewest reports a phrase must appear in.")] = 3,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
) -> None:
    """The most widely shared phrases, with the number of reports per year and region.

    [bold]Example[/]

      semcomp boilerplate --top 20
    """
    from semcomp.reuse.boilerplate import boilerplate

    cat = open_catalogue(index)
    if len(cat.reports()) < 2:
        fail("boilerplate needs at least two reports")
    phrases = boilerplate(cat, top, min_reports)
    if as_json:
        print_json([p.to_dict() for p in phrases])
        return
    table = Table()
    for col in ("phrase", "reports", "regions", "years"):
        table.add_column(col, overflow="fold")
    for p in phrases:
        years = " ".join(f"{y}:{n}" for y, n in p.by_year.items())
        table.add_row(p.text, str(p.reports), str(p.regions), years)
    out.print(table)
