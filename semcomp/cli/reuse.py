"""``semcomp reuse`` and ``semcomp boilerplate``: copied phrasing between reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import (
    AddressOpt,
    AllCopiesOpt,
    CsvOpt,
    IndexOpt,
    JsonOpt,
    app,
    err,
    fail,
    open_catalogue,
    out,
    output,
    resolve_report,
)
from semcomp.errors import SemcompError
from semcomp.output.emit import print_csv, print_json
from semcomp.ray_cluster import Engine
from semcomp.store.catalogue import Catalogue

reuse_app = typer.Typer(rich_markup_mode="rich")
app.add_typer(reuse_app, name="reuse")


def _find(cat: Catalogue, selection, engine: Engine = "local", address: str | None = None):
    from semcomp.reuse.finder import find_reuse

    with err.status("looking for shared passages") as status:
        try:
            return find_reuse(cat, selection, on_progress=lambda m: status.update(m), engine=engine, address=address)
        except SemcompError as exc:  # nothing to compare, or a Ray cluster that failed
            fail(exc)


REUSE_HELP = """Shared passages between reports, earlier report first, boilerplate after copying.

[bold]Examples[/]

  semcomp reuse --region 保定 --across-regions
  semcomp reuse --region 海拉尔区 --within-region --json
  semcomp reuse --clusters --region 保定 --csv > 保定复用.csv
  semcomp reuse --matrix --plot 复用.png
  semcomp reuse show 000_783dc 001_a8e5e
  semcomp reuse --export passages.jsonl
  semcomp reuse --engine ray --address ray://集群主机:10001
"""


@reuse_app.callback(invoke_without_command=True, help=REUSE_HELP)
def reuse(
    ctx: typer.Context,
    year: Annotated[str | None, typer.Option(help="Both reports in this year or range: 2021, 2019-2022.")] = None,
    region: Annotated[str | None, typer.Option(help="Either report's region contains this: 保定, 海拉尔区.")] = None,
    within_region: Annotated[bool, typer.Option("--within-region", help="Only a region reusing its own earlier text.")] = False,
    across_regions: Annotated[bool, typer.Option("--across-regions", help="Only reuse between different regions.")] = False,
    min_chars: Annotated[int, typer.Option(help="Shortest finding, in characters that are not numbers.")] = 15,
    top: Annotated[int, typer.Option(help="Findings, clusters or matrix cells to print.")] = 30,
    clusters: Annotated[bool, typer.Option("--clusters", help="Each shared passage once, with every report that holds it.")] = False,
    matrix: Annotated[bool, typer.Option("--matrix", help="Report × report share of text found in an earlier report.")] = False,
    plot: Annotated[Path | None, typer.Option(help="With --matrix: write a heat map to this .png file.", callback=output(".png"))] = None,
    paraphrase: Annotated[bool, typer.Option("--paraphrase", help="Also reworded sentences, from the sentence embeddings.")] = False,
    export: Annotated[Path | None, typer.Option(help="Write passages as passim input (JSON lines) and stop.", callback=output())] = None,
    engine: Annotated[Engine, typer.Option(help="local, or ray: the block pairs of reports as Ray tasks (same findings).")] = "local",
    address: AddressOpt = None,
    all_copies: AllCopiesOpt = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    if ctx.invoked_subcommand:
        return
    _check(min_chars, top, plot, matrix, clusters, paraphrase, within_region, across_regions, engine == "local" and bool(address))
    cat = open_catalogue(index)
    if export is not None:
        _export(cat, export)
        return
    findings = _find(cat, _selection(year, region, within_region, across_regions, min_chars, all_copies), engine, address)
    _show(cat, findings, top, plot, matrix, clusters, paraphrase, min_chars, as_json, as_csv)


def _show(cat: Catalogue, findings, top: int, plot: Path | None, matrix: bool, clusters: bool, paraphrase: bool,
          min_chars: int, as_json: bool, as_csv: bool) -> None:  # fmt: skip
    """The findings in the view asked for: the matrix, the clusters, with paraphrases, or as they are."""
    reports = {r.id: r for r in cat.reports()}
    if matrix:
        _print_matrix(cat, findings, reports, top, plot, as_json, as_csv)
    elif clusters:
        _print_clusters(cat, findings, reports, top, as_json, as_csv)
    elif paraphrase:
        _print_paraphrases(findings, _paraphrases(cat, findings, min_chars), reports, top, as_json, as_csv)
    elif as_json:
        print_json([f.to_dict() for f in findings])
    elif as_csv:
        _findings_csv(findings)
    else:
        _print_findings(findings, reports, top)


def _check(min_chars: int, top: int, plot: Path | None, matrix: bool, clusters: bool, paraphrase: bool, within_region: bool,
           across_regions: bool, lone_address: bool) -> None:  # fmt: skip
    """Options that don't go together, refused before any work."""
    if lone_address:
        fail("--address goes with --engine ray")
    if min_chars < 1 or top < 1:
        fail("--min-chars and --top must be at least 1")
    if plot is not None and not matrix:
        fail("--plot draws the matrix: add --matrix")
    if sum((clusters, matrix, paraphrase)) > 1:
        fail("choose one of --clusters, --matrix and --paraphrase")
    if within_region and across_regions:
        fail("choose one of --within-region and --across-regions")


def _selection(year: str | None, region: str | None, within_region: bool, across_regions: bool, min_chars: int, all_copies: bool):
    from semcomp.reuse.selection import ScopeFilter, Selection
    from semcomp.store.filters import FilterError, parse_years

    try:
        years = parse_years(year)
    except FilterError as exc:
        fail(exc)
    scope: ScopeFilter | None = "within-region" if within_region else "across-regions" if across_regions else None
    return Selection(years=years, region=region, scope=scope, min_chars=min_chars, all_copies=all_copies)


def _export(cat: Catalogue, path: Path) -> None:
    from semcomp.reuse.export import write_passim
    from semcomp.whole_files import whole_file

    with whole_file(path) as tmp, tmp.open("w", encoding="utf-8") as fh:  # a failure leaves the old file as it was
        n = write_passim(cat, fh)
    err.print(f"wrote {n} passages to {path}")


def _print_paraphrases(findings, reworded, reports, top: int, as_json: bool, as_csv: bool) -> None:
    if as_json:
        print_json({"verbatim": [f.to_dict() for f in findings], "paraphrase": [f.to_dict() for f in reworded]})
    elif as_csv:
        _findings_csv(findings + reworded)
    else:
        _print_findings(findings, reports, top)
        out.rule("paraphrased (reworded, from embeddings)")
        _print_findings(reworded, reports, top, "paraphrase findings")


def _findings_csv(findings) -> None:
    from semcomp.output.rows import finding_rows

    print_csv(finding_rows(findings))


def _print_findings(findings, reports, top: int, what: str = "findings") -> None:
    from semcomp.output.reuse_text import print_findings

    print_findings(findings, reports, top, out)
    copying = sum(1 for f in findings if not f.boilerplate)
    err.print(f"{len(findings)} {what} ({copying} copying, {len(findings) - copying} boilerplate)"
              + (f", {top} shown (--top)" if len(findings) > top else ""))  # fmt: skip


def _print_matrix(cat, findings, reports, top: int, plot: Path | None, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.reuse_text import matrix_table
    from semcomp.reuse.matrix import share_matrix

    cells = share_matrix(cat, findings)
    if plot:
        from semcomp.output.reuse_matrix import plot_matrix

        dated = sorted(reports.values(), key=lambda r: (r.when, r.id))
        plot_matrix(cells, [(r.id, r.label) for r in dated], plot)
        err.print(f"wrote {plot}")
    if as_json or as_csv:
        rows = [c.to_dict() | {"source_label": reports[c.source].label, "target_label": reports[c.target].label} for c in cells]
        print_json(rows) if as_json else print_csv(rows)
        return
    out.print(matrix_table(cells, reports, top))
    if len(cells) > top:
        err.print(f"{len(cells)} pairs, the {top} with the largest shares shown (--top)")


def _print_clusters(cat: Catalogue, findings, reports, top: int, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.reuse_text import print_clusters
    from semcomp.output.rows import cluster_rows
    from semcomp.reuse.clusters import reuse_clusters

    found = reuse_clusters(cat, findings)
    if as_json:
        print_json([c.to_dict() for c in found])
        return
    if as_csv:
        print_csv(cluster_rows(found))
        return
    print_clusters(found, reports, top, out)
    err.print(f"{len(found)} clusters" + (f", {top} shown (--top)" if len(found) > top else ""))


def _paraphrases(cat: Catalogue, findings, min_chars: int):
    from semcomp.index.vectors import VectorIndexError
    from semcomp.reuse.paraphrase import find_paraphrases

    try:
        return find_paraphrases(cat, findings, min_chars)
    except VectorIndexError as exc:
        fail(f"--paraphrase needs the sentence embeddings of a current index: {exc}")


@reuse_app.command()
def show(
    a: Annotated[str, typer.Argument(help="One report (id, prefix or file name).")],
    b: Annotated[str, typer.Argument(help="The other report.")],
    min_chars: Annotated[int, typer.Option(help="Shortest shared passage shown.")] = 15,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """The shared passages of two reports side by side, differences highlighted.

    [bold]Example[/]

      semcomp reuse show 000_783dc 001_a8e5e
    """
    from semcomp.output.reuse_text import print_pair
    from semcomp.reuse.selection import Selection

    cat = open_catalogue(index)
    ra, rb = resolve_report(cat, a), resolve_report(cat, b)
    if ra == rb:
        fail("give two different reports")
    findings = [f for f in _find(cat, Selection(min_chars=min_chars)) if {f.source.report_id, f.target.report_id} == {ra, rb}]
    findings.sort(key=lambda f: f.source.start)
    if as_json:
        print_json([f.to_dict() for f in findings])
        return
    if as_csv:
        _findings_csv(findings)
        return
    if not findings:
        err.print(f"{ra} and {rb} share no passage of {min_chars}+ characters")
        return
    print_pair(findings, {r.id: r for r in cat.reports()}, out)


@app.command("boilerplate")
def boilerplate_cmd(
    top: Annotated[int, typer.Option(min=1, help="Number of phrases.")] = 50,
    min_reports: Annotated[int, typer.Option(min=1, help="Fewest reports a phrase must appear in.")] = 3,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """The most widely shared phrases, with their lineage: the first report that has each, and the reports
    holding it per year and per level of government.

    [bold]Example[/]

      semcomp boilerplate --top 20
    """
    from semcomp.output.reuse_text import boilerplate_table
    from semcomp.output.rows import phrase_rows
    from semcomp.reuse.boilerplate import boilerplate

    cat = open_catalogue(index)
    if len(cat.reports()) < 2:
        fail("boilerplate needs at least two reports")
    phrases = boilerplate(cat, top, min_reports)
    if as_json:
        print_json([p.to_dict() for p in phrases])
        return
    if as_csv:
        print_csv(phrase_rows(phrases))
        return
    out.print(boilerplate_table(phrases))
