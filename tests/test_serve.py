"""``semcomp serve`` on the loopback address: the API answers as the CLI does, the page searches through it."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from semcomp import Catalogue
from semcomp.serve import ServeError, make_server
from tests.conftest import cli


@pytest.fixture(scope="module")
def server(search_root: Path):
    srv = make_server(Catalogue.open("halfyear", search_root), port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://{srv.server_address[0]}:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def get(url: str) -> tuple[int, dict | list]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_the_api_gives_the_hits_of_the_cli(server: str, search_root: Path) -> None:
    assert server.startswith("http://127.0.0.1:")
    for query, options in (("招商引资", {"k": "5"}), ("营商环境", {"k": "3", "level": "sentence", "region": "官渡"})):
        status, hits = get(f"{server}/api/similar?" + urllib.parse.urlencode({"q": query, **options}))
        args = [f"--{k}" if len(k) > 1 else f"-{k}" for k in options]
        flags = [x for pair in zip(args, options.values(), strict=True) for x in pair]
        expected = json.loads(cli("similar", query, *flags, "--json", "--index", "halfyear", indexes=search_root).out)
        assert status == 200 and len(hits) == int(options["k"])
        assert [(h["passage_id"], h["label"], h["start"], h["end"]) for h in hits] == [
            (h["passage_id"], h["label"], h["start"], h["end"]) for h in expected]  # fmt: skip
        assert [h["score"] for h in hits] == pytest.approx([h["score"] for h in expected], abs=1e-5)


def test_bad_requests_are_one_message(server: str, search_root: Path) -> None:
    for query, message in (("q=", "empty"), ("q=x&k=ten", "k takes"), ("q=x&colour=red", "unknown parameter"),
                           ("q=x&region=火星", "no report from a region")):  # fmt: skip
        status, body = get(f"{server}/api/similar?{urllib.parse.quote(query, safe='=&')}")
        assert status == 400 and message in body["error"]
    with pytest.raises(ServeError, match="not a site"):
        make_server(Catalogue.open("halfyear", search_root), search_root, port=0, warm=False)


def test_the_search_page_lists_hits_as_text(server: str, browser) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/search.html")
    page.fill("input[name=q]", "<img src=x onerror=alert(1)>招商引资")
    page.click("button")
    page.wait_for_selector("#hits li")
    first = page.locator("#hits li").first
    assert "官渡区 2023 上半年执行情况" in page.inner_text("#hits") and first.locator("blockquote").inner_text()
    assert first.locator("a").get_attribute("href").startswith("reports/") and page.locator("#hits img").count() == 0
    assert problems == []
    page.close()


def raw(server: str, request: bytes, wait: float = 5) -> bytes:
    """Send bytes as they are (a malformed request) and read what comes back."""
    import socket

    host, port = urllib.parse.urlsplit(server).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as s:
        s.sendall(request)
        return s.recv(65536)


def test_a_crowd_arriving_at_once_is_answered(server: str) -> None:
    """With a listen backlog of 5, 500 clients at once lost a third of their requests and waited a minute for
    others (the kernel drops connections past the backlog; each retry waits longer)."""
    start = threading.Barrier(300)
    failures: list[str] = []

    def client() -> None:
        start.wait()
        try:
            with urllib.request.urlopen(f"{server}/search.html", timeout=10) as r:
                r.read()
        except OSError as exc:
            failures.append(type(exc).__name__)

    clients = [threading.Thread(target=client) for _ in range(300)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    assert failures == []


def test_idle_and_half_sent_sockets_do_not_stall_the_others(server: str) -> None:
    import socket
    import time

    host, port = urllib.parse.urlsplit(server).netloc.split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(20)]
    for s in idle[:10]:
        s.sendall(b"GET /api/similar?q=%E6%8B%9B%E5%95%86 HTTP/1.1\r\nHost: x\r\n")  # headers never finished
    try:
        began = time.perf_counter()
        status, hits = get(f"{server}/api/similar?q=" + urllib.parse.quote("招商引资") + "&k=3")
        assert status == 200 and len(hits) == 3
        assert time.perf_counter() - began < 1.0
    finally:
        for s in idle:
            s.close()


def test_hostile_requests_get_a_status(server: str) -> None:
    assert raw(server, b"GET /a%00b HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 400")
    assert raw(server, b"GET /\x00 HTTP/1.0\r\n\r\n").split(b" ")[1] in (b"400", b"404")
    assert raw(server, b"BREW /coffee HTTP/1.0\r\n\r\n").split(b" ")[1] == b"501"
    assert raw(server, b"GET /" + b"a" * 70000 + b" HTTP/1.0\r\n\r\n").split(b" ")[1] == b"414"
    for query, message in ((f"q={urllib.parse.quote('招' * 401)}", "limit is 400"), ("q=%E2%80%8B%E3%80%82%EF%BC%81", "empty"),
                           ("q=x&k=1000", "k takes"), ("q=x&k=%C2%B2", "k takes")):  # fmt: skip
        status, body = get(f"{server}/api/similar?{query}")
        assert status == 400 and message in body["error"], body


def test_a_foreign_host_is_refused_and_head_follows_the_rules_of_get(server: str, search_root: Path) -> None:
    """DNS rebinding: a page of evil.example whose name now points here sends Host: evil.example."""
    port = server.rsplit(":", 1)[1].encode()
    rebound = raw(server, b"GET /api/similar?q=x HTTP/1.1\r\nHost: evil.example:" + port + b"\r\nConnection: close\r\n\r\n")
    assert rebound.split(b" ")[1] == b"421"
    for host in (b"localhost:" + port, b"127.0.0.1:" + port, b"[::1]:" + port):
        answer = raw(server, b"HEAD /search.html HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.0 200") and answer.endswith(b"\r\n\r\n"), answer[:200]  # headers, no body
    # no site: HEAD describes no file of the working folder (the catalogue, hidden files), as GET serves none
    for path in (b"/README.md", b"/indexes/halfyear/catalogue.sqlite", b"/.git/config"):
        answer = raw(server, b"HEAD " + path + b" HTTP/1.0\r\n\r\n")
        assert answer.split(b" ")[1] == b"404" and b"Last-Modified" not in answer, path


def test_site_folders_are_not_listed_and_its_marker_not_served(search_root: Path, tmp_path: Path) -> None:
    site = tmp_path / "网站"
    (site / "reports").mkdir(parents=True)
    (site / "index.html").write_text("<h1>网站</h1>", encoding="utf-8")
    (site / ".semcomp-site").write_text("index halfyear\n")
    srv = make_server(Catalogue.open("halfyear", search_root), site, port=0, warm=False)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://{srv.server_address[0]}:{srv.server_address[1]}"
    try:
        for path in ("/reports/", "/.semcomp-site", "/reports/..%2F.semcomp-site"):
            for method in ("GET", "HEAD"):
                with pytest.raises(urllib.error.HTTPError) as exc:
                    urllib.request.urlopen(urllib.request.Request(base + path, method=method), timeout=10)
                assert exc.value.code == 404, (method, path)
        with urllib.request.urlopen(base + "/index.html", timeout=10) as r:
            assert "网站" in r.read().decode()
    finally:
        srv.shutdown()
        srv.server_close()


def test_a_rebuild_while_serving_is_answered_from_the_new_build(search_root: Path, encoder, tmp_path: Path) -> None:
    import shutil

    from semcomp import ingest
    from semcomp.index.build import build_index
    from tests.conftest import seed

    shutil.copytree(search_root / ".embeddings", tmp_path / ".embeddings")  # both seeds cached: nothing is encoded
    cat = Catalogue.open("live", tmp_path, create=True)
    ingest([seed("000")], cat)
    build_index(cat, encoder)
    srv = make_server(cat, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://{srv.server_address[0]}:{srv.server_address[1]}/api/similar?"
    query = base + urllib.parse.urlencode({"q": "招商引资", "year": "2021-2023", "k": "20"})
    try:
        status, hits = get(query)
        assert status == 200 and {h["report_id"][:3] for h in hits} == {"000"}
        ingest([seed("001")], cat)  # the catalogue changes; the build does not yet
        with urllib.request.urlopen(query, timeout=60) as r:
            assert r.status == 200 and "semcomp%20index" in r.headers["X-Semcomp-Note"]
            assert {h["report_id"][:3] for h in json.loads(r.read())} == {"000"}
        build_index(cat, encoder)
        with urllib.request.urlopen(query, timeout=60) as r:
            assert r.status == 200 and r.headers["X-Semcomp-Note"] is None
            assert {h["report_id"][:3] for h in json.loads(r.read())} == {"000", "001"}
    finally:
        srv.shutdown()
        srv.server_close()


def test_a_port_out_of_range_is_one_line(search_root: Path) -> None:
    result = cli("serve", "--index", "halfyear", "--port", "70000", indexes=search_root)
    assert result.code == 1 and "port 70000 is out of range" in result.err and result.err.count("\n") == 1


def test_a_search_can_be_linked_and_draws_chinese_with_the_packaged_font(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/search.html?" + urllib.parse.urlencode({"q": "营商环境", "region": "官渡", "k": "3"}))
    page.wait_for_selector("#hits li")  # the search in the address runs when the page opens
    assert page.input_value("input[name=region]") == "官渡" and page.locator("#hits li").count() == 3
    page.fill("input[name=q]", "招商引资")
    page.click("button")
    page.wait_for_function("location.search.includes(encodeURIComponent('招商引资'))")  # the address follows the search
    loaded = page.evaluate("document.fonts.load('16px \"semcomp-full\"', '招商引资').then(faces => faces.length)")
    assert loaded == 1  # the whole packaged font, served by the server, for machines without a CJK font
    page.close()
