"""Catalogue commands: ingest, reports, show, remove."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import (
    CsvOpt,
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
    out,
    resolve_report,
)
from semcomp.ingest.readers import DEFAULT_MAX_MB, MAX_MB
from semcomp.model import Report, json_fields
from semcomp.output.emit import print_csv, print_json
from semcomp.output.terminal import line
from semcomp.safe_text import one_line, path_text
from semcomp.store.filters import FilterError, Filters, parse_years


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .docx .pdf .csv .jsonl).")],
    manifest: Annotated[list[Path] | None, typer.Option("--manifest", "-m", help="CSV with a 'file' column and metadata columns.")] = None,
    max_mb: Annotated[float, typer.Option(help="Skip single documents larger than this.")] = DEFAULT_MAX_MB,
    region: RegionOpt = None,
    year: YearOpt = None,
    report_type: TypeOpt = None,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Read reports into the catalogue: clean them, find their structure and metadata.

    The same file twice adds nothing; a changed file replaces its old version; an interrupted run
    leaves the catalogue as it was.

    [bold]Examples[/]

      semcomp ingest data/reports
      semcomp ingest 官渡区2023年上半年计划执行情况.docx --manifest 清单.csv
      semcomp ingest 报告.jsonl --index 云南
      semcomp ingest data/reports --region 保定 --year 2018-2022 --index 保定   # a slice: only these are stored
    """
    if not ingest_paths(paths, manifest or [], max_mb, index, as_json, quiet, slice_filters(region, year, report_type)):
        raise typer.Exit(1)


def slice_filters(region: str | None, year: str | None, report_type: str | None) -> Filters | None:
    """The slice a user asked to ingest, or None for every report."""
    if region is None and year is None and report_type is None:
        return None
    try:
        return Filters(years=parse_years(year), region=region, report_type=report_type)
    except FilterError as exc:
        fail(exc)


def ingest_paths(paths: list[Path], manifests: list[Path], max_mb: float, index: str, as_json: bool = False, quiet: bool = False,
                 keep: Filters | None = None) -> bool:  # fmt: skip
    """Ingest with a progress bar and say each input's outcome (on stdout as JSON with ``as_json``);
    False when some input failed and was skipped."""
    from semcomp.cli.progress import bars
    from semcomp.ingest.readers import discover
    from semcomp.ingest.run import IngestError, ingest

    cat = open_catalogue(index, create=True)
    files = list(discover(paths))  # walked once: the progress bar's total and the work list
    with bars(quiet=quiet) as bar:
        try:
            summary = ingest(files, cat, manifests, max_mb, keep=keep,
                             on_file=lambda path: bar.advance("ingest", 1, len(files), f"ingest {path_text(path.name)[:40]}"))  # fmt: skip
        except KeyboardInterrupt:
            fail("interrupted; the catalogue is unchanged", 130)
        except IngestError:
            fail(f"--max-mb takes a number of megabytes above 0 and up to {MAX_MB:,}, not {max_mb}")
    if as_json:
        print_json([o.__dict__ for o in summary.outcomes])
    for o in summary.outcomes:
        if o.status == "skipped":
            err.print(line(("skipped ", "red"), one_line(f"{o.source}: {o.reason}")))
        for w in o.warnings:
            err.print(line(("warning ", "yellow"), one_line(f"{Path(o.source).name}: {w}")))
    parts = [f"{summary.count(s)} {s}" for s in ("added", "replaced", "reread", "unchanged", "duplicate", "ignored", "skipped")]
    chrome = f"; {summary.chrome} repeated page-chrome paragraphs set aside" if summary.chrome else ""
    err.print(f"{len(summary.outcomes)} inputs: {', '.join(parts)}; {len(cat.reports())} reports in index '{index}'{chrome}")
    return not summary.failed


@app.command()
def reports(index: IndexOpt = "default", as_json: JsonOpt = False, as_csv: CsvOpt = False) -> None:
    """List the reports in the catalogue with their metadata and counts.

    [bold]Examples[/]

      semcomp reports
      semcomp reports --json | jq '.[] | select(.region | test("保定"))'
    """
    from semcomp.output.reports_text import report_record, report_row, reports_table

    cat = open_catalogue(index)
    counts = cat.counts()
    rows = cat.reports()
    if as_json:
        print_json([report_record(r) | counts.get(r.id, {}) for r in rows])
    elif as_csv:
        print_csv([report_row(r) | counts.get(r.id, {}) for r in rows])
    else:
        out.print(reports_table(rows, counts))


@app.command()
def show(
    report: Annotated[str, typer.Argument(help="Report id, a unique prefix of it, or its file name.")],
    outline: Annotated[bool, typer.Option("--outline", help="Only the heading tree.")] = False,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Print one section, e.g. 2.3.")] = None,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
) -> None:
    """Show a report: metadata and outline, or one section's text with its offsets.

    [bold]Examples[/]

      semcomp show 000_783dc --outline
      semcomp show 000_783dc --section 1.2
    """
    from semcomp.output.reports_text import print_report, report_record

    cat = open_catalogue(index)
    r = cat.report(resolve_report(cat, report), passages=section is not None)
    if section is not None:
        _show_section(r, section, as_json)
    elif as_json:
        print_json(report_record(r) | {"sections": [s.__dict__ for s in r.sections]})
    else:
        print_report(r, out, outline)


def _show_section(r: Report, path: str, as_json: bool) -> None:
    from semcomp.output.reports_text import print_passages

    known = {s.path for s in r.sections}
    if path not in known:
        fail(f"report {r.id} has no section {path} (see `semcomp show {r.id} --outline`)")
    passages = [
        p for p in r.passages
        if p.granularity == "paragraph" and (p.section_path == path or p.section_path.startswith(path + "."))
    ]  # fmt: skip
    if not passages:
        fail(f"section {path} of {r.id} is empty")
    if as_json:
        print_json([json_fields(p) for p in passages])
    else:
        print_passages(passages, out)


@app.command()
def remove(
    report: Annotated[str, typer.Argument(help="Report id, a unique prefix of it, or its file name.")],
    index: IndexOpt = "default",
) -> None:
    """Remove a report (and its document once no report of it is left).

    [bold]Example[/]

      semcomp remove 004_d207dd5c7035d7fb
    """
    cat = open_catalogue(index)
    rid = resolve_report(cat, report)
    cat.remove_report(rid)
    err.print(f"removed {rid}")
