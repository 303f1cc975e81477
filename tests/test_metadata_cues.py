"""Metadata read from the text alone: each cue on its own (fast), then whole real reports whose
title lines are cut away, as half the crawled reports come."""

import re

import pytest

from semcomp.ingest.delivery_year import YearCue, body_year_cues, national_year_cues, npc_year, settle
from semcomp.ingest.gazetteer import dominant_region, find_places, resolve_region
from semcomp.ingest.metadata import extract
from semcomp.ingest.opening import read_opening
from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.report_types import BUDGET, GWR, PLAN_H1, PLAN_YEAR, RESOLUTION, type_from_opening, type_from_title

from .conftest import DATA


def meta_of(body: str, front: str = "") -> tuple[dict, list[str]]:
    meta, warnings = extract(front.splitlines(), [], body.splitlines(), "doc_001.txt")
    return {k: f.value for k, f in meta.items()}, warnings


# ---- the opening formula, with the gazetteer's traps


@pytest.mark.parametrize(
    ("opening", "region", "level"),
    [
        ("现在，我代表沈阳市人民政府，向大会报告工作，请予审议。", "辽宁省沈阳市", "prefecture"),
        ("现在，我代表阿坝州人民政府，向大会报告工作，请予审议。", "四川省阿坝藏族羌族自治州", "prefecture"),
        ("现在，我代表锡林郭勒盟行政公署，向大会报告工作，请予审议。", "内蒙古自治区锡林郭勒盟", "prefecture"),
        ("现在，我代表吉林市人民政府，向大会报告工作。", "吉林省吉林市", "prefecture"),
        ("现在，我代表吉林省人民政府，向大会报告工作。", "吉林省", "province"),
        ("现在，我代表恩施州人民政府，向大会报告工作。", "湖北省恩施土家族苗族自治州", "prefecture"),
        ("现在，我代表恩施市人民政府，向大会报告工作。", "湖北省恩施土家族苗族自治州恩施市", "county"),
        ("现在，我代表黄山区人民政府，向大会报告工作。", "安徽省黄山市黄山区", "district"),
        ("现在，我代表丰宁满族自治县人民政府，向大会报告工作。", "河北省承德市丰宁满族自治县", "county"),
        ("现在，我代表国务院，向大会报告政府工作，请予审议。", "中国", "national"),
    ],
)
def test_the_opening_names_the_government_and_its_level(opening, region, level):
    meta, _ = meta_of(f"各位代表：\n{opening}\n一、2023年工作回顾")
    assert (meta["region"], meta["level"]) == (region, level)
    assert meta["report_type"] == GWR and meta["year"] == 2024


def test_a_league_report_is_a_work_report_marked_by_its_issuer():
    meta, _ = meta_of("各位代表：\n现在，我代表锡林郭勒盟行政公署，向大会报告工作，请予审议。")
    assert meta["report_type"] == GWR and meta["issuer"] == "锡林郭勒盟行政公署"


def test_a_national_congress_in_a_local_report_does_not_make_it_national():
    """A prefecture's opening beside mentions of 全国人大 and 中央人民政府 (the 阿坝州 case)."""
    body = "各位代表：\n现在，我代表阿坝州人民政府，向大会报告工作。\n全州认真贯彻全国人大和中央人民政府的部署，全州经济平稳增长。"
    meta, _ = meta_of(body)
    assert meta["level"] == "prefecture"


def test_the_unit_a_report_calls_itself_picks_the_place_among_those_it_names():
    """No name in the opening (我代表县人民政府): the county the body names most, not its city."""
    body = "现在，我代表县人民政府，向大会报告工作。\n" + "在保定市委的领导下，全县经济增长，容城县加快发展，容城特色产业壮大。" * 3
    meta, warnings = meta_of(body)
    assert (meta["region"], meta["level"]) == ("河北省保定市容城县", "county") and not warnings


def test_words_that_hold_a_county_name_are_not_that_county():
    assert [a for a, _ in find_places("建设国家级示范县，融入雄安新区")] == []
    assert dominant_region("创建示范县。" * 5 + "河南省", {"县"}) is None


def test_a_county_since_made_a_district_keeps_the_name_its_report_used():
    """清苑县 became 清苑区 in 2015; its 2003 report says 清苑县, and a 徐水 report saying 全县 was 徐水县's."""
    assert resolve_region("清苑县", {"县", "市辖区"}).path == "河北省保定市清苑县"
    region, count = dominant_region("保定市 徐水 徐水 徐水 全县", {"县", "市辖区"}, unit="县")
    assert (region.path, region.gov_level, count) == ("河北省保定市徐水县", "county", 3)


def test_unknown_beats_wrong_when_nothing_stands_out():
    meta, warnings = meta_of("现在，我代表县人民政府，向大会报告工作。\n全县经济平稳增长，全县人民团结奋斗。")
    assert "region" not in meta and "level" not in meta
    assert any("region left unknown" in w and "县人民政府" in w for w in warnings)


def test_a_masked_government_is_not_guessed_from_its_body():
    body = "受****人民政府委托，现将2021年上半年计划执行情况报告如下。\n" + "官渡区经济增长。" * 5
    meta, _ = meta_of(body)
    assert "region" not in meta and meta["report_type"] == PLAN_H1


def test_the_session_line_gives_the_unit_when_the_opening_is_missing():
    opening = read_opening("", "2018年，较好完成了县十六届人大二次会议确定的各项任务。", "全县")
    assert (opening.unit, opening.unit_cue) == ("县", "session")
    assert opening.session is None  # a sitting it looks back on (…确定的) does not date it


# ---- the delivery year


def test_a_review_heading_dates_the_report_a_year_later():
    assert body_year_cues(["一、2023年工作回顾", "2023年，全市经济回升向好。"]) == [
        YearCue(2024, "review heading 一、2023年工作回顾")
    ]
    assert settle(body_year_cues(["一、2018年工作回顾", "二、2019年目标任务和重点工作"])) == (2019, None)


def test_a_half_year_execution_report_is_dated_by_the_year_it_reviews():
    assert settle(body_year_cues(["一、2023年上半年工作回顾"], half_year=True)) == (2023, None)
    assert settle(body_year_cues(["一、2023年上半年工作回顾"])) == (2024, None)  # a work report's review: a year on


def test_the_position_of_a_bare_year_heading_says_review_or_plan():
    """一、关于2014年政府工作 (徐水县 2015) reviews; 三、关于2026年工作 (湖南省 2026) plans."""
    assert settle(body_year_cues(["一、关于2014年政府工作"])) == (2015, None)
    assert settle(body_year_cues(["一、2025年和“十四五”时期工作回顾", "三、关于2026年工作"])) == (2026, None)


def test_five_year_plan_headings_date_the_report():
    assert settle(body_year_cues(["“十四五”时期经济社会发展回顾", "“十五五”时期主要目标任务"])) == (2026, None)
    assert settle(body_year_cues(["一、“九五”回顾"])) == (2001, None)


def test_the_state_councils_own_ways_of_naming_its_year():
    """Real lines of the national reports: 1984, 2002, 2013, and a 2024 report's anniversary."""
    assert settle(body_year_cues(["今年十月一日是中华人民共和国成立三十五周年，我们将热烈隆重地庆祝这个节日。"])) == (1984, None)
    assert settle(body_year_cues(["今年是新中国成立75周年，是实现“十四五”规划目标任务的关键一年。"])) == (2024, None)
    assert settle(body_year_cues(["首先报告２００１年的工作".translate(str.maketrans("０１２", "012"))])) == (2002, None)
    assert settle(body_year_cues(["第十一届全国人民代表大会第一次会议以来的五年，是我国发展进程中极不平凡的五年。"])) == (2013, None)
    assert settle(national_year_cues(["从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。"])) == (1981, None)
    budget = "现在我代表中华人民共和国国务院向第一届全国人民代表大会第三次会议提出关于1955年国家决算和1956年国家预算的报告"
    assert settle(national_year_cues([budget])) == (1956, None)
    opening = read_opening("", "各位代表！现在，我代表国务院，向第五届全国人民代表大会作政府工作报告。", "")
    assert opening.session == (5, 1) and npc_year(*opening.session) == 1978


def test_cues_that_disagree_leave_the_year_unknown_and_say_why():
    year, warning = settle(body_year_cues(["一、2019年工作回顾", "二、2021年重点工作"]))
    assert year is None and "2020" in warning and "2021" in warning


def test_a_sitting_of_the_national_congress_dates_the_state_councils_report():
    assert [npc_year(13, 2), npc_year(1, 4), npc_year(3, 1), npc_year(10, 1)] == [2019, 1957, 1964, 2003]
    # a sitting it looks back on does not date it
    opening = read_opening("", "各位代表：现在，我代表国务院，向大会报告过去五年工作。第十二届全国人民代表大会第一次会议以来的五年", "")
    assert opening.national and opening.session is None


# ---- types of the genre


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于2023年政府工作报告的决议", RESOLUTION),
        ("关于2023年全市预算执行情况和2024年预算草案的报告", BUDGET),
        ("关于2023年国民经济和社会发展计划执行情况与2024年计划草案的报告", PLAN_YEAR),
        ("2023年上半年国民经济和社会发展计划执行情况报告", PLAN_H1),
        ("锡林郭勒盟行政公署工作报告", GWR),
        ("关于保定市国民经济和社会发展第十二个五年规划纲要的报告", GWR),
        ("王正谱在省十四届人大四次会议上的政府工作报告（摘登）", GWR),
    ],
)
def test_titles_of_the_genre(title, kind):
    assert type_from_title(title) == kind


def test_without_a_title_the_opening_or_the_review_heading_says_it_is_a_work_report():
    assert type_from_opening("1月30日，市长闫继红在市十六届人大四次会议上作政府工作报告时说") == GWR
    assert type_from_opening("2014年，在市委的领导下", ["一、 2014年工作回顾"]) == GWR
    assert type_from_opening("受市人民政府委托，现将2023年全市预算执行情况和2024年预算草案提请审议") == BUDGET
    assert type_from_opening("全市经济平稳增长。") is None


# ---- whole real reports without their title lines

HEAD = re.compile(r"^\s*(?:各位代表|一、)", re.M)


@pytest.mark.parametrize(
    ("path", "region", "level", "year"),
    [
        ("baoding_hebei/hebei_baoding_130629_容城县_2015_gwr.txt", "河北省保定市容城县", "county", 2015),
        ("baoding_hebei/hebei_baoding_130608_清苑县_2005_gwr.txt", "河北省保定市清苑县", "county", 2005),
        ("baoding_hebei/hebei_河北省_2015_gwr.txt", "河北省", "province", 2015),
        ("hailaer_district/neimenggu_hulunbeier_hailaer_2019_gwr.txt", "内蒙古自治区呼伦贝尔市海拉尔区", "district", 2019),
        ("provincial_2026/province_湖南省_2026_gwr.txt", "湖南省", "province", 2026),
        ("national_gwr/national_2025_gwr.txt", "中国", "national", 2025),
    ],
)
def test_real_reports_cut_before_their_salutation_keep_their_metadata(path, region, level, year):
    raw = (DATA / path).read_text(encoding="utf-8")
    raw = raw[HEAD.search(raw).start() :]
    (report,), _ = parse_document(raw, "doc_017.txt", "doc_017")
    assert (report.value("region"), report.gov_level, report.value("year")) == (region, level, year)
    assert report.value("report_type") == GWR
    assert report.meta["region"].source in ("opening", "body") and report.meta["region"].confidence < 1


def test_a_report_filed_under_the_wrong_county_is_read_as_the_county_it_is():
    """The corpus files 新安县 (河南省洛阳市) as 安新县 (河北省保定市): the text says 新安 11 times, 安新 never."""
    raw = (DATA / "baoding_hebei/hebei_baoding_130632_安新县_2024_gwr.txt").read_text(encoding="utf-8")
    (report,), _ = parse_document(raw, "doc_017.txt", "doc_017")
    assert report.value("region") == "河南省洛阳市新安县"


# ---- a gazette holding several documents of one session

RESOLUTION_TEXT = """福建省第十四届人民代表大会第四次会议关于政府工作报告的决议
（2026年2月1日福建省第十四届人民代表大会第四次会议通过）
福建省第十四届人民代表大会第四次会议听取和审议了省长赵龙所作的政府工作报告。会议充分肯定省人民政府过去一年的工作，同意报告提出的今年经济社会发展的总体要求、主要目标和重点任务，决定批准这个报告。
"""


def test_a_gazette_is_split_into_its_documents_each_with_its_type_and_date():
    """A 政府公报 issue: its header, the province's real 2026 work report, a real plan execution
    report, and the congress's resolution on the work report (the genre's formula)."""
    report = (DATA / "provincial_2026/province_福建省_2026_gwr.txt").read_text(encoding="utf-8")
    plan = next((DATA / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    gazette = "福建省人民政府公报\n2026年第5期（总第1201期）\n" + report + "\n" + plan + "\n" + RESOLUTION_TEXT
    reports, _ = parse_document(gazette, "gazette.txt", "gazette")
    got = [(r.value("report_type"), r.value("date"), r.value("year")) for r in reports]
    assert got == [(GWR, "2026-01-27", 2026), (PLAN_H1, "2023-08-31", 2023), (RESOLUTION, "2026-02-01", 2026)]
    assert reports[0].value("region") == reports[2].value("region") == "福建省"
    assert all(r.passages for r in reports) and reports[0].end <= reports[1].start
