"""What every command shares: the typer app, the two consoles, common options and one-line errors."""

from __future__ import annotations

import json
import sys
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from semcomp.store.catalogue import Catalogue, CatalogueError

app = typer.Typer(
    name="semcomp",
    help="Semantic comparison of Chinese government reports (政府工作报告、计划执行情况报告).",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)  # data
err = Console(stderr=True, soft_wrap=True)  # progress and messages

IndexOpt = Annotated[
    str, typer.Option("--index", "-i", envvar="SEMCOMP_INDEX", help="Index name under indexes/ (or $SEMCOMP_INDEXES).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]semcomp:[/] {message}", highlight=False)
    raise typer.Exit(code)


def open_catalogue(index: str) -> Catalogue:
    try:
        return Catalogue.open(index)
    except CatalogueError as exc:
        fail(str(exc))


def resolve_report(cat: Catalogue, ref: str) -> str:
    try:
        return cat.resolve(ref)
    except KeyError as exc:
        fail(exc.args[0])


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
