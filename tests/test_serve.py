"""``semcomp serve`` on the loopback address: the API answers as the CLI does, the page searches through it."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from semcomp.serve import ServeError, make_server
from tests.conftest import cli


@pytest.fixture(scope="module")
def server(search_root: Path):
    srv = make_server("halfyear", root=search_root, port=0)
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
        make_server("halfyear", search_root, root=search_root, port=0, warm=False)


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
