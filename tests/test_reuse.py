"""Copied phrasing on real reports: seeds 000/001, a planted copy with edits, boilerplate, bad input."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from semcomp import Catalogue, ingest
from semcomp.reuse.boilerplate import boilerplate
from semcomp.reuse.export import write_passim
from semcomp.reuse.finder import ReuseError, find_reuse
from semcomp.reuse.matrix import share_matrix
from semcomp.text.template import MASK_CHAR, template

from .conftest import seed

A, B = "000_783dc1874403daa0", "001_a8e5ecbf9c348b01"


@pytest.fixture(scope="module")
def seed_findings(seeds_catalogue):
    return find_reuse(seeds_catalogue)


@pytest.fixture(scope="module")
def corpus_findings(corpus_catalogue):
    return find_reuse(corpus_catalogue)


def test_template_keeps_offsets_and_masks() -> None:
    t = template("全区实现地区生产总值806亿元，同比增长3.2%。")
    assert t.text == template("全县实现地区生产总值95亿元，同比增长6.1%。").text
    assert t.text == "全区实现地区生产总值0亿元同比增长0"
    masked = template("****政府工作")
    assert masked.text.startswith(MASK_CHAR) and "*" not in masked.text


def test_half_year_seeds_share_templates_earlier_first(seed_findings, seeds_catalogue) -> None:
    pair = [f for f in seed_findings if {f.source.report_id, f.target.report_id} == {A, B}]
    assert len(pair) >= 10
    assert all(f.source.report_id == B and f.direction == "source-earlier" for f in pair), "2021 is the source of 2023"
    assert {"template", "near"} <= {f.kind for f in pair}
    for f in pair:
        for side in (f.source, f.target):
            raw = seeds_catalogue.raw_text(side.report_id)
            assert raw[side.start : side.end] == side.text
        shared = "".join(a for tag, a, _ in f.opcodes if tag == "equal")
        assert "*" not in shared, "masked text never counts as shared"
    listing = next(f for f in pair if "城市道路建设项目" in f.target.text)
    assert listing.kind in ("template", "near") and any(tag == "differs" for tag, _, _ in listing.opcodes)


def test_planted_copy_is_found_with_exact_offsets(tmp_path: Path) -> None:
    source_text = seed("000").read_text(encoding="utf-8")
    copied = (
        "突出“一把手”招商、产业链招商,梳理重点招商企业名录库、招商目标城市、项目企业库,产业投资地图3.0升级。"
        "区级主要领导带队赴省外招商9次,签约子晔生物、猎贝狐科技集团等89户企业。"
    )
    assert copied in source_text
    # realistic edits: numbers and names swapped, words inserted and deleted, full-width commas
    edited = (copied.replace("3.0", "2.0").replace("9次", "4次").replace("猎贝狐科技", "长城汽车")
              .replace("89户", "12家").replace("产业链招商,", "产业链招商、以商招商，").replace("、招商目标城市", ""))  # fmt: skip
    target_raw = seed("004").read_text(encoding="utf-8")
    anchor = target_raw.index("\n", len(target_raw) // 2) + 1
    planted = target_raw[:anchor] + edited + "\n" + target_raw[anchor:]
    (tmp_path / "src").mkdir()
    shutil.copy(seed("000"), tmp_path / "src" / "source.txt")
    (tmp_path / "src" / "target.txt").write_text(planted, encoding="utf-8")
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([tmp_path / "src"], cat)
    target_id = next(r.id for r in cat.reports() if r.source.endswith("target.txt"))
    sides = [side for f in find_reuse(cat) for side in (f.source, f.target) if side.report_id == target_id]
    hit = [s for s in sides if s.start <= anchor + 2 and s.end >= anchor + len(edited) - 2]
    assert hit, "the planted copy is found, both sentences as one finding"
    side = hit[0]
    assert abs(side.start - anchor) <= 1 and abs(side.end - (anchor + len(edited))) <= 1
    assert planted[side.start : side.end] == side.text


def test_copying_outranks_boilerplate(corpus_findings, corpus_catalogue) -> None:
    top = corpus_findings[:30]
    assert all(f.spread_reports <= 5 for f in top)
    common = [f for f in corpus_findings if f.spread_reports >= 20]
    assert common, "formulas shared by 20+ reports are still reported, with their spread"
    assert max(f.score for f in common) < top[-1].score
    phrases = boilerplate(corpus_catalogue, top=50)
    texts = " ".join(p.text for p in phrases[:20])
    assert "稳中求进工作总基调" in texts
    assert phrases[0].reports >= 50 and sum(phrases[0].by_year.values()) == phrases[0].reports


def test_baoding_counties_and_hailaer_years(corpus_findings) -> None:
    def baoding(f) -> bool:
        return "保定" in (f.source.region or "") and "保定" in (f.target.region or "")

    across = [f for f in corpus_findings if f.scope == "across-regions" and baoding(f)]
    within = [f for f in corpus_findings if f.scope == "within-region" and "海拉尔" in (f.source.region or "")]
    assert across and within
    assert all(f.source.year <= f.target.year for f in within if f.direction == "source-earlier")


def test_matrix_and_export(seed_findings, seeds_catalogue) -> None:
    cells = share_matrix(seeds_catalogue, seed_findings)
    cell = next(c for c in cells if (c.source, c.target) == (B, A))
    assert 0.05 < cell.share <= 1
    assert cells == sorted(cells, key=lambda c: (-c.share, c.source, c.target))
    buf = io.StringIO()
    n = write_passim(seeds_catalogue, buf)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(records) > 100
    assert {"id", "series", "text", "begin", "end"} <= set(records[0])
    raw = seeds_catalogue.raw_text(records[0]["series"])
    assert raw[records[0]["begin"] : records[0]["end"]].startswith(records[0]["text"][:5])


def test_too_few_reports(tmp_path: Path) -> None:
    empty = Catalogue(tmp_path / "empty.sqlite", create=True)
    with pytest.raises(ReuseError, match="at least two reports"):
        find_reuse(empty)
    one = Catalogue(tmp_path / "one.sqlite", create=True)
    ingest([seed("000")], one)
    with pytest.raises(ReuseError, match="holds 1"):
        find_reuse(one)


def test_paraphrases_are_labelled_and_kept_apart(search_root: Path) -> None:
    from semcomp.reuse.paraphrase import MIN_COSINE, find_paraphrases, word_overlap
    from semcomp.store.catalogue import index_dir

    cat = Catalogue.open("halfyear", search_root)
    verbatim = find_reuse(cat)
    reworded = find_paraphrases(cat, index_dir("halfyear", search_root), verbatim)
    assert reworded and all(f.kind == "paraphrase" for f in reworded)
    assert all(f.similarity >= MIN_COSINE and word_overlap(f.source.text, f.target.text) >= 0.3 for f in reworded)
    verbatim_starts = {(f.source.report_id, f.source.start) for f in verbatim}
    assert not {(f.source.report_id, f.source.start) for f in reworded} & verbatim_starts
    assert all(f.source.report_id == B for f in reworded), "the 2021 report is the earlier one"
