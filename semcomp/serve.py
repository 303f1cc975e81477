"""``semcomp serve``: a site and a live search over HTTP, the model loaded once for every query.

``GET /api/similar?q=…`` answers what ``semcomp similar --json`` prints (same options: ``k``, ``level``,
``mode``, ``region``, ``year``, ``type``, ``part``); ``/search.html`` is a page that asks it; every other
path is a file of the site folder, if one is given. Loopback only unless another address is asked for.
Requests are answered one at a time: the catalogue's SQLite connection and the encoder belong to one
thread, and a query takes milliseconds.
"""

from __future__ import annotations

import json
from functools import partial
from http import HTTPStatus
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path
from typing import get_args
from urllib.parse import parse_qs, urlsplit

from semcomp.errors import SemcompError
from semcomp.model import Level
from semcomp.output.site.assets import JS, stylesheet
from semcomp.output.site.search import search_page
from semcomp.search import Mode
from semcomp.search.similar import Filters, SearchIndex, parse_years

LOOPBACK = "127.0.0.1"
OPTIONS = {"q", "k", "level", "mode", "region", "year", "type", "part"}


class ServeError(SemcompError):
    """A request the API can't answer (said in the response, with status 400)."""


def answer(search: SearchIndex, query: dict[str, list[str]]) -> list[dict]:
    """The hits for an API query string, as ``similar --json`` gives them."""
    given = {k: v[-1] for k, v in query.items()}
    unknown = set(given) - OPTIONS
    if unknown:
        raise ServeError(f"unknown parameter {sorted(unknown)[0]!r}; known: {', '.join(sorted(OPTIONS))}")
    if not given.get("q", "").strip():
        raise ServeError("q (the query) is empty")
    if not given.get("k", "10").isdigit():
        raise ServeError("k takes a number")
    level, mode = given.get("level", "paragraph"), given.get("mode", "hybrid")
    if level not in get_args(Level) or mode not in get_args(Mode):
        raise ServeError(f"level takes {' or '.join(get_args(Level))}; mode {', '.join(get_args(Mode))}")
    filters = Filters(years=parse_years(given.get("year")), region=given.get("region"), report_type=given.get("type"),
                      part=given.get("part"))  # fmt: skip
    hits = search.similar(given["q"], k=int(given.get("k", "10")), level=level, mode=mode, filters=filters)  # type: ignore[arg-type]
    return [h.to_dict() for h in hits]


class Handler(SimpleHTTPRequestHandler):
    search: SearchIndex
    has_site: bool

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/api/similar":
            self._api(parse_qs(url.query, keep_blank_values=True))
        elif url.path in ("/search.html", "/") and not (url.path == "/" and self.has_site):
            self._send(HTTPStatus.OK, search_page(self.search.name, self.has_site).encode(), "text/html; charset=utf-8")
        elif self.has_site:
            super().do_GET()
        elif url.path in ("/assets/site.css", "/assets/site.js"):
            css = url.path.endswith(".css")
            body = stylesheet(None) if css else JS
            self._send(HTTPStatus.OK, body.encode(), "text/css; charset=utf-8" if css else "text/javascript; charset=utf-8")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"no site here: /search.html, or serve a folder written by semcomp site\n", "text/plain")

    def _api(self, query: dict[str, list[str]]) -> None:
        try:
            body, status = answer(self.search, query), HTTPStatus.OK
        except SemcompError as exc:
            body, status = {"error": str(exc)}, HTTPStatus.BAD_REQUEST
        self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


def make_server(index: str, site: Path | None = None, host: str = LOOPBACK, port: int = 8765, root: Path | str | None = None,
                warm: bool = True) -> HTTPServer:  # fmt: skip
    """A server ready for ``serve_forever``; ``port`` 0 takes a free one (``server.server_address``).
    ``warm``: load the model and the index now, so that the first request is as fast as the others."""
    if site is not None and not (site / "index.html").is_file():
        raise ServeError(f"{site} is not a site: write one with `semcomp site {site} -i {index}`")
    search = SearchIndex(index, root, warm=warm)
    if warm:
        search.similar("政府工作报告", k=1)
    handler = type("Bound", (Handler,), {"search": search, "has_site": site is not None})
    return HTTPServer((host, port), partial(handler, directory=str(site or ".")))
