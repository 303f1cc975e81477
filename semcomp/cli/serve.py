"""``semcomp serve``: the site and a live search, over HTTP on this machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from semcomp.cli.common import IndexOpt, app, err, fail, open_catalogue, say
from semcomp.errors import SemcompError


@app.command()
def serve(
    site: Annotated[Path | None, typer.Option(help="A folder written by `semcomp site` to serve with the search.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free one).")] = 8765,
    allow_host: Annotated[
        list[str] | None, typer.Option(help="A host name requests may give besides localhost and --host (repeatable).")
    ] = None,
    index: IndexOpt = "default",
) -> None:
    """Search all day without reloading the model: a search page, the site's pages, and a JSON API that
    answers as `semcomp similar --json` does. Ctrl-C stops it.

    [bold]Examples[/]

      semcomp serve -i seeds
      semcomp site 网站 -i seeds && semcomp serve -i seeds --site 网站
      semcomp serve --host 0.0.0.0 --allow-host 研究室.local
      curl 'http://127.0.0.1:8765/api/similar?q=招商引资&k=5&region=官渡'
    """
    from semcomp.serve import LOOPBACK, make_server

    try:
        with err.status("loading the index and the model"):
            server = make_server(open_catalogue(index), site, host, port, allow_hosts=allow_host or ())
    except SemcompError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"can't listen on {host}:{port}: {exc.strerror}")
    if host != LOOPBACK:
        say(f"listening on {host}: anyone who can reach this machine can search index '{index}'", "warning:", "yellow")
    address, bound = server.server_address[:2]
    shown = address.decode() if isinstance(address, bytes) else address
    err.print(f"serving index '{index}' at http://{shown}:{bound}/search.html (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        err.print("stopped")
    finally:
        server.server_close()
