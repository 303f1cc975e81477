"""Catalogue commands: ingest, reports, show, remove."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.tree import Tree

from semcomp.cli.common import CsvOpt, IndexOpt, JsonOpt, app, err, fail, open_catalogue, out, print_csv, print_json, resolve_report
from semcomp.ingest.readers import DEFAULT_MAX_MB, MAX_MB
from semcomp.model import META_FIELDS, Report
from semcomp.output.terminal import line
from semcomp.safe_text import path_text


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .docx .pdf .csv .jsonl).")],
    manifest: Annotated[
        list[Path] | None, typer.Option("--manifest", "-m", help="CSV with a 'file' column and metadata columns.")
    ] = None,
    max_mb: Annotated[float, typer.Option(help="Skip single documents larger than this.")] = DEFAULT_MAX_MB,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
) -> None:
    """Read reports into the catalogue: clean them, find their structure and metadata.

    The same file twice adds nothing; a changed file replaces its old version; an interrupted run
    leaves the catalogue as it was.

    [bold]Examples[/]

      semcomp ingest data/reports
      semcomp ingest 官渡区2023年上半年计划执行情况.docx --manifest 清单.csv
      semcomp ingest 报告.jsonl --index 云南
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from semcomp.ingest.readers import discover
    from semcomp.ingest.run import IngestError
    from semcomp.ingest.run import ingest as run_ingest

    cat = open_catalogue(index, create=True)
    files = list(discover(paths))  # walked once: the progress bar's total and the work list
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("ingest", total=len(files))

        def step(path: Path) -> None:
            progress.update(task, advance=1, description=f"ingest {path_text(path.name)[:40]}")

        try:
            summary = run_ingest(files, cat, manifest or [], max_mb, on_file=step)
        except KeyboardInterrupt:
            fail("interrupted; the catalogue is unchanged", 130)
        except IngestError:
            fail(f"--max-mb takes a number of megabytes above 0 and up to {MAX_MB:,}, not {max_mb}")
    if as_json:
        print_json([o.__dict__ for o in summary.outcomes])
    for o in summary.outcomes:
        if o.status == "skipped":
            err.print(line(("skipped ", "red"), f"{o.source}: {o.reason}"))
        for w in o.warnings:
            err.print(line(("warning ", "yellow"), f"{Path(o.source).name}: {w}"))
    parts = [f"{summary.count(s)} {s}" for s in ("added", "replaced", "reread", "unchanged", "duplicate", "ignored", "skipped")]
    n_reports = len(cat.reports())
    chrome = f"; {summary.chrome} repeated page-chrome paragraphs set aside" if summary.chrome else ""
    err.print(f"{len(summary.outcomes)} inputs: {', '.join(parts)}; {n_reports} reports in index '{index}'{chrome}")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def reports(index: IndexOpt = "default", as_json: JsonOpt = False, as_csv: CsvOpt = False) -> None:
    """List the reports in the catalogue with their metadata and counts.

    [bold]Examples[/]

      semcomp reports
      semcomp reports --json | jq '.[] | select(.region | test("保定"))'
    """
    cat = open_catalogue(index)
    counts = cat.counts()
    rows = cat.reports()
    if as_json:
        print_json([_report_json(r) | counts.get(r.id, {}) for r in rows])
        return
    if as_csv:  # the metadata's values without their sources, warnings joined
        print_csv([{k: "；".join(v) if k == "warnings" else v for k, v in _report_json(r).items() if k != "meta"} | counts.get(r.id, {})
                   for r in rows])  # fmt: skip
        return
    table = Table(show_lines=False, caption="full regions, titles and counts: --json")
    table.add_column("report", no_wrap=True)
    table.add_column("id", overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("paras", justify="right", no_wrap=True)
    table.add_column("notes", overflow="fold", max_width=10)
    for r in rows:
        c = counts.get(r.id, {})
        notes = ("truncated " if r.truncated else "") + (f"{len(r.warnings)} warnings" if r.warnings else "")
        table.add_row(r.label, r.id, r.value("date") or "", str(c.get("paragraphs", 0)), notes.strip())
    out.print(table)


def _report_json(r: Report) -> dict:
    return {"id": r.id, "label": r.label, "source": r.source, "start": r.start, "end": r.end, "truncated": r.truncated} | {
        k: r.value(k) for k in META_FIELDS
    } | {"meta": r.meta_dict(), "warnings": r.warnings}


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
    cat = open_catalogue(index)
    r = cat.report(resolve_report(cat, report), passages=section is not None)
    if section is not None:
        _show_section(r, section, as_json)
        return
    if as_json:
        data = _report_json(r) | {"sections": [s.__dict__ for s in r.sections]}
        print_json(data)
        return
    if not outline:
        for name, f in r.meta.items():
            out.print(line((f"{name}: ", "bold"), f"{f.value}  ", (f"({f.source}, confidence {f.confidence:.2f})", "dim")))
        out.print(line(("source: ", "bold"), f"{r.source} ", (f"[{r.start}:{r.end}]", "dim")))
        for w in r.warnings:
            out.print(line(("warning: ", "yellow"), w))
    tree = Tree(line((r.value("title") or r.id, "bold")))
    nodes = {"": tree}
    for s in r.sections:
        parent = s.path.rpartition(".")[0]
        label = line(f"{s.path} {s.title}", (f" ({s.part})", "dim") if s.depth == 1 else "")
        nodes[s.path] = nodes.get(parent, tree).add(label)
    out.print(tree)


def _show_section(r: Report, path: str, as_json: bool) -> None:
    known = {s.path for s in r.sections}
    if path not in known:
        fail(f"report {r.id} has no section {path} (see `semcomp show {r.id} --outline`)")
    passages = [
        p for p in r.passages
        if p.level == "paragraph" and (p.section_path == path or p.section_path.startswith(path + "."))
    ]  # fmt: skip
    if not passages:
        fail(f"section {path} of {r.id} is empty")
    if as_json:
        print_json([p.__dict__ for p in passages])
        return
    for p in passages:
        style = "bold" if p.kind == "heading" else "dim" if p.kind in ("table", "glossary") else ""
        out.print(line((f"{p.section_path} [{p.start}:{p.end}]", "dim")))
        out.print(p.text, style=style)


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
