"""Policy diffusion on the bundled reports: first appearances by level, how regions took a phrase up,
and how much of a local report echoes its superiors."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from semcomp import Catalogue
from semcomp.diffusion import diffusion, echo_panel, echoes
from semcomp.diffusion.echo import covered
from semcomp.diffusion.phrases import match
from semcomp.reuse.finder import find_reuse
from semcomp.store.filters import Filters
from tests.conftest import by_source, cli


@pytest.mark.parametrize(("phrase", "text", "expected"), [
    ("大众创业万众创新", "推动大众创业、万众创新蓬勃发展", ("大众创业、万众创新", True)),  # punctuation ignored
    ("打赢脱贫攻坚战", "坚决打好脱贫攻坚战，确保如期脱贫", ("打好脱贫攻坚战", False)),  # one character of seven changed
    ("打赢脱贫攻坚战", "坚决打好扶贫攻坚战", None),  # two changed: another phrase
    ("精准扶贫", "精准扶持小微企业", None),  # a short phrase has no variants
    ("河长制", "全面推行河长制、湖长制", ("河长制", True)),
])  # fmt: skip
def test_a_phrase_as_written_or_as_a_near_variant(phrase: str, text: str, expected: tuple | None) -> None:
    assert match(phrase, text) == expected


def test_covered_counts_each_character_once() -> None:
    assert covered([(0, 10), (5, 15), (30, 40)], [(0, 12), (20, 35)]) == 12 + 5
    assert covered([], [(0, 12)]) == 0


def test_first_appearance_by_level_and_mode_of_uptake(corpus_catalogue: Catalogue) -> None:
    poverty, jingjinji = diffusion(corpus_catalogue, ["精准扶贫", "京津冀协同发展"])
    firsts = {f.tier: f for f in poverty.firsts}
    assert (firsts["national"].year, firsts["prefecture"].year, firsts["prefecture"].region) == (2014, 2014, "河北省保定市")
    modes = {a.region: a.mode for a in poverty.adoptions}
    assert modes["中华人民共和国国务院"] == modes["河北省保定市"] == "simultaneous"
    assert all(a.mode == "top-down" for a in poverty.adoptions if a.year > 2014)
    order = [(a.year, a.date or "9999") for a in poverty.adoptions]
    assert order == sorted(order)
    # 河北省 wrote 京津冀协同发展 in January 2014, the State Council in 2015
    modes = {a.region: (a.year, a.mode) for a in jingjinji.adoptions}
    assert modes["河北省"] == (2014, "bottom-up") and modes["中华人民共和国国务院"] == (2015, "bottom-up")


def test_a_concept_spreads_as_any_of_its_words(corpus_catalogue: Catalogue) -> None:
    from semcomp.attention import Concept

    words = diffusion(corpus_catalogue, ["精准扶贫", "脱贫攻坚"])
    [concept] = diffusion(corpus_catalogue, [Concept("脱贫", ("精准扶贫", "脱贫攻坚"))])
    assert concept.phrase == "脱贫"
    first = {a.region: a.year for a in concept.adoptions}
    for spread in words:
        for a in spread.adoptions:
            assert first[a.region] <= a.year
    assert set(first) == {a.region for spread in words for a in spread.adoptions}


@pytest.fixture(scope="module")
def echo_rows(corpus_catalogue: Catalogue) -> list:
    return echoes(corpus_catalogue)


def test_echo_is_the_share_of_prose_found_in_superiors_reports(corpus_catalogue: Catalogue, echo_rows: list) -> None:
    """易县 2022 recomputed from reuse's findings with 保定市, 河北省 and the State Council of 2021 and 2022."""
    [report] = by_source(corpus_catalogue, "hebei_baoding_130633_易县_2022")
    row = next(r for r in echo_rows if r.report_id == report.id)
    reports = {r.id: r for r in corpus_catalogue.reports()}
    superiors = {rid for rid, r in reports.items() if r.value("year") in (2021, 2022)
                 and r.value("region") in ("河北省保定市", "河北省", "中华人民共和国国务院")}  # fmt: skip
    assert row.superior_reports == len(superiors) == 6
    mask = np.zeros(len(corpus_catalogue.raw_text(report.id)), dtype=bool)
    for f in find_reuse(corpus_catalogue):
        for mine, theirs in ((f.target, f.source), (f.source, f.target)):
            if mine.report_id == report.id and theirs.report_id in superiors and not f.boilerplate:
                mask[mine.start : mine.end] = True
    prose = np.zeros_like(mask)
    for p in corpus_catalogue.paragraph_texts([report.id], ("body", "heading")):
        prose[p.start : p.end] = True
    assert row.chars == int(prose.sum())
    assert row.share == round(int((mask & prose).sum()) / row.chars, 4) > 0.1
    assert row.prefecture_share > row.province_share > row.national_share > 0


def test_echo_needs_superiors_to_compare_with(corpus_catalogue: Catalogue, echo_rows: list) -> None:
    hailaer = [r for r in echo_rows if r.region == "内蒙古自治区呼伦贝尔市海拉尔区"]
    assert hailaer and all(r.province_share is None and r.prefecture_share is None and r.national_share is not None for r in hailaer)
    assert not [r for r in echo_rows if r.tier == "national"]
    alone = echoes(corpus_catalogue, Filters(region="易县"))  # the same figures whatever the selection
    assert {r.report_id: r for r in alone}.items() <= {r.report_id: r for r in echo_rows}.items()
    cells = echo_panel(echo_rows)
    keys = [(c.region, c.year) for c in cells]
    assert len(keys) == len(set(keys)) and all(0 <= c.share <= 1 for c in cells)


def test_cli_diffusion(corpus_catalogue: Catalogue, tmp_path) -> None:
    root, name = corpus_catalogue.path.parent.parent, corpus_catalogue.path.parent.name
    res = cli("diffusion", "精准扶贫", "-i", name, "--json", "--plot", str(tmp_path / "扩散.png"), indexes=root)
    assert res.code == 0, res.err
    [spread] = json.loads(res.out)
    assert spread["phrase"] == "精准扶贫" and spread["firsts"][0]["tier"] == "national"
    assert (tmp_path / "扩散.png").stat().st_size > 10_000
    res = cli("diffusion", "--echo", "--panel", "--region", "保定", "-i", name, "--csv", indexes=root)
    assert res.code == 0, res.err
    rows = list(csv.DictReader(io.StringIO(res.out)))
    assert rows and all("保定" in r["region"] for r in rows)
    for args, message in ((("--echo", "精准扶贫"), "give phrases"), ((), "give phrases"), (("x", "--panel"), "--panel goes with --echo"),
                          (("精准扶贫", "--region", "火星"), "no report")):  # fmt: skip
        res = cli("diffusion", *args, "-i", name, indexes=root)
        assert res.code == 1 and message in res.err and "Traceback" not in res.err, res.err
