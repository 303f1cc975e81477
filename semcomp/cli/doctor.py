"""``semcomp doctor``: what is wrong with an index, in one line each, and the repair."""

from __future__ import annotations

from typing import Annotated

import typer

from semcomp.cli.common import IndexOpt, JsonOpt, app, err, out
from semcomp.output.emit import print_json
from semcomp.output.terminal import line

STYLES = {"ok": "green", "repaired": "yellow", "stale": "yellow", "damaged": "bold red"}


@app.command()
def doctor(
    repair: Annotated[bool, typer.Option("--repair", help="Rebuild what is damaged; damaged files are moved aside.")] = False,
    index: IndexOpt = "default",
    as_json: JsonOpt = False,
) -> None:
    """Check the catalogue, the embedding caches, the model's weights and the index files.

    Exits with 1 while anything is still wrong or stale. With --repair: a damaged catalogue is
    rebuilt from the documents and manifest values it stored, a damaged cache is set aside, the
    default model is prepared again, and a damaged or stale index is rebuilt.

    [bold]Examples[/]

      semcomp doctor
      semcomp doctor --index 保定 --repair
    """
    from semcomp.doctor import diagnose

    findings = diagnose(index, repair=repair, on_step=lambda m: err.print(m))
    if as_json:
        print_json([f.to_dict() for f in findings])
    else:
        for f in findings:
            status = "repaired" if f.repaired else "ok" if f.ok else "stale" if f.stale else "damaged"
            out.print(line((f"{status:<9}", STYLES[status]), (f"{f.part:<10}", "bold"), f.detail))
    if not all(f.ok for f in findings):
        if not repair:
            err.print("semcomp doctor --repair rebuilds what is derived")
        raise typer.Exit(1)
