"""``semcomp summarize``: a few of a section's own sentences, under each heading."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from semcomp.cli.common import CsvOpt, IndexOpt, JsonOpt, app, err, fail, open_catalogue, out, resolve_report
from semcomp.output.emit import print_csv, print_json
from semcomp.summarize import Method

SUMMARIZE_HELP = """Extractive summary: whole sentences of the report, in their order, numbers and names verbatim.

[bold]Examples[/]

  semcomp summarize 000_783dc
  semcomp summarize 000_783dc --section 2.1 -n 2
  semcomp summarize 002_377fd --ratio 0.15 --markdown > 麒麟区摘要.md
"""


@app.command(help=SUMMARIZE_HELP)
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
    _emit(cat, rid, result, markdown, as_json, as_csv)


def _emit(cat, rid: str, result: list, markdown: bool, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.rows import summary_rows
    from semcomp.output.summary_markdown import as_markdown
    from semcomp.output.summary_text import print_summaries

    if as_json:
        print_json([s.to_dict() for s in result])
    elif as_csv:
        print_csv(summary_rows(result))
    elif markdown:
        sys.stdout.write(as_markdown(cat.report(rid, passages=False), result))
    else:
        print_summaries(result, out)
