"""``semcomp compare``: what changed between two reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from semcomp.cli.common import CsvOpt, IndexOpt, JsonOpt, app, err, fail, open_catalogue, out, print_csv, print_json, resolve_report
from semcomp.output.terminal import line

STYLES = {"kept": "green", "reworded": "yellow", "new": "cyan", "dropped": "red"}


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="The earlier report, or one of two districts: name (海拉尔区2015), id, prefix or file name.")],
    b: Annotated[str, typer.Argument(help="The later report, or the other district.")],
    html: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML page.")] = None,
    only_changes: Annotated[bool, typer.Option("--changes", help="Leave out kept passages.")] = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Passages aligned by meaning (kept, reworded, new, dropped), key figures side by side, themes that moved.

    [bold]Examples[/]

      semcomp compare 001_a8e5e 000_783dc
      semcomp compare 海拉尔区2015 海拉尔区2016 --html 海拉尔2015-2016.html
    """
    from semcomp.cli.common import encoder_for
    from semcomp.compare.report import compare as run
    from semcomp.embed.models import ModelError
    from semcomp.output.changes import as_text
    from semcomp.output.figures_text import figures_text

    cat = open_catalogue(index)
    ra, rb = resolve_report(cat, a), resolve_report(cat, b)
    if ra == rb:
        fail("give two different reports")
    try:
        encoder = encoder_for(index)
        with err.status("aligning"):
            result = run(cat, ra, rb, encoder)
    except ModelError as exc:
        fail(exc)
    if html:
        from semcomp.output.site.assets import single_file
        from semcomp.output.site.compare import compare_body, compare_title
        from semcomp.whole_files import write_whole

        write_whole(html, single_file(compare_title(result), compare_body(result)).encode())
        err.print(f"wrote {html}")
    if as_json:
        print_json(result.to_dict())
        return
    if as_csv:
        from semcomp.output.rows import comparison_rows

        print_csv([r for r in comparison_rows(result) if not (only_changes and r["status"] == "kept")])
        return
    err.print(", ".join(f"{k} {v}" for k, v in sorted(result.counts.items())))
    figures = Table(title="key figures")
    a_name, b_name = f"{result.a_label}\n{ra}", f"{result.b_label}\n{rb}"
    for col in ("indicator", "kind", a_name, b_name):
        figures.add_column(col, overflow="fold")
    for p in result.figures[:25]:
        figures.add_row(p.indicator, p.kind, figures_text(p.a, "\n"), figures_text(p.b, "\n"))
    out.print(figures)
    for t in result.themes[:5]:
        out.print(f"theme {t['theme']}: {t['a']:.0%} → {t['b']:.0%} ({t['change'] * 100:+.1f} points)")
    table = Table(show_lines=True, caption="B's column marks what changed: A's words struck through, B's underlined, figures bold")
    table.add_column(a_name, ratio=1, overflow="fold")
    table.add_column(b_name, ratio=1, overflow="fold")
    table.add_column("", no_wrap=True)
    for r in result.rows:
        if only_changes and r.status == "kept":
            continue
        mark = line((r.status, STYLES[r.status]), "" if r.confidence is None else f"\n{r.similarity:.2f}\np {r.confidence:.2f}")
        b_text = as_text(r.changes) if r.changes else (r.b.text if r.b else "")
        table.add_row(r.a.text if r.a else "", b_text, mark)
    out.print(table)

