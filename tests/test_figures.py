"""Key figures read from real reports: the seeds' half-year figures, a 保定 series, bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from semcomp import Catalogue
from semcomp.figures.reader import Context, read
from semcomp.figures.report import report_figures
from semcomp.figures.series import FiguresError, series
from semcomp.store.filters import Filters

from .conftest import by_source, cli

A, B = "001_a8e5ecbf9c348b01", "000_783dc1874403daa0"  # half-year reports of 2021 and 2023


def facts(cat: Catalogue, report_id: str) -> set[tuple]:
    return {(f.indicator, f.kind, f.measure, f.normalised if f.measure == "level" else f.value, f.normal_unit, f.period)
            for f in report_figures(cat.report(report_id)) if f.standard}  # fmt: skip


@pytest.mark.parametrize(("report", "year", "values"), [
    (A, 2021, [("地区生产总值", 747.7, 7.1), ("一般公共预算收入", 27.95, 17.1),
               ("城镇居民人均可支配收入", 27478, 11.0), ("农村居民人均可支配收入", 15341, 14.3)]),
    (B, 2023, [("地区生产总值", 806, 3.2), ("一般公共预算收入", 21.91, 1.3),
               ("城镇居民人均可支配收入", 29092, 3.0), ("农村居民人均可支配收入", 17191, 6.4)]),
])  # fmt: skip
def test_half_year_results_with_units_periods_and_kind(seeds_catalogue: Catalogue, report: str, year: int, values: list) -> None:
    found = facts(seeds_catalogue, report)
    for name, level, growth in values:
        unit = "元" if "收入" in name and "人均" in name else "亿元"
        assert (name, "result", "level", level, unit, f"{year}年上半年") in found, name
        assert (name, "result", "growth", growth, "%", f"{year}年上半年") in found, name


def test_targets_and_the_stated_gap(seeds_catalogue: Catalogue) -> None:
    a = facts(seeds_catalogue, A)  # targets come from its indicator table
    assert ("地区生产总值", "target", "growth", 8.0, "%", "2021年") in a
    assert ("城镇登记失业率", "target", "level", 5.0, "%", "2021年") in a
    gdp = next(f for f in report_figures(seeds_catalogue.report(B)) if f.indicator == "地区生产总值" and f.measure == "growth")
    assert gdp.gap == -1.8  # 塌目标1.8个百分点


def test_units_are_normalised_and_synonyms_merged(seeds_catalogue: Catalogue) -> None:
    b = facts(seeds_catalogue, B)
    assert ("城镇新增就业", "result", "level", 2.2025, "万人", "2023年上半年") in b  # 22025人
    assert ("城镇新增就业", "target", "level", 2.55, "万人", "2023年") in b  # 2.55万人
    a = facts(seeds_catalogue, A)
    assert any(f[0] == "空气质量优良率" for f in a) and any(f[0] == "空气质量优良率" for f in b)  # 空气优良率 / 空气质量优良率


def test_several_values_in_one_clause_and_targets_in_plans() -> None:
    review = Context(2009, 2010, "review")
    got = read([("城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%。", 0, 40)], review)
    assert [(f.indicator, f.describe()) for f in got] == [
        ("城镇居民人均可支配收入", "17175元"), ("农民人均纯收入", "5153元"),
        ("城镇居民人均可支配收入", "增长9.8%"), ("农民人均纯收入", "增长8.5%")]  # fmt: skip
    plan = read([("主要预期目标是：生产总值增长6%以上，一般公共预算收入增长6.5%以上，城镇登记失业率控制在4.6％以内。", 0, 50)],
                Context(2022, 2023, "plan"))  # fmt: skip
    assert [(f.indicator, f.kind, f.period, f.describe()) for f in plan] == [
        ("地区生产总值", "target", "2023年", "增长6%以上"), ("一般公共预算收入", "target", "2023年", "增长6.5%以上"),
        ("城镇登记失业率", "target", "2023年", "4.6%以内")]  # fmt: skip
    estimate = read([("预计实现区域内生产总值同比增5%左右，一般公共预算收入同口径下降2.8%。", 0, 30)], review)
    assert [(f.kind, f.change, f.value) for f in estimate] == [("estimate", "增长", 5.0), ("estimate", "下降", 2.8)]


def test_fragments_are_never_figures(seeds_catalogue: Catalogue) -> None:
    for rid in (A, B):
        for f in report_figures(seeds_catalogue.report(rid)):
            assert len(f.indicator) >= 3 and not any(c in f.indicator for c in "（）()、，|0123456789"), f.indicator
    assert read([("占35.2%，投入12亿元，建设5个。", 0, 10)], Context(2022, 2023, "review")) == []


def test_series_across_years_takes_results_and_targets_from_different_reports(corpus_catalogue: Catalogue) -> None:
    rows = series(corpus_catalogue, "GDP", Filters(region="保定市"))
    city = {r.year: r for r in rows if r.region == "河北省保定市" and r.period == f"{r.year}年"}
    assert city[2021].result.normalised == 3725 and city[2021].growth.value == 7.2
    assert city[2021].target.describe() == "增长8%以上" and city[2021].reports == ["hebei_保定市_2021_gwr", "hebei_保定市_2022_gwr"]
    assert city[2009].result.normalised == 1737.6 and city[2010].target.describe() == "增长11%"
    assert len({r.region for r in rows}) >= 10 and len(city) >= 10
    with pytest.raises(FiguresError, match="unknown indicator"):
        series(corpus_catalogue, "幸福指数")


def test_cli_report_series_and_bad_input(corpus_catalogue: Catalogue) -> None:
    root, name = corpus_catalogue.path.parent.parent, corpus_catalogue.path.parent.name
    hailaer = sorted(r.id for r in by_source(corpus_catalogue, "neimenggu_hulunbeier_hailaer_2015"))[0]
    res = cli("figures", hailaer, "-i", name, "--json", indexes=root)
    assert res.code == 0, res.err
    gdp = [f for f in json.loads(res.out) if f["indicator"] == "地区生产总值" and f["kind"] == "result"]
    assert {(f["value"], f["unit"], f["period"]) for f in gdp} >= {(274.4, "亿元", "2014年"), (9.1, "%", "2014年")}
    res = cli("figures", "--indicator", "一般公共预算收入", "--region", "海拉尔", "-i", name, "--csv", indexes=root)
    assert res.code == 0 and res.out.startswith("region,period,year,result") and "13.7" in res.out
    bad = [(("--indicator", "幸福指数"), "unknown indicator"), (("--indicator", "城镇调查失业率", "--region", "海拉尔"), "states"),
           ((), "give a report")]  # fmt: skip
    for args, message in bad:
        res = cli("figures", *args, "-i", name, indexes=root)
        assert res.code == 1 and message in res.err and "Traceback" not in res.err, res.err


def test_a_report_without_figures_is_one_line(tmp_path) -> None:
    from semcomp import ingest

    page = tmp_path / "无数字.txt"
    text = ("海拉尔区人民政府工作报告\n\n各位代表：\n\n现在，我代表区人民政府向大会报告工作，请予审议，并请各位政协委员和列席人员提出意见。"
            "我们坚持稳中求进工作总基调，统筹发展和安全，扎实推进各项工作，经济社会保持平稳健康发展。\n")  # fmt: skip
    page.write_text(text, encoding="utf-8")
    cat = Catalogue(tmp_path / "plain" / "catalogue.sqlite", create=True)
    ingest([page], cat)
    rid = cat.reports()[0].id
    cat.close()
    res = cli("figures", rid, "-i", "plain", indexes=tmp_path)
    assert res.code == 1 and "states no figures" in res.err and "Traceback" not in res.err, res.err


@pytest.mark.parametrize(("sentence", "expected"), [
    ("国内生产总值增长6.5%－7%", ("增长6.5—7%", None, "range", False)),  # a full-width dash, as the State Council writes it
    ("一般公共预算收入增长不低于6%", ("增长6%", "不低于", "不低于", False)),
    ("力争地区生产总值增长8%以上", ("增长8%以上", "力争", "力争+以上", False)),
    ("城镇登记失业率控制在4.5%以内", ("4.5%以内", "控制在", "控制在+以内", True)),
    ("固定资产投资增长约8%", ("增长8%", "约", "约", False)),
    ("节约集约用地，地区生产总值增长6%", ("增长6%", None, None, False)),  # 约 inside 节约 is no hedge
    ("单位生产总值能耗下降3%左右", ("下降3%左右", None, "左右", True)),
])  # fmt: skip
def test_how_firm_a_target_is(sentence: str, expected: tuple) -> None:
    from semcomp.figures.targets import _is_ceiling, modifier

    [f] = read([(sentence, 0, len(sentence))], Context(2023, 2024, "plan", this_year=2024))
    assert (f.kind, f.describe(), f.hedge, modifier(f), _is_ceiling(f.indicator, f)) == ("target", *expected)


def test_targets_meet_their_results_and_their_superiors(corpus_catalogue: Catalogue) -> None:
    from semcomp.figures.targets import targets

    [national] = by_source(corpus_catalogue, "national_2023_")
    found = {t.indicator: t for t in targets(corpus_catalogue, Filters(reports=(national.id,)))}
    gdp = found["地区生产总值"]  # 5%左右 for 2023; the 2024 report states 5.2 %
    assert (gdp.stated, gdp.modifier, gdp.result, gdp.status, gdp.gap) == ("增长5%左右", "左右", 5.2, "met", 0.2)
    assert gdp.result_report.startswith("national_2024")
    jobless = found["城镇调查失业率"]  # a ceiling: 5.2 % against 5.5%左右 is met
    assert (jobless.ceiling, jobless.result, jobless.status, jobless.gap) == (True, 5.2, "met", -0.3)
    hebei = next(t for t in targets(corpus_catalogue, Filters(region="河北省", years=(2024, 2024)), "GDP") if t.region == "河北省")
    assert (hebei.region, hebei.region_code, hebei.stated) == ("河北省", "130000", "增长5.5%左右")
    assert (hebei.superior, hebei.superior_stated, hebei.amplification) == ("中华人民共和国国务院", "增长5%左右", 0.5)


def test_cli_targets(corpus_catalogue: Catalogue) -> None:
    root, name = corpus_catalogue.path.parent.parent, corpus_catalogue.path.parent.name
    res = cli("figures", "--targets", "--indicator", "地区生产总值", "--region", "保定市", "-i", name, "--csv", indexes=root)
    assert res.code == 0, res.err
    rows = list(csv.DictReader(io.StringIO(res.out)))
    assert rows and all(r["indicator"] == "地区生产总值" and "保定市" in r["region"] for r in rows)
    assert {r["status"] for r in rows} >= {"met", "missed"}
    county = next(r for r in rows if r["region"] != "河北省保定市" and r["superior"])
    assert county["superior"] == "河北省保定市" and county["amplification"]
