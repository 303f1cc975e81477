"""``semcomp serve``: a site and a live search over HTTP, the model loaded once for every query.

``GET /api/similar?q=…`` answers what ``semcomp similar --json`` prints (same options: ``k``, ``level``,
``mode``, ``region``, ``year``, ``type``, ``part``); ``/search.html`` is a page that asks it; every other
path is a file of the site folder, if one is given. Loopback only unless another address is asked for.

Each connection has a thread of its own with a socket timeout, so a client that opens a socket and
waits, or sends half a request, holds only its own thread; the listen backlog is the system's largest,
so a crowd of clients waits to be accepted instead of being refused. A request whose ``Host`` is not
this machine's (loopback names, the bound address, or one allowed) is refused, so that a page of
another site can't reach the server by DNS rebinding; ``HEAD`` follows the rules of ``GET``. Searches themselves run one at a time
under a lock (the catalogue's SQLite connection and the encoder are not shared between threads at
once), and their cost is bounded: a query of at most ``MAX_QUERY`` characters, at most ``MAX_K`` hits.
Before each search the server looks whether the index was rebuilt or its catalogue changed, and opens
it again if so: it answers from the new build, or from the old one with the staleness note (header
``X-Semcomp-Note``), never by failing.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sys
import threading
from collections.abc import Sequence
from functools import cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import get_args
from urllib.parse import parse_qs, quote, unquote, urlsplit

from semcomp.errors import SemcompError
from semcomp.index.published import POINTER
from semcomp.model import Granularity
from semcomp.output.fonts import font_file
from semcomp.output.site.assets import JS, stylesheet
from semcomp.output.site.search import FULL_FONT_PATH, search_page
from semcomp.search import Mode
from semcomp.search.similar import SearchIndex
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters, parse_part, parse_years

LOOPBACK = "127.0.0.1"
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
OPTIONS = {"q", "k", "level", "mode", "region", "year", "type", "part"}
MAX_QUERY = 400  # characters: a paragraph; a query of 1,900 held the search lock for 9.6 s
MAX_K = 100
TIMEOUT = 10  # seconds a connection may stay silent


class ServeError(SemcompError):
    """A request the API can't answer (said in the response, with status 400)."""


class LiveIndex:
    """The index a server answers from, opened again when a rebuild publishes a new build or the
    catalogue changes; one search at a time."""

    def __init__(self, catalogue: Catalogue, warm: bool) -> None:
        self.path, self.name, self.warm = catalogue.path, catalogue.index_name, warm
        self.lock = threading.Lock()
        self.search = self._open()
        self.version = self._version()

    def _open(self) -> SearchIndex:
        """The search through a catalogue connection of the server's own, closed when a rebuild replaces it."""
        return SearchIndex.over(Catalogue(self.path), warm=self.warm)

    def _version(self) -> tuple[str, str]:
        try:
            pointer = (self.search.folder / POINTER).read_text(encoding="utf-8")
        except OSError:
            pointer = ""
        return pointer, self.search.catalogue.state()

    def answer(self, query: dict[str, list[str]]) -> tuple[list[dict], str | None]:
        """The hits for an API query string, as ``similar --json`` gives them, and the staleness note if any."""
        with self.lock:
            if self._version() != self.version:
                fresh = self._open()
                self.search.catalogue.close()
                self.search = fresh
                self.version = self._version()
            return answer(self.search, query), self.search.staleness


def answer(search: SearchIndex, query: dict[str, list[str]]) -> list[dict]:
    """The hits for an API query string, as ``similar --json`` gives them."""
    given = {k: v[-1] for k, v in query.items()}
    unknown = set(given) - OPTIONS
    if unknown:
        raise ServeError(f"unknown parameter {sorted(unknown)[0]!r}; known: {', '.join(sorted(OPTIONS))}")
    if len(given.get("q", "")) > MAX_QUERY:
        raise ServeError(f"q has {len(given['q']):,} characters; the limit is {MAX_QUERY}")
    if not re.fullmatch(r"[0-9]{1,4}", given.get("k", "10")) or not 1 <= int(given.get("k", "10")) <= MAX_K:
        raise ServeError(f"k takes a number from 1 to {MAX_K}")
    granularity, mode = given.get("level", "paragraph"), given.get("mode", "hybrid")
    if granularity not in get_args(Granularity) or mode not in get_args(Mode):
        raise ServeError(f"level takes {' or '.join(get_args(Granularity))}; mode {', '.join(get_args(Mode))}")
    filters = Filters(years=parse_years(given.get("year")), region=given.get("region"), report_type=given.get("type"),
                      part=parse_part(given.get("part")))  # fmt: skip
    hits = search.similar(given.get("q", ""), k=int(given.get("k", "10")), granularity=granularity, mode=mode, filters=filters)  # type: ignore[arg-type]
    return [h.to_dict() for h in hits]


@cache
def full_font() -> bytes:
    """The packaged CJK font, whole: search results hold characters no subset made in advance can."""
    return font_file().read_bytes()


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a client that never finishes does not keep the server from stopping
    request_queue_size = socket.SOMAXCONN  # was 5: with 500 clients at once, a third failed

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away before its answer was written: nothing to tell
        super().handle_error(request, client_address)


def host_name(header: str | None) -> str | None:
    """The name in a ``Host`` header, without its port or brackets, lower case (None where there is none)."""
    if not header:
        return None
    name = header.strip().lower()
    if name.startswith("["):
        return name[1 : name.find("]")] if "]" in name else name
    return name.rsplit(":", 1)[0] if name.count(":") == 1 else name


class Handler(SimpleHTTPRequestHandler):
    index: LiveIndex
    has_site: bool
    hosts: frozenset[str]  # the names a request's Host may give
    timeout = TIMEOUT
    head_only = False

    def do_HEAD(self) -> None:
        """What GET would answer, headers only: the same rules, so no file GET refuses is described."""
        self.head_only = True
        try:
            self.do_GET()
        finally:
            self.head_only = False

    def do_GET(self) -> None:
        try:
            self._route()
        except ConnectionError:
            raise
        except Exception:  # a bug must still give the client a status, never a dropped connection
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"internal error\n", "text/plain")

    def _route(self) -> None:
        url = urlsplit(self.path)
        host = host_name(self.headers.get("Host"))
        if host is not None and host not in self.hosts:
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"this server answers only for its own host names (semcomp serve --allow-host)\n",
                       "text/plain")  # fmt: skip
        elif "\x00" in unquote(url.path):
            self._send(HTTPStatus.BAD_REQUEST, b"a NUL in the path\n", "text/plain")
        elif url.path == "/api/similar":
            self._api(parse_qs(url.query, keep_blank_values=True))
        elif url.path in ("/search.html", "/") and not (url.path == "/" and self.has_site):
            self._send(HTTPStatus.OK, search_page(self.index.name, self.has_site).encode(), "text/html; charset=utf-8")
        elif url.path == FULL_FONT_PATH:  # before the site's files: a site has only its own subset
            self._send(HTTPStatus.OK, full_font(), "font/otf", cache=True)
        elif self.has_site and not any(part.startswith(".") for part in unquote(url.path).split("/")):
            if self.head_only:  # the site's pages; hidden files (its marker) are not served
                super().do_HEAD()
            else:
                super().do_GET()
        elif url.path in ("/assets/site.css", "/assets/site.js"):
            css = url.path.endswith(".css")
            body = stylesheet(None) if css else JS
            self._send(HTTPStatus.OK, body.encode(), "text/css; charset=utf-8" if css else "text/javascript; charset=utf-8")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"no such page: /search.html, or serve a folder written by semcomp site\n", "text/plain")

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No directory listings: a folder is answered by its index.html or not at all."""
        self._send(HTTPStatus.NOT_FOUND, b"no such page\n", "text/plain")

    def _api(self, query: dict[str, list[str]]) -> None:
        body: list[dict] | dict
        note, status = None, HTTPStatus.OK
        try:
            body, note = self.index.answer(query)
        except SemcompError as exc:
            body, status = {"error": str(exc)}, HTTPStatus.BAD_REQUEST
        self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8", note)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, note: str | None = None, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if cache:
            self.send_header("Cache-Control", "max-age=86400")
        if note:
            self.send_header("X-Semcomp-Note", quote(note))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


def make_server(catalogue: Catalogue, site: Path | None = None, host: str = LOOPBACK, port: int = 8765, warm: bool = True,
                allow_hosts: Sequence[str] = ()) -> Server:  # fmt: skip
    """A server of the catalogue's index, ready for ``serve_forever``; ``port`` 0 takes a free one
    (``server.server_address``). ``warm``: load the model and the index now, so that the first request
    is as fast as the others. ``allow_hosts``: names a request's ``Host`` may give besides the loopback
    names and the address listened on (the machine's name, where the server listens beyond loopback)."""
    if site is not None and not (site / "index.html").is_file():
        raise ServeError(f"{site} is not a site: write one with `semcomp site {site} -i {catalogue.index_name}`")
    if not 0 <= port <= 65535:
        raise ServeError(f"port {port} is out of range: give 0 to 65535 (0: any free port)")
    live = LiveIndex(catalogue, warm)
    if warm:
        live.search.similar("政府工作报告", k=1)
    hosts = frozenset(h.lower() for h in (*LOCAL_NAMES, host, *allow_hosts))
    handler = type("Bound", (Handler,), {"index": live, "has_site": site is not None, "hosts": hosts})
    return Server((host, port), partial(handler, directory=str(site or ".")))
