"""``semcomp summarize``: a few of a section's own sentences, under each heading."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from semcomp.cli.common import CsvOpt, IndexOpt, JsonOpt, app, err, fail, open_catalogue, out, resolve_report
from semcomp.output.emit import print_csv, print_json
from semcomp.output.terminal import line
from semcomp.summarize import Method


@app.command()
def summarize(
    report: Annotated[str, typer.Argument(help="Report id, a unique prefix of it, or its file name.")],
    section: Annotated[str | None, typer.Option("--section", "-s", help="One section (with its subsections), e.g. 2.1.")] = None,
    sentences: Annotated[int | None, typer.Option("--sentences", "-n", help="Sentences per section (default 3).")] = None,
    ratio: Annotated[float | None, typer.Option(help="Or a share of each section's sentences, e.g. 0.2.")] = None,
    method: Annotated[Method, typer.Option(help="lexrank: by meaning; textrank: by shared words; lead: the first sentences.")] = "lexrank",
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown: headings by level, offsets, … between gaps.")] = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Extractive summary: whole sentences of the report, in their order, numbers and names verbatim.

    [bold]Examples[/]

      semcomp summarize 000_783dc
      semcomp summarize 000_783dc --section 2.1 -n 2
      semcomp summarize 002_377fd --ratio 0.15 --markdown > 麒麟区摘要.md
    """
    from semcomp.cli.common import encoder_for
    from semcomp.embed.models import ModelError
    from semcomp.summarize.summarizer import SummaryError
    from semcomp.summarize.summarizer import summarize_report as run

    if sentences is not None and ratio is not None:
        fail("give --sentences or --ratio, not both")
    cat = open_catalogue(index)
    rid = resolve_report(cat, report)
    try:
        encoder = encoder_for(index) if method == "lexrank" else None
        with err.status("summarising"):
            result = run(cat, rid, encoder, section, sentences, ratio, method)
    except (ModelError, SummaryError) as exc:
        fail(exc)
    if as_json:
        print_json([s.to_dict() for s in result])
        return
    if as_csv:
        from semcomp.output.rows import summary_rows

        print_csv(summary_rows(result))
        return
    if markdown:
        from semcomp.output.summary_markdown import as_markdown

        sys.stdout.write(as_markdown(cat.report(rid, passages=False), result))
        return
    for s in result:
        depth = s.path.count(".") + 1
        note = " (whole: too short to summarise)" if s.whole else f" ({len(s.sentences)} of {s.total} sentences)"
        points = " · ".join(h.text.rstrip("。：:") for h in s.headings)
        out.print(line((f"{'  ' * (depth - 1)}{s.path} {s.title}", "bold"), (note, "dim")))
        if points:
            out.print(line((f"{'  ' * depth}{points}", "italic")))
        for p in s.sentences:
            out.print(line(f"{'  ' * depth}{p.text} ", (f"[{p.start}:{p.end}]", "dim")))
