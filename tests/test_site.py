"""The static site over real reports, opened page by page in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from semcomp import Catalogue, ingest
from semcomp.site import SiteError, build_site
from tests.conftest import cli, seed

A, B = "001_a8e5ecbf9c348b01", "000_783dc1874403daa0"
XSS = """某某区2022年政府工作报告

各位代表：

现在，我代表区人民政府向大会报告工作，请予审议。

一、2021年工作回顾

过去一年，全区地区生产总值增长6.5%。<script>alert(1)</script>招商引资签约项目12个，总投资80亿元。

二、2022年工作安排

坚持项目为王，<img src=x onerror=alert(2)>全年新开工重点项目20个，固定资产投资增长10%。
"""


@pytest.fixture(scope="module")
def site(search_root: Path, encoder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two half-year seeds and a report whose text holds markup, indexed (the seeds' vectors come
    from the shared cache), and the site written with one comparison."""
    from semcomp.index.build import build_index

    raw = tmp_path_factory.mktemp("xss") / "某某区2022年政府工作报告.txt"
    raw.write_text(XSS, encoding="utf-8")
    cat = Catalogue.open("site", search_root, create=True)
    ingest([seed("000"), seed("001"), raw], cat)
    build_index(cat, encoder)
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(cat, out, pairs=[(A, B)])
    cat.close()
    return out


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_every_page_opens_offline_without_errors(site: Path, browser) -> None:
    found = pages(site)
    assert {p.relative_to(site).as_posix() for p in found} >= {
        "index.html", "themes.html", "reuse.html", "compare/index.html", f"compare/{A}__{B}.html", f"reports/{A}.html",
        "attention.html", "diffusion.html", "targets.html"}  # fmt: skip
    for path in found:
        page = browser.new_page()
        problems, outside, dialogs = [], [], []
        page.on("console", lambda m, problems=problems: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e, problems=problems: problems.append(str(e)))
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))

        def route(r, outside=outside):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert (problems, outside, dialogs) == ([], [], []), path.name
        if path.name in ("themes.html", "reuse.html", "attention.html", "diffusion.html"):
            assert page.locator(".chart .main-svg").count() >= 1, f"{path.name}: no chart drawn"
        drawn = "document.fonts.ready.then(fs => [...fs].some(f => f.family.replace(/\"/g, '') === 'semcomp-cjk' && f.status === 'loaded'))"
        assert page.evaluate(drawn), f"{path.name}: the embedded font was not used"  # no system CJK font needed
        assert str(seed("000").parent) not in page.content(), f"{path.name} shows where the files lie on this machine"
        page.close()


def test_report_text_is_shown_as_text_never_run(site: Path, search_root: Path, browser) -> None:
    report = next(r for r in Catalogue.open("site", search_root).reports() if "某某区" in (r.value("title") or ""))
    page = browser.new_page()
    page.goto((site / "reports" / f"{report.id}.html").as_uri())
    text = page.inner_text("main")  # cleaning made the parentheses full-width: alert（1）
    assert "<script>alert（1）</script>" in text and "<img src=x onerror=alert（2）>" in text
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    assert page.title() == report.label == "地区不详 2022 政府工作报告"
    page.close()


def test_pages_name_reports_and_quotes_lead_to_their_place(site: Path, browser) -> None:
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    overview = page.inner_text("main")
    assert "官渡区 2023 上半年执行情况" in overview and "地区不详 2022 政府工作报告" in overview and B in overview
    page.goto((site / "compare" / f"{A}__{B}.html").as_uri())
    assert "地区不详 2021 上半年执行情况 ↔ 官渡区 2023 上半年执行情况" in page.title()
    assert "保留" in page.inner_text("main") and "个百分点" in page.inner_text("main")
    widths = page.eval_on_selector("table.pairs", "t => [...t.rows[0].cells].map(c => c.getBoundingClientRect().width)")
    assert widths[0] > 3 * widths[2] and widths[1] > 3 * widths[2]  # the texts get the room, the mark column little
    link = page.locator("table.pairs a.at").nth(1)
    href = link.get_attribute("href")
    start, end = map(int, href.split("#q")[1].split("-"))
    link.click()
    page.wait_for_load_state("load")
    marked = page.locator(".hit")
    assert marked.count() >= 1
    assert all(int(marked.nth(k).get_attribute("data-start")) < end and int(marked.nth(k).get_attribute("data-end")) > start
               for k in range(marked.count()))  # fmt: skip
    page.close()


def test_the_research_pages(site: Path, browser) -> None:
    page = browser.new_page()
    page.goto((site / "attention.html").as_uri())
    assert "环境保护" in page.inner_text("main") and "营商环境" in page.inner_text("main")
    page.goto((site / "diffusion.html").as_uri())
    text = page.inner_text("main")
    assert "官渡区 2023 上半年执行情况" in text and "对上级报告的呼应" in text
    page.goto((site / "targets.html").as_uri())
    assert "城镇新增就业" in page.inner_text("main") and "2.55万人以上" in page.inner_text("main")  # 官渡区's target for 2023
    page.close()


def test_site_refuses_a_folder_it_did_not_write(site: Path, search_root: Path, tmp_path: Path) -> None:
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match="not a semcomp site"):
        build_site(Catalogue.open("site", search_root), tmp_path)
    assert keep.read_text(encoding="utf-8") == "mine"
    result = cli("site", str(tmp_path), "--index", "site", indexes=search_root)
    assert result.code == 1 and result.err.count("\n") == 1 and "not a semcomp site" in result.err
    bad = cli("site", str(tmp_path / "new"), "--index", "site", "--pair", A, indexes=search_root)
    assert bad.code == 1 and "EARLIER,LATER" in bad.err


def test_a_site_built_again_is_the_same_byte_for_byte(site: Path, search_root: Path, tmp_path: Path) -> None:
    """Nothing in a site depends on when or after what it was built (the embedded font carried the time,
    and chart ids counted on from the charts drawn before in the process)."""
    again = tmp_path / "again"
    build_site(Catalogue.open("site", search_root), again, pairs=[(A, B)])
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert [f for f in files if (site / f).read_bytes() != (again / f).read_bytes()] == []
