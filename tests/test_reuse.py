"""Copied phrasing on real reports: seeds 000/001, copies planted the ways counties copy (inside a longer
sentence, clauses reordered, punctuation changed), clusters of witnesses, formulas, boilerplate, bad input."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from semcomp import Catalogue, ingest
from semcomp.reuse.boilerplate import boilerplate
from semcomp.reuse.clusters import reuse_clusters
from semcomp.reuse.export import write_passim
from semcomp.reuse.finder import ReuseError, find_reuse
from semcomp.reuse.matrix import share_matrix
from semcomp.text.template import MASK_CHAR, template, template_text

from .conftest import DATA, cli, external, seed

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
    # the text-only form is the same, on a real report and each of its clauses
    raw = seed("002").read_text(encoding="utf-8")
    for text in [raw, *re.split("[，。\n]", raw), "**、**等地招商5家", "二十*个项目"]:
        assert template_text(text) == template(text).text


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


def test_matching_in_blocks_of_reports_gives_the_same_findings(corpus_findings, corpus_catalogue) -> None:
    from semcomp.reuse.finder import match_streams
    from semcomp.reuse.stream import load_streams

    copies = corpus_catalogue.second_copies()  # left out of find_reuse by default
    reports = {r.id: r for r in corpus_catalogue.reports() if r.id not in copies}
    blocked = match_streams(load_streams(corpus_catalogue, list(reports)), reports, block=60)  # 4 blocks, 10 block pairs

    def key(f) -> tuple:
        return (f.source.report_id, f.source.start, f.source.end, f.target.report_id, f.target.start, f.target.end, f.kind, f.boilerplate)

    assert len(blocked) == len(corpus_findings) > 1000
    assert {key(f) for f in blocked} == {key(f) for f in corpus_findings}


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
    year = {r.id: r.value("year") for r in seeds_catalogue.reports()}
    assert [year[c.target] for c in cells] == sorted(year[c.target] for c in cells), "in date order"
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

    cat = Catalogue.open("halfyear", search_root)
    verbatim = find_reuse(cat)
    reworded = find_paraphrases(cat, verbatim)
    assert reworded and all(f.kind == "paraphrase" for f in reworded)
    assert all(f.similarity >= MIN_COSINE and word_overlap(f.source.text, f.target.text) >= 0.3 for f in reworded)
    verbatim_starts = {(f.source.report_id, f.source.start) for f in verbatim}
    assert not {(f.source.report_id, f.source.start) for f in reworded} & verbatim_starts
    assert all(f.source.report_id == B for f in reworded), "the 2021 report is the earlier one"


# the ways counties copy, planted into a real report (海拉尔区 2015) from a real one (官渡区 2023, seed 000)
INSIDE = "全省首建知识产权纠纷快调快处快审协同工作机制"
REORDERED = ("持续开展城乡绿化美化工作,扎实推进公园城市建设,建成6个小游园、口袋公园,新增城市绿地面积2.78公顷",
             "扎实推进公园城市建设,持续开展城乡绿化美化工作,建成6个小游园、口袋公园,新增城市绿地面积2.78公顷")  # fmt: skip
MERGED = ("五里片区城中村改造入选云南省城市更新改造示范项目。和美欣城、普自项目等3899套回迁安置房按时按质交付",
          "五里片区城中村改造入选云南省城市更新改造示范项目；和美欣城、普自项目等3899套回迁安置房按时按质交付")  # fmt: skip


# rewritten the way a county adopts a superior's text: a localising clause added, a policy word swapped, a
# clause dropped, the figures changed (区 for 县 is the same template)
ADAPTED = ("深入开展人才强区三年行动,用好人力资源服务产业园,年内新增省级以上高层次人才10人以上,新增研发实验室、专家工作站等5个",
           "结合本地实际，扎实开展人才强县三年行动，年内新增省级以上高层次人才25人以上，新增研发实验室、专家工作站等8个")  # fmt: skip


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    source = seed("000").read_text(encoding="utf-8")
    assert INSIDE in source and REORDERED[0] in source and MERGED[0] in source and ADAPTED[0] in source
    target = external("neimenggu_hulunbeier_hailaer_2015_gwr.txt").read_text(encoding="utf-8")
    # inside a long sentence of the target: after its second comma
    sentence = next(m for m in re.finditer(r"[^。\n]{80,}。", target[len(target) // 3 :]) if m.group().count("，") >= 3)
    at = len(target) // 3 + sentence.start() + [m.end() for m in re.finditer("，", sentence.group())][1]
    target = target[:at] + INSIDE + "，" + target[at:]
    spans = {"inside": (at, at + len(INSIDE))}
    for name, text, at_eighth in (("reordered", REORDERED[1], 4), ("adapted", ADAPTED[1], 5), ("merged", MERGED[1], 6)):
        where = target.index("\n", len(target) * at_eighth // 8) + 1
        target = target[:where] + text + "。\n" + target[where:]
        spans = {k: (s + len(text) + 2, e + len(text) + 2) if s >= where else (s, e) for k, (s, e) in spans.items()}
        spans[name] = (where, where + len(text))
    root = tmp_path_factory.mktemp("planted")
    (root / "src").mkdir()
    (root / "src" / "source.txt").write_text(source, encoding="utf-8")
    (root / "src" / "target.txt").write_text(target, encoding="utf-8")
    cat = Catalogue(root / "c.sqlite", create=True)
    ingest([root / "src"], cat)
    ids = {Path(r.source).name: r.id for r in cat.reports()}
    return cat, find_reuse(cat), spans, ids, source, target


def _finding_at(findings, report_id: str, span: tuple[int, int]):
    for f in findings:
        for side, other in ((f.source, f.target), (f.target, f.source)):
            if side.report_id == report_id and side.start <= span[0] and side.end >= span[1] - 1:
                return f, side, other
    raise AssertionError(f"no finding covers {span}")


def test_clause_inside_a_longer_sentence_is_found_with_exact_offsets(planted) -> None:
    cat, findings, spans, ids, source, _ = planted
    _, side, other = _finding_at(findings, ids["target.txt"], spans["inside"])
    assert (side.start, side.end) == spans["inside"], "exactly the copied clause, not its sentence"
    start = source.index(INSIDE)
    assert (other.start, other.end) == (start, start + len(INSIDE))
    holder = next(p for p in cat.report(ids["target.txt"]).passages if p.granularity == "sentence" and p.start <= side.start < p.end)
    assert len(holder.text) > len(INSIDE) + 40, "the copy sits inside a much longer sentence"


def test_reordered_clauses_are_one_finding_showing_the_moved_clause(planted) -> None:
    _, findings, spans, ids, source, _ = planted
    f, side, other = _finding_at(findings, ids["target.txt"], spans["reordered"])
    assert f.kind == "reordered"
    assert abs(side.start - spans["reordered"][0]) <= 1 and abs(side.end - spans["reordered"][1]) <= 1
    assert other.start == source.index(REORDERED[0])
    moved = "".join(a + b for tag, a, b in f.opcodes if tag == "moved")
    assert "扎实推进公园城市建设" in moved or "持续开展城乡绿化美化工作" in moved, "one of the two swapped clauses is shown moved"


def test_an_adapted_copy_is_one_finding_that_says_how_it_was_adapted(planted) -> None:
    _, findings, spans, ids, source, target = planted
    f, side, other = _finding_at(findings, ids["target.txt"], spans["adapted"])
    assert (side.start, side.end) == spans["adapted"], "the added clause belongs to the copy"
    assert other.text == ADAPTED[0] and other.start == source.index(ADAPTED[0])
    # the planted report is of 2015, so it stands as the candidate source and the 2023 report as the later one
    assert f.source is side and f.kind == "adapted" and f.adaptation.swapped == [("扎实", "深入")]
    assert f.adaptation.dropped == ["结合本地实际"] and f.adaptation.added == ["用好人力资源服务产业园"]
    assert f.adaptation.figures == [("25", "10"), ("8", "5")]
    assert "".join(op[1] for op in f.opcodes) == target[side.start : side.end]


def test_changed_punctuation_and_merged_sentences_are_one_verbatim_finding(planted) -> None:
    _, findings, spans, ids, _, target = planted
    f, side, _ = _finding_at(findings, ids["target.txt"], spans["merged"])
    assert "；" in side.text and side.text == target[side.start : side.end]
    for pos, s in ((0, f.source), (1, f.target)):
        assert "".join(op[1 + pos] for op in f.opcodes) == s.text, "the pieces of every view join into the verbatim quote"


def test_quotes_of_a_traditional_report_with_pinyin_are_exact(seeds_catalogue, seed_findings) -> None:
    annotated = next(r.id for r in seeds_catalogue.reports() if r.id.startswith("002"))  # 繁體 with readings: 區(qū)
    sides = [s for f in seed_findings for s in (f.source, f.target) if s.report_id == annotated]
    assert sides
    raw = seeds_catalogue.raw_text(annotated)
    for s in sides:
        assert raw[s.start : s.end] == s.text and len(s.text) < 300, "the copied stretch, not the whole sentence"
    assert any("區(qū)" in s.text for s in sides), "quoted in the original script, readings included"


@pytest.fixture(scope="module")
def hailaer(tmp_path_factory: pytest.TempPathFactory):
    cat = Catalogue(tmp_path_factory.mktemp("hailaer") / "c.sqlite", create=True)
    ingest([DATA / "hailaer_district"], cat)
    return cat, find_reuse(cat)


def test_a_cluster_lists_all_its_witnesses_earliest_first(hailaer) -> None:
    cat, findings = hailaer
    found = reuse_clusters(cat, findings)
    widest = found[0]
    assert widest.reports >= 5 and not widest.boilerplate
    years = [w.year for w in widest.witnesses]
    assert years == sorted(years) and widest.witnesses[0].year == min(years)
    members = [f for f in findings if f.cluster == widest.id]
    assert {w.report_id for w in widest.witnesses} == {s.report_id for f in members for s in (f.source, f.target)}
    assert all(f.spread_reports <= widest.reports for f in members)


def test_formulaic_openings_rank_as_boilerplate(hailaer) -> None:
    _, findings = hailaer
    opening = [f for f in findings if "向大会报告工作" in f.target.text or "向大会作政府工作报告" in f.target.text]
    assert opening and all(f.boilerplate for f in opening)
    first_formula = next(k for k, f in enumerate(findings) if f.boilerplate)
    assert not any(f.boilerplate for f in findings[:first_formula]) and not any(not f.boilerplate for f in findings[first_formula:])


def test_boilerplate_lineage(corpus_catalogue) -> None:
    phrases = boilerplate(corpus_catalogue, top=20)
    reports = {r.id: r for r in corpus_catalogue.reports()}
    for p in phrases:
        assert p.first_year == min(p.by_year) and reports[p.first_report].value("year") == p.first_year
        assert sum(p.by_gov_level.values()) == p.reports


def test_cli_clusters_matrix_and_bad_flags(tmp_path: Path) -> None:
    root = tmp_path / "indexes"
    assert cli("ingest", str(DATA / "hailaer_district"), "-i", "h", indexes=root).code == 0
    result = cli("reuse", "-i", "h", "--clusters", "--json", indexes=root)
    assert result.code == 0
    data = json.loads(result.out)
    assert data[0]["witnesses"][0]["year"] <= data[0]["witnesses"][-1]["year"]
    result = cli("reuse", "-i", "h", "--plot", str(tmp_path / "m.png"), indexes=root)
    assert result.code == 1 and "--matrix" in result.err and len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "m.png").exists()
    result = cli("reuse", "-i", "h", "--matrix", "--plot", str(tmp_path / "m.png"), indexes=root)
    assert result.code == 0 and (tmp_path / "m.png").stat().st_size > 10_000


def test_reuse_show_wraps_whole_passages_at_80_columns(search_root: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from rich.cells import cell_len

    env = os.environ | {"SEMCOMP_INDEXES": str(search_root), "COLUMNS": "80"}
    run = [sys.executable, "-m", "semcomp", "reuse", "show", "官渡区2023", "001_a8e5e", "-i", "halfyear"]
    shown = subprocess.run(run, capture_output=True, text=True, env=env)
    found = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, env=env).stdout)
    lines = shown.stdout.splitlines()
    assert shown.returncode == 0 and found and max(cell_len(line) for line in lines) <= 80
    # the earlier column, read back cell by cell, holds each passage whole: wrapped, never cut with "…"
    earlier = "".join("".join(line.split("│")[1].split()) for line in lines if line.startswith("│")).replace("A:", "")
    for f in found:
        assert "".join(f["source"]["text"].split()) in earlier
