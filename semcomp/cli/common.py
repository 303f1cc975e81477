"""What every command shares: the typer app, the two consoles, common options and one-line errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Literal, NoReturn

import typer

from semcomp.errors import NotFound, SemcompError
from semcomp.output.terminal import PlainConsole, line
from semcomp.safe_text import one_line, printable
from semcomp.store.catalogue import Catalogue, CatalogueError

app = typer.Typer(
    name="semcomp",
    help="Semantic comparison of Chinese government reports (政府工作报告、计划执行情况报告).",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("semcomp")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        sys.stdout.write(f"semcomp {number}\n")
        raise typer.Exit


@app.callback()
def _options(
    show_version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    pass  # options of ``semcomp`` itself; the app's help says what it is


out = PlainConsole()  # data
err = PlainConsole(stderr=True)  # progress and messages


def _theme_count(value: str) -> str:
    if value != "auto" and not (value.isascii() and value.isdigit() and len(value) <= 6):
        fail(f"-k takes a number or 'auto', not {printable(value)!r}")
    return value


def theme_count(k: str) -> int | Literal["auto"]:
    """The number of themes a checked ``-k`` asks for."""
    return "auto" if k == "auto" else int(k)


def _one_format(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> bool:
    """--json and --csv exclude each other: the second of them given is refused."""
    other = {"as_json": "as_csv", "as_csv": "as_json"}.get(param.name or "")
    if value and other and ctx.params.get(other):
        fail("give --json or --csv, not both", code=2)
    return value


IndexOpt = Annotated[str, typer.Option("--index", "-i", envvar="SEMCOMP_INDEX", help="Index name under indexes/ (or $SEMCOMP_INDEXES).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.", callback=_one_format)]
AddressOpt = Annotated[
    str | None, typer.Option(help="Ray cluster address for --engine ray (default $RAY_ADDRESS, else a new local cluster).")
]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.", callback=_one_format)]
ThemeCountOpt = Annotated[str, typer.Option("--k", "-k", callback=_theme_count, help="Number of themes, or 'auto' (5–60, by silhouette).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Show no progress (results, warnings and errors still).")]
AllCopiesOpt = Annotated[bool, typer.Option("--all-copies", help="Keep reports stored twice (second copies), left out by default.")]
YearOpt = Annotated[str | None, typer.Option(help="A year or a range: 2021, 2003-2025.")]
RegionOpt = Annotated[str | None, typer.Option(help="Any part of the region: 保定, 唐县, 河北省.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Report type, e.g. 政府工作报告, 计划执行情况报告.")]


def say(message: object, label: str = "semcomp:", style: str = "bold red") -> None:
    """One message line on stderr: a styled label, then the message as plain text."""
    err.print(line((label, style), " ", one_line(message)))


# the flags of API arguments whose names differ from them, and what a message calls them
FLAGS = {"year": "--year", "report_type": "--type", "filters": "--region, --year and --type"}
API_WORDS = {"filters": "the filters"}


def in_flags(exc: SemcompError) -> str:
    """The message of a library error with the argument it is about named as the command line's flag."""
    text = str(exc)
    if exc.param:
        flag = FLAGS.get(exc.param, f"--{exc.param.replace('_', '-')}")
        text = text.replace(API_WORDS.get(exc.param, exc.param), flag, 1)
    return text


def fail(message: object, code: int = 1) -> NoReturn:
    """Say ``message`` (a library error in the command line's words) and exit with ``code``."""
    say(in_flags(message) if isinstance(message, SemcompError) else message)
    raise typer.Exit(code)


def waiting(message: str) -> None:
    """Told to the user when a write waits for another process's write."""
    say(message, "semcomp:", "yellow")


def open_catalogue(index: str, create: bool = False) -> Catalogue:
    try:
        return Catalogue.open(index, create=create, on_wait=waiting)
    except CatalogueError as exc:
        fail(exc)


def encoder_for(index: str):  # an Encoder; typed loosely to keep the model code out of start-up
    """The encoder for what an analysis of this index encodes (summaries, comparisons): at the precision
    its search index was built with, where it has one; else the default (``auto``)."""
    from semcomp.embed.encoder import Encoder
    from semcomp.embed.models import resolve_model
    from semcomp.index.published import Build
    from semcomp.search.similar import SearchIndex
    from semcomp.store.catalogue import index_dir

    if Build.find(index_dir(index)) is None:
        return Encoder(resolve_model(on_step=lambda m: err.print(m)))
    return SearchIndex(index).encoder


def resolve_report(cat: Catalogue, ref: str) -> str:
    try:
        return cat.resolve(ref)
    except NotFound as exc:
        fail(exc)


def emit_records(records: Sequence, columns: Sequence[str], as_json: bool, as_csv: bool, parquet: Path | None = None,
                 title: str | None = None) -> None:  # fmt: skip
    """Named records on stdout as JSON, CSV or a table of ``columns``, or to a Parquet file (said on stderr)."""
    from semcomp.output.emit import emit_records as emit

    emit(records, columns, out, as_json, as_csv, parquet, title)
    if parquet:
        err.print(f"wrote {len(records)} rows to {parquet}")


OutputValue = Path | list[Path] | None  # one output file, a repeatable option's, or none


def output(*suffixes: str) -> Callable[[typer.CallbackParam, OutputValue], OutputValue]:
    """An option's callback that refuses, before any work, an output path that semcomp must not write
    (see ``whole_files.check_output``); ``suffixes``: the endings the file must have."""

    def check(param: typer.CallbackParam, value: OutputValue) -> OutputValue:
        from semcomp.whole_files import OutputError, check_output

        for path in value if isinstance(value, list) else [] if value is None else [value]:
            try:
                check_output(path, param.opts[0], suffixes)
            except OutputError as exc:
                fail(str(exc))
        return value

    return check


def read_terms(path: Path) -> str:
    """The dictionary's text, in whatever encoding a spreadsheet or editor saved it (UTF-8, GBK, a BOM)."""
    from semcomp.bounded_read import MB, read_bounded, read_stream
    from semcomp.ingest.decoding import decode

    try:
        if str(path) == "-":
            if sys.stdin is None or sys.stdin.closed:
                fail("--terms -: there is no standard input to read")
            return decode(read_stream(sys.stdin.buffer, MB, "standard input")).text
        return decode(read_bounded(path, MB)).text
    except OSError as exc:
        fail(f"can't read --terms {path}: {exc.strerror or exc}")
    except SemcompError as exc:  # empty, binary or too large
        fail(f"--terms {path}: {exc}")
